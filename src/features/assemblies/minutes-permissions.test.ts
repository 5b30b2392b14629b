import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../platform/actor.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { bearer, loginAs, testApp, type TestApp } from '../../test/app.js';
import { checkRow, everyone, expectEveryRouteListed, type Expectations, type PageRow, type SessionCookies } from '../../test/page-matrix.js';
import { heldAssembly, minutesWorld, type HeldOptions, type MinutesWorld } from './minutes.fixture.js';

/**
 * Every route of the minutes (the pages and the API) with every kind of caller: nobody, a member on
 * the roll, a member of another unit, staff of the unit, staff of another unit, the unit's board, an
 * admin, and the assembly's chair and minute taker (both members on the roll). The minute taker and
 * staff write and publish; the chair and the minute taker approve, staff only where the assembly
 * names nobody for the office; drafts are for the officers, staff and board; published minutes for
 * the roll, or for everyone when public. A refused caller changes nothing.
 */

const CALLERS = ['anonymous', 'member', 'memberElsewhere', 'staffNorth', 'staffSouth', 'board', 'admin', 'chair', 'minuteTaker'] as const;
type Who = (typeof CALLERS)[number];

let t: TestApp;
let w: MinutesWorld;
const cookies = {} as SessionCookies<Who>;
const headers = {} as Record<Who, Record<string, string>>;

const held = async (opts: HeldOptions = {}) => heldAssembly(w, opts);
let n = 0;

/** Drafts: the officers, staff and board of the unit. */
const draft = (anonymous: number | 'login'): Expectations<Who> => ({ anonymous, member: 403, memberElsewhere: 404, staffNorth: 200, staffSouth: 404, board: 200, admin: 200, chair: 200, minuteTaker: 200 });
/** Published for the roll. */
const forRoll = (anonymous: number | 'login'): Expectations<Who> => ({ ...draft(anonymous), member: 200 });
/** Writing the notes and publishing: the minute taker and staff of the unit. */
const writers = (ok: number, anonymous: number | 'login'): Expectations<Who> => ({ anonymous, member: 403, memberElsewhere: 404, staffNorth: ok, staffSouth: 404, board: 403, admin: ok, chair: 403, minuteTaker: ok });
/** Approving: the chair and the minute taker themselves. */
const approvers = (ok: number, anonymous: number | 'login'): Expectations<Who> => ({ anonymous, member: 403, memberElsewhere: 404, staffNorth: 403, staffSouth: 404, board: 403, admin: 403, chair: ok, minuteTaker: ok });

const PAGE_ROUTES = new Set(['/assemblies/archive', '/assemblies/:id/minutes', '/assemblies/:id/minutes.pdf', '/assemblies/:id/minutes/items/:itemId', '/assemblies/:id/minutes/approve', '/assemblies/:id/minutes/publish']);

const PAGES: PageRow<Who>[] = [
  { method: 'GET', route: '/assemblies/archive', url: async () => '/assemblies/archive', expect: everyone(CALLERS, 200) },
  { method: 'GET', route: '/assemblies/:id/minutes', url: async () => `/assemblies/${(await held()).id}/minutes`, expect: draft('login') },
  { method: 'GET', route: '/assemblies/:id/minutes', url: async () => `/assemblies/${(await held({ stage: 'published' })).id}/minutes`, expect: forRoll('login') },
  { method: 'GET', route: '/assemblies/:id/minutes', url: async () => `/assemblies/${(await held({ stage: 'published', visibility: 'public' })).id}/minutes`, expect: everyone(CALLERS, 200) },
  { method: 'GET', route: '/assemblies/:id/minutes.pdf', url: async () => `/assemblies/${(await held()).id}/minutes.pdf`, expect: draft('login') },
  { method: 'GET', route: '/assemblies/:id/minutes.pdf', url: async () => `/assemblies/${(await held({ stage: 'published' })).id}/minutes.pdf`, expect: forRoll('login') },
  { method: 'GET', route: '/assemblies/:id/minutes.pdf', url: async () => `/assemblies/${(await held({ stage: 'published', visibility: 'public' })).id}/minutes.pdf`, expect: everyone(CALLERS, 200) },
  {
    method: 'POST',
    route: '/assemblies/:id/minutes/items/:itemId',
    url: async () => {
      const a = await held();
      return `/assemblies/${a.id}/minutes/items/${a.agenda[1].id}`;
    },
    expect: writers(303, 'login'),
    changes: true,
    body: () => ({ notes: `Noter ${++n}`, decision: '' }),
  },
  { method: 'POST', route: '/assemblies/:id/minutes/approve', url: async () => `/assemblies/${(await held()).id}/minutes/approve`, expect: approvers(303, 'login'), changes: true },
  { method: 'POST', route: '/assemblies/:id/minutes/publish', url: async () => `/assemblies/${(await held({ stage: 'approved' })).id}/minutes/publish`, expect: writers(303, 'login'), changes: true },
];

type ApiRow = { name: string; method: 'GET' | 'POST' | 'PUT'; url: () => Promise<string>; body?: () => Record<string, unknown>; expect: Record<Who, number> };

