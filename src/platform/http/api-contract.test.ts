import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bearer, seedUnits, testApp, type TestApp } from '../../test/app.js';
import { units } from '../../kernel/tables.js';

let t: TestApp;
let admin: { authorization: string };

beforeAll(async () => {
  t = await testApp();
  await seedUnits(t.database);
  admin = await bearer(t.database, 'admin');
});
afterAll(() => t.close());

const unitCount = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(units))[0].n;

describe('API contract', () => {
  it('refuses a body in another format than JSON with 415, and writes nothing', async () => {
    const before = await unitCount();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { ...admin, 'content-type': 'text/plain' }, payload: 'name=x' });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('request.unsupported_media_type');
    expect(await unitCount()).toBe(before);
  });

  it('tells a wrong type from a missing field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { ...admin, 'accept-language': 'en' }, payload: { name: 5, kind: 'district' } });
    expect(res.statusCode).toBe(422);
    const nameError = res.json().errors.find((e: { path: string }) => e.path === 'name');
    expect(nameError.code).toBe('validation.invalid_type');
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { ...admin, 'accept-language': 'en' }, payload: { kind: 'district' } });
    expect(missing.json().errors.find((e: { path: string }) => e.path === 'name')).toMatchObject({ code: 'validation.required', message: 'Name is required.' });
  });

  it('asks for a Bearer token on 401', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/units', payload: { name: 'X', kind: 'district' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('does not let an API token open the HTML pages', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/admin/audit', headers: admin });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/login\?next=/);
  });
});
