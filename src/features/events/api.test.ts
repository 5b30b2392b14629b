import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp, type TestApp } from '../../test/app.js';
import { eventWorld, mailsTo, member, publishedEvent, type EventWorld } from './events.fixture.js';
import { dateInDays, instantInDays, shiftDate } from '../../test/time.js';

let t: TestApp;
let w: EventWorld;
let staff: { authorization: string };
let admin: { authorization: string };

beforeAll(async () => {
  t = await testApp();
  w = await eventWorld(t.database);
  staff = await bearer(t.database, 'staff', w.org.north);
  admin = await bearer(t.database, 'admin', null);
});
afterAll(() => t.close());

// A day two months ahead; times carry their offset, so the instants do not depend on the season.
const day = dateInDays(60);
const input = (extra: Record<string, unknown> = {}) => ({
  kind: 'member_meeting',
  title: 'Kredsmøde i Nord',
  startsAt: `${day}T17:00:00+02:00`,
  endsAt: `${day}T20:00:00+02:00`,
  unitId: w.org.north,
  audience: 'members',
  capacity: 2,
  waitlist: true,
  ...extra,
});

const post = (url: string, payload: unknown, headers: Record<string, string> = staff) => t.app.inject({ method: 'POST', url, headers: { ...headers, 'accept-language': 'en' }, payload: payload as object });

async function count(table: string): Promise<number> {
  return Number((await t.database.executeSql(`select count(*)::int as n from ${table}`)).rows[0].n);
}

describe('POST /api/v1/events', () => {
  it('creates a draft and answers 201 with the contract fields', async () => {
    const res = await post('/api/v1/events', input({ registrationClosesAt: `${day}T12:00:00+02:00` }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      id: expect.any(String),
      title: 'Kredsmøde i Nord',
      startsAt: `${day}T15:00:00.000Z`,
      endsAt: `${day}T18:00:00.000Z`,
      capacity: 2,
      waitlist: true,
      audience: 'members',
      registrationOpensAt: null,
      registrationClosesAt: `${day}T10:00:00.000Z`,
      confirmedCount: 0,
      waitlistCount: 0,
      status: 'draft',
      slug: `kredsmoede-i-nord-${day}`,
    });
  });

  it('refuses bad input with problem+json naming each field in the reader’s language, and writes nothing', async () => {
    const before = await count('events');
    const res = await post('/api/v1/events', input({ capacity: 0, endsAt: `${day}T16:00:00+02:00`, description: '<script>alert(1)</script>' }));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.code).toBe('validation.failed');
    const byPath = Object.fromEntries(body.errors.map((e: { path: string; code: string; message: string }) => [e.path, e]));
    expect(byPath.capacity).toMatchObject({ code: 'event.capacity_positive', message: 'Capacity must be at least 1. Leave it empty for no limit.' });
    expect(byPath.endsAt).toMatchObject({ code: 'event.end_before_start', message: 'Ends must be after the start.' });
    expect(byPath.description.code).toBe('event.description_unsafe');

    const danish = await t.app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...staff, 'accept-language': 'da' }, payload: input({ registrationClosesAt: `${shiftDate(day, 1)}T12:00:00+02:00` }) });
    expect(danish.json().errors).toEqual([{ path: 'registrationClosesAt', code: 'event.closes_after_end', message: 'Tilmeldingsfrist kan ikke ligge efter arrangementets afslutning.' }]);

    const unknownUnit = await post('/api/v1/events', input({ unitId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknownUnit.statusCode).toBe(422);
    expect(unknownUnit.json().errors).toEqual([{ path: 'unitId', code: 'event.unit_not_found', message: 'Unit does not exist.' }]);
    expect(await count('events')).toBe(before);
  });
});

