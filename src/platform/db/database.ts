import { mkdirSync, openSync, closeSync, readFileSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';

/** The query interface every feature uses; a transaction has the same shape. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface SqlResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Plain SQL for libraries that bring their own (pg-boss, migrations). Multi-statement text allowed without values. */
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
  /** For postgres only: the connection string, so pg-boss can open its own pool. */
  connectionString?: string;
  /**
   * Receives NOTIFY payloads sent on `channel` (by this process or any other on the same database).
   * Resolves once listening; the function it returns stops this subscriber.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(
      `The embedded database in ${dir} is in use by another Forening process (pid ${pid}). ` +
        'Stop that process first, or use PostgreSQL (DATABASE_URL) to run several processes.',
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** PGlite is one process's database: two processes writing the same folder would corrupt it. */
function lockDataDir(dir: string): () => void {
  const lockPath = join(dir, 'forening.lock');
  if (existsSync(lockPath)) {
    const pid = Number(readFileSync(lockPath, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dir, pid);
    unlinkSync(lockPath);
  }
  const fd = openSync(lockPath, 'wx');
  writeFileSync(fd, String(process.pid));
  closeSync(fd);
  return () => {
    try {
      unlinkSync(lockPath);
    } catch {
      /* already gone */
    }
  };
}

export async function openPglite(dataDir: string | null): Promise<Database> {
  let unlock = () => {};
  let client: PGlite;
  if (dataDir === null) {
    client = await PGlite.create();
  } else {
    const dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    unlock = lockDataDir(dir);
    try {
      client = await PGlite.create(join(dir, 'pglite'));
    } catch (err) {
      unlock();
      throw err;
    }
  }
  return {
    db: drizzlePglite(client) as unknown as Db,
    kind: 'pglite',
    async executeSql(text, values) {
      if (!values || values.length === 0) {
        const results = await client.exec(text);
        const last = results[results.length - 1];
        return { rows: (last?.rows ?? []) as Record<string, unknown>[], rowCount: last?.affectedRows ?? last?.rows.length ?? 0 };
      }
      const r = await client.query<Record<string, unknown>>(text, values);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async listen(channel, onPayload) {
      const stop = await client.listen(channel, onPayload);
      return async () => {
        if (!client.closed) await stop();
      };
    },
    async close() {
      await client.close();
      unlock();
    },
  };
}

/** LISTEN needs a session of its own, kept open: the pool's connections are lent per query. */
const relistenDelayMs = 1_000;

/**
 * One dedicated connection per process for every LISTEN, opened on the first subscriber. A dropped
 * connection (server restart, failover) is reopened and every channel listened to again; what was
 * notified in between is lost, so subscribers that show state should re-read it on their own schedule.
 */
class PgListener {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly subscribers = new Map<string, Set<(payload: string) => void>>();
  private closed = false;

  constructor(private readonly connectionString: string) {}

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.subscribers.get(channel);
    const first = !set;
    if (!set) this.subscribers.set(channel, (set = new Set()));
    set.add(onPayload);
    const client = await this.connect();
    if (first) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    return async () => {
      const current = this.subscribers.get(channel);
      if (!current?.delete(onPayload) || current.size > 0) return;
      this.subscribers.delete(channel);
      if (this.client && !this.closed) await this.client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
    };
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    if (this.connecting) return this.connecting;
    this.connecting = (async () => {
      const client = new pg.Client({ connectionString: this.connectionString });
      client.on('notification', (msg) => {
        if (msg.payload === undefined) return;
        for (const fn of this.subscribers.get(msg.channel) ?? []) fn(msg.payload);
      });
      client.on('error', (err) => {
        process.emitWarning(`PostgreSQL dropped the LISTEN connection: ${err.message}`);
        this.dropped(client);
      });
      client.on('end', () => this.dropped(client));
      try {
        await client.connect();
        for (const channel of this.subscribers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      } finally {
        this.connecting = null;
      }
      this.client = client;
      return client;
    })();
    return this.connecting;
  }

  private dropped(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    if (this.closed || this.subscribers.size === 0) return;
    const retry = () => {
      if (this.closed || this.client || this.connecting) return;
      this.connect().catch(() => setTimeout(retry, relistenDelayMs).unref());
    };
    setTimeout(retry, relistenDelayMs).unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client ?? (this.connecting ? await this.connecting.catch(() => null) : null);
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

export async function openPostgres(connectionString: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle connection dropped by the server (restart, failover, pg_terminate_backend) is an 'error'
  // on the pool; without a listener Node kills the process. The pool discards that client and opens a
  // new one for the next query, so a warning is enough.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL dropped an idle connection: ${err.message}`));
  // Fail early and clearly when the server is not there.
  const probe = await pool.connect();
  probe.release();
  const listener = new PgListener(connectionString);
  return {
    db: drizzlePg(pool) as unknown as Db,
    kind: 'postgres',
    connectionString,
    async executeSql(text, values) {
      const r = await pool.query(text, values as unknown[] | undefined);
      return { rows: r.rows, rowCount: r.rowCount ?? 0 };
    },
    listen: (channel, onPayload) => listener.listen(channel, onPayload),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string; poolSize?: number }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize) : openPglite(opts.dataDir);
}

/** Runs plain SQL (the `sql` template) and returns its rows: the same shape from both drivers. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
