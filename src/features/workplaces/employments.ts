import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { findPersonByEmail } from '../../kernel/persons.js';
import { persons, employments } from '../../kernel/tables.js';
import { workplaceFor } from './detail.js';
import { type Refusal } from '../../platform/outcomes.js';
import { currentPeriod, uniqueViolation } from '../../platform/db/sql.js';
import type { EmploymentInput, EndInput } from './schema.js';

export type EmploymentFailure = { ok: false; reason: 'person_not_found' | 'already_employed' | 'end_before_start' | 'already_ended' | 'email_taken'; field: string };
export type EmploymentResult = { ok: true; employmentId: string; personId: string } | EmploymentFailure | Refusal;

/**
 * Records that a person works at the workplace. A person with an e-mail in the register is found
 * by it; a colleague the register does not know yet is added by name (with the e-mail, if given):
 * non-member colleagues are the workplace's recruitment potential.
 */
export async function addEmployment(db: Db, actor: Actor, workplaceId: string, input: EmploymentInput): Promise<EmploymentResult> {
  try {
    return await db.transaction(async (tx): Promise<EmploymentResult> => {
      const found = await workplaceFor(tx, actor, workplaceId, 'workplace.manage_people');
      if (!found.ok) return found;
      let personId: string;
      const known = input.email ? await findPersonByEmail(tx, input.email) : undefined;
      if (known) {
        personId = known.id;
        const [current] = await queryRows<{ id: string }>(
          tx,
          sql`select id from employments where person_id = ${personId} and workplace_id = ${workplaceId} and ${currentPeriod(sql`starts_on`, sql`ends_on`)}`,
        );
        if (current) return { ok: false, reason: 'already_employed', field: 'email' };
      } else {
        if (!input.firstName || !input.lastName) return { ok: false, reason: 'person_not_found', field: 'email' };
        const [created] = await tx.insert(persons).values({ firstName: input.firstName, lastName: input.lastName, email: input.email }).returning({ id: persons.id });
        personId = created.id;
        await audit(tx, actor, { action: 'create', entityType: 'person', entityId: personId, fields: ['firstName', 'lastName', ...(input.email ? ['email'] : [])] });
      }
      const [row] = await tx
        .insert(employments)
        .values({ personId, workplaceId, jobTitle: input.jobTitle ?? null, isLeader: input.isLeader, startsOn: input.startsOn ?? null, endsOn: input.endsOn ?? null })
        .returning({ id: employments.id });
      const fields = ['personId', 'workplaceId', 'isLeader', ...(['jobTitle', 'startsOn', 'endsOn'] as const).filter((k) => input[k])];
      await audit(tx, actor, { action: 'create', entityType: 'employment', entityId: row.id, fields });
      return { ok: true, employmentId: row.id, personId };
    });
  } catch (err) {
    // Someone registered the same e-mail a moment ago.
    if (uniqueViolation(err) === 'persons_email_unique') return { ok: false, reason: 'email_taken', field: 'email' };
    throw err;
  }
}

export async function findEmployment(db: Db, workplaceId: string, employmentId: string) {
  const [row] = await queryRows<{ id: string; personId: string; firstName: string; lastName: string; jobTitle: string | null; startsOn: string | null; endsOn: string | null }>(
    db,
    sql`select e.id, e.person_id as "personId", p.first_name as "firstName", p.last_name as "lastName", e.job_title as "jobTitle",
          e.starts_on::text as "startsOn", e.ends_on::text as "endsOn"
        from employments e join persons p on p.id = e.person_id where e.id = ${employmentId} and e.workplace_id = ${workplaceId}`,
  );
  return row;
}

/** Ends an employment on a day (today unless told otherwise); the person then leaves the workplace's lists. */
export async function endEmployment(db: Db, actor: Actor, workplaceId: string, employmentId: string, input: EndInput): Promise<EmploymentResult> {
  return db.transaction(async (tx): Promise<EmploymentResult> => {
    const found = await workplaceFor(tx, actor, workplaceId, 'workplace.manage_people');
    if (!found.ok) return found;
    const [e] = await queryRows<{ personId: string; startsOn: string | null; endedOn: string | null; today: string; endsOn: string }>(
      tx,
      sql`select person_id as "personId", starts_on::text as "startsOn", ends_on::text as "endedOn", current_date::text as today,
            coalesce(${input.endsOn ?? null}::date, current_date)::text as "endsOn"
          from employments where id = ${employmentId} and workplace_id = ${workplaceId} for update`,
    );
    if (!e) return { ok: false, reason: 'not_found' };
    if (e.endedOn !== null && e.endedOn < e.today) return { ok: false, reason: 'already_ended', field: 'endsOn' };
    if (e.startsOn !== null && e.endsOn < e.startsOn) return { ok: false, reason: 'end_before_start', field: 'endsOn' };
    await tx.update(employments).set({ endsOn: e.endsOn }).where(eq(employments.id, employmentId));
    await audit(tx, actor, { action: 'update', entityType: 'employment', entityId: employmentId, fields: ['endsOn'] });
    return { ok: true, employmentId, personId: e.personId };
  });
}
