import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createPerson, loginAs, testApp, type Org, type TestApp } from '../../test/app.js';
import { listedRoutes, registeredRoutes, type Row } from '../workplaces/permission-matrix.fixture.js';
import { memberships, membershipTypes } from '../members/tables.js';
import { eventWorld, publishedEvent, type EventWorld } from './events.fixture.js';
import { instantInDays } from '../../test/time.js';

/**
 * Every /api/v1/events route with every kind of caller. The API is Bearer-only, so each kind of
 * person calls with a token of their role (a member of the north, a member of the south, a steward,
 * staff of the north and of the south, the board, an admin); a member's session cookie counts for
 * nothing there and must be answered like an anonymous call. Out of sight is 404 (never the data);
 * in sight but not theirs to change is 403; anonymous writes are 401.
 */

const CALLERS = ['anonymous', 'memberCookie', 'member', 'memberSouth', 'steward', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
type Expect = Record<Caller, number>;

interface Fixtures {
  org: Org;
  world: EventWorld;
  unitEvent: string;
  membersEvent: string;
  draftEvent: string;
  flipEvent: string;
  cancelEvent: string;
  partEvent: string;
  registration: string;
  participant: string;
  newMember: string;
}

/** A name only staff and board of the north (and admins) may ever read. */
const SECRET = 'Fortrolig-Deltager-4711';
const MAY_KNOW: readonly Caller[] = ['staffNorth', 'board', 'admin'];

let t: TestApp;
let f: Fixtures;
let headers: Record<Caller, Record<string, string>>;
let n = 0;

/** Anonymous and a session cookie are the same caller to the API. */
const anon = (status: number) => ({ anonymous: status, memberCookie: status });
const read = (e: Omit<Expect, 'anonymous' | 'memberCookie'>, anonymousStatus = 404): Expect => ({ ...anon(anonymousStatus), ...e });

const ROWS: (Row<Fixtures> & { expectBy: Expect })[] = [
  { method: 'GET', route: '/api/v1/events', expect: {}, expectBy: read({ member: 200, memberSouth: 200, steward: 200, staffNorth: 200, staffSouth: 200, board: 200, admin: 200 }, 200) },
  {
    method: 'POST',
    route: '/api/v1/events',
    body: (x) => ({ kind: 'member_meeting', title: `Matrixmøde ${n++}`, startsAt: instantInDays(60), endsAt: instantInDays(60.1), unitId: x.org.north }),
    changes: true,
    expect: {},
    // Staff of the south pass the guard but may not organise in the north: 422, nothing written.
    expectBy: read({ member: 403, memberSouth: 403, steward: 403, staffNorth: 201, staffSouth: 422, board: 403, admin: 201 }, 401),
  },
  {
    method: 'GET',
    route: '/api/v1/events/:id',
    url: (x) => `/api/v1/events/${x.unitEvent}`,
    expect: {},
    expectBy: read({ member: 200, memberSouth: 404, steward: 404, staffNorth: 200, staffSouth: 404, board: 200, admin: 200 }),
  },
  {
    method: 'PATCH',
    route: '/api/v1/events/:id',
    url: (x) => `/api/v1/events/${x.membersEvent}`,
    body: () => ({ title: `Nyt navn ${n++}` }),
    changes: true,
    expect: {},
    expectBy: read({ member: 403, memberSouth: 403, steward: 404, staffNorth: 200, staffSouth: 404, board: 403, admin: 200 }, 401),
  },
  {
    method: 'POST',
    route: '/api/v1/events/:id/publish',
    url: (x) => `/api/v1/events/${x.draftEvent}`.concat('/publish'),
    prepare: async (x) => void (await t.database.executeSql(`update events set status = 'draft' where id = $1`, [x.draftEvent])),
    changes: true,
    expect: {},
    expectBy: read({ member: 404, memberSouth: 404, steward: 404, staffNorth: 200, staffSouth: 404, board: 403, admin: 200 }, 401),
  },
  {
    method: 'POST',
    route: '/api/v1/events/:id/unpublish',
    url: (x) => `/api/v1/events/${x.flipEvent}/unpublish`,
    prepare: async (x) => void (await t.database.executeSql(`update events set status = 'published' where id = $1`, [x.flipEvent])),
    changes: true,
    expect: {},
    expectBy: read({ member: 403, memberSouth: 403, steward: 404, staffNorth: 200, staffSouth: 404, board: 403, admin: 200 }, 401),
  },
  {
    method: 'POST',
    route: '/api/v1/events/:id/cancel',
    url: (x) => `/api/v1/events/${x.cancelEvent}/cancel`,
    prepare: async (x) => void (await t.database.executeSql(`update events set status = 'published', cancelled_at = null where id = $1`, [x.cancelEvent])),
    body: () => ({ reason: 'Matrix' }),
    changes: true,
    expect: {},
    expectBy: read({ member: 403, memberSouth: 403, steward: 404, staffNorth: 200, staffSouth: 404, board: 403, admin: 200 }, 401),
  },
  {
    method: 'POST',
    route: '/api/v1/events/:id/registrations',
    url: (x) => `/api/v1/events/${x.membersEvent}/registrations`,
    prepare: async (x) => {
      await t.database.executeSql(`delete from event_registrations where event_id = $1`, [x.membersEvent]);
      await t.database.executeSql(`update events set confirmed_seats = 0 where id = $1`, [x.membersEvent]);
    },
    body: (x) => ({ memberId: x.newMember }),
    changes: true,
    expect: {},
    // A member token has no self to register and may not register others.
    expectBy: read({ member: 403, memberSouth: 403, steward: 404, staffNorth: 201, staffSouth: 404, board: 403, admin: 201 }, 401),
  },
  {
    method: 'GET',
    route: '/api/v1/events/:id/registrations',
    url: (x) => `/api/v1/events/${x.partEvent}/registrations`,
    expect: {},
    expectBy: read({ member: 403, memberSouth: 403, steward: 404, staffNorth: 200, staffSouth: 404, board: 200, admin: 200 }),
  },
  {
    method: 'DELETE',
    route: '/api/v1/events/:id/registrations/:registrationId',
    url: (x) => `/api/v1/events/${x.partEvent}/registrations/${x.registration}`,
    prepare: async (x) => {
      await t.database.executeSql(`update event_registrations set status = 'confirmed', cancelled_at = null, cancelled_by = null where id = $1`, [x.registration]);
      await t.database.executeSql(`update events set confirmed_seats = 1 where id = $1`, [x.partEvent]);
    },
    changes: true,
    expect: {},
    expectBy: read({ member: 404, memberSouth: 404, steward: 404, staffNorth: 204, staffSouth: 404, board: 403, admin: 204 }, 401),
  },
  {
    method: 'POST',
    route: '/api/v1/events/:id/registrations/:registrationId/check-in',
    url: (x) => `/api/v1/events/${x.partEvent}/registrations/${x.registration}/check-in`,
    prepare: async (x) => void (await t.database.executeSql(`update event_registrations set status = 'confirmed', checked_in_at = null where id = $1`, [x.registration])),
    changes: true,
    expect: {},
    expectBy: read({ member: 403, memberSouth: 403, steward: 404, staffNorth: 204, staffSouth: 404, board: 403, admin: 204 }, 401),
  },
  {
    method: 'DELETE',
    route: '/api/v1/events/:id/registrations/:registrationId/check-in',
    url: (x) => `/api/v1/events/${x.partEvent}/registrations/${x.registration}/check-in`,
    prepare: async (x) => void (await t.database.executeSql(`update event_registrations set status = 'confirmed', checked_in_at = now() - interval '1 hour' where id = $1`, [x.registration])),
    changes: true,
    expect: {},
    expectBy: read({ member: 403, memberSouth: 403, steward: 404, staffNorth: 204, staffSouth: 404, board: 403, admin: 204 }, 401),
  },
];

beforeAll(async () => {
  t = await testApp();
  const world = await eventWorld(t.database);
  const org = world.org;
  const db = t.database.db;
  const [type] = await db.insert(membershipTypes).values({ code: `matrix-${Date.now()}`, name: 'Matrix' }).returning();
  const participant = await createPerson(t.database, [], { firstName: 'Karl', lastName: SECRET });
  await db.insert(memberships).values({ personId: participant.id, typeId: type.id, unitId: org.north, status: 'active' });
  const newMember = await createPerson(t.database, [], { firstName: 'Ny', lastName: 'Medlem' });
  await db.insert(memberships).values({ personId: newMember.id, typeId: type.id, unitId: org.north, status: 'active' });

  const unitEvent = await publishedEvent(world, { audience: 'unit_members', audienceUnitId: org.north });
  const membersEvent = await publishedEvent(world, { audience: 'members' });
  const draftEvent = await publishedEvent(world, { audience: 'members' }, false);
  const flipEvent = await publishedEvent(world, { audience: 'members' });
  const cancelEvent = await publishedEvent(world, { audience: 'members' });
  const partEvent = await publishedEvent(world, { audience: 'members' });
  const r = await t.database.executeSql(
    `insert into event_registrations (event_id, person_id, status, confirmed_at) values ($1, $2, 'confirmed', now()) returning id`,
    [partEvent.id, participant.id],
  );
  await t.database.executeSql(`update events set confirmed_seats = 1 where id = $1`, [partEvent.id]);
  f = {
    org,
    world,
    unitEvent: unitEvent.id,
    membersEvent: membersEvent.id,
    draftEvent: draftEvent.id,
    flipEvent: flipEvent.id,
    cancelEvent: cancelEvent.id,
    partEvent: partEvent.id,
    registration: String(r.rows[0].id),
    participant: participant.id,
    newMember: newMember.id,
  };

  const memberPerson = await createPerson(t.database, [['member', org.north]]);
  headers = {
    anonymous: {},
    memberCookie: { cookie: (await loginAs(t.database, memberPerson.id)).cookie },
    member: await bearer(t.database, 'member', org.north),
    memberSouth: await bearer(t.database, 'member', org.south),
    steward: await bearer(t.database, 'steward', org.north),
    staffNorth: await bearer(t.database, 'staff', org.north),
    staffSouth: await bearer(t.database, 'staff', org.south),
    board: await bearer(t.database, 'board', null),
    admin: await bearer(t.database, 'admin', null),
  };
});
afterAll(() => t.close());

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(`
    select json_build_object(
      'events', (select coalesce(json_agg(json_build_array(id, status, title, capacity, confirmed_seats, updated_at) order by id), '[]') from events),
      'registrations', (select coalesce(json_agg(json_build_array(id, status, checked_in_at, cancelled_at) order by id), '[]') from event_registrations),
      'mail', (select count(*) from mail_outbox),
      'audit', (select count(*) from audit_events where action <> 'view')
    )::text as f`);
  return String(r.rows[0].f);
}

