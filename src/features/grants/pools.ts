import { eq, sql } from 'drizzle-orm';
import { actorPersonId, unitScope, type Actor } from '../../platform/actor.js';
import { audit, changedFields } from '../../platform/audit/audit.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { forbidden, invalidInput, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { getUnit } from '../../kernel/units.js';
import { can } from './policy.js';
import { poolFigures, poolFor, poolWindow, windowOpen, type PoolFigures, type PoolRow } from './access.js';
import { grantPoolBudgetChanges, grantPools, type PoolQuestion } from './tables.js';
import type { PoolInput, PoolPatch } from './schema.js';

/** A pool as its pages and the API show it: the row, its unit's name, its figures and whether it takes applications today. */
export type PoolView = PoolFigures & {
  id: string;
  unitId: string;
  unitName: string;
  name: string;
  description: string;
  rules: string;
  periodStart: string;
  periodEnd: string;
  currency: PoolRow['currency'];
  maxPerApplication: number;
  purposes: PoolRow['purposes'];
  applicantKinds: PoolRow['applicantKinds'];
  opensOn: string;
  closesOn: string;
  windowOpen: boolean;
  questions: PoolQuestion[];
  reportDays: number;
  public: boolean;
}

export type PoolResult = { ok: true; pool: PoolView } | Refusal | Invalid;

/** Questions keep their ids when their text is unchanged, so answers already given stay theirs. */
function questionsFrom(texts: readonly string[], before: readonly PoolQuestion[] = []): PoolQuestion[] {
  const used = new Set<string>();
  return texts.map((text, n) => {
    const same = before.find((q) => q.text === text && !used.has(q.id));
    const id = same?.id ?? `q${n + 1}-${Math.random().toString(36).slice(2, 8)}`;
    used.add(id);
    return { id, text };
  });
}

export async function loadPoolView(db: Db, pool: PoolRow): Promise<PoolView> {
  const [unit, figures] = await Promise.all([getUnit(db, pool.unitId), poolFigures(db, pool.id)]);
  const w = poolWindow(pool);
  return {
    id: pool.id,
    unitId: pool.unitId,
    unitName: unit?.name ?? '',
    name: pool.name,
    description: pool.description,
    rules: pool.rules,
    periodStart: pool.periodStart,
    periodEnd: pool.periodEnd,
    currency: pool.currency,
    maxPerApplication: pool.maxPerApplication,
    purposes: pool.purposes,
    applicantKinds: pool.applicantKinds,
    opensOn: w.opensOn,
    closesOn: w.closesOn,
    windowOpen: windowOpen(pool),
    questions: pool.questions,
    reportDays: pool.reportDays,
    public: pool.public,
    ...figures,
  };
}

/** Opens a pool of a unit (staff of the unit). Its first budget is the first line of the budget's history. */
export async function createPool(db: Db, actor: Actor, input: PoolInput): Promise<PoolResult> {
  return db.transaction(async (tx): Promise<PoolResult> => {
    const unit = await getUnit(tx, input.unitId);
    if (!unit) return invalidInput({ path: 'unitId', code: 'grant.unit_unknown' });
    if (!can(actor, 'grant.pool_create', { unitId: input.unitId })) return forbidden;
    const { questions, ...rest } = input;
    const [row] = await tx
      .insert(grantPools)
      .values({ ...rest, questions: questionsFrom(questions), createdBy: actorPersonId(actor) })
      .returning();
    await tx.insert(grantPoolBudgetChanges).values({ poolId: row.id, oldBudget: null, newBudget: row.budget, changedBy: actorPersonId(actor) });
    await audit(tx, actor, { action: 'create', entityType: 'grant_pool', entityId: row.id });
    return { ok: true, pool: await loadPoolView(tx, row) };
  });
}

/**
 * Changes a pool (staff of the unit). The budget may not fall below what is already granted; every
 * change of it is kept with who made it and why, and audited. The pool is locked: a decision waits.
 */
