import { sql } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { isoInstant } from '../../platform/db/sql.js';
import { audit } from '../../platform/audit/audit.js';
import type { Refusal } from '../../platform/outcomes.js';
import { unitAndBelowSql } from '../../kernel/units.js';
import { attendedPersonIdsSql } from '../events/index.js';
import { can } from './policy.js';
import { applicationFor, applicationSubject, findPool, poolFor, today, windowOpen, type PoolRow } from './access.js';
import { isConflicted, mayApply } from './eligibility.js';
import { loadPoolView, type PoolView } from './pools.js';
import type { ApplicationStatus, AttachmentKind, Currency, GrantPurpose, Recommendation } from './tables.js';

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export type CostLineView = {
  description: string;
  amount: number;
}

export type ReviewView = {
  id: string;
  authorName: string | null;
  body: string;
  recommendation: Recommendation | null;
  recommendedAmount: number | null;
  createdAt: string;
}

export type AttachmentView = {
  id: string;
  kind: AttachmentKind;
  fileName: string;
  contentType: string;
  size: number;
}

/** What the viewer may do with the application now (the page shows the forms; the use cases decide). */
export type ApplicationAbilities = {
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  review: boolean;
  decide: boolean;
  /** The viewer reviews the pool but is conflicted on this application. */
  conflicted: boolean;
  pay: boolean;
  report: boolean;
  close: boolean;
  attach: boolean;
  makeEvent: boolean;
}

export type ApplicationDetail = {
  id: string;
  poolId: string;
  poolName: string;
  unitId: string;
  unitName: string;
  currency: Currency;
  maxPerApplication: number;
  applicantId: string;
  applicantName: string;
  workplaceId: string | null;
  workplaceName: string | null;
  coApplicants: { id: string; name: string }[];
  purpose: GrantPurpose;
  title: string;
  description: string;
  activityDate: string;
  place: string | null;
  expectedParticipants: number | null;
  totalCost: number;
  requested: number;
  answers: { id: string; question: string; answer: string }[];
  status: ApplicationStatus;
  createdAt: string;
  submittedAt: string | null;
  reviewStartedAt: string | null;
  withdrawnAt: string | null;
  closedAt: string | null;
  granted: number | null;
  decidedAt: string | null;
  decidedByName: string | null;
  decisionReason: string | null;
  paidOn: string | null;
  paymentReference: string | null;
  reportDueOn: string | null;
  reportOverdue: boolean;
  reportedAt: string | null;
  reportSummary: string | null;
  reportParticipants: number | null;
  actualCost: number | null;
  costLines: CostLineView[];
  actualCostLines: CostLineView[];
  attachments: AttachmentView[];
  eventId: string | null;
  /** How many were checked in at the event the activity became (fills in the report's participants). */
  eventAttendance: number | null;
  /** The reviewers' comments: only for those who review (the applicant never sees them). */
  reviews: ReviewView[];
  abilities: ApplicationAbilities;
}

const nameSql = (alias: string) => sql.raw(`nullif(trim(coalesce(${alias}.first_name, '') || ' ' || coalesce(${alias}.last_name, '')), '')`);

const EVENT_PURPOSES: readonly GrantPurpose[] = ['talk', 'workshop', 'network_meeting'];

