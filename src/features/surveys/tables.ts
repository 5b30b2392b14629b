import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { persons, units, workplaces } from '../../kernel/tables.js';

/*
 * Surveys: a survey with its questions (each keeps its identity, its `key`, across waves), the waves
 * that ask them of an audience between two times, who was invited and whether they have answered,
 * and the responses. For an anonymous survey the response row has no person, no time and a random
 * id, and "has answered" lives only on the invitee row: see CONTEXT.md and the README's "Anonymous
 * surveys" for what that does and does not promise.
 */

/** A text in the languages it was written in; Danish is the fallback. */
export type SurveyText = { da?: string; sv?: string; en?: string };

export const questionTypes = ['single', 'multiple', 'scale', 'matrix', 'number', 'text'] as const;
export type QuestionType = (typeof questionTypes)[number];

/** Background variables a survey may declare: copied onto an answer as coarse categories. */
export const backgroundVariables = ['unit', 'membership_type', 'workplace_kind'] as const;
export type BackgroundVariable = (typeof backgroundVariables)[number];

export const waveStatuses = ['scheduled', 'open', 'closed'] as const;
export type WaveStatus = (typeof waveStatuses)[number];

/** One choice of a single or multiple choice question; `value` is what answers store. */
export type QuestionOption = { value: string; label: SurveyText };
/** One statement of a matrix question. */
export type MatrixStatement = { key: string; label: SurveyText };
/** Show the question only when an earlier question is answered (with one of `values`, if given). */
export type QuestionCondition = { key: string; values?: string[] };

export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    title: jsonb('title').$type<SurveyText>().notNull(),
    intro: jsonb('intro').$type<SurveyText>().notNull().default({}),
    anonymous: boolean('anonymous').notNull(),
    /** The background variables copied onto each answer (coarse categories only). */
    background: text('background').array().$type<BackgroundVariable[]>().notNull().default(sql`'{}'::text[]`),
    /** The smallest group results show; never below the installation's setting. */
    minGroup: integer('min_group').notNull().default(5),
    archived: boolean('archived').notNull().default(false),
    createdBy: uuid('created_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('surveys_unit_idx').on(t.unitId), check('surveys_min_group', sql`${t.minGroup} between 3 and 100`)],
);

export const surveyQuestions = pgTable(
  'survey_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    /** The question's identity across waves: answers are stored under it. */
    key: text('key').notNull(),
    position: integer('position').notNull(),
    type: text('type').$type<QuestionType>().notNull(),
    text: jsonb('text').$type<SurveyText>().notNull(),
    help: jsonb('help').$type<SurveyText>().notNull().default({}),
    /** A section heading shown before this question. */
    section: jsonb('section').$type<SurveyText | null>(),
    required: boolean('required').notNull().default(false),
    options: jsonb('options').$type<QuestionOption[]>().notNull().default([]),
    statements: jsonb('statements').$type<MatrixStatement[]>().notNull().default([]),
    /** Scale ends (1–5 or 0–10) for scale and matrix questions; the number's bounds for number questions. */
    min: integer('min'),
    max: integer('max'),
    minLabel: jsonb('min_label').$type<SurveyText>().notNull().default({}),
    maxLabel: jsonb('max_label').$type<SurveyText>().notNull().default({}),
    condition: jsonb('condition').$type<QuestionCondition | null>(),
    /** No longer asked by new waves; kept for the waves that asked it. */
    retired: boolean('retired').notNull().default(false),
  },
  (t) => [
    uniqueIndex('survey_questions_key_unique').on(t.surveyId, t.key),
    check('survey_questions_type', sql`${t.type} in ('single','multiple','scale','matrix','number','text')`),
  ],
);

export const surveyWaves = pgTable(
  'survey_waves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    /** What the wave is called in trends ("2026", "Forår 2027"); defaults to the opening month. */
    name: text('name').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    /** The audience: a segment of the register, or (null) every active member of the survey's unit and below. */
    segmentId: uuid('segment_id'),
    /** Up to two reminders to those who have not answered. */
    reminders: timestamp('reminders', { withTimezone: true }).array().notNull().default(sql`'{}'::timestamptz[]`),
    remindersSent: integer('reminders_sent').notNull().default(0),
    status: text('status').$type<WaveStatus>().notNull().default('scheduled'),
    /** The invitation's subject and text (Markdown, `{{personalLink}}` is the answer link); defaults are the feature's. */
    invitation: jsonb('invitation').$type<{ subject: SurveyText; body: SurveyText }>(),
    /** The questions this wave asks, by key in order; taken when it opens. */
    questionKeys: text('question_keys').array().$type<string[]>().notNull().default(sql`'{}'::text[]`),
    invitees: integer('invitees').notNull().default(0),
    invitationMailingId: uuid('invitation_mailing_id'),
    createdBy: uuid('created_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('survey_waves_survey_idx').on(t.surveyId),
    index('survey_waves_due_idx').on(t.status, t.opensAt),
    check('survey_waves_status', sql`${t.status} in ('scheduled','open','closed')`),
    check('survey_waves_period', sql`${t.closesAt} > ${t.opensAt}`),
    check('survey_waves_reminders', sql`cardinality(${t.reminders}) <= 2`),
  ],
);

/**
 * Who a wave asks, frozen when it opens, and whether they have answered. Nothing else: no time of
 * answering, no link to the response. The workplace (at opening) gives stewards their workplace's rate.
 */
export const surveyInvitees = pgTable(
  'survey_invitees',
  {
    waveId: uuid('wave_id')
      .notNull()
      .references(() => surveyWaves.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    workplaceId: uuid('workplace_id').references(() => workplaces.id, { onDelete: 'set null' }),
    answered: boolean('answered').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.waveId, t.personId] }), index('survey_invitees_workplace_idx').on(t.waveId, t.workplaceId)],
);

/**
 * One response. For an anonymous survey `person_id` is null and the row has nothing that orders it
 * against the invitees: a random id, no time, and the mix job rewrites the open waves' rows in a
 * random order in one transaction (so neither the physical order nor the transaction id tells).
 * `cells` is the answers flattened for counting (`key=value`, `key.statement=value`).
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    waveId: uuid('wave_id')
      .notNull()
      .references(() => surveyWaves.id, { onDelete: 'cascade' }),
    /** Only for surveys that are not anonymous. */
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    cells: text('cells').array().$type<string[]>().notNull(),
    bgUnit: uuid('bg_unit'),
    bgMembershipType: uuid('bg_membership_type'),
    bgWorkplaceKind: text('bg_workplace_kind'),
    /** Written since the wave's rows were last mixed. */
    fresh: boolean('fresh').notNull().default(true),
  },
  (t) => [index('survey_responses_wave_idx').on(t.waveId), uniqueIndex('survey_responses_person_unique').on(t.waveId, t.personId)],
);

/** Answers saved to continue later; deleted when the response is submitted. */
export const surveyDrafts = pgTable(
  'survey_drafts',
  {
    waveId: uuid('wave_id')
      .notNull()
      .references(() => surveyWaves.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.waveId, t.personId] })],
);
