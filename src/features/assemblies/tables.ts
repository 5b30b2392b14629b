import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { persons, units } from '../../kernel/tables.js';
import { events } from '../events/tables.js';

/*
 * The general assembly, from the statutes' rules to the published minutes: the assembly, its rules,
 * roll and agenda here; its motions, hall, polls and elections each in their own `*-tables.ts`. See
 * CONTEXT.md for the nouns and README.md ("Secret ballots") for what the database can tell about a vote.
 */

/** simple: more for than against; two_thirds: at least two thirds of the valid votes for. */
export const majorities = ['simple', 'two_thirds'] as const;
export type Majority = (typeof majorities)[number];

/** What a poll decides, for the rules: an ordinary matter, or a change of the statutes. */
export const voteKinds = ['ordinary', 'statute'] as const;
export type VoteKind = (typeof voteKinds)[number];

/**
 * The statutes' rules for the assemblies of one unit, as the office sets them. An assembly copies
 * them when it is created (`assemblies.rules`), so changing them never changes an assembly already called.
 */
export type AssemblyRules = {
  /** Days between the notice and the assembly, at least. */
  noticeDays: number;
  /** Days before the assembly that motions must be in. */
  motionDeadlineDays: number;
  /** Days before the assembly the electoral roll is taken (0: on the day the notice goes out). */
  rollCutoffDays: number;
  /** Share of the roll that must be present for an ordinary decision (null: no quorum). */
  quorum: number | null;
  /** Share of the roll that must be present for a statute change (null: no quorum). */
  statuteQuorum: number | null;
  majority: Majority;
  statuteMajority: Majority;
  /** Do blank votes (abstentions) count as cast votes when the majority is computed? */
  blankVotesCount: boolean;
  proxiesAllowed: boolean;
  proxiesPerHolder: number;
};

export const defaultAssemblyRules: AssemblyRules = {
  noticeDays: 14,
  motionDeadlineDays: 7,
  rollCutoffDays: 0,
  quorum: null,
  statuteQuorum: null,
  majority: 'simple',
  statuteMajority: 'two_thirds',
  blankVotesCount: false,
  proxiesAllowed: false,
  proxiesPerHolder: 1,
};

export const assemblyRules = pgTable(
  'assembly_rules',
  {
    unitId: uuid('unit_id')
      .primaryKey()
      .references(() => units.id, { onDelete: 'cascade' }),
    noticeDays: integer('notice_days').notNull().default(14),
    motionDeadlineDays: integer('motion_deadline_days').notNull().default(7),
    rollCutoffDays: integer('roll_cutoff_days').notNull().default(0),
    quorum: real('quorum'),
    statuteQuorum: real('statute_quorum'),
    majority: text('majority').$type<Majority>().notNull().default('simple'),
    statuteMajority: text('statute_majority').$type<Majority>().notNull().default('two_thirds'),
    blankVotesCount: boolean('blank_votes_count').notNull().default(false),
    proxiesAllowed: boolean('proxies_allowed').notNull().default(false),
    proxiesPerHolder: integer('proxies_per_holder').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('assembly_rules_days', sql`${t.noticeDays} >= 0 and ${t.motionDeadlineDays} >= 0 and ${t.rollCutoffDays} >= 0`),
    check('assembly_rules_quorum', sql`(${t.quorum} is null or (${t.quorum} > 0 and ${t.quorum} <= 1)) and (${t.statuteQuorum} is null or (${t.statuteQuorum} > 0 and ${t.statuteQuorum} <= 1))`),
    check('assembly_rules_majority', sql`${t.majority} in ('simple','two_thirds') and ${t.statuteMajority} in ('simple','two_thirds')`),
    check('assembly_rules_proxies', sql`${t.proxiesPerHolder} between 0 and 10`),
  ],
);

export const assemblyKinds = ['ordinary', 'extraordinary'] as const;
export type AssemblyKind = (typeof assemblyKinds)[number];

/**
 * `draft` → `notice_sent` (the roll is frozen, the notice mailed) → `in_session` (the chair opened
 * it) → `closed` → `minutes_published`. `cancelled` ends one that was never held.
 */
export const assemblyStatuses = ['draft', 'notice_sent', 'in_session', 'closed', 'minutes_published', 'cancelled'] as const;
export type AssemblyStatus = (typeof assemblyStatuses)[number];

/** Who may read the published minutes: the unit's members, or everyone. */
export const minutesVisibilities = ['members', 'public'] as const;
export type MinutesVisibility = (typeof minutesVisibilities)[number];