describe('reading events', () => {
  it('lists and shows events with their counts; out of sight is 404', async () => {
    const open = await publishedEvent(w, { audience: 'public', title: 'Åbent møde' });
    const members = await publishedEvent(w, { audience: 'members', title: 'Kun medlemmer' });
    const anonList = await t.app.inject({ method: 'GET', url: '/api/v1/events' });
    expect(anonList.statusCode).toBe(200);
    const titles = anonList.json().items.map((i: { title: string }) => i.title);
    expect(titles).toContain('Åbent møde');
    expect(titles).not.toContain('Kun medlemmer');
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/events/${open.id}` });
    expect(one.json()).toMatchObject({ id: open.id, confirmedCount: 0, waitlistCount: 0, programme: [], materials: [] });
    const hidden = await t.app.inject({ method: 'GET', url: `/api/v1/events/${members.id}` });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).not.toContain('Kun medlemmer');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/events/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/events?kind=party' })).statusCode).toBe(422);
  });
});

describe('registrations over the API', () => {
  it('confirms, then waitlists with a position; duplicates and a full event are 409; cancelling promotes', async () => {
    const event = await publishedEvent(w, { capacity: 1 });
    const [a, b, c] = await Promise.all([member(w), member(w), member(w)]);
    const url = `/api/v1/events/${event.id}/registrations`;
    const first = await post(url, { memberId: a.id });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ id: expect.any(String), status: 'confirmed', waitlistPosition: null });
    const second = await post(url, { memberId: b.id });
    expect(second.json()).toEqual({ id: expect.any(String), status: 'waitlisted', waitlistPosition: 1 });
    const again = await post(url, { memberId: a.id });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({ code: 'event.duplicate', errors: [{ path: 'memberId', code: 'event.duplicate' }] });

    const list = await t.app.inject({ method: 'GET', url, headers: staff });
    expect(list.json().items.map((i: { id: string; status: string; waitlistPosition: number | null }) => [i.id, i.status, i.waitlistPosition])).toEqual([
      [first.json().id, 'confirmed', null],
      [second.json().id, 'waitlisted', 1],
    ]);

    const del = await t.app.inject({ method: 'DELETE', url: `${url}/${first.json().id}`, headers: staff });
    expect(del.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: `/api/v1/events/${event.id}`, headers: staff });
    expect(after.json()).toMatchObject({ confirmedCount: 1, waitlistCount: 0 });
    expect((await mailsTo(t.database, b.email)).map((m) => m.subject)).toContain(`Du har fået en plads: ${event.title}`);
    expect((await t.app.inject({ method: 'DELETE', url: `${url}/${first.json().id}`, headers: staff })).statusCode).toBe(409);

    const full = await publishedEvent(w, { capacity: 1, waitlist: false });
    await post(`/api/v1/events/${full.id}/registrations`, { memberId: a.id });
    const refused = await post(`/api/v1/events/${full.id}/registrations`, { memberId: c.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'event.full', title: 'The event is full and has no waiting list.' });
  });

  it('answers 422 for a closed window, too many guests, an unknown member or a missing member', async () => {
    const m = await member(w);
    const closed = await publishedEvent(w, { registrationOpensAt: instantInDays(-20), registrationClosesAt: instantInDays(-10) });
    const res = await post(`/api/v1/events/${closed.id}/registrations`, { memberId: m.id });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'event.closed', title: 'Registration for this event has closed.' });

    const event = await publishedEvent(w, { maxGuests: 1 });
    const url = `/api/v1/events/${event.id}/registrations`;
    expect((await post(url, { memberId: m.id, guests: 2 })).json()).toMatchObject({ status: 422, errors: [{ path: 'guests', code: 'event.too_many_guests' }] });
    expect((await post(url, { memberId: m.id, guests: 21 })).json()).toMatchObject({ status: 422, errors: [{ path: 'guests', code: 'validation.too_big' }] });
    expect((await post(url, { memberId: '00000000-0000-4000-8000-000000000000' })).json()).toMatchObject({ status: 422, errors: [{ path: 'memberId', code: 'event.unknown_member' }] });
    expect((await post(url, {})).json()).toMatchObject({ status: 422, errors: [{ path: 'memberId', code: 'validation.required' }] });
    expect((await post(url, { memberId: m.id, name: 'X', email: 'x@example.org' })).statusCode).toBe(422);
    expect(await count('event_registrations where event_id = ' + `'${event.id}'`)).toBe(0);
  });

  it('takes a public registration from anyone as pending (double opt-in) and refuses it for other audiences', async () => {
    const open = await publishedEvent(w, { audience: 'public' });
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/events/${open.id}/registrations`, headers: { 'accept-language': 'sv' }, payload: { name: 'Sven Svensson', email: 'sven@example.se' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending', waitlistPosition: null });
    expect((await mailsTo(t.database, 'sven@example.se'))[0].subject).toBe(`Bekräfta din anmälan: ${open.title}`);
    const closed = await publishedEvent(w, { audience: 'members' });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/events/${closed.id}/registrations`, payload: { name: 'S', email: 's@example.se' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/events/${open.id}/registrations`, payload: { memberId: '00000000-0000-4000-8000-000000000000' } })).statusCode).toBe(401);
  });

  it('checks in a confirmed participant with 204, undoes it, and refuses the waiting list with 409', async () => {
    const event = await publishedEvent(w, { capacity: 1 });
    const [a, b] = await Promise.all([member(w), member(w)]);
    const ra = (await post(`/api/v1/events/${event.id}/registrations`, { memberId: a.id })).json();
    const rb = (await post(`/api/v1/events/${event.id}/registrations`, { memberId: b.id })).json();
    const checkIn = (id: string, method: 'POST' | 'DELETE' = 'POST') => t.app.inject({ method, url: `/api/v1/events/${event.id}/registrations/${id}/check-in`, headers: staff });
    expect((await checkIn(ra.id)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/events/${event.id}`, headers: staff })).json().attendedCount).toBe(1);
    expect((await checkIn(ra.id, 'DELETE')).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/events/${event.id}`, headers: staff })).json().attendedCount).toBe(0);
    const refused = await checkIn(rb.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('event.not_confirmed');
  });
});

