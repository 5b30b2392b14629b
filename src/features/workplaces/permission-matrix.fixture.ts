import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { bearer, createPerson, formSession, loginAs, type Org, type TestApp } from '../../test/app.js';
import { registeredRoutes as allRoutes } from '../../test/routes.js';

/**
 * The permission walk the register's features share (workplaces, member companies, staff directory):
 * every route with every kind of caller, modelled on `src/platform/permissions.test.ts`. A feature's
 * `permissions.test.ts` lists its rows; `registeredRoutes` proves the list has every route under
 * its prefixes.
 */

export const PERSONS = ['member', 'steward', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
export const TOKENS = ['tokenStaff', 'tokenAdmin'] as const;
export type Person = (typeof PERSONS)[number];
export type Who = 'anonymous' | Person | (typeof TOKENS)[number];

/** A status, or a redirect to a place ('login' is the log-in page with `next` pointing back). */
export type Expected = number | 'login' | { status: number; location: string };
export type Expectations = Partial<Record<Who, Expected>>;

export interface Row<F> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  route: string;
  url?: (f: F) => string;
  expect: Expectations;
  /** Form fields (pages) or JSON body (API); called once per caller, so it may differ each time. */
  body?: (f: F) => Record<string, unknown>;
  /** The callers who pass must change the database. */
  changes?: boolean;
  /** Runs before each caller, e.g. to put back what the previous caller removed. */
  prepare?: (f: F) => Promise<void>;
}

export const everyone = (status: Expected, who: readonly Who[] = ['anonymous', ...PERSONS]): Expectations => Object.fromEntries(who.map((w) => [w, status]));
/** The API is Bearer-only: a session cookie counts for nothing there. */
export const apiOnly = (tokens: Partial<Record<(typeof TOKENS)[number], Expected>>): Expectations => ({ ...everyone(401), ...tokens });

export interface Callers {
  personIds: Record<Person, string>;
  cookies: Record<Person, string>;
  authorization: Record<(typeof TOKENS)[number], string>;
  /** A browser's CSRF cookie and token per caller. */
  csrf: Record<'anonymous' | Person, { cookie: string; csrf: string }>;
}

/** Logs in one person per kind of caller; the steward holds office at `stewardWorkplaceId` (a workplace in `org.north`). */
export async function setUpCallers(t: TestApp, org: Org, stewardWorkplaceId: string): Promise<Callers> {
  const roles: Record<Person, Parameters<typeof createPerson>[1]> = {
    member: [['member', org.north]],
    steward: [['steward', null, stewardWorkplaceId]],
    staffNorth: [['staff', org.north]],
    staffSouth: [['staff', org.south]],
    board: [['board', null]],
    admin: [['admin', null]],
  };
  const personIds = {} as Record<Person, string>;
  const cookies = {} as Record<Person, string>;
  for (const p of PERSONS) {
    personIds[p] = (await createPerson(t.database, roles[p], { firstName: p, lastName: 'Matrix' })).id;
    cookies[p] = (await loginAs(t.database, personIds[p])).cookie;
  }
  const authorization = {
    tokenStaff: (await bearer(t.database, 'staff', org.north)).authorization,
    tokenAdmin: (await bearer(t.database, 'admin', null)).authorization,
  };
  const csrf = { anonymous: await formSession(t.app, '/login') } as unknown as Callers['csrf'];
  for (const p of PERSONS) csrf[p] = await formSession(t.app, '/', cookies[p]);
  return { personIds, cookies, authorization, csrf };
}

export async function call<F>(app: FastifyInstance, callers: Callers, f: F, row: Row<F>, who: Who): Promise<LightMyRequestResponse> {
  const url = row.url ? row.url(f) : row.route;
  const headers: Record<string, string> = {};
  if (who in callers.authorization) headers.authorization = callers.authorization[who as keyof Callers['authorization']];
  if (url.startsWith('/api/')) {
    if (who in callers.cookies) headers.cookie = callers.cookies[who as Person];
    const body = row.body?.(f);
    if (body) headers['content-type'] = 'application/json';
    return app.inject({ method: row.method, url, headers, ...(body ? { payload: JSON.stringify(body) } : {}) });
  }
  if (row.method === 'GET') {
    if (who in callers.cookies) headers.cookie = callers.cookies[who as Person];
    return app.inject({ method: 'GET', url, headers: { ...headers, accept: 'text/html' } });
  }
  const session = callers.csrf[who as 'anonymous' | Person];
  return app.inject({
    method: row.method,
    url,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ _csrf: session.csrf, ...(row.body?.(f) as Record<string, string> | undefined) }).toString(),
  });
}

