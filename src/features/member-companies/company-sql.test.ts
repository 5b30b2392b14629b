import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../platform/db/database.js';
import { unitAndBelowSql } from '../../kernel/units.js';
import { testDatabase } from '../../test/database.js';
import { createPerson, seedUnits, type Org } from '../../test/app.js';
import { memberCompanies, memberCompanyContacts } from './tables.js';
import { companyContactsInUnitsSql } from './company-sql.js';

let database: Database;
let org: Org;
let northContact: string;
let southContact: string;
let bystander: string;

beforeAll(async () => {
  database = await testDatabase();
  org = await seedUnits(database);
  northContact = (await createPerson(database)).id;
  southContact = (await createPerson(database)).id;
  bystander = (await createPerson(database)).id;
  const [north, south] = await database.db
    .insert(memberCompanies)
    .values([
      { name: 'Nordjysk VVS ApS', country: 'DK', unitId: org.north },
      { name: 'Sydfyns Tømrer A/S', country: 'DK', unitId: org.south },
    ])
    .returning({ id: memberCompanies.id });
  await database.db.insert(memberCompanyContacts).values([
    { companyId: north.id, personId: northContact },
    { companyId: south.id, personId: southContact },
  ]);
});
afterAll(() => database.close());

const contactsIn = async (unitId: string) =>
  (await queryRows<{ id: string }>(database.db, sql`select id from persons where id in (${companyContactsInUnitsSql(unitAndBelowSql(unitId))})`)).map((r) => r.id).sort();

describe('the contacts of the member companies in units', () => {
  it('are the contacts of the companies there, not of a company elsewhere nor anyone else', async () => {
    expect(await contactsIn(org.north)).toEqual([northContact]);
    expect(await contactsIn(org.south)).toEqual([southContact]);
    expect(await contactsIn(org.leaders)).toEqual([]);
  });

  it('take in the units below when given a unit and those below it', async () => {
    const all = await contactsIn(org.national);
    expect(all).toEqual([northContact, southContact].sort());
    expect(all).not.toContain(bystander);
  });
});
