import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { queryRows, type Db } from '../../platform/db/database.js';

/**
 * Set-based reads and writes of memberships and their history for bulk loads (the CSV import of the
 * register): one statement each, reading from or writing out of a staging table the caller filled,
 * and fragments for the caller's own statement over persons.
 */

export interface MembershipTypeRecord {
  id: string;
  code: string;
  name: string;
  active: boolean;
}

/** Every membership type, retired ones too, by position then code. */
export async function membershipTypeRecords(db: Db): Promise<MembershipTypeRecord[]> {
  return queryRows<MembershipTypeRecord>(db, sql`select id, code, name, active from membership_types order by position, code`);
}

/** The ids of the persons whose membership has one of these member numbers (a `text[]` expression), as a query for `in (…)` or `union`. */
export function memberNumberHoldersSql(memberNumbers: SQL): SQL {
  return sql`select m.person_id from memberships m where m.member_number = any(${memberNumbers})`;
}

/**
 * The person's membership (none or one row: `id, member_number, type_id, unit_id, status, joined_on`)
 * as a subquery, for `left join lateral … on true`.
 */
export function membershipOfSql(personId: AnyPgColumn | SQL): SQL {
  return sql`(select mo.id, mo.member_number, mo.type_id, mo.unit_id, mo.status, mo.joined_on from memberships mo where mo.person_id = ${personId})`;
}

export interface StagedHistory {
  /** What the membership history shows as the reason, as written. */
  reason: string;
  actorPersonId: string | null;
}

/**
 * Memberships and their history out of a staging table with the columns `membership_id, person_id,
 * member_number, type_id, unit_id, status, joined_on, membership_new, membership_changed,
 * status_changed, membership_event`: new ones inserted (a blank number is drawn from the sequence,
 * past every number given by hand), changed ones updated, and each new membership, each one already
 * over and each change of status, type or unit entered in the history.
 */
export async function writeStagedMemberships(tx: Db, stagingTable: string, history: StagedHistory): Promise<void> {
  const t = sql.raw(stagingTable);
  // Generated member numbers must not run into numbers the file (or anyone before) gave by hand.
  await tx.execute(sql`
    select setval('member_number_seq', greatest(
      (select last_value from member_number_seq),
      (select coalesce(max(member_number::bigint), 0) from memberships where member_number ~ '^[0-9]{1,15}$'),
      (select coalesce(max(member_number::bigint), 0) from ${t} where membership_new and member_number ~ '^[0-9]{1,15}$')))
    where exists (select 1 from ${t} where membership_new and member_number is null)`);
  await tx.execute(sql`
    insert into memberships (id, person_id, member_number, type_id, unit_id, status, status_since, joined_on)
    select membership_id, person_id, coalesce(member_number, nextval('member_number_seq')::text), type_id, unit_id, status,
      case when status = 'active' and joined_on is not null then joined_on else current_date end, joined_on
    from ${t} where membership_new`);
  await tx.execute(sql`
    update memberships m set type_id = s.type_id, unit_id = s.unit_id, status = s.status, joined_on = s.joined_on,
      status_since = case when s.status_changed then current_date else m.status_since end, updated_at = now()
    from ${t} s where s.membership_changed and not s.membership_new and m.id = s.membership_id`);

  // The history: a new membership starts (active from the day it was joined, or as an applicant);
  // one that is already over gets its end today; a changed status, type or unit is dated today.
  const { reason, actorPersonId } = history;
  await tx.execute(sql`
    insert into membership_events (membership_id, on_date, status, type_id, unit_id, reason, actor_person_id)
    select membership_id, coalesce(joined_on, current_date), case when status = 'applicant' then 'applicant' else 'active' end, type_id, unit_id, ${reason}, ${actorPersonId}::uuid
    from ${t} where membership_new
    union all
    select membership_id, current_date, status, type_id, unit_id, ${reason}, ${actorPersonId}::uuid
    from ${t} where membership_new and status not in ('applicant', 'active')
    union all
    select membership_id, current_date, status, type_id, unit_id, ${reason}, ${actorPersonId}::uuid
    from ${t} where membership_event and not membership_new`);
}
