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
