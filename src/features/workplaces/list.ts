import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { can, workplaceScope } from './policy.js';
import { currentPeriod, uuidArray } from '../../platform/db/sql.js';
import { activeMemberSql } from '../members/index.js';
import { memberCompanyNameSql } from '../member-companies/index.js';
import type { WorkplaceFilter, WorkplaceSummary } from './schema.js';

export interface WorkplacePage {
  items: WorkplaceSummary[];
  total: number;
  page: number;
  pageSize: number;
}

type SummaryRow = Omit<WorkplaceSummary, 'organisationRate'>;

/** Is a steward (or safety rep) in office at `w` today? */
const inOffice = (role: 'steward' | 'safety_rep') =>
  sql`exists (select 1 from role_assignments r where r.workplace_id = w.id and r.role = ${role} and ${currentPeriod(sql`r.starts_on`, sql`r.ends_on`)})`;

/** LIKE pattern for a substring typed by someone: their % and _ are letters, not wildcards. */
function contains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of workplaces with their coverage, in ONE statement: the filtered set, its size, and for
 * the page's rows the unit, the member company, today's employees and members among them, and
 * whether a steward and a safety rep are in office. JSON keeps the shape the same on both drivers.
 */
export async function querySummaries(db: Db, where: SQL[], page: number, pageSize: number, unitFilter?: string): Promise<{ items: WorkplaceSummary[]; total: number }> {
  const units = unitFilter
    ? sql`filter_units(id) as (select ${unitFilter}::uuid union select u.id from units u join filter_units f on u.parent_id = f.id),`
    : sql``;
  const conditions = [...where, ...(unitFilter ? [sql`w.unit_id in (select id from filter_units)`] : [])];
  const [row] = await queryRows<{ total: number; items: SummaryRow[] | string }>(
    db,
    sql`
    with recursive ${units}
    filtered as (select w.* from workplaces w where ${sql.join(conditions.length ? conditions : [sql`true`], sql` and `)}),
    page as (select * from filtered order by sort_key collate "C", id limit ${pageSize} offset ${(page - 1) * pageSize})
    select (select count(*) from filtered)::int as total,
      coalesce((
        select json_agg(json_build_object(
          'id', w.id, 'name', w.name, 'employerKind', w.employer_kind, 'employerName', w.employer_name,
          'memberCompanyId', w.member_company_id, 'memberCompanyName', ${memberCompanyNameSql(sql`w.member_company_id`)}, 'pNumber', w.p_number,
          'addressLine', w.address_line, 'postalCode', w.postal_code, 'city', w.city,
          'unitId', w.unit_id, 'unitName', u.name,
          'employees', c.employees, 'members', c.members,
          'stewardInOffice', ${inOffice('steward')}, 'safetyRepInOffice', ${inOffice('safety_rep')}
        ) order by w.sort_key collate "C", w.id)
        from page w
        join units u on u.id = w.unit_id
        left join lateral (
          select count(distinct e.person_id)::int as employees,
            (count(distinct e.person_id) filter (where ${activeMemberSql(sql`e.person_id`)}))::int as members
          from employments e
          where e.workplace_id = w.id and ${currentPeriod(sql`e.starts_on`, sql`e.ends_on`)}
        ) c on true
      ), '[]'::json) as items`,
  );
  const items = (typeof row.items === 'string' ? JSON.parse(row.items) : row.items) as SummaryRow[];
  return {
    total: Number(row.total),
    items: items.map((i) => ({ ...i, organisationRate: i.employees > 0 ? i.members / i.employees : null })),
  };
}

/** The actor's window on workplaces as a condition on `w`. */
export function scopeCondition(actor: Actor): SQL {
  const scope = workplaceScope(actor);
  if (scope.units === 'all') return sql`true`;
  return sql`(w.unit_id = any(${uuidArray(scope.units)}) or w.id = any(${uuidArray(scope.workplaces)}))`;
}

/** The workplace list: search by name (or city, or P-number), unit with its sub-units, employer kind, vacancies. */
export async function listWorkplaces(db: Db, actor: Actor, filter: WorkplaceFilter): Promise<WorkplacePage> {
  const { page, pageSize } = filter;
  if (!can(actor, 'workplace.list')) return { items: [], total: 0, page, pageSize };
  const where: SQL[] = [scopeCondition(actor)];
  if (filter.q) {
    const digits = filter.q.replace(/\s/g, '');
    where.push(
      sql`(lower(w.name) like ${contains(filter.q)} or lower(coalesce(w.city, '')) like ${contains(filter.q)}${/^[0-9]+$/.test(digits) ? sql` or w.p_number like ${`${digits}%`}` : sql``})`,
    );
  }
  if (filter.employerKind) where.push(sql`w.employer_kind = ${filter.employerKind}`);
  if (filter.vacancy) where.push(sql`not ${inOffice(filter.vacancy)}`);
  const { items, total } = await querySummaries(db, where, page, pageSize, filter.unit);
  return { items, total, page, pageSize };
}
