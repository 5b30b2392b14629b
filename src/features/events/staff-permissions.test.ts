import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import { createPerson, createWorkplace, formSession, loginAs, testApp, type TestApp } from '../../test/app.js';
import { registeredRoutes } from '../../test/routes.js';
import { materials, programmeItems } from './tables.js';
import { eventWorld, member, multipart, PDF, publishedEvent, type EventWorld } from './events.fixture.js';
import { localParts } from '../../platform/i18n/zoned-time.js';

/**
 * Every staff page of events with every kind of caller: nobody, a member of the event's unit, a
 * member of another unit, a shop steward, staff of the unit, staff of another unit, the board and an
 * admin. The event is a published members' meeting in the north: members see it (403 here), the
 * steward and the south's staff do not (404). A refused caller changes nothing and sees no
 * participant; a caller who may act changes the database.
 */

const CALLERS = ['anonymous', 'member', 'memberSouth', 'steward', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
type Who = (typeof CALLERS)[number];
type Expected = number | 'login';
type Expectations = Record<Who, Expected>;

interface Fixtures {
  slug: string;
  eventId: string;
  cancelSlug: string;
  cancelId: string;
  registrationId: string;
  materialId: string;
  itemId: string;
  /** Members of the north nobody has registered yet, one per successful "register a member". */
  freeMembers: string[];
}

interface Row {
  method: 'GET' | 'POST';
  route: string;
  url: (f: Fixtures) => string;
  expect: Expectations;
  body?: (f: Fixtures) => Record<string, string>;
  /** Sent as multipart/form-data with this file (the upload). */
  file?: boolean;
  changes?: boolean;
  prepare?: (f: Fixtures) => Promise<void>;
}

const SECRET = 'Hemmelig-Deltager-8812';
const MAY_KNOW: Who[] = ['staffNorth', 'board', 'admin'];

/** Organisers see the page (board too); members see the event but not this (403); the rest do not see it (404). */
const view = (ok: Expected): Expectations => ({ anonymous: 'login', member: 403, memberSouth: 403, steward: 404, staffNorth: ok, staffSouth: 404, board: ok, admin: ok });
/** Only staff of the unit and admins act; the board sees the event but may not (403). */
const act = (ok: Expected): Expectations => ({ ...view(ok), board: 403 });

let t: TestApp;
let w: EventWorld;
let f: Fixtures;
const cookies = {} as Record<Exclude<Who, 'anonymous'>, string>;
const sessions = {} as Record<Who, { cookie: string; csrf: string }>;
let n = 0;
const future = localParts(new Date(Date.now() + 40 * 86_400_000), 'Europe/Copenhagen').date;

function eventForm(x: Fixtures, title: string): Record<string, string> {
  return {
    kind: 'member_meeting',
    title,
    description: '',
    startDate: future,
    startTime: '17:00',
    endTime: '19:00',
    timeZone: 'Europe/Copenhagen',
    unitId: w.org.north,
    audience: 'members',
    capacity: '5',
    waitlist: 'on',
    maxGuests: '0',
    'programme.0.time': '17:00',
    'programme.0.title': 'Velkomst',
    'programme.0.materialId': x.materialId,
  };
}

const ROWS: Row[] = [
  { method: 'GET', route: '/events/new', url: () => '/events/new', expect: { ...act(200), member: 403, memberSouth: 403, steward: 403, staffSouth: 200 } },
  {
    method: 'POST',
    route: '/events/new',
    url: () => '/events/new',
    body: (x) => ({ ...eventForm(x, `Matrixmøde ${++n}`), 'programme.0.materialId': '' }),
    // Staff of the south may create events, but not in the north: 422, nothing written.
    expect: { ...act(303), member: 403, memberSouth: 403, steward: 403, staffSouth: 422 },
    changes: true,
  },
  { method: 'GET', route: '/events/:slug/edit', url: (x) => `/events/${x.slug}/edit`, expect: act(200) },
  { method: 'POST', route: '/events/:slug/edit', url: (x) => `/events/${x.slug}/edit`, body: (x) => eventForm(x, `Matrixmødet ${++n}`), expect: act(303), changes: true },
  { method: 'GET', route: '/events/:slug/manage', url: (x) => `/events/${x.slug}/manage`, expect: view(200) },
  { method: 'POST', route: '/events/:slug/publish', url: (x) => `/events/${x.slug}/publish`, expect: act(303) },
  { method: 'POST', route: '/events/:slug/unpublish', url: (x) => `/events/${x.slug}/unpublish`, expect: act(303), changes: true, prepare: (x) => sql(`update events set status = 'published' where id = $1`, [x.eventId]) },
  { method: 'GET', route: '/events/:slug/cancel-event', url: (x) => `/events/${x.cancelSlug}/cancel-event`, expect: act(200), prepare: (x) => sql(`update events set status = 'published', cancelled_at = null where id = $1`, [x.cancelId]) },
  {
    method: 'POST',
    route: '/events/:slug/cancel-event',
    url: (x) => `/events/${x.cancelSlug}/cancel-event`,
    body: () => ({ reason: 'Matrix' }),
    expect: act(303),
    changes: true,
    prepare: (x) => sql(`update events set status = 'published', cancelled_at = null, cancel_reason = null where id = $1`, [x.cancelId]),
  },
  { method: 'GET', route: '/events/:slug/participants', url: (x) => `/events/${x.slug}/participants`, expect: view(200) },
  { method: 'POST', route: '/events/:slug/participants', url: (x) => `/events/${x.slug}/participants`, body: (x) => ({ member: x.freeMembers.shift() ?? '' }), expect: act(303), changes: true },
  {
    method: 'POST',
    route: '/events/:slug/participants/:registrationId/cancel',
    url: (x) => `/events/${x.slug}/participants/${x.registrationId}/cancel`,
    expect: act(303),
    changes: true,
    prepare: (x) =>
      sql(
        `with r as (update event_registrations set status = 'confirmed', cancelled_at = null, cancelled_by = null where id = $1 returning event_id)
         update events set confirmed_seats = (select count(*) from event_registrations where event_id = $2 and status = 'confirmed') + 1 where id = $2`,
        [x.registrationId, x.eventId],
      ),
  },
  { method: 'GET', route: '/events/:slug/participants.csv', url: (x) => `/events/${x.slug}/participants.csv`, expect: view(200) },
  { method: 'GET', route: '/events/:slug/message', url: (x) => `/events/${x.slug}/message`, expect: act(200) },
  { method: 'POST', route: '/events/:slug/message', url: (x) => `/events/${x.slug}/message`, body: () => ({ subject: 'Matrix', body: 'Hej' }), expect: act(303), changes: true },
  { method: 'GET', route: '/events/:slug/check-in', url: (x) => `/events/${x.slug}/check-in`, expect: act(200) },
  {
    method: 'POST',
    route: '/events/:slug/check-in/:registrationId',
    url: (x) => `/events/${x.slug}/check-in/${x.registrationId}`,
    body: () => ({ q: '' }),
    expect: act(303),
    changes: true,
    prepare: (x) =>
      sql(
        `with r as (update event_registrations set status = 'confirmed', cancelled_at = null, checked_in_at = null where id = $1 returning event_id)
         update events set confirmed_seats = (select count(*) from event_registrations where event_id = $2 and status = 'confirmed') + 1 where id = $2`,
        [x.registrationId, x.eventId],
      ),
  },
  { method: 'GET', route: '/events/:slug/material', url: (x) => `/events/${x.slug}/material`, expect: act(200) },
  { method: 'POST', route: '/events/:slug/material', url: (x) => `/events/${x.slug}/material`, file: true, expect: act(303), changes: true },
  {
    method: 'POST',
    route: '/events/:slug/material/:materialId/delete',
    url: (x) => `/events/${x.slug}/material/${x.materialId}/delete`,
    expect: act(303),
    changes: true,
    prepare: async (x) => {
      const [m] = await t.database.db.select({ id: materials.id }).from(materials).where(eq(materials.id, x.materialId));
      if (!m) await t.database.db.insert(materials).values({ id: x.materialId, eventId: x.eventId, fileName: 'slides.pdf', contentType: 'application/pdf', bytes: PDF, size: PDF.length });
    },
  },
  {
    method: 'POST',
    route: '/events/:slug/material/visibility',
    url: (x) => `/events/${x.slug}/material/visibility`,
    body: () => ({ materialVisibility: 'public' }),
    expect: act(303),
    changes: true,
    prepare: (x) => sql(`update events set material_visibility = 'participants' where id = $1`, [x.eventId]),
  },
  {
    method: 'POST',
    route: '/events/:slug/material/slides',
    url: (x) => `/events/${x.slug}/material/slides`,
    body: (x) => ({ [`slides.${x.itemId}`]: x.materialId }),
    expect: act(303),
    changes: true,
    prepare: async (x) => {
      await ROWS.find((r) => r.route === '/events/:slug/material/:materialId/delete')!.prepare!(x);
      await sql(`update event_programme_items set material_id = null where event_id = $1`, [x.eventId]);
      const [item] = await t.database.db.select({ id: programmeItems.id }).from(programmeItems).where(eq(programmeItems.eventId, x.eventId));
      x.itemId = item.id;
    },
  },
];

async function sql(text: string, params: unknown[] = []): Promise<void> {
  await t.database.executeSql(text, params);
}

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(`
    select json_build_object(
      'events', (select json_agg(json_build_array(id, title, status, capacity, material_visibility, confirmed_seats, updated_at) order by id) from events),
      'items', (select coalesce(json_agg(json_build_array(event_id, title, material_id) order by id), '[]') from event_programme_items),
      'registrations', (select coalesce(json_agg(json_build_array(id, status, checked_in_at) order by id), '[]') from event_registrations),
      'materials', (select coalesce(json_agg(id order by id), '[]') from event_materials),
      'mails', (select count(*) from mail_outbox),
      'audit', (select count(*) from audit_events where action not in ('view', 'export'))
    )::text as f`);
  return String(r.rows[0].f);
}

