import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { memberNumberHoldersSql, membershipOfSql, membershipTypeRecords } from '../members/index.js';
import { currentEmploymentsAt, findWorkplacesByKey, type EmploymentRecord, type WorkplaceRecord } from '../workplaces/index.js';
import type { MemberColumn } from './columns.js';
import type { CsvTable, ImportProblem } from './csv.js';
import { Invalid } from './cells.js';
import type { ImportStatus, MemberRow } from './member-rows.js';
import { can } from './policy.js';
import { loadUnits, textArray, type UnitRef } from './reference.js';

/** What one row will do: the person's, membership's and employment's values after the import. */
export interface MemberChange {
  row: number;
  personId: string;
  personNew: boolean;
  personChanged: boolean;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  dateOfBirth: string | null;
  preferredLocale: string | null;
  membershipId: string;
  membershipNew: boolean;
  membershipChanged: boolean;
  /** A new status, type or unit: the membership's history gets an event. */
  membershipEvent: boolean;
  statusChanged: boolean;
  memberNumber: string | null;
  typeId: string;
  unitId: string;
  status: ImportStatus;
  joinedOn: string | null;
  workplaceId: string | null;
  employmentId: string | null;
  employmentNew: boolean;
  employmentChanged: boolean;
  jobTitle: string | null;
  isLeader: boolean;
  /** Names (never values) of what changed, for the audit trail. */
  fields: string[];
}

export interface MemberPlan {
  created: number;
  updated: number;
  unchanged: number;
  changes: MemberChange[];
  problems: ImportProblem[];
}

interface Existing {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  country: string;
  date_of_birth: string | null;
  preferred_locale: string | null;
  membership_id: string | null;
  member_number: string | null;
  type_id: string | null;
  unit_id: string | null;
  status: ImportStatus | null;
  joined_on: string | null;
  privileged: boolean;
}

type WorkplaceRef = Pick<WorkplaceRecord, 'id' | 'name' | 'p_number' | 'unit_id'>;
type EmploymentRef = EmploymentRecord;

/** Everything the rows refer to, each read with one query. */
async function loadReferences(db: Db, rows: MemberRow[]) {
  const emails = new Set<string>();
  const numbers = new Set<string>();
  const pNumbers = new Set<string>();
  const workplaceNames = new Set<string>();
  for (const r of rows) {
    if (r.email) emails.add(r.email.toLowerCase());
    if (r.memberNumber) numbers.add(r.memberNumber);
    if (r.workplacePNumber) pNumbers.add(r.workplacePNumber);
    else if (r.workplace) workplaceNames.add(r.workplace.toLowerCase());
  }
  const units = await loadUnits(db);
  const types = await membershipTypeRecords(db);
  const existing = await queryRows<Existing>(
    db,
    sql`
    with found as (
      select p.id from persons p where lower(p.email) = any(${textArray(emails)}::text[])
      union
      ${memberNumberHoldersSql(sql`${textArray(numbers)}::text[]`)}
    )
    select p.id, p.first_name, p.last_name, p.email, p.phone, p.address_line, p.postal_code, p.city, p.country,
      p.date_of_birth::text as date_of_birth, p.preferred_locale,
      m.id as membership_id, m.member_number, m.type_id, m.unit_id, m.status, m.joined_on::text as joined_on,
      exists (select 1 from role_assignments r where r.person_id = p.id and r.role in ('staff', 'board', 'admin')
        and (r.ends_on is null or r.ends_on >= current_date)) as privileged
    from found join persons p on p.id = found.id left join lateral ${membershipOfSql(sql`p.id`)} m on true`,
  );
  const workplaces: WorkplaceRef[] = await findWorkplacesByKey(db, pNumbers, workplaceNames);
  const employments: EmploymentRef[] = existing.length === 0 ? [] : await currentEmploymentsAt(db, existing.map((e) => e.id), workplaces.map((w) => w.id));
  return { units, types, existing, workplaces, employments };
}

/**
 * Matches every row with the register and works out what it would change. Rows match a person by
 * member number, else by e-mail (case-insensitive); a blank cell leaves the value as it is.
 */
