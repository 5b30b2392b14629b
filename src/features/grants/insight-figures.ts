import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { unitsCondition, type FigureRange } from '../../kernel/insights.js';
import { committedStatuses, type Currency } from './tables.js';

/** How a pool's money is used: its budget, what is committed and paid out, and how many applied and were granted. */
export interface PoolUse {
  poolId: string;
  name: string;
  currency: Currency;
  periodStart: string;
  periodEnd: string;
  /** Minor units (øre / öre), in the pool's currency. */
  budget: number;
  /** Committed against the budget (granted and after), as `poolFigures` counts it. */
  granted: number;
  /** Of that, paid out (a payout recorded). */
  paidOut: number;
  /** Applications that reached the pool: submitted at some time (drafts, also withdrawn ones, are not). */
  applications: number;
  /** Applications whose grant is committed. */
  grantedCount: number;
}

const committed = sql.join(
  committedStatuses.map((s) => sql`${s}`),
  sql`, `,
);

/**
 * The pools of the units whose period overlaps the range, with their figures as of now: a pool's
 * money is the pool's whole period, so a range cutting through it still shows the pool entire.
 * One grouped scan of the pools' applications (on the `(pool_id, status)` index).
 */
export async function poolUse(db: Db, range: FigureRange): Promise<PoolUse[]> {
  const rows = await queryRows<{
    poolId: string;
    name: string;
    currency: Currency;
    periodStart: string;
    periodEnd: string;
    budget: string | number;
    granted: string | number;
    paidOut: string | number;
    applications: number;
    grantedCount: number;
  }>(
    db,
    sql`select p.id as "poolId", p.name, p.currency, to_char(p.period_start, 'YYYY-MM-DD') as "periodStart", to_char(p.period_end, 'YYYY-MM-DD') as "periodEnd", p.budget,
          coalesce(sum(a.granted) filter (where a.status in (${committed})), 0) as granted,
          coalesce(sum(a.granted) filter (where a.paid_on is not null and a.status in (${committed})), 0) as "paidOut",
          count(a.id) filter (where a.submitted_at is not null)::int as applications,
          count(a.id) filter (where a.status in (${committed}))::int as "grantedCount"
        from grant_pools p left join grant_applications a on a.pool_id = p.id
        where ${unitsCondition(sql`p.unit_id`, range.units)} and p.period_start <= ${range.to}::date and p.period_end >= ${range.from}::date
        group by p.id
        order by p.period_start, p.name, p.id`,
  );
  return rows.map((r) => ({ ...r, budget: Number(r.budget), granted: Number(r.granted), paidOut: Number(r.paidOut) }));
}
