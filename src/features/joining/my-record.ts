import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { findPersonById, type Person } from '../../kernel/persons.js';
import { type RoleKind } from '../../kernel/tables.js';
import { type MembershipStatus } from '../members/index.js';

/** A person's own membership as "my page" shows it. */
export interface MyMembership {
  id: string;
  memberNumber: string;
  typeName: string;
  districtName: string;
  status: MembershipStatus;
  statusSince: string;
  joinedOn: string | null;
  emailConfirmedAt: Date | null;
  sections: { name: string; since: string }[];
}

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

export interface MyConsent {
  purpose: string;
  granted: boolean;
  source: string;
  changedAt: Date;
}

export interface MyRecord {
  person: Person;
  membership: MyMembership | null;
  roles: MyRole[];
  employments: MyEmployment[];
  consents: MyConsent[];
}

const day = (v: unknown): string => String(v).slice(0, 10);

/**
 * Everything "my page" shows about the person, from their own rows only: membership with type,
 * district and sections, current roles and employments with the names of their places, consents.
 */
export async function loadMyRecord(db: Db, personId: string): Promise<MyRecord | undefined> {
  const person = await findPersonById(db, personId);
  if (!person) return undefined;
  const [membershipRows, roleRows, employmentRows, consentRows] = await Promise.all([
    queryRows<{ id: string; member_number: string; type_name: string; district_name: string; status: MembershipStatus; status_since: string; joined_on: string | null; email_confirmed_at: string | Date | null; sections: { name: string; since: string }[] | string }>(
      db,
      sql`select m.id, m.member_number, t.name as type_name, u.name as district_name, m.status, m.status_since::text as status_since, m.joined_on::text as joined_on, m.email_confirmed_at,
        coalesce((select json_agg(json_build_object('name', su.name, 'since', s.since::text) order by su.position, su.name)
          from membership_sections s join units su on su.id = s.unit_id where s.membership_id = m.id), '[]'::json) as sections
      from memberships m join membership_types t on t.id = m.type_id join units u on u.id = m.unit_id
      where m.person_id = ${personId}`,
    ),
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
    queryRows<{ purpose: string; granted: boolean; source: string; changed_at: string | Date }>(
      db,
      sql`select purpose, granted, source, changed_at from consents where person_id = ${personId} order by purpose`,
    ),
  ]);
  const m = membershipRows[0];
  return {
    person,
    membership: m
      ? {
          id: m.id,
          memberNumber: m.member_number,
          typeName: m.type_name,
          districtName: m.district_name,
          status: m.status,
          statusSince: day(m.status_since),
          joinedOn: m.joined_on === null ? null : day(m.joined_on),
          emailConfirmedAt: m.email_confirmed_at === null ? null : new Date(m.email_confirmed_at),
          sections: typeof m.sections === 'string' ? (JSON.parse(m.sections) as { name: string; since: string }[]) : m.sections,
        }
      : null,
    roles: roleRows.map((r) => ({ role: r.role, unitName: r.unit_name, workplaceName: r.workplace_name, startsOn: day(r.starts_on) })),
    employments: employmentRows.map((e) => ({ workplaceName: e.workplace_name, jobTitle: e.job_title, isLeader: e.is_leader, startsOn: e.starts_on === null ? null : day(e.starts_on) })),
    consents: consentRows.map((c) => ({ purpose: c.purpose, granted: c.granted, source: c.source, changedAt: new Date(c.changed_at) })),
  };
}

/** "My page" is for people the register holds as a member (any status) or an employee. */
export function hasRecord(record: MyRecord): boolean {
  return record.membership !== null || record.employments.length > 0;
}