export async function planMembers(db: Db, actor: Actor, table: CsvTable<MemberColumn>, rows: MemberRow[]): Promise<MemberPlan> {
  const { units, types, existing, workplaces, employments } = await loadReferences(db, rows);
  const columnName = (key: MemberColumn) => table.columns.get(key)?.name ?? key;
  const byEmail = new Map<string, Existing>();
  const byNumber = new Map<string, Existing>();
  for (const e of existing) {
    if (e.email) byEmail.set(e.email.toLowerCase(), e);
    if (e.member_number) byNumber.set(e.member_number, e);
  }
  const typeByWord = new Map<string, string>();
  for (const t of types) {
    typeByWord.set(t.name.toLowerCase(), t.id);
    typeByWord.set(t.code.toLowerCase(), t.id);
  }
  const activeTypes = types.filter((t) => t.active);
  const defaultType = activeTypes.find((t) => t.code === 'ordinary')?.id ?? activeTypes[0]?.id ?? null;
  const retired = new Set(types.filter((t) => !t.active).map((t) => t.id));
  const workplaceByP = new Map(workplaces.filter((w) => w.p_number).map((w) => [w.p_number!, w]));
  const employmentKey = (personId: string, workplaceId: string) => `${personId}/${workplaceId}`;
  const employmentAt = new Map<string, EmploymentRef>();
  for (const e of employments) if (!employmentAt.has(employmentKey(e.person_id, e.workplace_id))) employmentAt.set(employmentKey(e.person_id, e.workplace_id), e);

  const plan: MemberPlan = { created: 0, updated: 0, unchanged: 0, changes: [], problems: [] };
  // The answer per unit is the same for every row: ask the policy once per unit, not once per row.
  const reach = new Map<string, boolean>();
  const canInto = (unitId: string) => reach.get(unitId) ?? reach.set(unitId, can(actor, 'import.into_unit', { unitId })).get(unitId)!;
  const targetedBy = new Map<string, number>();

  let r: MemberRow;
  const problem = (key: MemberColumn | null, code: string, params?: Record<string, string | number>) =>
    plan.problems.push({ row: r.row, column: key === null ? null : columnName(key), code, ...(params ? { params } : {}) });

  for (r of rows) {
    const before = plan.problems.length;

    // Who the row is: the owner of its member number, else of its e-mail.
    const numberOwner = r.memberNumber ? byNumber.get(r.memberNumber) : undefined;
    const emailOwner = r.email ? byEmail.get(r.email.toLowerCase()) : undefined;
    const target = numberOwner ?? emailOwner;
    if (numberOwner && emailOwner && numberOwner.id !== emailOwner.id) {
      problem('member_number', 'import.member_number_taken');
      problem('email', 'import.email_taken');
    } else if (!numberOwner && emailOwner && r.memberNumber && emailOwner.member_number && emailOwner.member_number !== r.memberNumber) {
      problem('member_number', 'import.member_number_differs');
    }
    if (target) {
      const first = targetedBy.get(target.id);
      if (first !== undefined) problem(numberOwner ? 'member_number' : 'email', 'import.duplicate_person', { first });
      else targetedBy.set(target.id, r.row);
      if (!can(actor, 'import.change_person', { unitId: target.unit_id, privileged: target.privileged })) problem(numberOwner ? 'member_number' : 'email', 'import.person_out_of_scope');
    }

    let unit: UnitRef | undefined;
    if (r.unit !== null) {
      const found = units.find(r.unit);
      if (found instanceof Invalid) problem('unit', found.code, found.params);
      else if (found.kind === 'section') problem('unit', 'import.unit_is_section', { value: r.unit.slice(0, 60) });
      else if (!canInto(found.id)) problem('unit', 'import.unit_out_of_scope', { value: r.unit.slice(0, 60) });
      else unit = found;
    } else if (!target?.membership_id && !r.bad?.has('unit')) {
      problem('unit', 'import.required');
    }

    let typeId: string | null = null;
    if (r.membershipType !== null) {
      typeId = typeByWord.get(r.membershipType.toLowerCase()) ?? null;
      if (!typeId) problem('membership_type', 'import.unknown_membership_type', { value: r.membershipType.slice(0, 60) });
      // A member may keep a type that has since been retired; nobody new gets it.
      else if (retired.has(typeId) && target?.type_id !== typeId) problem('membership_type', 'import.inactive_membership_type', { value: r.membershipType.slice(0, 60) });
    } else if (!target?.membership_id && !r.bad?.has('membership_type')) {
      typeId = defaultType;
      if (!typeId) problem('membership_type', 'import.required');
    }

    let workplace: WorkplaceRef | undefined;
    if (r.workplacePNumber !== null) {
      workplace = workplaceByP.get(r.workplacePNumber);
      if (!workplace) problem('workplace_p_number', 'import.unknown_workplace', { value: r.workplacePNumber });
    } else if (r.workplace !== null) {
      const name = r.workplace.toLowerCase();
      let named = workplaces.filter((w) => w.name.toLowerCase() === name);
      const unitId = unit?.id ?? target?.unit_id;
      if (named.length > 1 && unitId) named = named.filter((w) => w.unit_id === unitId);
      if (named.length === 1) workplace = named[0];
      else problem('workplace', named.length === 0 ? 'import.unknown_workplace' : 'import.ambiguous_workplace', { value: r.workplace.slice(0, 60) });
    }
    if (workplace && !canInto(workplace.unit_id)) {
      problem(r.workplacePNumber !== null ? 'workplace_p_number' : 'workplace', 'import.workplace_out_of_scope', { value: (r.workplacePNumber ?? r.workplace ?? '').slice(0, 60) });
    }

    if (plan.problems.length > before || r.invalid) continue;
    const change = describeChange(r, target, unit?.id ?? null, typeId, workplace?.id ?? null, target && workplace ? employmentAt.get(employmentKey(target.id, workplace.id)) : undefined);
    if (change.personNew) plan.created++;
    else if (change.fields.length > 0) plan.updated++;
    else {
      plan.unchanged++;
      continue;
    }
    plan.changes.push(change);
  }
  return plan;
}

