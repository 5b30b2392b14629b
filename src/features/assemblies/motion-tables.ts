import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { persons } from '../../kernel/tables.js';
import { assemblies, type VoteKind } from './tables.js';

/** The motions of an assembly, their co-signers and amendments (see tables.ts for the assembly). */

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
