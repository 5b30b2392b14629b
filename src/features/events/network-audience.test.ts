import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { anonymous, system, type Actor } from '../../platform/actor.js';
import { queryRows } from '../../platform/db/database.js';
import { uuidArray } from '../../platform/db/sql.js';
import { addGroupKind } from '../../kernel/groups.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { bearer, loginAs, testApp, type TestApp } from '../../test/app.js';
import { ctx, days, eventWorld, member, publishedEvent, type EventWorld } from './events.fixture.js';
import { createEvent, updateEvent } from './events.js';
import { eventFilter, eventInput, eventPatch, registrationInput } from './schema.js';
import { getEvent, listEvents } from './queries.js';
import { registerForEvent } from './registrations.js';
import { upcomingPublishedEvents } from './invitable.js';

/*
 * The `network` audience: an event for the participants of one group of the kernel's group kind
 * `network`. A small fake kind stands in for the networks feature, so these tests hold whether or
 * not that feature is plugged in: its groups are kept in a map and read at query time.
 */

let t: TestApp;
let w: EventWorld;
const groups = new Map<string, { unitId: string; name: string; people: Set<string> }>();
const NETWORK = '7b0e0c52-6a53-4c0f-9d7e-3f1b2a000001';
const OTHER_NETWORK = '7b0e0c52-6a53-4c0f-9d7e-3f1b2a000002';
let participant: Awaited<ReturnType<typeof member>>;
let second: Awaited<ReturnType<typeof member>>;
let third: Awaited<ReturnType<typeof member>>;
let outsider: Awaited<ReturnType<typeof member>>;

beforeAll(async () => {
  t = await testApp();
  w = await eventWorld(t.database);
  participant = await member(w);
  second = await member(w);
  third = await member(w);
  outsider = await member(w);
  groups.set(NETWORK, { unitId: w.org.north, name: 'Netværk for driftsledere', people: new Set([participant.id, second.id, third.id]) });
  groups.set(OTHER_NETWORK, { unitId: w.org.north, name: 'Et andet netværk', people: new Set([outsider.id]) });
  // Registered after the app is built, so it stands in for whatever the app's features registered.
  addGroupKind({
    name: 'network',
    personIds: (id) => sql`select unnest(${uuidArray([...(groups.get(id)?.people ?? [])])})`,
    groupIdsOf: (personId) => sql`select unnest(${uuidArray([...groups].filter(([, g]) => g.people.has(personId)).map(([id]) => id))})`,
    title: async (_db, id) => groups.get(id)?.name ?? null,
    unitOf: async (_db, id) => groups.get(id)?.unitId ?? null,
  });
}, 120_000);
afterAll(async () => t?.close());

const meeting = (extra: Record<string, unknown> = {}) => publishedEvent(w, { kind: 'network_meeting', audience: 'network', audienceNetworkId: NETWORK, ...extra });
const sees = async (actor: Actor, id: string) => (await getEvent(t.database.db, actor, id)).ok;
const lists = async (actor: Actor, id: string) => (await listEvents(t.database.db, actor, eventFilter.parse({}))).items.some((e) => e.id === id);
/** A personal API token: the API reads it as its person. */
async function tokenOf(personId: string): Promise<{ authorization: string }> {
  const made = await createPersonalToken(t.database.db, system, { personId, name: 'network-audience' });
  if (!made.ok) throw new Error(made.reason);
  return { authorization: `Bearer ${made.token.value}` };
}
const register = (actor: Actor, id: string) => registerForEvent(t.database.db, actor, id, registrationInput.parse({}), ctx);

