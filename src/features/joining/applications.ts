import { sql } from 'drizzle-orm';
import { unitScope, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Locale } from '../../platform/i18n/i18n.js';

/** An application as the office sees it: the applicant, where and how they want to be a member. */
export interface Application {
  membershipId: string;
  personId: string;
  firstName: string;
  lastName: string;
  districtId: string;
  districtName: string;
  typeName: string;
  workplaceName: string | null;
  appliedAt: Date;
  confirmedAt: Date | null;
  /** Unconfirmed only: when the newest open confirmation link runs out (null: none open). */
  linkExpiresAt: Date | null;
}

export interface ApplicationDetail extends Application {
  email: string | null;
  phone: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  dateOfBirth: string | null;
  preferredLocale: Locale | null;
  status: string;
}

interface Row {
  membership_id: string;
  person_id: string;
  first_name: string;
  last_name: string;
  district_id: string;
  district_name: string;
  type_name: string;
  workplace_name: string | null;
  applied_at: string | Date;
  confirmed_at: string | Date | null;
  link_expires_at: string | Date | null;
  email: string | null;
  phone: string | null;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  date_of_birth: string | null;
  preferred_locale: Locale | null;
  status: string;
}

const date = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));

function toDetail(r: Row): ApplicationDetail {
  return {
    membershipId: r.membership_id,
    personId: r.person_id,
    firstName: r.first_name,
    lastName: r.last_name,
    districtId: r.district_id,
    districtName: r.district_name,
    typeName: r.type_name,
    workplaceName: r.workplace_name,
    appliedAt: date(r.applied_at)!,
    confirmedAt: date(r.confirmed_at),
    linkExpiresAt: date(r.link_expires_at),
    email: r.email,
    phone: r.phone,
    addressLine: r.address_line,
    postalCode: r.postal_code,
    city: r.city,
    dateOfBirth: r.date_of_birth === null ? null : String(r.date_of_birth).slice(0, 10),
    preferredLocale: r.preferred_locale,
    status: r.status,
  };
}

/** One select for the queue and the detail: the current workplace and the open link in sub-selects. */
const selectApplications = sql`
  select m.id as membership_id, p.id as person_id, p.first_name, p.last_name, m.unit_id as district_id, u.name as district_name,
    t.name as type_name, m.created_at as applied_at, m.email_confirmed_at as confirmed_at, m.status,
    p.email, p.phone, p.address_line, p.postal_code, p.city, p.date_of_birth::text as date_of_birth, p.preferred_locale,
    (select w.name from employments e join workplaces w on w.id = e.workplace_id
      where e.person_id = p.id and (e.ends_on is null or e.ends_on >= current_date) order by e.created_at limit 1) as workplace_name,
    (select max(c.expires_at) from join_confirmations c where c.membership_id = m.id and c.used_at is null) as link_expires_at
  from memberships m
  join persons p on p.id = m.person_id
  join units u on u.id = m.unit_id
  join membership_types t on t.id = m.type_id`;

export interface ApplicationQueue {
  /** Confirmed applications waiting for a decision, oldest first. */
  confirmed: Application[];
  /** Applications whose e-mail is not yet confirmed; the office may re-send the link or remove them. */
  unconfirmed: Application[];
}

/** The applications in the actor's units (admins: all), in one query. */
export async function listApplications(db: Db, actor: Actor): Promise<ApplicationQueue> {
  const scope = unitScope(actor, 'staff');
  if (scope !== 'all' && scope.size === 0) return { confirmed: [], unconfirmed: [] };
  const inScope = scope === 'all' ? sql`true` : sql`m.unit_id in (${sql.join([...scope].map((id) => sql`${id}::uuid`), sql`, `)})`;
  const rows = await queryRows<Row>(db, sql`${selectApplications} where m.status = 'applicant' and ${inScope} order by m.created_at, m.id`);
  const all = rows.map(toDetail);
  return { confirmed: all.filter((a) => a.confirmedAt !== null), unconfirmed: all.filter((a) => a.confirmedAt === null) };
}

/** One applicant membership (any status, so a decided one can be told apart from a missing one). */
export async function getApplication(db: Db, membershipId: string): Promise<ApplicationDetail | undefined> {
  const [row] = await queryRows<Row>(db, sql`${selectApplications} where m.id = ${membershipId}`);
  return row ? toDetail(row) : undefined;
}

/** Locks the membership for a decision and says whether it is still an application in the wanted state. */
export async function lockApplication(tx: Db, membershipId: string): Promise<{ status: string; confirmed: boolean; personId: string; typeId: string; unitId: string; memberNumber: string } | undefined> {
  const [row] = await queryRows<{ status: string; confirmed: boolean; person_id: string; type_id: string; unit_id: string; member_number: string }>(
    tx,
    sql`select status, email_confirmed_at is not null as confirmed, person_id, type_id, unit_id, member_number from memberships where id = ${membershipId} for update`,
  );
  return row ? { status: row.status, confirmed: row.confirmed, personId: row.person_id, typeId: row.type_id, unitId: row.unit_id, memberNumber: row.member_number } : undefined;
}

