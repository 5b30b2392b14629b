import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { createLoginLink } from '../../kernel/auth/login-links.js';
import { findPersonById } from '../../kernel/persons.js';
import { deletePersonIfUnreferenced } from '../../kernel/personal-data.js';
import { decideApplicantMembership, deleteApplicantMembership, lockApplicantMembership as lockApplication } from '../members/index.js';
import { EVENT_APPROVED } from './join.js';
import { activeConfirmations, mailLocale, sendConfirmation, sendRejected, sendWelcome, WELCOME_LINK_HOURS, type MailContext } from './mails.js';

/**
 * Why a decision could not be made: gone (or never an application), already decided by someone else,
 * or in the wrong step (approving before the e-mail is confirmed; re-sending after it is).
 */
export type DecisionFailure = { ok: false; reason: 'not_found' | 'already_decided' | 'not_confirmed' | 'already_confirmed' | 'too_many_links' };

/** A re-sent link is a courtesy; more than this many open at once would only fill an inbox. */
const MAX_OPEN_LINKS = 3;

/**
 * Makes a confirmed applicant a member: active from today, a history entry, the audit, and a welcome
 * mail in their language with the member number and a one-time log-in link valid for a day.
 */
export async function approveApplication(db: Db, actor: Actor, membershipId: string, fallbackLocale: Locale, ctx: MailContext): Promise<{ ok: true; memberNumber: string; name: string } | DecisionFailure> {
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, membershipId);
    if (!app) return { ok: false as const, reason: 'not_found' as const };
    if (app.status !== 'applicant') return { ok: false as const, reason: 'already_decided' as const };
    if (!app.confirmed) return { ok: false as const, reason: 'not_confirmed' as const };
    await decideApplicantMembership(tx, actor, { ...app, id: membershipId }, { status: 'active', reason: EVENT_APPROVED });
    const person = (await findPersonById(tx, app.personId))!;
    if (person.email) {
      const loginToken = await createLoginLink(tx, person.id, WELCOME_LINK_HOURS * 60);
      await sendWelcome(tx, ctx, { email: person.email, firstName: person.firstName, locale: mailLocale(person.preferredLocale, fallbackLocale), memberNumber: app.memberNumber, loginToken });
    }
    return { ok: true as const, memberNumber: app.memberNumber, name: `${person.firstName} ${person.lastName}` };
  });
}

/**
 * Turns an application down. The reason is kept in the membership's history for the office (and the
 * applicant's own data export); the applicant's mail says only that it was not approved and whom to ask.
 */
export async function rejectApplication(db: Db, actor: Actor, membershipId: string, reason: string, fallbackLocale: Locale, ctx: MailContext): Promise<{ ok: true; name: string } | DecisionFailure> {
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, membershipId);
    if (!app) return { ok: false as const, reason: 'not_found' as const };
    if (app.status !== 'applicant') return { ok: false as const, reason: 'already_decided' as const };
    await decideApplicantMembership(tx, actor, { ...app, id: membershipId }, { status: 'rejected', reason });
    const person = (await findPersonById(tx, app.personId))!;
    // An applicant who never confirmed their address gets no mail: it may not be theirs.
    if (person.email && app.confirmed) await sendRejected(tx, ctx, { email: person.email, firstName: person.firstName, locale: mailLocale(person.preferredLocale, fallbackLocale) });
    return { ok: true as const, name: `${person.firstName} ${person.lastName}` };
  });
}

/** Sends an unconfirmed applicant a fresh confirmation link (the old ones keep working until they expire). */
export async function resendConfirmation(db: Db, actor: Actor, membershipId: string, fallbackLocale: Locale, ctx: MailContext): Promise<{ ok: true; name: string } | DecisionFailure> {
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, membershipId);
    if (!app) return { ok: false as const, reason: 'not_found' as const };
    if (app.status !== 'applicant') return { ok: false as const, reason: 'already_decided' as const };
    if (app.confirmed) return { ok: false as const, reason: 'already_confirmed' as const };
    if ((await activeConfirmations(tx, membershipId)) >= MAX_OPEN_LINKS) return { ok: false as const, reason: 'too_many_links' as const };
    const person = (await findPersonById(tx, app.personId))!;
    if (!person.email) return { ok: false as const, reason: 'not_found' as const };
    await sendConfirmation(tx, ctx, { membershipId, email: person.email, firstName: person.firstName, locale: mailLocale(person.preferredLocale, fallbackLocale) });
    await audit(tx, actor, { action: 'create', entityType: 'join_confirmation', entityId: membershipId });
    return { ok: true as const, name: `${person.firstName} ${person.lastName}` };
  });
}

/**
 * Removes an application whose e-mail was never confirmed: the membership goes, and so does the person
 * unless the register knows them for something else (a role, a staff entry, a member company contact).
 * Their consents, links and the workplace they named go with them.
 */
export async function removeApplication(db: Db, actor: Actor, membershipId: string): Promise<{ ok: true; name: string } | DecisionFailure> {
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, membershipId);
    if (!app) return { ok: false as const, reason: 'not_found' as const };
    if (app.status !== 'applicant') return { ok: false as const, reason: 'already_decided' as const };
    if (app.confirmed) return { ok: false as const, reason: 'already_confirmed' as const };
    const person = (await findPersonById(tx, app.personId))!;
    await deleteApplicantMembership(tx, actor, membershipId);
    if (await deletePersonIfUnreferenced(tx, app.personId)) await audit(tx, actor, { action: 'delete', entityType: 'person', entityId: app.personId });
    return { ok: true as const, name: `${person.firstName} ${person.lastName}` };
  });
}
