import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { bearer, createPerson, createWorkplace, formSession, loginAs, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { membershipEvents, memberships } from './tables.js';
import { roleAssignments } from '../../kernel/tables.js';
import { eq } from 'drizzle-orm';
import { addMember, employ, seedMembershipTypes } from './members.fixture.js';
import { today } from './schema.js';
import { registeredRoutes } from '../../test/routes.js';

/**
 * Every route of the register, with every kind of caller. A new route needs a row below; the first
 * test fails until it has one.
 */

const PERSONS = ['member', 'steward', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
const TOKENS = ['tokenStaff', 'tokenAdmin', 'tokenStaffSouth', 'tokenBoard', 'tokenMember'] as const;
type Person = (typeof PERSONS)[number];
type Token = (typeof TOKENS)[number];
type Who = 'anonymous' | Person | Token;

/** A status, a redirect to a place (a path or a pattern), or 'login' (the log-in page pointing back). */
type Expected = number | 'login' | { status: number; location: string | RegExp };

interface Fixtures {
  org: Org;
  anne: string;
  typeId: string;
  typeToEdit: string;
}

interface Row {
  method: 'GET' | 'POST' | 'PATCH';
  route: string;
  url?: (f: Fixtures) => string;
  expect: Partial<Record<Who, Expected>>;
  /** Form fields or JSON body; some callers who pass send different ones, so each success changes something. */
  body?: (f: Fixtures, who: Who) => Record<string, unknown>;
  /** The callers who pass must change the database. */
  changes?: boolean;
}

const people = (e: Partial<Record<Person | 'anonymous', Expected>>) => e;
/** The API knows only tokens: a browser session counts for nothing there. */
const api = (tokens: Partial<Record<Token, Expected>>): Partial<Record<Who, Expected>> => ({ anonymous: 401, ...Object.fromEntries(PERSONS.map((p) => [p, 401])), ...tokens });
const staffPages = (staffNorth: Expected, staffSouth: Expected, admin: Expected, board: Expected = 403) =>
  people({ anonymous: 'login', member: 403, steward: 403, board, staffSouth, staffNorth, admin });
/** A record in reach of staff North only (and the board and admins, who reach everything). */
const annePage = (staffNorth: Expected, admin: Expected, board: Expected, steward: Expected = 404) =>
  people({ anonymous: 'login', member: 404, steward, staffSouth: 404, board, staffNorth, admin });

const memberForm = (f: Fixtures, who: Who, dateOfBirth = '1980-01-01') => ({
  firstName: 'Matrix',
  lastName: `Medlem ${who}`,
  email: '',
  extraEmails: '',
  phone: who === 'admin' ? '+45 10 10 10 10' : '+45 20 20 20 20',
  addressLine: '',
  postalCode: '',
  city: '',
  country: 'DK',
  dateOfBirth,
  preferredLocale: '',
  unitId: f.org.north,
  typeId: f.typeId,
  memberNumber: '',
  joinedOn: '',
});

const PAGES: Row[] = [
  { method: 'GET', route: '/members', expect: staffPages(200, 200, 200, 200) },
  { method: 'GET', route: '/members/new', expect: staffPages(200, 200, 200) },
  { method: 'GET', route: '/members/export.csv', expect: staffPages(200, 200, 200) },
  { method: 'GET', route: '/members/:id', url: (f) => `/members/${f.anne}`, expect: annePage(200, 200, 200, 200) },
  { method: 'GET', route: '/members/:id/edit', url: (f) => `/members/${f.anne}/edit`, expect: annePage(200, 200, 403) },
  { method: 'GET', route: '/members/:id/status', url: (f) => `/members/${f.anne}/status`, expect: annePage(200, 200, 403) },
  { method: 'GET', route: '/admin/membership-types', expect: people({ anonymous: 'login', member: 403, steward: 403, staffNorth: 403, staffSouth: 403, board: 403, admin: 200 }) },
];

const FORMS: Row[] = [
  {
    method: 'POST',
    route: '/members',
    body: (f, who) => ({ ...memberForm(f, who), status: 'active' }),
    // Staff of the other district pass the guard but may not place a member in this one.
    expect: staffPages({ status: 303, location: /^\/members\/[0-9a-f-]{36}$/ }, 422, { status: 303, location: /^\/members\/[0-9a-f-]{36}$/ }),
    changes: true,
  },
  {
    method: 'POST',
    route: '/members/:id/edit',
    url: (f) => `/members/${f.anne}/edit`,
    body: (f, who) => ({ ...memberForm(f, who, '1971-04-09'), firstName: 'Anne', lastName: NAME }),
    expect: annePage({ status: 303, location: '' }, { status: 303, location: '' }, 403),
    changes: true,
  },
  {
    method: 'POST',
    route: '/members/:id/status',
    url: (f) => `/members/${f.anne}/status`,
    body: (_f, who) => ({ action: who === 'admin' ? 'reinstate' : 'resign', onDate: today(), reason: '' }),
    expect: annePage({ status: 303, location: '' }, { status: 303, location: '' }, 403),
    changes: true,
  },
  {
    method: 'POST',
    route: '/admin/membership-types',
    body: () => ({ code: 'matrix', name: 'Matrixtype', position: '9' }),
    expect: people({ anonymous: 'login', member: 403, steward: 403, staffNorth: 403, staffSouth: 403, board: 403, admin: { status: 303, location: '/admin/membership-types' } }),
    changes: true,
  },
  {
    method: 'POST',
    route: '/admin/membership-types/:id',
    url: (f) => `/admin/membership-types/${f.typeToEdit}`,
    body: () => ({ name: 'Omdøbt type', position: '3', active: 'on' }),
    expect: people({ anonymous: 'login', member: 403, steward: 403, staffNorth: 403, staffSouth: 403, board: 403, admin: { status: 303, location: '/admin/membership-types' } }),
    changes: true,
  },
];

const memberJson = (f: Fixtures, who: Who) => ({ firstName: 'Api', lastName: `Medlem ${who}`, unitId: f.org.north, typeId: f.typeId, dateOfBirth: '1980-01-01' });

const API: Row[] = [
  { method: 'GET', route: '/api/v1/members', expect: api({ tokenStaff: 200, tokenAdmin: 200, tokenStaffSouth: 200, tokenBoard: 200, tokenMember: 403 }) },
  { method: 'GET', route: '/api/v1/members/types', expect: api({ tokenStaff: 200, tokenAdmin: 200, tokenStaffSouth: 200, tokenBoard: 200, tokenMember: 403 }) },
  {
    method: 'POST',
    route: '/api/v1/members',
    body: memberJson,
    expect: api({ tokenStaff: 201, tokenAdmin: 201, tokenStaffSouth: 422, tokenBoard: 403, tokenMember: 403 }),
    changes: true,
  },
  { method: 'GET', route: '/api/v1/members/:id', url: (f) => `/api/v1/members/${f.anne}`, expect: api({ tokenStaff: 200, tokenAdmin: 200, tokenStaffSouth: 404, tokenBoard: 200, tokenMember: 404 }) },
  {
    method: 'PATCH',
    route: '/api/v1/members/:id',
    url: (f) => `/api/v1/members/${f.anne}`,
    body: (_f, who) => ({ phone: who === 'tokenAdmin' ? '+45 30 30 30 30' : '+45 40 40 40 40' }),
    expect: api({ tokenStaffSouth: 404, tokenBoard: 403, tokenMember: 404, tokenStaff: 200, tokenAdmin: 200 }),
    changes: true,
  },
  {
    method: 'POST',
    route: '/api/v1/members/:id/status',
    url: (f) => `/api/v1/members/${f.anne}/status`,
    body: (_f, who) => ({ action: who === 'tokenAdmin' ? 'reinstate' : 'resign', onDate: today() }),
    expect: api({ tokenStaffSouth: 404, tokenBoard: 403, tokenMember: 404, tokenStaff: 200, tokenAdmin: 200 }),
    changes: true,
  },
  {
    method: 'POST',
    route: '/api/v1/members/types',
    body: () => ({ code: 'api_type', name: 'API-type' }),
    expect: api({ tokenStaff: 403, tokenStaffSouth: 403, tokenBoard: 403, tokenMember: 403, tokenAdmin: 201 }),
    changes: true,
  },
  {
    method: 'PATCH',
    route: '/api/v1/members/types/:id',
    url: (f) => `/api/v1/members/types/${f.typeToEdit}`,
    body: () => ({ name: 'API-omdøbt type' }),
    expect: api({ tokenStaff: 403, tokenStaffSouth: 403, tokenBoard: 403, tokenMember: 403, tokenAdmin: 200 }),
    changes: true,
  },
];

// --- the register under test -----------------------------------------------------------------

/** Anne's details that only staff of her district, the board and admins may read. */
const PRIVATE = ['1971-04-09', '9. april 1971', 'FORTROLIG-ÅRSAG-4711'];
/** Her name: a steward at her workplace may see it too, nobody else below. */
const NAME = 'Fortroligsen';
const SEES_NOTHING: Who[] = ['anonymous', 'member', 'staffSouth', 'tokenStaffSouth', 'tokenMember'];

let t: TestApp;
let f: Fixtures;
const cookies = {} as Record<Person, string>;
const authorization = {} as Record<Token, string>;
const csrf = {} as Record<'anonymous' | Person, { cookie: string; csrf: string }>;

beforeAll(async () => {
  t = await testApp();
  const org = await seedUnits(t.database);
  const types = await seedMembershipTypes(t.database);
  const workplace = await createWorkplace(t.database, org.north);
  const anne = await addMember(t.database, { firstName: 'Anne', lastName: NAME, unitId: org.north, typeId: types.ordinary, dateOfBirth: '1971-04-09', joinedOn: '2001-01-01' });
  await employ(t.database, anne.id, workplace.id);
  const [membership] = await t.database.db.select().from(memberships).where(eq(memberships.personId, anne.id));
  await t.database.db.insert(membershipEvents).values({ membershipId: membership.id, onDate: '2001-01-01', status: 'active', reason: PRIVATE[2] });
  await addMember(t.database, { firstName: 'Sine', lastName: 'Sydbo', unitId: org.south, typeId: types.ordinary });
  const member = await addMember(t.database, { firstName: 'Mads', lastName: 'Medlem', unitId: org.north, typeId: types.ordinary });
  const steward = await addMember(t.database, { firstName: 'Tove', lastName: 'Tillid', unitId: org.north, typeId: types.ordinary });
  await t.database.db.insert(roleAssignments).values({ personId: steward.id, role: 'steward', workplaceId: workplace.id });
  const ids: Record<Person, string> = {
    member: member.id,
    steward: steward.id,
    staffNorth: (await createPerson(t.database, [['staff', org.north]])).id,
    staffSouth: (await createPerson(t.database, [['staff', org.south]])).id,
    board: (await createPerson(t.database, [['board', null]])).id,
    admin: (await createPerson(t.database, [['admin', null]])).id,
  };
  for (const p of PERSONS) cookies[p] = (await loginAs(t.database, ids[p])).cookie;
  authorization.tokenStaff = (await bearer(t.database, 'staff', org.north)).authorization;
  authorization.tokenAdmin = (await bearer(t.database, 'admin', null)).authorization;
  authorization.tokenStaffSouth = (await bearer(t.database, 'staff', org.south)).authorization;
  authorization.tokenBoard = (await bearer(t.database, 'board', null)).authorization;
  authorization.tokenMember = (await bearer(t.database, 'member', org.north)).authorization;
  f = { org, anne: anne.id, typeId: types.ordinary, typeToEdit: types.retired };
  csrf.anonymous = await formSession(t.app, '/login');
  for (const p of PERSONS) csrf[p] = await formSession(t.app, '/', cookies[p]);
});
afterAll(() => t.close());

/** Every table these routes can write, the audit log included: a refusal leaves all of it as it was. */
async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(`
    select json_build_object(
      'persons', (select coalesce(json_agg(json_build_array(id, first_name, last_name, email, phone, updated_at) order by id), '[]') from persons),
      'memberships', (select coalesce(json_agg(json_build_array(id, status, status_since, unit_id, type_id, member_number, updated_at) order by id), '[]') from memberships),
      'sections', (select count(*) from membership_sections),
      'events', (select count(*) from membership_events),
      'types', (select coalesce(json_agg(json_build_array(id, code, name, position, active) order by id), '[]') from membership_types),
      'audit', (select count(*) from audit_events)
    )::text as f`);
  return String(r.rows[0].f);
}

const urlOf = (row: Row) => (row.url ? row.url(f) : row.route);

async function call(row: Row, who: Who): Promise<LightMyRequestResponse> {
  const url = urlOf(row);
  const headers: Record<string, string> = {};
  if (who in authorization) headers.authorization = authorization[who as Token];
  if (url.startsWith('/api/')) {
    if (who in cookies) headers.cookie = cookies[who as Person];
    const body = row.body?.(f, who);
    if (body) headers['content-type'] = 'application/json';
    return t.app.inject({ method: row.method, url, headers, ...(body ? { payload: JSON.stringify(body) } : {}) });
  }
  if (row.method === 'GET') {
    if (who in cookies) headers.cookie = cookies[who as Person];
    return t.app.inject({ method: 'GET', url, headers: { ...headers, accept: 'text/html' } });
  }
  const session = csrf[who as 'anonymous' | Person];
  return t.app.inject({
    method: row.method,
    url,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ _csrf: session.csrf, ...(row.body?.(f, who) as Record<string, string> | undefined) }).toString(),
  });
}

