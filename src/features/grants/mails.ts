import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { isLocale, translator, type Locale } from '../../platform/i18n/i18n.js';
import { formatDate, formatMoney } from '../../platform/i18n/format.js';
import { queueMail } from '../../platform/mail/mail.js';
import { getBrand } from '../../kernel/organisation.js';
import type { Currency } from './tables.js';
import { grantMailBody, grantMailSubject, type GrantMailKind } from './labels.js';

/** Where the grants' mails link to (PUBLIC_URL). */
export interface GrantMailContext {
  baseUrl: string;
}

/** An amount in minor units as the reader writes money. */
export const money = (locale: Locale, minor: number, currency: Currency): string => formatMoney(locale, minor / 100, currency);

type Recipient = { email: string | null; locale: Locale; firstName: string };

async function recipient(db: Db, personId: string): Promise<Recipient> {
  const brand = await getBrand(db);
  const [p] = await queryRows<{ email: string | null; preferredLocale: string | null; firstName: string }>(
    db,
    sql`select email, preferred_locale as "preferredLocale", first_name as "firstName" from persons where id = ${personId}`,
  );
  return { email: p?.email ?? null, locale: isLocale(p?.preferredLocale) ? p.preferredLocale : brand.defaultLocale, firstName: p?.firstName ?? '' };
}

export type GrantMail =
  | { kind: 'granted'; amount: number; requested: number }
  | { kind: 'rejected' }
  | { kind: 'paid_out'; amount: number; paidOn: string; reportDueOn: string }
  | { kind: 'report_reminder'; reportDueOn: string };

/**
 * Tells the applicant what happened to their application, in their own language, with the reason
 * where there is one, and a link to follow it. Queued in the caller's transaction: no decision
 * without its mail, no mail without its decision.
 */
export async function mailApplicant(
  db: Db,
  ctx: GrantMailContext,
  to: { personId: string },
  application: { id: string; title: string; poolName: string; currency: Currency; reason?: string | null },
  mail: GrantMail,
): Promise<void> {
  const r = await recipient(db, to.personId);
  if (!r.email) return;
  const t = translator(r.locale);
  const brand = await getBrand(db);
  const link = `${ctx.baseUrl}/grants/applications/${application.id}`;
  const vars: Record<string, string> = { name: r.firstName, title: application.title, pool: application.poolName, link, organisation: brand.name };
  if (mail.kind === 'granted') {
    vars.amount = money(r.locale, mail.amount, application.currency);
    vars.requested = money(r.locale, mail.requested, application.currency);
  }
  if (mail.kind === 'paid_out') {
    vars.amount = money(r.locale, mail.amount, application.currency);
    vars.paidOn = formatDate(r.locale, mail.paidOn);
    vars.reportDueOn = formatDate(r.locale, mail.reportDueOn);
  }
  if (mail.kind === 'report_reminder') vars.reportDueOn = formatDate(r.locale, mail.reportDueOn);
  const key: GrantMailKind = mail.kind === 'granted' && mail.amount < mail.requested ? 'granted_less' : mail.kind;
  const paragraphs = [t('grant_mail.greeting', { name: r.firstName }), t(grantMailBody[key], vars)];
  if (application.reason) paragraphs.push(t('grant_mail.reason', { reason: application.reason }));
  paragraphs.push(t('grant_mail.follow', { link }), t('grant_mail.signature', { organisation: brand.name }));
  await queueMail(db, { to: r.email, subject: t(grantMailSubject[key], vars), text: paragraphs.join('\n\n'), kind: 'service' });
}