function passes(e: Expected): boolean {
  const status = e === 'login' ? 303 : typeof e === 'number' ? e : e.status;
  return e !== 'login' && status < 400;
}

export interface Walk<F> {
  app: FastifyInstance;
  callers: Callers;
  fixtures: F;
  /** Everything a route here can write. */
  fingerprint(): Promise<string>;
  /** Strings only some callers may ever see. */
  secrets: string[];
  mayKnowSecrets: readonly Who[];
}

/** Runs one row for every caller it lists and returns what did not match, so one failure shows them all. */
export async function walk<F>(w: Walk<F>, row: Row<F>): Promise<string[]> {
  const wrong: string[] = [];
  const writes = row.method !== 'GET';
  const url = row.url ? row.url(w.fixtures) : row.route;
  // The callers who may pass go last: their change must not hide a refused caller's change.
  const order = (Object.keys(row.expect) as Who[]).sort((a, b) => Number(passes(row.expect[a]!)) - Number(passes(row.expect[b]!)));
  for (const who of order) {
    const expected = row.expect[who]!;
    await row.prepare?.(w.fixtures);
    const before = writes ? await w.fingerprint() : '';
    const res = await call(w.app, w.callers, w.fixtures, row, who);
    const want = expected === 'login' ? { status: 303, location: `/login?next=${encodeURIComponent(url)}` } : typeof expected === 'number' ? { status: expected } : expected;
    const got = { status: res.statusCode, ...('location' in want ? { location: String(res.headers.location) } : {}) };
    if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${who}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)} ${res.body.slice(0, 300)}`);
    // Refused or failed: nothing written (a GET may only record that someone looked).
    if (writes && res.statusCode >= 400 && (await w.fingerprint()) !== before) wrong.push(`${who}: answered ${res.statusCode} but the database changed`);
    if (writes && expected === 'login' && (await w.fingerprint()) !== before) wrong.push(`${who}: was sent to log in but the database changed`);
    if (row.changes && passes(expected) && (await w.fingerprint()) === before) wrong.push(`${who}: succeeded but nothing was written`);
    // A refusal carries nothing protected; a form re-shown with its errors may, to whom it belongs.
    const refused = [401, 403, 404].includes(res.statusCode) || expected === 'login';
    if ((refused || !w.mayKnowSecrets.includes(who)) && w.secrets.some((s) => res.body.includes(s))) wrong.push(`${who}: ${res.statusCode} answer contains protected data`);
    if (res.statusCode === 403 && !url.startsWith('/api/') && !res.body.includes('Du har ikke adgang')) wrong.push(`${who}: 403 page without the Danish refusal`);
    if (res.statusCode === 404 && !url.startsWith('/api/') && row.method === 'GET' && !res.body.includes('Siden findes ikke')) wrong.push(`${who}: 404 without the Danish page`);
    if (url.startsWith('/api/') && res.statusCode >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json')) wrong.push(`${who}: API refusal is not problem+json`);
  }
  return wrong;
}

/** Every route the app registers under these prefixes, as `METHOD path` without slashes. */
export function registeredRoutes(app: FastifyInstance, prefixes: string[]): string[] {
  return allRoutes(app, (path) => prefixes.some((p) => path === p || path.startsWith(`${p}/`))).map((r) => `${r.method} ${r.path.replace(/\/+/g, '')}`);
}

/** The rows' routes, in the same form as `registeredRoutes`. */
export function listedRoutes<F>(rows: Row<F>[]): string[] {
  return rows.map((r) => `${r.method} ${r.route.replace(/\/+/g, '')}`);
}
