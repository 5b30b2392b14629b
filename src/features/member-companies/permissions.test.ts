import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, seedUnits, testApp, createWorkplace, type Org, type TestApp } from '../../test/app.js';
import { memberCompanies, memberCompanyContacts } from './tables.js';
import { everyone, apiOnly, listedRoutes, registeredRoutes, setUpCallers, walk, type Callers, type Expectations, type Row, type Walk } from '../workplaces/permission-matrix.fixture.js';

/**
 * Every member-company route with every kind of caller. Kragereden belongs to the north; its
 * contact's e-mail is what only staff of the north and admins may ever see.
 */

interface Fixtures {
  org: Org;
  company: string;
  contactToRemove: string;
  contactEmails: string[];
}

const SECRET = 'fortrolig-kontakt-4711@example.org';
const MAY_KNOW = ['staffNorth', 'admin', 'tokenStaff', 'tokenAdmin'] as const;

let t: TestApp;
let callers: Callers;
let f: Fixtures;
let n = 0;

/** Staff of the company's unit and admins; a board member or steward is no staff. */
const staffOfNorth = (ok: number | { status: number; location: string }): Expectations => ({ ...everyone(403), anonymous: 'login', staffNorth: ok, staffSouth: 404, admin: ok });

const PAGES: Row<Fixtures>[] = [
  { method: 'GET', route: '/member-companies', expect: { ...everyone(403), anonymous: 'login', staffNorth: 200, staffSouth: 200, admin: 200 } },
  { method: 'GET', route: '/member-companies/new', expect: { ...everyone(403), anonymous: 'login', staffNorth: 200, staffSouth: 200, admin: 200 } },
  // Those who may not list companies are not told whether one exists.
  { method: 'GET', route: '/member-companies/:id', url: (x) => `/member-companies/${x.company}`, expect: { ...everyone(404), anonymous: 'login', staffNorth: 200, admin: 200 } },
  { method: 'GET', route: '/member-companies/:id/edit', url: (x) => `/member-companies/${x.company}/edit`, expect: { ...staffOfNorth(200), member: 404, steward: 404, board: 404 } },
];

const FORMS: Row<Fixtures>[] = [
  {
    method: 'POST',
    route: '/member-companies',
    body: (x) => ({ name: `Matrix ApS ${n++}`, country: 'DK', unitId: x.org.north }),
    expect: { ...everyone(403), anonymous: 'login', staffNorth: 303, staffSouth: 422, admin: 303 },
    changes: true,
  },
  {
    method: 'POST',
    route: '/member-companies/:id',
    url: (x) => `/member-companies/${x.company}`,
    body: (x) => ({ name: `Kragereden A/S ${n++}`, country: 'DK', cvr: '30060946', unitId: x.org.north }),
    expect: { ...staffOfNorth({ status: 303, location: '' }), member: 404, steward: 404, board: 404 },
    changes: true,
  },
  {
    method: 'POST',
    route: '/member-companies/:id/contacts',
    url: (x) => `/member-companies/${x.company}/contacts`,
    body: (x) => ({ email: x.contactEmails[n++ % x.contactEmails.length], title: 'Leder' }),
    expect: { ...staffOfNorth({ status: 303, location: '' }), member: 404, steward: 404, board: 404 },
    changes: true,
  },
  {
    method: 'POST',
    route: '/member-companies/:id/contacts/:personId/remove',
    url: (x) => `/member-companies/${x.company}/contacts/${x.contactToRemove}/remove`,
    // The contact is put back before each caller, so every caller who may removes it.
    prepare: (x) => ensureContact(x),
    expect: { ...staffOfNorth({ status: 303, location: '' }), member: 404, steward: 404, board: 404 },
    changes: true,
  },
];

const API: Row<Fixtures>[] = [
  { method: 'GET', route: '/api/v1/member-companies', expect: apiOnly({ tokenStaff: 200, tokenAdmin: 200 }) },
  { method: 'GET', route: '/api/v1/member-companies/:id', url: (x) => `/api/v1/member-companies/${x.company}`, expect: apiOnly({ tokenStaff: 200, tokenAdmin: 200 }) },
];

const ROWS = [...PAGES, ...FORMS, ...API];

async function ensureContact(x: Fixtures): Promise<void> {
  await t.database.db.insert(memberCompanyContacts).values({ companyId: x.company, personId: x.contactToRemove, title: 'Souschef' }).onConflictDoNothing();
}

beforeAll(async () => {
  t = await testApp();
  const org = await seedUnits(t.database);
  const workplace = await createWorkplace(t.database, org.north);
  const [company] = await t.database.db.insert(memberCompanies).values({ name: 'Kragereden A/S', country: 'DK', cvr: '30060946', unitId: org.north }).returning();
  const secret = await createPerson(t.database, [], { firstName: 'Fortrolig', lastName: 'Kontakt', email: SECRET });
  const toRemove = await createPerson(t.database, [], { firstName: 'Fjernes', lastName: 'Kontakt' });
  await t.database.db.insert(memberCompanyContacts).values([
    { companyId: company.id, personId: secret.id, title: 'Daglig leder', isPrimary: true },
    { companyId: company.id, personId: toRemove.id, title: 'Souschef' },
  ]);
  const contactEmails: string[] = [];
  for (let i = 0; i < 4; i++) contactEmails.push((await createPerson(t.database, [], { firstName: 'Ny', lastName: `Kontakt ${i}`, email: `ny.kontakt.${i}@example.org` })).email!);
  f = { org, company: company.id, contactToRemove: toRemove.id, contactEmails };
  callers = await setUpCallers(t, org, workplace.id);
});
afterAll(() => t.close());

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(`
    select json_build_object(
      'companies', (select coalesce(json_agg(json_build_array(id, name, cvr, unit_id, updated_at) order by id), '[]') from member_companies),
      'contacts', (select coalesce(json_agg(json_build_array(company_id, person_id, is_primary) order by company_id, person_id), '[]') from member_company_contacts),
      'audit', (select count(*) from audit_events where action <> 'view')
    )::text as f`);
  return String(r.rows[0].f);
}

function withLocations(row: Row<Fixtures>): Row<Fixtures> {
  const expect = Object.fromEntries(
    Object.entries(row.expect).map(([who, e]) => [who, typeof e === 'object' && e.location === '' ? { ...e, location: `/member-companies/${f.company}` } : e]),
  ) as Expectations;
  return { ...row, expect };
}

const w = (): Walk<Fixtures> => ({ app: t.app, callers, fixtures: f, fingerprint, secrets: [SECRET], mayKnowSecrets: MAY_KNOW });

describe('the member-company permission matrix', () => {
  it('lists every route under /member-companies and /api/v1/member-companies, and only those', () => {
    const registered = registeredRoutes(t.app, ['/member-companies', '/api/v1/member-companies']);
    const listed = listedRoutes(ROWS);
    expect(registered.filter((r) => !listed.includes(r))).toEqual([]);
    expect(listed.filter((l) => !registered.includes(l))).toEqual([]);
    expect(registered.length).toBe(ROWS.length);
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      expect(await walk(w(), withLocations(row))).toEqual([]);
    });
  }

  it('staff of the north see the contact’s e-mail; a south staff token does not find the company', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/member-companies/${f.company}`, headers: { cookie: callers.cookies.staffNorth, accept: 'text/html' } });
    expect(page.body).toContain(SECRET);
    const list = await t.app.inject({ method: 'GET', url: '/member-companies', headers: { cookie: callers.cookies.staffSouth, accept: 'text/html' } });
    expect(list.body).not.toContain('Kragereden');
  });
});
