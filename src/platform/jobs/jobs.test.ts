import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.js';
import type { Database } from '../db/database.js';
import { Jobs } from './jobs.js';

let database: Database;
const started: Jobs[] = [];

interface LogLine {
  level: 'error' | 'warn' | 'info';
  args: unknown[];
}

function recordingLog(lines: LogLine[] = []) {
  const at = (level: LogLine['level']) => (...args: unknown[]) => void lines.push({ level, args });
  return { lines, log: { error: at('error'), warn: at('warn'), info: at('info') } };
}

function jobs(log = recordingLog().log): Jobs {
  const j = new Jobs(database, log);
  started.push(j);
  return j;
}

async function until<T>(what: string, check: () => T | Promise<T>, timeoutMs = 15_000, everyMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  database = await testDatabase();
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((j) => j.stop()));
});
afterAll(async () => {
  await database?.close();
});

describe('Jobs', () => {
  it('retries a failing job with back-off until it succeeds', async () => {
    const attempts: number[] = [];
    const { lines, log } = recordingLog();
    const j = jobs(log);
    j.define<{ n: number }>({
      name: 'test.flaky',
      retryLimit: 3,
      retryDelaySeconds: 1,
      handler: async ({ n }) => {
        attempts.push(Date.now());
        if (attempts.length === 1) throw new Error(`temporary failure ${n}`);
      },
    });
    await j.start({ work: true });
    const id = await j.send('test.flaky', { n: 7 });
    expect(id).toBeTruthy();

    const row = await until('the retried job to complete', async () => {
      const { rows } = await database.executeSql('SELECT state, retry_count FROM pgboss.job WHERE id = $1', [id]);
      return rows[0]?.state === 'completed' ? rows[0] : null;
    });
    expect(attempts).toHaveLength(2);
    expect(row.retry_count).toBe(1);
    // The retry waited for its delay (1 s, doubled and jittered on back-off), not at once.
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(900);
    // A handler's failure is the job's business; it is not a job-system error.
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);

    const { rows } = await database.executeSql('SELECT retry_limit, retry_delay, retry_backoff FROM pgboss.queue WHERE name = $1', ['test.flaky']);
    expect(rows[0]).toMatchObject({ retry_limit: 3, retry_delay: 1, retry_backoff: true });
  }, 30_000);

  it('gives up after the retry limit and marks the job failed', async () => {
    let calls = 0;
    const j = jobs();
    j.define({
      name: 'test.broken',
      retryLimit: 1,
      retryDelaySeconds: 1,
      handler: async () => {
        calls++;
        throw new Error('always broken');
      },
    });
    await j.start({ work: true });
    const id = await j.send('test.broken', {});
    const row = await until('the job to fail for good', async () => {
      const { rows } = await database.executeSql('SELECT state, retry_count, output FROM pgboss.job WHERE id = $1', [id]);
      return rows[0]?.state === 'failed' ? rows[0] : null;
    });
    expect(calls).toBe(2);
    expect(row.retry_count).toBe(1);
    expect(JSON.stringify(row.output)).toContain('always broken');
  }, 30_000);

  it('creates the schedule of a cron job, in UTC, and none for a job without cron', async () => {
    const j = jobs();
    j.define({ name: 'test.nightly', cron: '17 3 * * *', handler: async () => {} });
    j.define({ name: 'test.on-demand', handler: async () => {} });
    await j.start({ work: false });
    const { rows } = await database.executeSql("SELECT name, cron, timezone FROM pgboss.schedule WHERE name LIKE 'test.%' ORDER BY name");
    expect(rows).toEqual([{ name: 'test.nightly', cron: '17 3 * * *', timezone: 'UTC' }]);
    // Starting again (a second process, a restart) keeps one schedule, not two.
    await j.stop();
    await j.start({ work: false });
    const again = await database.executeSql("SELECT count(*)::int AS n FROM pgboss.schedule WHERE name = 'test.nightly'");
    expect(again.rows[0].n).toBe(1);
  });

  it('does not run jobs or pollers in a process started without work', async () => {
    let ran = 0;
    let polled = 0;
    const j = jobs();
    j.define({ name: 'test.idle', handler: async () => void ran++ });
    j.addPoller({ name: 'idle', intervalMs: 10, run: async () => (polled++, 0) });
    await j.start({ work: false });
    const id = await j.send('test.idle', {});
    await sleep(2500);
    expect(ran).toBe(0);
    expect(polled).toBe(0);
    const { rows } = await database.executeSql('SELECT state FROM pgboss.job WHERE id = $1', [id]);
    expect(rows[0].state).toBe('created');
  });

  it('runs a poller again at once while it finds work, then waits its interval', async () => {
    const runs: number[] = [];
    const j = jobs();
    // Three batches of work, then nothing: the fourth run finds none and the next is a minute away.
    j.addPoller({ name: 'batches', intervalMs: 60_000, run: async () => (runs.push(Date.now()), runs.length <= 3 ? 10 : 0) });
    await j.start({ work: true });
    await until('four poller runs', () => runs.length >= 4, 5000, 10);
    await sleep(300);
    expect(runs).toHaveLength(4);
  });

  it('holds one pending timer per poller however long it runs', async () => {
    // A server polls the outbox every second for months: fired timers must not be kept.
    let runs = 0;
    const j = jobs();
    j.addPoller({ name: 'busy', intervalMs: 1, run: async () => (runs++, runs % 2) });
    j.addPoller({ name: 'idle', intervalMs: 1, run: async () => 0 });
    await j.start({ work: true });
    await until('many poller runs', () => runs >= 200, 10_000, 10);
    // Private state, read on purpose: a leak shows nowhere else until the process runs out of memory.
    const pending = () => {
      const timers = (j as unknown as { timers: { size?: number; length?: number } }).timers;
      return timers.size ?? timers.length;
    };
    expect(pending()).toBeLessThanOrEqual(2);
    await j.stop();
    expect(pending()).toBe(0);
  });

  it('keeps polling after a poller throws, and logs the failure', async () => {
    const { lines, log } = recordingLog();
    let runs = 0;
    const j = jobs(log);
    j.addPoller({
      name: 'shaky',
      intervalMs: 50,
      run: async () => {
        runs++;
        if (runs === 1) throw new Error('smtp down');
        return 0;
      },
    });
    await j.start({ work: true });
    await until('the poller to run again after failing', () => runs >= 3, 5000, 10);
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].args[0]).toMatchObject({ poller: 'shaky' });
  });

  it('stop() waits for a running poller and no run starts afterwards', async () => {
    let starts = 0;
    let finishes = 0;
    const j = jobs();
    j.addPoller({
      name: 'slow',
      intervalMs: 20,
      run: async () => {
        starts++;
        await sleep(400);
        finishes++;
        return 0;
      },
    });
    await j.start({ work: true });
    await until('the poller to be mid-run', () => starts === 1 && finishes === 0, 5000, 5);
    await j.stop();
    expect(finishes).toBe(1);
    await sleep(300);
    expect(starts).toBe(1);
  });

  it('two working instances never run the same job twice', async () => {
    const runs = new Map<number, string[]>();
    const byInstance = { a: 0, b: 0 };
    const make = (label: 'a' | 'b') => {
      const j = jobs();
      j.define<{ n: number }>({
        name: 'test.once',
        handler: async ({ n }) => {
          runs.set(n, [...(runs.get(n) ?? []), label]);
          byInstance[label]++;
          // Long enough for the other instance's fetch to come by while this job is held.
          await sleep(50);
        },
      });
      return j;
    };
    const a = make('a');
    const b = make('b');
    await a.start({ work: true });
    await b.start({ work: true });
    for (let n = 0; n < 20; n++) await (n % 2 ? a : b).send('test.once', { n });

    // Each worker takes one job per 2-second poll: 20 jobs on two workers take about 20 s.
    await until('all 20 jobs to run', () => runs.size === 20, 40_000, 200);
    await sleep(2500);
    const twice = [...runs].filter(([, who]) => who.length > 1);
    expect(twice).toEqual([]);
    expect([...runs.keys()].sort((x, y) => x - y)).toEqual([...Array(20).keys()]);
    // Both instances really worked, or this would prove nothing about two of them.
    expect(byInstance.a).toBeGreaterThan(0);
    expect(byInstance.b).toBeGreaterThan(0);
    const { rows } = await database.executeSql("SELECT state, count(*)::int AS n FROM pgboss.job WHERE name = 'test.once' GROUP BY state");
    expect(rows).toEqual([{ state: 'completed', n: 20 }]);
  }, 60_000);
});
