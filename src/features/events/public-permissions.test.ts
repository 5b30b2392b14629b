import Fastify, { type LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createWorkplace, formSession, loginAs, testApp, testConfig, type TestApp } from '../../test/app.js';
import { registeredRoutes } from '../../test/routes.js';
import { queryRows } from '../../platform/db/database.js';
import { newToken, sha256 } from '../../platform/secrets.js';
import { eventWorld, member, publishedEvent, type EventWorld } from './events.fixture.js';
import { materials, registrations } from './tables.js';
import { publicEventPages } from './public-routes.js';

/**
 * Every route of the public and member event pages with every kind of caller: anonymous, a member
 * of the north, a member of the south, a steward (no membership), staff of the north (the events'
 * unit) and of the south, the board and an admin. The events are for the north's members (one is
 * public, for the public registrant's links). An event out of sight is the log-in page for an
 * anonymous reader and 404 for everyone else; no answer ever names another participant.
 */

const CALLERS = ['anonymous', 'member', 'memberSouth', 'steward', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
type Person = Exclude<Caller, 'anonymous'>;
type Expected = number | 'login' | { status: number; location: string };

interface Fixtures {
  w: EventWorld;
  /** For the north's members; nobody of the callers is registered. */
  unitEvent: { id: string; slug: string };
  /** For the north's members; the callers who may see it hold a confirmed place. */
  placeEvent: { id: string; slug: string };
  material: string;
  publicEvent: { id: string; slug: string };
  /** Secret links of a public registrant: a pending one to confirm, a confirmed one to cancel. */
  confirmToken: string;
  cancelToken: string;
}

interface Row {
  method: 'GET' | 'POST';
  route: string;
  url: (f: Fixtures) => string;
  expect: Record<Caller, Expected>;
  body?: (f: Fixtures) => Record<string, string>;
  /** The callers who pass must change the database. */
  changes?: boolean;
  prepare?: (f: Fixtures) => Promise<void>;
}

/** The participant whose name no answer here may show. */
const SECRET = 'Fortrolig-Deltager-4711';

let t: TestApp;
let f: Fixtures;
let cookies: Record<Person, string>;
let personIds: Record<Person, string>;
let csrf: Record<Caller, { cookie: string; csrf: string }>;

/** Who sees an event for the north's members: its members, its staff, the board and admins. */
const northEvent = (ok: Expected): Record<Caller, Expected> => ({ anonymous: 'login', member: ok, memberSouth: 404, steward: 404, staffNorth: ok, staffSouth: 404, board: ok, admin: ok });
const all = (e: Expected): Record<Caller, Expected> => Object.fromEntries(CALLERS.map((c) => [c, e])) as Record<Caller, Expected>;
const persons = (e: Expected): Record<Caller, Expected> => ({ ...all(e), anonymous: 'login' });

const ROWS: Row[] = [
  { method: 'GET', route: '/events', url: () => '/events', expect: all(200) },
  { method: 'GET', route: '/events/:slug', url: (x) => `/events/${x.unitEvent.slug}`, expect: northEvent(200) },
  { method: 'GET', route: '/events/:slug', url: (x) => `/events/${x.publicEvent.slug}`, expect: all(200) },
  { method: 'GET', route: '/events/:slug.ics', url: (x) => `/events/${x.unitEvent.slug}.ics`, expect: northEvent(200) },
  {
    method: 'POST',
    route: '/events/:slug/register',
    url: (x) => `/events/${x.unitEvent.slug}/register`,
    // Not a page of its own: a visitor logs in and comes back to the event.
    expect: { ...northEvent({ status: 303, location: '' }), anonymous: { status: 303, location: 'login-event' } },
    changes: true,
  },
  {
    method: 'POST',
    route: '/events/:slug/register',
    url: (x) => `/events/${x.publicEvent.slug}/register`,
    // Everyone registers: the public with name and e-mail (pending until confirmed), people with one click.
    body: () => ({ name: 'Ida Udefra', email: `ida.${Math.random().toString(36).slice(2)}@example.org` }),
    expect: { ...all({ status: 303, location: '' }), anonymous: { status: 303, location: 'sent' } },
    changes: true,
  },
  { method: 'GET', route: '/events/:slug/sent', url: (x) => `/events/${x.unitEvent.slug}/sent`, expect: northEvent(200) },
  { method: 'GET', route: '/events/:slug/cancel', url: (x) => `/events/${x.placeEvent.slug}/cancel`, expect: northEvent(200), prepare: restorePlaces },
  {
    method: 'POST',
    route: '/events/:slug/cancel',
    url: (x) => `/events/${x.placeEvent.slug}/cancel`,
    expect: northEvent({ status: 303, location: 'place' }),
    changes: true,
    prepare: restorePlaces,
  },
  { method: 'GET', route: '/events/:slug/materials/:materialId', url: (x) => `/events/${x.placeEvent.slug}/materials/${x.material}`, expect: northEvent(200), prepare: restorePlaces },
  { method: 'GET', route: '/events/confirm/:token', url: (x) => `/events/confirm/${x.confirmToken}`, expect: all(200), prepare: freshPending },
  { method: 'POST', route: '/events/confirm/:token', url: (x) => `/events/confirm/${x.confirmToken}`, expect: all({ status: 303, location: 'confirm' }), changes: true, prepare: freshPending },
  { method: 'GET', route: '/events/cancel/:token', url: (x) => `/events/cancel/${x.cancelToken}`, expect: all(200), prepare: freshConfirmed },
  { method: 'POST', route: '/events/cancel/:token', url: (x) => `/events/cancel/${x.cancelToken}`, expect: all({ status: 303, location: 'cancel' }), changes: true, prepare: freshConfirmed },
  { method: 'GET', route: '/me/events', url: () => '/me/events', expect: persons(200) },
];

/** Redirect targets that depend on the fixtures. */
function location(row: Row, where: string): string {
  switch (where) {
    case '':
      return row.url(f).replace(/\/register$/, '');
    case 'login-event':
      return `/login?next=${encodeURIComponent(row.url(f).replace(/\/register$/, ''))}`;
    case 'sent':
      return `/events/${f.publicEvent.slug}/sent`;
    case 'place':
      return `/events/${f.placeEvent.slug}`;
    default:
      return row.url(f);
  }
}

/** Every caller who may see the place event holds a confirmed place there again, seats counted. */
async function restorePlaces(x: Fixtures): Promise<void> {
  await t.database.db.execute(sql`update event_registrations set status = 'confirmed', cancelled_at = null, cancelled_by = null where event_id = ${x.placeEvent.id}`);
  await t.database.db.execute(sql`update events set confirmed_seats = (select count(*) from event_registrations where event_id = ${x.placeEvent.id}) where id = ${x.placeEvent.id}`);
}

async function freshPending(x: Fixtures): Promise<void> {
  x.confirmToken = newToken();
  await t.database.db.insert(registrations).values({ eventId: x.publicEvent.id, name: 'Offentlig Gæst', email: `gaest.${newToken().slice(0, 8)}@example.org`, status: 'pending', confirmTokenHash: sha256(x.confirmToken) });
}

async function freshConfirmed(x: Fixtures): Promise<void> {
  x.cancelToken = newToken();
  await t.database.db.insert(registrations).values({ eventId: x.publicEvent.id, name: 'Offentlig Gæst', email: `gaest.${newToken().slice(0, 8)}@example.org`, status: 'confirmed', confirmedAt: new Date(), cancelTokenHash: sha256(x.cancelToken) });
  await t.database.db.execute(sql`update events set confirmed_seats = confirmed_seats + 1 where id = ${x.publicEvent.id}`);
}

beforeAll(async () => {
  t = await testApp();
  const w = await eventWorld(t.database);
  const workplace = await createWorkplace(t.database, w.org.north);
  personIds = {
    member: (await member(w)).id,
    memberSouth: (await member(w, { unitId: w.org.south })).id,
    steward: (await createPerson(t.database, [['steward', null, workplace.id]])).id,
    staffNorth: (await createPerson(t.database, [['staff', w.org.north]])).id,
    staffSouth: (await createPerson(t.database, [['staff', w.org.south]])).id,
    board: (await createPerson(t.database, [['board', null]])).id,
    admin: (await createPerson(t.database, [['admin', null]])).id,
  };
  cookies = {} as Record<Person, string>;
  for (const p of Object.keys(personIds) as Person[]) cookies[p] = (await loginAs(t.database, personIds[p])).cookie;
  const anonymousSession = await formSession(t.app, '/login');
  csrf = { anonymous: anonymousSession } as Partial<Record<Caller, { cookie: string; csrf: string }>> as Record<Caller, { cookie: string; csrf: string }>;
  for (const p of Object.keys(personIds) as Person[]) csrf[p] = await formSession(t.app, '/', cookies[p]);

  const forNorth = { audience: 'unit_members', audienceUnitId: w.org.north, capacity: 50 };
  const unitEvent = await publishedEvent(w, forNorth);
  const placeEvent = await publishedEvent(w, forNorth);
  const publicEvent = await publishedEvent(w, { audience: 'public', capacity: 500 });
  // Someone else holds a place at each: their name must never show.
  const other = await createPerson(t.database, [], { firstName: 'Karl', lastName: SECRET });
  for (const e of [unitEvent, placeEvent, publicEvent]) await t.database.db.insert(registrations).values({ eventId: e.id, personId: other.id, status: 'confirmed', confirmedAt: new Date() });
  for (const p of ['member', 'staffNorth', 'board', 'admin'] as const) await t.database.db.insert(registrations).values({ eventId: placeEvent.id, personId: personIds[p], status: 'confirmed', confirmedAt: new Date() });
  const pdf = Buffer.from('%PDF-1.4 matrix');
  const [m] = await t.database.db.insert(materials).values({ eventId: placeEvent.id, fileName: 'slides.pdf', contentType: 'application/pdf', bytes: pdf, size: pdf.length }).returning();
  f = { w, unitEvent, placeEvent, publicEvent, material: m.id, confirmToken: '', cancelToken: '' };
  await restorePlaces(f);
  await t.database.db.execute(sql`update events set confirmed_seats = 1 where id in (${unitEvent.id}, ${publicEvent.id})`);
});
afterAll(() => t?.close());

/** Everything these routes can write. */
async function fingerprint(): Promise<string> {
  const [r] = await queryRows<{ f: string }>(
    t.database.db,
    sql`select json_build_object(
      'registrations', (select coalesce(json_agg(json_build_array(id, status, guests) order by id), '[]') from event_registrations),
      'seats', (select coalesce(json_agg(json_build_array(id, confirmed_seats) order by id), '[]') from events),
      'feeds', (select count(*) from event_calendar_feeds),
      'mail', (select count(*) from mail_outbox),
      'audit', (select count(*) from audit_events))::text as f`,
  );
  return r.f;
}

async function call(row: Row, who: Caller): Promise<LightMyRequestResponse> {
  const url = row.url(f);
  if (row.method === 'GET') return t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(who === 'anonymous' ? {} : { cookie: cookies[who] }) } });
  const session = csrf[who];
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ _csrf: session.csrf, ...(row.body?.(f) ?? {}) }).toString(),
  });
}

