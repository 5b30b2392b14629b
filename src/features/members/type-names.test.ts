import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { adminSession, createPerson, formSession, loginAs, postForm, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { system } from '../../platform/actor.js';
import { organisation } from '../../kernel/tables.js';
import { forgetBrand, getOrganisation } from '../../kernel/organisation.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { memberships, membershipTypes } from './tables.js';

/*
 * A membership type's name in other languages: staff give it on /admin/membership-types (or the API,
 * see types-api.test.ts); an applicant and a member read the type in their language, else its name.
 */

let t: TestApp;
let org: Org;
let adminCookie: string;
let leaderType: string;
let member: { id: string; cookie: string; token: string };

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  adminCookie = (await adminSession(t.database)).cookie;
  await t.database.db.insert(membershipTypes).values({ code: 'ordinary', name: 'Ordinært medlem', nameTranslations: { sv: 'Ordinarie medlem' }, position: 1 });
  const [leader] = await t.database.db.insert(membershipTypes).values({ code: 'leader', name: 'Ledermedlem', nameTranslations: { sv: 'Chefsmedlem', en: 'Manager member' }, position: 2 }).returning();
  leaderType = leader.id;
  const p = await createPerson(t.database, [], { firstName: 'Signe', lastName: 'Krogh', email: 'signe.krogh@example.org', preferredLocale: null });
  await t.database.db.insert(memberships).values({ personId: p.id, typeId: leader.id, unitId: org.north, status: 'active', joinedOn: '2020-01-01', statusSince: '2020-01-01' });
  const token = await createPersonalToken(t.database.db, system, { personId: p.id, name: 'test' });
  if (!token.ok) throw new Error('no token');
  member = { id: p.id, cookie: (await loginAs(t.database, p.id)).cookie, token: token.token.value };
});
afterAll(() => t.close());

beforeEach(async () => {
  await getOrganisation(t.database.db);
  await t.database.db.update(organisation).set({ defaultLocale: 'da' }).where(eq(organisation.id, 1));
  forgetBrand();
});

/** The join form's type choice: each option's label by its value. */
function typeOptions(html: string): Record<string, string> {
  const select = /<select[^>]*name="membershipTypeId"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
  return Object.fromEntries([...select.matchAll(/<option value="([^"]+)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]));
}

describe('the join form', () => {
  it('names each type in the visitor’s language, else by its name', async () => {
    const join = async (language: string) => typeOptions((await t.app.inject({ url: '/join', headers: { accept: 'text/html', 'accept-language': language } })).body);
    expect(Object.values(await join('sv'))).toEqual(['Ordinarie medlem', 'Chefsmedlem']);
    expect(Object.values(await join('en'))).toEqual(['Ordinært medlem', 'Manager member']);
    expect(Object.values(await join('da'))).toEqual(['Ordinært medlem', 'Ledermedlem']);
    expect((await join('sv'))[leaderType]).toBe('Chefsmedlem');
  });

  it('in the organisation’s default language uses the name, not a stored translation for it', async () => {
    await t.database.db.update(organisation).set({ defaultLocale: 'sv' }).where(eq(organisation.id, 1));
    forgetBrand();
    const sv = typeOptions((await t.app.inject({ url: '/join', headers: { accept: 'text/html', 'accept-language': 'sv' } })).body);
    expect(Object.values(sv)).toEqual(['Ordinært medlem', 'Ledermedlem']);
  });
});

