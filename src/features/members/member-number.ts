import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { persons } from '../../kernel/tables.js';
import { memberships } from './tables.js';

/** The person a member number belongs to (any membership status), for tools that name members by it. */
export async function findPersonByMemberNumber(db: Db, memberNumber: string): Promise<{ id: string; firstName: string; lastName: string } | null> {
  const [row] = await db
    .select({ id: persons.id, firstName: persons.firstName, lastName: persons.lastName })
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(eq(memberships.memberNumber, memberNumber.trim()));
  return row ?? null;
}
