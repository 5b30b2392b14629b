/**
 * HTTP benchmark: the public front page of the real app (demo organisation, PostgreSQL) against a
 * bare Fastify route returning a small HTML string, measured in one run on the same machine, so the
 * ratio survives a noisy or slow machine better than the absolute figures do.
 *
 *   npm run bench:http                                   10 s per target, 50 connections
 *   npm run bench:http -- --duration 5 --connections 20 --warmup 2 --rounds 1
 *   BENCH_DURATION=5 BENCH_CONNECTIONS=20 BENCH_WARMUP=2 BENCH_ROUNDS=1 BENCH_DATABASE_URL=postgres://… npm run bench:http
 *
 * The measured seconds per target are split into rounds that alternate the order (A B, B A, …), so
 * a burst of load from something else on the machine hits both targets alike; the table shows the
 * mean over the rounds and the per-round ratios show how steady the machine was.
 *
 * The load generator runs in a worker thread (`--workers 1`, the default) so it does not share the
 * servers' event loop; `--workers 0` runs it on the main thread.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
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

interface Measured {
  name: string;
  url: string;
  requestsPerSecond: number;
  mean: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function load(url: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration: seconds, ...(workers > 0 ? { workers } : {}) });
}

async function measure(name: string, url: string, seconds: number): Promise<Measured> {
  const r = await load(url, seconds);
  return {
    name,
    url,
    requestsPerSecond: r.requests.average,
    mean: r.latency.mean,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** One target's rounds as one row: mean rate and percentiles, summed counts. */
function combine(rs: Measured[]): Measured {
  return {
    name: rs[0].name,
    url: rs[0].url,
    requestsPerSecond: mean(rs.map((r) => r.requestsPerSecond)),
    mean: mean(rs.map((r) => r.mean)),
    p50: mean(rs.map((r) => r.p50)),
    p99: mean(rs.map((r) => r.p99)),
    total: sum(rs.map((r) => r.total)),
    non2xx: sum(rs.map((r) => r.non2xx)),
    errors: sum(rs.map((r) => r.errors)),
    timeouts: sum(rs.map((r) => r.timeouts)),
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

    const bare = Fastify({ logger: false });
    apps.push(bare);
    const html = '<!doctype html><html lang="en"><head><title>Bare</title></head><body><h1>Hello</h1><p>A small page.</p></body></html>';
    bare.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(html));
    await bare.listen({ port: 0, host: '127.0.0.1' });

    // The front page must really be the demo organisation's page, or the figures mean nothing.
    const check = await fetch(`${address(app)}/`);
    const body = await check.text();
    if (check.status !== 200 || !body.includes('Omsorgsforbundet')) throw new Error(`front page answered ${check.status} without the demo organisation`);

    const perRound = Math.max(1, Math.round(duration / rounds));
    process.stdout.write(
      `bench:http — ${connections} connections, ${warmup} s warm-up, then ${rounds} × ${perRound} s per target in alternating order; ` +
        `load generator ${workers > 0 ? `in ${workers} worker thread(s)` : 'on the main thread'}; Node ${process.version}\n` +
        `front page: ${fmt(Buffer.byteLength(body))} bytes of HTML from the demo organisation on PostgreSQL (${dbName})\n\n`,
    );

    const targets = [
      { name: 'front page /', url: `${address(app)}/` },
      { name: 'bare Fastify route', url: `${address(bare)}/` },
    ];
    if (warmup > 0) for (const t of targets) await load(t.url, warmup);
    const measured: Measured[][] = targets.map(() => []);
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) {
        if (interrupted) return;
        measured[i].push(await measure(targets[i].name, targets[i].url, perRound));
      }
    }
    if (interrupted) return;

    const results = measured.map(combine);
    const [front, bareResult] = results;
    process.stdout.write(
      table([
        ['target', 'req/s', 'mean ms', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors'],
        ...results.map((r) => [r.name, fmt(r.requestsPerSecond), fmt(r.mean, 2), fmt(r.p50, 1), fmt(r.p99, 1), fmt(r.total), fmt(r.non2xx), fmt(r.errors + r.timeouts)]),
      ]) + '\n\n',
    );
    process.stdout.write(
      `ratio front page / bare: ${fmt(front.requestsPerSecond / bareResult.requestsPerSecond, 3)} of the throughput ` +
        `(bare is ${fmt(bareResult.requestsPerSecond / front.requestsPerSecond, 1)}× faster); ` +
        // autocannon's percentiles are whole milliseconds (a fast route shows p50 0), so compare means.
        `mean latency ${fmt(front.mean / bareResult.mean, 1)}× the bare route's\n`,
    );
    if (rounds > 1) {
      const ratios = measured[0].map((f, i) => fmt(f.requestsPerSecond / measured[1][i].requestsPerSecond, 3));
      process.stdout.write(`throughput ratio per round: ${ratios.join(', ')}\n`);
    }
    const bad = results.filter((r) => r.non2xx > 0 || r.errors > 0 || r.timeouts > 0);
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
