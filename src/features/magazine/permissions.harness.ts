import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { formSession, loginAs, postForm, type TestApp } from '../../test/app.js';
import { registeredRoutes } from '../../test/routes.js';
import { multipart, type PublishingWorld } from './magazine.fixture.js';

/**
 * Walks every route of a feature with every kind of caller, as `workplace-meetings/page-permissions`
 * does: a refused caller changes nothing; a caller who may act changes the database.
 */

export const CALLERS = ['anonymous', 'member', 'nonMember', 'steward', 'board', 'staff', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];
export type Expected = number | 'login';
export type Expectations = Record<Caller, Expected>;

export interface Row {
  method: 'GET' | 'POST';
  route: string;
  /** Builds the URL (and anything fresh it needs) for one caller. */
  url: () => Promise<string>;
  expect: Expectations;
  body?: () => Record<string, string>;
  /** Sent as multipart/form-data with this file. */
  file?: { field: string; name: string; type: string; bytes: Buffer };
  changes?: boolean;
}

export const all = (e: Expected): Expectations => ({ anonymous: e, member: e, nonMember: e, steward: e, board: e, staff: e, admin: e });
/** Staff and admins only: a visitor is asked to log in, everyone else refused. */
export const staffOnly = (ok: number): Expectations => ({ anonymous: 'login', member: 403, nonMember: 403, steward: 403, board: 403, staff: ok, admin: ok });
/** What a members-only issue keeps for members (and the union's own people). */
export const membersOnly = (ok: number): Expectations => ({ anonymous: 'login', member: ok, nonMember: 403, steward: ok, board: ok, staff: ok, admin: ok });

export async function callerCookies(t: TestApp, w: PublishingWorld): Promise<Record<Exclude<Caller, 'anonymous'>, string>> {
  const out = {} as Record<Exclude<Caller, 'anonymous'>, string>;
  for (const who of CALLERS) if (who !== 'anonymous') out[who] = (await loginAs(t.database, w[who].id)).cookie;
  return out;
}

async function call(t: TestApp, row: Row, cookie: string, fingerprint: () => Promise<string>): Promise<{ res: LightMyRequestResponse; before: string; after: string }> {
  const url = await row.url();
  let res: LightMyRequestResponse;
  let before: string;
  if (row.method === 'GET') {
    before = await fingerprint();
    res = await t.app.inject({ method: 'GET', url, headers: { ...(cookie ? { cookie } : {}), accept: 'text/html' } });
  } else {
    const session = await formSession(t.app, cookie ? '/' : '/login', cookie);
    before = await fingerprint();
    if (row.file) {
      const body = multipart(session.csrf, row.body?.() ?? {}, [row.file]);
      res = await t.app.inject({ method: 'POST', url, headers: { cookie: session.cookie, 'content-type': body.contentType, accept: 'text/html' }, payload: body.payload });
    } else res = await postForm(t.app, url, session, row.body?.() ?? {});
  }
  return { res, before, after: await fingerprint() };
}

/** The matrix must list exactly the routes the app registers under the feature's prefixes. */
export function expectAllRoutesListed(t: TestApp, rows: Row[], mine: (path: string) => boolean): void {
  const registered = registeredRoutes(t.app, mine)
    .filter((r) => r.method === 'GET' || r.method === 'POST')
    .map((r) => `${r.method} ${r.path}`);
  const listed = rows.map((r) => `${r.method} ${r.route}`);
  expect(registered.filter((r) => !listed.includes(r))).toEqual([]);
  expect(listed.filter((l) => !registered.includes(l))).toEqual([]);
}

export async function walkRow(t: TestApp, row: Row, cookies: Record<Exclude<Caller, 'anonymous'>, string>, fingerprint: () => Promise<string>): Promise<string[]> {
  const wrong: string[] = [];
  for (const who of CALLERS) {
    const expected = row.expect[who];
    const { res, before, after } = await call(t, row, who === 'anonymous' ? '' : cookies[who], fingerprint);
    const passes = expected !== 'login' && expected < 400;
    if (expected === 'login') {
      if (res.statusCode !== 302 && res.statusCode !== 303) wrong.push(`${who}: expected the log-in page, got ${res.statusCode}`);
      else if (!String(res.headers.location).startsWith('/login')) wrong.push(`${who}: redirected to ${res.headers.location}`);
    } else if (res.statusCode !== expected) wrong.push(`${who}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
    if (!passes && after !== before) wrong.push(`${who}: refused (${res.statusCode}) but the database changed`);
    if (row.changes && passes && after === before) wrong.push(`${who}: succeeded but nothing was written`);
  }
  return wrong;
}
