/**
 * HTTP benchmark: pages of the real app (demo organisation, PostgreSQL) against a bare Fastify route
 * that serves the very bytes the front page returned, measured in one run on the same machine, so the
 * ratio is the platform's own cost per request (hooks, session, language, queries, layout) and
 * survives a noisy or slow machine better than the absolute figures do.
 *
 *   npm run bench:http                                   10 s per target, 50 connections
 *   npm run bench:http -- --duration 5 --connections 20 --warmup 2 --rounds 1
 *   BENCH_DURATION=5 BENCH_CONNECTIONS=20 BENCH_WARMUP=2 BENCH_ROUNDS=1 BENCH_DATABASE_URL=postgres://… npm run bench:http
 *
 * Targets: the bare route; the front page `/` without cookies; the event list `/events` without
 * cookies; the front page for a logged-in member (a session cookie, so session, grants and CSRF run).
 * Visitors without a session get the front page as kept bytes once it is rendered (see
 * src/kernel/shared-pages.ts), so its figure is the platform's path per request (hooks, session
 * check, language, security headers, cached data) plus sending; the member's page is rendered for
 * each request, as is the event list.
 *
 * The measured seconds per target are split into rounds that alternate the order (A B C D, D C B A,
 * …), so a burst of load from something else on the machine hits all targets alike; the table shows
 * the rate over all rounds and percentiles over every response, and the per-round ratios show how
 * steady the machine was.
 *
 * The load generator runs in a child process (`--workers 1`, the default) so it does not share the
 * servers' event loop; `--workers 0` runs it in this process. It keeps every response's latency
 * (bench/load.ts), so p95 is measured, not interpolated from autocannon's p90 and p97.5.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { startSession } from '../src/kernel/auth/sessions.js';
import { SESSION_COOKIE } from '../src/kernel/request-context.js';
import { anonymous } from '../src/platform/actor.js';
import { queryRows } from '../src/platform/db/database.js';
import { percentile, runLoad, type LoadResult } from './load.js';
import { benchDatabase, fmt, setting, table, type BenchDatabase } from './support.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string' },
    connections: { type: 'string' },
    warmup: { type: 'string' },
    workers: { type: 'string' },
    rounds: { type: 'string' },
  },
});

const duration = setting('bench:http', '--duration / BENCH_DURATION', args.duration, process.env.BENCH_DURATION, 10, 1);
const connections = setting('bench:http', '--connections / BENCH_CONNECTIONS', args.connections, process.env.BENCH_CONNECTIONS, 50, 1);
const warmup = setting('bench:http', '--warmup / BENCH_WARMUP', args.warmup, process.env.BENCH_WARMUP, 3, 0);
const rounds = setting('bench:http', '--rounds / BENCH_ROUNDS', args.rounds, process.env.BENCH_ROUNDS, 2, 1);
const workers = setting('bench:http', '--workers / BENCH_WORKERS', args.workers, process.env.BENCH_WORKERS, 1, 0);

interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

interface Measured {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

function load(t: Target, seconds: number): Promise<LoadResult> {
  return runLoad({ url: t.url, headers: t.headers, connections, seconds, workers });
}

const rate = (r: LoadResult) => r.responses / r.seconds;

/** One target's rounds as one row: responses over all seconds, percentiles over every response. */
function combine(name: string, rs: LoadResult[]): Measured {
  const sorted = new Float64Array(rs.reduce((a, r) => a + r.latencies.length, 0));
  let at = 0;
  for (const r of rs) {
    sorted.set(r.latencies, at);
    at += r.latencies.length;
  }
  sorted.sort();
  const sum = (f: (r: LoadResult) => number) => rs.reduce((a, r) => a + f(r), 0);
  return {
    name,
    requestsPerSecond: sum((r) => r.responses) / sum((r) => r.seconds),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    total: sum((r) => r.responses),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors + r.timeouts),
  };
}

