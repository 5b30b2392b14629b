import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { adminSession, bearer, formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { workplaces } from '../../kernel/tables.js';
import { registerDates, seedRegister, type Register } from './register.fixture.js';
import { shiftDate } from '../../test/time.js';

let t: TestApp;
let r: Register;
let adminCookie: string;
let stewardCookie: string;

beforeAll(async () => {
  t = await testApp();
  r = await seedRegister(t.database);
  adminCookie = (await adminSession(t.database)).cookie;
  stewardCookie = (await loginAs(t.database, r.people.mette)).cookie;
});
afterAll(() => t.close());

const get = (url: string, cookie = adminCookie, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html', ...headers } });

/** Everything these forms can write. */
async function snapshot(): Promise<string> {
  const res = await t.database.executeSql(`
    select json_build_object(
      'workplaces', (select coalesce(json_agg(w order by w.id), '[]') from workplaces w),
      'employments', (select coalesce(json_agg(e order by e.id), '[]') from employments e),
      'roles', (select coalesce(json_agg(r order by r.id), '[]') from role_assignments r),
      'persons', (select count(*) from persons),
      'audit', (select count(*) from audit_events where action <> 'view')
    )::text as s`);
  return String(res.rows[0].s);
}

function control(html: string, name: string): string {
  const tag = new RegExp(`<(input|select|textarea)\\b[^>]*\\bname="${name}"[^>]*>`).exec(html);
  if (!tag) throw new Error(`no field ${name}`);
  return tag[0];
}

async function refusedForm(url: string, fields: Record<string, string>, formPage: string): Promise<LightMyRequestResponse> {
  const s = await formSession(t.app, formPage, adminCookie);
  const before = await snapshot();
  const res = await postForm(t.app, url, s, fields);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
  expect(res.body).toContain('error-summary');
  expect(await snapshot()).toBe(before);
  return res;
}

describe('workplace form', () => {
  const valid = () => ({ name: 'Kildevæld', employerKind: 'region', employerName: 'Region Nord', memberCompanyId: '', pNumber: '10 00 00 00 42', addressLine: 'Kildevej 1', postalCode: '9000', city: 'Aalborg', unitId: r.org.north });

  it('refuses a P-number that is not ten digits, naming the field and keeping what was typed', async () => {
    const res = await refusedForm('/workplaces', { ...valid(), pNumber: '12345' }, '/workplaces/new');
    expect(res.body).toContain('P-nummer skal være 10 cifre');
    expect(control(res.body, 'pNumber')).toContain('value="12345"');
    expect(control(res.body, 'pNumber')).toContain('aria-invalid="true"');
    expect(control(res.body, 'name')).toContain('value="Kildevæld"');
  });

  it('refuses a taken P-number and a missing unit', async () => {
    const taken = await refusedForm('/workplaces', { ...valid(), pNumber: '1012345678' }, '/workplaces/new');
    expect(taken.body).toContain('P-nummer er allerede registreret på en anden arbejdsplads');
    const noUnit = await refusedForm('/workplaces', { ...valid(), unitId: '' }, '/workplaces/new');
    expect(noUnit.body).toContain('Enhed skal udfyldes');
  });

  it('creates, says so, and shows the new workplace', async () => {
    const s = await formSession(t.app, '/workplaces/new', adminCookie);
    const res = await postForm(t.app, '/workplaces', s, valid());
    expect(res.statusCode).toBe(303);
    const [created] = await t.database.db.select().from(workplaces).where(eq(workplaces.name, 'Kildevæld'));
    expect(created).toMatchObject({ pNumber: '1000000042', employerKind: 'region', employerName: 'Region Nord', city: 'Aalborg' });
    expect(res.headers.location).toBe(`/workplaces/${created.id}`);
    const page = await get(String(res.headers.location));
    expect(page.body).toContain('Kildevæld');
    expect(page.body).toContain('1000000042');
  });

  it('edits: the form shows the values, a change is saved and audited by field name', async () => {
    const s = await formSession(t.app, `/workplaces/${r.bakkehuset}/edit`, adminCookie);
    expect(control(s.page.body, 'name')).toContain('value="Bakkehuset"');
    const res = await postForm(t.app, `/workplaces/${r.bakkehuset}`, s, { name: 'Bakkehuset', employerKind: 'municipality', employerName: 'Testkommune', pNumber: '1012345678', city: 'Nordby', unitId: r.org.north });
    expect(res.statusCode).toBe(303);
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, r.bakkehuset), eq(auditEvents.action, 'update')));
    expect(event.fields).toEqual(['city']);
  });
});

