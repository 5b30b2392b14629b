import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { audit, changedFields } from '../../platform/audit/audit.js';
import { auditEvents } from '../../platform/audit/tables.js';
import type { Db } from '../../platform/db/database.js';
import { recordConsents } from '../members/index.js';
import { findPersonByEmail } from '../../kernel/persons.js';
import { persons } from '../../kernel/tables.js';
import { consentPurposes } from './consent-purposes.js';
import { isUniqueViolation } from './join.js';
import { mailLocale, sendEmailChanged, type MailContext } from './mails.js';
import type { ConsentsInput, ContactInput } from './schema.js';

type PersonActor = Extract<Actor, { kind: 'person' }>;

export type ContactResult = { ok: true; changed: string[] } | { ok: false; reason: 'email_taken'; field: 'email' };

/**
 * The person changes their own contact details and language. A new e-mail must not belong to anyone
 * else (it is the log-in); the old address is told of the change. Only changed field names are audited.
 */
export async function updateMyContact(db: Db, actor: PersonActor, input: ContactInput, ctx: MailContext): Promise<ContactResult> {
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(persons).where(eq(persons.id, actor.personId)).for('update');
      const emailChanged = (before.email ?? '').toLowerCase() !== input.email.toLowerCase();
      if (emailChanged) {
        const other = await findPersonByEmail(tx, input.email);
        if (other && other.id !== actor.personId) return { ok: false as const, reason: 'email_taken' as const, field: 'email' as const };
      }
      const fields = changedFields(before as unknown as Record<string, unknown>, input as unknown as Record<string, unknown>);
      if (fields.length === 0) return { ok: true as const, changed: [] };
      await tx
        .update(persons)
        .set({ ...input, updatedAt: sql`now()` })
        .where(eq(persons.id, actor.personId));
      await audit(tx, actor, { action: 'update', entityType: 'person', entityId: actor.personId, fields });
      if (emailChanged && before.email) {
        await sendEmailChanged(tx, ctx, { email: before.email, firstName: before.firstName, locale: mailLocale(input.preferredLocale, 'da') });
      }
      return { ok: true as const, changed: fields };
    });
  } catch (err) {
    // Someone else took the address between our check and our write.
    if (isUniqueViolation(err)) return { ok: false, reason: 'email_taken', field: 'email' };
    throw err;
  }
}

/**
 * Stores the person's yes/no per purpose: only answers that differ from the stored one are written
 * (source 'me', now), each purpose audited by name. Returns the purposes that changed.
 */
export async function setMyConsents(db: Db, actor: PersonActor, input: ConsentsInput): Promise<{ ok: true; changed: string[] }> {
  return db.transaction(async (tx) => {
    const answers = consentPurposes.map((p) => ({ purpose: p.purpose, granted: input[p.purpose] }));
    return { ok: true as const, changed: await recordConsents(tx, actor, actor.personId, answers, 'me') };
  });
}

/** One change of the person's consents: when, which purposes, and who made it. */
export interface ConsentChange {
  at: Date;
  action: 'create' | 'update';
  purposes: string[];
  /** The person themselves, the join form (sent before they had an account), or someone at the office. */
  by: 'you' | 'join' | 'organisation';
}

/**
 * The history of a person's consents, newest first, from the audit log (which holds purpose names,
 * never answers; the current answer per purpose is on the consent itself).
 */
export async function consentHistory(db: Db, personId: string, limit = 50): Promise<ConsentChange[]> {
  const rows = await db
    .select({ at: auditEvents.at, action: auditEvents.action, fields: auditEvents.fields, actorKind: auditEvents.actorKind, actorPersonId: auditEvents.actorPersonId })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'consent'), eq(auditEvents.entityId, personId), inArray(auditEvents.action, ['create', 'update'])))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit);
  return rows.map((r) => ({
    at: r.at,
    action: r.action as 'create' | 'update',
    purposes: r.fields ?? [],
    by: r.actorPersonId === personId ? 'you' : r.actorKind === 'anonymous' ? 'join' : 'organisation',
  }));
}
