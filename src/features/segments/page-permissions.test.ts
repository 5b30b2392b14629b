import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { system } from '../../platform/actor.js';
import { formSession, loginAs, testApp, type TestApp } from '../../test/app.js';
import { registeredRoutes } from '../../test/routes.js';
import { createSegment } from './segments.js';
import { segmentInput } from './schema.js';
import { registerWorld, type RegisterWorld } from './register.fixture.js';

/**
 * Every page route of segments with every kind of caller: nobody, a member, a steward, staff of the
 * segment's unit, staff of another unit, the unit's board and an admin. The segment belongs to Kreds
 * Nord. Members and stewards have no segments (403 on the list and the builder, 404 for any segment);
 * staff of another unit do not see it (404); the board reads it (200) but may not change it (403). A
 * refused caller changes nothing; a caller who may act changes the database.
 */

const CALLERS = ['anonymous', 'member', 'steward', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
type Who = (typeof CALLERS)[number];
type Expected = number | 'login';
type Expectations = Record<Who, Expected>;

interface Row {
  method: 'GET' | 'POST';
  route: string;
  url: () => Promise<string>;
  expect: Expectations;
  body?: () => Record<string, string>;
  changes?: boolean;
}

let t: TestApp;
let w: RegisterWorld;
const cookies = {} as Record<Exclude<Who, 'anonymous'>, string>;
let n = 0;

async function fresh(): Promise<string> {
  const r = await createSegment(t.database.db, system, segmentInput.parse({ name: `Matrix ${++n}`, unitId: w.org.north, filter: { conditions: [{ field: 'role', values: ['leader'] }] } }));
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.segment.id;
}

const none = { anonymous: 'login', member: 403, steward: 403 } as const;
const hidden = { anonymous: 'login', member: 404, steward: 404, staffSouth: 404 } as const;
const builderFields = () => ({ name: `Side ${++n}`, unitId: w.org.north, match: 'all', 'c.role': 'leader', intent: 'save' });

const ROWS: Row[] = [
  { method: 'GET', route: '/segments', url: async () => '/segments', expect: { ...none, staffNorth: 200, staffSouth: 200, board: 200, admin: 200 } },
  { method: 'GET', route: '/segments/new', url: async () => '/segments/new', expect: { ...none, staffNorth: 200, staffSouth: 200, board: 403, admin: 200 } },
  // Staff of another unit may build segments, but not for the north: the unit field is refused (422).
  { method: 'POST', route: '/segments/new', url: async () => '/segments/new', body: builderFields, changes: true, expect: { ...none, staffNorth: 303, staffSouth: 422, board: 403, admin: 303 } },
  { method: 'POST', route: '/segments/count', url: async () => '/segments/count', body: () => ({ unitId: w.org.north, 'c.role': 'leader' }), expect: { ...none, staffNorth: 200, staffSouth: 200, board: 403, admin: 200 } },
  { method: 'GET', route: '/segments/:id', url: async () => `/segments/${await fresh()}`, expect: { ...hidden, staffNorth: 200, board: 200, admin: 200 } },
  { method: 'GET', route: '/segments/:id/edit', url: async () => `/segments/${await fresh()}/edit`, expect: { ...hidden, staffNorth: 200, board: 403, admin: 200 } },
  { method: 'POST', route: '/segments/:id/edit', url: async () => `/segments/${await fresh()}/edit`, body: builderFields, changes: true, expect: { ...hidden, staffNorth: 303, board: 403, admin: 303 } },
  { method: 'GET', route: '/segments/:id/delete', url: async () => `/segments/${await fresh()}/delete`, expect: { ...hidden, staffNorth: 200, board: 403, admin: 200 } },
  { method: 'POST', route: '/segments/:id/delete', url: async () => `/segments/${await fresh()}/delete`, changes: true, expect: { ...hidden, staffNorth: 303, board: 403, admin: 303 } },
];

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(
    `select (select count(*) from audit_events where action <> 'view')::int as a, (select count(*) from segments)::int as s,
       (select string_agg(name || updated_at::text, ',' order by id) from segments) as names`,
  );
  return JSON.stringify(r.rows[0]);
}

async function call(row: Row, who: Who): Promise<{ res: LightMyRequestResponse; before: string; after: string }> {
  const url = await row.url();
  const cookie = who === 'anonymous' ? '' : cookies[who];
  let res: LightMyRequestResponse;
  let before: string;
  if (row.method === 'GET') {
    before = await fingerprint();
    res = await t.app.inject({ method: 'GET', url, headers: { ...(cookie ? { cookie } : {}), accept: 'text/html' } });
  } else {
    const session = await formSession(t.app, who === 'anonymous' ? '/login' : '/', cookie);
    before = await fingerprint();
    res = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: session.csrf, ...(row.body?.() ?? {}) }).toString(),
    });
  }
  return { res, before, after: await fingerprint() };
}

beforeAll(async () => {
  t = await testApp();
  w = await registerWorld(t.database);
  const personOf = (a: unknown) => (a as { personId: string }).personId;
  const ids: Record<Exclude<Who, 'anonymous'>, string> = {
    member: personOf(w.memberActor),
    steward: personOf(w.stewardActor),
    staffNorth: personOf(w.staffNorth),
    staffSouth: personOf(w.staffSouth),
    board: personOf(w.boardNorth),
    admin: personOf(w.admin),
  };
  for (const [who, id] of Object.entries(ids) as [Exclude<Who, 'anonymous'>, string][]) cookies[who] = (await loginAs(t.database, id)).cookie;
});
afterAll(() => t?.close());

describe('the segment pages’ permission matrix', () => {
  it('lists every page route of the feature, and only those', () => {
    const registered = registeredRoutes(t.app, (p) => p.startsWith('/segments'))
      .filter((r) => r.method === 'GET' || r.method === 'POST')
      .map((r) => `${r.method} ${r.path}`);
    const listed = ROWS.map((r) => `${r.method} ${r.route}`);
    expect(registered.filter((r) => !listed.includes(r))).toEqual([]);
    expect(listed.filter((l) => !registered.includes(l))).toEqual([]);
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      const wrong: string[] = [];
      for (const who of CALLERS) {
        const expected = row.expect[who];
        const { res, before, after } = await call(row, who);
        const passes = expected !== 'login' && expected < 400;
        if (expected === 'login') {
          if (res.statusCode !== 302 && res.statusCode !== 303) wrong.push(`${who}: expected the log-in page, got ${res.statusCode}`);
          else if (!String(res.headers.location).startsWith('/login')) wrong.push(`${who}: redirected to ${res.headers.location}`);
        } else if (res.statusCode !== expected) wrong.push(`${who}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 300)}`);
        if (!passes && after !== before) wrong.push(`${who}: refused (${res.statusCode}) but the database changed`);
        if (row.changes && passes && after === before) wrong.push(`${who}: succeeded but nothing was written`);
        // Whoever may not use a segment never sees the people in it.
        if (!['staffNorth', 'admin'].includes(who) && res.body.includes('/members/')) wrong.push(`${who}: saw a link to a member`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('a segment id that is no id, or no segment, is 404 for staff', async () => {
    for (const url of ['/segments/nope', '/segments/00000000-0000-4000-8000-000000000000', '/segments/nope/edit']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: cookies.staffNorth, accept: 'text/html' } });
      expect(res.statusCode, url).toBe(404);
    }
  });
});
