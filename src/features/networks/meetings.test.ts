import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../app.js';
import { features } from '../../features.js';
import type { Database } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/database.js';
import { system, type Actor } from '../../platform/actor.js';
import { addGroupKind } from '../../kernel/groups.js';
import { loadGrants } from '../../kernel/grants.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { testDatabase } from '../../test/database.js';
import { bearer, createPerson, seedUnits, testConfig, type Org } from '../../test/app.js';
import { networkGroupKind } from './group-kind.js';
import { networkMeetingApi } from './meetings-api.js';
import { createNetworkMeeting, listNetworkMeetings, networkMeetingInput, setAgenda, setMinutes } from './meetings.js';
import { networkMembers, networks } from './tables.js';

/*
 * Network meetings: a coordinator calls one, the participants register through the events module
 * (seats and waiting list as for any event), outsiders never find it, a network of member companies
 * needs its agenda beforehand, and the minutes come only once the meeting has begun. The app is
 * built with this slice's API and group kind plugged in as a feature of its own.
 */

let database: Database;
let app: FastifyInstance;
let org: Org;
type Someone = { id: string; actor: Actor; auth: { authorization: string } };
let staff: Someone;
let coordinator: Someone;
let first: Someone;
let second: Someone;
let outsider: Someone;
let peopleNetwork: string;
let companiesNetwork: string;
let hiddenNetwork: string;

async function someone(roles: Parameters<typeof createPerson>[1] = []): Promise<Someone> {
  const p = await createPerson(database, roles);
  const made = await createPersonalToken(database.db, system, { personId: p.id, name: 'network-meetings' });
  if (!made.ok) throw new Error(made.reason);
  return { id: p.id, actor: { kind: 'person', personId: p.id, firstName: p.firstName, lastName: p.lastName, grants: await loadGrants(database.db, p.id) }, auth: { authorization: `Bearer ${made.token.value}` } };
}

async function network(kind: 'people' | 'companies', visibility: 'listed' | 'hidden', people: Someone[]): Promise<string> {
  const [n] = await database.db.insert(networks).values({ unitId: org.north, name: `Netværk ${kind} ${visibility}`, kind, visibility, joinPolicy: 'open' }).returning({ id: networks.id });
  await database.db.insert(networkMembers).values([
    { networkId: n.id, personId: coordinator.id, role: 'coordinator', status: 'active', joinedAt: new Date() },
    ...people.map((p) => ({ networkId: n.id, personId: p.id, role: 'member' as const, status: 'active' as const, joinedAt: new Date() })),
  ]);
  return n.id;
}

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const meetingBody = (extra: Record<string, unknown> = {}) => ({ title: 'Erfa-møde om udbud', startsAt: at(14), endsAt: at(14.1), placeName: 'Huset', city: 'Aarhus', capacity: 1, waitlist: true, ...extra });
const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: Someone | null, payload?: unknown) =>
  app.inject({ method, url, headers: { ...(who ? who.auth : {}), 'accept-language': 'en' }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

function problem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const p = res.json() as { code: string; errors?: { path: string; code: string; message: string }[] };
  expect(p.code === code || p.errors?.some((e) => e.code === code), res.body).toBe(true);
  return p;
}

/** Moves a meeting's event into the past (it began two days ago and lasted two hours). */
async function holdInThePast(eventId: string) {
  await database.db.execute(sql`update events set starts_at = now() - interval '2 days', ends_at = now() - interval '2 days' + interval '2 hours' where id = ${eventId}::uuid`);
}

const count = async (table: 'events' | 'network_meetings') => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0].n;

