import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { auditEvents } from '../../platform/audit/tables.js';
import { bearer, seedUnits, testApp, type TestApp } from '../../test/app.js';
import { seedMembershipTypes } from './members.fixture.js';

let t: TestApp;
let types: Awaited<ReturnType<typeof seedMembershipTypes>>;
const auth = {} as Record<'admin' | 'staff', { authorization: string }>;

beforeAll(async () => {
  t = await testApp();
  const org = await seedUnits(t.database);
  types = await seedMembershipTypes(t.database);
  auth.admin = await bearer(t.database, 'admin', null);
  auth.staff = await bearer(t.database, 'staff', org.north);
});
afterAll(() => t.close());

function api(method: 'POST' | 'PATCH', url: string, who: keyof typeof auth, body: unknown): Promise<LightMyRequestResponse> {
  return t.app.inject({ method, url, headers: { ...auth[who], 'accept-language': 'en', 'content-type': 'application/json' }, payload: JSON.stringify(body) });
}

function problem(res: LightMyRequestResponse, status: number, code: string, path?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body.code).toBe(code);
  if (path) expect(body.errors.map((e: { path: string }) => e.path)).toContain(path);
  return body;
}

describe('POST|PATCH /api/v1/members/types', () => {
  it('creates (201) and changes only the fields sent, audited; staff are refused', async () => {
    problem(await api('POST', '/api/v1/members/types', 'staff', { code: 'senior', name: 'Senior' }), 403, 'http.forbidden');
    const res = await api('POST', '/api/v1/members/types', 'admin', { code: 'Senior', name: 'Seniormedlem', position: 4 });
    expect(res.statusCode, res.body).toBe(201);
    const type = res.json();
    expect(type).toEqual({ id: expect.any(String), code: 'senior', name: 'Seniormedlem', nameTranslations: { da: null, sv: null, en: null }, position: 4, active: true });

    const off = await api('PATCH', `/api/v1/members/types/${type.id}`, 'admin', { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toEqual({ ...type, active: false });
    problem(await api('PATCH', `/api/v1/members/types/${type.id}`, 'staff', { active: true }), 403, 'http.forbidden');

    const trail = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, type.id));
    expect(trail.map((e) => [e.action, e.fields])).toEqual([
      ['create', ['code', 'name', 'position']],
      ['update', ['active']],
    ]);
  });

  it('takes the name in other languages on create and patch: a language left out stays, blank or null removes it', async () => {
    const res = await api('POST', '/api/v1/members/types', 'admin', { code: 'trainee', name: 'Elevmedlem', nameTranslations: { sv: ' Elevmedlem (sv) ', en: 'Trainee member' } });
    expect(res.statusCode, res.body).toBe(201);
    const type = res.json();
    expect(type.nameTranslations).toEqual({ da: null, sv: 'Elevmedlem (sv)', en: 'Trainee member' });

    const changed = await api('PATCH', `/api/v1/members/types/${type.id}`, 'admin', { nameTranslations: { sv: 'Lärlingsmedlem', en: null } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({ ...type, nameTranslations: { da: null, sv: 'Lärlingsmedlem', en: null } });
    // Another field alone leaves the names alone; the same names again change nothing.
    expect((await api('PATCH', `/api/v1/members/types/${type.id}`, 'admin', { position: 7 })).json().nameTranslations).toEqual({ da: null, sv: 'Lärlingsmedlem', en: null });
    await api('PATCH', `/api/v1/members/types/${type.id}`, 'admin', { nameTranslations: { sv: 'Lärlingsmedlem' } });

    const tooLong = problem(await api('PATCH', `/api/v1/members/types/${type.id}`, 'admin', { nameTranslations: { en: 'x'.repeat(101) } }), 422, 'validation.failed', 'nameTranslations.en');
    expect(tooLong.errors[0].message).toBe('Name in English must be at most 100 characters.');
    problem(await api('PATCH', `/api/v1/members/types/${type.id}`, 'admin', { nameTranslations: { fr: 'Apprenti' } }), 422, 'validation.failed');

    const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/members/types', headers: auth.admin })).json().items.find((i: { id: string }) => i.id === type.id);
    expect(listed.nameTranslations).toEqual({ da: null, sv: 'Lärlingsmedlem', en: null });
    const trail = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, type.id));
    expect(trail.map((e) => [e.action, e.fields])).toEqual([
      ['create', ['code', 'name', 'nameTranslations', 'position']],
      ['update', ['nameTranslations']],
      ['update', ['position']],
    ]);
  });

  it('answers a taken code with 409, a bad field with 422 and an unknown type with 404', async () => {
    const taken = problem(await api('POST', '/api/v1/members/types', 'admin', { code: 'ordinary', name: 'Igen' }), 409, 'membership_type.code_taken', 'code');
    expect(taken.errors[0].message).toContain('already used');
    problem(await api('POST', '/api/v1/members/types', 'admin', { code: '1x', name: 'X' }), 422, 'validation.failed', 'code');
    // The code never changes: integrations and imports refer to it.
    problem(await api('PATCH', `/api/v1/members/types/${types.ordinary}`, 'admin', { code: 'other' }), 422, 'validation.failed', 'code');
    problem(await api('PATCH', `/api/v1/members/types/${types.ordinary}`, 'admin', { active: 'yes' }), 422, 'validation.failed', 'active');
    problem(await api('PATCH', '/api/v1/members/types/00000000-0000-4000-8000-000000000000', 'admin', { name: 'X' }), 404, 'http.not_found');
  });
});
