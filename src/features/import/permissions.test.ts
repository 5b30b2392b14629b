import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { bearer, createPerson, createWorkplace, formSession, loginAs, testApp, type TestApp } from '../../test/app.js';
import { registerSnapshot, seedForImport, type ImportFixtures } from './import.fixture.js';
import { registeredRoutes } from '../../test/routes.js';

/**
 * Every import route with every kind of caller: who may pass, and that a refused caller changes
 * nothing and sees nothing. A new route under the import's prefixes must get a row here.
 */

const PERSONS = ['member', 'steward', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
const TOKENS = ['tokenStaffNorth', 'tokenStaffSouth', 'tokenAdmin'] as const;
type Person = (typeof PERSONS)[number];
type Token = (typeof TOKENS)[number];
type Who = 'anonymous' | Person | Token;
type Expected = number | 'login';

interface Row {
  method: 'GET' | 'POST';
  route: string;
  expect: Partial<Record<Who, Expected>>;
  /** A CSV file (uploaded on pages, the body on the API) or the apply form's hidden field. */
  send?: 'upload' | 'apply' | 'csv';
  kind?: 'members' | 'workplaces';
  /** Callers who pass write to the register (so a refusal's "nothing changed" means something). */
  changes?: boolean;
}

const pageAccess = (pass: number, south = pass): Row['expect'] => ({ anonymous: 'login', member: 403, steward: 403, board: 403, staffNorth: pass, staffSouth: south, admin: pass });
// The API is Bearer-only: session cookies count for nothing there.
const apiAccess = (pass: number, south: number): Row['expect'] => ({ ...Object.fromEntries(['anonymous', ...PERSONS].map((w) => [w, 401])), tokenStaffNorth: pass, tokenStaffSouth: south, tokenAdmin: pass });

const ROWS: Row[] = [
  { method: 'GET', route: '/members/import', expect: pageAccess(200) },
  { method: 'GET', route: '/members/import/workplaces', expect: pageAccess(200) },
  // The files are for Kreds Nord: southern staff may use the page, but their rows are refused (422).
  { method: 'POST', route: '/members/import', send: 'upload', kind: 'members', expect: pageAccess(200, 422) },
  { method: 'POST', route: '/members/import/apply', send: 'apply', kind: 'members', expect: pageAccess(303, 422), changes: true },
  { method: 'POST', route: '/members/import/workplaces', send: 'upload', kind: 'workplaces', expect: pageAccess(200, 422) },
  { method: 'POST', route: '/members/import/workplaces/apply', send: 'apply', kind: 'workplaces', expect: pageAccess(303, 422), changes: true },
  { method: 'POST', route: '/api/v1/members/import', send: 'csv', kind: 'members', expect: apiAccess(200, 422), changes: true },
  { method: 'POST', route: '/api/v1/members/import/workplaces', send: 'csv', kind: 'workplaces', expect: apiAccess(200, 422), changes: true },
];

const PREFIXES = ['/members/import', '/api/v1/members/import'];

/** A member in Kreds Nord whose details only the import's rightful users could ever be shown (they are not). */
const SECRET = { firstName: 'Hemmelig', lastName: 'Hemmeligsen-4711', email: 'hemmelig.4711@example.org' };

let t: TestApp;
let f: ImportFixtures;
const cookies = {} as Record<Person, string>;
const authorization = {} as Record<Token, string>;
let counter = 0;

/** A file that is fine for Kreds Nord; each call names new people and places, so each passing caller writes. */
function file(kind: 'members' | 'workplaces'): string {
  counter++;
  if (kind === 'workplaces') return `name;employer_kind;unit\nMatrixstedet ${counter};kommune;Kreds Nord\n`;
  return `fornavn;efternavn;e-mail;kreds\nMatrix;Medlem ${counter};matrix.${counter}@example.org;Kreds Nord\n`;
}

function multipart(fields: Record<string, string>, csv?: string) {
  const boundary = '----forening-matrix';
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  if (csv !== undefined) parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="csvFile"; filename="matrix.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n`);
  return { payload: Buffer.from(parts.join('') + `--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}

beforeAll(async () => {
  t = await testApp();
  f = await seedForImport(t.database);
  const workplace = await createWorkplace(t.database, f.org.north, 'Matrixværkstedet');
  const roles: Record<Person, Parameters<typeof createPerson>[1]> = {
    member: [['member', f.org.north]],
    steward: [['steward', null, workplace.id]],
    staffNorth: [['staff', f.org.north]],
    staffSouth: [['staff', f.org.south]],
    board: [['board', null]],
    admin: [['admin', null]],
  };
  for (const p of PERSONS) cookies[p] = (await loginAs(t.database, (await createPerson(t.database, roles[p], { firstName: p })).id)).cookie;
  authorization.tokenStaffNorth = (await bearer(t.database, 'staff', f.org.north)).authorization;
  authorization.tokenStaffSouth = (await bearer(t.database, 'staff', f.org.south)).authorization;
  authorization.tokenAdmin = (await bearer(t.database, 'admin', null)).authorization;
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/members/import?dryRun=false',
    headers: { authorization: authorization.tokenAdmin, 'content-type': 'text/csv' },
    payload: `first_name,last_name,email,unit\n${SECRET.firstName},${SECRET.lastName},${SECRET.email},Kreds Nord\n`,
  });
});
afterAll(() => t.close());

async function call(row: Row, who: Who): Promise<LightMyRequestResponse> {
  const csv = row.kind ? file(row.kind) : '';
  if (row.route.startsWith('/api/')) {
    const headers: Record<string, string> = { 'content-type': 'text/csv' };
    if (who in authorization) headers.authorization = authorization[who as Token];
    if (who in cookies) headers.cookie = cookies[who as Person];
    return t.app.inject({ method: row.method, url: `${row.route}?dryRun=false`, headers, payload: csv });
  }
  const cookie = who === 'anonymous' ? '' : cookies[who as Person];
  if (row.method === 'GET') return t.app.inject({ method: 'GET', url: row.route, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
  // A form as a browser posts it: this caller's session and a valid CSRF token (for visitors the
  // log-in page has a form; for people logged in, the front page's language switcher is one).
  const s = await formSession(t.app, cookie ? '/' : '/login', cookie);
  const body = row.send === 'upload' ? multipart({ _csrf: s.csrf }, csv) : multipart({ _csrf: s.csrf, content: gzipSync(csv).toString('base64') });
  return t.app.inject({ method: 'POST', url: row.route, headers: { cookie: s.cookie, 'content-type': body.contentType, accept: 'text/html' }, payload: body.payload });
}

async function walk(row: Row): Promise<string[]> {
  const wrong: string[] = [];
  for (const [who, expected] of Object.entries(row.expect) as [Who, Expected][]) {
    const before = await registerSnapshot(t.database);
    const res = await call(row, who);
    const want = expected === 'login' ? { status: 303, location: `/login?next=${encodeURIComponent(row.route)}` } : { status: expected };
    const got = { status: res.statusCode, ...('location' in want ? { location: String(res.headers.location) } : {}) };
    if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${who}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)} ${res.body.slice(0, 300)}`);
    const passed = expected === 200 || expected === 303;
    const changed = (await registerSnapshot(t.database)) !== before;
    if (!passed && row.method === 'POST' && changed) wrong.push(`${who}: was refused (${res.statusCode}) but the register changed`);
    if (passed && row.changes && !changed) wrong.push(`${who}: passed but nothing was written`);
    if (Object.values(SECRET).some((s) => res.body.includes(s))) wrong.push(`${who}: the answer shows a member's details`);
    if (res.statusCode === 403 && !res.body.includes('Du har ikke adgang')) wrong.push(`${who}: 403 page without the Danish refusal`);
    if (row.route.startsWith('/api/') && res.statusCode === 401 && res.json().code !== 'auth.required') wrong.push(`${who}: API refusal is not auth.required`);
  }
  return wrong;
}

/** The routes Fastify has under the import's prefixes. */
function ourRoutes(): string[] {
  return registeredRoutes(t.app, (path) => PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))).map((r) => `${r.method} ${r.path}`);
}

describe('the import’s permission matrix', () => {
  it('lists every route under /members/import and /api/v1/members/import', () => {
    expect(ourRoutes().sort()).toEqual(ROWS.map((r) => `${r.method} ${r.route}`).sort());
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      expect(await walk(row)).toEqual([]);
    });
  }

  it('a staff member of another district sees why their rows were refused, and nothing of the register', async () => {
    const res = await call(ROWS[2], 'staffSouth');
    expect(res.body).toContain('du kan ikke importere til »Kreds Nord«');
    // Updating a northern member by e-mail is refused without a word about who that is.
    const s = await formSession(t.app, '/', cookies.staffSouth);
    const body = multipart({ _csrf: s.csrf }, `fornavn;efternavn;e-mail\nKapret;Navn;${SECRET.email}\n`);
    const takeover = await t.app.inject({ method: 'POST', url: '/members/import', headers: { cookie: s.cookie, 'content-type': body.contentType, accept: 'text/html' }, payload: body.payload });
    expect(takeover.statusCode).toBe(422);
    expect(takeover.body).toContain('Personen findes i registret under en enhed, du ikke kan ændre i.');
    expect(takeover.body).not.toContain(SECRET.lastName);
  });
});
