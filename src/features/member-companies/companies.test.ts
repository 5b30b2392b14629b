import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { system, type Actor } from '../../platform/actor.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { fieldErrorsFromZod } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/i18n.js';
import { adminSession, bearer, createPerson, formSession, loginAs, postForm, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { onPostgres } from '../../test/database.js';
import { loadGrants } from '../../kernel/grants.js';
import { workplaces } from '../../kernel/tables.js';
import { memberCompanies, memberCompanyContacts } from './tables.js';
import { isValidCvr, isValidOrgNumber, normaliseCvr, normaliseOrgNumber } from './identifiers.js';
import { companyFilter, companyInput, type CompanyInput } from './schema.js';
import { createCompany, getCompanyDetail, listCompanies, updateCompany } from './companies.js';
import { addContact, removeContact } from './contacts.js';

const t = translator('da');
let app: TestApp;
let org: Org;
let staffNorth: Actor;
let staffSouth: Actor;
let adminCookie: string;

beforeAll(async () => {
  app = await testApp();
  org = await seedUnits(app.database);
  const actor = async (roles: Parameters<typeof createPerson>[1]): Promise<Actor> => {
    const p = await createPerson(app.database, roles);
    return { kind: 'person', personId: p.id, firstName: 'T', lastName: 'P', grants: await loadGrants(app.database.db, p.id) };
  };
  staffNorth = await actor([['staff', org.north]]);
  staffSouth = await actor([['staff', org.south]]);
  adminCookie = (await adminSession(app.database)).cookie;
});
afterAll(() => app.close());

const input = (fields: Record<string, unknown>): CompanyInput => companyInput.parse({ name: 'Firma', country: 'DK', unitId: org.north, ...fields });
const errorsOf = (fields: Record<string, unknown>) => {
  const r = companyInput.safeParse({ name: 'Firma', country: 'DK', unitId: '00000000-0000-4000-8000-000000000001', ...fields });
  return r.success ? [] : fieldErrorsFromZod(r.error, t);
};

describe('CVR and Swedish organisation numbers', () => {
  it('accepts real-looking valid numbers and refuses a wrong check digit', () => {
    for (const cvr of ['24256790', '10150817', '30060946', '29403473']) expect(isValidCvr(cvr), cvr).toBe(true);
    for (const cvr of ['12345678', '24256791', '02425679', '2425679', '242567900']) expect(isValidCvr(cvr), cvr).toBe(false);
    for (const org of ['5560360793', '5560160680', '2120000142']) expect(isValidOrgNumber(org), org).toBe(true);
    for (const org of ['5560360794', '5568031791', '556036079', 'abcdefghij']) expect(isValidOrgNumber(org), org).toBe(false);
  });

  it('takes them as people write them', () => {
    expect(normaliseCvr('DK 24 25 67 90')).toBe('24256790');
    expect(normaliseCvr('dk-24256790')).toBe('24256790');
    expect(normaliseCvr('24.25.67.90')).toBe('24256790');
    expect(normaliseOrgNumber('556036-0793')).toBe('5560360793');
    expect(normaliseOrgNumber('SE556036079301')).toBe('5560360793');
    expect(normaliseOrgNumber('16556036-0793')).toBe('5560360793');
    expect(input({ cvr: 'DK 24 25 67 90' }).cvr).toBe('24256790');
    expect(input({ country: 'SE', orgNumber: '556036-0793' }).orgNumber).toBe('5560360793');
  });

  it('names the field and says what is wrong', () => {
    expect(errorsOf({ cvr: 'DK 12 34 56 78' })).toEqual([{ path: 'cvr', code: 'company.invalid_cvr', message: 'CVR-nummer skal være et gyldigt CVR-nummer: 8 cifre, fx 12 34 56 78.' }]);
    expect(errorsOf({ country: 'SE', orgNumber: '556036-0794' })).toMatchObject([{ path: 'orgNumber', code: 'company.invalid_org_number' }]);
    expect(errorsOf({ country: 'DK', orgNumber: '556036-0793' })).toMatchObject([{ path: 'orgNumber', code: 'company.org_number_only_se' }]);
    expect(errorsOf({ country: 'SE', cvr: '24256790' })).toMatchObject([{ path: 'cvr', code: 'company.cvr_only_dk' }]);
    expect(errorsOf({ cvr: '' })).toEqual([]);
  });
});

describe('member companies', () => {
  let lyngbakken: string;

  it('creates one in the staff member’s unit, audited; not in another unit', async () => {
    const created = await createCompany(app.database.db, staffNorth, input({ name: 'Bosted Lyngbakken ApS', cvr: '24256790', city: 'Viborg' }));
    if (!created.ok) throw new Error(created.reason);
    lyngbakken = created.company.id;
    const [event] = await app.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'member_company'), eq(auditEvents.entityId, lyngbakken)));
    expect(event.action).toBe('create');
    expect(event.fields).toEqual(expect.arrayContaining(['name', 'country', 'cvr', 'city', 'unitId']));
    expect(await createCompany(app.database.db, staffNorth, input({ name: 'Syd ApS', unitId: org.south }))).toEqual({ ok: false, reason: 'unit_not_allowed', field: 'unitId' });
  });

  it('refuses a CVR or organisation number another company has, and writes nothing', async () => {
    await createCompany(app.database.db, system, input({ name: 'Björkhagen AB', country: 'SE', orgNumber: '5560360793', unitId: org.south }));
    const before = (await app.database.db.select().from(memberCompanies)).length;
    expect(await createCompany(app.database.db, staffNorth, input({ name: 'Kopi ApS', cvr: '24 25 67 90' }))).toEqual({ ok: false, reason: 'cvr_taken', field: 'cvr' });
    expect(await createCompany(app.database.db, system, input({ name: 'Kopia AB', country: 'SE', orgNumber: 'SE556036079301', unitId: org.south }))).toEqual({ ok: false, reason: 'org_number_taken', field: 'orgNumber' });
    expect((await app.database.db.select().from(memberCompanies)).length).toBe(before);
    // Its own number is no clash when the company itself is saved.
    expect((await updateCompany(app.database.db, staffNorth, lyngbakken, input({ name: 'Bosted Lyngbakken ApS', cvr: '24256790', city: 'Viborg', phone: '86 12 34 56' }))).ok).toBe(true);
  });

  it.runIf(onPostgres)('two people registering one CVR at once: one wins, the other is told it is taken', async () => {
    const same = input({ name: 'Tvilling ApS', cvr: '10150817' });
    const results = await Promise.all([createCompany(app.database.db, staffNorth, same), createCompany(app.database.db, staffNorth, same)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'cvr_taken', field: 'cvr' }]);
  });

  it('lists by scope in one statement, searches name and number', async () => {
    const all = await listCompanies(app.database.db, system, companyFilter.parse({}));
    expect(all.items.map((c) => c.name)).toEqual(expect.arrayContaining(['Bosted Lyngbakken ApS', 'Björkhagen AB']));
    const north = await listCompanies(app.database.db, staffNorth, companyFilter.parse({}));
    expect(north.items.map((c) => c.name)).not.toContain('Björkhagen AB');
    expect((await listCompanies(app.database.db, system, companyFilter.parse({ q: 'DK 2425' }))).items.map((c) => c.name)).toEqual(['Bosted Lyngbakken ApS']);
    expect((await listCompanies(app.database.db, system, companyFilter.parse({ q: '556036-0793' }))).items.map((c) => c.name)).toEqual(['Björkhagen AB']);
    expect((await listCompanies(app.database.db, system, companyFilter.parse({ country: 'SE' }))).items.map((c) => c.name)).toEqual(['Björkhagen AB']);
  });

  it('adds and removes contacts by e-mail, one primary at a time', async () => {
    const anna = await createPerson(app.database, [], { firstName: 'Anna', lastName: 'Leder', email: 'anna.leder@example.org' });
    const bo = await createPerson(app.database, [], { firstName: 'Bo', lastName: 'Bestyrer', email: 'bo.bestyrer@example.org' });
    expect(await addContact(app.database.db, staffNorth, lyngbakken, { email: 'ANNA.LEDER@example.org', title: 'Daglig leder', isPrimary: true })).toEqual({ ok: true, personId: anna.id });
    expect(await addContact(app.database.db, staffNorth, lyngbakken, { email: 'anna.leder@example.org', title: null, isPrimary: false })).toEqual({ ok: false, reason: 'already_contact', field: 'email' });
    expect(await addContact(app.database.db, staffNorth, lyngbakken, { email: 'nobody@example.org', title: null, isPrimary: false })).toEqual({ ok: false, reason: 'person_not_found', field: 'email' });
    expect(await addContact(app.database.db, staffSouth, lyngbakken, { email: 'bo.bestyrer@example.org', title: null, isPrimary: false })).toEqual({ ok: false, reason: 'not_found' });
    await addContact(app.database.db, staffNorth, lyngbakken, { email: 'bo.bestyrer@example.org', title: 'Souschef', isPrimary: true });
    const contacts = await app.database.db.select().from(memberCompanyContacts).where(eq(memberCompanyContacts.companyId, lyngbakken));
    expect(contacts.filter((c) => c.isPrimary).map((c) => c.personId)).toEqual([bo.id]);
    expect(await removeContact(app.database.db, staffNorth, lyngbakken, anna.id)).toEqual({ ok: true, personId: anna.id });
    expect(await removeContact(app.database.db, staffNorth, lyngbakken, anna.id)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('shows contacts and workplaces to staff of its unit, audited as a view; others do not find it', async () => {
    await app.database.db.insert(workplaces).values({ name: 'Lyngbakken, afdeling Vest', unitId: org.north, employerKind: 'member_company', memberCompanyId: lyngbakken });
    const detail = await getCompanyDetail(app.database.db, staffNorth, lyngbakken);
    if (!detail.ok) throw new Error(detail.reason);
    expect(detail.company).toMatchObject({ name: 'Bosted Lyngbakken ApS', cvr: '24256790', unitName: 'Kreds Nord', workplaces: [{ name: 'Lyngbakken, afdeling Vest' }] });
    expect(detail.company.contacts).toMatchObject([{ firstName: 'Bo', title: 'Souschef', isPrimary: true, email: 'bo.bestyrer@example.org' }]);
    const views = await app.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, lyngbakken), eq(auditEvents.action, 'view')));
    expect(views.length).toBeGreaterThan(0);
    expect(await getCompanyDetail(app.database.db, staffSouth, lyngbakken)).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('member company pages and API', () => {
  async function snapshot(): Promise<string> {
    const r = await app.database.executeSql(`select json_build_object(
      'companies', (select coalesce(json_agg(c order by c.id), '[]') from member_companies c),
      'contacts', (select coalesce(json_agg(k order by k.company_id, k.person_id), '[]') from member_company_contacts k),
      'audit', (select count(*) from audit_events where action <> 'view'))::text as s`);
    return String(r.rows[0].s);
  }

  it('refuses an invalid CVR with 422, naming the field and keeping the input; nothing written', async () => {
    const s = await formSession(app.app, '/member-companies/new', adminCookie);
    const before = await snapshot();
    const res = await postForm(app.app, '/member-companies', s, { name: 'Fejl ApS', country: 'DK', cvr: 'DK 12 34 56 78', orgNumber: '', unitId: org.north });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('CVR-nummer skal være et gyldigt CVR-nummer');
    expect(res.body).toContain('value="DK 12 34 56 78"');
    expect(await snapshot()).toBe(before);
  });

  it('refuses a taken number on the form, then creates a valid one and shows it', async () => {
    const s = await formSession(app.app, '/member-companies/new', adminCookie);
    const before = await snapshot();
    const taken = await postForm(app.app, '/member-companies', s, { name: 'Kopi', country: 'DK', cvr: '24256790', unitId: org.north });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('CVR-nummer er allerede registreret');
    expect(await snapshot()).toBe(before);
    const ok = await postForm(app.app, '/member-companies', s, { name: 'Kragereden A/S', country: 'DK', cvr: '30 06 09 46', unitId: org.north, city: 'Hjørring' });
    expect(ok.statusCode).toBe(303);
    const page = await app.app.inject({ method: 'GET', url: String(ok.headers.location), headers: { cookie: adminCookie, accept: 'text/html' } });
    expect(page.body).toContain('Kragereden A/S');
    expect(page.body).toContain('30 06 09 46');
  });

  it('adds a contact from the detail page; an unknown e-mail is a 422 on the same page', async () => {
    const [company] = await app.database.db.select().from(memberCompanies).where(eq(memberCompanies.name, 'Kragereden A/S'));
    const s = await formSession(app.app, `/member-companies/${company.id}`, adminCookie);
    const before = await snapshot();
    const bad = await postForm(app.app, `/member-companies/${company.id}/contacts`, s, { email: 'ukendt@example.org', title: 'Leder' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Vi kender ingen med den e-mail');
    expect(bad.body).toContain('href="#contact-email"');
    expect(await snapshot()).toBe(before);
    await createPerson(app.database, [], { firstName: 'Karen', lastName: 'Kontakt', email: 'karen.kontakt@example.org' });
    const ok = await postForm(app.app, `/member-companies/${company.id}/contacts`, s, { email: 'karen.kontakt@example.org', title: 'Leder', isPrimary: 'on' });
    expect(ok.statusCode).toBe(303);
    const page = await app.app.inject({ method: 'GET', url: `/member-companies/${company.id}`, headers: { cookie: adminCookie, accept: 'text/html' } });
    expect(page.body).toContain('Karen Kontakt');
    expect(page.body).toContain('mailto:karen.kontakt@example.org');
  });

  it('the API lists and shows companies to staff tokens of their unit', async () => {
    const north = await bearer(app.database, 'staff', org.north);
    const list = await app.app.inject({ method: 'GET', url: '/api/v1/member-companies?q=lyngbakken', headers: north });
    expect(list.json()).toMatchObject({ total: 1, items: [{ name: 'Bosted Lyngbakken ApS', cvr: '24256790', country: 'DK', workplaces: 1, contacts: 1 }] });
    const id = list.json().items[0].id;
    const one = await app.app.inject({ method: 'GET', url: `/api/v1/member-companies/${id}`, headers: north });
    expect(one.json()).toMatchObject({ name: 'Bosted Lyngbakken ApS', contacts: [{ firstName: 'Bo', isPrimary: true }] });
    const south = await bearer(app.database, 'staff', org.south);
    expect((await app.app.inject({ method: 'GET', url: `/api/v1/member-companies/${id}`, headers: south })).statusCode).toBe(404);
    const board = await bearer(app.database, 'board', null);
    expect((await app.app.inject({ method: 'GET', url: '/api/v1/member-companies', headers: board })).statusCode).toBe(403);
  });

  it('a member is refused the list page', async () => {
    const member = await createPerson(app.database, [['member', org.north]]);
    const memberCookie = (await loginAs(app.database, member.id)).cookie;
    expect((await app.app.inject({ method: 'GET', url: '/member-companies', headers: { cookie: memberCookie, accept: 'text/html' } })).statusCode).toBe(403);
  });
});
