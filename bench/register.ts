/**
 * Register benchmark on PostgreSQL: a CSV of 100,000 generated members imported through the same
 * code path as the page, the API and the CLI (read + match with the register + write in one
 * transaction), against a bare `COPY` of the same file into a plain table in the same run; then
 * p50/p95 of a filtered member search and of the member list page as a logged-in staff member.
 *
 *   npm run bench:register
 *   npm run bench:register -- --rows 20000 --samples 100
 *   BENCH_ROWS=20000 BENCH_SAMPLES=100 BENCH_DATABASE_URL=postgres://… npm run bench:register
 *
 * Runs in a throw-away database that is dropped at the end (also on Ctrl-C).
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { buildApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { firstNames, lastNames, seededRandom } from '../src/platform/demo-names.js';
import { system, type Actor } from '../src/platform/actor.js';
import { startSession } from '../src/kernel/auth/sessions.js';
import { SESSION_COOKIE } from '../src/kernel/request-context.js';
import { listMembers, memberListQuery } from '../src/features/members/index.js';
import { loadGrants } from '../src/kernel/grants.js';
import { importMembers } from '../src/features/import/import.js';
import { MAX_IMPORT_BYTES } from '../src/features/import/csv.js';
import { benchDatabase, fmt, say, setting, table, type BenchDatabase } from './support.js';

const { values: args } = parseArgs({ options: { rows: { type: 'string' }, samples: { type: 'string' } } });


const rowCount = setting('bench:register', '--rows / BENCH_ROWS', args.rows, process.env.BENCH_ROWS, 100_000, 1);
const samples = setting('bench:register', '--samples / BENCH_SAMPLES', args.samples, process.env.BENCH_SAMPLES, 200, 10);

const HEADER = [
  'member_number', 'first_name', 'last_name', 'email', 'phone', 'address', 'postal_code', 'city', 'date_of_birth', 'preferred_language',
  'membership_type', 'unit', 'status', 'joined_on', 'workplace_p_number', 'job_title', 'leader',
];

function ascii(s: string): string {
  return s.toLowerCase().replace(/æ/g, 'ae').replace(/[øö]/g, 'oe').replace(/[åä]/g, 'aa').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** A register as an old system exports it: `;`-separated, Danish dates now and then, quoted addresses. */
function generateCsv(rows: number, pNumbers: string[]): Buffer {
  const random = seededRandom(4711);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const lines = [HEADER.join(';')];
  const two = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < rows; i++) {
    const first = pick(firstNames);
    const last = pick(lastNames);
    const y = 1950 + Math.floor(random() * 50);
    const m = 1 + Math.floor(random() * 12);
    const d = 1 + Math.floor(random() * 28);
    const roll = random();
    const employed = random() < 0.7;
    lines.push(
      [
        i % 10 === 9 ? '' : String(2_000_000 + i),
        first,
        last,
        `${ascii(first)}.${ascii(last)}.${i}@bench.example`,
        `+45 ${20_000_000 + i}`,
        i % 5 === 0 ? `"${pick(['Skolevej', 'Kirkevej', 'Engvej'])} ${1 + (i % 90)}; ${1 + (i % 4)}. tv."` : `${pick(['Møllevej', 'Stationsvej', 'Åboulevarden'])} ${1 + (i % 120)}`,
        String(1000 + (i % 8999)),
        pick(['Nordby', 'Midtby', 'Sydby', 'Århus']),
        i % 2 === 0 ? `${y}-${two(m)}-${two(d)}` : `${two(d)}-${two(m)}-${y}`,
        random() < 0.1 ? 'sv' : 'da',
        roll < 0.05 ? 'student' : roll > 0.97 ? 'retired' : 'ordinary',
        pick(['Nord', 'Midt', 'Syd']),
        roll < 0.9 ? 'active' : roll < 0.95 ? 'resigned' : 'applicant',
        `${2000 + (i % 25)}-${two(1 + (i % 12))}-01`,
        employed ? pick(pNumbers) : '',
        employed ? pick(['Pædagog', 'Socialpædagog', 'Omsorgsmedhjælper']) : '',
        employed ? (random() < 0.1 ? 'ja' : 'nej') : '',
      ].join(';'),
    );
  }
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(n: number, run: (i: number) => Promise<void>): Promise<{ p50: number; p95: number; mean: number }> {
  for (let i = 0; i < Math.min(20, n); i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), mean: times.reduce((a, b) => a + b, 0) / times.length };
}



