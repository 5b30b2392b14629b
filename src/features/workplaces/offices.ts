import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { roleAssignments } from '../../kernel/tables.js';
import { workplaceFor } from './detail.js';
import { type Refusal } from '../../platform/outcomes.js';
import { currentPeriod } from '../../platform/db/sql.js';
import { activeMemberSql } from '../members/index.js';
import type { EndInput, OfficeInput, OfficeRole } from './schema.js';

export type OfficeFailure = { ok: false; reason: 'not_member_employee' | 'already_in_office' | 'end_before_start' | 'already_ended'; field: string };
export type OfficeResult = { ok: true; assignmentId: string } | OfficeFailure | Refusal;

/** Who may be appointed: today's employees at the workplace with an active membership. */
export async function appointableMembers(db: Db, workplaceId: string): Promise<{ personId: string; firstName: string; lastName: string }[]> {
  return queryRows(
    db,
    sql`
    select p.id as "personId", p.first_name as "firstName", p.last_name as "lastName"
    from persons p
    where ${activeMemberSql(sql`p.id`)} and exists (select 1 from employments e where e.person_id = p.id and e.workplace_id = ${workplaceId} and ${currentPeriod(sql`e.starts_on`, sql`e.ends_on`)})
    order by p.sort_key_da collate "C", p.id`,
  );
}

/**
 * Appoints a steward or safety rep among the workplace's member employees, for a period (from
 * today unless told otherwise). The person's access follows at their next request.
 */
export async function appointOffice(db: Db, actor: Actor, workplaceId: string, input: OfficeInput): Promise<OfficeResult> {
  return db.transaction(async (tx): Promise<OfficeResult> => {
    const found = await workplaceFor(tx, actor, workplaceId, 'workplace.manage_people');
    if (!found.ok) return found;
    const eligible = await appointableMembers(tx, workplaceId);
    if (!eligible.some((p) => p.personId === input.personId)) return { ok: false, reason: 'not_member_employee', field: 'personId' };
    const [{ startsOn }] = await queryRows<{ startsOn: string }>(tx, sql`select coalesce(${input.startsOn ?? null}::date, current_date)::text as "startsOn"`);
    if (input.endsOn && input.endsOn < startsOn) return { ok: false, reason: 'end_before_start', field: 'endsOn' };
    // Two periods of the same office for one person may not overlap.
    const [overlap] = await queryRows<{ id: string }>(
      tx,
      sql`select id from role_assignments where person_id = ${input.personId} and workplace_id = ${workplaceId} and role = ${input.role}
          and (ends_on is null or ends_on >= ${startsOn}::date) and (${input.endsOn ?? null}::date is null or starts_on <= ${input.endsOn ?? null}::date)
          for update`,
    );
    if (overlap) return { ok: false, reason: 'already_in_office', field: 'personId' };
    const [row] = await tx
      .insert(roleAssignments)
      .values({ personId: input.personId, role: input.role, workplaceId, startsOn, endsOn: input.endsOn ?? null })
      .returning({ id: roleAssignments.id });
    await audit(tx, actor, { action: 'create', entityType: 'role_assignment', entityId: row.id, fields: ['personId', 'role', 'workplaceId', 'startsOn', ...(input.endsOn ? ['endsOn'] : [])] });
    return { ok: true, assignmentId: row.id };
  });
}

export async function findOffice(db: Db, workplaceId: string, assignmentId: string) {
  const [row] = await queryRows<{ id: string; personId: string; personName: string; role: OfficeRole; startsOn: string; endsOn: string | null }>(
    db,
    sql`select r.id, r.person_id as "personId", p.first_name || ' ' || p.last_name as "personName", r.role, r.starts_on::text as "startsOn", r.ends_on::text as "endsOn"
        from role_assignments r join persons p on p.id = r.person_id
        where r.id = ${assignmentId} and r.workplace_id = ${workplaceId} and r.role in ('steward', 'safety_rep')`,
  );
  return row;
}

/** Ends an office on a day (today unless told otherwise); the last day counts as in office. */
export async function endOffice(db: Db, actor: Actor, workplaceId: string, assignmentId: string, input: EndInput): Promise<OfficeResult> {
  return db.transaction(async (tx): Promise<OfficeResult> => {
    const found = await workplaceFor(tx, actor, workplaceId, 'workplace.manage_people');
    if (!found.ok) return found;
    const [office] = await queryRows<{ startsOn: string; endedOn: string | null; today: string; endsOn: string }>(
      tx,
      sql`select starts_on::text as "startsOn", ends_on::text as "endedOn", current_date::text as today,
            coalesce(${input.endsOn ?? null}::date, current_date)::text as "endsOn"
          from role_assignments
          where id = ${assignmentId} and workplace_id = ${workplaceId} and role in ('steward', 'safety_rep') for update`,
    );
    if (!office) return { ok: false, reason: 'not_found' };
    const { endsOn } = office;
    // A period that is over stays as history; one ending later may be brought forward.
    if (office.endedOn !== null && office.endedOn < office.today) return { ok: false, reason: 'already_ended', field: 'endsOn' };
    if (endsOn < office.startsOn) return { ok: false, reason: 'end_before_start', field: 'endsOn' };
    await tx.update(roleAssignments).set({ endsOn }).where(eq(roleAssignments.id, assignmentId));
    await audit(tx, actor, { action: 'update', entityType: 'role_assignment', entityId: assignmentId, fields: ['endsOn'] });
    return { ok: true, assignmentId };
  });
}
