import { sql } from 'drizzle-orm';
import { monthEnd, monthsOf, unitsCondition, type FigureRange } from '../../kernel/insights.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { membershipStatuses, type InsightFactKind, type MembershipStatus } from './tables.js';

/*
 * The register's history figures for the insights dashboard. A membership's state on a day is its
 * latest event on or before that day (in the order on_date, created_at, id); every event is a full
 * snapshot (status, type, district).
 *
 * They are read from membership_insight_counts: the facts of every membership's history (a state
 * began or ended, a join with its state 6, 12 and 24 months on, a move, a leave) summed by month,
 * which triggers on membership_events keep in step in the same transaction as every change
 * (migrations/0015_insight_counts.sql), so nothing can be stale. The months at the ends of a range
 * that are not whole are corrected from the facts themselves (membership_insight_facts, one row per
 * fact with its day): the facts after `range.to` in its month are taken away, and so are the
 * changes before `range.from` in its month. A few thousand rows are read, however long the history.
 *
 * Facts dated after `range.to` never matter otherwise: a state's beginning and its join's kind only
 * depend on earlier events, a state that lasts past `range.to` lasts as of it, and a retention
 * horizon after `range.to` is reported as not known yet.
 */

export type LeaveStatus = 'resigned' | 'expelled' | 'deceased';

export interface MembersOverTimeRow {
  month: string;
  typeId: string | null;
  status: MembershipStatus;
  count: number;
}

export interface MembershipFlowRow {
  month: string;
  /** Became active from no state, applicant, rejected or a left status. */
  joins: number;
  /** The joins of memberships that had been active before (a subset of joins). */
  rejoins: number;
  /** Went from active to resigned, expelled or deceased. */
  leaves: number;
  /** Active members who moved from a unit outside the range's units into one of them. */
  movedIn: number;
  /** Active members who moved from one of the range's units to one outside them. */
  movedOut: number;
}

export interface LeaveReasonRow {
  status: LeaveStatus;
  /** Trimmed; none or blank is null. */
  reason: string | null;
  count: number;
}

export const retentionHorizons = [6, 12, 24] as const;
export type RetentionHorizon = (typeof retentionHorizons)[number];

export interface RetentionCohortRow {
  /** `YYYY-MM` or `YYYY`: when the joins happened. */
  cohort: string;
  joined: number;
  /** Per horizon, how many of the joins were active members (in any unit) that many months later; null while not every join has reached it by `range.to`. */
  after: { months: RetentionHorizon; stillMembers: number | null }[];
}

/** The changes a figure counts. */
type Change = 'join' | 'rejoin' | 'in' | 'out' | LeaveStatus;

/** The kinds of fact each figure reads. */
const kindsFor = {
  states: ['began', 'ended'],
  changes: ['join', 'move', 'leave'],
  horizons: ['join'],
  reasons: ['leave'],
} as const satisfies Record<string, readonly InsightFactKind[]>;

/** A sum of facts of the range in its units, by month (`YYYY-MM`); `inside`/`wasInside`: whether `unit_id`/`prev_unit` is one of the range's units. */
interface FactSum {
  kind: InsightFactKind;
  month: string;
  inside: boolean;
  was_inside: boolean;
  type_id: string | null;
  status: MembershipStatus | null;
  code: number | null;
  reason: string | null;
  n: number;
}

/**
 * The sums of the facts of `kinds` for the range: the monthly counts up to `range.to`'s month,
 * less the facts after `range.to` in that month and the changes before `range.from` in its month.
 * The states (`began`, `ended`) count from the beginning of the history, those before the range's
 * first month summed into it; the changes only within the range.
 */