/** One application as its page and the API show it to this viewer, in a few queries. */
export async function applicationDetail(db: Db, actor: Actor, id: string): Promise<{ ok: true; application: ApplicationDetail } | Refusal> {
  const found = await applicationFor(db, actor, id, 'grant.application_view');
  if (!found.ok) return found;
  const { pool, application: a } = found;
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`select u.name as "unitName", ${nameSql('ap')} as "applicantName", w.name as "workplaceName", ${nameSql('dp')} as "decidedByName",
          (select coalesce(json_agg(json_build_object('id', cp.id, 'name', ${nameSql('cp')}) order by cp.last_name, cp.first_name), '[]')
             from grant_co_applicants c join persons cp on cp.id = c.person_id where c.application_id = a.id) as "coApplicants",
          (select coalesce(json_agg(json_build_object('kind', l.kind, 'description', l.description, 'amount', l.amount) order by l.kind, l.position), '[]')
             from grant_cost_lines l where l.application_id = a.id) as lines,
          (select coalesce(json_agg(json_build_object('id', f.id, 'kind', f.kind, 'fileName', f.file_name, 'contentType', f.content_type, 'size', f.size) order by f.created_at), '[]')
             from grant_attachments f where f.application_id = a.id) as attachments,
          (case when a.event_id is null then null else
             (select count(*)::int from (${attendedPersonIdsSql(sql`(a.event_id)`)}) attended) end) as "eventAttendance"
        from grant_applications a
        join grant_pools p on p.id = a.pool_id join units u on u.id = p.unit_id
        join persons ap on ap.id = a.applicant_id
        left join workplaces w on w.id = a.workplace_id
        left join persons dp on dp.id = a.decided_by
        where a.id = ${id}`,
  );
  const s = applicationSubject(pool, a);
  const reviewer = can(actor, 'grant.review', s);
  const me = actorPersonId(actor);
  const conflicted = reviewer && me !== null ? await isConflicted(db, me, a) : false;
  const reviews = reviewer
    ? await queryRows<ReviewView & { recommendedAmount: string | null; createdAt: Date | string }>(
        db,
        sql`select r.id, ${nameSql('p')} as "authorName", r.body, r.recommendation, r.recommended_amount as "recommendedAmount", r.created_at as "createdAt"
            from grant_reviews r left join persons p on p.id = r.author_id where r.application_id = ${id} order by r.created_at, r.id`,
      )
    : [];
  const lines = (typeof r.lines === 'string' ? JSON.parse(r.lines) : r.lines) as { kind: string; description: string; amount: number | string }[];
  const parse = <T,>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  const undecided = a.status === 'submitted' || a.status === 'in_review';
  const day = today();
  const isApplicant = me === a.applicantId;
  return {
    ok: true,
    application: {
      id: a.id,
      poolId: pool.id,
      poolName: pool.name,
      unitId: pool.unitId,
      unitName: String(r.unitName ?? ''),
      currency: pool.currency,
      maxPerApplication: pool.maxPerApplication,
      applicantId: a.applicantId,
      applicantName: String(r.applicantName ?? ''),
      workplaceId: a.workplaceId,
      workplaceName: (r.workplaceName as string | null) ?? null,
      coApplicants: parse<{ id: string; name: string }[]>(r.coApplicants),
      purpose: a.purpose,
      title: a.title,
      description: a.description,
      activityDate: a.activityDate,
      place: a.place,
      expectedParticipants: a.expectedParticipants,
      totalCost: a.totalCost,
      requested: a.requested,
      answers: pool.questions.map((q) => ({ id: q.id, question: q.text, answer: a.answers[q.id] ?? '' })),
      status: a.status,
      createdAt: isoInstant(a.createdAt) ?? '',
      submittedAt: isoInstant(a.submittedAt),
      reviewStartedAt: isoInstant(a.reviewStartedAt),
      withdrawnAt: isoInstant(a.withdrawnAt),
      closedAt: isoInstant(a.closedAt),
      granted: a.granted,
      decidedAt: isoInstant(a.decidedAt),
      decidedByName: (r.decidedByName as string | null) ?? null,
      decisionReason: a.decisionReason,
      paidOn: a.paidOn,
      paymentReference: reviewer || can(actor, 'grant.pay', s) ? a.paymentReference : null,
      reportDueOn: a.reportDueOn,
      reportOverdue: (a.status === 'paid_out' || a.status === 'report_due') && a.reportDueOn !== null && a.reportDueOn < day,
      reportedAt: isoInstant(a.reportedAt),
      reportSummary: a.reportSummary,
      reportParticipants: a.reportParticipants,
      actualCost: a.actualCost,
      costLines: lines.filter((l) => l.kind === 'budget').map((l) => ({ description: l.description, amount: Number(l.amount) })),
      actualCostLines: lines.filter((l) => l.kind === 'actual').map((l) => ({ description: l.description, amount: Number(l.amount) })),
      attachments: parse<AttachmentView[]>(r.attachments),
      eventId: a.eventId,
      eventAttendance: num(r.eventAttendance),
      reviews: reviews.map((v) => ({ ...v, recommendedAmount: num(v.recommendedAmount), createdAt: isoInstant(v.createdAt) ?? '' })),
      abilities: {
        edit: can(actor, 'grant.application_edit', s),
        submit: a.status === 'draft' && (isApplicant || can(actor, 'grant.pool_manage', s)),
        withdraw: can(actor, 'grant.application_withdraw', s),
        review: reviewer && undecided,
        decide: can(actor, 'grant.decide', s) && undecided && me !== null && !conflicted,
        conflicted,
        pay: can(actor, 'grant.pay', s) && a.status === 'granted',
        report: can(actor, 'grant.application_report', s) && (a.status === 'paid_out' || a.status === 'report_due'),
        close: reviewer && a.status === 'reported',
        attach: (a.status === 'draft' && can(actor, 'grant.application_edit', s)) || ((a.status === 'paid_out' || a.status === 'report_due') && can(actor, 'grant.application_report', s)),
        makeEvent: can(actor, 'grant.pool_manage', s) && a.eventId === null && EVENT_PURPOSES.includes(a.purpose) && ['granted', 'paid_out', 'report_due'].includes(a.status),
      },
    },
  };
}