const statusOf = (e: Expected) => (e === 'login' ? 303 : typeof e === 'number' ? e : e.status);
const refusal = (e: Expected) => e === 'login' || [401, 403, 404].includes(statusOf(e));

async function walk(row: Row): Promise<string[]> {
  const wrong: string[] = [];
  // Those who pass go last, so their change cannot hide a refused caller's change.
  const order = (Object.keys(row.expect) as Who[]).sort((a, b) => Number(!refusal(row.expect[a]!)) - Number(!refusal(row.expect[b]!)));
  for (const who of order) {
    const expected = row.expect[who]!;
    const before = await fingerprint();
    const res = await call(row, who);
    const location = String(res.headers.location ?? '');
    if (res.statusCode !== statusOf(expected)) wrong.push(`${who}: expected ${statusOf(expected)}, got ${res.statusCode} ${res.body.slice(0, 300)}`);
    if (expected === 'login' && location !== `/login?next=${encodeURIComponent(urlOf(row))}`) wrong.push(`${who}: expected the log-in page, went to ${location}`);
    if (typeof expected === 'object') {
      const want = expected.location === '' ? `/members/${f.anne}` : expected.location;
      if (typeof want === 'string' ? location !== want : !want.test(location)) wrong.push(`${who}: redirected to ${location}`);
    }
    const after = await fingerprint();
    if (refusal(expected) && after !== before) wrong.push(`${who}: was refused but the database changed`);
    if (row.changes && !refusal(expected) && statusOf(expected) < 400 && after === before) wrong.push(`${who}: succeeded but nothing was written`);
    const leaks = [...PRIVATE, ...(SEES_NOTHING.includes(who) || res.statusCode >= 300 ? [NAME] : [])].filter((s) => res.body.includes(s));
    if ((res.statusCode >= 300 || SEES_NOTHING.includes(who) || who === 'steward') && leaks.length > 0) wrong.push(`${who}: ${res.statusCode} answer contains ${leaks.join(', ')}`);
    if (urlOf(row).startsWith('/api/') && (res.statusCode === 401 || res.statusCode === 403 || res.statusCode === 404)) {
      if (!String(res.headers['content-type']).startsWith('application/problem+json')) wrong.push(`${who}: API refusal is not problem+json`);
    }
  }
  return wrong;
}

