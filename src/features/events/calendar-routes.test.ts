import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, formSession, loginAs, postForm, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { registeredRoutes } from '../../test/routes.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { sha256 } from '../../platform/secrets.js';
import { persons } from '../../kernel/tables.js';
import { and, eq } from 'drizzle-orm';
import { calendarFeeds, events, registrations } from './tables.js';
import { icsFileName } from './calendar-routes.js';
import { createCalendarFeed, hasCalendarFeed } from './calendar-feeds.js';
import { insertEvent } from './events.fixture.js';

let t: TestApp;
let org: Org;
const DAY = 86_400_000;

/** An event in Kreds Nord, tomorrow (the unit feed's tests make theirs public, so the personal feed's never show up there). */
function event(fields: Partial<typeof events.$inferInsert> = {}) {
  return insertEvent(t.database, { unitId: org.north, description: 'Kom **glad**.', ...fields });
}

async function register(eventId: string, personId: string, status: 'pending' | 'confirmed' | 'waitlisted' | 'cancelled') {
  await t.database.db.insert(registrations).values({ eventId, personId, status });
}

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevents = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  return { calendar, events: vevents, summaries: vevents.map((e) => e.summary).sort() };
}

/** Makes a feed through the form, as the person would, and returns the token shown on the page. */
async function feedThroughForm(cookie: string) {
  const session = await formSession(t.app, '/', cookie);
  const res = await postForm(t.app, '/me/events/calendar-feed', session, {});
  const token = /\/calendar\/feeds\/([A-Za-z0-9_-]{43})\.ics/.exec(res.body)?.[1];
  return { res, token: token! };
}

const feedUrl = (token: string) => `/calendar/feeds/${token}.ics`;

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
});
afterAll(() => t?.close());