const num = (e: Expectations<Who>) => e as Record<Who, number>;
const API: ApiRow[] = [
  {
    name: 'PUT /api/v1/agenda-items/:id/notes',
    method: 'PUT',
    url: async () => `/api/v1/agenda-items/${(await held()).agenda[1].id}/notes`,
    body: () => ({ notes: `Noter ${++n}` }),
    expect: num(writers(200, 401)),
  },
  { name: 'GET /api/v1/assemblies/:id/minutes (draft)', method: 'GET', url: async () => `/api/v1/assemblies/${(await held()).id}/minutes`, expect: num(draft(401)) },
  { name: 'GET /api/v1/assemblies/:id/minutes (for the roll)', method: 'GET', url: async () => `/api/v1/assemblies/${(await held({ stage: 'published' })).id}/minutes`, expect: num(forRoll(401)) },
  { name: 'GET /api/v1/assemblies/:id/minutes (public)', method: 'GET', url: async () => `/api/v1/assemblies/${(await held({ stage: 'published', visibility: 'public' })).id}/minutes`, expect: num(everyone(CALLERS, 200)) },
  { name: 'GET /api/v1/assemblies/:id/minutes.pdf (draft)', method: 'GET', url: async () => `/api/v1/assemblies/${(await held()).id}/minutes.pdf`, expect: num(draft(401)) },
  { name: 'GET /api/v1/assemblies/:id/minutes.pdf (public)', method: 'GET', url: async () => `/api/v1/assemblies/${(await held({ stage: 'published', visibility: 'public' })).id}/minutes.pdf`, expect: num(everyone(CALLERS, 200)) },
  { name: 'POST /api/v1/assemblies/:id/minutes/approve', method: 'POST', url: async () => `/api/v1/assemblies/${(await held()).id}/minutes/approve`, expect: num(approvers(200, 401)) },
  { name: 'POST /api/v1/assemblies/:id/minutes/publish', method: 'POST', url: async () => `/api/v1/assemblies/${(await held({ stage: 'approved' })).id}/minutes/publish`, expect: num(writers(200, 401)) },
];

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(
    `select (select count(*) from audit_events where action <> 'view')::int as a,
       (select string_agg(status || coalesce(minutes_approved_by_chair_at::text, '-') || coalesce(minutes_approved_by_taker_at::text, '-'), ',' order by id) from assemblies) as s,
       (select string_agg(coalesce(notes, '') || coalesce(decision, ''), ',' order by id) from agenda_items) as i`,
  );
  return JSON.stringify(r.rows[0]);
}

beforeAll(async () => {
  t = await testApp();
  w = await minutesWorld(t.database);
  const people: Record<Exclude<Who, 'anonymous'>, string> = {
    member: w.members[0].id,
    memberElsewhere: w.southMember.id,
    staffNorth: w.staffNorth.id,
    staffSouth: w.staffSouth.id,
    board: w.boardNorth.id,
    admin: w.admin.id,
    chair: w.chair.id,
    minuteTaker: w.taker.id,
  };
  headers.anonymous = {};
  for (const [who, id] of Object.entries(people) as [Exclude<Who, 'anonymous'>, string][]) {
    cookies[who] = (await loginAs(t.database, id)).cookie;
    const token = await createPersonalToken(t.database.db, system, { personId: id, name: 'matrix' });
    if (!token.ok) throw new Error('token');
    headers[who] = { authorization: `Bearer ${token.token.value}` };
  }
  // The admin also as an integration token, the way the other API matrices call.
  headers.admin = await bearer(t.database, 'admin');
}, 60_000);
afterAll(() => t?.close());

describe('the minutes pages’ permission matrix', () => {
  it('lists every one of these page routes', () => {
    expectEveryRouteListed(t.app, PAGES, (p) => PAGE_ROUTES.has(p));
  });

  for (const [i, row] of PAGES.entries()) {
    it(`${row.method} ${row.route} (row ${i + 1})`, async () => {
      expect(await checkRow({ app: t.app, callers: CALLERS, cookies, fingerprint }, row)).toEqual([]);
    });
  }
});

describe('the minutes API’s permission matrix', () => {
  for (const row of API) {
    it(row.name, async () => {
      const wrong: string[] = [];
      for (const who of CALLERS) {
        const url = await row.url();
        const before = await fingerprint();
        const res = await t.app.inject({ method: row.method, url, headers: headers[who], payload: row.body?.() });
        const after = await fingerprint();
        if (res.statusCode !== row.expect[who]) wrong.push(`${who}: expected ${row.expect[who]}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (res.statusCode >= 400 && after !== before) wrong.push(`${who}: refused but something was written`);
        if (res.statusCode >= 400 && !String(res.headers['content-type']).includes('application/problem+json')) wrong.push(`${who}: a refusal that is not problem+json`);
        if (row.method !== 'GET' && res.statusCode < 400 && after === before) wrong.push(`${who}: succeeded but nothing was written`);
        if (url.endsWith('.pdf') && res.statusCode === 200 && res.rawPayload.subarray(0, 5).toString('latin1') !== '%PDF-') wrong.push(`${who}: not a PDF`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