function address(app: FastifyInstance): string {
  const a = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${a.port}`;
}

async function main(): Promise<void> {
  let bench: BenchDatabase | null = null;
  const apps: FastifyInstance[] = [];

  // Ctrl-C still drops the benchmark database.
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    process.stderr.write('\nInterrupted: cleaning up…\n');
    void cleanup().finally(() => process.exit(130));
  };

  let cleaned = false;
  async function cleanup(): Promise<void> {
    if (cleaned) return;
    cleaned = true;
    for (const app of apps.splice(0)) await app.close().catch(() => {});
    if (bench) await bench.drop();
  }

  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    bench = await benchDatabase();
    const { database, url, name: dbName } = bench;

    const config = parseConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: url, FORENING_DEMO: '0' });
    const app = await buildApp({ config, database, secret: randomBytes(32).toString('hex'), logger: false, jobs: null });
    apps.push(app);
    await app.listen({ port: 0, host: '127.0.0.1' });

    // A member's session, so one target runs the whole person path: session, grants, CSRF token.
    const [member] = await queryRows<{ personId: string }>(database.db, sql`select person_id as "personId" from memberships where status = 'active' order by member_number limit 1`);
    if (!member) throw new Error('the demo has no active member to log in as');
    const session = `${SESSION_COOKIE}=${await startSession(database.db, anonymous, member.personId)}`;

    // The front page must really be the demo organisation's page, or the figures mean nothing.
    const check = await fetch(`${address(app)}/`);
    const body = Buffer.from(await check.arrayBuffer());
    if (check.status !== 200 || !body.includes('Omsorgsforbundet')) throw new Error(`front page answered ${check.status} without the demo organisation`);
    const again = Buffer.from(await (await fetch(`${address(app)}/`)).arrayBuffer());
    if (!again.equals(body)) throw new Error('the front page answered other bytes the second time; the bare route would not serve the same page');
    const mine = await fetch(`${address(app)}/`, { headers: { cookie: session } });
    if (mine.status !== 200 || !(await mine.text()).includes('action="/logout"')) throw new Error(`the member's front page answered ${mine.status} without a log-out form`);
    const events = await fetch(`${address(app)}/events`);
    if (events.status !== 200) throw new Error(`/events answered ${events.status}`);
    await events.arrayBuffer();

    // The same bytes from a Fastify with no plugins and no hooks: what the page costs beyond HTTP itself.
    const bare = Fastify({ logger: false });
    apps.push(bare);
    const contentType = check.headers.get('content-type') ?? 'text/html; charset=utf-8';
    bare.get('/', async (_req, reply) => reply.type(contentType).send(body));
    await bare.listen({ port: 0, host: '127.0.0.1' });

    const perRound = Math.max(1, Math.round(duration / rounds));
    process.stdout.write(
      `bench:http — ${connections} connections, ${warmup} s warm-up, then ${rounds} × ${perRound} s per target in alternating order; ` +
        `load generator ${workers > 0 ? `in ${workers} child process(es)` : 'in the servers\' process'}; Node ${process.version}\n` +
        `front page: ${fmt(body.length)} bytes of HTML from the demo organisation on PostgreSQL (${dbName}); the bare route serves the same bytes\n\n`,
    );

    const targets: Target[] = [
      { name: 'bare Fastify route (same bytes)', url: `${address(bare)}/` },
      { name: 'front page / (anonymous)', url: `${address(app)}/` },
      { name: 'events /events (anonymous)', url: `${address(app)}/events` },
      { name: 'front page / (member logged in)', url: `${address(app)}/`, headers: { cookie: session } },
    ];
    if (warmup > 0) for (const t of targets) await load(t, warmup);
    const measured: LoadResult[][] = targets.map(() => []);
    const forward = targets.map((_, i) => i);
    for (let round = 0; round < rounds; round++) {
      for (const i of round % 2 === 0 ? forward : [...forward].reverse()) {
        if (interrupted) return;
        measured[i].push(await load(targets[i], perRound));
      }
    }
    if (interrupted) return;

    const results = measured.map((rs, i) => combine(targets[i].name, rs));
    const bareResult = results[0];
    process.stdout.write(
      table([
        ['target', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'of bare', 'requests', 'non-2xx', 'errors'],
        ...results.map((r) => [r.name, fmt(r.requestsPerSecond), fmt(r.p50, 2), fmt(r.p95, 2), fmt(r.p99, 2), fmt(r.requestsPerSecond / bareResult.requestsPerSecond, 3), fmt(r.total), fmt(r.non2xx), fmt(r.errors)]),
      ]) + '\n\n',
    );
    const front = results[1];
    const ratio = front.requestsPerSecond / bareResult.requestsPerSecond;
    process.stdout.write(
      `ratio front page / bare: ${fmt(ratio, 3)} of the throughput (bare is ${fmt(1 / ratio, 1)}× faster); ` +
        `front page p95 ${fmt(front.p95, 1)} ms at ${connections} connections — ` +
        `target (≥ 0.3, p95 < 50 ms) ${ratio >= 0.3 && front.p95 < 50 ? 'met' : 'not met'}\n`,
    );
    if (rounds > 1) {
      const ratios = measured[1].map((f, i) => fmt(rate(f) / rate(measured[0][i]), 3));
      process.stdout.write(`front / bare throughput ratio per round: ${ratios.join(', ')}\n`);
    }
    const bad = results.filter((r) => r.non2xx > 0 || r.errors > 0);
    if (bad.length) {
      process.stderr.write(`Warning: ${bad.map((r) => r.name).join(', ')} had failed requests; the figures are not comparable.\n`);
      process.exitCode = 1;
    }
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