describe('the network audience', () => {
  it('needs an existing network, and keeps the network only for itself', async () => {
    const base = { kind: 'network_meeting', title: 'Netværksmøde', startsAt: days(10), endsAt: days(10.1), unitId: w.org.north };
    const missing = eventInput.safeParse({ ...base, audience: 'network' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]).toMatchObject({ path: ['audienceNetworkId'], message: 'validation.required' });
    expect(await createEvent(t.database.db, w.staffNorth, eventInput.parse({ ...base, audience: 'network', audienceNetworkId: '00000000-0000-4000-8000-000000000000' }))).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [{ path: 'audienceNetworkId', code: 'event.network_not_found' }],
    });
    expect(eventInput.parse({ ...base, audience: 'members', audienceNetworkId: NETWORK })).toMatchObject({ audienceNetworkId: null });
    const created = await createEvent(t.database.db, w.staffNorth, eventInput.parse({ ...base, audience: 'network', audienceNetworkId: NETWORK }));
    expect(created.ok && created.event).toMatchObject({ audience: 'network', audienceNetworkId: NETWORK });
  });

  it('admits the network’s participants and its organisers, and nobody else — not even by the event’s id', async () => {
    const event = await meeting();
    expect(await sees(participant.actor, event.id)).toBe(true);
    expect(await lists(participant.actor, event.id)).toBe(true);
    for (const actor of [outsider.actor, anonymous, w.staffSouth]) {
      expect(await sees(actor, event.id)).toBe(false);
      expect(await lists(actor, event.id)).toBe(false);
    }
    expect(await sees(w.staffNorth, event.id)).toBe(true);
    expect(await lists(w.staffNorth, event.id)).toBe(true);
    expect(await sees(w.board, event.id)).toBe(true);
    expect(await sees(w.admin, event.id)).toBe(true);
    // A mailing never offers it as something to invite to.
    expect((await upcomingPublishedEvents(t.database.db)).some((e) => e.id === event.id)).toBe(false);
  });

  it('lets a participant register, and refuses an outsider and a public registrant as not found', async () => {
    const event = await meeting();
    const reg = await register(participant.actor, event.id);
    expect(reg.ok && reg.registration.status).toBe('confirmed');
    expect(await register(outsider.actor, event.id)).toEqual({ ok: false, reason: 'not_found' });
    expect(await registerForEvent(t.database.db, anonymous, event.id, registrationInput.parse({ name: 'Gæst', email: 'gaest@example.org' }), ctx)).toEqual({ ok: false, reason: 'not_found' });
    // Someone who leaves the network loses the meeting at once.
    groups.get(NETWORK)!.people.delete(third.id);
    expect(await sees(third.actor, event.id)).toBe(false);
    groups.get(NETWORK)!.people.add(third.id);
    expect(await sees(third.actor, event.id)).toBe(true);
  });

  it('keeps the seats and the waiting list as for any event', async () => {
    const event = await meeting({ capacity: 1, waitlist: true });
    const first = await register(participant.actor, event.id);
    const next = await register(second.actor, event.id);
    expect(first.ok && first.registration.status).toBe('confirmed');
    expect(next.ok && next.registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const full = await meeting({ capacity: 1, waitlist: false });
    expect((await register(participant.actor, full.id)).ok).toBe(true);
    expect(await register(second.actor, full.id)).toMatchObject({ ok: false, reason: 'full' });
    const [{ n }] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from event_registrations where event_id = ${full.id} and status <> 'cancelled'`);
    expect(n).toBe(1);
  });

  it('a change of audience away from the network drops the network', async () => {
    const event = await meeting();
    const changed = await updateEvent(t.database.db, w.staffNorth, event.id, eventPatch.parse({ audience: 'members' }), ctx);
    expect(changed.ok && changed.event).toMatchObject({ audience: 'members', audienceNetworkId: null });
    const unknown = await updateEvent(t.database.db, w.staffNorth, event.id, eventPatch.parse({ audience: 'network', audienceNetworkId: '00000000-0000-4000-8000-000000000000' }), ctx);
    expect(unknown).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'audienceNetworkId', code: 'event.network_not_found' }] });
  });
});

describe('the network audience over HTTP', () => {
  it('the page, the API and the list answer a participant, and an outsider gets not found', async () => {
    const event = await meeting({ title: 'Erfa-møde for driftsledere' });
    const mine = await loginAs(t.database, participant.id);
    const theirs = await loginAs(t.database, outsider.id);
    const page = await t.app.inject({ method: 'GET', url: `/events/${event.slug}`, headers: mine });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Erfa-møde for driftsledere');
    expect((await t.app.inject({ method: 'GET', url: `/events/${event.slug}`, headers: theirs })).statusCode).toBe(404);
    // Someone not signed in is asked to sign in, as for any event not meant for everyone; nothing of it shows.
    const signedOut = await t.app.inject({ method: 'GET', url: `/events/${event.slug}` });
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.body).not.toContain('Erfa-møde');
    expect((await t.app.inject({ method: 'GET', url: `/events/${event.slug}.ics`, headers: theirs })).statusCode).toBe(404);

    const myToken = await tokenOf(participant.id);
    const theirToken = await tokenOf(outsider.id);
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/events/${event.id}`, headers: myToken });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ audience: 'network', audienceNetworkId: NETWORK });
    const refused = await t.app.inject({ method: 'GET', url: `/api/v1/events/${event.id}`, headers: theirToken });
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).not.toContain('Erfa-møde');
    const joined = await t.app.inject({ method: 'POST', url: `/api/v1/events/${event.id}/registrations`, headers: myToken, payload: {} });
    expect(joined.statusCode, joined.body).toBe(201);
    expect(joined.json()).toMatchObject({ status: 'confirmed' });
    const notJoined = await t.app.inject({ method: 'POST', url: `/api/v1/events/${event.id}/registrations`, headers: theirToken, payload: {} });
    expect(notJoined.statusCode).toBe(404);

    const listed = (res: { json(): { items: { id: string }[] } }) => res.json().items.some((e) => e.id === event.id);
    expect(listed(await t.app.inject({ method: 'GET', url: '/api/v1/events', headers: myToken }))).toBe(true);
    expect(listed(await t.app.inject({ method: 'GET', url: '/api/v1/events', headers: theirToken }))).toBe(false);
    expect(listed(await t.app.inject({ method: 'GET', url: '/api/v1/events' }))).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/events', headers: mine })).body).toContain('Erfa-møde for driftsledere');
    expect((await t.app.inject({ method: 'GET', url: '/events', headers: theirs })).body).not.toContain('Erfa-møde for driftsledere');
    expect((await t.app.inject({ method: 'GET', url: '/events' })).body).not.toContain('Erfa-møde for driftsledere');
    // The unit's public calendar never carries it, not even its title.
    const feed = await t.app.inject({ method: 'GET', url: `/calendar/units/${w.org.north}.ics` });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).not.toContain('Erfa-møde');
  });

  it('POST /api/v1/events takes the network audience from staff, and names audienceNetworkId when the network is unknown', async () => {
    const staff = await bearer(t.database, 'staff', w.org.north);
    const body = { kind: 'network_meeting', title: 'Netværksmøde via API', startsAt: days(20), endsAt: days(20.1), unitId: w.org.north, audience: 'network' };
    const made = await t.app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...staff, 'accept-language': 'en' }, payload: { ...body, audienceNetworkId: NETWORK } });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ audience: 'network', audienceNetworkId: NETWORK });
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...staff, 'accept-language': 'en' }, payload: { ...body, audienceNetworkId: '00000000-0000-4000-8000-000000000000' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors).toEqual([{ path: 'audienceNetworkId', code: 'event.network_not_found', message: expect.stringMatching(/network/i) }]);
  });

  it('the staff page names the network', async () => {
    const event = await meeting();
    const page = await t.app.inject({ method: 'GET', url: `/events/${event.slug}/manage`, headers: await loginAs(t.database, (w.staffNorth as { personId: string }).personId) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Netværk for driftsledere');
  });
});