describe('workplace pages', () => {
  it('lists with counts and coverage, and the vacancy filter shows who lacks a steward', async () => {
    const all = await get('/workplaces');
    expect(all.statusCode).toBe(200);
    expect(all.body).toMatch(/>60\s%</);
    const vacant = await get('/workplaces?vacancy=steward');
    expect(vacant.body).toContain('Ærøskolen');
    expect(vacant.body).not.toContain('>Bakkehuset<');
  });

  it('answers a malformed filter with 422 naming the field', async () => {
    const res = await get('/workplaces?unit=not-a-unit');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Enhed er ikke et gyldigt id');
  });

  it('a steward sees coverage and colleagues, and no staff buttons', async () => {
    const res = await get(`/workplaces/${r.bakkehuset}`, stewardCookie);
    expect(res.statusCode).toBe(200);
    for (const name of ['Mette Andersen', 'Maja Carlsen', 'Niels Dam', 'Rikke Ebbesen']) expect(res.body).toContain(name);
    expect(res.body).not.toContain('Erik Friis');
    expect(res.body).toContain('Ubesat');
    expect(res.body).not.toContain('/edit"');
    expect(res.body).not.toContain('/employments/new');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('speaks Swedish and English', async () => {
    expect((await get('/workplaces', adminCookie, { cookie: `${adminCookie}; forening_lang=sv` })).body).toContain('Organisationsgrad');
    expect((await get('/workplaces', adminCookie, { cookie: `${adminCookie}; forening_lang=en` })).body).toContain('Organisation rate');
  });
});

describe('steward and employment forms', () => {
  it('appointing a non-member is refused; a member employee is appointed', async () => {
    const bad = await refusedForm(`/workplaces/${r.bakkehuset}/offices`, { personId: r.people.niels, role: 'safety_rep', startsOn: '', endsOn: '' }, `/workplaces/${r.bakkehuset}/offices/new`);
    expect(bad.body).toContain('Vælg et medlem, der er ansat på arbejdspladsen');
    const s = await formSession(t.app, `/workplaces/${r.bakkehuset}/offices/new`, adminCookie);
    expect(s.page.body).toContain('Maja Carlsen');
    expect(s.page.body).not.toContain('Niels Dam');
    const res = await postForm(t.app, `/workplaces/${r.bakkehuset}/offices`, s, { personId: r.people.maja, role: 'safety_rep', startsOn: '', endsOn: '' });
    expect(res.statusCode).toBe(303);
    const page = await get(`/workplaces/${r.bakkehuset}`);
    expect(page.body).toMatch(/Arbejdsmiljørepræsentant<\/h3>\s*<ul class="plain-list"><li><strong>Maja Carlsen/);
  });

  it('an employment needs an e-mail or a name; a date that does not exist is refused', async () => {
    const none = await refusedForm(`/workplaces/${r.bakkehuset}/employments`, { email: '', firstName: '', lastName: '', jobTitle: 'Vikar' }, `/workplaces/${r.bakkehuset}/employments/new`);
    expect(none.body).toContain('Fornavn skal udfyldes');
    const badDate = await refusedForm(`/workplaces/${r.bakkehuset}/employments`, { firstName: 'Ny', lastName: 'Kollega', startsOn: '2026-02-30' }, `/workplaces/${r.bakkehuset}/employments/new`);
    expect(badDate.body).toContain('Fra dato skal være en gyldig dato');
    const s = await formSession(t.app, `/workplaces/${r.bakkehuset}/employments/new`, adminCookie);
    const ok = await postForm(t.app, `/workplaces/${r.bakkehuset}/employments`, s, { firstName: 'Ny', lastName: 'Kollega', jobTitle: 'Vikar', isLeader: 'on' });
    expect(ok.statusCode).toBe(303);
    expect((await get(`/workplaces/${r.bakkehuset}`)).body).toContain('Ny Kollega');
  });

  it('ending an employment before it began is refused', async () => {
    const page = await get(`/workplaces/${r.bakkehuset}`);
    const end = /href="(\/workplaces\/[^"]+\/employments\/[^"]+\/end)"/.exec(page.body)![1];
    const res = await refusedForm(end, { endsOn: shiftDate(registerDates.employedSince, -1) }, end);
    expect(res.body).toContain('Til dato kan ikke ligge før startdatoen');
  });
});

describe('workplace API', () => {
  it('lists with the same filters, coverage numbers included', async () => {
    const auth = await bearer(t.database, 'staff', r.org.north);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/workplaces?vacancy=safety_rep&pageSize=2', headers: auth });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ page: 1, pageSize: 2 });
    expect(body.items[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), name: expect.any(String), employees: expect.any(Number), members: expect.any(Number), stewardInOffice: expect.any(Boolean), safetyRepInOffice: false }),
    );
    expect(body.items.every((i: { unitName: string }) => i.unitName === 'Kreds Nord')).toBe(true);
  });

  it('gives one workplace with its people split into members and non-members', async () => {
    const auth = await bearer(t.database, 'admin', null);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/workplaces/${r.aabrinken}`, headers: auth });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ name: 'Åbrinken', employees: 2, members: 2, organisationRate: 1, stewardInOffice: true, safetyRepInOffice: true });
    expect(body.people.members.map((p: { firstName: string }) => p.firstName)).toEqual(['Anna', 'Bo']);
    expect(body.people.nonMembers).toEqual([]);
    expect(body.coverage.stewards[0]).toMatchObject({ firstName: 'Anna', role: 'steward', current: true });
  });

  it('answers a bad filter with problem+json naming the field', async () => {
    const auth = await bearer(t.database, 'admin', null);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/workplaces?vacancy=everything', headers: auth });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors[0]).toMatchObject({ path: 'vacancy' });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/workplaces']).toBeDefined();
    expect(doc.paths['/api/v1/workplaces/{id}']).toBeDefined();
  });
});