export async function updatePool(db: Db, actor: Actor, id: string, patch: PoolPatch): Promise<PoolResult | { ok: false; reason: 'below_granted'; params: { granted: number; currency: PoolRow['currency'] } }> {
  return db.transaction(async (tx) => {
    const found = await poolFor(tx, actor, id, 'grant.pool_manage', { lock: true });
    if (!found.ok) return found;
    const p = found.pool;
    const { budgetReason, questions, ...rest } = patch;
    const merged = { ...p, ...rest };
    const problems = [];
    if (merged.periodEnd < merged.periodStart) problems.push({ path: 'periodEnd', code: 'grant.period_backwards' });
    if (merged.opensOn && merged.closesOn && merged.closesOn < merged.opensOn) problems.push({ path: 'closesOn', code: 'grant.window_backwards' });
    if (merged.maxPerApplication > merged.budget && merged.budget > 0) problems.push({ path: 'maxPerApplication', code: 'grant.max_over_budget' });
    if (problems.length > 0) return invalidInput(...problems);
    if (rest.budget !== undefined && rest.budget !== p.budget) {
      const figures = await poolFigures(tx, id);
      if (rest.budget < figures.granted) return { ok: false as const, reason: 'below_granted' as const, params: { granted: figures.granted, currency: p.currency } };
      await tx.insert(grantPoolBudgetChanges).values({ poolId: id, oldBudget: p.budget, newBudget: rest.budget, reason: budgetReason ?? null, changedBy: actorPersonId(actor) });
    }
    const set: Partial<typeof grantPools.$inferInsert> = { ...rest, updatedAt: new Date() };
    if (questions !== undefined) set.questions = questionsFrom(questions, p.questions);
    const fields = changedFields(p as unknown as Record<string, unknown>, { ...rest, ...(questions !== undefined ? { questions: set.questions } : {}) } as Record<string, unknown>);
    const [row] = await tx.update(grantPools).set(set).where(eq(grantPools.id, id)).returning();
    if (fields.length > 0) await audit(tx, actor, { action: 'update', entityType: 'grant_pool', entityId: id, fields });
    return { ok: true as const, pool: await loadPoolView(tx, row) };
  });
}

/** One pool with its figures, for its unit's staff and board. */
export async function getPool(db: Db, actor: Actor, id: string): Promise<{ ok: true; pool: PoolView } | Refusal> {
  const found = await poolFor(db, actor, id, 'grant.pool_view');
  if (!found.ok) return found;
  return { ok: true, pool: await loadPoolView(db, found.pool) };
}

/** A budget change as the pool's page lists it. */
export type BudgetChange = {
  oldBudget: number | null;
  newBudget: number;
  reason: string | null;
  changedBy: string | null;
  changedAt: string;
}

export async function budgetHistory(db: Db, poolId: string): Promise<BudgetChange[]> {
  const rows = await queryRows<{ oldBudget: string | null; newBudget: string; reason: string | null; changedBy: string | null; changedAt: Date | string }>(
    db,
    sql`select c.old_budget as "oldBudget", c.new_budget as "newBudget", c.reason, nullif(trim(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '')), '') as "changedBy", c.changed_at as "changedAt"
        from grant_pool_budget_changes c left join persons p on p.id = c.changed_by where c.pool_id = ${poolId} order by c.changed_at, c.id`,
  );
  return rows.map((r) => ({ oldBudget: r.oldBudget === null ? null : Number(r.oldBudget), newBudget: Number(r.newBudget), reason: r.reason, changedBy: r.changedBy, changedAt: new Date(r.changedAt).toISOString() }));
}

/** A pool in a list: what a reader needs to pick it, with its figures for those who review it. */
export type PoolSummary = PoolFigures & {
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  currency: PoolRow['currency'];
  periodStart: string;
  periodEnd: string;
  maxPerApplication: number;
  opensOn: string;
  closesOn: string;
  public: boolean;
  /** Applications waiting for a decision (submitted or in review). */
  waiting: number;
}

/** The pools the actor reviews or manages (their units' staff and board; admins all), newest period first. */
export async function listPools(db: Db, actor: Actor, opts: { unitId?: string } = {}): Promise<PoolSummary[]> {
  const scope = unitScope(actor, 'staff', 'board');
  if (scope !== 'all' && scope.size === 0) return [];
  const inScope = scope === 'all' ? sql`true` : sql`p.unit_id in (${sql.join([...scope].map((u) => sql`${u}::uuid`), sql`, `)})`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.id, p.name, p.unit_id as "unitId", u.name as "unitName", p.currency, p.period_start::text as "periodStart", p.period_end::text as "periodEnd",
          p.max_per_application as "maxPerApplication", coalesce(p.opens_on, p.period_start)::text as "opensOn", coalesce(p.closes_on, p.period_end)::text as "closesOn",
          p.public, p.budget,
          coalesce(sum(a.granted) filter (where a.status in ('granted','paid_out','report_due','reported','closed')), 0) as granted,
          coalesce(sum(a.granted) filter (where a.paid_on is not null and a.status in ('granted','paid_out','report_due','reported','closed')), 0) as "paidOut",
          count(a.id) filter (where a.status in ('submitted','in_review'))::int as waiting
        from grant_pools p join units u on u.id = p.unit_id left join grant_applications a on a.pool_id = p.id
        where ${inScope} ${opts.unitId ? sql`and p.unit_id = ${opts.unitId}::uuid` : sql``}
        group by p.id, u.name order by p.period_start desc, u.name, p.name`,
  );
  return rows.map((r) => {
    const budget = Number(r.budget);
    const granted = Number(r.granted);
    return { ...(r as unknown as PoolSummary), budget, granted, paidOut: Number(r.paidOut), left: budget - granted, maxPerApplication: Number(r.maxPerApplication) };
  });
}
