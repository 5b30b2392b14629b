import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { sha256 } from '../../platform/secrets.js';
import { confirmApplicantEmail, isActiveMembershipType, openApplicantMembership, recordConsents, unconfirmedApplicantMembership } from '../members/index.js';
import { findPersonByEmail } from '../../kernel/persons.js';
import { countryOfPostalCode } from '../../kernel/person-fields.js';
import { invalidInput, type FieldProblem, type Invalid } from '../../platform/outcomes.js';
import { persons, units, employments, workplaces } from '../../kernel/tables.js';
import { joinConfirmations } from './tables.js';
import { consentPurposes, PRIVACY_TERMS } from './consent-purposes.js';
import { activeConfirmations, mailLocale, sendAlreadyKnown, sendConfirmation, type MailContext } from './mails.js';
import type { JoinInput } from './schema.js';

/** Membership-event reasons written by this feature; pages translate them. */
export const EVENT_APPLIED = 'join:applied';
export const EVENT_EMAIL_CONFIRMED = 'join:email_confirmed';
export const EVENT_APPROVED = 'join:approved';

/** Re-sent confirmation links per application that may be open at once. */
const MAX_ACTIVE_CONFIRMATIONS = 3;

export type JoinFailure = Invalid;
/**
 * `already_known` is for tests and logs of the use case only: the page must answer the same in both
 * cases, so nobody learns from the form whether an address is in the register.
 */
export type JoinResult = { ok: true; outcome: 'applied' | 'already_known' } | JoinFailure;

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  return code === '23505';
}

/**
 * "Become a member", in one transaction: the person, an applicant membership waiting for its e-mail
 * to be confirmed, the workplace they named, their consents, and the double opt-in mail in their
 * language. An address already in the register gets a mail to its owner instead, and nothing else.
 */
export async function applyForMembership(db: Db, actor: Actor, input: JoinInput, ctx: MailContext): Promise<JoinResult> {
  try {
    return await db.transaction((tx) => apply(tx, actor, input, ctx));
  } catch (err) {
    // Two sign-ups with one address at the same moment: the loser is "already known", like any later one.
    if (isUniqueViolation(err)) return db.transaction((tx) => apply(tx, actor, input, ctx));
    throw err;
  }
}

/**
 * The form's choices the register must know — a district, a membership type open to new members, a
 * workplace — all checked at once, on what of the form is valid so far: the page shows them with the
 * form's other errors in one round.
 */
export async function joinChoiceProblems(db: Db, draft: Partial<Pick<JoinInput, 'districtId' | 'membershipTypeId' | 'workplaceId'>>): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (draft.districtId) {
    const [district] = await db.select({ id: units.id }).from(units).where(and(eq(units.id, draft.districtId), eq(units.kind, 'district')));
    if (!district) problems.push({ path: 'districtId', code: 'join.unknown_district' });
  }
  if (draft.membershipTypeId && !(await isActiveMembershipType(db, draft.membershipTypeId))) problems.push({ path: 'membershipTypeId', code: 'join.unknown_type' });
  if (draft.workplaceId) {
    const [workplace] = await db.select({ id: workplaces.id }).from(workplaces).where(eq(workplaces.id, draft.workplaceId));
    if (!workplace) problems.push({ path: 'workplaceId', code: 'join.unknown_workplace' });
  }
  return problems;
}

