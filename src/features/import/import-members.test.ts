import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system, type Actor } from '../../platform/actor.js';
import { translator } from '../../platform/i18n/i18n.js';
import type { Database } from '../../platform/db/database.js';
import { createPerson } from '../../test/app.js';
import { onPostgres, testDatabase } from '../../test/database.js';
import { loadGrants } from '../../kernel/grants.js';
import { registerSnapshot, seedForImport, type ImportFixtures } from './import.fixture.js';
import { describeReport, importMembers, type ImportOutcome } from './import.js';

let database: Database;
let f: ImportFixtures;
const t = translator('da');

beforeAll(async () => {
  database = await testDatabase();
  f = await seedForImport(database);
});
afterAll(() => database.close());

const HEADER = 'medlemsnummer;fornavn;efternavn;e-mail;telefon;adresse;postnummer;by;land;fødselsdato;sprog;medlemstype;kreds;status;indmeldt;p-nummer;arbejdsplads;stilling;leder';

const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

async function rows(sqlText: string, values: unknown[] = []) {
  return (await database.executeSql(sqlText, values)).rows;
}

function errorsOf(outcome: ImportOutcome) {
  return describeReport(outcome.report, t).errors.map(({ row, column, code }) => ({ row, column, code }));
}

/** Runs an import that must fail, and proves it wrote nothing; returns its errors. */
async function failing(text: string, actor: Actor = system) {
  const before = await registerSnapshot(database);
  const outcome = await importMembers(database.db, actor, { csv: text, dryRun: false });
  expect(outcome.ok).toBe(false);
  expect(await registerSnapshot(database)).toBe(before);
  return errorsOf(outcome);
}

