/**
 * Insights on PostgreSQL: a generated register of `--members` (100,000) members with five years of
 * history — joins spread over the years, a fifth who resigned (most with a reason), re-joins, type
 * changes and moves between districts — in three districts, with 3,000 workplaces (employments,
 * stewards, safety reps), 2,000 events with their registrations and check-ins, and 3,000 workplace
 * meetings, loaded in bulk on top of the demo organisation. Then, as an admin who sees every unit,
 * the p95 of the dashboard page (`GET /insights`, every figure for the last twelve months) and of
 * each figure over the API (`GET /api/v1/insights/{figure}`), one request at a time, and the same
 * for five years; and last year's board pack and coverage on a past day (counted from the raw rows,
 * no kept counts hold for it). The baseline, measured in the same run: one plain scan of the membership history
 * (`select count(*) from membership_events`), so the ratio says how many such scans a page costs.
 *
 *   npm run bench:insights
 *   npm run bench:insights -- --members 20000 --requests 30
 *   BENCH_MEMBERS=20000 BENCH_DATABASE_URL=postgres://… npm run bench:insights
 *   BENCH_KEEP=1 npm run bench:insights     (keeps the database afterwards, to look at the plans)
 *
 * Nothing is cached between requests: every page and figure is computed from the tables as they are.
 * Runs in a throw-away database that is dropped at the end (also on Ctrl-C).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { system, type Actor } from '../src/platform/actor.js';
import { createPersonalToken } from '../src/kernel/auth/api-tokens.js';
import { startSession } from '../src/kernel/auth/sessions.js';
import { loadGrants } from '../src/kernel/grants.js';
import { SESSION_COOKIE } from '../src/kernel/request-context.js';
import { figureNames } from '../src/features/insights/index.js';
import { benchDatabase, fmt, say, setting, table, type BenchDatabase } from './support.js';

const { values: args } = parseArgs({ options: { members: { type: 'string' }, requests: { type: 'string' } } });
const members = setting('bench:insights', '--members / BENCH_MEMBERS', args.members, process.env.BENCH_MEMBERS, 100_000, 100);
const requests = setting('bench:insights', '--requests / BENCH_REQUESTS', args.requests, process.env.BENCH_REQUESTS, 40, 10);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** `count` sequential GETs after three untimed ones: the latencies in ms, sorted, and the statuses seen. */
async function timeGets(url: string, headers: Record<string, string>, count: number): Promise<{ times: number[]; statuses: Set<number> }> {
  for (let i = 0; i < 3; i++) await (await fetch(url, { headers })).text();
  const times: number[] = [];
  const statuses = new Set<number>();
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const res = await fetch(url, { headers });
    await res.text();
    times.push(performance.now() - start);
    statuses.add(res.status);
  }
  return { times: times.sort((a, b) => a - b), statuses };
}

