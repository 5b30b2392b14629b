import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { formSession, postForm, postMultipart, type FormFile } from './app.js';
import { registeredRoutes } from './routes.js';

/**
 * The page permission matrix the features share: a feature lists every page route it registers as
 * rows, each with what every kind of caller must get, and walks them here. A refused caller changes
 * nothing; a caller who may act on a writing route changes the database. The kinds of caller (`C`)
 * and the world they meet are the feature's own; the caller named 'anonymous' has no session.
 */

/** A status, or 'login': sent to the log-in page. */
export type Expected = number | 'login';
export type Expectations<C extends string> = Record<C, Expected>;
/** A session cookie for every caller but the anonymous one. */
export type SessionCookies<C extends string> = Record<Exclude<C, 'anonymous'>, string>;

export interface PageRow<C extends string> {
  method: 'GET' | 'POST';
  /** The route as Fastify registers it. */
  route: string;
  /** Builds the URL (and anything fresh it needs); called once for each caller. */
  url: () => Promise<string>;
  expect: Expectations<C>;
  /** Form fields; called once for each caller, so they may differ each time. */
  body?: () => Record<string, string>;
  /** Sent as multipart/form-data, as a form with a file input sends it. */
  multipart?: boolean;
  /** Sent as multipart/form-data with this file. */
  file?: FormFile;
  /** A caller who may act must change the database. */
  changes?: boolean;
}

export interface PageMatrix<C extends string> {
  app: FastifyInstance;
  /** Every kind of caller, in the order each row is tried. */
  callers: readonly C[];
  cookies: SessionCookies<C>;
  /** Everything the feature's routes can write, as one string to compare before and after a call. */
  fingerprint: () => Promise<string>;
  /** A feature's own check of one answer: what is wrong with it, if anything. */
  check?: (who: C, res: LightMyRequestResponse) => string | undefined;
}

/** The same answer for every kind of caller. */
export function everyone<C extends string>(callers: readonly C[], expected: Expected): Expectations<C> {
  return Object.fromEntries(callers.map((who) => [who, expected])) as Expectations<C>;
}

/**
 * The rows must list exactly the routes the app registers under the feature's paths (`mine`), every
 * method, so a new route cannot go unwalked. A route listed twice (one per state) counts once.
 */
export function expectEveryRouteListed(app: FastifyInstance, rows: readonly { method: string; route: string }[], mine: (path: string) => boolean): void {
  const registered = [...new Set(registeredRoutes(app, mine).map((r) => `${r.method} ${r.path}`))];
  const listed = [...new Set(rows.map((r) => `${r.method} ${r.route}`))];
  expect(registered.filter((r) => !listed.includes(r))).toEqual([]);
  expect(listed.filter((l) => !registered.includes(l))).toEqual([]);
}

function cookieOf<C extends string>(m: PageMatrix<C>, who: C): string {
  if (who === 'anonymous') return '';
  const cookie = m.cookies[who as Exclude<C, 'anonymous'>];
  // Without this a caller whose log-in was forgotten would silently be walked as a visitor.
  if (!cookie) throw new Error(`no session cookie for ${who}`);
  return cookie;
}

async function call<C extends string>(m: PageMatrix<C>, row: PageRow<C>, who: C): Promise<{ res: LightMyRequestResponse; before: string; after: string }> {
  const url = await row.url();
  const cookie = cookieOf(m, who);
  let res: LightMyRequestResponse;
  let before: string;
  if (row.method === 'GET') {
    before = await m.fingerprint();
    res = await m.app.inject({ method: 'GET', url, headers: { ...(cookie ? { cookie } : {}), accept: 'text/html' } });
  } else {
    const session = await formSession(m.app, cookie ? '/' : '/login', cookie);
    const fields = row.body?.() ?? {};
    before = await m.fingerprint();
    if (row.multipart || row.file) res = await postMultipart(m.app, url, session, fields, row.file ? [row.file] : []);
    else res = await postForm(m.app, url, session, fields);
  }
  return { res, before, after: await m.fingerprint() };
}

/** Walks one row with every kind of caller and returns all that did not match, so one failure shows them all. */
export async function checkRow<C extends string>(m: PageMatrix<C>, row: PageRow<C>): Promise<string[]> {
  const wrong: string[] = [];
  for (const who of m.callers) {
    const expected: Expected = row.expect[who];
    const { res, before, after } = await call(m, row, who);
    const passes = expected !== 'login' && expected < 400;
    if (expected === 'login') {
      if (res.statusCode !== 302 && res.statusCode !== 303) wrong.push(`${who}: expected the log-in page, got ${res.statusCode}`);
      else if (!String(res.headers.location).startsWith('/login')) wrong.push(`${who}: redirected to ${res.headers.location}`);
    } else if (res.statusCode !== expected) wrong.push(`${who}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 300)}`);
    if (!passes && after !== before) wrong.push(`${who}: refused (${res.statusCode}) but the database changed`);
    if (row.changes && passes && after === before) wrong.push(`${who}: succeeded but nothing was written`);
    const own = m.check?.(who, res);
    if (own) wrong.push(`${who}: ${own}`);
  }
  return wrong;
}
