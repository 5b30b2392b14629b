import { and, eq, sql } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { forbidden, invalidInput, notFound, type FieldProblem, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { can } from './policy.js';
import { applicationFor, findPool, poolWindow, windowOpen, type ApplicationRow, type PoolRow } from './access.js';
import { mayApply } from './eligibility.js';
import { grantApplications, grantCoApplicants, grantCostLines, type ApplicationStatus } from './tables.js';
import type { ApplicationInput, ApplicationPatch, CostLineInput } from './schema.js';

/** The application's state does not allow this (a report before the payout, editing a submitted one). */
export type WrongStatus = { ok: false; reason: 'wrong_status'; params: { status: ApplicationStatus } };
export const wrongStatus = (status: ApplicationStatus): WrongStatus => ({ ok: false, reason: 'wrong_status', params: { status } });

/** The person may not apply to this pool (another unit's, or a kind of applicant it does not take). */
export type NotEligible = { ok: false; reason: 'not_eligible'; params: { pool: string } };
/** Today is outside the pool's application window. */
export type WindowClosed = { ok: false; reason: 'window_closed'; params: { opensOn: string; closesOn: string } };

export type ApplicationFailure = Refusal | Invalid | WrongStatus | NotEligible | WindowClosed;
export type ApplicationResult = { ok: true; id: string; status: ApplicationStatus } | ApplicationFailure;

const total = (lines: readonly CostLineInput[]) => lines.reduce((s, l) => s + l.amount, 0);

/**
 * What the pool's own rules say of an application's amounts and purpose: the purpose is one the pool
 * funds, the request is no more than the maximum and no more than the cost total, the activity falls
 * in the pool's period. `complete` (on submitting) also wants cost lines and an answer to every question.
 */
export function applicationProblems(
  pool: PoolRow,
  v: { purpose: string; requested: number; costLines: readonly CostLineInput[]; activityDate: string; answers: Record<string, string> },
  opts: { complete: boolean },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const money = { currency: pool.currency };
  if (!(pool.purposes as string[]).includes(v.purpose)) problems.push({ path: 'purpose', code: 'grant.purpose_not_funded' });
  if (v.requested > pool.maxPerApplication) problems.push({ path: 'requested', code: 'grant.over_max', params: { ...money, max: pool.maxPerApplication } });
  const sum = total(v.costLines);
  if (v.costLines.length > 0 && v.requested > sum) problems.push({ path: 'requested', code: 'grant.over_cost_total', params: { ...money, total: sum } });
  if (v.activityDate < pool.periodStart || v.activityDate > pool.periodEnd) problems.push({ path: 'activityDate', code: 'grant.activity_outside_period', params: { from: pool.periodStart, to: pool.periodEnd } });
  if (opts.complete) {
    if (v.costLines.length === 0) problems.push({ path: 'costLines', code: 'grant.cost_lines_required' });
    for (const q of pool.questions) if (!(v.answers[q.id] ?? '').trim()) problems.push({ path: `answers.${q.id}`, code: 'grant.answer_required', params: { question: q.text } });
  }
  return problems;
}

/** Problems with the people and the workplace an application names: they exist, and the applicant is not their own co-applicant. */
async function referenceProblems(db: Db, applicantId: string, v: { coApplicantIds?: readonly string[]; workplaceId?: string | null }): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const co = [...new Set(v.coApplicantIds ?? [])];
  if (co.length > 0) {
    const known = await queryRows<{ id: string }>(db, sql`select id from persons where id in (${sql.join(co.map((c) => sql`${c}::uuid`), sql`, `)})`);
    if (known.length !== co.length || co.includes(applicantId)) problems.push({ path: 'coApplicantIds', code: 'grant.co_applicant_unknown' });
  }
  if (v.workplaceId) {
    const [w] = await queryRows<{ id: string }>(db, sql`select id from workplaces where id = ${v.workplaceId}::uuid`);
    if (!w) problems.push({ path: 'workplaceId', code: 'grant.workplace_unknown' });
  }
  return problems;
}

