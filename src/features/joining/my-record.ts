import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { findPersonById, type Person } from '../../kernel/persons.js';
import { type RoleKind } from '../../kernel/tables.js';
import { consentsOf, ownMembership, type ConsentRecord, type OwnMembership } from '../members/index.js';

/** A person's own membership as "my page" shows it. */
export type MyMembership = OwnMembership;

export interface MyRole {
  role: RoleKind;
  unitName: string | null;
  workplaceName: string | null;
  startsOn: string;
}

export interface MyEmployment {
  workplaceName: string;
  jobTitle: string | null;
  isLeader: boolean;
  startsOn: string | null;
}

export type MyConsent = ConsentRecord;

export interface MyRecord {
  person: Person;
  membership: MyMembership | null;
  roles: MyRole[];
  employments: MyEmployment[];
  consents: MyConsent[];
}

const day = (v: unknown): string => String(v).slice(0, 10);

/**
 * Everything "my page" shows about the person, from their own rows only: membership with type (named
 * in `locale`, the language they read), district and sections, current roles and employments with
 * the names of their places, consents.
 */
export async function loadMyRecord(db: Db, personId: string, locale: Locale): Promise<MyRecord | undefined> {
  const person = await findPersonById(db, personId);
  if (!person) return undefined;
  const [membership, roleRows, employmentRows, consents] = await Promise.all([
    ownMembership(db, personId, locale),
    queryRows<{ role: RoleKind; unit_name: string | null; workplace_name: string | null; starts_on: string }>(
      db,
      sql`select r.role, u.name as unit_name, w.name as workplace_name, r.starts_on::text as starts_on
      from role_assignments r left join units u on u.id = r.unit_id left join workplaces w on w.id = r.workplace_id
      where r.person_id = ${personId} and r.starts_on <= current_date and (r.ends_on is null or r.ends_on >= current_date)
      order by r.starts_on, r.role`,
    ),
    queryRows<{ workplace_name: string; job_title: string | null; is_leader: boolean; starts_on: string | null }>(
      db,
      sql`select w.name as workplace_name, e.job_title, e.is_leader, e.starts_on::text as starts_on
      from employments e join workplaces w on w.id = e.workplace_id
      where e.person_id = ${personId} and (e.ends_on is null or e.ends_on >= current_date)
      order by e.starts_on nulls last, w.name`,
    ),
    consentsOf(db, personId),
  ]);
  return {
    person,
    membership,
    roles: roleRows.map((r) => ({ role: r.role, unitName: r.unit_name, workplaceName: r.workplace_name, startsOn: day(r.starts_on) })),
    employments: employmentRows.map((e) => ({ workplaceName: e.workplace_name, jobTitle: e.job_title, isLeader: e.is_leader, startsOn: e.starts_on === null ? null : day(e.starts_on) })),
    consents,
  };
}

/** "My page" is for people the register holds as a member (any status) or an employee. */
export function hasRecord(record: MyRecord): boolean {
  return record.membership !== null || record.employments.length > 0;
}
