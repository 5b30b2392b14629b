import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../platform/actor.js';
import { audit } from '../platform/audit/audit.js';
import type { Db } from '../platform/db/database.js';
import { persons } from './tables.js';

export type Person = typeof persons.$inferSelect;

export async function findPersonByEmail(db: Db, email: string): Promise<Person | undefined> {
  const [p] = await db
    .select()
    .from(persons)
    .where(sql`lower(${persons.email}) = lower(${email.trim()})`)
    .limit(1);
  return p;
}

export async function findPersonById(db: Db, id: string): Promise<Person | undefined> {
  const [p] = await db.select().from(persons).where(eq(persons.id, id)).limit(1);
  return p;
}

/** The person's own choice of language, remembered across devices. */
export async function setPreferredLocale(db: Db, actor: Actor, personId: string, locale: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ l: persons.preferredLocale }).from(persons).where(eq(persons.id, personId));
    if (!before || before.l === locale) return;
    await tx.update(persons).set({ preferredLocale: locale, updatedAt: sql`now()` }).where(eq(persons.id, personId));
    await audit(tx, actor, { action: 'update', entityType: 'person', entityId: personId, fields: ['preferredLocale'] });
  });
}
