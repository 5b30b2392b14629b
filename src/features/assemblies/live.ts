import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';

/** The one channel every server process listens on; payloads name the assembly, never a person. */
export const ASSEMBLY_CHANNEL = 'assembly_events';

/**
 * Tells every server process that something in the hall changed. Called inside the caller's
 * transaction: PostgreSQL delivers a NOTIFY only on commit, so a rolled-back ballot pushes nothing.
 */
export async function notifyAssembly(db: Db, assemblyId: string, what: string): Promise<void> {
  await db.execute(sql`select pg_notify(${ASSEMBLY_CHANNEL}, ${JSON.stringify({ assemblyId, what })})`);
}
