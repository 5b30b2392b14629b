import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './db/database.js';
import { instanceSecrets } from './db/instance-tables.js';

/**
 * The cookie-signing secret: SESSION_SECRET when set, else one made once and kept in the database,
 * so every process of the installation signs alike and restarts keep everyone logged in.
 */
export async function cookieSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db.insert(instanceSecrets).values({ name: 'cookie', value: randomBytes(32).toString('base64url') }).onConflictDoNothing();
  const [row] = await db.select().from(instanceSecrets).where(eq(instanceSecrets.name, 'cookie'));
  return row.value;
}
