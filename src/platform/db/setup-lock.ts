import pg from 'pg';

/**
 * One key for all start-up set-up on PostgreSQL (our migrations, pg-boss creating its schema and
 * queues). Several processes starting together on a fresh database otherwise run that DDL at once:
 * pg-boss creating its queues' partitions concurrently ended in `deadlock detected` for all but one.
 * Whoever holds the lock sets up; the others wait, then find everything in place and do nothing.
 */
export const SETUP_LOCK = 727_001;

/**
 * Runs `fn` holding the set-up lock, on a connection of its own: a session-level lock, so it spans
 * the several transactions of a migration or pg-boss start. The lock goes with the connection if
 * the process dies.
 */
export async function withSetupLock<T>(connectionString: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SETUP_LOCK]);
    return await fn(client);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SETUP_LOCK]).catch(() => {});
    await client.end();
  }
}
