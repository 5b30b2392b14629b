import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { bearer, createPerson, formSession, loginAs, seedUnits, testApp, type TestApp, createWorkplace } from '../test/app.js';
import { audit } from './audit/audit.js';
import { system } from './actor.js';
import { queueMail } from './mail/mail.js';
import { createApiToken } from '../kernel/auth/api-tokens.js';
import { createUnit } from '../kernel/units.js';
import { roleAssignments } from '../kernel/tables.js';
import { getOrganisation, setLogo } from '../kernel/organisation.js';
import { PERSONS, TOKENS, type Person, type Who, type Expected, type Fixtures, type Row, PAGES, FORMS, API } from './permissions.fixture.js';
import { FEATURE_MATRIX_PREFIXES, registeredRoutes } from '../test/routes.js';

/** Every route, with every kind of caller; the table of routes is in permissions.fixture.ts. */

const SECRETS = ['HEMMELIG-REVISION-4711', 'Fortrolig post 4711', 'fortrolig-4711@example.org', 'Hemmeligt token 4711'];

let t: TestApp;
let f: Fixtures;
const cookies = {} as Record<Person, string>;
const personIds = {} as Record<Person, string>;
const authorization = {} as Record<(typeof TOKENS)[number], string>;
/** A browser's CSRF cookie and token per caller, fetched once from a page everybody can see. */
const csrf = {} as Record<'anonymous' | Person, { cookie: string; csrf: string }>;

beforeAll(async () => {
  t = await testApp();
  const org = await seedUnits(t.database);
  const workplace = await createWorkplace(t.database, org.north);
  const roles: Record<Person, Parameters<typeof createPerson>[1]> = {
    member: [['member', org.north]],
    steward: [['steward', null, workplace.id]],
    staffNorth: [['staff', org.north]],
    staffSouth: [['staff', org.south]],
    board: [['board', null]],
    admin: [['admin', null]],
  };
  for (const p of PERSONS) {
    personIds[p] = (await createPerson(t.database, roles[p], { firstName: p })).id;
    cookies[p] = (await loginAs(t.database, personIds[p])).cookie;
  }
  authorization.tokenStaff = (await bearer(t.database, 'staff', org.north)).authorization;
  authorization.tokenAdmin = (await bearer(t.database, 'admin', null)).authorization;

  await getOrganisation(t.database.db);
  await setLogo(t.database.db, system, { bytes: PNG, mime: 'image/png' });
  await audit(t.database.db, system, { action: 'update', entityType: 'unit', entityId: SECRETS[0], fields: ['name'] });
  const mailId = await queueMail(t.database.db, { to: SECRETS[2], subject: SECRETS[1], text: `Brødtekst ${SECRETS[1]}` });
  const tokenToRevoke = (await createApiToken(t.database.db, system, { name: SECRETS[3], role: 'staff', unitId: null })).id;
  const unit = async (name: string) => {
    const r = await createUnit(t.database.db, system, { name, kind: 'section', parentId: org.national, shortName: null, email: null, phone: null, address: null });
    if (!r.ok) throw new Error(r.reason);
    return r.unit.id;
  };
  f = {
    org,
    mailId,
    tokenToRevoke,
    unitToEdit: await unit('Sektion til redigering'),
    unitToDelete: await unit('Sektion til sletning'),
    apiUnitToEdit: await unit('API-sektion til redigering'),
    apiUnitToDelete: await unit('API-sektion til sletning'),
    roleToEnd: (await t.database.db.insert(roleAssignments).values({ personId: (await createPerson(t.database)).id, role: 'board', unitId: org.south }).returning())[0].id,
  };
  // Anonymous visitors meet forms on the log-in page; the front page has none for them.
  csrf.anonymous = await formSession(t.app, '/login');
  for (const p of PERSONS) csrf[p] = await formSession(t.app, '/', cookies[p]);
});
afterAll(() => t.close());

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

/** What a failed or refused request must not have changed: every table a route here can write. */
async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(`
    select json_build_object(
      'units', (select coalesce(json_agg(json_build_array(id, name, kind, parent_id, position, updated_at) order by id), '[]') from units),
      'organisation', (select json_build_array(name, short_name, brand_colour, updated_at, logo is not null) from organisation),
      'tokens', (select coalesce(json_agg(json_build_array(id, name, revoked_at) order by id), '[]') from api_tokens),
      'passwords', (select count(password_hash) from accounts),
      'audit', (select count(*) from audit_events),
      'mail', (select count(*) from mail_outbox)
    )::text as f`);
  return String(r.rows[0].f);
}