async function factSums(db: Db, range: FigureRange, kinds: readonly InsightFactKind[]): Promise<FactSum[]> {
  const first = `${range.from.slice(0, 7)}-01`;
  const last = `${range.to.slice(0, 7)}-01`;
  const toMonthEnd = monthEnd(range.to.slice(0, 7));
  const kindList = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  const states = sql`x.kind in ('began', 'ended')`;
  return queryRows<FactSum>(
    db,
    sql`select x.kind, to_char(case when ${states} then greatest(x.month, ${first}::date) else x.month end, 'YYYY-MM') as month,
        coalesce(${unitsCondition(sql`x.unit_id`, range.units)}, false) as inside,
        coalesce(${unitsCondition(sql`x.prev_unit`, range.units)}, false) as was_inside,
        x.type_id, x.status, x.code, x.reason, sum(x.n)::int as n
      from (
        select c.kind, c.month, c.unit_id, c.prev_unit, c.type_id, c.status, c.code, c.reason, c.n
        from membership_insight_counts c
        where c.kind in (${kindList}) and c.month <= ${last}::date and (c.kind in ('began', 'ended') or c.month >= ${first}::date)
        union all
        select f.kind, date_trunc('month', f.day)::date, f.unit_id, f.prev_unit, f.type_id, f.status, f.code, f.reason, -1
        from membership_insight_facts f
        where f.kind in (${kindList}) and ((f.day > ${range.to}::date and f.day <= ${toMonthEnd}::date)
          or (f.day >= ${first}::date and f.day < ${range.from}::date and f.kind not in ('began', 'ended')))
      ) x
      where coalesce(${unitsCondition(sql`x.unit_id`, range.units)}, false) or (x.kind = 'move' and coalesce(${unitsCondition(sql`x.prev_unit`, range.units)}, false))
      group by 1, 2, 3, 4, 5, 6, 7, 8
      having sum(x.n) <> 0`,
  );
}

/**
 * How many memberships had each type and status in the range's units at the end of each month of
 * the range (the last one as of `range.to`); only counts above zero. Each state adds one in the
 * month it began and takes it away in the month it ended, and a running sum gives the months.
 */
export async function membersOverTime(db: Db, range: FigureRange): Promise<MembersOverTimeRow[]> {
  const months = monthsOf(range);
  if (months.length === 0) return [];
  const deltas = new Map<string, Map<string, number>>();
  const keys = new Map<string, { typeId: string | null; status: MembershipStatus }>();
  for (const g of await factSums(db, range, kindsFor.states)) {
    if (!g.inside || g.status === null) continue;
    const key = `${g.status}|${g.type_id ?? ''}`;
    keys.set(key, { typeId: g.type_id, status: g.status });
    const byMonth = deltas.get(key) ?? new Map<string, number>();
    byMonth.set(g.month, (byMonth.get(g.month) ?? 0) + (g.kind === 'ended' ? -g.n : g.n));
    deltas.set(key, byMonth);
  }
  const ordered = [...keys.entries()].sort(
    ([, a], [, b]) => membershipStatuses.indexOf(a.status) - membershipStatuses.indexOf(b.status) || (a.typeId ?? '').localeCompare(b.typeId ?? ''),
  );
  const running = new Map<string, number>();
  const out: MembersOverTimeRow[] = [];
  for (const month of months) {
    for (const [key, k] of ordered) {
      const count = (running.get(key) ?? 0) + (deltas.get(key)!.get(month) ?? 0);
      running.set(key, count);
      if (count > 0) out.push({ month, typeId: k.typeId, status: k.status, count });
    }
  }
  return out;
}

/**
 * The changes of the range in its units, by month: joins and re-joins and leaves in the units (the
 * unit on the event; for a leave, the unit left), active members moving into or out of them; for a
 * join (`after`) its state 6, 12 and 24 months on: 1 active, 2 not.
 */
async function changesOf(db: Db, range: FigureRange, kinds: readonly InsightFactKind[]): Promise<{ month: string; change: Change; after: number[]; n: number }[]> {
  return (await factSums(db, range, kinds)).flatMap((g) => {
    const change: Change | null =
      g.kind === 'join'
        ? g.inside
          ? (g.code ?? 0) >= 54
            ? 'rejoin'
            : 'join'
          : null
        : g.kind === 'move'
          ? g.inside && !g.was_inside
            ? 'in'
            : g.was_inside && !g.inside
              ? 'out'
              : null
          : g.kind === 'leave' && g.inside && g.status !== null && g.status !== 'active'
            ? (g.status as LeaveStatus)
            : null;
    if (change === null) return [];
    const code = g.code ?? 0;
    return [{ month: g.month, change, after: [Math.floor(code / 9) % 3, Math.floor(code / 3) % 3, code % 3], n: g.n }];
  });
}

/**
 * Per month of the range (zeros included): joins, re-joins and leaves in the range's units (the unit
 * on the event; for a leave, the unit left), and active members moving into or out of them.
 */
