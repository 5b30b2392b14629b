import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { isLocale, translator, type Locale } from '../../platform/i18n/i18n.js';
import { queueMail } from '../../platform/mail/mail.js';
import { newToken, sha256 } from '../../platform/secrets.js';
import { EMAIL_CHANGE_HOURS } from '../../kernel/email-change.js';
import { joinConfirmations } from './tables.js';

/** What every mail of this feature needs to know about where it comes from. */
export interface MailContext {
  /** PUBLIC_URL: links in mails point there. */
  baseUrl: string;
  organisationName: string;
  /** Where a rejected applicant or a member can write to the office. */
  organisationEmail: string | null;
}

export const CONFIRMATION_HOURS = 48;
export const WELCOME_LINK_HOURS = 24;

/** The person's own language if they chose one, else the one they used the site in. */
export function mailLocale(preferred: string | null | undefined, fallback: Locale): Locale {
  return isLocale(preferred) ? preferred : fallback;
}

/**
 * Issues a fresh confirmation token for an application (only its hash is stored, valid 48 hours) and
 * queues the double opt-in mail, in the caller's transaction.
 */
export async function sendConfirmation(tx: Db, ctx: MailContext, to: { membershipId: string; email: string; firstName: string; locale: Locale }): Promise<void> {
  const token = newToken();
  await tx.insert(joinConfirmations).values({
    tokenHash: sha256(token),
    membershipId: to.membershipId,
    expiresAt: sql`now() + make_interval(hours => ${CONFIRMATION_HOURS})`,
  });
  const t = translator(to.locale);
  await queueMail(tx, {
    to: to.email,
    subject: t('join.mail.confirm_subject', { organisation: ctx.organisationName }),
    text: t('join.mail.confirm_text', { name: to.firstName, url: `${ctx.baseUrl}/join/confirm/${token}`, hours: CONFIRMATION_HOURS, organisation: ctx.organisationName }),
    kind: 'service',
  });
}

/** Unused, unexpired confirmation links of an application: more than a few is a flood, not help. */
export async function activeConfirmations(tx: Db, membershipId: string): Promise<number> {
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(joinConfirmations)
    .where(and(eq(joinConfirmations.membershipId, membershipId), isNull(joinConfirmations.usedAt), gt(joinConfirmations.expiresAt, sql`now()`)));
  return n;
}

/** Someone tried to join with an address we know: tell its owner, and only them, how to log in instead. */
export async function sendAlreadyKnown(tx: Db, ctx: MailContext, to: { email: string; firstName: string; locale: Locale }): Promise<void> {
  const t = translator(to.locale);
  await queueMail(tx, {
    to: to.email,
    subject: t('join.mail.known_subject', { organisation: ctx.organisationName }),
    text: t('join.mail.known_text', { name: to.firstName, url: `${ctx.baseUrl}/login`, organisation: ctx.organisationName }),
    kind: 'service',
  });
}

export async function sendWelcome(
  tx: Db,
  ctx: MailContext,
  to: { email: string; firstName: string; locale: Locale; memberNumber: string; loginToken: string },
): Promise<void> {
  const t = translator(to.locale);
  await queueMail(tx, {
    to: to.email,
    subject: t('join.mail.welcome_subject', { organisation: ctx.organisationName }),
    text: t('join.mail.welcome_text', {
      name: to.firstName,
      memberNumber: to.memberNumber,
      url: `${ctx.baseUrl}/login/link/${to.loginToken}`,
      hours: WELCOME_LINK_HOURS,
      loginUrl: `${ctx.baseUrl}/login`,
      organisation: ctx.organisationName,
    }),
    kind: 'service',
  });
}

/** The reason for a rejection stays internal; the applicant is told politely whom to ask. */
export async function sendRejected(tx: Db, ctx: MailContext, to: { email: string; firstName: string; locale: Locale }): Promise<void> {
  const t = translator(to.locale);
  await queueMail(tx, {
    to: to.email,
    subject: t('join.mail.rejected_subject', { organisation: ctx.organisationName }),
    text: t('join.mail.rejected_text', { name: to.firstName, contact: ctx.organisationEmail ?? ctx.baseUrl, organisation: ctx.organisationName }),
    kind: 'service',
  });
}

/** The link that makes a new address the person's log-in, sent to that address only. */
export async function sendEmailChangeConfirmation(tx: Db, ctx: MailContext, to: { email: string; firstName: string; locale: Locale; token: string }): Promise<void> {
  const t = translator(to.locale);
  await queueMail(tx, {
    to: to.email,
    subject: t('me.mail.email_confirm_subject', { organisation: ctx.organisationName }),
    text: t('me.mail.email_confirm_text', { name: to.firstName, url: `${ctx.baseUrl}/me/email/confirm/${to.token}`, hours: EMAIL_CHANGE_HOURS, organisation: ctx.organisationName }),
    kind: 'service',
  });
}

/** Sent to the old address when a change is asked for: a hijacked session cannot move the log-in silently. */
export async function sendEmailChangeRequested(tx: Db, ctx: MailContext, to: { email: string; firstName: string; locale: Locale; newEmail: string }): Promise<void> {
  const t = translator(to.locale);
  await queueMail(tx, {
    to: to.email,
    subject: t('me.mail.email_change_requested_subject', { organisation: ctx.organisationName }),
    text: t('me.mail.email_change_requested_text', { name: to.firstName, newEmail: to.newEmail, hours: EMAIL_CHANGE_HOURS, contact: ctx.organisationEmail ?? ctx.baseUrl, organisation: ctx.organisationName }),
    kind: 'service',
  });
}

/** Sent to the old address when a person changes their e-mail: a hijacked session cannot do it silently. */
export async function sendEmailChanged(tx: Db, ctx: MailContext, to: { email: string; firstName: string; locale: Locale }): Promise<void> {
  const t = translator(to.locale);
  await queueMail(tx, {
    to: to.email,
    subject: t('me.mail.email_changed_subject', { organisation: ctx.organisationName }),
    text: t('me.mail.email_changed_text', { name: to.firstName, contact: ctx.organisationEmail ?? ctx.baseUrl, organisation: ctx.organisationName }),
    kind: 'service',
  });
}