describe('the personal calendar feed', () => {
  it('is made by the form, shown once, stored only as a hash, and its making is audited', async () => {
    const member = await createPerson(t.database, [['member', org.north]]);
    const { cookie } = await loginAs(t.database, member.id);
    expect(await hasCalendarFeed(t.database.db, member.id)).toBe(false);

    const { res, token } = await feedThroughForm(cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body).toContain(`value="http://forening.test/calendar/feeds/${token}.ics"`);
    expect(res.body).toContain(`href="webcal://forening.test/calendar/feeds/${token}.ics"`);
    expect(res.body).toContain('Sådan abonnerer du');
    expect(res.body).not.toContain('virker ikke længere');
    expect(await hasCalendarFeed(t.database.db, member.id)).toBe(true);

    const [stored] = await t.database.db.select().from(calendarFeeds).where(eq(calendarFeeds.personId, member.id));
    expect(stored.tokenHash).toBe(sha256(token));
    const everything = await t.database.executeSql(`select (select json_agg(f)::text from event_calendar_feeds f) || (select json_agg(a)::text from audit_events a) as dump`);
    expect(String(everything.rows[0].dump)).not.toContain(token);

    const trail = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'event_calendar_feed'), eq(auditEvents.entityId, member.id)));
    expect(trail.map((a) => [a.action, a.actorPersonId, a.fields])).toEqual([['create', member.id, ['tokenHash']]]);
  });

  it('shows confirmed and waiting-list places at published and cancelled events, upcoming and of the last 60 days, and nothing else', async () => {
    const member = await createPerson(t.database, [['member', org.north]]);
    const other = await createPerson(t.database, [['member', org.north]]);
    const { cookie } = await loginAs(t.database, member.id);
    const { token } = await feedThroughForm(cookie);

    const confirmed = await event({ title: 'Medlemsmøde' });
    const waitlisted = await event({ title: 'Kursus i overenskomst', startsAt: new Date(Date.now() + 20 * DAY) });
    const cancelledEvent = await event({ title: 'Netværksmøde', status: 'cancelled', cancelledAt: new Date() });
    const recent = await event({ title: 'Sidste måneds møde', startsAt: new Date(Date.now() - 30 * DAY) });
    const old = await event({ title: 'Gammelt møde', startsAt: new Date(Date.now() - 61 * DAY) });
    const draft = await event({ title: 'Kladde', status: 'draft', publishedAt: null });
    const cancelledDraft = await event({ title: 'Aflyst kladde', status: 'cancelled', publishedAt: null, cancelledAt: new Date() });
    const pending = await event({ title: 'Afventer bekræftelse' });
    const gaveUp = await event({ title: 'Meldt fra' });
    const othersOnly = await event({ title: 'Andres møde' });
    await register(confirmed.id, member.id, 'confirmed');
    await register(waitlisted.id, member.id, 'waitlisted');
    await register(cancelledEvent.id, member.id, 'confirmed');
    await register(recent.id, member.id, 'confirmed');
    await register(old.id, member.id, 'confirmed');
    await register(draft.id, member.id, 'confirmed');
    await register(cancelledDraft.id, member.id, 'confirmed');
    await register(pending.id, member.id, 'pending');
    await register(gaveUp.id, member.id, 'cancelled');
    await register(othersOnly.id, other.id, 'confirmed');

    // A calendar app: no cookie, only the address.
    const res = await t.app.inject({ method: 'GET', url: feedUrl(token) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('inline; filename="my-events.ics"');
    expect(res.headers['cache-control']).toBe('private, max-age=300');
    expect(res.headers['x-robots-tag']).toBe('noindex');

    const feed = parse(res.body);
    expect(feed.summaries).toEqual(['Aflyst: Netværksmøde', 'Medlemsmøde', 'Sidste måneds møde', 'Venteliste: Kursus i overenskomst'].sort());
    expect(feed.calendar.getFirstPropertyValue('x-wr-calname')).toBe('Mine arrangementer – Forening');
    const byUid = new Map(feed.events.map((e) => [e.uid, e]));
    expect(byUid.get(`${cancelledEvent.id}@forening`)!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    const meeting = byUid.get(`${confirmed.id}@forening`)!;
    expect(meeting.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(meeting.startDate.toJSDate().toISOString()).toBe(confirmed.startsAt.toISOString());
    expect(meeting.location).toBe('Nørregade 1, 8000 Aarhus C');
    expect(meeting.component.getFirstPropertyValue('url')).toBe(`http://forening.test/events/${confirmed.slug}`);
    expect(meeting.description).toBe(`Kom glad.\n\nhttp://forening.test/events/${confirmed.slug}`);
  });

  it('speaks the owner’s language', async () => {
    const member = await createPerson(t.database, [['member', org.north]], { preferredLocale: 'en' });
    const { token } = await createCalendarFeed(t.database.db, { kind: 'person', personId: member.id, firstName: 'Test', lastName: 'Person', grants: [] });
    const e = await event({ title: 'Annual meeting' });
    await register(e.id, member.id, 'waitlisted');
    const res = await t.app.inject({ method: 'GET', url: feedUrl(token), headers: { 'accept-language': 'da' } });
    const feed = parse(res.body);
    expect(feed.summaries).toEqual(['Waiting list: Annual meeting']);
    expect(feed.calendar.getFirstPropertyValue('x-wr-calname')).toBe('My events – Forening');
  });

  it('a new address replaces the old one, which then answers 404; the replacement is audited', async () => {
    const member = await createPerson(t.database, [['member', org.north]]);
    const { cookie } = await loginAs(t.database, member.id);
    const first = await feedThroughForm(cookie);
    expect((await t.app.inject({ method: 'GET', url: feedUrl(first.token) })).statusCode).toBe(200);

    const second = await feedThroughForm(cookie);
    expect(second.token).not.toBe(first.token);
    expect(second.res.body).toContain('Din tidligere kalenderadresse virker ikke længere');
    expect((await t.app.inject({ method: 'GET', url: feedUrl(first.token) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: feedUrl(second.token) })).statusCode).toBe(200);
    expect(await t.database.db.select().from(calendarFeeds).where(eq(calendarFeeds.personId, member.id))).toHaveLength(1);
    const trail = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.entityType, 'event_calendar_feed'), eq(auditEvents.entityId, member.id)));
    expect(trail.map((a) => a.action).sort()).toEqual(['create', 'update']);
  });

  it('answers 404 for an unknown, malformed or empty token, and for a person who is gone', async () => {
    for (const url of [feedUrl('A'.repeat(43)), feedUrl('kort'), feedUrl(`${'A'.repeat(42)}%27`), '/calendar/feeds/.ics']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
    const member = await createPerson(t.database, [['member', org.north]]);
    const { token } = await createCalendarFeed(t.database.db, { kind: 'person', personId: member.id, firstName: 'Test', lastName: 'Person', grants: [] });
    await t.database.db.delete(persons).where(eq(persons.id, member.id));
    expect((await t.app.inject({ method: 'GET', url: feedUrl(token) })).statusCode).toBe(404);
  });

  it('answers a repeated poll with 304 while nothing changed, and with the new document after a change', async () => {
    const member = await createPerson(t.database, [['member', org.north]]);
    const { token } = await createCalendarFeed(t.database.db, { kind: 'person', personId: member.id, firstName: 'Test', lastName: 'Person', grants: [] });
    const e = await event({ title: 'Før' });
    await register(e.id, member.id, 'confirmed');
    const first = await t.app.inject({ method: 'GET', url: feedUrl(token) });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await t.app.inject({ method: 'GET', url: feedUrl(token), headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    await t.database.db.update(events).set({ title: 'Efter', updatedAt: new Date() }).where(eq(events.id, e.id));
    const changed = await t.app.inject({ method: 'GET', url: feedUrl(token), headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(parse(changed.body).summaries).toEqual(['Efter']);
  });

  it('the form is for logged-in people only and needs its CSRF token', async () => {
    const anonymous = await formSession(t.app, '/login');
    const before = await t.database.db.select().from(calendarFeeds);
    const res = await postForm(t.app, '/me/events/calendar-feed', anonymous, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent('/me/events/calendar-feed')}`);

    const member = await createPerson(t.database, [['member', org.north]]);
    const { cookie } = await loginAs(t.database, member.id);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/me/events/calendar-feed',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: '',
    });
    expect(forged.statusCode).toBe(403);
    expect(await t.database.db.select().from(calendarFeeds)).toEqual(before);
  });

  it('shows the page in Swedish and English too', async () => {
    for (const [locale, text] of [
      ['sv', 'Så prenumererar du'],
      ['en', 'How to subscribe'],
    ] as const) {
      const member = await createPerson(t.database, [['member', org.north]], { preferredLocale: locale });
      const { res } = await feedThroughForm((await loginAs(t.database, member.id)).cookie);
      expect(res.body, locale).toContain(text);
    }
  });
});

describe('the public unit feed', () => {
  let south: Awaited<ReturnType<typeof event>>;
  let leaders: Awaited<ReturnType<typeof event>>;
  let north: Awaited<ReturnType<typeof event>>;
  let cancelled: Awaited<ReturnType<typeof event>>;

  beforeAll(async () => {
    const open = { audience: 'public' } as const;
    north = await event({ ...open, title: 'Åbent møde i Nord', unitId: org.north });
    south = await event({ ...open, title: 'Åbent møde i Syd', unitId: org.south });
    leaders = await event({ ...open, title: 'Ledertræf', unitId: org.leaders, onlineUrl: 'https://meet.example/ledere', addressLine: null, postalCode: null, city: null });
    cancelled = await event({ ...open, title: 'Sommerfest', unitId: org.north, status: 'cancelled', cancelledAt: new Date() });
    await event({ ...open, title: 'Landsmøde', unitId: org.national, startsAt: new Date(Date.now() - 10 * DAY) });
    // Never in a public feed:
    await event({ title: 'Kun for medlemmer', unitId: org.north, audience: 'members' });
    await event({ title: 'Kun for Nords medlemmer', unitId: org.north, audience: 'unit_members', audienceUnitId: org.north });
    await event({ title: 'For tillidsrepræsentanter', unitId: org.north, audience: 'roles', audienceRoles: ['steward'] });
    await event({ ...open, title: 'Ikke offentliggjort', unitId: org.north, status: 'draft', publishedAt: null });
    await event({ ...open, title: 'Aflyst før offentliggørelse', unitId: org.north, status: 'cancelled', publishedAt: null });
    await event({ ...open, title: 'For længe siden', unitId: org.north, startsAt: new Date(Date.now() - 90 * DAY) });
  });

  const titles = (body: string) => parse(body).summaries;

  it('has the public events of the unit and every unit below it, upcoming and of the last 60 days', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/calendar/units/${org.national}.ics` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('inline; filename="testforbundet.ics"');
    expect(res.headers['cache-control']).toBe('public, max-age=900');
    expect(titles(res.body)).toEqual(['Aflyst: Sommerfest', 'Landsmøde', 'Ledertræf', 'Åbent møde i Nord', 'Åbent møde i Syd'].sort());
    expect(parse(res.body).calendar.getFirstPropertyValue('x-wr-calname')).toBe('Testforbundet – arrangementer');
    const byUid = new Map(parse(res.body).events.map((e) => [e.uid, e]));
    expect(byUid.get(`${cancelled.id}@forening`)!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(byUid.get(`${leaders.id}@forening`)!.location).toBe('https://meet.example/ledere');
    expect(byUid.get(`${south.id}@forening`)!.component.getFirstPropertyValue('url')).toBe(`http://forening.test/events/${south.slug}`);
  });

  it('has only its own subtree: a district’s feed leaves out its siblings and the national level', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/calendar/units/${org.north}.ics` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('inline; filename="kreds-nord.ics"');
    expect(titles(res.body)).toEqual(['Aflyst: Sommerfest', 'Åbent møde i Nord'].sort());
    expect(parse(res.body).events.some((e) => e.uid === `${north.id}@forening`)).toBe(true);
  });

  it('answers 404 for an unknown unit or a malformed id', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'kreds-nord', "1' or '1'='1"]) {
      expect((await t.app.inject({ method: 'GET', url: `/calendar/units/${encodeURIComponent(id)}.ics` })).statusCode, id).toBe(404);
    }
  });

  it('is the same for a logged-in member and an anonymous calendar app', async () => {
    const member = await createPerson(t.database, [['member', org.north]]);
    const { cookie } = await loginAs(t.database, member.id);
    const a = await t.app.inject({ method: 'GET', url: `/calendar/units/${org.north}.ics` });
    const b = await t.app.inject({ method: 'GET', url: `/calendar/units/${org.north}.ics`, headers: { cookie, 'accept-language': 'en' } });
    expect(b.body).toBe(a.body);
  });
});

describe('who may use the calendar routes', () => {
  /** This file's routes: everything under /calendar, and the form under /me/events. */
  const ours = (path: string) => path.startsWith('/calendar/') || path === '/me/events/calendar-feed';

  it('lists every calendar route, and only those', () => {
    const registered = registeredRoutes(t.app, (p) => ours(p.replace(/\/+/g, '/'))).map((r) => `${r.method} ${r.path.replace(/\/+/g, '/')}`);
    expect(registered.sort()).toEqual(['GET /calendar/feeds/:token.ics', 'GET /calendar/units/:unitId.ics', 'POST /me/events/calendar-feed']);
  });

  it('feeds answer by their address alone: the same for anonymous, member, staff and admin callers', async () => {
    const owner = await createPerson(t.database, [['member', org.north]]);
    const { token } = await createCalendarFeed(t.database.db, { kind: 'person', personId: owner.id, firstName: 'Test', lastName: 'Person', grants: [] });
    const e = await event({ title: 'Ejerens møde' });
    await register(e.id, owner.id, 'confirmed');
    const callers: Record<string, string | undefined> = {
      anonymous: undefined,
      member: (await loginAs(t.database, (await createPerson(t.database, [['member', org.south]])).id)).cookie,
      staff: (await loginAs(t.database, (await createPerson(t.database, [['staff', org.north]])).id)).cookie,
      admin: (await loginAs(t.database, (await createPerson(t.database, [['admin', null]])).id)).cookie,
    };
    for (const [who, cookie] of Object.entries(callers)) {
      const headers = cookie ? { cookie } : {};
      const own = await t.app.inject({ method: 'GET', url: feedUrl(token), headers });
      expect(own.statusCode, who).toBe(200);
      // Always the owner's events, whoever's browser asks.
      expect(parse(own.body).summaries, who).toEqual(['Ejerens møde']);
      expect((await t.app.inject({ method: 'GET', url: feedUrl('B'.repeat(43)), headers })).statusCode, who).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/calendar/units/${org.north}.ics`, headers })).statusCode, who).toBe(200);
    }
  });

  it('the form makes a feed for any logged-in person (member, staff, admin), each their own', async () => {
    for (const role of [['member', org.north], ['staff', org.south], ['admin', null]] as const) {
      const person = await createPerson(t.database, [[role[0], role[1]]]);
      const { res, token } = await feedThroughForm((await loginAs(t.database, person.id)).cookie);
      expect(res.statusCode, role[0]).toBe(200);
      const [row] = await t.database.db.select().from(calendarFeeds).where(eq(calendarFeeds.personId, person.id));
      expect(row.tokenHash, role[0]).toBe(sha256(token));
    }
  });
});

describe('icsFileName', () => {
  it('makes a plain ASCII file name from a unit name', () => {
    expect(icsFileName('Kreds Nord')).toBe('kreds-nord.ics');
    expect(icsFileName('Ældre & Sårbare – Øst')).toBe('aeldre-saarbare-oest.ics');
    expect(icsFileName('Avdelning Göteborg')).toBe('avdelning-goeteborg.ics');
    expect(icsFileName('"; rm -rf')).toBe('rm-rf.ics');
    expect(icsFileName('–')).toBe('events.ics');
  });
});