/** The generated register, in bulk: five years of history ending today. */
async function generate(bench: BenchDatabase): Promise<void> {
  const { database } = bench;
  const sql = (text: string, params: unknown[] = []) => database.executeSql(text, params);
  const districts = ((await sql(`select id from units where kind = 'district' order by position`)).rows as { id: string }[]).map((r) => r.id);
  const types = ((await sql(`select id from membership_types order by position`)).rows as { id: string }[]).map((r) => r.id);
  await sql(`create temporary table bench_people as select n, gen_random_uuid() as id from generate_series(1, $1::int) n`, [members]);
  await sql(`insert into persons (id, first_name, last_name, email) select id, 'Bench', 'Medlem ' || n, 'bench' || n || '@insights.example' from bench_people`);
  // Joined on a day in the last five years (a few before), in a district by number; one in five left since.
  await sql(
    `create temporary table bench_hist as
     select p.id as person_id, p.n,
       (current_date - (5 * 365 + 200 - (p.n * 7919) % (5 * 365 + 180)))::date as joined,
       ($1::uuid[])[1 + p.n % 3] as unit_id,
       ($2::uuid[])[1 + (case when p.n % 20 = 0 then 1 when p.n % 33 = 0 then 2 else 0 end)] as type_id,
       p.n % 5 = 0 as resigned,
       p.n % 40 = 0 as rejoined,
       p.n % 25 = 0 as moved,
       p.n % 30 = 0 as retyped
     from bench_people p`,
    [districts, types],
  );
  await sql(
    `insert into memberships (person_id, type_id, unit_id, status, status_since, joined_on)
     select person_id, type_id, case when moved then ($1::uuid[])[1 + (n + 1) % 3] else unit_id end,
       case when resigned and not rejoined then 'resigned' else 'active' end,
       joined, joined from bench_hist`,
    [districts],
  );
  const leaveDay = `least(current_date - 1, h.joined + (30 + (h.n * 31) % 900))`;
  await sql(
    `insert into membership_events (membership_id, on_date, status, type_id, unit_id, reason)
     select m.id, h.joined, 'active', h.type_id, h.unit_id, null from bench_hist h join memberships m on m.person_id = h.person_id
     union all
     select m.id, least(current_date - 2, h.joined + 120), 'active', h.type_id, ($1::uuid[])[1 + (h.n + 1) % 3], null
       from bench_hist h join memberships m on m.person_id = h.person_id where h.moved
     union all
     select m.id, least(current_date - 3, h.joined + 200), 'active', ($2::uuid[])[2], case when h.moved then ($1::uuid[])[1 + (h.n + 1) % 3] else h.unit_id end, null
       from bench_hist h join memberships m on m.person_id = h.person_id where h.retyped
     union all
     select m.id, ${leaveDay}, 'resigned', h.type_id, case when h.moved then ($1::uuid[])[1 + (h.n + 1) % 3] else h.unit_id end,
       (array['Ny uddannelse', 'Gået på pension', 'Utilfreds med kontingentet', null])[1 + h.n % 4]
       from bench_hist h join memberships m on m.person_id = h.person_id where h.resigned
     union all
     select m.id, least(current_date, ${leaveDay} + 200), 'active', h.type_id, case when h.moved then ($1::uuid[])[1 + (h.n + 1) % 3] else h.unit_id end, null
       from bench_hist h join memberships m on m.person_id = h.person_id where h.resigned and h.rejoined`,
    [districts, types],
  );
  // 3,000 workplaces, each member employed at one of their district's; a steward at two in three, a safety rep at half.
  await sql(
    `insert into workplaces (name, employer_kind, employer_name, unit_id)
     select 'Arbejdsplads ' || n, 'municipality', 'Benchkommune', ($1::uuid[])[1 + n % 3] from generate_series(1, 3000) n`,
    [districts],
  );
  await sql(`create temporary table bench_wp as select id, unit_id, row_number() over (partition by unit_id order by id) - 1 as k from workplaces where name like 'Arbejdsplads %'`);
  await sql(
    `insert into employments (person_id, workplace_id, starts_on)
     select m.person_id, w.id, m.joined_on from memberships m join bench_wp w on w.unit_id = m.unit_id and w.k = (abs(hashtext(m.person_id::text)) % 1000)
     where m.person_id in (select id from bench_people)`,
  );
  await sql(
    `insert into role_assignments (person_id, role, workplace_id, starts_on)
     select distinct on (e.workplace_id) e.person_id, 'steward', e.workplace_id, current_date - 400 from employments e join bench_wp w on w.id = e.workplace_id where w.k % 3 <> 0 order by e.workplace_id, e.person_id`,
  );
  await sql(
    `insert into role_assignments (person_id, role, workplace_id, starts_on)
     select distinct on (e.workplace_id) e.person_id, 'safety_rep', e.workplace_id, current_date - 300 from employments e join bench_wp w on w.id = e.workplace_id where w.k % 2 = 0 order by e.workplace_id, e.person_id desc`,
  );
  // 2,000 published events over five years, 60 seats each, with registrations, a waiting list and check-ins.
  await sql(
    `insert into events (slug, kind, title, starts_at, ends_at, unit_id, audience, capacity, status, published_at, confirmed_seats)
     select 'bench-' || n, (array['member_meeting','course','webinar','network_meeting'])[1 + n % 4], 'Arrangement ' || n,
       now() - (n * interval '21 hours') - interval '1 day', now() - (n * interval '21 hours') - interval '1 day' + interval '2 hours',
       ($1::uuid[])[1 + n % 3], 'members', 60, 'published', now() - (n * interval '21 hours') - interval '30 days', 0
     from generate_series(1, 2000) n`,
    [districts],
  );
  await sql(
    `insert into event_registrations (event_id, person_id, status, created_at, confirmed_at, checked_in_at)
     select e.id, p.id, case when k <= 60 then 'confirmed' else 'waitlisted' end, e.starts_at - interval '10 days', e.starts_at - interval '10 days',
       case when k <= 60 and k % 7 <> 0 then e.starts_at else null end
     from (select id, starts_at, row_number() over (order by starts_at) as i from events where slug like 'bench-%') e
     cross join lateral generate_series(1, 40 + (e.i % 40)::int) k
     join bench_people p on p.n = 1 + ((e.i * 101 + k * 7) % $1::int)`,
    [members],
  );
  await sql(`update events e set confirmed_seats = (select count(*) from event_registrations r where r.event_id = e.id and r.status = 'confirmed') where slug like 'bench-%'`);
  // 3,000 workplace meetings held over five years by two of the demo's staff, each with its report.
  const pair = ((await sql(`select distinct person_id from role_assignments where role = 'staff' limit 2`)).rows as { person_id: string }[]).map((r) => r.person_id);
  await sql(
    `insert into workplace_meetings (unit_id, workplace_id, contact_name, contact_email, proposed_times, free_topic, status, starts_at, ends_at, participants, members_recruited, held_at, follow_token_hash, politician_id, consultant_id)
     select w.unit_id, w.id, 'Bench', 'bench@insights.example', '[{"date":"2026-01-01","part":"afternoon"}]'::jsonb, 'Fyraftensmøde', 'held',
       now() - (n * interval '14 hours'), now() - (n * interval '14 hours') + interval '1 hour', 8 + n % 20, n % 4, now() - (n * interval '14 hours') + interval '1 hour', md5(n::text), $2::uuid, $3::uuid
     from generate_series(1, 3000) n join bench_wp w on w.k = n % 1000 and w.unit_id = ($1::uuid[])[1 + n % 3]`,
    [districts, pair[0], pair[1]],
  );
  await sql('analyze');
}