async function apply(tx: Db, actor: Actor, input: JoinInput, ctx: MailContext): Promise<JoinResult> {
  const problems = await joinChoiceProblems(tx, input);
  if (problems.length) return invalidInput(...problems);

  const existing = await findPersonByEmail(tx, input.email);
  if (existing?.email) {
    await answerKnownAddress(tx, existing, mailLocale(existing.preferredLocale, input.preferredLocale), ctx);
    return { ok: true, outcome: 'already_known' };
  }

  const [person] = await tx
    .insert(persons)
    .values({
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      phone: input.phone,
      addressLine: input.addressLine,
      postalCode: input.postalCode,
      city: input.city,
      // The form has no country field: a five-digit postal code is Swedish, four digits Danish.
      country: countryOfPostalCode(input.postalCode),
      dateOfBirth: input.dateOfBirth,
      preferredLocale: input.preferredLocale,
    })
    .returning({ id: persons.id });
  await audit(tx, actor, {
    action: 'create',
    entityType: 'person',
    entityId: person.id,
    fields: ['firstName', 'lastName', 'email', 'phone', 'addressLine', 'postalCode', 'city', 'dateOfBirth', 'preferredLocale'].filter(
      (f) => input[f as keyof JoinInput] !== null,
    ),
  });

  const membershipId = await openApplicantMembership(tx, actor, { personId: person.id, typeId: input.membershipTypeId, unitId: input.districtId, reason: EVENT_APPLIED });

  if (input.workplaceId) {
    const [employment] = await tx.insert(employments).values({ personId: person.id, workplaceId: input.workplaceId }).returning({ id: employments.id });
    await audit(tx, actor, { action: 'create', entityType: 'employment', entityId: employment.id, fields: ['workplaceId'] });
  }

  // Every purpose gets an answer: the privacy terms (required), the newsletter as ticked, the rest "no"
  // until the person says otherwise on their page.
  const answers = [
    { purpose: PRIVACY_TERMS, granted: true },
    ...consentPurposes.map((p) => ({ purpose: p.purpose, granted: p.purpose === 'newsletter' ? input.newsletterConsent : false })),
  ];
  await recordConsents(tx, actor, person.id, answers, 'join');

  await sendConfirmation(tx, ctx, { membershipId, email: input.email, firstName: input.firstName, locale: input.preferredLocale });
  return { ok: true, outcome: 'applied' };
}

/**
 * An applicant who lost the confirmation mail gets a fresh link; anyone else a note that they are
 * already registered and can log in. Either way the mail goes only to the address's owner.
 */
async function answerKnownAddress(tx: Db, person: { id: string; email: string | null; firstName: string }, locale: Locale, ctx: MailContext): Promise<void> {
  const email = person.email!;
  const pending = await unconfirmedApplicantMembership(tx, person.id);
  if (pending) {
    if ((await activeConfirmations(tx, pending)) < MAX_ACTIVE_CONFIRMATIONS) {
      await sendConfirmation(tx, ctx, { membershipId: pending, email, firstName: person.firstName, locale });
    }
    return;
  }
  await sendAlreadyKnown(tx, ctx, { email, firstName: person.firstName, locale });
}

export type ConfirmationCheck = { ok: true } | { ok: false; reason: 'invalid' | 'used' | 'expired' };

/** Looks at a confirmation link without using it (the page a mail scanner may open). */
export async function checkJoinConfirmation(db: Db, token: string): Promise<ConfirmationCheck> {
  const [row] = await db
    .select({ usedAt: joinConfirmations.usedAt, expired: sql<boolean>`${joinConfirmations.expiresAt} <= now()` })
    .from(joinConfirmations)
    .where(eq(joinConfirmations.tokenHash, sha256(token)));
  if (!row) return { ok: false, reason: 'invalid' };
  if (row.usedAt) return { ok: false, reason: 'used' };
  if (row.expired) return { ok: false, reason: 'expired' };
  return { ok: true };
}

/**
 * The applicant proves the address is theirs: the link is used up atomically (of two clicks exactly
 * one wins), the membership is marked confirmed, the history and the audit log say so, and the
 * application now shows in the office's queue. Other open links of the application die with it.
 */
export async function confirmApplication(db: Db, actor: Actor, token: string): Promise<ConfirmationCheck> {
  const done = await db.transaction(async (tx) => {
    const [used] = await tx
      .update(joinConfirmations)
      .set({ usedAt: sql`now()` })
      .where(and(eq(joinConfirmations.tokenHash, sha256(token)), isNull(joinConfirmations.usedAt), gt(joinConfirmations.expiresAt, sql`now()`)))
      .returning({ membershipId: joinConfirmations.membershipId });
    if (!used) return false;
    await tx
      .update(joinConfirmations)
      .set({ usedAt: sql`now()` })
      .where(and(eq(joinConfirmations.membershipId, used.membershipId), isNull(joinConfirmations.usedAt)));
    const confirmed = await confirmApplicantEmail(tx, used.membershipId, EVENT_EMAIL_CONFIRMED);
    if (!confirmed) return true;
    // The applicant acts here: opening the mailed link proved who they are.
    const applicant: Actor = { kind: 'person', personId: confirmed.personId, firstName: '', lastName: '', grants: [], ip: actor.ip };
    await audit(tx, applicant, { action: 'update', entityType: 'membership', entityId: confirmed.id, fields: ['emailConfirmedAt'] });
    return true;
  });
  return done ? { ok: true } : checkJoinConfirmation(db, token);
}
