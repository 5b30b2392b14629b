import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { persons, units } from '../../kernel/tables.js';

export const membershipTypes = pgTable('membership_types', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  /** The name in the organisation's default language. */
  name: text('name').notNull(),
  /** The name in other languages, for visitors and members who read one of them; a missing one falls back to `name`. */
  nameTranslations: jsonb('name_translations').$type<Partial<Record<'da' | 'sv' | 'en', string>>>().notNull().default({}),
  position: integer('position').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const membershipStatuses = ['applicant', 'active', 'resigned', 'expelled', 'deceased', 'rejected'] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];

export const memberNumberSeq = pgSequence('member_number_seq', { startWith: 100001 });

/** One membership per person; its status changes over time (see membership_events). */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .unique()
      .references(() => persons.id, { onDelete: 'cascade' }),
    memberNumber: text('member_number')
      .notNull()
      .unique()
      .default(sql`nextval('member_number_seq')::text`),
    typeId: uuid('type_id')
      .notNull()
      .references(() => membershipTypes.id, { onDelete: 'restrict' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    status: text('status').$type<MembershipStatus>().notNull(),
    statusSince: date('status_since').notNull().default(sql`current_date`),
    joinedOn: date('joined_on'),
    emailConfirmedAt: timestamp('email_confirmed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('memberships_status', sql`${t.status} in ('applicant','active','resigned','expelled','deceased','rejected')`),
    index('memberships_unit_status_idx').on(t.unitId, t.status),
    index('memberships_number_prefix_idx').on(sql`${t.memberNumber} text_pattern_ops`),
  ],
);

/** Sections (e.g. the leaders' section) a membership also belongs to. */
export const membershipSections = pgTable(
  'membership_sections',
  {
    membershipId: uuid('membership_id')
      .notNull()
      .references(() => memberships.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    since: date('since').notNull().default(sql`current_date`),
  },
  (t) => [primaryKey({ columns: [t.membershipId, t.unitId] }), index('membership_sections_unit_idx').on(t.unitId)],
);

/** The history of a membership: every status, type or unit change with its date and reason. */
export const membershipEvents = pgTable(
  'membership_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    membershipId: uuid('membership_id')
      .notNull()
      .references(() => memberships.id, { onDelete: 'cascade' }),
    onDate: date('on_date').notNull(),
    status: text('status').$type<MembershipStatus>().notNull(),
    typeId: uuid('type_id').references(() => membershipTypes.id, { onDelete: 'set null' }),
    unitId: uuid('unit_id').references(() => units.id, { onDelete: 'set null' }),
    reason: text('reason'),
    actorPersonId: uuid('actor_person_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('membership_events_membership_idx').on(t.membershipId, t.onDate)],
);

/**
 * What the insights figures count, kept in step with membership_events by triggers in the same
 * transaction as every change to it (migration 0015): per membership, one row per fact of its
 * history — a state that began (`began`) or ended (`ended`) on `day` with its unit, type and status;
 * a `join` (code: 27 for a first join, 54 for a re-join, plus its state 6, 12 and 24 months on in
 * base 3, 1 active and 2 not); a `move` of an active member from `prev_unit` to `unit_id`; a
 * `leave` from active with its status and trimmed reason. Never written by the application.
 */
export const membershipInsightFacts = pgTable(
  'membership_insight_facts',
  {
    membershipId: uuid('membership_id').notNull(),
    kind: text('kind').$type<InsightFactKind>().notNull(),
    day: date('day').notNull(),
    unitId: uuid('unit_id'),
    prevUnit: uuid('prev_unit'),
    typeId: uuid('type_id'),
    status: text('status').$type<MembershipStatus>(),
    code: integer('code'),
    reason: text('reason'),
  },
  (t) => [index('membership_insight_facts_membership_idx').on(t.membershipId), index('membership_insight_facts_day_idx').on(t.day, t.kind)],
);

export type InsightFactKind = 'began' | 'ended' | 'join' | 'move' | 'leave';

/** The facts summed by month (the first day of it): what the dashboard reads; kept in step by the same triggers. */
export const membershipInsightCounts = pgTable(
  'membership_insight_counts',
  {
    kind: text('kind').$type<InsightFactKind>().notNull(),
    month: date('month').notNull(),
    unitId: uuid('unit_id'),
    prevUnit: uuid('prev_unit'),
    typeId: uuid('type_id'),
    status: text('status').$type<MembershipStatus>(),
    code: integer('code'),
    reason: text('reason'),
    n: integer('n').notNull(),
  },
  (t) => [
    unique('membership_insight_counts_key').on(t.kind, t.month, t.unitId, t.prevUnit, t.typeId, t.status, t.code, t.reason).nullsNotDistinct(),
    index('membership_insight_counts_empty_idx').on(t.kind).where(sql`n = 0`),
  ],
);

/** What a person has agreed to (newsletter topics arrive later); the latest answer per purpose. */
export const consents = pgTable(
  'consents',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    granted: boolean('granted').notNull(),
    source: text('source').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.purpose] })],
);
