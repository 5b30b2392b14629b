import { describe, expect, it } from 'vitest';
import { onPostgres, emptyPostgresDatabase } from '../../test/database.js';
import { openPostgres, queryRows, type Database } from '../db/database.js';
import { applyMigrations } from '../db/migrate.js';
import { Jobs } from './jobs.js';
import { sql } from 'drizzle-orm';

const quiet = { error: () => {}, warn: () => {}, info: () => {} };

/** What every server does at start: open the database, migrate it, start the job queue with its queues and schedules. */
async function setUp(url: string): Promise<{ database: Database; jobs: Jobs }> {
  const database = await openPostgres(url, 3);
  await applyMigrations(database);
  const jobs = new Jobs(database, quiet);
  // Several queues with schedules, like the real ones: each makes pg-boss create a partition.
  for (const name of ['test.cleanup', 'test.reminders', 'test.mailings', 'test.digest', 'test.sweep']) {
    jobs.define({ name, cron: '17 3 * * *', handler: async () => {} });
  }
  await jobs.start({ work: false });
  return { database, jobs };
}

describe.runIf(onPostgres)('starting several servers at once on a fresh PostgreSQL database', () => {
  it('sets up the schema and the job queue once, and every process starts', async () => {
    const fresh = await emptyPostgresDatabase();
    try {
      const started = await Promise.allSettled([1, 2, 3, 4].map(() => setUp(fresh.url)));
      const failures = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
      try {
        expect(failures).toEqual([]);
        const { database } = (started[0] as PromiseFulfilledResult<{ database: Database }>).value;
        const queues = await queryRows<{ name: string }>(database.db, sql`select name from pgboss.queue where name like 'test.%' order by name`);
        expect(queues.map((q) => q.name)).toEqual(['test.cleanup', 'test.digest', 'test.mailings', 'test.reminders', 'test.sweep']);
        const migrations = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
        expect(migrations[0].n).toBeGreaterThan(0);
      } finally {
        for (const s of started) {
          if (s.status !== 'fulfilled') continue;
          await s.value.jobs.stop();
          await s.value.database.close();
        }
      }
    } finally {
      await fresh.drop();
    }
  }, 120_000);
});