describe('changing an event over the API', () => {
  it('patches, publishes, unpublishes and cancels; a cancelled event is 409 after that', async () => {
    const created = (await post('/api/v1/events', input({ title: 'Til ændring' }))).json();
    const url = `/api/v1/events/${created.id}`;
    const patched = await t.app.inject({ method: 'PATCH', url, headers: staff, payload: { capacity: 40, title: 'Ændret' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ capacity: 40, title: 'Ændret', slug: created.slug });
    const bad = await t.app.inject({ method: 'PATCH', url, headers: staff, payload: { endsAt: `${day}T10:00:00+02:00` } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ path: 'endsAt', code: 'event.end_before_start' });
    expect((await post(`${url}/publish`, undefined)).json().status).toBe('published');
    expect((await post(`${url}/unpublish`, undefined)).json().status).toBe('draft');
    const cancelled = await post(`${url}/cancel`, { reason: 'For få tilmeldte' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: 'For få tilmeldte' });
    expect((await post(`${url}/publish`, undefined)).statusCode).toBe(409);
    expect((await post(`${url}/cancel`, undefined, admin)).statusCode).toBe(409);
  });

  it('is documented in the OpenAPI document under the Events tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/events'));
    expect(paths.sort()).toEqual([
      '/api/v1/events',
      '/api/v1/events/{id}',
      '/api/v1/events/{id}/cancel',
      '/api/v1/events/{id}/publish',
      '/api/v1/events/{id}/registrations',
      '/api/v1/events/{id}/registrations/{registrationId}',
      '/api/v1/events/{id}/registrations/{registrationId}/check-in',
      '/api/v1/events/{id}/unpublish',
    ]);
    expect(doc.paths['/api/v1/events'].post.tags).toEqual(['Events']);
  });
});