/** A redirect to log in is a refusal, whatever its status. */
const passes = (e: Expected) => e !== 'login' && (typeof e === 'number' ? e < 400 : e.status < 400 && !e.location.startsWith('login'));

async function walk(row: Row): Promise<string[]> {
  const wrong: string[] = [];
  // The callers who may pass go last: their change must not hide a refused caller's change.
  const order = [...CALLERS].sort((a, b) => Number(passes(row.expect[a])) - Number(passes(row.expect[b])));
  for (const who of order) {
    const expected = row.expect[who];
    await row.prepare?.(f);
    const url = row.url(f);
    const before = await fingerprint();
    const res = await call(row, who);
    const want =
      expected === 'login' ? { status: 303, location: `/login?next=${encodeURIComponent(url)}` } : typeof expected === 'number' ? { status: expected } : { status: expected.status, location: location(row, expected.location) };
    const got = { status: res.statusCode, ...('location' in want ? { location: String(res.headers.location) } : {}) };
    if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${who}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)} ${res.body.slice(0, 200)}`);
    const after = await fingerprint();
    if (!passes(expected) && after !== before) wrong.push(`${who}: was refused but the database changed`);
    if (row.method === 'GET' && after !== before) wrong.push(`${who}: a GET changed the database`);
    if (row.changes && passes(expected) && after === before) wrong.push(`${who}: succeeded but nothing was written`);
    if (res.body.includes(SECRET)) wrong.push(`${who}: ${res.statusCode} answer names another participant`);
    if (res.statusCode === 404 && row.method === 'GET' && !res.body.includes('Siden findes ikke')) wrong.push(`${who}: 404 without the Danish page`);
  }
  return wrong;
}

const path = (method: string, p: string) => `${method} ${p.replace(/\/+/g, '/')}`;

/** The routes the plugin itself registers, read from a bare server so other plugins' routes under /events do not count. */
async function pluginRoutes(): Promise<string[]> {
  const bare = Fastify();
  bare.decorate('config', testConfig());
  await bare.register(publicEventPages);
  await bare.ready();
  const routes = registeredRoutes(bare).map((r) => path(r.method, r.path));
  await bare.close();
  return routes;
}

describe('the permission matrix of the public and member event pages', () => {
  it('lists every route the plugin registers, each registered in the app', async () => {
    const listed = [...new Set(ROWS.map((r) => path(r.method, r.route)))].sort();
    expect((await pluginRoutes()).sort()).toEqual(listed);
    expect(listed.length).toBe(13);
    for (const r of ROWS) expect(t.app.hasRoute({ method: r.method, url: r.route }), `${r.method} ${r.route}`).toBe(true);
  });

  for (const [i, row] of ROWS.entries()) {
    // Eight callers with two fingerprints each: more than vitest's 5 s when the machine is busy.
    it(`${row.method} ${row.route} (${i})`, { timeout: 30_000 }, async () => {
      expect(await walk(row)).toEqual([]);
    });
  }

  it('refuses a form without its CSRF token, for every caller, and writes nothing', { timeout: 30_000 }, async () => {
    for (const row of ROWS.filter((r) => r.method === 'POST')) {
      for (const who of CALLERS) {
        await row.prepare?.(f);
        const before = await fingerprint();
        const res = await t.app.inject({
          method: 'POST',
          url: row.url(f),
          headers: { cookie: csrf[who].cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
          payload: new URLSearchParams(row.body?.(f) ?? {}).toString(),
        });
        expect(res.statusCode, `${who} ${row.route}`).toBe(403);
        expect(await fingerprint(), `${who} ${row.route}`).toBe(before);
      }
    }
  });
});