describe('importing members', () => {
  const file = csv(
    '700001;Karen;Østergaard;karen@example.org;+45 20 11 22 33;"Skolevej 4; 2. th.";9000;Aalborg;DK;12-04-1978;da;ordinary;Kreds Nord;active;01-03-2015;1000000001;;Pædagog;nej',
    ';Jonas;Åberg;JONAS@example.org;;;;Malmö;se;1990-09-23;sv;Studerende;kreds syd;ansøger;;;Børnehuset Regnbuen;;ja',
    '700003;Lars;Bøgh;;;;;;;;;;Kreds Nord;resigned;1990-01-01;;;;',
  );

  it('a dry run counts what would happen and writes nothing', async () => {
    const before = await registerSnapshot(database);
    const outcome = await importMembers(database.db, system, { csv: file, dryRun: true });
    expect(outcome).toMatchObject({ ok: true, dryRun: true, importId: null, report: { created: 3, updated: 0, unchanged: 0, problems: [] } });
    expect(await registerSnapshot(database)).toBe(before);
  });

  it('applies persons, memberships with their history, employments and the audit trail', async () => {
    const outcome = await importMembers(database.db, system, { csv: file, dryRun: false });
    expect(outcome).toMatchObject({ ok: true, dryRun: false, report: { created: 3, updated: 0, unchanged: 0, problems: [] } });
    const people = await rows(`
      select p.first_name, p.last_name, p.email, p.phone, p.address_line, p.postal_code, p.city, p.country, p.date_of_birth::text as born, p.preferred_locale,
        m.member_number, t.code as type, u.name as unit, m.status, m.status_since::text as since, m.joined_on::text as joined
      from persons p join memberships m on m.person_id = p.id join membership_types t on t.id = m.type_id join units u on u.id = m.unit_id
      order by p.first_name`);
    expect(people).toEqual([
      { first_name: 'Jonas', last_name: 'Åberg', email: 'JONAS@example.org', phone: null, address_line: null, postal_code: null, city: 'Malmö', country: 'SE', born: '1990-09-23', preferred_locale: 'sv', member_number: expect.stringMatching(/^\d+$/), type: 'student', unit: 'Kreds Syd', status: 'applicant', since: expect.any(String), joined: null },
      { first_name: 'Karen', last_name: 'Østergaard', email: 'karen@example.org', phone: '+45 20 11 22 33', address_line: 'Skolevej 4; 2. th.', postal_code: '9000', city: 'Aalborg', country: 'DK', born: '1978-04-12', preferred_locale: 'da', member_number: '700001', type: 'ordinary', unit: 'Kreds Nord', status: 'active', since: '2015-03-01', joined: '2015-03-01' },
      { first_name: 'Lars', last_name: 'Bøgh', email: null, phone: null, address_line: null, postal_code: null, city: null, country: 'DK', born: null, preferred_locale: null, member_number: '700003', type: 'ordinary', unit: 'Kreds Nord', status: 'resigned', since: expect.any(String), joined: '1990-01-01' },
    ]);
    // A generated number never runs into one the file gave by hand.
    expect(Number(people[0].member_number)).toBeGreaterThan(700003);
    const history = await rows(`select p.first_name, e.status, e.on_date::text as on_date, e.reason from membership_events e join memberships m on m.id = e.membership_id join persons p on p.id = m.person_id order by p.first_name, e.on_date`);
    expect(history.map((h) => `${h.first_name}:${h.status}`)).toEqual(['Jonas:applicant', 'Karen:active', 'Lars:active', 'Lars:resigned']);
    expect(history.find((h) => h.first_name === 'Karen')).toMatchObject({ on_date: '2015-03-01', reason: 'CSV-import' });
    const jobs = await rows(`select p.first_name, w.name, e.job_title, e.is_leader from employments e join persons p on p.id = e.person_id join workplaces w on w.id = e.workplace_id order by p.first_name`);
    expect(jobs).toEqual([
      { first_name: 'Jonas', name: 'Børnehuset Regnbuen', job_title: null, is_leader: true },
      { first_name: 'Karen', name: 'Botilbuddet Solsikken', job_title: 'Pædagog', is_leader: false },
    ]);
    const audits = await rows(`select action, entity_type, entity_id, fields, actor_kind from audit_events order by id`);
    expect(audits).toHaveLength(4);
    expect(audits[0]).toMatchObject({ action: 'create', entity_type: 'member_import', entity_id: outcome.ok ? outcome.importId : '', actor_kind: 'system' });
    expect(audits[0].fields).toEqual(['memberNumber', 'firstName', 'lastName', 'email', 'phone', 'addressLine', 'postalCode', 'city', 'country', 'dateOfBirth', 'preferredLocale', 'typeId', 'unitId', 'status', 'joinedOn', 'workplaceId', 'jobTitle', 'isLeader']);
    expect(audits.slice(1).every((a) => a.action === 'create' && a.entity_type === 'person' && a.fields === null)).toBe(true);
  });

  it('importing the same file again changes nothing (only the import itself is audited)', async () => {
    const before = await rows(`select (select json_agg(p order by id) from persons p)::text as p, (select count(*) from membership_events) as e, (select count(*) from employments) as j`);
    const outcome = await importMembers(database.db, system, { csv: file, dryRun: false });
    expect(outcome).toMatchObject({ ok: true, report: { created: 0, updated: 0, unchanged: 3 } });
    expect(await rows(`select (select json_agg(p order by id) from persons p)::text as p, (select count(*) from membership_events) as e, (select count(*) from employments) as j`)).toEqual(before);
    expect(await rows(`select entity_type from audit_events order by id desc limit 2`)).toEqual([{ entity_type: 'member_import' }, { entity_type: 'person' }]);
  });

  it('updates by member number, else e-mail in any case; a blank cell keeps the value', async () => {
    const update = csv(
      '700001;Karen;Østergaard;;+45 99 99 99 99;;;;;;;;;resigned;;1000000001;;Afdelingsleder;ja',
      ';Jonas;Åberg;jonas@EXAMPLE.org;;;;;;;;;;active;;;;;',
    );
    const outcome = await importMembers(database.db, system, { csv: update, dryRun: false });
    expect(outcome).toMatchObject({ ok: true, report: { created: 0, updated: 2, unchanged: 0 } });
    const [karen] = await rows(`select p.phone, p.email, p.address_line, m.status, m.status_since = current_date as today, e.job_title, e.is_leader from persons p join memberships m on m.person_id = p.id join employments e on e.person_id = p.id where m.member_number = '700001'`);
    expect(karen).toEqual({ phone: '+45 99 99 99 99', email: 'karen@example.org', address_line: 'Skolevej 4; 2. th.', status: 'resigned', today: true, job_title: 'Afdelingsleder', is_leader: true });
    const [jonas] = await rows(`select p.email, m.status from persons p join memberships m on m.person_id = p.id where p.first_name = 'Jonas'`);
    expect(jonas).toEqual({ email: 'JONAS@example.org', status: 'active' });
    const audits = await rows(`select fields from audit_events where entity_type = 'person' and action = 'update' order by id`);
    expect(audits.map((a) => a.fields)).toEqual(expect.arrayContaining([['phone', 'status', 'jobTitle', 'isLeader'], ['status']]));
    const karenHistory = await rows(`select e.status, e.on_date = current_date as today from membership_events e join memberships m on m.id = e.membership_id where m.member_number = '700001' order by e.created_at, e.on_date`);
    expect(karenHistory).toEqual([{ status: 'active', today: false }, { status: 'resigned', today: true }]);
  });

  it('gives a person without a membership (a known colleague) one, matched by e-mail', async () => {
    const colleague = await createPerson(database, [], { firstName: 'Mie', lastName: 'Holm', email: 'mie.holm@example.org' });
    const outcome = await importMembers(database.db, system, { csv: csv(';Mie;Holm;Mie.Holm@example.org;;;;;;;;;Kreds Nord;;;;;;'), dryRun: false });
    expect(outcome).toMatchObject({ ok: true, report: { created: 0, updated: 1 } });
    expect(await rows(`select status from memberships where person_id = $1`, [colleague.id])).toEqual([{ status: 'active' }]);
  });
});

