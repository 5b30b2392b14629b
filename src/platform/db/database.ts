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
    async close() {
      await client.close();
      unlock();
    },
  };
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
  return {
    db: drizzlePg(pool) as unknown as Db,
    kind: 'postgres',
    connectionString,
    async executeSql(text, values) {
      const r = await pool.query(text, values as unknown[] | undefined);
      return { rows: r.rows, rowCount: r.rowCount ?? 0 };
    },
    async close() {
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