async function call(row: Row, who: Who): Promise<LightMyRequestResponse> {
  const url = row.url(f);
  if (row.method === 'GET') return t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(who === 'anonymous' ? {} : { cookie: cookies[who] }) } });
  const s = sessions[who];
  if (row.file) {
    const body = multipart(s.csrf, { name: `matrix-${++n}.pdf`, type: 'application/pdf', bytes: PDF });
    return t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': body.contentType, accept: 'text/html' }, payload: body.payload });
  }
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ _csrf: s.csrf, ...(row.body?.(f) ?? {}) }).toString(),
  });
}

const passes = (e: Expected) => e !== 'login' && e < 400;

/** One row with every caller; what did not match, so one failure shows them all. */
async function walk(row: Row): Promise<string[]> {
  const wrong: string[] = [];
  const url = row.url(f);
  // Callers who may pass go last: their change must not hide a refused caller's change.
  const order = [...CALLERS].sort((a, b) => Number(passes(row.expect[a])) - Number(passes(row.expect[b])));
  for (const who of order) {
    const expected = row.expect[who];
    // The event stays published between callers and rows (unpublishing is one of the rows).
    await sql(`update events set status = 'published' where id = $1`, [f.eventId]);
    await row.prepare?.(f);
    const before = await fingerprint();
    const res = await call(row, who);
    const after = await fingerprint();
    if (expected === 'login') {
      if (res.statusCode !== 303 || res.headers.location !== `/login?next=${encodeURIComponent(url)}`) wrong.push(`${who}: expected the log-in page, got ${res.statusCode} ${String(res.headers.location)}`);
    } else if (res.statusCode !== expected) wrong.push(`${who}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
    if (!passes(expected) && after !== before) wrong.push(`${who}: refused (${res.statusCode}) but the database changed`);
    if (row.changes && passes(expected) && after === before) wrong.push(`${who}: succeeded but nothing was written`);
    if (row.method === 'GET' && res.statusCode !== expected) continue;
    if (!MAY_KNOW.includes(who) && res.body.includes(SECRET)) wrong.push(`${who}: the answer (${res.statusCode}) names a participant`);
    if (res.statusCode === 403 && !res.body.includes('Du har ikke adgang')) wrong.push(`${who}: 403 without the Danish refusal page`);
    if (res.statusCode === 404 && !res.body.includes('Siden findes ikke')) wrong.push(`${who}: 404 without the Danish page`);
  }
  return wrong;
}

/** The staff pages' routes among everything under /events (the public pages have their own matrix). */
const STAFF_PAGE = /^\/events\/(new|:slug\/(edit|manage|publish|unpublish|cancel-event|participants|participants\.csv|message|check-in|material)(\/.*)?)$/;

beforeAll(async () => {
  t = await testApp();
  w = await eventWorld(t.database);
  const personOf = (a: EventWorld['staffNorth']) => (a.kind === 'person' ? a.personId : '');
  const workplace = await createWorkplace(t.database, w.org.north);
  const ids: Record<Exclude<Who, 'anonymous'>, string> = {
    member: (await member(w)).id,
    memberSouth: (await member(w, { unitId: w.org.south })).id,
    steward: (await createPerson(t.database, [['steward', null, workplace.id]])).id,
    staffNorth: personOf(w.staffNorth),
    staffSouth: personOf(w.staffSouth),
    board: personOf(w.board),
    admin: personOf(w.admin),
  };
  for (const [who, id] of Object.entries(ids) as [Exclude<Who, 'anonymous'>, string][]) cookies[who] = (await loginAs(t.database, id)).cookie;
  sessions.anonymous = await formSession(t.app, '/login');
  for (const who of Object.keys(ids) as Exclude<Who, 'anonymous'>[]) sessions[who] = await formSession(t.app, '/', cookies[who]);

  const e = await publishedEvent(w, { title: 'Matrixmødet', capacity: 50, programme: [{ title: 'Velkomst' }] });
  const doomed = await publishedEvent(w, { title: 'Matrixmødet der aflyses' });
  const secret = await member(w);
  await sql(`update persons set last_name = $1 where id = $2`, [SECRET, secret.id]);
  const [reg] = (
    await t.database.executeSql(`insert into event_registrations (event_id, person_id, status, confirmed_at) values ($1, $2, 'confirmed', now()) returning id`, [e.id, secret.id])
  ).rows as { id: string }[];
  await sql(`update events set confirmed_seats = 1 where id = $1`, [e.id]);
  const [m] = await t.database.db.insert(materials).values({ eventId: e.id, fileName: 'slides.pdf', contentType: 'application/pdf', bytes: PDF, size: PDF.length }).returning();
  const free: string[] = [];
  for (let i = 0; i < 10; i++) free.push((await member(w)).email);
  f = { slug: e.slug, eventId: e.id, cancelSlug: doomed.slug, cancelId: doomed.id, registrationId: reg.id, materialId: m.id, itemId: '', freeMembers: free };
});
afterAll(() => t?.close());

describe('the staff pages’ permission matrix', () => {
  it('lists every staff route under /events, and only those', () => {
    const registered = registeredRoutes(t.app, (p) => STAFF_PAGE.test(p)).map((r) => `${r.method} ${r.path}`);
    const listed = ROWS.map((r) => `${r.method} ${r.route}`);
    expect(registered.filter((r) => !listed.includes(r))).toEqual([]);
    expect(listed.filter((l) => !registered.includes(l))).toEqual([]);
    for (const r of ROWS) expect(t.app.hasRoute({ method: r.method, url: r.route }), `${r.method} ${r.route}`).toBe(true);
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      expect(await walk(row)).toEqual([]);
    });
  }
});

describe('what the matrix cannot see', () => {
  it('a draft is out of sight (404) on every staff page for everyone but its organisers, and nothing is written', async () => {
    const draft = await publishedEvent(w, { title: 'Hemmelig kladde' }, false);
    const draftFixtures = { ...f, slug: draft.slug, cancelSlug: draft.slug, eventId: draft.id, cancelId: draft.id };
    const saved = f;
    f = draftFixtures;
    try {
      for (const row of ROWS.filter((r) => r.route !== '/events/new')) {
        for (const who of ['member', 'memberSouth', 'steward', 'staffSouth'] as const) {
          const before = await fingerprint();
          const res = await call({ ...row, body: row.route.endsWith('/participants') ? () => ({ member: 'x@example.org' }) : row.body }, who);
          expect(res.statusCode, `${who} ${row.method} ${row.route}`).toBe(404);
          expect(res.body).not.toContain('Hemmelig kladde');
          expect(await fingerprint(), `${who} ${row.method} ${row.route}`).toBe(before);
        }
      }
      const board = await call(ROWS.find((r) => r.route === '/events/:slug/manage')!, 'board');
      expect(board.statusCode).toBe(200);
      expect(board.body).toContain('Hemmelig kladde');
    } finally {
      f = saved;
    }
  });

  it('the board reads the participant list and its CSV but is offered no button that changes anything', async () => {
    const res = await call(ROWS.find((r) => r.route === '/events/:slug/participants')!, 'board');
    expect(res.body).toContain(SECRET);
    expect(res.body).not.toContain('/cancel"');
    expect(res.body).not.toContain(`action="/events/${f.slug}/participants"`);
    const manage = await call(ROWS.find((r) => r.route === '/events/:slug/manage')!, 'board');
    expect(manage.body).not.toContain(`action="/events/${f.slug}/unpublish"`);
    expect(manage.body).not.toContain(`href="/events/${f.slug}/check-in"`);
  });
});