beforeAll(async () => {
  database = await testDatabase();
  const slice = { name: 'network-meetings', routes: networkMeetingApi, groupKinds: [networkGroupKind] };
  app = await buildApp({ config: testConfig(), database, secret: 'test-secret-test-secret-test-secret-0123', logger: false, features: [...features.filter((f) => f.name !== 'networks'), slice] });
  await app.ready();
  // Whatever the app plugged in, this slice's kind is the one under test.
  addGroupKind(networkGroupKind);
  org = await seedUnits(database);
  staff = await someone([['staff', org.north]]);
  coordinator = await someone();
  first = await someone();
  second = await someone();
  outsider = await someone();
  peopleNetwork = await network('people', 'listed', [first, second]);
  companiesNetwork = await network('companies', 'listed', []);
  hiddenNetwork = await network('people', 'hidden', [first]);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('calling a network meeting', () => {
  it('a coordinator who is no staff member calls one: an event for the network, published, audited under them', async () => {
    const result = await createNetworkMeeting(database.db, coordinator.actor, peopleNetwork, networkMeetingInput.parse(meetingBody({ agenda: '1. Velkomst' })));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.meeting).toMatchObject({ networkId: peopleNetwork, title: 'Erfa-møde om udbud', status: 'published', capacity: 1, seatsLeft: 1, agenda: '1. Velkomst', agendaMissing: false });
    const [event] = await queryRows<{ kind: string; audience: string; audience_network_id: string; unit_id: string }>(database.db, sql`select kind, audience, audience_network_id, unit_id from events where id = ${result.meeting.eventId}::uuid`);
    expect(event).toEqual({ kind: 'network_meeting', audience: 'network', audience_network_id: peopleNetwork, unit_id: org.north });
    const audited = await queryRows<{ actor_person_id: string }>(database.db, sql`select actor_person_id from audit_events where entity_type = 'network_meeting' and entity_id = ${result.meeting.eventId}`);
    expect(audited.map((a) => a.actor_person_id)).toEqual([coordinator.id]);
  });

  it('a participant who does not coordinate may not call one; an outsider does not find a hidden network', async () => {
    expect(await createNetworkMeeting(database.db, first.actor, peopleNetwork, networkMeetingInput.parse(meetingBody()))).toEqual({ ok: false, reason: 'forbidden' });
    expect(await createNetworkMeeting(database.db, outsider.actor, hiddenNetwork, networkMeetingInput.parse(meetingBody()))).toEqual({ ok: false, reason: 'not_found' });
  });

  it('the participants register through the events module: one seat, then the waiting list; an outsider finds nothing', async () => {
    const made = await call('POST', `/api/v1/networks/${peopleNetwork}/meetings`, coordinator, meetingBody());
    expect(made.statusCode, made.body).toBe(201);
    const { eventId } = made.json() as { eventId: string };
    const seat = await call('POST', `/api/v1/events/${eventId}/registrations`, first, {});
    expect(seat.statusCode, seat.body).toBe(201);
    expect(seat.json()).toMatchObject({ status: 'confirmed' });
    const waiting = await call('POST', `/api/v1/events/${eventId}/registrations`, second, {});
    expect(waiting.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    problem(await call('POST', `/api/v1/events/${eventId}/registrations`, outsider, {}), 404, 'http.not_found');
    problem(await call('GET', `/api/v1/events/${eventId}`, outsider), 404, 'http.not_found');
    expect((await call('GET', `/api/v1/events/${eventId}`, first)).statusCode).toBe(200);
    const listed = await listNetworkMeetings(database.db, first.actor, peopleNetwork);
    expect(listed.ok && listed.meetings.upcoming.find((m) => m.eventId === eventId)).toMatchObject({ seatsLeft: 0, confirmedCount: 1, waitlistCount: 1 });
  });

  it('a network of member companies needs an agenda: 422 naming `agenda`, and nothing written', async () => {
    const [events, meetings] = [await count('events'), await count('network_meetings')];
    const p = problem(await call('POST', `/api/v1/networks/${companiesNetwork}/meetings`, coordinator, meetingBody()), 422, 'network.agenda_required');
    expect(p.errors).toEqual([{ path: 'agenda', code: 'network.agenda_required', message: expect.any(String) }]);
    expect(p.errors![0].message).not.toBe('network.agenda_required');
    expect([await count('events'), await count('network_meetings')]).toEqual([events, meetings]);
    const made = await call('POST', `/api/v1/networks/${companiesNetwork}/meetings`, coordinator, meetingBody({ agenda: '1. Erfaringer med rammeaftaler\n2. Eventuelt' }));
    expect(made.statusCode, made.body).toBe(201);
    // Emptying it before the meeting is refused the same way.
    problem(await call('PUT', `/api/v1/network-meetings/${made.json().eventId}/agenda`, coordinator, { agenda: '  ' }), 422, 'network.agenda_required');
  });

  it('answers every problem of the times at once, and refuses a start in the past', async () => {
    const p = problem(await call('POST', `/api/v1/networks/${peopleNetwork}/meetings`, coordinator, meetingBody({ startsAt: at(-1), endsAt: at(-1.5) })), 422, 'event.starts_in_past');
    expect(p.errors!.map((e) => e.path).sort()).toEqual(['endsAt', 'startsAt']);
  });
});

describe('agenda and minutes', () => {
  it('minutes are refused before the meeting and kept after it; the agenda is closed once it is over', async () => {
    const made = await createNetworkMeeting(database.db, coordinator.actor, companiesNetwork, networkMeetingInput.parse(meetingBody({ agenda: 'Dagsorden' })));
    if (!made.ok) throw new Error(JSON.stringify(made));
    const id = made.meeting.eventId;
    expect(await setMinutes(database.db, coordinator.actor, id, 'For tidligt')).toEqual({ ok: false, reason: 'meeting_not_held' });
    problem(await call('PUT', `/api/v1/network-meetings/${id}/minutes`, coordinator, { minutes: 'For tidligt' }), 409, 'network.meeting_not_held');
    const changed = await setAgenda(database.db, coordinator.actor, id, '1. Ny dagsorden');
    expect(changed.ok && changed.meeting).toMatchObject({ agenda: '1. Ny dagsorden' });

    await holdInThePast(id);
    let listed = await listNetworkMeetings(database.db, coordinator.actor, companiesNetwork);
    expect(listed.ok && listed.meetings.past.find((m) => m.eventId === id)).toMatchObject({ minutes: '', minutesMissing: true });
    const saved = await call('PUT', `/api/v1/network-meetings/${id}/minutes`, coordinator, { minutes: 'Referat: vi delte erfaringer.' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ eventId: id, minutes: 'Referat: vi delte erfaringer.', minutesMissing: false, minutesUpdatedAt: expect.any(String) });
    listed = await listNetworkMeetings(database.db, first.actor, companiesNetwork);
    expect(listed).toEqual({ ok: false, reason: 'not_found' });
    problem(await call('PUT', `/api/v1/network-meetings/${id}/agenda`, coordinator, { agenda: 'For sent' }), 409, 'network.meeting_ended');
  });

  it('flags an upcoming meeting of member companies without an agenda', async () => {
    const made = await createNetworkMeeting(database.db, coordinator.actor, companiesNetwork, networkMeetingInput.parse(meetingBody({ agenda: 'Punkt' })));
    if (!made.ok) throw new Error(JSON.stringify(made));
    // An agenda lost some other way (an import, an old meeting) is flagged for the coordinators.
    await database.db.execute(sql`update network_meetings set agenda = '' where event_id = ${made.meeting.eventId}::uuid`);
    const listed = await listNetworkMeetings(database.db, staff.actor, companiesNetwork);
    expect(listed.ok && listed.meetings.upcoming.find((m) => m.eventId === made.meeting.eventId)).toMatchObject({ agendaMissing: true });
  });
});

describe('the meetings API', () => {
  it('answers each role with its status code', async () => {
    const staffToken = await bearer(database, 'staff', org.north);
    const made = await app.inject({ method: 'POST', url: `/api/v1/networks/${peopleNetwork}/meetings`, headers: staffToken, payload: meetingBody({ draft: true }) });
    expect(made.statusCode, made.body).toBe(201);
    const draft = made.json() as { eventId: string; status: string };
    expect(draft.status).toBe('draft');
    // The participants see the published meetings, not the draft; the coordinators see both.
    const mine = await call('GET', `/api/v1/networks/${peopleNetwork}/meetings`, first);
    expect(mine.statusCode).toBe(200);
    const upcoming = (mine.json() as { upcoming: { eventId: string }[] }).upcoming.map((m) => m.eventId);
    expect(upcoming.length, mine.body).toBeGreaterThan(0);
    expect(upcoming).not.toContain(draft.eventId);
    expect(((await call('GET', `/api/v1/networks/${peopleNetwork}/meetings`, coordinator)).json() as { upcoming: { eventId: string }[] }).upcoming.map((m) => m.eventId)).toContain(draft.eventId);

    problem(await call('GET', `/api/v1/networks/${peopleNetwork}/meetings`, outsider), 404, 'http.not_found');
    problem(await call('GET', `/api/v1/networks/${hiddenNetwork}/meetings`, outsider), 404, 'http.not_found');
    problem(await call('GET', `/api/v1/networks/${peopleNetwork}/meetings`, null), 401, 'auth.required');
    problem(await call('POST', `/api/v1/networks/${peopleNetwork}/meetings`, first, meetingBody()), 403, 'http.forbidden');
    problem(await call('POST', `/api/v1/networks/${peopleNetwork}/meetings`, null, meetingBody()), 401, 'auth.required');
    problem(await call('PUT', `/api/v1/network-meetings/${draft.eventId}/agenda`, first, { agenda: 'Mit punkt' }), 403, 'http.forbidden');
    // Outside the network nothing tells that the meeting is there.
    problem(await call('PUT', `/api/v1/network-meetings/${draft.eventId}/agenda`, outsider, { agenda: 'Mit punkt' }), 404, 'http.not_found');
    problem(await call('PUT', `/api/v1/network-meetings/00000000-0000-4000-8000-000000000000/agenda`, coordinator, { agenda: 'x' }), 404, 'http.not_found');
    const agenda = await call('PUT', `/api/v1/network-meetings/${draft.eventId}/agenda`, coordinator, { agenda: '1. Budget' });
    expect(agenda.statusCode, agenda.body).toBe(200);
    expect(agenda.json()).toMatchObject({ agenda: '1. Budget' });
    problem(await call('POST', `/api/v1/networks/${peopleNetwork}/meetings`, coordinator, { ...meetingBody(), title: '' }), 422, 'validation.failed');
  });
});