export async function membershipFlows(db: Db, range: FigureRange): Promise<MembershipFlowRow[]> {
  const rows = new Map(monthsOf(range).map((month) => [month, { month, joins: 0, rejoins: 0, leaves: 0, movedIn: 0, movedOut: 0 }]));
  for (const c of await changesOf(db, range, kindsFor.changes)) {
    const row = rows.get(c.month);
    if (!row) continue;
    if (c.change === 'join' || c.change === 'rejoin') row.joins += c.n;
    if (c.change === 'rejoin') row.rejoins += c.n;
    if (c.change === 'in') row.movedIn += c.n;
    if (c.change === 'out') row.movedOut += c.n;
    if (c.change === 'resigned' || c.change === 'expelled' || c.change === 'deceased') row.leaves += c.n;
  }
  return [...rows.values()];
}

/** The leaves of the range in its units by status and reason, most frequent first. */
export async function leaveReasons(db: Db, range: FigureRange): Promise<LeaveReasonRow[]> {
  const byText = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  const counts = new Map<string, LeaveReasonRow>();
  for (const g of await factSums(db, range, kindsFor.reasons)) {
    if (!g.inside || g.status === null) continue;
    const key = JSON.stringify([g.status, g.reason]);
    const row = counts.get(key) ?? { status: g.status as LeaveStatus, reason: g.reason, count: 0 };
    row.count += g.n;
    counts.set(key, row);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || byText(a.status, b.status) || byText(a.reason, b.reason));
}

/**
 * For each month of the range in which a join in its units has not reached a horizon by
 * `range.to` (its day plus 6, 12 or 24 months is after it), which horizons: read from the joins'
 * own facts of the last 25 months, since an older one has reached them all.
 */
async function unreachedHorizons(db: Db, range: FigureRange): Promise<Map<string, boolean[]>> {
  const rows = await queryRows<{ month: string; h6: boolean; h12: boolean; h24: boolean }>(
    db,
    sql`select to_char(f.day, 'YYYY-MM') as month,
        bool_or((f.day + interval '6 months')::date > ${range.to}::date) as h6,
        bool_or((f.day + interval '12 months')::date > ${range.to}::date) as h12,
        bool_or((f.day + interval '24 months')::date > ${range.to}::date) as h24
      from membership_insight_facts f
      where f.kind = 'join' and f.day >= greatest(${range.from}::date, (${range.to}::date - interval '25 months')::date) and f.day <= ${range.to}::date
        and coalesce(${unitsCondition(sql`f.unit_id`, range.units)}, false)
      group by 1`,
  );
  return new Map(rows.map((r) => [r.month, [r.h6, r.h12, r.h24]]));
}

/**
 * The joins of the range in its units, by the month or year they happened, and how many of them
 * were active members (in any unit) 6, 12 and 24 months after their join; null while not every
 * join of the cohort has reached the horizon by `range.to`. A membership that joined twice counts
 * in both cohorts. A join's state at each horizon is part of its fact, kept in step with the
 * membership's later history.
 */
export async function retentionCohorts(db: Db, range: FigureRange, grain: 'month' | 'year'): Promise<RetentionCohortRow[]> {
  const [joins, unreached] = await Promise.all([changesOf(db, range, kindsFor.horizons), unreachedHorizons(db, range)]);
  const cohorts = new Map<string, { joined: number; still: number[]; unknown: boolean[] }>();
  for (const c of joins) {
    if (c.change !== 'join' && c.change !== 'rejoin') continue;
    const cohort = grain === 'month' ? c.month : c.month.slice(0, 4);
    const row = cohorts.get(cohort) ?? { joined: 0, still: retentionHorizons.map(() => 0), unknown: retentionHorizons.map(() => false) };
    row.joined += c.n;
    const open = unreached.get(c.month);
    c.after.forEach((state, i) => {
      if (open?.[i]) row.unknown[i] = true;
      if (state === 1) row.still[i] += c.n;
    });
    cohorts.set(cohort, row);
  }
  return [...cohorts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([cohort, row]) => ({
      cohort,
      joined: row.joined,
      after: retentionHorizons.map((months, i) => ({ months, stillMembers: row.unknown[i] ? null : row.still[i] })),
    }));
}
