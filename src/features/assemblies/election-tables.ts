import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { persons, roleAssignments, units } from '../../kernel/tables.js';
import { agendaItems, assemblies } from './tables.js';

/** The unit's bodies (its board), their terms, elections and candidates (see tables.ts for the assembly). */

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
