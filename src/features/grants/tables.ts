import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { persons, units, workplaces } from '../../kernel/tables.js';

/*
 * The initiative pool: a unit's pool for a period with its budget, the applications to it with their
 * cost lines, co-applicants, attachments and reviewers' comments, and the budget's history. Amounts
 * are integers in minor units (øre / öre) — never floating point — in the pool's currency. See
 * CONTEXT.md for the nouns and the states.
 */

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** Money in minor units; `mode: 'number'` is exact up to 2^53 øre (90 billion kroner). */
const money = (name: string) => bigint(name, { mode: 'number' });

export const currencies = ['DKK', 'SEK'] as const;
export type Currency = (typeof currencies)[number];

/** What a pool may fund. */
export const grantPurposes = ['talk', 'workshop', 'network_meeting', 'workplace_visit', 'other'] as const;
export type GrantPurpose = (typeof grantPurposes)[number];

/** Who may apply to a pool: members of its unit (and below), stewards there, contacts of member companies there. */
export const applicantKinds = ['members', 'stewards', 'member_companies'] as const;
export type ApplicantKind = (typeof applicantKinds)[number];

/** A question every application to the pool must answer, in the pool's own words. */
export type PoolQuestion = { id: string; text: string };

export const grantPools = pgTable(
  'grant_pools',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** How to apply and what the pool expects, shown on the public page (Markdown). */
    rules: text('rules').notNull().default(''),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    currency: text('currency').$type<Currency>().notNull().default('DKK'),
    budget: money('budget').notNull(),
    maxPerApplication: money('max_per_application').notNull(),
    purposes: text('purposes').array().$type<GrantPurpose[]>().notNull().default(sql`'{talk,workshop,network_meeting,workplace_visit}'::text[]`),
    applicantKinds: text('applicant_kinds').array().$type<ApplicantKind[]>().notNull().default(sql`'{members,stewards}'::text[]`),
    /** The application window (inclusive, in the organisation's days); null opens and closes with the period. */
    opensOn: date('opens_on'),
    closesOn: date('closes_on'),
    questions: jsonb('questions').$type<PoolQuestion[]>().notNull().default([]),
    /** Days after the activity that its report is due. */
    reportDays: integer('report_days').notNull().default(30),
    public: boolean('public').notNull().default(false),
    createdBy: uuid('created_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('grant_pools_money', sql`${t.budget} >= 0 and ${t.maxPerApplication} > 0`),
    check('grant_pools_period', sql`${t.periodEnd} >= ${t.periodStart}`),
    check('grant_pools_window', sql`${t.opensOn} is null or ${t.closesOn} is null or ${t.closesOn} >= ${t.opensOn}`),
    check('grant_pools_currency', sql`${t.currency} in ('DKK','SEK')`),
    check('grant_pools_report_days', sql`${t.reportDays} between 0 and 365`),
    index('grant_pools_unit_idx').on(t.unitId),
  ],
);

/** Every change of a pool's budget, with who changed it and why (also in the audit log). */
export const grantPoolBudgetChanges = pgTable(
  'grant_pool_budget_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    poolId: uuid('pool_id')
      .notNull()
      .references(() => grantPools.id, { onDelete: 'cascade' }),
    oldBudget: money('old_budget'),
    newBudget: money('new_budget').notNull(),
    reason: text('reason'),
    changedBy: uuid('changed_by').references(() => persons.id, { onDelete: 'set null' }),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('grant_pool_budget_changes_pool_idx').on(t.poolId, t.changedAt)],
);

/**
 * `draft` → `submitted` → `in_review` → `granted` | `rejected`; `withdrawn` by the applicant before
 * a decision; `granted` → `paid_out` → `report_due` (the activity is over) → `reported` → `closed`.
 */
