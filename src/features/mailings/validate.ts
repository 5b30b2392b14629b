import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { locales, type Locale } from '../../platform/i18n/i18n.js';
import { invitationEvent } from '../events/index.js';
import type { MailingProblem } from './contract.js';
import { unknownMergeFields, type MergeScope } from './merge-fields.js';
import { mailingContents, mailings, newsletterTopics, type MailingKind } from './tables.js';

/** One language version as written: subject and Markdown body. */
export interface Version {
  subject: string;
  body: string;
}

/**
 * Where a version's field is named in forms and the API: the default language's are plain
 * `subject` and `body`, the others `contents.sv.body` and so on.
 */
export function contentPath(locale: Locale, defaultLocale: Locale, field: 'subject' | 'body'): string {
  return locale === defaultLocale ? field : `contents.${locale}.${field}`;
}

/**
 * What is wrong with the texts of a mailing: the default version must have a subject and a body, a
 * translation is either whole or absent, and every merge field must be one this mailing can fill.
 */
export function versionProblems(versions: Partial<Record<Locale, Version>>, defaultLocale: Locale, scope: MergeScope): MailingProblem[] {
  const problems: MailingProblem[] = [];
  for (const locale of locales) {
    const v = versions[locale];
    const isDefault = locale === defaultLocale;
    const subject = v?.subject.trim() ?? '';
    const body = v?.body.trim() ?? '';
    if (isDefault || subject || body) {
      if (!subject) problems.push({ path: contentPath(locale, defaultLocale, 'subject'), code: 'mailing.subject_required' });
      if (!body) problems.push({ path: contentPath(locale, defaultLocale, 'body'), code: 'mailing.body_required' });
    }
    if (!v) continue;
    for (const field of ['subject', 'body'] as const) {
      for (const name of unknownMergeFields(v[field], scope)) {
        problems.push({ path: contentPath(locale, defaultLocale, field), code: 'mailing.unknown_merge_field', params: { field: name } });
      }
    }
  }
  return problems;
}

/** A mailing's settings as far as they decide whether it may go out. */
export interface MailingSettings {
  kind: MailingKind;
  segmentId: string | null;
  /** Instead of a segment: another feature's audience (an assembly's electoral roll). */
  audienceSource?: string | null;
  topicId: string | null;
  serviceReason: string | null;
  eventId: string | null;
}

/**
 * The rules on the settings that need the database: a newsletter's topic must exist and be active,
 * an invitation's event must be published, not cancelled and not over. A service mailing to a
 * segment needs its reason (marking mail as service mail bypasses everyone's opt-outs).
 */
export async function settingsProblems(db: Db, s: MailingSettings, now = new Date()): Promise<MailingProblem[]> {
  const problems: MailingProblem[] = [];
  if (!s.segmentId && !s.audienceSource) problems.push({ path: 'segmentId', code: 'mailing.segment_required' });
  if (s.kind === 'newsletter') {
    if (!s.topicId) problems.push({ path: 'topicId', code: 'mailing.topic_required' });
    else {
      const [topic] = await db.select({ active: newsletterTopics.active }).from(newsletterTopics).where(eq(newsletterTopics.id, s.topicId));
      if (!topic) problems.push({ path: 'topicId', code: 'mailing.topic_unknown' });
      else if (!topic.active) problems.push({ path: 'topicId', code: 'mailing.topic_inactive' });
    }
  } else if (s.segmentId && !s.serviceReason?.trim()) {
    problems.push({ path: 'serviceReason', code: 'mailing.service_reason_required' });
  }
  if (s.eventId) {
    const event = await invitationEvent(db, s.eventId);
    if (!event) problems.push({ path: 'eventId', code: 'mailing.event_unknown' });
    else if (event.status === 'cancelled') problems.push({ path: 'eventId', code: 'mailing.event_cancelled' });
    else if (event.endsAt <= now) problems.push({ path: 'eventId', code: 'mailing.event_past' });
    else if (event.status !== 'published') problems.push({ path: 'eventId', code: 'mailing.event_unpublished' });
  }
  return problems;
}

/**
 * Everything that stops a saved mailing from being sent (empty list: it may go). The sender calls
 * this inside its transaction, after locking the mailing row.
 */
export async function mailingProblems(db: Db, mailingId: string): Promise<MailingProblem[]> {
  const [m] = await db.select().from(mailings).where(eq(mailings.id, mailingId));
  if (!m) return [{ path: 'id', code: 'mailing.not_found' }];
  const rows = await db.select().from(mailingContents).where(eq(mailingContents.mailingId, mailingId));
  const versions: Partial<Record<Locale, Version>> = {};
  for (const r of rows) versions[r.locale as Locale] = { subject: r.subject, body: r.body };
  const defaultLocale = m.defaultLocale as Locale;
  return [...versionProblems(versions, defaultLocale, { kind: m.kind, invitation: m.eventId !== null }), ...(await settingsProblems(db, m))];
}
