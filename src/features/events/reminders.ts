import { inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import { queueMail } from '../../platform/mail/mail.js';
import { intlTag, isLocale, translator, type Locale } from '../../platform/i18n/i18n.js';
import { getBrand } from '../../kernel/organisation.js';
import { eventPageUrl } from './calendar.js';
import { placeOf } from './place.js';
import { registrations } from './tables.js';

export const REMINDER_JOB = 'events.reminders';
/** Every 15 minutes (UTC cron): a reminder goes out between 24 and 23¾ hours before the start. */
export const REMINDER_CRON = '*/15 * * * *';
/** How far ahead a reminder looks. */
export const REMINDER_HOURS = 24;
const DEFAULT_BATCH = 100;

export interface ReminderContext {
  /** PUBLIC_URL: the event's page in the mail points there. */
  baseUrl: string;
  /** Registrations claimed per transaction. */
  batchSize?: number;
}

interface DueReminder {
  id: string;
  guests: number;
  person_id: string | null;
  email: string;
  first_name: string | null;
  name: string | null;
  /** The person's own language, else the one a public registrant chose when signing up. */
  preferred_locale: string | null;
  title: string;
  slug: string;
  starts_at: Date | string;
  ends_at: Date | string;
  time_zone: string;
  place_name: string | null;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  online_url: string | null;
}

/**
 * Claims one batch of due reminders: confirmed places at published events that start within the
 * next 24 hours and have had no reminder. `FOR UPDATE OF r SKIP LOCKED` lets several workers claim
 * side by side without waiting for or taking each other's rows; a row another worker has just
 * reminded is re-read after its commit and no longer matches `reminded_at is null`.
 */
function claimDue(tx: Db, now: Date, batchSize: number): Promise<DueReminder[]> {
  const at = now.toISOString();
  return queryRows<DueReminder>(
    tx,
    sql`
    select r.id, r.guests, r.person_id, coalesce(p.email, r.email) as email, p.first_name, r.name,
      coalesce(p.preferred_locale, r.locale) as preferred_locale,
      e.title, e.slug, e.starts_at, e.ends_at, e.time_zone, e.place_name, e.address_line, e.postal_code, e.city, e.online_url
    from event_registrations r
    join events e on e.id = r.event_id
    left join persons p on p.id = r.person_id
    where r.status = 'confirmed' and r.reminded_at is null and e.status = 'published'
      and e.starts_at between ${at}::timestamptz and ${at}::timestamptz + make_interval(hours => ${REMINDER_HOURS})
      and coalesce(p.email, r.email) is not null
    order by e.starts_at, r.seq
    limit ${batchSize}
    for update of r skip locked`,
  );
}

function formatter(locale: Locale, timeZone: string, style: 'full' | 'medium'): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(intlTag[locale], { dateStyle: style, timeStyle: 'short', timeZone });
}

/** The reminder in the recipient's language, with the times as the event announces them (its own zone). */
export function reminderMail(r: DueReminder, locale: Locale, ctx: { baseUrl: string; organisationName: string }) {
  const t = translator(locale);
  const startsAt = new Date(r.starts_at);
  const endsAt = new Date(r.ends_at);
  const url = eventPageUrl(ctx.baseUrl, r.slug);
  const place = placeOf({ placeName: r.place_name, addressLine: r.address_line, postalCode: r.postal_code, city: r.city });
  const name = r.first_name ?? r.name;
  const details = [
    r.title,
    t('event_reminder.when', { when: formatter(locale, r.time_zone, 'full').formatRange(startsAt, endsAt) }),
    place ? t('event_reminder.place', { place }) : null,
    r.online_url ? t('event_reminder.online', { url: r.online_url }) : null,
    r.guests > 0 ? t('event_reminder.guests', { count: r.guests }) : null,
  ].filter((line) => line !== null);
  const text = [
    name ? t('event_reminder.greeting', { name }) : t('event_reminder.greeting_anonymous'),
    t('event_reminder.intro'),
    details.join('\n'),
    t('event_reminder.more', { url }),
    // A member cancels on the event's page; a public registrant only has the secret link from their confirmation.
    t(r.person_id ? 'event_reminder.cancel_member' : 'event_reminder.cancel_public'),
    t('event_reminder.closing', { organisation: ctx.organisationName }),
  ].join('\n\n');
  return {
    subject: t('event_reminder.subject', { title: r.title, date: formatter(locale, r.time_zone, 'medium').format(startsAt) }),
    text,
  };
}

/**
 * Queues the reminder mail for every confirmed place at a published event starting in the next 24
 * hours, once. Each batch is one transaction that claims its registrations, writes their mails to
 * the outbox and sets `reminded_at`: a crash or a retry re-sends nothing that was committed, and
 * concurrent workers never both take a registration. Language: the person's own, else the one a
 * public registrant signed up in (`event_registrations.locale`), else the organisation's.
 * Returns how many reminders were queued.
 */
export async function sendDueReminders(db: Db, ctx: ReminderContext, now = new Date()): Promise<number> {
  const brand = await getBrand(db);
  const batchSize = ctx.batchSize ?? DEFAULT_BATCH;
  let total = 0;
  for (;;) {
    const queued = await db.transaction(async (tx) => {
      const due = await claimDue(tx, now, batchSize);
      if (due.length === 0) return 0;
      for (const r of due) {
        const locale = isLocale(r.preferred_locale) ? r.preferred_locale : brand.defaultLocale;
        const mail = reminderMail(r, locale, { baseUrl: ctx.baseUrl, organisationName: brand.name });
        await queueMail(tx, { to: r.email, subject: mail.subject, text: mail.text, kind: 'service' });
      }
      await tx
        .update(registrations)
        .set({ remindedAt: now })
        .where(
          inArray(
            registrations.id,
            due.map((r) => r.id),
          ),
        );
      return due.length;
    });
    total += queued;
    // A short batch means nothing more is due (or another worker holds the rest).
    if (queued < batchSize) return total;
  }
}

/**
 * Declares the reminder job: run every 15 minutes by pg-boss, retried on failure. To be called where
 * the process's jobs are defined (`defineJobs` in src/platform/runtime.ts).
 */
export function registerEventReminders(jobs: Jobs, db: Db, ctx: ReminderContext): void {
  jobs.define({
    name: REMINDER_JOB,
    cron: REMINDER_CRON,
    retryLimit: 3,
    retryDelaySeconds: 60,
    handler: async () => {
      await sendDueReminders(db, ctx);
    },
  });
}