describe('every kind of bad row is reported with its row and column, and nothing is written', () => {
  it('a formula, a bad e-mail, a date that does not exist, an unknown unit, type, status and language', async () => {
    expect(
      await failing(
        csv(
          ';Ib;Berg;"=HYPERLINK(""http://evil.example"",""Klik"")";;;;;;;;;Kreds Nord;;;;;;',
          ';Ida;Berg;ida@;;;;;;;;;Kreds Nord;;;;;;',
          ';Ole;Berg;ole@example.org;;;;;;2026-02-30;;;Kreds Nord;;;;;;',
          ';Per;Berg;per@example.org;;;;;;;;;Kreds Vest;;;;;;',
          ';Pia;Berg;pia@example.org;;;;;;;tysk;æresmedlem;Kreds Nord;pensioneret;;;;;',
        ),
      ),
    ).toEqual([
      { row: 2, column: 'e-mail', code: 'import.formula' },
      { row: 3, column: 'e-mail', code: 'import.invalid_email' },
      { row: 4, column: 'fødselsdato', code: 'import.invalid_date' },
      { row: 5, column: 'kreds', code: 'import.unknown_unit' },
      { row: 6, column: 'sprog', code: 'import.unknown_language' },
      { row: 6, column: 'status', code: 'import.unknown_status' },
      { row: 6, column: 'medlemstype', code: 'import.unknown_membership_type' },
    ]);
  });

  it('duplicates within the file, by e-mail and by member number', async () => {
    expect(
      await failing(
        csv(
          '800001;Ann;Ek;ann@example.org;;;;;;;;;Kreds Nord;;;;;;',
          '800002;Bo;Ek;ANN@example.org;;;;;;;;;Kreds Nord;;;;;;',
          '800001;Cia;Ek;cia@example.org;;;;;;;;;Kreds Nord;;;;;;',
        ),
      ),
    ).toEqual([
      { row: 3, column: 'e-mail', code: 'import.duplicate_in_file' },
      { row: 4, column: 'medlemsnummer', code: 'import.duplicate_in_file' },
    ]);
  });

  it('an e-mail or member number that belongs to someone else in the register', async () => {
    // 700001 is Karen's number; jonas@ is Jonas's address.
    expect(await failing(csv('700001;Karen;Østergaard;jonas@example.org;;;;;;;;;;;;;;;'))).toEqual([
      { row: 2, column: 'medlemsnummer', code: 'import.member_number_taken' },
      { row: 2, column: 'e-mail', code: 'import.email_taken' },
    ]);
    // Karen has 700001: the file may not give her another number.
    expect(await failing(csv('799999;Karen;Østergaard;karen@example.org;;;;;;;;;;;;;;;'))).toEqual([{ row: 2, column: 'medlemsnummer', code: 'import.member_number_differs' }]);
    // Two rows that turn out to be the same person.
    expect(await failing(csv('700001;Karen;Østergaard;;;;;;;;;;;;;;;;', ';Karen;Østergaard;karen@example.org;;;;;;;;;;;;;;;'))).toEqual([{ row: 3, column: 'e-mail', code: 'import.duplicate_person' }]);
  });

  it('person fields by the same rules as the member forms: a phone, postal code, country or birth date they refuse, and a surname over the limit (never cut)', async () => {
    const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(await failing(csv(`;Ny;${'Ø'.repeat(101)};ny.person@example.org;abc;;ABCDEFG;;DA;${future};;;Kreds Nord;;;;;;`, ';To;Ny;to.ny@example.org;;;;;Danmark;1899-12-31;;;Kreds Nord;;;;;;'))).toEqual([
      { row: 2, column: 'efternavn', code: 'import.too_long' },
      { row: 2, column: 'telefon', code: 'import.invalid_phone' },
      { row: 2, column: 'postnummer', code: 'import.invalid_postal_code' },
      { row: 2, column: 'land', code: 'import.invalid_country' },
      { row: 2, column: 'fødselsdato', code: 'import.birth_date_in_future' },
      { row: 3, column: 'land', code: 'import.invalid_country' },
      { row: 3, column: 'fødselsdato', code: 'import.invalid_date' },
    ]);
  });

  it('a postal code that does not fit the country (no country: Denmark)', async () => {
    expect(await failing(csv(';Tre;Ny;tre.ny@example.org;;;80000;;DK;;;;Kreds Nord;;;;;;', ';Fire;Ny;fire.ny@example.org;;;211 45;;;;;;Kreds Nord;;;;;;'))).toEqual([
      { row: 2, column: 'postnummer', code: 'import.postal_code_for_country' },
      { row: 3, column: 'postnummer', code: 'import.postal_code_for_country' },
    ]);
  });

  it('a membership type that is no longer given to new members', async () => {
    await database.executeSql(`insert into membership_types (code, name, position, active) values ('old', 'Gammel type', 9, false)`);
    expect(await failing(csv(';Ny;Gammel;ny.gammel@example.org;;;;;;;;old;Kreds Nord;;;;;;'))).toEqual([{ row: 2, column: 'medlemstype', code: 'import.inactive_membership_type' }]);
  });

  it('rows that cannot be matched again, and new members without a unit', async () => {
    expect(await failing(csv(';Uden;Nøgle;;;;;;;;;;Kreds Nord;;;;;;', ';Uden;Kreds;uden.kreds@example.org;;;;;;;;;;;;;;;'))).toEqual([
      { row: 2, column: 'e-mail', code: 'import.identity_required' },
      { row: 3, column: 'kreds', code: 'import.required' },
    ]);
  });

  it('workplaces that do not exist, a job title without a workplace, and a section as the unit', async () => {
    expect(
      await failing(
        csv(
          ';Ann;Ny;ann.ny@example.org;;;;;;;;;Kreds Nord;;;1999999999;;;',
          ';Bo;Ny;bo.ny@example.org;;;;;;;;;Kreds Nord;;;;Ukendt Sted;;',
          ';Cia;Ny;cia.ny@example.org;;;;;;;;;Kreds Nord;;;;;Pædagog;',
          ';Dan;Ny;dan.ny@example.org;;;;;;;;;Ledersektionen;;;;;;',
        ),
      ),
    ).toEqual([
      { row: 2, column: 'p-nummer', code: 'import.unknown_workplace' },
      { row: 3, column: 'arbejdsplads', code: 'import.unknown_workplace' },
      { row: 4, column: 'stilling', code: 'import.workplace_required' },
      { row: 5, column: 'kreds', code: 'import.unit_is_section' },
    ]);
  });

  it('file-level problems come back as one error naming the column or row', async () => {
    expect(await failing('fornavn;efternavn;skonummer\nAnn;Ek;42\n')).toEqual([{ row: 1, column: 'skonummer', code: 'import.unknown_column' }]);
    expect(await failing('fornavn\tefternavn\nAnn\tEk\n')).toEqual([{ row: 1, column: 'fornavn\tefternavn', code: 'import.wrong_separator' }]);
    expect(await failing('fornavn;efternavn;e-mail\nAnn;"Ek;ann@example.org\n')).toEqual([{ row: 2, column: null, code: 'import.broken_quote' }]);
    expect(await failing(Buffer.alloc(21 * 1024 * 1024, 'x') as unknown as string)).toEqual([{ row: null, column: null, code: 'import.too_large' }]);
  });

  it('one bad row among many good ones: nothing at all is written, and the good rows are still counted', async () => {
    const good = Array.from({ length: 60 }, (_, i) => `;Mange${i};Ek;mange${i}@example.org;;;;;;;;;Kreds Nord;;;;;;`);
    const before = await registerSnapshot(database);
    const outcome = await importMembers(database.db, system, { csv: csv(...good.slice(0, 30), ';Dårlig;Dato;daarlig@example.org;;;;;;31-11-1980;;;Kreds Nord;;;;;;', ...good.slice(30)), dryRun: false });
    expect(outcome).toMatchObject({ ok: false, report: { created: 60, updated: 0, unchanged: 0 } });
    expect(errorsOf(outcome)).toEqual([{ row: 32, column: 'fødselsdato', code: 'import.invalid_date' }]);
    expect(await registerSnapshot(database)).toBe(before);
  });

  it('the messages are translated and name the column as the file wrote it', async () => {
    const outcome = await importMembers(database.db, system, { csv: csv(';Ole;Berg;ole@example.org;;;;;;2026-02-30;;;Kreds Nord;;;;;;'), dryRun: true });
    expect(describeReport(outcome.report, translator('da')).errors[0].message).toBe('»fødselsdato« skal være en dato, der findes, skrevet som ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ.');
    expect(describeReport(outcome.report, translator('sv')).errors[0].message).toContain('”fødselsdato” måste vara ett datum som finns');
    expect(describeReport(outcome.report, translator('en')).errors[0].message).toContain('“fødselsdato” must be a date that exists');
  });
});

