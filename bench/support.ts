/** What every benchmark shares: settings from flags or the environment, a throw-away seeded database, tables. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { seedDemo } from '../src/demo/seed.js';
import { openPostgres, type Database } from '../src/platform/db/database.js';
import { applyMigrations } from '../src/platform/db/migrate.js';

/** A whole number from `--flag` or `BENCH_*`; a bad one stops the benchmark naming both. */
export function setting(bench: string, name: string, arg: string | undefined, env: string | undefined, fallback: number, min: number): number {
  const raw = arg ?? (env === '' ? undefined : env);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`${bench}: ${name} must be a whole number of at least ${min} (got ${JSON.stringify(raw)})\n`);
    process.exit(1);
  }
  return n;
}

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (i === 0 ? ':' + '-'.repeat(w + 1) : '-'.repeat(w + 1) + ':')).join('|') + '|';
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const say = (s = '') => process.stdout.write(s + '\n');

export interface BenchDatabase {
  database: Database;
  /** Connection string of the new database. */
  url: string;
  name: string;
  /** Closes the pool and drops the database; safe to call twice. */
  drop(): Promise<void>;
}

/**
 * A fresh database on the PostgreSQL server in BENCH_DATABASE_URL (default: the local one), migrated
 * and seeded with the demo organisation. Dropped by `drop`, which the caller also runs on Ctrl-C.
 */
export async function benchDatabase(): Promise<BenchDatabase> {
  const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `forening_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let database: Database | null = null;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    if (database) await database.close().catch(() => {});
    if (process.env.BENCH_KEEP) {
      process.stderr.write(`BENCH_KEEP: kept the database ${name} (drop it with: psql -c 'drop database ${name}')\n`);
      await admin.end().catch(() => {});
      return;
    }
    try {
      // pg's pool.end() resolves before its sockets are closed; give them a moment to go, so FORCE
      // has nothing left to terminate.
      for (let i = 0; i < 50; i++) {
        const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } catch (err) {
      process.stderr.write(`Could not drop ${name}: ${(err as Error).message}\n`);
    }
    await admin.end().catch(() => {});
  };
  try {
    database = await openPostgres(url.toString());
    await applyMigrations(database);
    await seedDemo(database.db);
  } catch (err) {
    await drop();
    throw err;
  }
  return { database, url: url.toString(), name, drop };
}
