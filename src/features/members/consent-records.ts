import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { consents } from './tables.js';

/*
 * A person's consents, one answer per purpose, kept by the register. The purposes themselves and the
 * pages that ask for them belong to the joining feature; every change is audited by purpose name,
 * never by answer.
 */

export interface ConsentRecord {
  purpose: string;
  granted: boolean;
  /** Where the answer came from: 'join' (the join form), 'me' (the person's own page). */
  source: string;
  changedAt: Date;
}

/** The person's stored answers, by purpose name. */
export async function consentsOf(db: Db, personId: string): Promise<ConsentRecord[]> {
  const rows = await queryRows<{ purpose: string; granted: boolean; source: string; changed_at: string | Date }>(
    db,
    sql`select purpose, granted, source, changed_at from consents where person_id = ${personId} order by purpose`,
  );
  return rows.map((c) => ({ purpose: c.purpose, granted: c.granted, source: c.source, changedAt: new Date(c.changed_at) }));
}

/**
 * Stores answers for the given purposes: only those that differ from the stored one are written (with
 * the source, now), under a row lock, and audited as created or updated. Returns the purposes that changed.
 */
export async function recordConsents(tx: Db, actor: Actor, personId: string, answers: readonly { purpose: string; granted: boolean }[], source: string): Promise<string[]> {
  const purposes = answers.map((a) => a.purpose);
  const current = await tx
    .select({ purpose: consents.purpose, granted: consents.granted })
    .from(consents)
    .where(and(eq(consents.personId, personId), inArray(consents.purpose, purposes)))
    .for('update');
  const known = new Map(current.map((c) => [c.purpose, c.granted]));
  const changed = answers.filter((a) => known.get(a.purpose) !== a.granted);
  if (changed.length === 0) return [];
  await tx
    .insert(consents)
    .values(changed.map((a) => ({ personId, purpose: a.purpose, granted: a.granted, source, changedAt: sql`now()` })))
    .onConflictDoUpdate({ target: [consents.personId, consents.purpose], set: { granted: sql`excluded.granted`, source, changedAt: sql`now()` } });
  const created = changed.filter((a) => !known.has(a.purpose)).map((a) => a.purpose);
  const updated = changed.filter((a) => known.has(a.purpose)).map((a) => a.purpose);
  if (created.length) await audit(tx, actor, { action: 'create', entityType: 'consent', entityId: personId, fields: created });
  if (updated.length) await audit(tx, actor, { action: 'update', entityType: 'consent', entityId: personId, fields: updated });
  return changed.map((a) => a.purpose);
}
