import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { membershipScopeSql } from './policy.js';

/*
 * What other features may ask of the register about memberships without reading its tables:
 * whether a person is an active member, and the active member behind a number or an address.
 */

/** The condition "the person holds an active membership", for any query over persons. */
export function activeMemberSql(personId: AnyPgColumn | SQL): SQL<boolean> {
  return sql<boolean>`exists (select 1 from memberships am where am.person_id = ${personId} and am.status = 'active')`;
}

export interface ActiveMember {
  personId: string;
  name: string;
  memberNumber: string;
}

/**
 * The active member with this member number or e-mail address, among the members the actor may see
 * in the register (staff: their units; admins: all). Whether someone is a member is itself
 * special-category data, so staff of one district cannot probe another's members by address.
 */
export async function findActiveMember(db: Db, actor: Actor, query: string): Promise<ActiveMember | null> {
  const q = query.trim();
  if (!q) return null;
  const scope = membershipScopeSql(actor) ?? sql`true`;
  const [row] = await queryRows<ActiveMember>(
    db,
    sql`select p.id as "personId", p.first_name || ' ' || p.last_name as name, m.member_number as "memberNumber"
        from memberships m join persons p on p.id = m.person_id
        where m.status = 'active' and ${scope}
          and (m.member_number = ${q} or lower(p.email) = lower(${q}))
        limit 1`,
  );
  return row ?? null;
}

/**
 * The persons who were active members of these units (their district or one of their sections is
 * one of them) on `onDate`, as `select … person_id from …`: an assembly's electoral roll. A day not
 * yet past reads today's status; a past day reads the membership's history (the latest status
 * change on or before it), so a member who resigned after the cut-off is still on the roll and one
 * who joined after it is not.
 */
export function membersActiveOnSql(units: SQL, onDate: string): SQL {
  return sql`select m.person_id from memberships m
    where (m.unit_id in ${units} or m.id in (select ms.membership_id from membership_sections ms where ms.unit_id in ${units}))
      and case when ${onDate}::date >= current_date then m.status = 'active' and m.status_since <= current_date
        else coalesce(
          (select e.status from membership_events e where e.membership_id = m.id and e.on_date <= ${onDate}::date order by e.on_date desc, e.created_at desc limit 1),
          case when m.status_since <= ${onDate}::date then m.status end) = 'active' end`;
}

/**
 * A person's membership as coarse categories another feature may copy (a survey's background
 * variables): the district (the membership's unit) and the membership type, as SQL expressions
 * for the person; null for a person without a membership.
 */
export function membershipCategorySql(personId: AnyPgColumn | SQL, what: 'unit' | 'type'): SQL<string | null> {
  return what === 'unit'
    ? sql<string | null>`(select mc.unit_id from memberships mc where mc.person_id = ${personId} limit 1)`
    : sql<string | null>`(select mc.type_id from memberships mc where mc.person_id = ${personId} limit 1)`;
}
