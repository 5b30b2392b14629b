import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import { withSetupLock } from '../db/setup-lock.js';

export interface JobDefinition<T extends object = object> {
  name: string;
  handler: (data: T) => Promise<void>;
  /** Cron expression (UTC) for recurring jobs. */
  cron?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
}

/** A loop that claims domain work in batches (the mail outbox); returns how much it did. */
export interface Poller {
  name: string;
  intervalMs: number;
  run: () => Promise<number>;
}

/**
 * Durable jobs on pg-boss, over the app's own database (PGlite through its SQL adapter, PostgreSQL
 * through its own pool), plus pollers for work that is domain data. Jobs are retried with
 * exponential back-off.
 */
export class Jobs {
  private boss: PgBoss | null = null;
  private definitions = new Map<string, JobDefinition>();
  private pollers: Poller[] = [];
  /** Pending poller timers only: each removes itself when it fires, so a long uptime does not pile them up. */
  private timers = new Set<NodeJS.Timeout>();
  private stopping = false;
  private running = new Set<Promise<unknown>>();

  constructor(
    private readonly database: Database,
    private readonly log: Pick<FastifyBaseLogger, 'error' | 'warn' | 'info'>,
  ) {}

  define<T extends object>(def: JobDefinition<T>): void {
    this.definitions.set(def.name, def as unknown as JobDefinition);
  }

  /** The names of the jobs and pollers defined in this process, for operators and tests. */
  defined(): string[] {
    return [...this.definitions.keys(), ...this.pollers.map((p) => p.name)];
  }

  addPoller(poller: Poller): void {
    this.pollers.push(poller);
  }

  private makeBoss(): PgBoss {
    const options: PgBoss.ConstructorOptions =
      this.database.kind === 'postgres'
        ? { connectionString: this.database.connectionString, max: 3 }
        : { db: { executeSql: (text: string, values?: unknown[]) => this.database.executeSql(text, values) } };
    const boss = new PgBoss({ ...options, schema: 'pgboss' });
    boss.on('error', (err) => this.log.error({ err }, 'job system error'));
    return boss;
  }

  /** Starts the queue; with `work`, this process also runs the jobs and pollers. */
  async start({ work }: { work: boolean }): Promise<void> {
    this.stopping = false;
    const boss = this.makeBoss();
    this.boss = boss;
    const setUp = async () => {
      await boss.start();
      for (const def of this.definitions.values()) {
        await boss.createQueue(def.name, {
          name: def.name,
          retryLimit: def.retryLimit ?? 5,
          retryDelay: def.retryDelaySeconds ?? 10,
          retryBackoff: true,
        });
        if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: 'UTC' });
      }
    };
    // pg-boss's schema and each queue's partition are DDL: processes starting together on a fresh
    // database deadlocked on them, so they take turns (PGlite has one process by construction).
    if (this.database.kind === 'postgres' && this.database.connectionString) await withSetupLock(this.database.connectionString, setUp);
    else await setUp();
    if (work) {
      for (const def of this.definitions.values()) {
        await boss.work(def.name, { pollingIntervalSeconds: 2 }, async (jobs) => {
          for (const job of jobs) await def.handler(job.data as object);
        });
      }
    }
    if (work) for (const p of this.pollers) this.schedulePoller(p);
  }

  private schedulePoller(p: Poller): void {
    let timer: NodeJS.Timeout;
    const schedule = (ms: number) => {
      timer = setTimeout(tick, ms);
      this.timers.add(timer);
    };
    const tick = async () => {
      this.timers.delete(timer);
      if (this.stopping) return;
      let did = 0;
      const run = p.run().then(
        (n) => (did = n),
        (err) => this.log.error({ err, poller: p.name }, 'poller failed'),
      );
      this.running.add(run);
      await run;
      this.running.delete(run);
      if (!this.stopping) schedule(did > 0 ? 0 : p.intervalMs);
    };
    schedule(0);
  }

  async send<T extends object>(name: string, data: T, options: PgBoss.SendOptions = {}): Promise<string | null> {
    if (!this.boss) throw new Error('jobs not started');
    return this.boss.send(name, data, options);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
    if (this.boss) await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
    this.boss = null;
  }
}
