import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { organisationToday } from '../../kernel/person-fields.js';
import { unitsCondition, type FigureRange } from '../../kernel/insights.js';
import { activeMemberSql, membersActiveOnSql } from '../members/index.js';

/*
 * Coverage at the workplaces for the insights dashboard, as of the range's last day: who works
 * there, how many of them are members, and whether a steward and a safety rep are in office.
 */

export interface WorkplaceCoverage {
  workplaceId: string;
  name: string;
  unitId: string;
  /** People with an employment there covering the day (a person with two counts once). */
  employees: number;
  /** Those of them who are active members (of any unit). */
  members: number;
  /** members / employees; null without employees. */
  rate: number | null;
  /** People holding the office at the workplace on the day. */
  stewards: number;
  safetyReps: number;
}

export interface CoverageSummary {
  workplaces: number;
  /** Workplaces with at least one member among their employees. */
  withMembers: number;
  /** Of those with members, the ones without a steward (or safety rep) in office. */
  withoutSteward: number;
  withoutSafetyRep: number;
  /** The workplaces' employees and members summed: one employed at two of the workplaces counts at each. */
  employees: number;
  members: number;
}

/**
 * Whether `personId` was an active member on `day`. A day not yet past reads today's membership
 * status (the dashboard's default range); a past day reads the membership history as the members
 * feature records it (`membersActiveOnSql`, which reads every membership's history: fine for a look
 * back, slower than today's).
 */
function memberOn(personId: SQL, day: string): SQL {
  if (day >= organisationToday()) return activeMemberSql(personId);
  return sql`${personId} in (${membersActiveOnSql(sql`(select u.id from units u)`, day)})`;
}

/**
 * The workplaces of the range's units with their offices on `range.to` and, where it holds for that
 * day, their coverage as kept in workplace_coverage_now (`employees` null where it does not: a past
 * day, or a row from before an employment there started or ended).
 */
async function keptCoverage(
  db: Db,
  range: FigureRange,
): Promise<(Omit<WorkplaceCoverage, 'rate' | 'employees' | 'members'> & { sortKey: string; employees: number | null; members: number | null })[]> {
  const day = range.to;
  const kept = day >= organisationToday();
  return queryRows(
    db,
    sql`select w.id as "workplaceId", w.name, w.unit_id as "unitId", w.sort_key as "sortKey", c.employees, c.members,
        coalesce(o.stewards, 0) as stewards, coalesce(o.safety_reps, 0) as "safetyReps"
      from workplaces w
      left join workplace_coverage_now c on ${kept ? sql`true` : sql`false`} and c.workplace_id = w.id
        and c.valid_from <= ${day}::date and (c.valid_until is null or c.valid_until > ${day}::date)
      left join (
        select r.workplace_id,
          (count(distinct r.person_id) filter (where r.role = 'steward'))::int as stewards,
          (count(distinct r.person_id) filter (where r.role = 'safety_rep'))::int as safety_reps
        from role_assignments r
        where r.workplace_id is not null and r.role in ('steward', 'safety_rep') and r.starts_on <= ${day}::date and (r.ends_on is null or r.ends_on >= ${day}::date)
        group by r.workplace_id
      ) o on o.workplace_id = w.id
      where ${unitsCondition(sql`w.unit_id`, range.units)}`,
  );
}

/**
 * The people with an employment covering `range.to` at some workplaces of the range's units (all of
 * them, or those in `only`), and the members among them; a person with two employments at one
 * workplace counts once there. Without JIT: compiling took longer than the query.
 */
async function countedCoverage(db: Db, range: FigureRange, only: string[] | null): Promise<Map<string, { employees: number; members: number }>> {
  const day = range.to;
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return queryRows<{ workplace_id: string; employees: number; members: number }>(
      tx,
      sql`select e.workplace_id, count(distinct e.person_id)::int as employees, (count(distinct e.person_id) filter (where ${memberOn(sql`e.person_id`, day)}))::int as members
        from employments e
        where ${only ? sql`e.workplace_id = any(${`{${only.join(',')}}`}::uuid[])` : sql`e.workplace_id in (select w.id from workplaces w where ${unitsCondition(sql`w.unit_id`, range.units)})`}
          and (e.starts_on is null or e.starts_on <= ${day}::date) and (e.ends_on is null or e.ends_on >= ${day}::date)
        group by e.workplace_id`,
    );
  });
  return new Map(rows.map((r) => [r.workplace_id, r]));
}

/**
 * Every workplace of the range's units with its coverage on `range.to`. For today the counts kept
 * in step with the employments and memberships are read, and only a workplace whose kept row does
 * not hold for the day is counted afresh; a past day is counted from the employments and the
 * membership history.
 */
async function coverageRows(db: Db, range: FigureRange): Promise<Omit<WorkplaceCoverage, 'rate'>[]> {
  const rows = await keptCoverage(db, range);
  const missing = rows.filter((r) => r.employees === null).map((r) => r.workplaceId);
  const counted = missing.length === 0 ? new Map() : await countedCoverage(db, range, missing.length === rows.length ? null : missing);
  // Code unit order, as the sort keys are compared elsewhere (collate "C").
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows
    .map(({ sortKey, ...r }) => {
      const fresh = counted.get(r.workplaceId);
      return { sortKey, row: { ...r, employees: r.employees ?? fresh?.employees ?? 0, members: r.members ?? fresh?.members ?? 0 } };
    })
    .sort((a, b) => b.row.members - a.row.members || byCode(a.sortKey, b.sortKey) || byCode(a.row.workplaceId, b.row.workplaceId))
    .map((r) => r.row);
}

/** The workplaces of the range's units with their coverage on `range.to`, most members first, and the same in a few numbers. */
export async function coverageFigures(db: Db, range: FigureRange): Promise<{ workplaces: WorkplaceCoverage[]; summary: CoverageSummary }> {
  const rows = await coverageRows(db, range);
  const withMembers = rows.filter((r) => r.members > 0);
  return {
    workplaces: rows.map((r) => ({ ...r, rate: r.employees > 0 ? r.members / r.employees : null })),
    summary: {
      workplaces: rows.length,
      withMembers: withMembers.length,
      withoutSteward: withMembers.filter((r) => r.stewards === 0).length,
      withoutSafetyRep: withMembers.filter((r) => r.safetyReps === 0).length,
      employees: rows.reduce((n, r) => n + r.employees, 0),
      members: rows.reduce((n, r) => n + r.members, 0),
    },
  };
}