export const assemblies = pgTable(
  'assemblies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    kind: text('kind').$type<AssemblyKind>().notNull().default('ordinary'),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    place: text('place'),
    timeZone: text('time_zone').notNull().default('Europe/Copenhagen'),
    /** The annual meeting this assembly is part of; its check-in admits to the hall. */
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    motionDeadline: timestamp('motion_deadline', { withTimezone: true }).notNull(),
    /** The day whose active members make the electoral roll. */
    rollCutoffOn: date('roll_cutoff_on').notNull(),
    rollFrozenAt: timestamp('roll_frozen_at', { withTimezone: true }),
    status: text('status').$type<AssemblyStatus>().notNull().default('draft'),
    minutesVisibility: text('minutes_visibility').$type<MinutesVisibility>().notNull().default('members'),
    /** The statutes' rules as they were when the assembly was called. */
    rules: jsonb('rules').$type<AssemblyRules>().notNull(),
    chairPersonId: uuid('chair_person_id').references(() => persons.id, { onDelete: 'set null' }),
    minuteTakerPersonId: uuid('minute_taker_person_id').references(() => persons.id, { onDelete: 'set null' }),
    /** The item on the floor now (the hall's pages follow it). */
    currentItemId: uuid('current_item_id').references((): AnyPgColumn => agendaItems.id, { onDelete: 'set null' }),
    noticeSentAt: timestamp('notice_sent_at', { withTimezone: true }),
    /** The mailing that carried the notice, and later the motions pack (mailings feature). */
    noticeMailingId: uuid('notice_mailing_id'),
    motionsPackMailingId: uuid('motions_pack_mailing_id'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    minutesApprovedByChairAt: timestamp('minutes_approved_by_chair_at', { withTimezone: true }),
    minutesApprovedByTakerAt: timestamp('minutes_approved_by_taker_at', { withTimezone: true }),
    minutesPublishedAt: timestamp('minutes_published_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('assemblies_kind', sql`${t.kind} in ('ordinary','extraordinary')`),
    check('assemblies_status', sql`${t.status} in ('draft','notice_sent','in_session','closed','minutes_published','cancelled')`),
    check('assemblies_visibility', sql`${t.minutesVisibility} in ('members','public')`),
    check('assemblies_deadline', sql`${t.motionDeadline} <= ${t.startsAt}`),
    check('assemblies_published', sql`${t.status} <> 'minutes_published' or (${t.minutesApprovedByChairAt} is not null and ${t.minutesApprovedByTakerAt} is not null)`),
    index('assemblies_unit_idx').on(t.unitId, t.startsAt),
  ],
);

/** The electoral roll: the unit's active members on the cut-off day, frozen (and shown to staff). */
export const assemblyRoll = pgTable(
  'assembly_roll',
  {
    assemblyId: uuid('assembly_id')
      .notNull()
      .references(() => assemblies.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.assemblyId, t.personId] }), index('assembly_roll_person_idx').on(t.personId)],
);

export const agendaItemKinds = ['officers', 'report', 'motions', 'future_work', 'election', 'discussion', 'any_other_business'] as const;
export type AgendaItemKind = (typeof agendaItemKinds)[number];

/** One item of a template: its kind and its title per language. */
export type TemplateItem = {
  kind: AgendaItemKind;
  title: { da: string; sv?: string; en?: string };
};

/** The organisation's own agenda templates, besides the two built in (`standard`, `arsmote`). */
export const agendaTemplates = pgTable('agenda_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  items: jsonb('items').$type<TemplateItem[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** How a report is dealt with: taken note of, or approved by a vote. */
export const reportDecisions = ['noted', 'vote'] as const;
export type ReportDecision = (typeof reportDecisions)[number];

export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assemblyId: uuid('assembly_id')
      .notNull()
      .references(() => assemblies.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind').$type<AgendaItemKind>().notNull(),
    title: text('title').notNull(),
    /** The report or other paper behind the item (platform files). */
    documentFileId: uuid('document_file_id'),
    reportDecision: text('report_decision').$type<ReportDecision>(),
    /** The minute taker's notes for this item. */
    notes: text('notes'),
    /** What the assembly decided under the item, in words (the poll results are added from the data). */
    decision: text('decision'),
  },
  (t) => [
    check('agenda_items_kind', sql`${t.kind} in ('officers','report','motions','future_work','election','discussion','any_other_business')`),
    check('agenda_items_report', sql`${t.reportDecision} is null or ${t.reportDecision} in ('noted','vote')`),
    uniqueIndex('agenda_items_position_unique').on(t.assemblyId, t.position),
  ],
);
