import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { localParts } from '../../platform/i18n/zoned-time.js';
import { notFound, forbidden, type Refusal } from '../../platform/outcomes.js';
import { can, type GrantAction, type GrantSubject } from './policy.js';
import { committedStatuses, grantApplications, grantPools } from './tables.js';

const isId = (v: string) => /^[0-9a-f-]{36}$/i.test(v);

/** The organisation's today, as a calendar day: windows, activity days and reports are counted in it. */
export const today = (): string => localParts(new Date(), 'Europe/Copenhagen').date;

export type PoolRow = typeof grantPools.$inferSelect;
export type ApplicationRow = typeof grantApplications.$inferSelect & { coApplicantIds: string[] };

/** The pool as the policy sees it. */
export const poolSubject = (p: PoolRow): GrantSubject => ({ unitId: p.unitId, public: p.public });

/** The application as the policy sees it: its pool's unit, its applicants and its state. */
export const applicationSubject = (pool: PoolRow, a: ApplicationRow): GrantSubject => ({ unitId: pool.unitId, public: pool.public, applicantId: a.applicantId, coApplicantIds: a.coApplicantIds, status: a.status });

/** One pool; `lock` takes its row for update — every decision does, so decisions on one pool run one at a time. */
export async function findPool(db: Db, id: string, opts: { lock?: boolean } = {}): Promise<PoolRow | null> {
  if (!isId(id)) return null;
  const q = db.select().from(grantPools).where(eq(grantPools.id, id));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row ?? null;
}

/**
 * The pool if the actor may do `action` on it. Pools are seen by the unit's staff and board; a member
 * sees a pool they may apply to through the list and the apply form (`grant.pool_public` when the pool
 * is public); everyone else is told it does not exist.
 */
export async function poolFor(db: Db, actor: Actor, id: string, action: GrantAction, opts: { lock?: boolean } = {}): Promise<{ ok: true; pool: PoolRow } | Refusal> {
  const pool = await findPool(db, id, opts);
  if (!pool) return notFound;
  const s = poolSubject(pool);
  if (!can(actor, 'grant.pool_view', s) && !can(actor, action, s)) return notFound;
  if (!can(actor, action, s)) return forbidden;
  return { ok: true, pool };
}

/** One application with its co-applicants; `lock` takes its row for update. */
export async function findApplication(db: Db, id: string, opts: { lock?: boolean } = {}): Promise<ApplicationRow | null> {
  if (!isId(id)) return null;
  const q = db.select().from(grantApplications).where(eq(grantApplications.id, id));
  const [row] = opts.lock ? await q.for('update') : await q;
  if (!row) return null;
  const co = await queryRows<{ personId: string }>(db, sql`select person_id as "personId" from grant_co_applicants where application_id = ${id}`);
  return { ...row, coApplicantIds: co.map((c) => c.personId) };
}

/**
 * The application and its pool if the actor may do `action` on it: out of sight (another person's
 * application, another unit's) is `not_found`; in sight but not theirs to do is `forbidden`. With
 * `lockPool`, the pool's row is locked first (then the application's): the order every decision takes.
 */
export async function applicationFor(
  db: Db,
  actor: Actor,
  id: string,
  action: GrantAction,
  opts: { lock?: boolean; lockPool?: boolean } = {},
): Promise<{ ok: true; pool: PoolRow; application: ApplicationRow } | Refusal> {
  let application = await findApplication(db, id);
  if (!application) return notFound;
  const pool = await findPool(db, application.poolId, { lock: opts.lockPool });
  if (!pool) return notFound;
  if (opts.lock || opts.lockPool) application = (await findApplication(db, id, { lock: true }))!;
  const s = applicationSubject(pool, application);
  if (!can(actor, 'grant.application_view', s)) return notFound;
  if (action !== 'grant.application_view' && !can(actor, action, s)) return forbidden;
  return { ok: true, pool, application };
}

/** What the pool has: its budget, what is committed (granted and after), what is paid out, what is left. */
export type PoolFigures = {
  budget: number;
  granted: number;
  paidOut: number;
  left: number;
}

const committedSql = sql.raw(committedStatuses.map((s) => `'${s}'`).join(','));

/** The pool's figures in one query (an application's amount is committed from its grant; paid from its payout). */
export async function poolFigures(db: Db, poolId: string): Promise<PoolFigures> {
  const [r] = await queryRows<{ budget: string | number; granted: string | number; paidOut: string | number }>(
    db,
    sql`select p.budget,
          coalesce((select sum(a.granted) from grant_applications a where a.pool_id = p.id and a.status in (${committedSql})), 0) as granted,
          coalesce((select sum(a.granted) from grant_applications a where a.pool_id = p.id and a.paid_on is not null and a.status in (${committedSql})), 0) as "paidOut"
        from grant_pools p where p.id = ${poolId}`,
  );
  const budget = Number(r?.budget ?? 0);
  const granted = Number(r?.granted ?? 0);
  return { budget, granted, paidOut: Number(r?.paidOut ?? 0), left: budget - granted };
}

/** The day the window opens and the day it closes (the period's, where the pool sets none). */
export function poolWindow(p: PoolRow): { opensOn: string; closesOn: string } {
  return { opensOn: p.opensOn ?? p.periodStart, closesOn: p.closesOn ?? p.periodEnd };
}

/** Is the window open on `day`? */
export function windowOpen(p: PoolRow, day: string = today()): boolean {
  const w = poolWindow(p);
  return day >= w.opensOn && day <= w.closesOn;
}
