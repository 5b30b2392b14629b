import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../platform/actor.js';
import { loginAs, testApp, type TestApp } from '../../test/app.js';
import { checkRow, expectEveryRouteListed, type Expected, type PageRow, type SessionCookies } from '../../test/page-matrix.js';
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
type Expectations = Record<Who, Expected>;

type Row = PageRow<Who>;

let t: TestApp;
let w: RegisterWorld;
const cookies = {} as SessionCookies<Who>;
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

const matrix = () => ({
  app: t.app,
  callers: CALLERS,
  cookies,
  fingerprint,
  // Whoever may not use a segment never sees the people in it.
  check: (who: Who, res: { body: string }) => (!['staffNorth', 'admin'].includes(who) && res.body.includes('/members/') ? 'saw a link to a member' : undefined),
});

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
    expectEveryRouteListed(t.app, ROWS, (p) => p.startsWith('/segments'));
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      expect(await checkRow(matrix(), row)).toEqual([]);
    });
  }

  it('a segment id that is no id, or no segment, is 404 for staff', async () => {
    for (const url of ['/segments/nope', '/segments/00000000-0000-4000-8000-000000000000', '/segments/nope/edit']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: cookies.staffNorth, accept: 'text/html' } });
      expect(res.statusCode, url).toBe(404);
    }
  });
});
