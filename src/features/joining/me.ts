import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { audit, changedFields } from '../../platform/audit/audit.js';
import { auditEvents } from '../../platform/audit/tables.js';
import type { Db } from '../../platform/db/database.js';
import { recordConsents } from '../members/index.js';
import { findPersonByEmail } from '../../kernel/persons.js';
import { postalCodeFitsCountry } from '../../kernel/person-fields.js';
import { invalidInput, type FieldProblem, type Invalid } from '../../platform/outcomes.js';
import { requestEmailChange } from '../../kernel/email-change.js';
import { persons } from '../../kernel/tables.js';
import { consentPurposes } from './consent-purposes.js';
import { mailLocale, sendEmailChangeConfirmation, sendEmailChangeRequested, type MailContext } from './mails.js';
import type { ConsentsInput, ContactInput } from './schema.js';

type PersonActor = Extract<Actor, { kind: 'person' }>;

export type ContactResult = { ok: true; changed: string[]; emailPending: string | null } | Invalid;

/** Whether an address belongs to someone other than the person. */
export async function emailOfSomeoneElse(db: Db, personId: string, email: string): Promise<boolean> {
  const other = await findPersonByEmail(db, email);
  return Boolean(other && other.id !== personId);
}

/**
 * The contact form's checks against the register: an address someone else has, and a postal code
 * that does not fit the country the person lives in (the form asks no country; the office keeps it).
 * Run also while the form has other errors, on the fields that are valid, so that all show at once.
 */
export async function contactProblems(db: Db, personId: string, input: { email?: string; postalCode?: string | null }): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const [me] = await db.select({ email: persons.email, country: persons.country }).from(persons).where(eq(persons.id, personId));
  const emailChanged = input.email !== undefined && (me?.email ?? '').toLowerCase() !== input.email.toLowerCase();
  if (emailChanged && (await emailOfSomeoneElse(db, personId, input.email!))) problems.push({ path: 'email', code: 'me.email_taken' });
  const country = me?.country ?? 'DK';
  if (input.postalCode && !postalCodeFitsCountry(input.postalCode, country)) problems.push({ path: 'postalCode', code: 'person.postal_code_for_country', params: { country } });
  return problems;
}

/**
 * The person changes their own contact details and language. Those take effect at once; a new e-mail
 * does not: it is the log-in, so one typo would lock the person out. It waits for the link sent to the
 * new address (valid 48 hours), and the old address is told a change was asked for. A new address must
 * not belong to anyone else. Only changed field names are audited.
 */
export async function updateMyContact(db: Db, actor: PersonActor, input: ContactInput, ctx: MailContext): Promise<ContactResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(persons).where(eq(persons.id, actor.personId)).for('update');
    const emailChanged = (before.email ?? '').toLowerCase() !== input.email.toLowerCase();
    const problems = await contactProblems(tx, actor.personId, input);
    if (problems.length > 0) return invalidInput(...problems);
    // The address itself changes only when the new one is confirmed; a change of case is no change of address.
    const { email: _email, ...rest } = input;
    const now = { ...rest, email: emailChanged ? before.email : input.email };
    const fields = changedFields(before as unknown as Record<string, unknown>, now as unknown as Record<string, unknown>);
    if (fields.length > 0) {
      await tx
        .update(persons)
        .set({ ...now, updatedAt: sql`now()` })
        .where(eq(persons.id, actor.personId));
      await audit(tx, actor, { action: 'update', entityType: 'person', entityId: actor.personId, fields });
    }
    if (!emailChanged) return { ok: true as const, changed: fields, emailPending: null };
    const locale = mailLocale(input.preferredLocale, 'da');
    const token = await requestEmailChange(tx, actor, actor.personId, input.email);
    await sendEmailChangeConfirmation(tx, ctx, { email: input.email, firstName: before.firstName, locale, token });
    if (before.email) await sendEmailChangeRequested(tx, ctx, { email: before.email, firstName: before.firstName, locale, newEmail: input.email });
    return { ok: true as const, changed: [...fields, 'email'], emailPending: input.email };
  });
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
