/**
 * One autocannon run that keeps every response's latency, for percentiles autocannon does not give
 * (it reports p90 and p97.5, not p95) and finer than its whole milliseconds. Runs in child processes
 * so the load generator does not share the servers' event loop; with `workers: 0` in this process.
 * Child processes rather than worker threads: a worker thread does not inherit `--import tsx`, so it
 * could not start from this TypeScript file.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/** Set on the child processes this file starts, so importing it anywhere else runs nothing. */
const CHILD = 'FORENING_BENCH_LOAD';

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** Child processes sharing the connections; 0 runs the load in the calling process. */
  workers: number;
}

export interface LoadResult {
  /** Milliseconds of every 2xx response. */
  latencies: Float64Array;
  /** Responses of any status. */
  responses: number;
  seconds: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

function runHere(opts: Omit<LoadOptions, 'workers'>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    let latencies = new Float64Array(1 << 16);
    let n = 0;
    let responses = 0;
    const started = performance.now();
    // Counted here rather than read from the result, whose shape differs on and off the main thread.
    const instance = autocannon({ url: opts.url, connections: opts.connections, duration: opts.seconds, headers: opts.headers }, (err, result) => {
      if (err) return reject(err);
      resolve({
        latencies: latencies.slice(0, n),
        responses,
        seconds: (performance.now() - started) / 1000,
        non2xx: responses - n,
        errors: result.errors,
        timeouts: result.timeouts,
      });
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      responses++;
      if (statusCode < 200 || statusCode > 299) return;
      if (n === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[n++] = responseTime;
    });
  });
}

function runInChild(opts: Omit<LoadOptions, 'workers'>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // `advanced` serialisation carries the Float64Array as it is; execArgv carries `--import tsx`
    // (but not a CPU profile of the servers' process, which is not the load generator's).
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--cpu-prof'));
    const child = fork(fileURLToPath(import.meta.url), [], { execArgv, env: { ...process.env, [CHILD]: '1' }, serialization: 'advanced' });
    child.once('message', (m: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
      child.disconnect();
      if (m.ok) resolve(m.result);
      else reject(new Error(m.error));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code) reject(new Error(`the load generator exited with ${code}`));
    });
    child.send(opts);
  });
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const { workers, ...rest } = opts;
  if (workers <= 0) return runHere(rest);
  const share = Math.max(1, Math.floor(opts.connections / workers));
  const parts = await Promise.all(Array.from({ length: workers }, () => runInChild({ ...rest, connections: share })));
  const latencies = new Float64Array(parts.reduce((a, p) => a + p.latencies.length, 0));
  let at = 0;
  for (const p of parts) {
    latencies.set(p.latencies, at);
    at += p.latencies.length;
  }
  const sum = (f: (p: LoadResult) => number) => parts.reduce((a, p) => a + f(p), 0);
  return { latencies, responses: sum((p) => p.responses), seconds: Math.max(...parts.map((p) => p.seconds)), non2xx: sum((p) => p.non2xx), errors: sum((p) => p.errors), timeouts: sum((p) => p.timeouts) };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

if (process.env[CHILD] === '1' && process.send) {
  process.once('message', (opts: Omit<LoadOptions, 'workers'>) => {
    const send = (m: unknown) => process.send?.(m);
    runHere(opts).then(
      (result) => send({ ok: true, result }),
      (err: unknown) => send({ ok: false, error: String((err as Error)?.stack ?? err) }),
    );
  });
}