export const applicationStatuses = ['draft', 'submitted', 'in_review', 'granted', 'rejected', 'withdrawn', 'paid_out', 'report_due', 'reported', 'closed'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** The states whose granted amount is committed against the budget. */
export const committedStatuses = ['granted', 'paid_out', 'report_due', 'reported', 'closed'] as const satisfies readonly ApplicationStatus[];

export const grantApplications = pgTable(
  'grant_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    poolId: uuid('pool_id')
      .notNull()
      .references(() => grantPools.id, { onDelete: 'restrict' }),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'restrict' }),
    /** The workplace a steward applies for, if any. */
    workplaceId: uuid('workplace_id').references(() => workplaces.id, { onDelete: 'set null' }),
    purpose: text('purpose').$type<GrantPurpose>().notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    activityDate: date('activity_date').notNull(),
    place: text('place'),
    expectedParticipants: integer('expected_participants'),
    /** The sum of the cost lines, kept with them by the use cases. */
    totalCost: money('total_cost').notNull().default(0),
    requested: money('requested').notNull(),
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    status: text('status').$type<ApplicationStatus>().notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewStartedAt: timestamp('review_started_at', { withTimezone: true }),
    granted: money('granted'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => persons.id, { onDelete: 'set null' }),
    decisionReason: text('decision_reason'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    paidOn: date('paid_on'),
    paymentReference: text('payment_reference'),
    paidBy: uuid('paid_by').references(() => persons.id, { onDelete: 'set null' }),
    reportDueOn: date('report_due_on'),
    reportRemindedAt: timestamp('report_reminded_at', { withTimezone: true }),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    reportSummary: text('report_summary'),
    reportParticipants: integer('report_participants'),
    actualCost: money('actual_cost'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The event the granted activity became, if it did. */
    eventId: uuid('event_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('grant_applications_money', sql`${t.requested} > 0 and ${t.totalCost} >= 0 and (${t.granted} is null or ${t.granted} > 0) and (${t.actualCost} is null or ${t.actualCost} >= 0)`),
    check('grant_applications_participants', sql`(${t.expectedParticipants} is null or ${t.expectedParticipants} >= 0) and (${t.reportParticipants} is null or ${t.reportParticipants} >= 0)`),
    check(
      'grant_applications_status',
      sql`${t.status} in ('draft','submitted','in_review','granted','rejected','withdrawn','paid_out','report_due','reported','closed')`,
    ),
    // A decided application names its amount and its reason; a committed one its amount.
    check('grant_applications_decided', sql`${t.status} not in ('granted','paid_out','report_due','reported','closed') or (${t.granted} is not null and ${t.decisionReason} is not null)`),
    check('grant_applications_rejected', sql`${t.status} <> 'rejected' or ${t.decisionReason} is not null`),
    check('grant_applications_paid', sql`${t.status} not in ('paid_out','report_due','reported','closed') or ${t.paidOn} is not null`),
    index('grant_applications_pool_idx').on(t.poolId, t.status),
    index('grant_applications_applicant_idx').on(t.applicantId),
  ],
);

/** What the applicant expects to spend (`budget`) and, in the report, what was spent (`actual`). */
export const costLineKinds = ['budget', 'actual'] as const;
export type CostLineKind = (typeof costLineKinds)[number];

export const grantCostLines = pgTable(
  'grant_cost_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => grantApplications.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<CostLineKind>().notNull().default('budget'),
    position: integer('position').notNull(),
    description: text('description').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [
    check('grant_cost_lines_amount', sql`${t.amount} >= 0`),
    check('grant_cost_lines_kind', sql`${t.kind} in ('budget','actual')`),
    uniqueIndex('grant_cost_lines_position').on(t.applicationId, t.kind, t.position),
  ],
);

/** People who apply together with the applicant: they see the application, and cannot decide it. */
export const grantCoApplicants = pgTable(
  'grant_co_applicants',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => grantApplications.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('grant_co_applicants_pk').on(t.applicationId, t.personId), index('grant_co_applicants_person_idx').on(t.personId)],
);

/** An application's attachment (a programme, a quote) or a report's photo; checked by content, kept in the row. */
export const attachmentKinds = ['application', 'report'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

export const grantAttachments = pgTable(
  'grant_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => grantApplications.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<AttachmentKind>().notNull().default('application'),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('grant_attachments_kind', sql`${t.kind} in ('application','report')`), index('grant_attachments_application_idx').on(t.applicationId)],
);

/** What the reviewers may recommend. */
export const recommendations = ['grant', 'grant_less', 'reject'] as const;
export type Recommendation = (typeof recommendations)[number];

/** A reviewer's comment on an application, possibly with a recommendation; the applicant does not see them. */
export const grantReviews = pgTable(
  'grant_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => grantApplications.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => persons.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    recommendation: text('recommendation').$type<Recommendation>(),
    recommendedAmount: money('recommended_amount'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('grant_reviews_recommendation', sql`${t.recommendation} is null or ${t.recommendation} in ('grant','grant_less','reject')`),
    check('grant_reviews_amount', sql`${t.recommendedAmount} is null or ${t.recommendedAmount} > 0`),
    index('grant_reviews_application_idx').on(t.applicationId, t.createdAt),
  ],
);
