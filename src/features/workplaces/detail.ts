import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { reachesUnit, stewardWorkplaces, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { workplaces } from '../../kernel/tables.js';
import { can, type WorkplaceSubject } from './policy.js';
import { querySummaries } from './list.js';
import { currentPeriod } from '../../platform/db/sql.js';
import { activeMemberSql } from '../members/index.js';
import type { Employee, Office, WorkplaceDetail } from './schema.js';
import { type Refusal } from '../../platform/outcomes.js';

/** The bare workplace for a policy check; undefined when there is none. */
export async function findWorkplaceSubject(db: Db, id: string): Promise<(WorkplaceSubject & { name: string }) | undefined> {
  const [w] = await db.select({ id: workplaces.id, unitId: workplaces.unitId, name: workplaces.name }).from(workplaces).where(eq(workplaces.id, id));
  return w;
}


/**
 * Finds a workplace the actor may act on. One they may not even see is "not found", so nobody
 * learns that it exists; one they see but may not change is "forbidden".
 */
export async function workplaceFor(db: Db, actor: Actor, id: string, action: 'workplace.view' | 'workplace.edit' | 'workplace.manage_people'): Promise<{ ok: true; workplace: WorkplaceSubject & { name: string } } | Refusal> {
  const w = await findWorkplaceSubject(db, id);
  if (!w || !can(actor, 'workplace.view', w)) return { ok: false, reason: 'not_found' };
  if (!can(actor, action, w)) return { ok: false, reason: 'forbidden' };
  return { ok: true, workplace: w };
}

/** Today's employees, members and non-members alike, in name order for the reader's language. */
export async function currentEmployees(db: Db, workplaceId: string, sortLocale: 'da' | 'sv' = 'da', contacts = false): Promise<Employee[]> {
  const sortKey = sortLocale === 'sv' ? sql`p.sort_key_sv` : sql`p.sort_key_da`;
  const contact = contacts ? sql`, p.email, p.phone` : sql``;
  return queryRows<Employee>(
    db,
    sql`
    select e.id as "employmentId", p.id as "personId", p.first_name as "firstName", p.last_name as "lastName",
      e.job_title as "jobTitle", e.is_leader as "isLeader", ${activeMemberSql(sql`p.id`)} as "isMember",
      e.starts_on::text as "startsOn", e.ends_on::text as "endsOn"${contact}
    from employments e
    join persons p on p.id = e.person_id
    where e.workplace_id = ${workplaceId} and ${currentPeriod(sql`e.starts_on`, sql`e.ends_on`)}
    order by ${sortKey} collate "C", p.id, e.id`,
  );
}

/** Stewards and safety reps of the workplace, in office today first, then the most recent. */
export async function offices(db: Db, workplaceId: string): Promise<Office[]> {
  return queryRows<Office>(
    db,
    sql`
    select r.id as "assignmentId", p.id as "personId", p.first_name as "firstName", p.last_name as "lastName", r.role,
      r.starts_on::text as "startsOn", r.ends_on::text as "endsOn",
      (${currentPeriod(sql`r.starts_on`, sql`r.ends_on`)}) as current
    from role_assignments r join persons p on p.id = r.person_id
    where r.workplace_id = ${workplaceId} and r.role in ('steward', 'safety_rep')
    order by current desc, r.starts_on desc, r.id`,
  );
}

/** Whether the actor sees the phone and e-mail of the people at this workplace: its own stewards and safety reps, and staff and board who reach it. */
export function seesContacts(actor: Actor, workplace: { id: string; unitId: string }): boolean {
  return stewardWorkplaces(actor).has(workplace.id) || reachesUnit(actor, workplace.unitId, 'staff', 'board');
}

/**
 * A workplace with its coverage and its people, for those who may see it; with their phone and
 * e-mail for those who may contact them (see seesContacts). The names, jobs and contact details of
 * the people listed are personal data, so every look is recorded as a view of the workplace.
 */
export async function getWorkplaceDetail(db: Db, actor: Actor, id: string, opts: { sortLocale?: 'da' | 'sv' } = {}): Promise<{ ok: true; workplace: WorkplaceDetail; contacts: boolean } | Refusal> {
  const found = await workplaceFor(db, actor, id, 'workplace.view');
  if (!found.ok) return found;
  const contacts = seesContacts(actor, found.workplace);
  const [{ items }, employees, held] = await Promise.all([querySummaries(db, [sql`w.id = ${id}`], 1, 1), currentEmployees(db, id, opts.sortLocale, contacts), offices(db, id)]);
  const summary = items[0];
  if (!summary) return { ok: false, reason: 'not_found' };
  await audit(db, actor, { action: 'view', entityType: 'workplace', entityId: id });
  return {
    ok: true,
    contacts,
    workplace: {
      ...summary,
      coverage: { stewards: held.filter((o) => o.role === 'steward'), safetyReps: held.filter((o) => o.role === 'safety_rep') },
      people: { members: employees.filter((e) => e.isMember), nonMembers: employees.filter((e) => !e.isMember) },
    },
  };
}
