import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { EmployerKind } from '../../kernel/tables.js';

/**
 * Set-based reads and writes of workplaces and employments for bulk loads (the CSV imports of the
 * register): one statement each, reading from or writing out of a staging table the caller filled.
 */

export interface WorkplaceRecord {
  id: string;
  name: string;
  employer_kind: EmployerKind;
  employer_name: string | null;
  member_company_id: string | null;
  p_number: string | null;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  unit_id: string;
}

export interface EmploymentRecord {
  id: string;
  person_id: string;
  workplace_id: string;
  job_title: string | null;
  is_leader: boolean;
}

const textArray = (values: Iterable<string>) => sql.param([...values]);

/** Workplaces with one of these P-numbers or (case-insensitively) one of these names. */
export async function findWorkplacesByKey(db: Db, pNumbers: Iterable<string>, names: Iterable<string>): Promise<WorkplaceRecord[]> {
  const lowerNames = [...names].map((n) => n.toLowerCase());
  const ps = [...pNumbers];
  if (ps.length + lowerNames.length === 0) return [];
  return queryRows<WorkplaceRecord>(
    db,
    sql`select id, name, employer_kind, employer_name, member_company_id, p_number, address_line, postal_code, city, unit_id from workplaces
      where p_number = any(${textArray(ps)}::text[]) or lower(name) = any(${textArray(lowerNames)}::text[])`,
  );
}

/** Today's employments of these people at these workplaces, oldest first. */
export async function currentEmploymentsAt(db: Db, personIds: string[], workplaceIds: string[]): Promise<EmploymentRecord[]> {
  if (personIds.length === 0 || workplaceIds.length === 0) return [];
  return queryRows<EmploymentRecord>(
    db,
    sql`select id, person_id, workplace_id, job_title, is_leader from employments
      where person_id = any(${textArray(personIds)}::uuid[]) and workplace_id = any(${textArray(workplaceIds)}::uuid[])
        and (ends_on is null or ends_on >= current_date)
      order by created_at`,
  );
}

/**
 * Employments out of a staging table with the columns `person_id, workplace_id, job_title, is_leader,
 * employment_id, employment_new, employment_changed`: new ones inserted, changed ones updated.
 */
export async function writeStagedEmployments(tx: Db, stagingTable: string): Promise<void> {
  const t = sql.raw(stagingTable);
  await tx.execute(sql`
    insert into employments (person_id, workplace_id, job_title, is_leader)
    select person_id, workplace_id, job_title, is_leader from ${t} where employment_new`);
  await tx.execute(sql`
    update employments e set job_title = s.job_title, is_leader = s.is_leader
    from ${t} s where s.employment_changed and e.id = s.employment_id`);
}

/** Workplaces out of a staging table with the workplace's columns and `is_new`: inserted or updated. */
export async function writeStagedWorkplaces(tx: Db, stagingTable: string): Promise<void> {
  const t = sql.raw(stagingTable);
  await tx.execute(sql`
    insert into workplaces (id, name, employer_kind, employer_name, member_company_id, p_number, address_line, postal_code, city, unit_id)
    select id, name, employer_kind, employer_name, member_company_id, p_number, address_line, postal_code, city, unit_id
    from ${t} where is_new`);
  await tx.execute(sql`
    update workplaces w set name = s.name, employer_kind = s.employer_kind, employer_name = s.employer_name, member_company_id = s.member_company_id,
      p_number = s.p_number, address_line = s.address_line, postal_code = s.postal_code, city = s.city, unit_id = s.unit_id, updated_at = now()
    from ${t} s where not s.is_new and w.id = s.id`);
}