/** Replaces the application's lines of one kind (the budget, or the report's actual costs). */
export async function writeCostLines(db: Db, applicationId: string, lines: readonly CostLineInput[], kind: 'budget' | 'actual'): Promise<void> {
  await db.delete(grantCostLines).where(and(eq(grantCostLines.applicationId, applicationId), eq(grantCostLines.kind, kind)));
  if (lines.length > 0) await db.insert(grantCostLines).values(lines.map((l, n) => ({ applicationId, kind, position: n + 1, description: l.description, amount: l.amount })));
}

async function writeCoApplicants(db: Db, applicationId: string, ids: readonly string[]): Promise<void> {
  await db.delete(grantCoApplicants).where(eq(grantCoApplicants.applicationId, applicationId));
  const unique = [...new Set(ids)];
  if (unique.length > 0) await db.insert(grantCoApplicants).values(unique.map((personId) => ({ applicationId, personId })));
}

/** Is the pool's door open to this person today: may they apply, and is the window open? */
async function doorProblem(db: Db, pool: PoolRow, applicantId: string, workplaceId: string | null): Promise<NotEligible | WindowClosed | null> {
  if (!(await mayApply(db, pool, applicantId, workplaceId))) return { ok: false, reason: 'not_eligible', params: { pool: pool.name } };
  if (!windowOpen(pool)) return { ok: false, reason: 'window_closed', params: poolWindow(pool) };
  return null;
}

/**
 * Saves a new application as a draft. The applicant applies for themself (a steward may name the
 * workplace they apply for); staff of the unit may enter an application handed in on paper for a
 * person who may apply. Who may apply and the window are checked now and again on submitting.
 */
export async function createApplication(db: Db, actor: Actor, poolId: string, input: ApplicationInput): Promise<ApplicationResult> {
  return db.transaction(async (tx): Promise<ApplicationResult> => {
    const pool = await findPool(tx, poolId);
    if (!pool) return notFound;
    const me = actorPersonId(actor);
    const applicantId = input.applicantId ?? me;
    if (!applicantId) return invalidInput({ path: 'applicantId', code: 'grant.applicant_required' });
    const staffEntry = applicantId !== me;
    if (staffEntry && !can(actor, 'grant.pool_manage', { unitId: pool.unitId })) return can(actor, 'grant.pool_view', { unitId: pool.unitId }) ? forbidden : notFound;
    const [person] = await queryRows<{ id: string }>(tx, sql`select id from persons where id = ${applicantId}::uuid`);
    if (!person) return invalidInput({ path: 'applicantId', code: 'grant.applicant_unknown' });
    const door = await doorProblem(tx, pool, applicantId, input.workplaceId);
    if (door) return door;
    const problems = [...applicationProblems(pool, input, { complete: false }), ...(await referenceProblems(tx, applicantId, input))];
    if (problems.length > 0) return invalidInput(...problems);
    const [row] = await tx
      .insert(grantApplications)
      .values({
        poolId,
        applicantId,
        workplaceId: input.workplaceId,
        purpose: input.purpose,
        title: input.title,
        description: input.description,
        activityDate: input.activityDate,
        place: input.place,
        expectedParticipants: input.expectedParticipants,
        requested: input.requested,
        totalCost: total(input.costLines),
        answers: input.answers,
      })
      .returning({ id: grantApplications.id, status: grantApplications.status });
    await writeCostLines(tx, row.id, input.costLines, 'budget');
    await writeCoApplicants(tx, row.id, input.coApplicantIds);
    await audit(tx, actor, { action: 'create', entityType: 'grant_application', entityId: row.id });
    return { ok: true, id: row.id, status: row.status };
  });
}

