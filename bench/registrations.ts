/**
 * Registration burst on PostgreSQL: 5,000 registration requests for an 85-seat event with a waiting
 * list, sent over HTTP by `--connections` clients at once (one admin API token registering 5,000
 * distinct members by `memberId`), then the same burst straight against the use case (a new event,
 * the same members, the same number of callers at once), so the ratio HTTP / use case is measured
 * in one run on one machine.
 *
 *   npm run bench:registrations
 *   npm run bench:registrations -- --requests 2000 --connections 50 --capacity 85
 *   BENCH_REQUESTS=2000 BENCH_CONNECTIONS=50 BENCH_DATABASE_URL=postgres://… npm run bench:registrations
 *
 * It checks the outcome, not only the speed: confirmed seats never above the capacity (overbooked),
 * and arrival order kept (every confirmed registration arrived before every waiting one, and each
 * waiting position told to a registrant is its place by arrival `seq`, without gaps).
 *
 * The HTTP clients run in a worker thread so they do not share the server's event loop. Runs in a
 * throw-away database that is dropped at the end (also on Ctrl-C).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { system } from '../src/platform/actor.js';
import { createApiToken } from '../src/kernel/auth/api-tokens.js';
import type { Database } from '../src/platform/db/database.js';
import { createEvent, eventInput, publishEvent, registerForEvent, type EventMailContext, type RegistrationResult } from '../src/features/events/index.js';
import { benchDatabase, fmt, say, setting, table, type BenchDatabase } from './support.js';

const { values: args } = parseArgs({ options: { requests: { type: 'string' }, connections: { type: 'string' }, capacity: { type: 'string' } } });
const requests = setting('bench:registrations', '--requests / BENCH_REQUESTS', args.requests, process.env.BENCH_REQUESTS, 5_000, 1);
const connections = setting('bench:registrations', '--connections / BENCH_CONNECTIONS', args.connections, process.env.BENCH_CONNECTIONS, 100, 1);
const capacity = setting('bench:registrations', '--capacity / BENCH_CAPACITY', args.capacity, process.env.BENCH_CAPACITY, 85, 1);

interface Sample {
  /** Index of the member in the burst. */
  i: number;
  status: number;
  ms: number;
  id?: string;
  result?: string;
  position?: number | null;
}

