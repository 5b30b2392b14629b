import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { actorPersonId, unitScope, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { memberships, membershipEvents, membershipTypes, type MembershipStatus } from './tables.js';
import { membershipTypeNameSql } from './membership-types.js';

/*
 * The register's side of "become a member": an applicant membership, waiting for its e-mail to be
 * confirmed and then for the office's decision. The joining feature owns the form, the double opt-in
 * links and the mails, and asks for these; only the register writes memberships and their history.
 */

/** Whether the membership type exists and new members may choose it. */
export async function isActiveMembershipType(db: Db, typeId: string): Promise<boolean> {
  const [type] = await db.select({ id: membershipTypes.id }).from(membershipTypes).where(and(eq(membershipTypes.id, typeId), eq(membershipTypes.active, true)));
  return type !== undefined;
}

/** The membership types new members may choose, in the office's order, each named in the reader's language. */
export function activeMembershipTypeChoices(db: Db, locale: Locale): Promise<{ id: string; name: string }[]> {
  return queryRows<{ id: string; name: string }>(db, sql`select t.id, ${membershipTypeNameSql('t', locale)} as name from membership_types t where t.active order by t.position, t.name`);
}

/** Opens an applicant membership with its first history entry ("applied"), audited. */
export async function openApplicantMembership(tx: Db, actor: Actor, a: { personId: string; typeId: string; unitId: string; reason: string }): Promise<string> {
  const [membership] = await tx
    .insert(memberships)
    .values({ personId: a.personId, typeId: a.typeId, unitId: a.unitId, status: 'applicant', emailConfirmedAt: null })
    .returning({ id: memberships.id });
  await tx.insert(membershipEvents).values({ membershipId: membership.id, onDate: sql`current_date`, status: 'applicant', typeId: a.typeId, unitId: a.unitId, reason: a.reason });
  await audit(tx, actor, { action: 'create', entityType: 'membership', entityId: membership.id, fields: ['status', 'typeId', 'unitId'] });
  return membership.id;
}

/** The person's applicant membership whose e-mail is not yet confirmed, if any. */
export async function unconfirmedApplicantMembership(tx: Db, personId: string): Promise<string | undefined> {
  const [pending] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.personId, personId), eq(memberships.status, 'applicant'), isNull(memberships.emailConfirmedAt)));
  return pending?.id;
}

/**
 * Marks an applicant's e-mail as confirmed, with a history entry made by the applicant. Undefined when
 * the membership is no longer an unconfirmed application (already confirmed, decided or removed).
 */
export async function confirmApplicantEmail(tx: Db, membershipId: string, reason: string): Promise<{ id: string; personId: string } | undefined> {
  const [confirmed] = await tx
    .update(memberships)
    .set({ emailConfirmedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(memberships.id, membershipId), eq(memberships.status, 'applicant'), isNull(memberships.emailConfirmedAt)))
    .returning({ id: memberships.id, personId: memberships.personId, typeId: memberships.typeId, unitId: memberships.unitId });
  if (!confirmed) return undefined;
  await tx.insert(membershipEvents).values({
    membershipId: confirmed.id,
    onDate: sql`current_date`,
    status: 'applicant',
    typeId: confirmed.typeId,
    unitId: confirmed.unitId,
    reason,
    actorPersonId: confirmed.personId,
  });
  return { id: confirmed.id, personId: confirmed.personId };
}

export interface LockedApplication {
  status: string;
  confirmed: boolean;
  personId: string;
  typeId: string;
  unitId: string;
  memberNumber: string;
}

/** Locks the membership for a decision and says what state it is in. */
export async function lockApplicantMembership(tx: Db, membershipId: string): Promise<LockedApplication | undefined> {
  const [row] = await queryRows<{ status: string; confirmed: boolean; person_id: string; type_id: string; unit_id: string; member_number: string }>(
    tx,
    sql`select status, email_confirmed_at is not null as confirmed, person_id, type_id, unit_id, member_number from memberships where id = ${membershipId} for update`,
  );
  return row ? { status: row.status, confirmed: row.confirmed, personId: row.person_id, typeId: row.type_id, unitId: row.unit_id, memberNumber: row.member_number } : undefined;
}

