import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { persons } from '../../kernel/tables.js';
import { agendaItems, assemblies, type Majority, type VoteKind } from './tables.js';
import { amendments, motions } from './motion-tables.js';
import { candidates, elections } from './election-tables.js';

/**
 * Polls, their options and ballots (see tables.ts for the assembly, README "Secret ballots" for what
 * the ballot tables can and cannot tell).
 */

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
