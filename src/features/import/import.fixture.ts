import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { createWorkplace, seedUnits, type Org } from '../../test/app.js';
import { membershipTypes } from '../members/tables.js';
import { workplaces } from '../../kernel/tables.js';

export interface ImportFixtures {
  org: Org;
  /** In Kreds Nord, P-number 1000000001. */
  northWorkplace: string;
  /** In Kreds Syd, P-number 1000000002. */
  southWorkplace: string;
}

/** For the import tests: the small organisation, two membership types and a workplace per district. */
export async function seedForImport(database: Database): Promise<ImportFixtures> {
  const org = await seedUnits(database);
  await database.db.insert(membershipTypes).values([
    { code: 'ordinary', name: 'Ordinært medlem', position: 1 },
    { code: 'student', name: 'Studerende', position: 2 },
  ]);
  const north = await createWorkplace(database, org.north, 'Botilbuddet Solsikken');
  const south = await createWorkplace(database, org.south, 'Børnehuset Regnbuen');
  await database.db.update(workplaces).set({ pNumber: '1000000001' }).where(eq(workplaces.id, north.id));
  await database.db.update(workplaces).set({ pNumber: '1000000002' }).where(eq(workplaces.id, south.id));
  return { org, northWorkplace: north.id, southWorkplace: south.id };
}

/**
 * Everything an import can write, as one string: a failed import must leave it exactly as it was.
 * (The member-number sequence is left out: sequences are not transactional in PostgreSQL.)
 */
export async function registerSnapshot(database: Database): Promise<string> {
  const r = await database.executeSql(`
    select json_build_object(
      'persons', (select coalesce(json_agg(p order by p.id), '[]') from (select id, first_name, last_name, email, phone, address_line, postal_code, city, country, date_of_birth, preferred_locale, updated_at from persons) p),
      'memberships', (select coalesce(json_agg(m order by m.id), '[]') from (select id, person_id, member_number, type_id, unit_id, status, status_since, joined_on, updated_at from memberships) m),
      'events', (select count(*) from membership_events),
      'employments', (select coalesce(json_agg(e order by e.id), '[]') from (select id, person_id, workplace_id, job_title, is_leader from employments) e),
      'workplaces', (select coalesce(json_agg(w order by w.id), '[]') from (select id, name, employer_kind, employer_name, member_company_id, p_number, address_line, postal_code, city, unit_id, updated_at from workplaces) w),
      'audit', (select count(*) from audit_events)
    )::text as s`);
  return String(r.rows[0].s);
}
