import { eq } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { forbidden, invalidInput, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { applicationFor, poolFigures } from './access.js';
import { costLinesOf, wrongStatus, type WrongStatus } from './applications.js';
import { isConflicted } from './eligibility.js';
import { mailApplicant, type GrantMailContext } from './mails.js';
import { grantApplications, grantReviews } from './tables.js';
import type { DecisionInput, ReviewInput } from './schema.js';

/** The reviewer is the applicant, a co-applicant, or works where the applicant works. */
export type Conflicted = { ok: false; reason: 'conflicted' };
/** The grant would take the pool past its budget. */
export type OverBudget = { ok: false; reason: 'over_budget'; params: { left: number; currency: string } };

export type ReviewResult = { ok: true; id: string } | Refusal | Invalid | WrongStatus | Conflicted;
export type DecisionResult = { ok: true; id: string; status: 'granted' | 'rejected'; granted: number | null; decidedBy: string | null } | Refusal | Invalid | WrongStatus | Conflicted | OverBudget;

const undecided = (s: string) => s === 'submitted' || s === 'in_review';

/**
 * A reviewer's comment, possibly recommending a decision. The first one takes a submitted
 * application into review. A conflicted reviewer may comment but not recommend: a recommendation is
 * half a decision.
 */
export async function addReview(db: Db, actor: Actor, id: string, input: ReviewInput): Promise<ReviewResult> {
  return db.transaction(async (tx): Promise<ReviewResult> => {
    const found = await applicationFor(tx, actor, id, 'grant.review', { lock: true });
    if (!found.ok) return found;
    const a = found.application;
    if (!undecided(a.status)) return wrongStatus(a.status);
    const me = actorPersonId(actor);
    if (input.recommendation && me && (await isConflicted(tx, me, a))) return { ok: false, reason: 'conflicted' };
    if (input.recommendation === 'grant_less' && input.amount === null) return invalidInput({ path: 'amount', code: 'grant.amount_required' });
    if (input.amount !== null && input.amount > a.requested) return invalidInput({ path: 'amount', code: 'grant.over_requested', params: { requested: a.requested, currency: found.pool.currency } });
    const [row] = await tx
      .insert(grantReviews)
      .values({ applicationId: id, authorId: me, body: input.body, recommendation: input.recommendation, recommendedAmount: input.recommendation === 'reject' ? null : input.amount })
      .returning({ id: grantReviews.id });
    if (a.status === 'submitted') await tx.update(grantApplications).set({ status: 'in_review', reviewStartedAt: new Date(), updatedAt: new Date() }).where(eq(grantApplications.id, id));
    await audit(tx, actor, { action: 'create', entityType: 'grant_review', entityId: row.id, fields: ['body', ...(input.recommendation ? ['recommendation'] : [])] });
    return { ok: true, id: row.id };
  });
}

/**
 * Decides an application: granted (the requested amount, or a lower one) or rejected, always with a
 * reason, by the unit's board or staff — never by a conflicted reviewer. The pool's row is locked
 * first, so decisions on one pool run one after the other in every process: the budget left is read
 * after the previous decision committed, and no two grants can together overspend it. The maximum
 * and the cost total are checked again (the pool may have changed since the submission). The
 * applicant is told by mail in their language, with the reason.
 */
export async function decideApplication(db: Db, actor: Actor, id: string, input: DecisionInput, mail: GrantMailContext): Promise<DecisionResult> {
  return db.transaction(async (tx): Promise<DecisionResult> => {
    const found = await applicationFor(tx, actor, id, 'grant.decide', { lockPool: true });
    if (!found.ok) return found;
    const { pool, application: a } = found;
    if (!undecided(a.status)) return wrongStatus(a.status);
    const me = actorPersonId(actor);
    // A decision is a person's: an integration token cannot take one (it cannot be checked for a conflict).
    if (!me) return forbidden;
    if (await isConflicted(tx, me, a)) return { ok: false, reason: 'conflicted' };
    let granted: number | null = null;
    if (input.outcome === 'granted') {
      granted = input.amount ?? a.requested;
      const money = { currency: pool.currency };
      const lines = await costLinesOf(tx, id, 'budget');
      const costTotal = lines.reduce((s, l) => s + l.amount, 0);
      if (granted > a.requested) return invalidInput({ path: 'amount', code: 'grant.over_requested', params: { ...money, requested: a.requested } });
      if (granted > pool.maxPerApplication) return invalidInput({ path: 'amount', code: 'grant.over_max', params: { ...money, max: pool.maxPerApplication } });
      if (granted > costTotal) return invalidInput({ path: 'amount', code: 'grant.over_cost_total', params: { ...money, total: costTotal } });
      const figures = await poolFigures(tx, pool.id);
      if (granted > figures.left) return { ok: false, reason: 'over_budget', params: { left: figures.left, currency: pool.currency } };
    }
    await tx
      .update(grantApplications)
      .set({ status: input.outcome, granted, decisionReason: input.reason, decidedAt: new Date(), decidedBy: me, updatedAt: new Date() })
      .where(eq(grantApplications.id, id));
    await audit(tx, actor, { action: 'update', entityType: 'grant_application', entityId: id, fields: ['status', 'grantedAmount', 'decisionReason'] });
    const what = { id, title: a.title, poolName: pool.name, currency: pool.currency, reason: input.reason };
    await mailApplicant(tx, mail, { personId: a.applicantId }, what, input.outcome === 'granted' ? { kind: 'granted', amount: granted!, requested: a.requested } : { kind: 'rejected' });
    return { ok: true, id, status: input.outcome, granted, decidedBy: me };
  });
}
