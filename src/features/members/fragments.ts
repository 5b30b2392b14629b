import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/database.js';
import { consents } from './tables.js';

/*
 * What other features may ask of the register without reading its tables: a person's member number,
 * and whether they said no to newsletters.
 */

/** The person's member number, or null for someone without a membership, as an SQL expression. */
export function memberNumberSql(personId: AnyPgColumn | SQL): SQL<string | null> {
  return sql<string | null>`(select m.member_number from memberships m where m.person_id = ${personId})`;
}

/** The condition "the person has not said no to newsletters" (when joining or on /me/consents). */
export function newslettersNotRefusedSql(personId: AnyPgColumn | SQL): SQL {
  return sql`not exists (select 1 from consents c where c.person_id = ${personId} and c.purpose = 'newsletter' and not c.granted)`;
}

export async function refusedNewsletters(db: Db, personId: string): Promise<boolean> {
  const [declined] = await db
    .select({ granted: consents.granted })
    .from(consents)
    .where(and(eq(consents.personId, personId), eq(consents.purpose, 'newsletter'), eq(consents.granted, false)));
  return declined !== undefined;
}