async function walkRow(row: (typeof ROWS)[number]): Promise<string[]> {
  const wrong: string[] = [];
  const url = row.url ? row.url(f) : row.route;
  const writes = row.method !== 'GET';
  // Callers who may pass go last, so their change cannot hide a refused caller's change.
  const order = [...CALLERS].sort((a, b) => Number(row.expectBy[a] < 400) - Number(row.expectBy[b] < 400));
  for (const who of order) {
    const expected = row.expectBy[who];
    await row.prepare?.(f);
    const before = writes ? await fingerprint() : '';
    const body = row.body?.(f);
    const res = await t.app.inject({
      method: row.method,
      url,
      headers: { ...headers[who], ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
    if (res.statusCode !== expected) wrong.push(`${who}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
    const after = writes ? await fingerprint() : '';
    if (writes && res.statusCode >= 400 && after !== before) wrong.push(`${who}: answered ${res.statusCode} but the database changed`);
    if (row.changes && expected < 400 && after === before) wrong.push(`${who}: succeeded but nothing was written`);
    if (res.statusCode >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json')) wrong.push(`${who}: refusal is not problem+json`);
    if ((res.statusCode >= 400 || !MAY_KNOW.includes(who)) && res.body.includes(SECRET)) wrong.push(`${who}: ${res.statusCode} answer contains a participant's name`);
  }
  return wrong;
}

describe('the events API permission matrix', () => {
  it('lists every route under /api/v1/events, and only those', () => {
    const registered = registeredRoutes(t.app, ['/api/v1/events']);
    const listed = listedRoutes(ROWS);
    expect(registered.filter((r) => !listed.includes(r))).toEqual([]);
    expect(listed.filter((l) => !registered.includes(l))).toEqual([]);
    expect(registered.length).toBe(ROWS.length);
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      expect(await walkRow(row)).toEqual([]);
    });
  }
});

describe('what the matrix cannot see', () => {
  it('a draft is 404 with none of its data for everyone but staff and board of its unit', async () => {
    await t.database.executeSql(`update events set status = 'draft', title = 'Hemmelig kladde' where id = $1`, [f.draftEvent]);
    for (const who of ['anonymous', 'member', 'memberSouth', 'staffSouth'] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/events/${f.draftEvent}`, headers: headers[who] });
      expect(res.statusCode, who).toBe(404);
      expect(res.body).not.toContain('Hemmelig kladde');
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/events', headers: headers[who] });
      expect(list.body, who).not.toContain('Hemmelig kladde');
    }
    for (const who of ['staffNorth', 'board', 'admin'] as const) {
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/events', headers: headers[who] });
      expect(list.body, who).toContain('Hemmelig kladde');
    }
  });

  it('an unknown or malformed id is 404, like one out of reach', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/events/${id}`, headers: headers.admin });
      expect([404, 422]).toContain(res.statusCode);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/events/00000000-0000-4000-8000-000000000000', headers: headers.admin })).statusCode).toBe(404);
  });

  it('a registration of another event is 404 even for its staff', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/events/${f.membersEvent}/registrations/${f.registration}`, headers: headers.staffNorth });
    expect(res.statusCode).toBe(404);
  });
});