/** Changes a draft (its applicant only); a submitted application is the reviewers' to read as it was sent. */
export async function updateApplication(db: Db, actor: Actor, id: string, patch: ApplicationPatch): Promise<ApplicationResult> {
  return db.transaction(async (tx): Promise<ApplicationResult> => {
    const found = await applicationFor(tx, actor, id, 'grant.application_view', { lock: true });
    if (!found.ok) return found;
    const { pool, application: a } = found;
    if (a.status !== 'draft') return wrongStatus(a.status);
    if (!can(actor, 'grant.application_edit', { unitId: pool.unitId, applicantId: a.applicantId, status: a.status })) return forbidden;
    const lines = patch.costLines ?? (await costLinesOf(tx, id, 'budget'));
    const merged = {
      purpose: patch.purpose ?? a.purpose,
      requested: patch.requested ?? a.requested,
      costLines: lines,
      activityDate: patch.activityDate ?? a.activityDate,
      answers: patch.answers ?? a.answers,
    };
    const problems = [...applicationProblems(pool, merged, { complete: false }), ...(await referenceProblems(tx, a.applicantId, patch))];
    if (problems.length > 0) return invalidInput(...problems);
    const { costLines, coApplicantIds, ...rest } = patch;
    await tx
      .update(grantApplications)
      .set({ ...rest, totalCost: total(lines), updatedAt: new Date() })
      .where(eq(grantApplications.id, id));
    if (costLines) await writeCostLines(tx, id, costLines, 'budget');
    if (coApplicantIds) await writeCoApplicants(tx, id, coApplicantIds);
    await audit(tx, actor, { action: 'update', entityType: 'grant_application', entityId: id, fields: Object.keys(patch) });
    return { ok: true, id, status: a.status };
  });
}

export async function costLinesOf(db: Db, applicationId: string, kind: 'budget' | 'actual'): Promise<CostLineInput[]> {
  const rows = await db
    .select({ description: grantCostLines.description, amount: grantCostLines.amount })
    .from(grantCostLines)
    .where(and(eq(grantCostLines.applicationId, applicationId), eq(grantCostLines.kind, kind)))
    .orderBy(grantCostLines.position);
  return rows;
}

/**
 * Sends a draft to the reviewers. Everything is checked again as of now: the applicant may still
 * apply, the window is open, the request is within the maximum and the cost total, and every
 * question of the pool has an answer.
 */
export async function submitApplication(db: Db, actor: Actor, id: string): Promise<ApplicationResult> {
  return db.transaction(async (tx): Promise<ApplicationResult> => {
    const found = await applicationFor(tx, actor, id, 'grant.application_view', { lock: true });
    if (!found.ok) return found;
    const { pool, application: a } = found;
    if (a.status !== 'draft') return wrongStatus(a.status);
    if (!can(actor, 'grant.application_edit', { unitId: pool.unitId, applicantId: a.applicantId, status: a.status }) && !can(actor, 'grant.pool_manage', { unitId: pool.unitId })) return forbidden;
    const door = await doorProblem(tx, pool, a.applicantId, a.workplaceId);
    if (door) return door;
    const problems = applicationProblems(pool, { ...a, costLines: await costLinesOf(tx, id, 'budget') }, { complete: true });
    if (problems.length > 0) return invalidInput(...problems);
    await tx.update(grantApplications).set({ status: 'submitted', submittedAt: new Date(), updatedAt: new Date() }).where(eq(grantApplications.id, id));
    await audit(tx, actor, { action: 'update', entityType: 'grant_application', entityId: id, fields: ['status'] });
    return { ok: true, id, status: 'submitted' };
  });
}

/** The applicant takes the application back before it is decided. */
export async function withdrawApplication(db: Db, actor: Actor, id: string): Promise<ApplicationResult> {
  return db.transaction(async (tx): Promise<ApplicationResult> => {
    const found = await applicationFor(tx, actor, id, 'grant.application_view', { lock: true });
    if (!found.ok) return found;
    const { pool, application: a } = found;
    if (actorPersonId(actor) !== a.applicantId) return forbidden;
    if (!can(actor, 'grant.application_withdraw', { unitId: pool.unitId, applicantId: a.applicantId, status: a.status })) return wrongStatus(a.status);
    await tx.update(grantApplications).set({ status: 'withdrawn', withdrawnAt: new Date(), updatedAt: new Date() }).where(eq(grantApplications.id, id));
    await audit(tx, actor, { action: 'update', entityType: 'grant_application', entityId: id, fields: ['status'] });
    return { ok: true, id, status: 'withdrawn' };
  });
}

