import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../platform/actor.js';
import { audit } from '../platform/audit/audit.js';
import type { Db } from '../platform/db/database.js';
import { uniqueViolation } from '../platform/db/sql.js';
import { newToken, sha256 } from '../platform/secrets.js';
import { emailChanges } from './auth/tables.js';
import { findPersonByEmail } from './persons.js';
import { persons } from './tables.js';

/*
 * A person's e-mail address is their log-in, so a change they make themselves waits until the new
 * address proves it is theirs: a link sent there. Until then the old address keeps working. Staff who
 * correct an address in the register change it at once (audited), as before.
 */

export const EMAIL_CHANGE_HOURS = 48;

/** Opens a change to `newEmail` for the person; returns the link's token (only its hash is kept). Earlier open changes are dropped. */
export async function requestEmailChange(tx: Db, actor: Actor, personId: string, newEmail: string): Promise<string> {
  const token = newToken();
  await tx.delete(emailChanges).where(and(eq(emailChanges.personId, personId), isNull(emailChanges.usedAt)));
  await tx.insert(emailChanges).values({ tokenHash: sha256(token), personId, newEmail, expiresAt: sql`now() + make_interval(hours => ${EMAIL_CHANGE_HOURS})` });
  await audit(tx, actor, { action: 'create', entityType: 'email_change', entityId: personId, fields: ['email'] });
  return token;
}

/** The person's open change, if any: the address it waits for and until when. */
export async function pendingEmailChange(db: Db, personId: string): Promise<{ newEmail: string; expiresAt: Date } | undefined> {
  const [row] = await db
    .select({ newEmail: emailChanges.newEmail, expiresAt: emailChanges.expiresAt })
    .from(emailChanges)
    .where(and(eq(emailChanges.personId, personId), isNull(emailChanges.usedAt), gt(emailChanges.expiresAt, sql`now()`)));
  return row;
}

export type EmailChangeCheck = { ok: true; newEmail: string } | { ok: false; reason: 'invalid' | 'used' | 'expired' };

/** Looks at a change link without using it (the page a mail scanner may open). */
export async function checkEmailChange(db: Db, token: string): Promise<EmailChangeCheck> {
  const [row] = await db
    .select({ newEmail: emailChanges.newEmail, usedAt: emailChanges.usedAt, expired: sql<boolean>`${emailChanges.expiresAt} <= now()` })
    .from(emailChanges)
    .where(eq(emailChanges.tokenHash, sha256(token)));
  if (!row) return { ok: false, reason: 'invalid' };
  if (row.usedAt) return { ok: false, reason: 'used' };
  if (row.expired) return { ok: false, reason: 'expired' };
  return { ok: true, newEmail: row.newEmail };
}

export type EmailChangeResult =
  | { ok: true; person: { id: string; firstName: string; preferredLocale: string | null }; oldEmail: string | null; newEmail: string }
  | { ok: false; reason: 'invalid' | 'used' | 'expired' | 'email_taken' };

/**
 * Uses the link: atomically (of two clicks exactly one wins) the address becomes the person's log-in,
 * unless someone else took it meanwhile. Audited as a change of the person's e-mail, by the person.
 */
export async function confirmEmailChange(db: Db, actor: Actor, token: string): Promise<EmailChangeResult> {
  try {
    return await confirm(db, actor, token);
  } catch (err) {
    // Someone else took the address between our check and our write.
    if (uniqueViolation(err) !== null) return { ok: false, reason: 'email_taken' };
    throw err;
  }
}

async function confirm(db: Db, actor: Actor, token: string): Promise<EmailChangeResult> {
  const result = await db.transaction(async (tx): Promise<EmailChangeResult | undefined> => {
    const [used] = await tx
      .update(emailChanges)
      .set({ usedAt: sql`now()` })
      .where(and(eq(emailChanges.tokenHash, sha256(token)), isNull(emailChanges.usedAt), gt(emailChanges.expiresAt, sql`now()`)))
      .returning({ personId: emailChanges.personId, newEmail: emailChanges.newEmail });
    if (!used) return undefined;
    const other = await findPersonByEmail(tx, used.newEmail);
    if (other && other.id !== used.personId) return { ok: false, reason: 'email_taken' };
    const [before] = await tx.select({ email: persons.email, firstName: persons.firstName, preferredLocale: persons.preferredLocale }).from(persons).where(eq(persons.id, used.personId)).for('update');
    if (!before) return { ok: false, reason: 'invalid' };
    await tx.update(persons).set({ email: used.newEmail, updatedAt: sql`now()` }).where(eq(persons.id, used.personId));
    // The link proved who acts: the owner of the new address, who asked for it while logged in.
    const person: Actor = { kind: 'person', personId: used.personId, firstName: before.firstName, lastName: '', grants: [], ip: actor.ip };
    await audit(tx, person, { action: 'update', entityType: 'person', entityId: used.personId, fields: ['email'] });
    return { ok: true, person: { id: used.personId, firstName: before.firstName, preferredLocale: before.preferredLocale }, oldEmail: before.email, newEmail: used.newEmail };
  });
  if (result) return result;
  const check = await checkEmailChange(db, token);
  return check.ok ? { ok: false, reason: 'invalid' } : check;
}
