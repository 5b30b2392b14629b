import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import { isLocale, translator, type Locale } from '../../platform/i18n/i18n.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import { queueMail, type OutgoingMail } from '../../platform/mail/mail.js';
import { mailOutbox } from '../../platform/mail/tables.js';
import { getBrand } from '../../kernel/organisation.js';
import { eventPageUrl } from './calendar.js';
import { locationOf, type EventPlace } from './place.js';

/** Where the mails of this feature come from and where their links point. */
export interface EventMailContext {
  /** PUBLIC_URL: links in mails point there. */
  baseUrl: string;
  organisationName: string;
  /** For recipients whose language is not known. */
  defaultLocale: Locale;
}

export async function eventMailContext(app: FastifyInstance): Promise<EventMailContext> {
  const brand = await getBrand(app.db);
  return { baseUrl: app.config.publicUrl, organisationName: brand.name, defaultLocale: brand.defaultLocale };
}

/**
 * The addresses mails link to. Pages serve them: the event page by its slug, and the two secret links
 * of a public registrant (confirm the e-mail address; cancel the place).
 */
export const eventLinks = {
  event: eventPageUrl,
  confirm: (baseUrl: string, token: string) => `${baseUrl}/events/confirm/${token}`,
  cancel: (baseUrl: string, token: string) => `${baseUrl}/events/cancel/${token}`,
  myEvents: (baseUrl: string) => `${baseUrl}/me/events`,
};

/** What a mail says about the event. */
export interface MailEvent extends EventPlace {
  slug: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
}

export interface Recipient {
  email: string;
  name: string;
  /** The person's chosen language, or what a public registrant used; else the organisation's. */
  locale: string | null;
}

function localeOf(to: Recipient, ctx: EventMailContext): Locale {
  return isLocale(to.locale) ? to.locale : ctx.defaultLocale;
}

/** Date, time and place in the event's own time zone, in the reader's language. */
function details(event: MailEvent, locale: Locale): Record<string, string> {
  return {
    title: event.title,
    starts: formatDateTime(locale, event.startsAt, event.timeZone),
    ends: formatDateTime(locale, event.endsAt, event.timeZone),
    place: locationOf(event) ?? '–',
  };
}

type Kind = 'confirmed' | 'waitlisted' | 'promoted' | 'opt_in' | 'cancelled_event' | 'message';

interface Extra {
  position?: number;
  confirmUrl?: string;
  /** A public registrant's own cancel link; members cancel on the event page. */
  cancelUrl?: string | null;
  reason?: string | null;
  subject?: string;
  message?: string;
}

/** One mail of this feature, rendered in the recipient's language. */
export function eventMail(ctx: EventMailContext, kind: Kind, to: Recipient, event: MailEvent, extra: Extra = {}): OutgoingMail {
  const locale = localeOf(to, ctx);
  const t = translator(locale);
  const vars = {
    ...details(event, locale),
    name: to.name,
    organisation: ctx.organisationName,
    url: eventLinks.event(ctx.baseUrl, event.slug),
    position: extra.position ?? 0,
    confirmUrl: extra.confirmUrl ?? '',
    reason: extra.reason ?? '',
    message: extra.message ?? '',
  };
  const cancelLine = extra.cancelUrl
    ? t('event.mail.cancel_link', { url: extra.cancelUrl })
    : t('event.mail.cancel_on_page', { url: eventLinks.myEvents(ctx.baseUrl) });
  const footer = t('event.mail.footer', vars);
  const body = (key: string, withCancel: boolean) => [t(key, vars), withCancel ? cancelLine : null, footer].filter(Boolean).join('\n\n');
  switch (kind) {
    case 'confirmed':
      return { to: to.email, subject: t('event.mail.confirmed_subject', vars), text: body('event.mail.confirmed_text', true), kind: 'service' };
    case 'waitlisted':
      return { to: to.email, subject: t('event.mail.waitlisted_subject', vars), text: body('event.mail.waitlisted_text', true), kind: 'service' };
    case 'promoted':
      return { to: to.email, subject: t('event.mail.promoted_subject', vars), text: body('event.mail.promoted_text', true), kind: 'service' };
    case 'opt_in':
      return { to: to.email, subject: t('event.mail.opt_in_subject', vars), text: body('event.mail.opt_in_text', false), kind: 'service' };
    case 'cancelled_event':
      return {
        to: to.email,
        subject: t('event.mail.cancelled_subject', vars),
        text: [t('event.mail.cancelled_text', vars), extra.reason ? t('event.mail.cancelled_reason', vars) : null, footer].filter(Boolean).join('\n\n'),
        kind: 'service',
      };
    case 'message':
      return { to: to.email, subject: extra.subject ?? '', text: body('event.mail.message_text', false), kind: 'service' };
  }
}

export async function sendEventMail(tx: Db, mail: OutgoingMail): Promise<void> {
  await queueMail(tx, mail);
}

/** Many mails in one statement (cancelling an event, a message to all participants). */
export async function sendEventMails(tx: Db, mails: OutgoingMail[]): Promise<number> {
  if (mails.length === 0) return 0;
  for (let i = 0; i < mails.length; i += 1000) {
    await tx.insert(mailOutbox).values(
      mails.slice(i, i + 1000).map((m) => ({ toAddress: m.to, subject: m.subject, textBody: m.text, htmlBody: m.html ?? null, kind: m.kind ?? 'service' })),
    );
  }
  return mails.length;
}