let bench: BenchDatabase | null = null;
let app: FastifyInstance | null = null;
const stop = async () => {
  await app?.close().catch(() => {});
  await bench?.drop();
};
process.on('SIGINT', () => void stop().then(() => process.exit(130)));

try {
  bench = await benchDatabase();
  const { database } = bench;
  const loadStart = performance.now();
  await generate(bench);
  const loadedIn = performance.now() - loadStart;
  const counts = (await database.executeSql(`select (select count(*) from memberships)::int as m, (select count(*) from membership_events)::int as e, (select count(*) from employments)::int as j, (select count(*) from event_registrations)::int as r`)).rows[0] as {
    m: number;
    e: number;
    j: number;
    r: number;
  };
  const [adminRow] = (await database.executeSql(`insert into persons (first_name, last_name, email) values ('Bench', 'Admin', 'admin@insights.example') returning id`)).rows as { id: string }[];
  await database.executeSql(`insert into role_assignments (person_id, role) values ($1, 'admin')`, [adminRow.id]);
  const admin: Actor = { kind: 'person', personId: adminRow.id, firstName: 'Bench', lastName: 'Admin', grants: await loadGrants(database.db, adminRow.id) };
  const cookie = `${SESSION_COOKIE}=${await startSession(database.db, admin, adminRow.id)}`;
  const token = await createPersonalToken(database.db, system, { personId: adminRow.id, name: 'Bench' });
  if (!token.ok) throw new Error('createPersonalToken');
  const bearer = `Bearer ${token.token.value}`;

  say(`bench:insights — ${fmt(counts.m)} memberships with ${fmt(counts.e)} history entries, ${fmt(counts.j)} employments, ${fmt(counts.r)} event registrations (loaded in ${fmt(loadedIn / 1000, 1)} s); PostgreSQL database ${bench.name}; Node ${process.version}\n`);

  const config = parseConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: bench.url, FORENING_DEMO: '0' });
  app = await buildApp({ config, database, secret: randomBytes(32).toString('hex'), logger: false, jobs: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  // The baseline: one plain scan of the history, from the same process, one at a time.
  const scan: number[] = [];
  for (let i = 0; i < requests + 3; i++) {
    const start = performance.now();
    await database.executeSql('select count(*) from membership_events');
    if (i >= 3) scan.push(performance.now() - start);
  }
  scan.sort((a, b) => a - b);
  const baseline = percentile(scan, 95);

  const today = new Date().toISOString().slice(0, 10);
  const fiveYears = `from=${Number(today.slice(0, 4)) - 5}-${today.slice(5, 7)}-01&to=${today}`;
  const rows: string[][] = [['request (admin, every unit, one at a time)', 'status', 'p50 ms', 'p95 ms', 'p95 / scan']];
  const measure = async (name: string, url: string, headers: Record<string, string>) => {
    const r = await timeGets(`${base}${url}`, headers, requests);
    const p95 = percentile(r.times, 95);
    rows.push([name, [...r.statuses].join(', '), fmt(percentile(r.times, 50), 1), fmt(p95, 1), fmt(p95 / baseline, 1)]);
    if ([...r.statuses].some((s) => s !== 200)) throw new Error(`${url} answered ${[...r.statuses].join(', ')}`);
    return p95;
  };
  const dashboard = await measure('GET /insights (last 12 months)', '/insights', { cookie });
  const dashboardLong = await measure('GET /insights (five years)', `/insights?${fiveYears}&grain=year`, { cookie });
  for (const figure of figureNames) await measure(`GET /api/v1/insights/${figure}`, `/api/v1/insights/${figure}`, { authorization: bearer });
  await measure('GET /api/v1/insights/members (five years)', `/api/v1/insights/members?${fiveYears}`, { authorization: bearer });
  await measure('GET /api/v1/insights/retention (five years, by month)', `/api/v1/insights/retention?${fiveYears}&grain=month`, { authorization: bearer });
  // Last year's board pack: coverage as of a past day is counted from the employments and the history.
  const lastYear = new Date().getUTCFullYear() - 1;
  await measure(`GET /insights/pack?year=${lastYear} (board pack, a past year)`, `/insights/pack?year=${lastYear}`, { cookie });
  await measure(`GET /api/v1/insights/coverage?to=${lastYear}-12-31 (a past day)`, `/api/v1/insights/coverage?to=${lastYear}-12-31`, { authorization: bearer });
  rows.push(['baseline: select count(*) from membership_events', '', fmt(percentile(scan, 50), 1), fmt(baseline, 1), '1.0']);
  say(table(rows));
  say(`\n${requests} timed requests each after three untimed. Target: dashboard p95 < 300 ms ${dashboard < 300 ? 'MET' : 'MISSED'} (${fmt(dashboard, 1)} ms; five years ${fmt(dashboardLong, 1)} ms), computed afresh for every request.`);
} catch (err) {
  process.stderr.write(`bench:insights failed: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
} finally {
  await stop();
}
