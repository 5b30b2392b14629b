import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units, persons, workplaces } from '../../kernel/tables.js';
import { events } from '../events/tables.js';

/** What a workplace may ask a meeting to be about; staff keep one catalogue per unit. */
export const meetingTopics = pgTable(
  'workplace_meeting_topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** An inactive topic is no longer offered; requests that chose it keep it. */
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('workplace_meeting_topics_name_unique').on(t.unitId, sql`lower(${t.name})`), index('workplace_meeting_topics_unit_idx').on(t.unitId, t.position)],
);

/**
 * `new` → `in_progress` (someone at the office took it) → `scheduled` (date, politician, consultant,
 * event) → `held` (reported). `declined` (with a reason the requester sees) and `cancelled` end it.
 */
export const meetingStatuses = ['new', 'in_progress', 'scheduled', 'held', 'declined', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

/** One time a workplace proposes; instants in ISO 8601 (UTC). */
export interface ProposedTime {
  startsAt: string;
  endsAt: string;
}

/**
 * A workplace meeting, from the request to the report. The proposed times live in a jsonb column,
 * not a child table: there are one to three, they are always written and read with the request, and
 * nothing queries them on their own — the double-booking rule reads the scheduled time, which has
 * its own columns.
 */
export const workplaceMeetings = pgTable(
  'workplace_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The workplace's unit, or the one the requester chose for a workplace the register does not know. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    workplaceId: uuid('workplace_id').references(() => workplaces.id, { onDelete: 'restrict' }),
    /** A workplace the register does not know yet: its name and address as the requester wrote them. */
    newWorkplaceName: text('new_workplace_name'),
    newWorkplaceAddress: text('new_workplace_address'),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    contactPhone: text('contact_phone'),
    /** Who asked, when logged in; null for the public form and API tokens. */
    requesterPersonId: uuid('requester_person_id').references(() => persons.id, { onDelete: 'set null' }),
    /** The language of the mails to the contact person. */
    locale: text('locale').notNull().default('da'),
    proposedTimes: jsonb('proposed_times').$type<ProposedTime[]>().notNull(),
    freeTopic: text('free_topic'),
    questions: text('questions'),
    nonMembersWelcome: boolean('non_members_welcome').notNull().default(false),
    expectedParticipants: integer('expected_participants'),
    /** The zone the meeting's times are shown in and its months are counted in. */
    timeZone: text('time_zone').notNull().default('Europe/Copenhagen'),
    status: text('status').$type<MeetingStatus>().notNull().default('new'),
    /** Who at the office took the request. */
    handledBy: uuid('handled_by').references(() => persons.id, { onDelete: 'set null' }),
    declineReason: text('decline_reason'),
    declinedAt: timestamp('declined_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    /** The chair or a union secretary: staff or board. */
    politicianId: uuid('politician_id').references(() => persons.id, { onDelete: 'restrict' }),
    /** Staff. */
    consultantId: uuid('consultant_id').references(() => persons.id, { onDelete: 'restrict' }),
    reportNote: text('report_note'),
    participants: integer('participants'),
    membersRecruited: integer('members_recruited'),
    heldAt: timestamp('held_at', { withTimezone: true }),
    /** sha256 of the secret in the requester's follow-status link. */
    followTokenHash: text('follow_token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('workplace_meetings_status', sql`${t.status} in ('new','in_progress','scheduled','held','declined','cancelled')`),
    // A request names a known workplace or describes a new one (never both: the input schema says so);
    // scheduling a described one links it to the workplace staff registered, keeping what the requester wrote.
    check('workplace_meetings_workplace', sql`${t.workplaceId} is not null or ${t.newWorkplaceName} is not null`),
    check('workplace_meetings_proposed', sql`jsonb_typeof(${t.proposedTimes}) = 'array' and jsonb_array_length(${t.proposedTimes}) between 1 and 3`),
    check('workplace_meetings_locale', sql`${t.locale} in ('da','sv','en')`),
    check('workplace_meetings_period', sql`${t.endsAt} is null or ${t.startsAt} is null or ${t.endsAt} > ${t.startsAt}`),
    check(
      'workplace_meetings_scheduled',
      sql`${t.status} not in ('scheduled','held') or (${t.startsAt} is not null and ${t.endsAt} is not null and ${t.politicianId} is not null and ${t.consultantId} is not null)`,
    ),
    check('workplace_meetings_two_people', sql`${t.politicianId} is null or ${t.consultantId} is null or ${t.politicianId} <> ${t.consultantId}`),
    check('workplace_meetings_declined', sql`${t.status} <> 'declined' or ${t.declineReason} is not null`),
    check('workplace_meetings_counts', sql`coalesce(${t.participants}, 0) >= 0 and coalesce(${t.membersRecruited}, 0) >= 0 and coalesce(${t.expectedParticipants}, 0) >= 0`),
    uniqueIndex('workplace_meetings_follow_token_unique').on(t.followTokenHash),
    index('workplace_meetings_unit_status_idx').on(t.unitId, t.status),
    index('workplace_meetings_workplace_idx').on(t.workplaceId),
    index('workplace_meetings_politician_idx').on(t.politicianId, t.startsAt),
    index('workplace_meetings_consultant_idx').on(t.consultantId, t.startsAt),
  ],
);

/** The catalogue topics a request chose. A topic in use cannot be deleted, only made inactive. */
export const meetingTopicChoices = pgTable(
  'workplace_meeting_topic_choices',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => workplaceMeetings.id, { onDelete: 'cascade' }),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => meetingTopics.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.topicId] }), index('workplace_meeting_topic_choices_topic_idx').on(t.topicId)],
);

/** The secret of a staff member's feed of assigned meetings; replacing it stops the old URL. */
export const meetingFeeds = pgTable('workplace_meeting_feeds', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => persons.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