/** Given cells over what the register has, noting the names of the fields that differ. */
class Merge {
  readonly fields: string[] = [];

  constructor(private readonly existing: boolean) {}

  pick<T>(field: string, given: T | null, had: T | null): T | null {
    if (given === null) return had;
    if (this.existing && given !== had) this.fields.push(field);
    return given;
  }

  /** An e-mail differing only in case is the same address: the register's spelling stays. */
  pickEmail(given: string | null, had: string | null): string | null {
    if (given === null || (had !== null && given.toLowerCase() === had.toLowerCase())) return had ?? given;
    if (this.existing) this.fields.push('email');
    return given;
  }
}

/** The values after the import and what differs; new people take the row as it is. */
function describeChange(r: MemberRow, target: Existing | undefined, unitId: string | null, typeId: string | null, workplaceId: string | null, employment: EmploymentRef | undefined): MemberChange {
  const m = new Merge(target !== undefined);
  const person = {
    firstName: m.pick('firstName', r.firstName, target?.first_name ?? null)!,
    lastName: m.pick('lastName', r.lastName, target?.last_name ?? null)!,
    email: m.pickEmail(r.email, target?.email ?? null),
    phone: m.pick('phone', r.phone, target?.phone ?? null),
    addressLine: m.pick('addressLine', r.addressLine, target?.address_line ?? null),
    postalCode: m.pick('postalCode', r.postalCode, target?.postal_code ?? null),
    city: m.pick('city', r.city, target?.city ?? null),
    country: m.pick('country', r.country, target?.country ?? null) ?? 'DK',
    dateOfBirth: m.pick('dateOfBirth', r.dateOfBirth, target?.date_of_birth ?? null),
    preferredLocale: m.pick('preferredLocale', r.preferredLocale, target?.preferred_locale ?? null),
  };
  const personChanged = m.fields.length > 0;

  const hadMembership = Boolean(target?.membership_id);
  const membershipFieldsFrom = m.fields.length;
  const finalTypeId = hadMembership ? m.pick('typeId', typeId, target!.type_id)! : typeId!;
  const finalUnitId = hadMembership ? m.pick('unitId', unitId, target!.unit_id)! : unitId!;
  const status = hadMembership ? m.pick('status', r.status, target!.status)! : (r.status ?? 'active');
  const joinedOn = hadMembership ? m.pick('joinedOn', r.joinedOn, target!.joined_on) : r.joinedOn;
  const membershipFields = m.fields.slice(membershipFieldsFrom);
  if (target && !hadMembership) m.fields.push('membership');

  let employmentNew = false;
  let employmentChanged = false;
  let jobTitle = r.jobTitle;
  let isLeader = r.leader ?? false;
  if (workplaceId && employment) {
    jobTitle = r.jobTitle ?? employment.job_title;
    isLeader = r.leader ?? employment.is_leader;
    if (jobTitle !== employment.job_title) m.fields.push('jobTitle');
    if (isLeader !== employment.is_leader) m.fields.push('isLeader');
    employmentChanged = jobTitle !== employment.job_title || isLeader !== employment.is_leader;
  } else if (workplaceId) {
    employmentNew = true;
    if (target) m.fields.push('workplaceId');
  }

  return {
    row: r.row,
    personId: target?.id ?? randomUUID(),
    personNew: !target,
    personChanged,
    ...person,
    membershipId: target?.membership_id ?? randomUUID(),
    membershipNew: !hadMembership,
    membershipChanged: membershipFields.length > 0,
    membershipEvent: membershipFields.some((f) => f === 'status' || f === 'typeId' || f === 'unitId'),
    statusChanged: membershipFields.includes('status'),
    memberNumber: hadMembership ? target!.member_number : r.memberNumber,
    typeId: finalTypeId,
    unitId: finalUnitId,
    status,
    joinedOn,
    workplaceId,
    employmentId: employment?.id ?? null,
    employmentNew,
    employmentChanged,
    jobTitle,
    isLeader,
    fields: m.fields,
  };
}
