import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units, persons } from '../../kernel/tables.js';
import { events } from '../events/tables.js';
import { segments } from '../segments/tables.js';

/** A text in each of the three languages; `da` is always present, the others fall back to it. */
export interface LocalizedText {
  da: string;
  sv?: string;
  en?: string;
}

/**
 * What a newsletter is about ("Nyt om løn", "Lederbrevet"). Members opt in and out per topic on their
 * own page and through the one-click link in every newsletter. `defaultSubscribed` topics reach
 * everyone in the segment who has not opted out; the others only those who opted in.
 */
export const newsletterTopics = pgTable(
  'newsletter_topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>(),
    defaultSubscribed: boolean('default_subscribed').notNull().default(true),
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
);

export const subscriptionSources = ['me', 'unsubscribe_link', 'staff', 'join'] as const;
export type SubscriptionSource = (typeof subscriptionSources)[number];

/** A person's latest answer for one topic; no row means the topic's default. */
export const topicSubscriptions = pgTable(
  'newsletter_topic_subscriptions',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => newsletterTopics.id, { onDelete: 'cascade' }),
    subscribed: boolean('subscribed').notNull(),
    source: text('source').$type<SubscriptionSource>().notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.topicId] }), index('newsletter_topic_subscriptions_topic_idx').on(t.topicId, t.subscribed)],
);

/** A newsletter respects topic consent and carries one-click unsubscribe; service mail does neither. */
export const mailingKinds = ['newsletter', 'service'] as const;
export type MailingKind = (typeof mailingKinds)[number];

/**
 * `draft` → `scheduled` (send at a time; recipients frozen when it comes) → `sending` ⇄ `paused` →
 * `sent` (no recipient left pending). `cancelled` ends a draft or scheduled mailing.
 */
export const mailingStatuses = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled'] as const;
export type MailingStatus = (typeof mailingStatuses)[number];

export const mailings = pgTable(
  'mailings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    segmentId: uuid('segment_id').references(() => segments.id, { onDelete: 'restrict' }),
    /**
     * Instead of a segment: an audience another feature names (`assembly.roll` and the assembly's id),
     * registered with `addAudienceSource`; such a mailing is service mail made and sent by that feature.
     */
    audienceSource: text('audience_source'),
    audienceRef: uuid('audience_ref'),
    /** What the mailing's list shows for an audience source ("Valgbare: Generalforsamling 2027"). */
    audienceLabel: text('audience_label'),
    kind: text('kind').$type<MailingKind>().notNull(),
    topicId: uuid('topic_id').references(() => newsletterTopics.id, { onDelete: 'restrict' }),
    /** Why staff marked a mailing to a segment as service mail (audited with the choice). */
    serviceReason: text('service_reason'),
    /** Headers a service mail carries besides the usual ones: a discussion's `Message-ID`, `In-Reply-To` and `References`. */
    headers: jsonb('headers').$type<Record<string, string>>(),
    /** An invitation: every recipient's mail carries a one-click register link for this event. */
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'restrict' }),
    /** The language of the main version; recipients whose language has no version get this one. */
    defaultLocale: text('default_locale').notNull().default('da'),
    status: text('status').$type<MailingStatus>().notNull().default('draft'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    /** Messages per second across all workers; null means the configured default. */
    ratePerSecond: integer('rate_per_second'),
    recipientCount: integer('recipient_count'),
    frozenAt: timestamp('frozen_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => persons.id, { onDelete: 'set null' }),
    sentBy: uuid('sent_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('mailings_kind', sql`${t.kind} in ('newsletter','service')`),
    check('mailings_status', sql`${t.status} in ('draft','scheduled','sending','paused','sent','cancelled')`),
    check('mailings_audience', sql`(${t.audienceSource} is null) = (${t.audienceRef} is null) and (${t.audienceSource} is null or ${t.segmentId} is null)`),
    check('mailings_topic', sql`(${t.kind} = 'newsletter') = (${t.topicId} is not null)`),
    check('mailings_locale', sql`${t.defaultLocale} in ('da','sv','en')`),
    check('mailings_rate', sql`${t.ratePerSecond} is null or ${t.ratePerSecond} > 0`),
    index('mailings_unit_idx').on(t.unitId, t.createdAt),
    index('mailings_due_idx').on(t.scheduledAt).where(sql`${t.status} = 'scheduled'`),
  ],
);

/** The subject and Markdown body in one language; a mailing has one to three. */
export const mailingContents = pgTable(
  'mailing_contents',
  {
    mailingId: uuid('mailing_id')
      .notNull()
      .references(() => mailings.id, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
  },
  (t) => [primaryKey({ columns: [t.mailingId, t.locale] }), check('mailing_contents_locale', sql`${t.locale} in ('da','sv','en')`)],
);

export const recipientStatuses = ['pending', 'sending', 'sent', 'failed'] as const;
export type RecipientStatus = (typeof recipientStatuses)[number];

/**
 * Frozen when the mailing is sent: one row per person, with the address and language as they were.
 * Workers claim `pending` rows (and `sending` rows whose lease ran out) with FOR UPDATE SKIP LOCKED;
 * while a row is `sending`, `next_attempt_at` is the end of its lease.
 */
export const mailingRecipients = pgTable(
  'mailing_recipients',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    mailingId: uuid('mailing_id')
      .notNull()
      .references(() => mailings.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
    email: text('email').notNull(),
    locale: text('locale').notNull(),
    status: text('status').$type<RecipientStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    messageId: text('message_id'),
  },
  (t) => [
    check('mailing_recipients_status', sql`${t.status} in ('pending','sending','sent','failed')`),
    uniqueIndex('mailing_recipients_person_unique').on(t.mailingId, t.personId),
    // Dispatchers claim one mailing's due rows in order straight from this index, with no sort and
    // without walking past the rows of other (paused, retrying) mailings.
    index('mailing_recipients_due_idx').on(t.mailingId, t.nextAttemptAt).where(sql`${t.status} in ('pending','sending')`),
    index('mailing_recipients_mailing_status_idx').on(t.mailingId, t.status),
  ],
);