describe('the member’s own page and API', () => {
  it('/me shows the type in the reader’s language', async () => {
    const me = async (language: string) => (await t.app.inject({ url: '/me', headers: { cookie: member.cookie, accept: 'text/html', 'accept-language': language } })).body;
    expect(await me('sv')).toContain('<dd>Chefsmedlem</dd>');
    expect(await me('en')).toContain('<dd>Manager member</dd>');
    expect(await me('da')).toContain('<dd>Ledermedlem</dd>');
  });

  it('GET /api/v1/me answers typeName in the reader’s language, and so does the data export', async () => {
    const api = async (url: string, language: string) => (await t.app.inject({ url, headers: { authorization: `Bearer ${member.token}`, 'accept-language': language } })).json();
    expect((await api('/api/v1/me', 'sv')).membership.typeName).toBe('Chefsmedlem');
    expect((await api('/api/v1/me', 'da')).membership.typeName).toBe('Ledermedlem');
    expect((await api('/api/v1/me/export', 'en')).membership.type).toBe('Manager member');
    const download = await t.app.inject({ url: '/me/export.json', headers: { cookie: member.cookie, 'accept-language': 'sv' } });
    expect(JSON.parse(download.body).membership.type).toBe('Chefsmedlem');
  });

  it('a person’s own language choice decides, over the browser’s', async () => {
    const other = await createPerson(t.database, [], { firstName: 'Sven', lastName: 'Svensson', email: 'sven@example.org', preferredLocale: 'sv' });
    await t.database.db.insert(memberships).values({ personId: other.id, typeId: leaderType, unitId: org.north, status: 'active' });
    const cookie = (await loginAs(t.database, other.id)).cookie;
    const body = (await t.app.inject({ url: '/me', headers: { cookie, accept: 'text/html', 'accept-language': 'da' } })).body;
    expect(body).toContain('<dd>Chefsmedlem</dd>');
  });
});

describe('the membership types page', () => {
  const typesPage = async () => (await t.app.inject({ url: '/admin/membership-types', headers: { cookie: adminCookie, accept: 'text/html' } })).body;
  const stored = async (id: string) => (await t.database.db.select({ name: membershipTypes.name, nameTranslations: membershipTypes.nameTranslations }).from(membershipTypes).where(eq(membershipTypes.id, id)))[0];

  it('has a name field per language but the default one, and saves a new type’s names without JavaScript', async () => {
    const s = await formSession(t.app, '/admin/membership-types', adminCookie);
    expect(s.page.body).toContain('id="new-nameTranslations_sv"');
    expect(s.page.body).toContain('id="new-nameTranslations_en"');
    expect(s.page.body).not.toContain('id="new-nameTranslations_da"');
    expect(s.page.body).toContain('Navn på svensk');
    expect(s.page.body).toMatch(new RegExp(`id="type-${leaderType}-nameTranslations_en"[^>]*value="Manager member"|value="Manager member"[^>]*id="type-${leaderType}-nameTranslations_en"`));

    const res = await postForm(t.app, '/admin/membership-types', s, { code: 'student', name: 'Studerende', position: '3', nameTranslations_sv: 'Student', nameTranslations_en: '' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    const [row] = await t.database.db.select().from(membershipTypes).where(eq(membershipTypes.code, 'student'));
    expect(row.nameTranslations).toEqual({ sv: 'Student' });
    expect(await typesPage()).toContain('value="Student"');
  });

  it('changes a type’s names, keeping a language the form does not show, audited once', async () => {
    await t.database.db.update(membershipTypes).set({ nameTranslations: { da: 'Gammelt navn', sv: 'Chefsmedlem', en: 'Manager member' } }).where(eq(membershipTypes.id, leaderType));
    const s = await formSession(t.app, '/admin/membership-types', adminCookie);
    const res = await postForm(t.app, `/admin/membership-types/${leaderType}`, s, { name: 'Ledermedlem', position: '2', active: 'on', nameTranslations_sv: 'Chefsmedlem i förbundet', nameTranslations_en: '' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    expect(await stored(leaderType)).toEqual({ name: 'Ledermedlem', nameTranslations: { da: 'Gammelt navn', sv: 'Chefsmedlem i förbundet' } });
    const [entry] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, leaderType)).orderBy(desc(auditEvents.id)).limit(1);
    expect(entry.fields).toEqual(['nameTranslations']);
    // Restored for the other tests.
    await t.database.db.update(membershipTypes).set({ nameTranslations: { sv: 'Chefsmedlem', en: 'Manager member' } }).where(eq(membershipTypes.id, leaderType));
  });

  it('shows a too long name at its field with what was typed, and saves nothing', async () => {
    const before = await stored(leaderType);
    const s = await formSession(t.app, '/admin/membership-types', adminCookie);
    const long = 'x'.repeat(101);
    const res = await postForm(t.app, `/admin/membership-types/${leaderType}`, s, { name: 'Ledermedlem', position: '2', active: 'on', nameTranslations_sv: long, nameTranslations_en: 'Manager member' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(`href="#type-${leaderType}-nameTranslations_sv"`);
    expect(res.body).toContain('Navn på svensk må højst være 100 tegn.');
    expect(res.body).toContain(`value="${long}"`);
    expect(await stored(leaderType)).toEqual(before);
  });
});
