import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { grantsOf, type Actor } from '../../platform/actor.js';
import { uuidArray } from '../../platform/db/sql.js';
import { audienceRoles, type AudienceRole } from './tables.js';
import { viewerFromGrants, type EventViewer } from './policy.js';
import { groupKind } from '../../kernel/groups.js';

/** node-postgres parses arrays; PGlite may hand back the text form. */
export function pgArray(v: string[] | string | null): string[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v;
  const inner = v.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',').map((s) => s.replace(/^"|"$/g, '')) : [];
}

/** The roles a person holds today that an event can be for (leaders and safety reps included). */
export async function heldRoles(db: Db, personId: string): Promise<Set<AudienceRole>> {
  const rows = await queryRows<{ role: AudienceRole }>(
    db,
    sql`select distinct role from role_assignments
        where person_id = ${personId} and role in ('steward', 'safety_rep', 'leader', 'board', 'staff')
          and starts_on <= current_date and (ends_on is null or ends_on >= current_date)`,
  );
  return new Set(rows.map((r) => r.role));
}

/**
 * Everything the event policy needs about a reader, in one query: the roles a person holds today
 * and the units of their member grants with every unit above them, their workplaces and their
 * networks. Tokens hold the roles of their grants.
 */
export async function loadViewer(db: Db, actor: Actor): Promise<EventViewer> {
  const memberRoots = grantsOf(actor)
    .filter((g) => g.role === 'member' && g.unitId !== null)
    .map((g) => g.unitId as string);
  const personId = actor.kind === 'person' ? actor.personId : null;
  if (memberRoots.length === 0 && personId === null) return viewerFromGrants(actor);
  // The networks the person takes part in, from whichever feature registered the kind (none if nobody did).
  const network = personId === null ? undefined : groupKind('network');
  const groups = network && personId !== null ? sql`(select array_agg(g.id::text) from (${network.groupIdsOf(personId)}) g(id))` : sql`null::text[]`;
  const [row] = await queryRows<{ units: string[] | string | null; roles: string[] | string | null; workplaces: string[] | string | null; groups: string[] | string | null }>(
    db,
    sql`with recursive up(id, parent_id) as (
          select id, parent_id from units where id = any(${uuidArray(memberRoots)})
          union
          select u.id, u.parent_id from units u join up on u.id = up.parent_id
        )
        select (select array_agg(id) from up) as units,
          (select array_agg(distinct role) from role_assignments
            where person_id = ${personId}::uuid and role in ('steward', 'safety_rep', 'leader', 'board', 'staff')
              and starts_on <= current_date and (ends_on is null or ends_on >= current_date)) as roles,
          (select array_agg(distinct workplace_id) from employments
            where person_id = ${personId}::uuid
              and (starts_on is null or starts_on <= current_date) and (ends_on is null or ends_on >= current_date)) as workplaces,
          ${groups} as groups`,
  );
  const fromGrants = viewerFromGrants(actor);
  const roles = new Set<AudienceRole>(personId === null ? fromGrants.heldRoles : []);
  for (const r of pgArray(row.roles)) if ((audienceRoles as readonly string[]).includes(r)) roles.add(r as AudienceRole);
  return { heldRoles: roles, memberUnits: new Set(pgArray(row.units)), workplaces: new Set(pgArray(row.workplaces)), groups: new Set(pgArray(row.groups)) };
}