/**
 * The office's decision on a locked application: active from today (joined today), or rejected with
 * the reason in the history. Audited with the fields it changed.
 */
export async function decideApplicantMembership(tx: Db, actor: Actor, app: LockedApplication & { id: string }, decision: { status: 'active' | 'rejected'; reason: string }): Promise<void> {
  const joined = decision.status === 'active';
  await tx
    .update(memberships)
    .set(joined ? { status: 'active', statusSince: sql`current_date`, joinedOn: sql`current_date`, updatedAt: sql`now()` } : { status: 'rejected', statusSince: sql`current_date`, updatedAt: sql`now()` })
    .where(eq(memberships.id, app.id));
  await tx.insert(membershipEvents).values({
    membershipId: app.id,
    onDate: sql`current_date`,
    status: decision.status,
    typeId: app.typeId,
    unitId: app.unitId,
    reason: decision.reason,
    actorPersonId: actorPersonId(actor),
  });
  await audit(tx, actor, { action: 'update', entityType: 'membership', entityId: app.id, fields: joined ? ['status', 'statusSince', 'joinedOn'] : ['status', 'statusSince'] });
}

/** Deletes an application that was never confirmed (its history and links go with it), audited. */
export async function deleteApplicantMembership(tx: Db, actor: Actor, membershipId: string): Promise<void> {
  await tx.delete(memberships).where(and(eq(memberships.id, membershipId), eq(memberships.status, 'applicant')));
  await audit(tx, actor, { action: 'delete', entityType: 'membership', entityId: membershipId });
}

/** An application as the office sees it: the applicant, where and how they want to be a member. */
export interface ApplicantRow {
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
  email: string | null;
  phone: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  dateOfBirth: string | null;
  preferredLocale: Locale | null;
  status: MembershipStatus;
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
  email: string | null;
  phone: string | null;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  date_of_birth: string | null;
  preferred_locale: Locale | null;
  status: MembershipStatus;
}

const date = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));

/** One select for the queue and the detail: the current workplace in a sub-select. */
const selectApplicants = sql`
  select m.id as membership_id, p.id as person_id, p.first_name, p.last_name, m.unit_id as district_id, u.name as district_name,
    t.name as type_name, m.created_at as applied_at, m.email_confirmed_at as confirmed_at, m.status,
    p.email, p.phone, p.address_line, p.postal_code, p.city, p.date_of_birth::text as date_of_birth, p.preferred_locale,
    (select w.name from employments e join workplaces w on w.id = e.workplace_id
      where e.person_id = p.id and (e.ends_on is null or e.ends_on >= current_date) order by e.created_at limit 1) as workplace_name
  from memberships m
  join persons p on p.id = m.person_id
  join units u on u.id = m.unit_id
  join membership_types t on t.id = m.type_id`;

async function applicants(db: Db, where: SQL): Promise<ApplicantRow[]> {
  const rows = await queryRows<Row>(db, sql`${selectApplicants} where ${where} order by m.created_at, m.id`);
  return rows.map((r) => ({
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
    email: r.email,
    phone: r.phone,
    addressLine: r.address_line,
    postalCode: r.postal_code,
    city: r.city,
    dateOfBirth: r.date_of_birth === null ? null : String(r.date_of_birth).slice(0, 10),
    preferredLocale: r.preferred_locale,
    status: r.status,
  }));
}

/** Open applications in the units the actor is staff of (admins: all), oldest first. */
export async function listApplicantMemberships(db: Db, actor: Actor): Promise<ApplicantRow[]> {
  const scope = unitScope(actor, 'staff');
  if (scope !== 'all' && scope.size === 0) return [];
  const inScope = scope === 'all' ? sql`true` : sql`m.unit_id in (${sql.join([...scope].map((id) => sql`${id}::uuid`), sql`, `)})`;
  return applicants(db, sql`m.status = 'applicant' and ${inScope}`);
}

/** One membership as an application (any status, so a decided one can be told apart from a missing one). */
export async function findApplicantMembership(db: Db, membershipId: string): Promise<ApplicantRow | undefined> {
  const [row] = await applicants(db, sql`m.id = ${membershipId}`);
  return row;
}