async function main(): Promise<void> {
  let bench: BenchDatabase | null = null;
  let app: FastifyInstance | null = null;
  let cleaned = false;

  async function cleanup(): Promise<void> {
    if (cleaned) return;
    cleaned = true;
    if (app) await app.close().catch(() => {});
    if (bench) await bench.drop();
  }
  const onSignal = () => {
    process.stderr.write('\nInterrupted: cleaning up…\n');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    bench = await benchDatabase();
    const { database, name: dbName } = bench;
    const url = new URL(bench.url);
    const pNumbers = (await database.executeSql(`select p_number from workplaces where p_number is not null order by p_number`)).rows.map((r) => String(r.p_number));

    const csv = generateCsv(rowCount, pNumbers);
    if (csv.length > MAX_IMPORT_BYTES) throw new Error(`the generated file is ${fmt(csv.length)} bytes, over the import's limit`);
    say(`bench:register — ${fmt(rowCount)} members, ${fmt(csv.length / 1024 / 1024, 1)} MB of CSV; PostgreSQL database ${dbName} (demo organisation seeded); Node ${process.version}\n`);

    // The import, exactly as the page, API and CLI run it: first a dry run, then for real, then again.
    const timed = async (dryRun: boolean) => {
      const start = performance.now();
      const outcome = await importMembers(database.db, system, { csv, dryRun });
      const ms = performance.now() - start;
      if (!outcome.ok) throw new Error(`the import failed: ${JSON.stringify(outcome.report.problems.slice(0, 5))}`);
      return { ms, outcome };
    };
    const dry = await timed(true);
    const real = await timed(false);
    const again = await timed(false);
    if (real.outcome.report.created !== rowCount) throw new Error(`expected ${rowCount} created, got ${real.outcome.report.created}`);
    if (again.outcome.report.unchanged !== rowCount) throw new Error(`the second import was not a no-op: ${JSON.stringify(again.outcome.report)}`);

    // A bare COPY of the same bytes into a plain table of text columns: the floor of what loading costs.
    await database.executeSql(`create table bench_copy (${HEADER.map((h) => `${h} text`).join(', ')})`);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const copyStart = performance.now();
    await pipeline(Readable.from([csv]), client.query(copyFrom(`COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';')`)));
    const copyMs = performance.now() - copyStart;
    await client.end();
    const copied = Number((await database.executeSql(`select count(*)::int as n from bench_copy`)).rows[0].n);
    if (copied !== rowCount) throw new Error(`COPY loaded ${copied} rows`);

    // A second floor: COPY of the same people into a copy of the register's own persons table, with
    // its indexes (unique e-mail, text search, both sort keys) and generated columns. This is what
    // storing a person costs the database before any validation, history or audit.
    const personCols = 'first_name, last_name, email, phone, address_line, postal_code, city';
    const copy2 = new pg.Client({ connectionString: url.toString() });
    await copy2.connect();
    const chunks: Buffer[] = [];
    for await (const chunk of copy2.query(copyTo(`COPY (select first_name, last_name, email, phone, address, postal_code, city from bench_copy) TO STDOUT WITH (FORMAT csv)`))) chunks.push(chunk as Buffer);
    await copy2.query('create table bench_persons (like persons including all)');
    const copy2Start = performance.now();
    await pipeline(Readable.from([Buffer.concat(chunks)]), copy2.query(copyFrom(`COPY bench_persons (${personCols}) FROM STDIN WITH (FORMAT csv)`)));
    const copyTablesMs = performance.now() - copy2Start;
    await copy2.end();

    const rate = (ms: number) => rowCount / (ms / 1000);
    const t = real.outcome.timings;
    say(
      table([
        ['load', 'seconds', 'rows/s'],
        ['import: read + match + write, one transaction', fmt(real.ms / 1000, 2), fmt(rate(real.ms))],
        ['  read CSV', fmt(t.read / 1000, 2), ''],
        ['  match with the register', fmt(t.plan / 1000, 2), ''],
        ['  write (set-based)', fmt(t.apply / 1000, 2), ''],
        ['dry run of the same file', fmt(dry.ms / 1000, 2), fmt(rate(dry.ms))],
        ['import again (all unchanged)', fmt(again.ms / 1000, 2), fmt(rate(again.ms))],
        ['bare COPY into a plain table of text columns', fmt(copyMs / 1000, 2), fmt(rate(copyMs))],
        ['COPY of the people into a copy of the persons table (its indexes)', fmt(copyTablesMs / 1000, 2), fmt(rate(copyTablesMs))],
      ]),
    );
    const ratio = copyMs / real.ms;
    const ratioTables = copyTablesMs / real.ms;
    say(`\nimport / COPY into a plain table: ${fmt(ratio, 3)} of COPY's rate (COPY is ${fmt(real.ms / copyMs, 1)}× faster)`);
    say(`import / COPY into the persons table: ${fmt(ratioTables, 3)} (COPY is ${fmt(real.ms / copyTablesMs, 1)}× faster)`);
    say(
      `targets: import ≥ 10,000 rows/s ${rate(real.ms) >= 10_000 ? 'MET' : 'MISSED'}; ` +
        `import ≥ 1/10 of COPY: ${ratio >= 0.1 ? 'MET' : 'MISSED'} against the plain table, ${ratioTables >= 0.1 ? 'MET' : 'MISSED'} against the persons table\n`,
    );

    // Queries after autovacuum would have analysed the new rows; run it now instead of waiting.
    await database.executeSql('analyze');
    const [staff] = (await database.executeSql(`select p.id from persons p where p.email = 'henrik.vestergaard@omsorgsforbundet.example'`)).rows;
    const staffId = String(staff.id);
    const actor: Actor = { kind: 'person', personId: staffId, firstName: 'Henrik', lastName: 'Vestergaard', grants: await loadGrants(database.db, staffId) };
    const units = (await database.executeSql(`select id from units where kind = 'district' order by position`)).rows.map((r) => String(r.id));
    const queries = ['an', 'jens', 'sø', 'mette han', 'lars pe', 'åb', '20012', '2004', 'anne.', 'ole.hansen'];
    const filterFor = (i: number) => memberListQuery.parse({ q: queries[i % queries.length], unit: units[i % units.length], status: i % 3 === 0 ? undefined : 'active', page: String(1 + (i % 3)) });

    const search = await measure(samples, async (i) => {
      await listMembers(database.db, actor, filterFor(i), 'da');
    });

    const config = parseConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: url.toString(), FORENING_DEMO: '0' });
    app = await buildApp({ config, database, secret: randomBytes(32).toString('hex'), logger: false, jobs: null });
    await app.ready();
    const cookie = `${SESSION_COOKIE}=${await startSession(database.db, system, staffId)}`;
    const pageUrl = (i: number) => {
      const f = filterFor(i);
      const q = new URLSearchParams({ q: f.q ?? '', unit: f.unit ?? '', status: f.status ?? '', page: String(f.page) });
      return i % 4 === 3 ? `/members?page=${1 + (i % 50)}` : `/members?${q.toString()}`;
    };
    const check = await app.inject({ method: 'GET', url: pageUrl(0), headers: { cookie, accept: 'text/html' } });
    if (check.statusCode !== 200) throw new Error(`GET /members answered ${check.statusCode}`);
    const page = await measure(samples, async (i) => {
      const res = await app!.inject({ method: 'GET', url: pageUrl(i), headers: { cookie, accept: 'text/html' } });
      if (res.statusCode !== 200) throw new Error(`GET ${pageUrl(i)} answered ${res.statusCode}`);
    });
    say(
      table([
        ['query (staff of the whole organisation)', 'samples', 'p50 ms', 'p95 ms', 'mean ms'],
        ['member search: name, number or e-mail + district + status', fmt(samples), fmt(search.p50, 1), fmt(search.p95, 1), fmt(search.mean, 1)],
        ['member list page GET /members?q=…&unit=…&status=…', fmt(samples), fmt(page.p50, 1), fmt(page.p95, 1), fmt(page.mean, 1)],
      ]),
    );
    say(`\ntarget: search p95 < 50 ms ${search.p95 < 50 ? 'MET' : 'MISSED'}`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(String((err as Error)?.stack ?? err) + '\n');
  process.exit(1);
});
