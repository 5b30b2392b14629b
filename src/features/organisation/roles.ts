import { eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { uniqueViolation } from '../../platform/db/sql.js';
import { persons, roleAssignments, units } from '../../kernel/tables.js';
import { findPersonByEmail } from '../../kernel/persons.js';
import { unitRoles, type AppointmentInput, type EndRoleInput, type RoleAssignmentOutput, type RoleListQuery } from './roles-schema.js';

export type RoleFailure = {
  ok: false;
  reason: 'unit_not_found' | 'person_not_found' | 'email_taken' | 'already_held' | 'end_before_start' | 'already_ended';
  field: string;
};
export type RoleResult = { ok: true; assignment: RoleAssignmentOutput } | RoleFailure | { ok: false; reason: 'not_found' };

const unitRoleList = sql.raw(unitRoles.map((r) => `'${r}'`).join(','));

function select(where: SQL): SQL {
  return sql`
    select r.id, r.person_id as "personId", p.first_name as "firstName", p.last_name as "lastName", r.role, r.unit_id as "unitId",
      r.starts_on::text as "startsOn", r.ends_on::text as "endsOn",
      (r.starts_on <= current_date and (r.ends_on is null or r.ends_on >= current_date)) as current
    from role_assignments r join persons p on p.id = r.person_id
    where r.role in (${unitRoleList}) and ${where}`;
}

/** The unit roles held (today, unless asked for every period), by unit, role or person; one query. */
export async function listRoleAssignments(db: Db, filter: RoleListQuery): Promise<RoleAssignmentOutput[]> {
  const where: SQL[] = [sql`true`];
  if (filter.unit) where.push(sql`r.unit_id = ${filter.unit}`);
  if (filter.role) where.push(sql`r.role = ${filter.role}`);
  if (filter.personId) where.push(sql`r.person_id = ${filter.personId}`);
  if (filter.current === 'true') where.push(sql`r.starts_on <= current_date and (r.ends_on is null or r.ends_on >= current_date)`);
  return queryRows<RoleAssignmentOutput>(db, sql`${select(sql.join(where, sql` and `))} order by r.unit_id nulls first, r.role, p.sort_key_da collate "C", r.starts_on, r.id`);
}

export async function getRoleAssignment(db: Db, id: string): Promise<RoleAssignmentOutput | undefined> {
  const [row] = await queryRows<RoleAssignmentOutput>(db, select(sql`r.id = ${id}`));
  return row;
}

/**
 * Appoints a person (an existing one, or a new one created here) to a unit role for a period, from
 * today unless told otherwise. Their access follows at their next request, by session or token.
 */
export async function appointToRole(db: Db, actor: Actor, input: AppointmentInput): Promise<RoleResult> {
  try {
    return await db.transaction(async (tx): Promise<RoleResult> => {
      const unitId = input.role === 'admin' ? null : (input.unitId ?? null);
      if (unitId) {
        const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, unitId));
        if (!unit) return { ok: false, reason: 'unit_not_found', field: 'unitId' };
      }
      let personId: string;
      if (input.personId) {
        // Locked: a second appointment racing this one waits and then sees it as an overlap.
        const [person] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.id, input.personId)).for('update');
        if (!person) return { ok: false, reason: 'person_not_found', field: 'personId' };
        personId = person.id;
      } else {
        const fresh = input.person!;
        // Someone the register already knows is appointed by their id, never duplicated.
        if (await findPersonByEmail(tx, fresh.email)) return { ok: false, reason: 'email_taken', field: 'person.email' };
        const [created] = await tx.insert(persons).values(fresh).returning({ id: persons.id });
        await audit(tx, actor, { action: 'create', entityType: 'person', entityId: created.id, fields: ['firstName', 'lastName', 'email'] });
        personId = created.id;
      }
      const [{ startsOn }] = await queryRows<{ startsOn: string }>(tx, sql`select coalesce(${input.startsOn ?? null}::date, current_date)::text as "startsOn"`);
      const endsOn = input.endsOn ?? null;
      if (endsOn !== null && endsOn < startsOn) return { ok: false, reason: 'end_before_start', field: 'endsOn' };
      // Two periods of the same role in the same unit for one person may not overlap.
      const [overlap] = await queryRows<{ id: string }>(
        tx,
        sql`select id from role_assignments where person_id = ${personId} and role = ${input.role} and unit_id is not distinct from ${unitId}::uuid
            and (ends_on is null or ends_on >= ${startsOn}::date) and (${endsOn}::date is null or starts_on <= ${endsOn}::date)`,
      );
      if (overlap) return { ok: false, reason: 'already_held', field: 'role' };
      const [row] = await tx.insert(roleAssignments).values({ personId, role: input.role, unitId, startsOn, endsOn }).returning({ id: roleAssignments.id });
      await audit(tx, actor, { action: 'create', entityType: 'role_assignment', entityId: row.id, fields: ['personId', 'role', 'unitId', 'startsOn', ...(endsOn ? ['endsOn'] : [])] });
      return { ok: true, assignment: (await getRoleAssignment(tx, row.id))! };
    });
  } catch (err) {
    // Two new people with one e-mail at once: the unique index decides, the loser is told as above.
    if (uniqueViolation(err) !== null) return { ok: false, reason: 'email_taken', field: 'person.email' };
    throw err;
  }
}

/** Ends a unit role on a day (today unless told otherwise); the last day counts as held. */
export async function endRoleAssignment(db: Db, actor: Actor, id: string, input: EndRoleInput): Promise<RoleResult> {
  return db.transaction(async (tx): Promise<RoleResult> => {
    const [held] = await queryRows<{ startsOn: string; endedOn: string | null; today: string; endsOn: string }>(
      tx,
      sql`select starts_on::text as "startsOn", ends_on::text as "endedOn", current_date::text as today,
            coalesce(${input.endsOn ?? null}::date, current_date)::text as "endsOn"
          from role_assignments where id = ${id} and role in (${unitRoleList}) for update`,
    );
    if (!held) return { ok: false, reason: 'not_found' };
    // A period that is over stays as history; one ending later may be brought forward.
    if (held.endedOn !== null && held.endedOn < held.today) return { ok: false, reason: 'already_ended', field: 'endsOn' };
    if (held.endsOn < held.startsOn) return { ok: false, reason: 'end_before_start', field: 'endsOn' };
    await tx.update(roleAssignments).set({ endsOn: held.endsOn }).where(eq(roleAssignments.id, id));
    await audit(tx, actor, { action: 'update', entityType: 'role_assignment', entityId: id, fields: ['endsOn'] });
    return { ok: true, assignment: (await getRoleAssignment(tx, id))! };
  });
}
