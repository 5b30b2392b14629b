import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrationsDir } from '../paths.js';
import type { Database } from './database.js';
import { withSetupLock } from './setup-lock.js';

/** Any number of processes may start at once against one PostgreSQL: one migrates, the others wait. */
export async function applyMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: migrationsDir });
    return;
  }
  if (!database.connectionString) throw new Error('a PostgreSQL database without its connection string');
  await withSetupLock(database.connectionString, (client) => migratePg(drizzlePg(client), { migrationsFolder: migrationsDir }));
}