/** An application in a list. */
export type ApplicationSummary = {
  id: string;
  poolId: string;
  poolName: string;
  title: string;
  purpose: GrantPurpose;
  applicantName: string;
  activityDate: string;
  requested: number;
  granted: number | null;
  status: ApplicationStatus;
  submittedAt: string | null;
  paidOn: string | null;
  reportDueOn: string | null;
  reportOverdue: boolean;
  currency: Currency;
}

type SummaryRow = Omit<ApplicationSummary, 'requested' | 'granted' | 'submittedAt'> & { requested: string | number; granted: string | number | null; submittedAt: Date | string | null };

function summaries(rows: SummaryRow[]): ApplicationSummary[] {
  return rows.map((r) => ({ ...r, requested: Number(r.requested), granted: num(r.granted), submittedAt: isoInstant(r.submittedAt) }));
}

function select(day: string) {
  // The overdue test compares with the organisation's today, given as a parameter.
  return sql`select a.id, a.pool_id as "poolId", p.name as "poolName", a.title, a.purpose, ${nameSql('ap')} as "applicantName",
      a.activity_date::text as "activityDate", a.requested, a.granted, a.status, a.submitted_at as "submittedAt", a.paid_on::text as "paidOn",
      a.report_due_on::text as "reportDueOn",
      coalesce(a.status in ('paid_out','report_due') and a.report_due_on < ${day}::date, false) as "reportOverdue", p.currency
    from grant_applications a join grant_pools p on p.id = a.pool_id join persons ap on ap.id = a.applicant_id`;
}

/**
 * The pool's applications for its reviewers, by state (drafts are the applicants' own and not listed),
 * the oldest submitted first; `overdue` keeps only reports past their day.
 */
export async function listApplications(
  db: Db,
  actor: Actor,
  poolId: string,
  opts: { status?: readonly ApplicationStatus[]; overdue?: boolean } = {},
): Promise<{ ok: true; items: ApplicationSummary[] } | Refusal> {
  const found = await poolFor(db, actor, poolId, 'grant.review');
  if (!found.ok) return found;
  const day = today();
  const states = opts.status && opts.status.length > 0 ? opts.status : null;
  const rows = await queryRows<SummaryRow>(
    db,
    sql`${select(day)} where a.pool_id = ${poolId} and a.status <> 'draft'
        ${states ? sql`and a.status in (${sql.join(states.map((s) => sql`${s}`), sql`, `)})` : sql``}
        ${opts.overdue ? sql`and a.status in ('paid_out','report_due') and a.report_due_on < ${day}::date` : sql``}
        order by a.submitted_at nulls last, a.created_at`,
  );
  return { ok: true, items: summaries(rows) };
}

/** The person's own applications and those they are a co-applicant on, newest first. */
export async function myApplications(db: Db, personId: string): Promise<ApplicationSummary[]> {
  const rows = await queryRows<SummaryRow>(
    db,
    sql`${select(today())} where a.applicant_id = ${personId} or a.id in (select c.application_id from grant_co_applicants c where c.person_id = ${personId})
        order by a.created_at desc`,
  );
  return summaries(rows);
}

/** A pool a person may apply to today. */
export type OpenPool = {
  id: string;
  name: string;
  unitName: string;
  currency: Currency;
  maxPerApplication: number;
  closesOn: string;
  purposes: GrantPurpose[];
  description: string;
}

/** The pools whose window is open today and that the person may apply to (asked of the register per pool). */
export async function openPoolsFor(db: Db, actor: Actor): Promise<OpenPool[]> {
  const me = actorPersonId(actor);
  if (!me) return [];
  const day = today();
  // Pools open today are few (a handful per unit and year); each is asked of the register on its own.
  const open = await queryRows<{ id: string; unitName: string }>(
    db,
    sql`select p.id, u.name as "unitName" from grant_pools p join units u on u.id = p.unit_id
        where coalesce(p.opens_on, p.period_start) <= ${day}::date and coalesce(p.closes_on, p.period_end) >= ${day}::date
        order by coalesce(p.closes_on, p.period_end), p.name`,
  );
  const out: OpenPool[] = [];
  for (const o of open) {
    const pool = await findPool(db, o.id);
    if (!pool || !windowOpen(pool, day) || !(await mayApply(db, pool, me))) continue;
    out.push({ id: pool.id, name: pool.name, unitName: o.unitName, currency: pool.currency, maxPerApplication: pool.maxPerApplication, closesOn: pool.closesOn ?? pool.periodEnd, purposes: pool.purposes, description: pool.description });
  }
  return out;
}