describe('staff import only into their own units', () => {
  it('refuses rows for another district and changes to people of another district; an admin may', async () => {
    const staff = await createPerson(database, [['staff', f.org.north]]);
    const actor: Actor = { kind: 'person', personId: staff.id, firstName: 'S', lastName: 'N', grants: await loadGrants(database.db, staff.id) };
    // Jonas is a member in Kreds Syd; the southern workplace is out of reach too.
    expect(
      await failing(
        csv(
          ';Ny;Syd;ny.syd@example.org;;;;;;;;;Kreds Syd;;;;;;',
          ';Jonas;Åberg;jonas@example.org;;;;;;;;;;;;;;;',
          ';Ny;Nord;ny.nord@example.org;;;;;;;;;Kreds Nord;;;1000000002;;;',
        ),
        actor,
      ),
    ).toEqual([
      { row: 2, column: 'kreds', code: 'import.unit_out_of_scope' },
      { row: 3, column: 'e-mail', code: 'import.person_out_of_scope' },
      { row: 4, column: 'p-nummer', code: 'import.workplace_out_of_scope' },
    ]);
    // Another district's staff member is no contact to be taken over by e-mail either.
    const southStaff = await createPerson(database, [['staff', f.org.south]], { email: 'syd.staff@example.org' });
    expect(await failing(csv(`;Kapret;Navn;${southStaff.email};;;;;;;;;Kreds Nord;;;;;;`), actor)).toEqual([{ row: 2, column: 'e-mail', code: 'import.person_out_of_scope' }]);
    const own = await importMembers(database.db, actor, { csv: csv(';Ny;Nord;ny.nord@example.org;;;;;;;;;Kreds Nord;;;1000000001;;;'), dryRun: false });
    expect(own).toMatchObject({ ok: true, report: { created: 1 } });
    expect((await rows(`select actor_person_id from audit_events where entity_type = 'member_import' order by id desc limit 1`))[0].actor_person_id).toBe(staff.id);
    const admin = await importMembers(database.db, system, { csv: csv(';Ny;Syd;ny.syd@example.org;;;;;;;;;Kreds Syd;;;;;;'), dryRun: true });
    expect(admin).toMatchObject({ ok: true, report: { created: 1 } });
  });
});

describe('two imports at once (PostgreSQL)', () => {
  it.skipIf(!onPostgres)('take turns: the second sees the first one’s people instead of making them twice', async () => {
    const file = csv(...Array.from({ length: 200 }, (_, i) => `;Samtidig${i};Ek;samtidig${i}@example.org;;;;;;;;;Kreds Nord;;;;;;`));
    const [a, b] = await Promise.all([importMembers(database.db, system, { csv: file, dryRun: false }), importMembers(database.db, system, { csv: file, dryRun: false })]);
    expect([a, b].map((o) => (o.ok ? `${o.report.created}/${o.report.unchanged}` : 'failed')).sort()).toEqual(['0/200', '200/0']);
    expect((await rows(`select count(*)::int as n from persons where email like 'samtidig%'`))[0].n).toBe(200);
  });
});
