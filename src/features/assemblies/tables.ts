import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { persons, roleAssignments, units } from '../../kernel/tables.js';
import { events } from '../events/tables.js';

/*
 * The general assembly, from the statutes' rules to the published minutes. See CONTEXT.md for the
 * nouns and README.md ("Secret ballots") for what the database can and cannot tell about a vote.
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

/**
 * `submitted` → `admitted` or `refused` (with a reason the submitter sees); an admitted motion is
 * then `adopted`, `rejected`, `withdrawn` or `referred` (to the board).
 */
export const motionStates = ['submitted', 'admitted', 'refused', 'adopted', 'rejected', 'withdrawn', 'referred'] as const;
export type MotionState = (typeof motionStates)[number];

export const motions = pgTable(
  'motions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assemblyId: uuid('assembly_id')
      .notNull()
      .references(() => assemblies.id, { onDelete: 'cascade' }),
    /** 1, 2, 3 … per assembly, in the order they came in. */
    number: integer('number').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    reasoning: text('reasoning'),
    /** A change of the statutes needs the statutes' majority and quorum. */
    voteKind: text('vote_kind').$type<VoteKind>().notNull().default('ordinary'),
    submittedBy: uuid('submitted_by').references(() => persons.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    /** Why staff admitted a motion that came in after the deadline. */
    lateReason: text('late_reason'),
    state: text('state').$type<MotionState>().notNull().default('submitted'),
    refusalReason: text('refusal_reason'),
    boardRecommendation: text('board_recommendation'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('motions_state', sql`${t.state} in ('submitted','admitted','refused','adopted','rejected','withdrawn','referred')`),
    check('motions_vote_kind', sql`${t.voteKind} in ('ordinary','statute')`),
    check('motions_refused', sql`${t.state} <> 'refused' or ${t.refusalReason} is not null`),
    uniqueIndex('motions_number_unique').on(t.assemblyId, t.number),
    index('motions_submitter_idx').on(t.submittedBy),
  ],
);

/** A member who signs a motion with its submitter; they confirm on their own page. */
export const motionCosigners = pgTable(
  'motion_cosigners',
  {
    motionId: uuid('motion_id')
      .notNull()
      .references(() => motions.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.motionId, t.personId] }), index('motion_cosigners_person_idx').on(t.personId)],
);

export const amendmentStates = ['submitted', 'admitted', 'refused', 'adopted', 'rejected', 'withdrawn'] as const;
export type AmendmentState = (typeof amendmentStates)[number];

