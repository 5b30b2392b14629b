import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Grant } from '../../platform/actor.js';
import type { AccessRole } from './tables.js';

/**
 * The access a person has today, each grant with the units it reaches (its unit and all below it),
 * in one query: roles held in a period (a safety rep counts as a steward; both reach only their
 * workplaces) and "member" for an active membership in its district and sections.
 */
export async function loadGrants(db: Db, personId: string): Promise<Grant[]> {
  const rows = await queryRows<{ role: AccessRole; root: string | null; scope: string[] | string; workplaces: string[] | string }>(
    db,
    sql`
    with recursive active as (
      select case role when 'safety_rep' then 'steward' else role end as role, unit_id, workplace_id
      from role_assignments
      where person_id = ${personId} and role <> 'leader' and starts_on <= current_date and (ends_on is null or ends_on >= current_date)
      union
      select 'member', m.unit_id, null::uuid from memberships m where m.person_id = ${personId} and m.status = 'active'
      union
      select 'member', s.unit_id, null::uuid from membership_sections s join memberships m on m.id = s.membership_id
      where m.person_id = ${personId} and m.status = 'active'
    ), reach(role, root, unit_id) as (
      select a.role, a.unit_id, a.unit_id from active a where a.unit_id is not null
      union
      select r.role, r.root, u.id from reach r join units u on u.parent_id = r.unit_id
    )
    select a.role, a.unit_id as root,
      coalesce(array_agg(distinct r.unit_id) filter (where r.unit_id is not null), '{}') as scope,
      coalesce(array_agg(distinct a.workplace_id) filter (where a.workplace_id is not null), '{}') as workplaces
    from active a left join reach r on r.role = a.role and r.root = a.unit_id
    group by a.role, a.unit_id`,
  );
  return rows.map((row) => {
    const workplaces = new Set(parsePgArray(row.workplaces));
    if (workplaces.size > 0) return { role: row.role, unitId: null, scope: new Set<string>(), workplaces };
    return { role: row.role, unitId: row.root, scope: row.root === null ? 'all' : new Set(parsePgArray(row.scope)), workplaces };
  });
}

/** Unit scope for API tokens: the same walk for a single (role, unit). */
export async function grantForUnit(db: Db, role: AccessRole, unitId: string | null): Promise<Grant> {
  if (unitId === null) return { role, unitId: null, scope: 'all', workplaces: new Set() };
  const [row] = await queryRows<{ scope: string[] | string | null }>(db, sql`
    with recursive reach(id) as (select ${unitId}::uuid union select u.id from units u join reach r on u.parent_id = r.id)
    select array_agg(id) as scope from reach`);
  return { role, unitId, scope: new Set(parsePgArray(row.scope ?? [])), workplaces: new Set() };
}

/** node-postgres parses uuid[] into arrays; PGlite may hand back the text form. */
function parsePgArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return v;
  const inner = v.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}
