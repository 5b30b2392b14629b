import { eq, sql } from 'drizzle-orm';
import { actorPersonId, system, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import { invalidInput, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { applicationFor, today } from './access.js';
import { wrongStatus, writeCostLines, type WrongStatus } from './applications.js';
import { mailApplicant, type GrantMailContext } from './mails.js';
import { grantApplications, type ApplicationStatus, type Currency } from './tables.js';
import type { PayoutInput, ReportInput } from './schema.js';

export type StepResult = { ok: true; id: string; status: ApplicationStatus } | Refusal | Invalid | WrongStatus;

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Records the payment of a granted application (staff of the unit: the bookkeeping): the day and the
 * reference. The report falls due the pool's number of days after the activity; an activity already
 * held makes the report due at once.
 */
export async function recordPayout(db: Db, actor: Actor, id: string, input: PayoutInput, mail: GrantMailContext): Promise<StepResult> {
  return db.transaction(async (tx): Promise<StepResult> => {
    const found = await applicationFor(tx, actor, id, 'grant.pay', { lock: true });
    if (!found.ok) return found;
    const { pool, application: a } = found;
    if (a.status !== 'granted') return wrongStatus(a.status);
    const paidOn = input.paidOn ?? today();
    if (paidOn > today()) return invalidInput({ path: 'paidOn', code: 'grant.paid_in_future' });
    const reportDueOn = addDays(a.activityDate, pool.reportDays);
    const status: ApplicationStatus = a.activityDate < today() ? 'report_due' : 'paid_out';
    await tx
      .update(grantApplications)
      .set({ status, paidOn, paymentReference: input.reference, paidBy: actorPersonId(actor), reportDueOn, updatedAt: new Date() })
      .where(eq(grantApplications.id, id));
    await audit(tx, actor, { action: 'update', entityType: 'grant_application', entityId: id, fields: ['status', 'paidOn', 'paymentReference'] });
    await mailApplicant(tx, mail, { personId: a.applicantId }, { id, title: a.title, poolName: pool.name, currency: pool.currency }, { kind: 'paid_out', amount: a.granted ?? 0, paidOn, reportDueOn });
    return { ok: true, id, status };
  });
}

/**
 * Files the report after the activity (the applicant or a co-applicant; staff for one handed in on
 * paper): what happened, how many came, what it cost. Only a paid-out application reports.
 */
export async function fileReport(db: Db, actor: Actor, id: string, input: ReportInput): Promise<StepResult> {
  return db.transaction(async (tx): Promise<StepResult> => {
    const found = await applicationFor(tx, actor, id, 'grant.application_report', { lock: true });
    if (!found.ok) return found;
    const a = found.application;
    if (a.status !== 'paid_out' && a.status !== 'report_due') return wrongStatus(a.status);
    const actualCost = input.actualCosts.reduce((s, l) => s + l.amount, 0);
    await writeCostLines(tx, id, input.actualCosts, 'actual');
    await tx
      .update(grantApplications)
      .set({ status: 'reported', reportSummary: input.summary, reportParticipants: input.participants, actualCost, reportedAt: new Date(), updatedAt: new Date() })
      .where(eq(grantApplications.id, id));
    await audit(tx, actor, { action: 'update', entityType: 'grant_application', entityId: id, fields: ['status', 'reportSummary', 'reportParticipants', 'actualCost'] });
    return { ok: true, id, status: 'reported' };
  });
}

/** Closes a reported application (the unit's staff or board, having read the report). */
export async function closeApplication(db: Db, actor: Actor, id: string): Promise<StepResult> {
  return db.transaction(async (tx): Promise<StepResult> => {
    const found = await applicationFor(tx, actor, id, 'grant.review', { lock: true });
    if (!found.ok) return found;
    if (found.application.status !== 'reported') return wrongStatus(found.application.status);
    await tx.update(grantApplications).set({ status: 'closed', closedAt: new Date(), updatedAt: new Date() }).where(eq(grantApplications.id, id));
    await audit(tx, actor, { action: 'update', entityType: 'grant_application', entityId: id, fields: ['status'] });
    return { ok: true, id, status: 'closed' };
  });
}

/** How often an overdue report is asked for again. */
const REMIND_EVERY_DAYS = 7;

/**
 * The daily round: paid-out applications whose activity is over fall due for their report (one
 * statement), and applicants whose report is overdue are reminded, at most once a week each. The
 * reminded rows are claimed with `for update skip locked`, so two workers never remind twice.
 */
export async function reportRound(db: Db, mail: GrantMailContext): Promise<{ due: number; reminded: number }> {
  const day = today();
  const due = await queryRows<{ id: string }>(db, sql`update grant_applications set status = 'report_due', updated_at = now() where status = 'paid_out' and activity_date < ${day}::date returning id`);
  const reminded = await db.transaction(async (tx) => {
    const rows = await queryRows<{ id: string; applicantId: string; title: string; reportDueOn: string; poolName: string; currency: Currency }>(
      tx,
      sql`select a.id, a.applicant_id as "applicantId", a.title, a.report_due_on::text as "reportDueOn", p.name as "poolName", p.currency
          from grant_applications a join grant_pools p on p.id = a.pool_id
          where a.status = 'report_due' and a.report_due_on < ${day}::date
            and (a.report_reminded_at is null or a.report_reminded_at < now() - make_interval(days => ${REMIND_EVERY_DAYS}))
          order by a.report_due_on limit 500
          for update of a skip locked`,
    );
    for (const r of rows) {
      await mailApplicant(tx, mail, { personId: r.applicantId }, { id: r.id, title: r.title, poolName: r.poolName, currency: r.currency }, { kind: 'report_reminder', reportDueOn: r.reportDueOn });
      await tx.update(grantApplications).set({ reportRemindedAt: new Date() }).where(eq(grantApplications.id, r.id));
      await audit(tx, system, { action: 'update', entityType: 'grant_application', entityId: r.id, fields: ['reportRemindedAt'] });
    }
    return rows.length;
  });
  return { due: due.length, reminded };
}

/** The report round every morning, in whichever process runs jobs. */
export function registerGrantJobs(jobs: Jobs, db: Db, mail: GrantMailContext): void {
  jobs.define({ name: 'grants.report-round', cron: '15 5 * * *', retryLimit: 3, retryDelaySeconds: 300, handler: async () => void (await reportRound(db, mail)) });
}