function urlOf(row: Row): string {
  return row.url ? row.url(f) : row.route;
}

async function call(row: Row, who: Who): Promise<LightMyRequestResponse> {
  const url = urlOf(row);
  const headers: Record<string, string> = {};
  if (who in authorization) headers.authorization = authorization[who as keyof typeof authorization];
  const isApi = url.startsWith('/api/');
  if (isApi) {
    if (who in cookies) headers.cookie = cookies[who as Person];
    const body = row.body?.(f);
    if (body) headers['content-type'] = 'application/json';
    return t.app.inject({ method: row.method, url, headers, ...(body ? { payload: JSON.stringify(body) } : {}) });
  }
  if (row.method === 'GET') {
    if (who in cookies) headers.cookie = cookies[who as Person];
    return t.app.inject({ method: 'GET', url, headers: { ...headers, accept: 'text/html' } });
  }
  // A form as a browser posts it: with this caller's session and a valid CSRF token.
  let session = csrf[who as 'anonymous' | Person];
  if (row.freshSession && who !== 'anonymous') session = await formSession(t.app, '/', (await loginAs(t.database, personIds[who as Person])).cookie);
  return t.app.inject({
    method: row.method,
    url,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ _csrf: session.csrf, ...(row.body?.(f) as Record<string, string> | undefined) }).toString(),
  });
}