/** The HTTP clients: `connections` loops on keep-alive connections, each taking the next member until all are sent. */
const clientCode = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, authorization, memberIds, connections } = workerData;
// Plain node:http on keep-alive sockets: much less client CPU per request than fetch, and the
// clients share the machine with the server and the database.
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const target = new URL(url);
function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
      headers: { authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
let next = 0;
const samples = [];
async function loop() {
  for (;;) {
    const i = next++;
    if (i >= memberIds.length) return;
    const start = performance.now();
    const res = await post(JSON.stringify({ memberId: memberIds[i] }));
    samples.push({ i, status: res.status, ms: performance.now() - start, id: res.body.id, result: res.body.status, position: res.body.waitlistPosition });
  }
}
const started = performance.now();
Promise.all(Array.from({ length: connections }, loop)).then(() => { agent.destroy(); parentPort.postMessage({ samples, ms: performance.now() - started }); });
`;

function runClients(url: string, authorization: string, memberIds: string[]): Promise<{ samples: Sample[]; ms: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(clientCode, { eval: true, workerData: { url, authorization, memberIds, connections } });
    worker.once('message', (m) => {
      resolve(m as { samples: Sample[]; ms: number });
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** The same burst against the use case: as many callers at once as there were HTTP connections. */
async function runUseCase(database: Database, eventId: string, memberIds: string[], ctx: EventMailContext): Promise<{ samples: Sample[]; ms: number }> {
  let next = 0;
  const samples: Sample[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (;;) {
        const i = next++;
        if (i >= memberIds.length) return;
        const start = performance.now();
        const r: RegistrationResult = await registerForEvent(database.db, system, eventId, { memberId: memberIds[i], guests: 0 }, ctx);
        const ms = performance.now() - start;
        samples.push(r.ok ? { i, status: 201, ms, id: r.registration.id, result: r.registration.status, position: r.registration.waitlistPosition } : { i, status: 409, ms, result: r.reason });
      }
    }),
  );
  return { samples, ms: performance.now() - started };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

interface Outcome {
  confirmed: number;
  seats: number;
  waitlisted: number;
  overbooked: number;
  orderViolations: number;
  failed: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Reads back what the database holds and checks it against what each registrant was told. */
async function outcome(database: Database, eventId: string, run: { samples: Sample[]; ms: number }): Promise<Outcome> {
  const rows = (
    await database.executeSql(`select id, status, seq from event_registrations where event_id = $1 and status in ('confirmed', 'waitlisted') order by seq`, [eventId])
  ).rows as { id: string; status: string; seq: string }[];
  const [{ seats }] = (await database.executeSql(`select confirmed_seats as seats from events where id = $1`, [eventId])).rows as { seats: number }[];
  const confirmed = rows.filter((r) => r.status === 'confirmed');
  const waiting = rows.filter((r) => r.status === 'waitlisted');
  const told = new Map(run.samples.filter((s) => s.id).map((s) => [s.id!, s]));
  let orderViolations = 0;
  // Arrival order is seq order: nobody confirmed after the first one who had to wait …
  const firstWaiting = waiting.length ? Number(waiting[0].seq) : Infinity;
  orderViolations += confirmed.filter((c) => Number(c.seq) > firstWaiting).length;
  // … and each waiting registrant was told their place by seq, 1..n without gaps.
  waiting.forEach((w, k) => {
    const s = told.get(w.id);
    if (!s || s.result !== 'waitlisted' || s.position !== k + 1) orderViolations++;
  });
  const times = run.samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    confirmed: confirmed.length,
    seats: Number(seats),
    waitlisted: waiting.length,
    overbooked: Math.max(0, Number(seats) - capacity, confirmed.length - capacity),
    orderViolations,
    failed: run.samples.filter((s) => s.status !== 201).length,
    perSecond: run.samples.length / (run.ms / 1000),
    p50: percentile(times, 50),
    p99: percentile(times, 99),
  };
}

async function newEvent(database: Database, unitId: string, title: string): Promise<string> {
  const startsAt = new Date(Date.now() + 14 * 86_400_000);
  const created = await createEvent(
    database.db,
    system,
    eventInput.parse({ kind: 'member_meeting', title, unitId, audience: 'members', capacity, waitlist: true, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString() }),
  );
  if (!created.ok) throw new Error(`createEvent: ${JSON.stringify(created)}`);
  const published = await publishEvent(database.db, system, created.event.id);
  if (!published.ok) throw new Error('publishEvent failed');
  return created.event.id;
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
    const { database } = bench;
    const [district] = (await database.executeSql(`select id from units where kind = 'district' order by position limit 1`)).rows as { id: string }[];
    const [type] = (await database.executeSql(`select id from membership_types order by position limit 1`)).rows as { id: string }[];
    // The members who register: active members of the district, made in one statement.
    const memberIds = (
      await database.executeSql(
        `with p as (
           insert into persons (first_name, last_name, email, preferred_locale)
           select 'Bench', 'Deltager ' || i, 'bench.' || i || '@registrations.example', (array['da','sv','en'])[1 + i % 3]
           from generate_series(1, $1::int) i returning id)
         insert into memberships (person_id, type_id, unit_id, status) select id, $2, $3, 'active' from p returning person_id`,
        [requests, type.id, district.id],
      )
    ).rows.map((r) => String(r.person_id));
    await database.executeSql('analyze');
    say(
      `bench:registrations — ${fmt(requests)} registrations for ${capacity} seats with a waiting list, ${connections} at once; ` +
        `PostgreSQL database ${bench.name} (demo organisation seeded); Node ${process.version}\n`,
    );

    const config = parseConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: bench.url, FORENING_DEMO: '0' });
    app = await buildApp({ config, database, secret: randomBytes(32).toString('hex'), logger: false, jobs: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const token = await createApiToken(database.db, system, { name: 'bench:registrations', role: 'admin', unitId: null });
    const ctx: EventMailContext = { baseUrl: config.publicUrl, organisationName: 'Omsorgsforbundet', defaultLocale: 'da' };

    // A short warm-up on an event of its own (connections, JIT, statement plans), not counted.
    const warmEvent = await newEvent(database, district.id, 'Opvarmning');
    await runClients(`${base}/api/v1/events/${warmEvent}/registrations`, `Bearer ${token.token}`, memberIds.slice(0, Math.min(200, requests)));

    const httpEvent = await newEvent(database, district.id, 'Kredsmøde over HTTP');
    const http = await runClients(`${base}/api/v1/events/${httpEvent}/registrations`, `Bearer ${token.token}`, memberIds);
    const overHttp = await outcome(database, httpEvent, http);

    const directEvent = await newEvent(database, district.id, 'Kredsmøde uden HTTP');
    const direct = await runUseCase(database, directEvent, memberIds, ctx);
    const overUseCase = await outcome(database, directEvent, direct);

    const row = (name: string, o: Outcome) => [
      name,
      fmt(o.confirmed),
      fmt(o.seats),
      fmt(o.waitlisted),
      fmt(o.overbooked),
      fmt(o.orderViolations),
      fmt(o.failed),
      fmt(o.perSecond),
      fmt(o.p50, 1),
      fmt(o.p99, 1),
    ];
    say(
      table([
        ['burst', 'confirmed', 'seats', 'waitlisted', 'overbooked', 'order violations', 'failed', 'registrations/s', 'p50 ms', 'p99 ms'],
        row(`HTTP: POST /api/v1/events/{id}/registrations`, overHttp),
        row('use case: registerForEvent', overUseCase),
      ]),
    );
    const ratio = overHttp.perSecond / overUseCase.perSecond;
    say(`\nHTTP / use case: ${fmt(ratio, 2)} of the use case's rate`);
    const sound = [overHttp, overUseCase].every((o) => o.overbooked === 0 && o.orderViolations === 0 && o.failed === 0 && o.confirmed === capacity && o.confirmed + o.waitlisted === requests);
    say(
      `checks: overbooked 0 and order violations 0 ${sound ? 'MET' : 'FAILED'}; ` +
        `targets: ≥ 500 registrations/s over HTTP ${overHttp.perSecond >= 500 ? 'MET' : 'MISSED'}, p99 < 1 s ${overHttp.p99 < 1000 ? 'MET' : 'MISSED'}\n`,
    );
    if (!sound) process.exitCode = 1;
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
