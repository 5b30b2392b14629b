import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, formSession, multipartForm, seedUnits, testApp, type TestApp } from '../../test/app.js';
import { translator } from '../i18n/i18n.js';
import { unsafeTextErrors } from './input-guard.js';

let t: TestApp;
let admin: { authorization: string };

beforeAll(async () => {
  t = await testApp();
  await seedUnits(t.database);
  admin = await bearer(t.database, 'admin');
});
afterAll(() => t.close());

const count = async (table: 'units' | 'persons') => ((await t.database.executeSql(`select count(*)::int as n from ${table}`)).rows[0] as { n: number }).n;
const en = translator('en');

describe('text that no field may hold', () => {
  it('finds C0 controls and lone surrogates wherever they are, and lets tabs, line breaks and emoji through', () => {
    const errors = (body: unknown, query: unknown = {}, params: unknown = {}) => unsafeTextErrors({ body, query, params }, en).map((e) => e.path);
    expect(errors({ name: 'a\u0000b', ok: 'tab\there\r\nand emoji 🎉', times: [{ startsAt: 'x' }, { startsAt: 'y\u001f' }] })).toEqual(['name', 'times.1.startsAt']);
    expect(errors({ lone: 'a\ud800', low: '\udc00b', pair: '\ud83c\udf89' })).toEqual(['lone', 'low']);
    expect(errors({ ['bad\u0000key']: 1 })).toEqual(['bad\u0000key']);
    expect(errors({}, { q: 'x\u0007' }, { id: '\u0000' })).toEqual(['id', 'q']);
    expect(errors('raw\u0000text')).toEqual(['body']);
    // DEL and the C1 range are left alone: they are rare but real in pasted text, and PostgreSQL stores them.
    expect(errors({ name: 'a\u007fb\u0085' })).toEqual([]);
  });

  it('refuses a JSON body with NUL or a lone surrogate with 422 naming the field, in the reader\'s language, and writes nothing', async () => {
    const before = await count('units');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { ...admin, 'accept-language': 'en' }, payload: { name: 'Kreds\u0000Øst', kind: 'district', extra: [{ note: 'a\ud800' }] } });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'validation.failed',
      errors: [
        { path: 'name', code: 'validation.control_character', message: 'Name contains a character that cannot be stored (a control character or an incomplete character).' },
        { path: 'extra.0.note', code: 'validation.control_character' },
      ],
    });
    const da = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: admin, payload: { name: 'Kreds\u0001Øst', kind: 'district' } });
    expect(da.json().errors[0].message).toMatch(/^Navn indeholder et tegn/);
    expect(await count('units')).toBe(before);
  });

  it('refuses a query string or path parameter with NUL, on the API and on pages', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/directory?q=%00', headers: { 'accept-language': 'en' } });
    expect(api.statusCode).toBe(422);
    expect(api.json().errors).toMatchObject([{ path: 'q', code: 'validation.control_character' }]);
    const param = await t.app.inject({ method: 'GET', url: '/api/v1/units/%00', headers: admin });
    expect(param.json().errors).toMatchObject([{ path: 'id', code: 'validation.control_character' }]);
    const page = await t.app.inject({ method: 'GET', url: '/directory?q=pension%00', headers: { accept: 'text/html', 'accept-language': 'en' } });
    expect(page.statusCode).toBe(422);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('contains a character that cannot be stored');
  });

  it('refuses a urlencoded or multipart form with a control character before the route runs, and writes nothing', async () => {
    const before = await count('persons');
    const session = await formSession(t.app, '/join');
    const fields = { _csrf: session.csrf, firstName: 'An\u0000ne', lastName: 'Berg', email: 'anne.berg@example.org' };
    const form = await t.app.inject({ method: 'POST', url: '/join', headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: new URLSearchParams(fields).toString() });
    expect(form.statusCode).toBe(422);
    expect(form.headers['content-type']).toContain('text/html');

    const multipart = multipartForm(fields, [{ field: 'photo', name: 'bild\u0007.jpg', type: 'image/jpeg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0x00]) }]);
    const mp = await t.app.inject({ method: 'POST', url: '/join', headers: { cookie: session.cookie, 'content-type': multipart.contentType, accept: 'application/json' }, payload: multipart.payload });
    expect(mp.statusCode).toBe(422);
    expect(mp.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['firstName', 'photo']);
    expect(await count('persons')).toBe(before);
  });
});

describe('what the router refuses, and methods an address does not take', () => {
  it('answers a path parameter over 100 characters with 414 problem+json that does not echo the address', async () => {
    const long = 'x'.repeat(101);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/units/${long}`, headers: { 'accept-language': 'sv' } });
    expect(res.statusCode).toBe(414);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'http.uri_too_long', title: 'Adressen är för lång' });
    expect(res.body).not.toContain(long);
    // A page gets a short plain answer: the router refuses before any page could be built.
    const page = await t.app.inject({ method: 'GET', url: `/events/${long}`, headers: { accept: 'text/html' } });
    expect([page.statusCode, page.body]).toEqual([414, '414 Adressen er for lang']);
  });

  it('answers a broken %-escape with 400 problem+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/units/%E0%A4%A', headers: admin });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'http.bad_url' });
    expect(res.json()).not.toHaveProperty('instance');
  });

  it('answers a method an address does not take with 405 and Allow; an unknown address stays a 404', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/units', headers: admin, payload: {} });
    expect(res.statusCode).toBe(405);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('http.method_not_allowed');
    expect(String(res.headers.allow).split(', ')).toEqual(expect.arrayContaining(['GET', 'POST']));
    const unknown = await t.app.inject({ method: 'PUT', url: '/api/v1/nothing-here', headers: admin, payload: {} });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('http.not_found');
  });

  it('answers malformed JSON with 400 and a body over 1 MiB with 413, both as problems', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { ...admin, 'content-type': 'application/json' }, payload: '{"name": ' });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'request.invalid_json']);
    const big = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { ...admin, 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'a'.repeat(1024 * 1024 + 1) }) });
    expect([big.statusCode, big.headers['content-type']?.toString().split(';')[0], big.json().code]).toEqual([413, 'application/problem+json', 'request.too_large']);
  });
});