/** Runs one row for every caller it lists and returns what did not match, so one failure shows them all. */
async function walk(row: Row): Promise<string[]> {
  const wrong: string[] = [];
  const writes = row.method !== 'GET';
  // The callers who may pass go last: their change must not hide a refused caller's change.
  const order = (Object.keys(row.expect) as Who[]).sort((a, b) => Number(passes(row.expect[a]!)) - Number(passes(row.expect[b]!)));
  for (const who of order) {
    const expected = row.expect[who]!;
    const before = writes ? await fingerprint() : '';
    const res = await call(row, who);
    const want = expected === 'login' ? { status: 303, location: `/login?next=${encodeURIComponent(urlOf(row))}` } : typeof expected === 'number' ? { status: expected } : expected;
    const got = { status: res.statusCode, ...('location' in want ? { location: String(res.headers.location) } : {}) };
    if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${who}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)} ${res.body.slice(0, 200)}`);
    const refused = res.statusCode === 401 || res.statusCode === 403 || expected === 'login';
    if (refused && writes && (await fingerprint()) !== before) wrong.push(`${who}: was refused but the database changed`);
    if (row.changes && passes(expected) && (await fingerprint()) === before) wrong.push(`${who}: succeeded but nothing was written`);
    if ((res.statusCode >= 300 || (who !== 'admin' && who !== 'tokenAdmin')) && SECRETS.some((s) => res.body.includes(s))) {
      wrong.push(`${who}: ${res.statusCode} answer contains protected data`);
    }
    if (res.statusCode === 403 && !urlOf(row).startsWith('/api/')) {
      if (!res.body.includes('Du har ikke adgang')) wrong.push(`${who}: 403 page without the Danish refusal`);
    }
    if (urlOf(row).startsWith('/api/') && (res.statusCode === 401 || res.statusCode === 403)) {
      const code = res.statusCode === 401 ? 'auth.required' : 'http.forbidden';
      if (!String(res.headers['content-type']).startsWith('application/problem+json') || res.json().code !== code) wrong.push(`${who}: API refusal is not problem+json ${code}`);
    }
  }
  return wrong;
}

function passes(e: Expected): boolean {
  return e !== 'login' && (typeof e === 'number' ? e : e.status) !== 401 && (typeof e === 'number' ? e : e.status) !== 403;
}


/** Every route outside the features' own matrices, as `METHOD path` without slashes. */
function registeredPlatformRoutes(): string[] {
  return registeredRoutes(t.app, (path) => !FEATURE_MATRIX_PREFIXES.some((p) => path.startsWith(p))).map((r) => `${r.method} ${r.path.replace(/\/+/g, '')}`);
}

describe('the permission matrix', () => {
  it('lists every route the app has, and only those', () => {
    const registered = registeredPlatformRoutes();
    const listed = [...PAGES, ...FORMS, ...API].map((r) => `${r.method} ${r.route.replace(/\/+/g, '')}`);
    // The tree prints a wildcard route without the text between its parent node and the `*`
    // (`/public/*` shows as `*`), so a printed wildcard matches a listed one that extends it.
    const same = (printed: string, route: string) => printed === route || (printed.endsWith('*') && route.endsWith('*') && route.startsWith(printed.slice(0, -1)));
    expect(registered.filter((r) => !listed.some((l) => same(r, l)))).toEqual([]);
    expect(listed.filter((l) => !registered.some((r) => same(r, l)))).toEqual([]);
    expect(registered.length).toBeGreaterThan(30);
    // And each listed route is exactly as registered.
    for (const r of [...PAGES, ...FORMS, ...API]) expect(t.app.hasRoute({ method: r.method, url: r.route }), `${r.method} ${r.route}`).toBe(true);
  });

  it('shows an admin the protected data the refusals below must not contain', async () => {
    const audit = await t.app.inject({ method: 'GET', url: '/admin/audit', headers: { cookie: cookies.admin } });
    expect(audit.body).toContain(SECRETS[0]);
    const mail = await t.app.inject({ method: 'GET', url: `/admin/mail/${f.mailId}`, headers: { cookie: cookies.admin } });
    expect(mail.body).toContain(SECRETS[1]);
    expect(mail.body).toContain(SECRETS[2]);
    const tokens = await t.app.inject({ method: 'GET', url: '/admin/tokens', headers: { cookie: cookies.admin } });
    expect(tokens.body).toContain(SECRETS[3]);
  });

  describe('pages', () => {
    for (const row of PAGES) {
      it(`${row.method} ${row.route}`, async () => {
        expect(await walk(row)).toEqual([]);
      });
    }
  });

  describe('forms: callers who may not get 403 even with a valid CSRF token, and nothing changes', () => {
    for (const row of FORMS) {
      it(`${row.method} ${row.route}`, async () => {
        expect(await walk(row)).toEqual([]);
      });
    }
  });

  describe('API', () => {
    for (const row of API) {
      it(`${row.method} ${row.route}`, async () => {
        expect(await walk(row)).toEqual([]);
      });
    }
  });
});

describe('what the matrix cannot see', () => {
  it('a logged-in admin’s cookie does not open the API, even beside a valid form token', async () => {
    const before = await fingerprint();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: { cookie: csrf.admin.cookie, 'x-csrf-token': csrf.admin.csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Smuglet kreds', kind: 'district', parentId: f.org.national }),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.required');
    expect(await fingerprint()).toBe(before);
  });

  it('an admin form without a CSRF token is refused and changes nothing', async () => {
    const before = await fingerprint();
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/units',
      headers: { cookie: cookies.admin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ name: 'Uden token', kind: 'district', parentId: f.org.national }).toString(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Formularen er udløbet');
    expect(await fingerprint()).toBe(before);
  });

  it('an unknown or revoked bearer token is 401 auth.invalid_token, also on public API routes', async () => {
    for (const value of ['Bearer fo_unknown', 'Bearer not-a-token', 'Basic abc']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: { authorization: value } });
      expect(res.statusCode, value).toBe(401);
      expect(res.json().code).toBe('auth.invalid_token');
    }
  });

  it('a staff token scoped to one district still cannot change that district', async () => {
    const before = await fingerprint();
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/units/${f.org.north}`,
      headers: { authorization: authorization.tokenStaff, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Kapret kreds' }),
    });
    expect(res.statusCode).toBe(403);
    expect(await fingerprint()).toBe(before);
  });

  it('the redirect to log in keeps the query string, and a logged-out person gets the same 303', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/admin/audit?action=delete' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent('/admin/audit?action=delete')}`);
    const stale = await t.app.inject({ method: 'GET', url: '/admin/audit', headers: { cookie: 'forening_session=not-a-session' } });
    expect(stale.statusCode).toBe(303);
    expect(String(stale.headers.location)).toMatch(/^\/login\?next=%2Fadmin%2Faudit/);
    expect(stale.body).not.toContain(SECRETS[0]);
  });

  it('a non-admin gets the same 403 for a mail that exists and one that does not', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/admin/mail/00000000-0000-4000-8000-000000000000', headers: { cookie: cookies.staffNorth } });
    const present = await t.app.inject({ method: 'GET', url: `/admin/mail/${f.mailId}`, headers: { cookie: cookies.staffNorth } });
    expect(missing.statusCode).toBe(403);
    expect(present.statusCode).toBe(403);
  });
});