/** The register's prefixes, without the import's own routes (another feature's matrix walks those). */
const PREFIXES = ['/members', '/api/v1/members', '/admin/membership-types'];
const NOT_OURS = ['/members/import', '/api/v1/members/import'];

function ourRoutes(): string[] {
  return registeredRoutes(
    t.app,
    (path) => PREFIXES.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}.`)) && !NOT_OURS.some((p) => path.startsWith(p)),
  ).map((r) => `${r.method} ${r.path}`);
}

describe('the register’s permission matrix', () => {
  it('lists every route under its prefixes, and only those', () => {
    const listed = [...PAGES, ...FORMS, ...API].map((r) => `${r.method} ${r.route}`);
    const registered = ourRoutes();
    expect(registered.filter((r) => !listed.includes(r))).toEqual([]);
    expect(listed.filter((l) => !registered.includes(l))).toEqual([]);
    for (const r of [...PAGES, ...FORMS, ...API]) expect(t.app.hasRoute({ method: r.method, url: r.route }), `${r.method} ${r.route}`).toBe(true);
  });

  it('shows the private details to those who may read them', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/members/${f.anne}`, headers: { cookie: cookies.staffNorth } });
    for (const s of [NAME, PRIVATE[1], PRIVATE[2]]) expect(page.body).toContain(s);
  });

  describe('pages', () => {
    for (const row of PAGES) it(`${row.method} ${row.route}`, async () => expect(await walk(row)).toEqual([]));
  });
  describe('forms: callers who may not are refused even with a valid CSRF token, and nothing changes', () => {
    for (const row of FORMS) it(`${row.method} ${row.route}`, async () => expect(await walk(row)).toEqual([]));
  });
  describe('API', () => {
    for (const row of API) it(`${row.method} ${row.route}`, async () => expect(await walk(row)).toEqual([]));
  });

  it('a form without a CSRF token changes nothing', async () => {
    const before = await fingerprint();
    const res = await t.app.inject({
      method: 'POST',
      url: `/members/${f.anne}/status`,
      headers: { cookie: cookies.staffNorth, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ action: 'resign', onDate: today() }).toString(),
    });
    expect(res.statusCode).toBe(403);
    expect(await fingerprint()).toBe(before);
  });
});