/** Replaces lines `fromLine`–`toLine` (1-based, inclusive) of the motion's text with `replacement`. */
export const amendments = pgTable(
  'amendments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    motionId: uuid('motion_id')
      .notNull()
      .references(() => motions.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    fromLine: integer('from_line').notNull(),
    toLine: integer('to_line').notNull(),
    replacement: text('replacement').notNull(),
    reasoning: text('reasoning'),
    submittedBy: uuid('submitted_by').references(() => persons.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    state: text('state').$type<AmendmentState>().notNull().default('submitted'),
    refusalReason: text('refusal_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    check('amendments_state', sql`${t.state} in ('submitted','admitted','refused','adopted','rejected','withdrawn')`),
    check('amendments_lines', sql`${t.fromLine} >= 1 and ${t.toLine} >= ${t.fromLine}`),
    uniqueIndex('amendments_number_unique').on(t.motionId, t.number),
  ],
);

/** Who is in the hall: checked in at the door (here, or through the event's check-in). */
export const assemblyAttendance = pgTable(
  'assembly_attendance',
  {
    assemblyId: uuid('assembly_id')
      .notNull()
      .references(() => assemblies.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull().defaultNow(),
    /** Left the hall; a person who leaves no longer votes or counts towards the quorum. */
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    checkedInBy: uuid('checked_in_by').references(() => persons.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.assemblyId, t.personId] })],
);

/** Member `holder` votes for absent member `giver`; a giver gives one proxy per assembly. */
export const assemblyProxies = pgTable(
  'assembly_proxies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assemblyId: uuid('assembly_id')
      .notNull()
      .references(() => assemblies.id, { onDelete: 'cascade' }),
    holderPersonId: uuid('holder_person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    giverPersonId: uuid('giver_person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    recordedBy: uuid('recorded_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('assembly_proxies_two_people', sql`${t.holderPersonId} <> ${t.giverPersonId}`),
    uniqueIndex('assembly_proxies_giver_unique').on(t.assemblyId, t.giverPersonId),
    index('assembly_proxies_holder_idx').on(t.assemblyId, t.holderPersonId),
  ],
);

export const pollMethods = ['yes_no_abstain', 'choice'] as const;
export type PollMethod = (typeof pollMethods)[number];

/** open: the chair enters counted hands; named: who voted what is recorded; secret: unlinkable ballots. */
export const pollModes = ['open', 'named', 'secret'] as const;
export type PollMode = (typeof pollModes)[number];

export const pollStatuses = ['created', 'open', 'closed', 'published'] as const;
export type PollStatus = (typeof pollStatuses)[number];

/** A poll's outcome as computed at close: the counts, the rule applied and what it decided. */
export type PollResult = {
  counts: Record<string, number>;
  valid: number;
  blank: number;
  /** Ballots cast electronically and counted on paper. */
  electronic: number;
  paper: number;
  present: number;
  eligible: number;
  rule: { kind: VoteKind; majority: Majority; blankVotesCount: boolean; quorum: number | null; quorumMet: boolean; needed: number | null };
  /** yes_no_abstain: adopted or rejected; choice: the winning options (more than one on a tie). */
  outcome: 'adopted' | 'rejected' | 'no_quorum' | 'decided' | 'tie';
  winners: string[];
};

export const polls = pgTable(
  'polls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assemblyId: uuid('assembly_id')
      .notNull()
      .references(() => assemblies.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'restrict' }),
    motionId: uuid('motion_id').references(() => motions.id, { onDelete: 'set null' }),
    amendmentId: uuid('amendment_id').references(() => amendments.id, { onDelete: 'set null' }),
    electionId: uuid('election_id').references((): AnyPgColumn => elections.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    method: text('method').$type<PollMethod>().notNull(),
    mode: text('mode').$type<PollMode>().notNull().default('open'),
    voteKind: text('vote_kind').$type<VoteKind>().notNull().default('ordinary'),
    /** How many options a voter may mark (an election: the seats); 1 otherwise. */
    maxMarks: integer('max_marks').notNull().default(1),
    status: text('status').$type<PollStatus>().notNull().default('created'),
    /** Counted paper ballots or hands, per choice, entered by the chair. */
    paperCounts: jsonb('paper_counts').$type<Record<string, number>>(),
    result: jsonb('result').$type<PollResult>(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('polls_method', sql`${t.method} in ('yes_no_abstain','choice')`),
    check('polls_mode', sql`${t.mode} in ('open','named','secret')`),
    check('polls_status', sql`${t.status} in ('created','open','closed','published')`),
    check('polls_vote_kind', sql`${t.voteKind} in ('ordinary','statute')`),
    check('polls_marks', sql`${t.maxMarks} >= 1`),
    index('polls_assembly_idx').on(t.assemblyId, t.createdAt),
  ],
);

export const pollOptions = pgTable(
  'poll_options',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pollId: uuid('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    position: integer('position').notNull(),
    candidateId: uuid('candidate_id').references((): AnyPgColumn => candidates.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('poll_options_position_unique').on(t.pollId, t.position)],
);

/**
 * Who has voted in a poll, and who cast it (a proxy holder for the giver): the primary key is the
 * rule "one ballot per voter per poll". No time and no order: in a secret poll this table says that
 * someone voted, never when relative to a ballot.
 */
export const pollVoters = pgTable(
  'poll_voters',
  {
    pollId: uuid('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    castByPersonId: uuid('cast_by_person_id').references(() => persons.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.personId] })],
);

/**
 * Members who asked for a written ballot before the poll opened: one is enough under common Danish
 * statutes. The chair sees how many; the minutes record that it was asked for, not by whom.
 */
export const writtenBallotRequests = pgTable(
  'written_ballot_requests',
  {
    pollId: uuid('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.personId] })],
);

/** A named poll's ballots: who voted what, for the minutes. */
export const namedBallots = pgTable(
  'named_ballots',
  {
    pollId: uuid('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    choices: text('choices').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.personId] })],
);

/**
 * A secret poll's ballots: the poll and the marks (sorted, so their order says nothing), and nothing
 * else — no key, no person, no time, no serial. Written in the transaction that writes the voter's
 * `poll_voters` row; triggers refuse any update, and any delete while the poll is open. At close the
 * ballots are counted into `polls.result` and deleted (see README: what PostgreSQL's own system
 * columns tell while they exist).
 */
export const secretBallots = pgTable(
  'secret_ballots',
  {
    pollId: uuid('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    choices: text('choices').array().notNull(),
  },
  (t) => [index('secret_ballots_poll_idx').on(t.pollId)],
);

/** A body of a unit (its board) with seats, substitutes and the length of a term. */
export const bodies = pgTable(
  'bodies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    seats: integer('seats').notNull(),
    substitutes: integer('substitutes').notNull().default(0),
    termYears: integer('term_years').notNull().default(2),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('bodies_seats', sql`${t.seats} >= 1 and ${t.substitutes} >= 0 and ${t.termYears} >= 1`), uniqueIndex('bodies_unit_name_unique').on(t.unitId, t.name)],
);

export const seatKinds = ['member', 'substitute'] as const;
export type SeatKind = (typeof seatKinds)[number];

/** One person's term on a body; a board member's term is also a `board` role assignment in the register. */
export const bodyTerms = pgTable(
  'body_terms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    seatKind: text('seat_kind').$type<SeatKind>().notNull().default('member'),
    /** Chair, treasurer … as the body constitutes itself; free text. */
    title: text('title'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    electionId: uuid('election_id').references((): AnyPgColumn => elections.id, { onDelete: 'set null' }),
    roleAssignmentId: uuid('role_assignment_id').references(() => roleAssignments.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('body_terms_kind', sql`${t.seatKind} in ('member','substitute')`),
    check('body_terms_period', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
    index('body_terms_body_idx').on(t.bodyId, t.startsOn),
    index('body_terms_person_idx').on(t.personId),
  ],
);

/** `nominating` → `polling` (a secret poll) → `decided`; unopposed elections go straight to `decided`. */
export const electionStatuses = ['nominating', 'polling', 'decided'] as const;
export type ElectionStatus = (typeof electionStatuses)[number];

/** A tie settled by lot: who tied, for what, and who the lot chose, as the minutes record it. */
export type DrawnLot = {
  tied: string[];
  chosen: string[];
  place: 'member' | 'substitute';
};

export const elections = pgTable(
  'elections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assemblyId: uuid('assembly_id')
      .notNull()
      .references(() => assemblies.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'restrict' }),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    /** Seats and substitutes to fill now (a by-election fills the vacancies). */
    seats: integer('seats').notNull(),
    substitutes: integer('substitutes').notNull().default(0),
    /** The term the elected serve until (a by-election: the rest of the vacated term). */
    termEndsOn: date('term_ends_on').notNull(),
    status: text('status').$type<ElectionStatus>().notNull().default('nominating'),
    lots: jsonb('lots').$type<DrawnLot[]>(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('elections_status', sql`${t.status} in ('nominating','polling','decided')`), check('elections_seats', sql`${t.seats} >= 1 and ${t.substitutes} >= 0`)],
);

export const candidateOutcomes = ['elected', 'substitute', 'not_elected'] as const;
export type CandidateOutcome = (typeof candidateOutcomes)[number];

export const candidates = pgTable(
  'candidates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    electionId: uuid('election_id')
      .notNull()
      .references(() => elections.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    nominatedBy: uuid('nominated_by').references(() => persons.id, { onDelete: 'set null' }),
    /** A candidate nominated by someone else stands once they accept; a self-nomination is accepted at once. */
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    presentation: text('presentation'),
    votes: integer('votes'),
    outcome: text('outcome').$type<CandidateOutcome>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('candidates_outcome', sql`${t.outcome} is null or ${t.outcome} in ('elected','substitute','not_elected')`), uniqueIndex('candidates_person_unique').on(t.electionId, t.personId)],
);

export const speakerStatuses = ['waiting', 'speaking', 'done', 'withdrawn'] as const;
export type SpeakerStatus = (typeof speakerStatuses)[number];

/** The speakers' list of one item: members ask from their phone, the chair orders and closes it. */
export const speakers = pgTable(
  'speakers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    status: text('status').$type<SpeakerStatus>().notNull().default('waiting'),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull().defaultNow(),
    spokeAt: timestamp('spoke_at', { withTimezone: true }),
  },
  (t) => [check('speakers_status', sql`${t.status} in ('waiting','speaking','done','withdrawn')`), index('speakers_item_idx').on(t.itemId, t.position)],
);

/** Per assembly: the speakers' list of the current item is closed (no more requests). */
export const speakerListsClosed = pgTable(
  'speaker_lists_closed',
  {
    itemId: uuid('item_id')
      .primaryKey()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull().defaultNow(),
  },
);