/** A granted activity as the public page shows it: never the applicant. */
export type GrantedActivity = {
  title: string;
  purpose: GrantPurpose;
  amount: number;
  unitName: string;
  activityDate: string;
}

/** The pool for its public page (when public, or for its reviewers), with what it has granted. */
export async function publicPool(db: Db, actor: Actor, id: string): Promise<{ ok: true; pool: PoolView; activities: GrantedActivity[] } | Refusal> {
  const pool = await findPool(db, id);
  if (!pool || !can(actor, 'grant.pool_public', { unitId: pool.unitId, public: pool.public })) return { ok: false, reason: 'not_found' };
  const rows = await queryRows<GrantedActivity & { amount: string | number }>(
    db,
    sql`select a.title, a.purpose, a.granted as amount, coalesce(wu.name, u.name) as "unitName", a.activity_date::text as "activityDate"
        from grant_applications a join grant_pools p on p.id = a.pool_id join units u on u.id = p.unit_id
        left join workplaces w on w.id = a.workplace_id left join units wu on wu.id = w.unit_id
        where a.pool_id = ${id} and a.status in ('granted','paid_out','report_due','reported','closed')
        order by a.activity_date desc, a.title`,
  );
  return { ok: true, pool: await loadPoolView(db, pool), activities: rows.map((r) => ({ ...r, amount: Number(r.amount) })) };
}

/** The public pools of a unit and the units below it (or all), for the public list. */
export async function publicPools(db: Db, unitId?: string): Promise<{ id: string; name: string; unitName: string; periodStart: string; periodEnd: string }[]> {
  return queryRows(
    db,
    sql`select p.id, p.name, u.name as "unitName", p.period_start::text as "periodStart", p.period_end::text as "periodEnd"
        from grant_pools p join units u on u.id = p.unit_id where p.public ${unitId ? sql`and p.unit_id in ${unitAndBelowSql(unitId)}` : sql``}
        order by p.period_start desc, u.name, p.name`,
  );
}

/** One row of the bookkeeper's export: every decided application of the pool with its grant and payout. */
export type ExportRow = {
  id: string;
  title: string;
  applicant: string;
  purpose: GrantPurpose;
  activityDate: string;
  status: ApplicationStatus;
  requested: number;
  granted: number | null;
  decidedOn: string | null;
  decidedBy: string | null;
  paidOn: string | null;
  paymentReference: string | null;
  actualCost: number | null;
}

/** The pool's grants and payouts for the bookkeeper (staff and board of the unit), in one query. */
export async function exportRows(db: Db, actor: Actor, poolId: string): Promise<{ ok: true; pool: PoolRow; rows: ExportRow[] } | Refusal> {
  const found = await poolFor(db, actor, poolId, 'grant.export');
  if (!found.ok) return found;
  // The file holds applicants' names and amounts: who took it is recorded, as for every export.
  await audit(db, actor, { action: 'export', entityType: 'grant_pool', entityId: poolId });
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.id, a.title, ${nameSql('ap')} as applicant, a.purpose, a.activity_date::text as "activityDate", a.status, a.requested, a.granted,
          to_char(a.decided_at at time zone 'Europe/Copenhagen', 'YYYY-MM-DD') as "decidedOn", ${nameSql('dp')} as "decidedBy",
          a.paid_on::text as "paidOn", a.payment_reference as "paymentReference", a.actual_cost as "actualCost"
        from grant_applications a join persons ap on ap.id = a.applicant_id left join persons dp on dp.id = a.decided_by
        where a.pool_id = ${poolId} and a.status in ('granted','paid_out','report_due','reported','closed','rejected')
        order by a.decided_at, a.id`,
  );
  return {
    ok: true,
    pool: found.pool,
    rows: rows.map((r) => ({ ...(r as unknown as ExportRow), requested: Number(r.requested), granted: num(r.granted), actualCost: num(r.actualCost) })),
  };
}
