import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/database.js';
import type { AccessRole, Grant } from '../platform/actor.js';

/**
 * A feature's part of a person's access today: a statement over the person's id yielding rows
 * `(role, unit_id, workplace_id)`, e.g. "member" in the district of an active membership. The kernel
 * knows role assignments; features that give access in other ways add a source (see Feature).
 */
export interface GrantSource {
  name: string;
  rows(personId: string): SQL;
}

const sources = new Map<string, GrantSource>();

export function addGrantSource(source: GrantSource): void {
  sources.set(source.name, source);
}

/**
 * The access a person has today, each grant with the units it reaches (its unit and all below it),
 * in one query: roles held in a period (a safety rep counts as a steward; both reach only their
 * workplaces) and what the features' grant sources add (an active membership: "member").
 */
export async function loadGrants(db: Db, personId: string): Promise<Grant[]> {
  const extra = [...sources.values()].map((s) => sql` union ${s.rows(personId)}`);
  const rows = await queryRows<{ role: AccessRole; root: string | null; scope: string[] | string; workplaces: string[] | string }>(
    db,
    sql`
    with recursive active as (
      select case role when 'safety_rep' then 'steward' else role end as role, unit_id, workplace_id
      from role_assignments
      where person_id = ${personId} and role <> 'leader' and starts_on <= current_date and (ends_on is null or ends_on >= current_date)
      ${sql.join(extra, sql``)}
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
