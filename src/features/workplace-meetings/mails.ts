import { isLocale, translator, type Locale } from '../../platform/i18n/i18n.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import type { MailAttachment, OutgoingMail } from '../../platform/mail/mail.js';
import type { EventMailContext } from '../events/index.js';

/** The context of this feature's mails is the events feature's: base URL, organisation name, default language. */
export type MeetingMailContext = EventMailContext;

/** The addresses mails link to; the pages of this feature serve them. */
export const meetingLinks = {
  /** The requester's follow-status page; the token is the credential. */
  follow: (baseUrl: string, token: string) => `${baseUrl}/workplace-meetings/follow/${token}`,
  meeting: (baseUrl: string, id: string) => `${baseUrl}/workplace-meetings/${id}`,
  event: (baseUrl: string, slug: string) => `${baseUrl}/events/${encodeURIComponent(slug)}`,
};

export interface MeetingRecipient {
  email: string;
  name: string;
  locale: string | null;
}

/** What a mail says about the meeting. */
export interface MailMeeting {
  id: string;
  workplaceName: string;
  timeZone: string;
  proposedTimes: { startsAt: Date | string; endsAt: Date | string }[];
  startsAt?: Date | null;
  endsAt?: Date | null;
  eventSlug?: string | null;
  politicianName?: string | null;
  consultantName?: string | null;
}

type Kind = 'receipt' | 'declined' | 'scheduled_requester' | 'scheduled_staff' | 'cancelled';

interface Extra {
  followUrl?: string;
  reason?: string | null;
  ics?: MailAttachment;
}

function localeOf(to: MeetingRecipient, ctx: MeetingMailContext): Locale {
  return isLocale(to.locale) ? to.locale : ctx.defaultLocale;
}

/** One mail of this feature, in the recipient's language, times in the meeting's own zone. */
export function meetingMail(ctx: MeetingMailContext, kind: Kind, to: MeetingRecipient, m: MailMeeting, extra: Extra = {}): OutgoingMail {
  const locale = localeOf(to, ctx);
  const t = translator(locale);
  const when = (d: Date | string) => formatDateTime(locale, d, m.timeZone);
  const vars = {
    name: to.name,
    workplace: m.workplaceName,
    organisation: ctx.organisationName,
    times: m.proposedTimes.map((p) => `– ${when(p.startsAt)} – ${when(p.endsAt)}`).join('\n'),
    starts: m.startsAt ? when(m.startsAt) : '',
    ends: m.endsAt ? when(m.endsAt) : '',
    politician: m.politicianName ?? '',
    consultant: m.consultantName ?? '',
    url: m.eventSlug ? meetingLinks.event(ctx.baseUrl, m.eventSlug) : '',
    staffUrl: meetingLinks.meeting(ctx.baseUrl, m.id),
    followUrl: extra.followUrl ?? '',
    reason: extra.reason ?? '',
  };
  const footer = t('workplace_meeting.mail.footer', vars);
  const text = (...keys: (string | null)[]) => [...keys.filter((k): k is string => k !== null).map((k) => t(k, vars)), footer].join('\n\n');
  const attachments = extra.ics ? [extra.ics] : undefined;
  switch (kind) {
    case 'receipt':
      return { to: to.email, subject: t('workplace_meeting.mail.receipt_subject', vars), text: text('workplace_meeting.mail.receipt_text', 'workplace_meeting.mail.follow_link'), kind: 'service' };
    case 'declined':
      return { to: to.email, subject: t('workplace_meeting.mail.declined_subject', vars), text: text('workplace_meeting.mail.declined_text'), kind: 'service' };
    case 'scheduled_requester':
      return { to: to.email, subject: t('workplace_meeting.mail.scheduled_subject', vars), text: text('workplace_meeting.mail.scheduled_requester_text'), kind: 'service', attachments };
    case 'scheduled_staff':
      return { to: to.email, subject: t('workplace_meeting.mail.assigned_subject', vars), text: text('workplace_meeting.mail.scheduled_staff_text'), kind: 'service', attachments };
    case 'cancelled':
      return {
        to: to.email,
        subject: t('workplace_meeting.mail.cancelled_subject', vars),
        text: text('workplace_meeting.mail.cancelled_text', extra.reason ? 'workplace_meeting.mail.cancelled_reason' : null),
        kind: 'service',
      };
  }
}
