import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { hasRole, isAdmin, reachesUnit, stewardWorkplaces, unitScope, type Actor } from '../../platform/actor.js';
import { uuidArray } from '../../platform/db/sql.js';

export type MemberAction =
  | 'members.list'
  | 'members.create'
  | 'members.export'
  | 'member.view'
  | 'member.view_limited'
  | 'member.view_own'
  | 'member.edit'
  | 'membership_types.manage';

/**
 * What the policy needs to know about a person: the units their membership belongs to (district
 * and sections; for someone without a membership, the units of the workplaces they work at) and
 * the workplaces where they are employed today.
 */
export interface MemberSubject {
  personId: string;
  hasMembership: boolean;
  unitIds: readonly string[];
  workplaceIds: readonly string[];
}

/**
 * Staff and board see the members of the units they reach (admins everyone); staff of the unit
 * change them, the board only reads. Stewards see the people employed at their workplaces, with
 * a few fields. A member sees only their own record. Export is for staff and admins.
 */
export function can(actor: Actor, action: MemberAction, subject?: MemberSubject): boolean {
  switch (action) {
    case 'members.list':
      return hasRole(actor, 'staff', 'board');
    case 'members.create':
    case 'members.export':
      return hasRole(actor, 'staff');
    case 'membership_types.manage':
      return isAdmin(actor);
    case 'member.view':
      return Boolean(subject) && (isAdmin(actor) || subject!.unitIds.some((u) => reachesUnit(actor, u, 'staff', 'board')));
    case 'member.edit':
      return Boolean(subject) && (isAdmin(actor) || (subject!.hasMembership && subject!.unitIds.some((u) => reachesUnit(actor, u, 'staff'))));
    case 'member.view_limited': {
      if (!subject) return false;
      const mine = stewardWorkplaces(actor);
      return subject.workplaceIds.some((w) => mine.has(w));
    }
    case 'member.view_own':
      return Boolean(subject) && actor.kind === 'person' && actor.personId === subject!.personId;
  }
}

/** An employment that holds today (no end, or an end not yet passed). */
export const currentEmployment = sql.raw(`(e.ends_on is null or e.ends_on >= current_date)`);

/**
 * The condition "the actor may see this person" for any query over persons, for features that list
 * people (workplaces, import, joining): pass the column or expression that holds the person's id.
 * Staff and board reach members by membership unit or section and, for people without a
 * membership (non-member colleagues), by the unit of a workplace they work at; stewards reach the
 * people employed at their workplaces; admins reach everyone.
 */
export function visiblePersonsSql(actor: Actor, personId: AnyPgColumn | SQL): SQL {
  if (isAdmin(actor)) return sql`true`;
  const parts: SQL[] = [];
  const scope = unitScope(actor, 'staff', 'board');
  if (scope === 'all') return sql`true`;
  if (scope.size > 0) {
    const units = uuidArray(scope);
    parts.push(sql`exists (select 1 from memberships vm where vm.person_id = ${personId} and (vm.unit_id = any(${units})
      or exists (select 1 from membership_sections vs where vs.membership_id = vm.id and vs.unit_id = any(${units}))))`);
    parts.push(sql`(not exists (select 1 from memberships vm where vm.person_id = ${personId})
      and exists (select 1 from employments e join workplaces w on w.id = e.workplace_id
        where e.person_id = ${personId} and w.unit_id = any(${units}) and ${currentEmployment}))`);
  }
  const workplaces = stewardWorkplaces(actor);
  if (workplaces.size > 0) {
    parts.push(sql`exists (select 1 from employments e where e.person_id = ${personId} and e.workplace_id = any(${uuidArray(workplaces)}) and ${currentEmployment})`);
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}

/**
 * The member list's scope over a membership (alias `m`): staff and board see memberships whose
 * district or one of whose sections they reach. Null means no limit (admins, organisation-wide roles).
 */
export function membershipScopeSql(actor: Actor): SQL | null {
  const scope = unitScope(actor, 'staff', 'board');
  if (scope === 'all') return null;
  if (scope.size === 0) return sql`false`;
  const units = uuidArray(scope);
  return sql`(m.unit_id = any(${units}) or exists (select 1 from membership_sections ms where ms.membership_id = m.id and ms.unit_id = any(${units})))`;
}
