import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system, type Actor } from '../../platform/actor.js';
import { translator } from '../../platform/i18n/i18n.js';
import type { Database } from '../../platform/db/database.js';
import { seedDemo } from '../../demo/seed.js';
import { createPerson } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { loadGrants } from '../../kernel/grants.js';
import { registerSnapshot } from './import.fixture.js';
import { describeReport, importMembers, importWorkplaces } from './import.js';

let database: Database;
const docs = join(import.meta.dirname, '..', '..', '..', 'docs');

// On the demo organisation: the example files in docs/ are written for it.
beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db);
});
afterAll(() => database.close());

async function rows(sqlText: string, values: unknown[] = []) {
  return (await database.executeSql(sqlText, values)).rows;
}

async function failing(csv: string, actor: Actor = system) {
  const before = await registerSnapshot(database);
  const outcome = await importWorkplaces(database.db, actor, { csv, dryRun: false });
  expect(outcome.ok).toBe(false);
  expect(await registerSnapshot(database)).toBe(before);
  return describeReport(outcome.report, translator('en')).errors.map(({ row, column, code }) => ({ row, column, code }));
}

describe('the example files in docs/', () => {
  it('import cleanly into the demo organisation: workplaces first, then members, and again changes nothing', async () => {
    const workplaces = readFileSync(join(docs, 'import-example-workplaces.csv'));
    const members = readFileSync(join(docs, 'import-example-members.csv'));
    expect(await importWorkplaces(database.db, system, { csv: workplaces, dryRun: false })).toMatchObject({ ok: true, report: { created: 4, updated: 0, unchanged: 0, problems: [] } });
    expect(await importMembers(database.db, system, { csv: members, dryRun: false })).toMatchObject({ ok: true, report: { created: 5, updated: 0, unchanged: 0, problems: [] } });
    expect(await importWorkplaces(database.db, system, { csv: workplaces, dryRun: false })).toMatchObject({ ok: true, report: { created: 0, updated: 0, unchanged: 4 } });
    expect(await importMembers(database.db, system, { csv: members, dryRun: false })).toMatchObject({ ok: true, report: { created: 0, updated: 0, unchanged: 5 } });
    const [company] = await rows(`select w.employer_kind, c.name from workplaces w join member_companies c on c.id = w.member_company_id where w.name = 'Lyngbakken Øst'`);
    expect(company).toEqual({ employer_kind: 'member_company', name: 'Bosted Lyngbakken ApS' });
    const [sanne] = await rows(`select p.address_line, p.preferred_locale, e.is_leader, t.code from persons p join memberships m on m.person_id = p.id join membership_types t on t.id = m.type_id join employments e on e.person_id = p.id where p.email = 'sanne.kjaer@example.org'`);
    expect(sanne).toEqual({ address_line: 'Engvej 7, 2. th.', preferred_locale: 'en', is_leader: true, code: 'leader' });
  });
});

describe('importing workplaces', () => {
  it('updates by P-number, else by name within the unit, and audits each change', async () => {
    const csv = [
      'navn;arbejdsgivertype;arbejdsgiver;p-nummer;adresse;postnummer;by;kreds',
      'Botilbuddet Kilden (ny bygning);kommune;Nordby Kommune;1000009001;Skolevej 5;9000;Nordby;Nord',
      'Botilbuddet Solsikken;privat;Fonden Solsikken;;;;;Nord',
    ].join('\n');
    const outcome = await importWorkplaces(database.db, system, { csv, dryRun: false });
    expect(outcome).toMatchObject({ ok: true, report: { created: 0, updated: 2, unchanged: 0 } });
    expect(await rows(`select name, address_line from workplaces where p_number = '1000009001'`)).toEqual([{ name: 'Botilbuddet Kilden (ny bygning)', address_line: 'Skolevej 5' }]);
    expect(await rows(`select employer_kind, employer_name, p_number from workplaces where name = 'Botilbuddet Solsikken'`)).toEqual([{ employer_kind: 'private', employer_name: 'Fonden Solsikken', p_number: '1000000000' }]);
    const audits = await rows(`select action, fields from audit_events where entity_type = 'workplace' order by id desc limit 2`);
    expect(audits.map((a) => a.fields)).toEqual(expect.arrayContaining([['name', 'addressLine'], ['employerKind', 'employerName']]));
    expect((await rows(`select count(*)::int as n from audit_events where entity_type = 'workplace_import'`))[0].n).toBe(3);
  });

  it('reports every bad row and writes nothing', async () => {
    expect(
      await failing(
        [
          'name,employer_kind,employer_name,p_number,address,postal_code,city,unit',
          'Sted A,kommune,,12345,,,,Nord',
          'Sted B,cooperative,,,,,,Nord',
          'Sted C,member_company,Ukendt ApS,,,,,Nord',
          'Sted D,kommune,,,,,,Kreds Vest',
          'Sted E,kommune,,1000009100,,,,Nord',
          'Sted F,kommune,,1000009100,,,,Nord',
          ',kommune,,,,,,Nord',
          'Sted G,"=cmd|\' /C calc\'!A0",,,,,,Nord',
        ].join('\n'),
      ),
    ).toEqual([
      { row: 2, column: 'p_number', code: 'import.invalid_p_number' },
      { row: 3, column: 'employer_kind', code: 'import.unknown_employer_kind' },
      { row: 4, column: 'employer_name', code: 'import.unknown_member_company' },
      { row: 5, column: 'unit', code: 'import.unknown_unit' },
      { row: 7, column: 'p_number', code: 'import.duplicate_in_file' },
      { row: 8, column: 'name', code: 'import.required' },
      { row: 9, column: 'employer_kind', code: 'import.formula' },
    ]);
  });

  it('staff import workplaces only into their own district', async () => {
    const [{ id: nord }] = await rows(`select id from units where short_name = 'Nord'`);
    const staff = await createPerson(database, [['staff', String(nord)]]);
    const actor: Actor = { kind: 'person', personId: staff.id, firstName: 'S', lastName: 'N', grants: await loadGrants(database.db, staff.id) };
    const header = 'name,employer_kind,p_number,unit';
    expect(await failing(`${header}\nSydligt Sted,kommune,,Syd\nFlyttet,kommune,1000009001,Syd\n`, actor)).toEqual([
      { row: 2, column: 'unit', code: 'import.unit_out_of_scope' },
      { row: 3, column: 'unit', code: 'import.unit_out_of_scope' },
    ]);
    // Krisecentret Lyset is in Kreds Syd: not to be taken over by giving its P-number.
    const [lyset] = await rows(`select p_number from workplaces where name = 'Krisecentret Lyset'`);
    expect(await failing(`${header}\nKrisecentret Lyset,kommune,${lyset.p_number},Nord\n`, actor)).toEqual([{ row: 2, column: 'p_number', code: 'import.workplace_out_of_scope' }]);
    expect(await importWorkplaces(database.db, actor, { csv: `${header}\nNordligt Sted,kommune,,Nord\n`, dryRun: false })).toMatchObject({ ok: true, report: { created: 1 } });
  });
});
