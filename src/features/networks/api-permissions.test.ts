import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, multipartForm, type TestApp } from '../../test/app.js';
import { registeredRoutes } from '../../test/routes.js';
import { persons, roleAssignments } from '../../kernel/tables.js';
import { memberships, membershipTypes } from '../members/tables.js';
import { seedDemoCompanies } from '../member-companies/index.js';
import { uploadNetworkFile } from './files.js';
import { createNetworkMeeting, networkMeetingInput } from './meetings.js';
import { actorOf, ctx, networkOf, networkWorld, tokenOf, type NetworkWorld, type Someone } from './networks.fixture.js';
import { networkMembers } from './tables.js';
import { createThread, replyToThread } from './threads.js';

/**
 * Every route of the networks' API (networks, members, threads, posts, files, the notice, the
 * notification choice and the meetings) with every kind of caller, each with their own personal
 * token, against three networks: a hidden network of people, a hidden network of member companies
 * and a listed network of people. A hidden network does not exist for anyone outside it (404 for
 * everything); a listed one is seen by everyone signed in, but its inside (members, threads, files,
 * search, meetings) is still not found. Staff of the network's unit run it whether attached or not;
 * the board of the unit has no say in it. A refused caller changes nothing and is answered with
 * problem+json; a caller let through has written what the route writes.
 */

const CALLERS = [
  'anonymous',
  'outsiderMember',
  'memberElsewhere',
  'participant',
  'contactIn',
  'contactOut',
  'coordinator',
  'expert',
  'staffUnattached',
  'staffElsewhere',
  'board',
  'boardElsewhere',
  'admin',
] as const;
type Who = (typeof CALLERS)[number];
/** A caller's place in a network: in it, coordinating it, attached as expert, running it unattached (staff of the unit, admin), outside. */
type Place = 'anonymous' | 'in' | 'coordinator' | 'expert' | 'organiser' | 'out';

type Net = {
  label: string;
  id: string;
  kind: 'people' | 'companies';
  listed: boolean;
  /** The participant (a member, or the contact of the company in it). */
  insider: Someone;
  threadId: string;
  /** A reply by the participant, for the edit route. */
  insiderPostId: string;
  /** A file the participant uploaded. */
  fileId: string;
  meetingId: string;
  heldMeetingId: string;
};

let t: TestApp;
let w: NetworkWorld;
let typeId: string;
const headers = {} as Record<Who, Record<string, string>>;
const person = {} as Record<Exclude<Who, 'anonymous'>, Someone>;
const nets: Net[] = [];
let n = 0;

function placeOf(who: Who, net: Net): Place {
  if (who === 'anonymous') return 'anonymous';
  if (who === 'coordinator') return 'coordinator';
  if (who === 'expert') return 'expert';
  if (who === 'staffUnattached' || who === 'admin') return 'organiser';
  if ((net.kind === 'people' && who === 'participant') || (net.kind === 'companies' && who === 'contactIn')) return 'in';
  return 'out';
}

type Expect = (place: Place, net: Net, who: Who) => number;
const staffish = (p: Place) => p === 'coordinator' || p === 'expert' || p === 'organiser';
/** The inside of a network: those in it and its organisers; not found for everyone else. */
const inside =
  (ok: number, forIn = ok): Expect =>
  (p) =>
    p === 'anonymous' ? 401 : staffish(p) ? ok : p === 'in' ? forIn : 404;
/** An act on the network itself: those who see it but may not act are refused (403), those who do not see it get 404. */
const onNetwork =
  (ok: number, forIn: number): Expect =>
  (p, net) =>
    p === 'anonymous' ? 401 : staffish(p) ? ok : p === 'in' ? forIn : net.listed ? 403 : 404;
const coordinates = (ok: number) => onNetwork(ok, 403);
/** Coordinating the inside (a request, a meeting): participants who do not coordinate are refused (403), everyone outside gets 404. */
const coordinatesInside = (ok: number) => inside(ok, 403);

interface Row {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  route: string;
  url: (net: Net) => Promise<string> | string;
  body?: (net: Net) => Promise<Record<string, unknown>> | Record<string, unknown>;
  multipart?: () => { payload: Buffer; contentType: string };
  expect: Expect;
  /** A route that succeeds must have written something. */
  writes?: boolean;
  /** Once for the organisation, not per network. */
  global?: boolean;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const pdfForm = () => multipartForm({ title: `Referat ${++n}`, description: 'Fra mødet' }, [{ field: 'file', name: 'referat.pdf', type: 'application/pdf', bytes: PDF }]);
const days = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

/** A new active member of the north, in no network. */
async function freshMember(): Promise<string> {
  const [p] = await t.database.db.insert(persons).values({ firstName: 'Ny', lastName: `Medlem ${++n}`, email: `ny.${n}.${Date.now()}@example.org` }).returning({ id: persons.id });
  await t.database.db.insert(memberships).values({ personId: p.id, typeId, unitId: w.org.north, status: 'active', statusSince: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10) });
  return p.id;
}

/** Another staff member of the north, attached to no network. */
async function staffOfNorth(): Promise<Someone> {
  const [p] = await t.database.db.insert(persons).values({ firstName: 'Søren', lastName: 'Stab', email: `stab.${Date.now()}@example.org` }).returning({ id: persons.id });
  await t.database.db.insert(roleAssignments).values({ personId: p.id, role: 'staff', unitId: w.org.north });
  return { id: p.id, name: 'Søren Stab', actor: await actorOf(t.database, p.id, 'Søren Stab') };
}

/** A new member company of the north, in no network. */
async function freshCompany(): Promise<string> {
  const [c] = await seedDemoCompanies(t.database.db, [{ name: `Ny Virksomhed ${++n}`, country: 'DK', cvr: String(40_000_000 + n * 7 + (Date.now() % 7)), unitId: w.org.north }]);
  return c.id;
}

/** A row of the network for someone new (a person, or a company in a network of companies) with this status. */
async function freshRow(net: Net, status: 'active' | 'requested'): Promise<string> {
  const who = net.kind === 'companies' ? { memberCompanyId: await freshCompany() } : { personId: await freshMember() };
  const [row] = await t.database.db
    .insert(networkMembers)
    .values({ networkId: net.id, ...who, role: 'member', status, joinedAt: status === 'active' ? new Date() : null })
    .returning({ id: networkMembers.id });
  return row.id;
}

async function freshPost(net: Net): Promise<string> {
  const r = await replyToThread(t.database.db, net.insider.actor, net.threadId, { body: `Et svar ${++n}` }, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.postId;
}

async function freshFile(net: Net): Promise<string> {
  const r = await uploadNetworkFile(t.database.db, net.insider.actor, net.id, { fileName: 'notat.pdf', bytes: PDF, title: `Notat ${++n}` });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.fileId;
}

/** Puts back who was in the network (the leave route takes them out). */
async function restoreCast(net: Net): Promise<void> {
  const rows: (typeof networkMembers.$inferInsert)[] = [
    { networkId: net.id, personId: w.expert.id, role: 'expert', status: 'active', joinedAt: new Date() },
    net.kind === 'companies'
      ? { networkId: net.id, memberCompanyId: w.companyA, role: 'member', status: 'active', joinedAt: new Date() }
      : { networkId: net.id, personId: w.members[0].id, role: 'member', status: 'active', joinedAt: new Date() },
  ];
  await t.database.db.insert(networkMembers).values(rows).onConflictDoNothing();
}

const meetingBody = () => ({ title: `Erfa-møde ${++n}`, startsAt: days(20), endsAt: days(20.1), placeName: 'Huset', city: 'Aarhus', agenda: '1. Velkomst\n2. Erfaringer' });

const ROWS: Row[] = [
  {
    method: 'POST',
    route: '/api/v1/networks',
    url: () => '/api/v1/networks',
    body: () => ({ unitId: w.org.north, name: `Nyt netværk ${++n}`, kind: 'people', visibility: 'hidden', joinPolicy: 'request' }),
    // Staff of the north (attached to some network or not) and admins make networks of the north.
    expect: (p, _net, who) => (who === 'anonymous' ? 401 : ['coordinator', 'expert', 'staffUnattached', 'admin'].includes(who) ? 201 : 403),
    writes: true,
    global: true,
  },
  { method: 'GET', route: '/api/v1/networks', url: () => '/api/v1/networks', expect: (p) => (p === 'anonymous' ? 401 : 200), global: true },
  { method: 'GET', route: '/api/v1/network-notice', url: () => '/api/v1/network-notice', expect: (p) => (p === 'anonymous' ? 401 : 200), global: true },
  {
    method: 'PUT',
    route: '/api/v1/network-notice',
    url: () => '/api/v1/network-notice',
    body: () => ({ da: `Ingen priser, tilbud eller kundefordeling (${++n}).` }),
    expect: (p, _net, who) => (who === 'anonymous' ? 401 : who === 'admin' ? 200 : 403),
    writes: true,
    global: true,
  },
  { method: 'GET', route: '/api/v1/networks/:id', url: (net) => `/api/v1/networks/${net.id}`, expect: (p, net) => (p === 'anonymous' ? 401 : p === 'out' && !net.listed ? 404 : 200) },
  { method: 'PATCH', route: '/api/v1/networks/:id', url: (net) => `/api/v1/networks/${net.id}`, body: () => ({ description: `Erfaringer ${++n}` }), expect: coordinates(200), writes: true },
  { method: 'GET', route: '/api/v1/networks/:id/members', url: (net) => `/api/v1/networks/${net.id}/members`, expect: inside(200) },
  {
    method: 'POST',
    route: '/api/v1/networks/:id/members',
    url: (net) => `/api/v1/networks/${net.id}/members`,
    // Someone else added: coordinators and organisers only.
    body: async (net) => (net.kind === 'companies' ? { memberCompanyId: await freshCompany() } : { memberId: await freshMember() }),
    expect: coordinates(201),
    writes: true,
  },
  {
    method: 'POST',
    route: '/api/v1/networks/:id/members/:memberRowId/decision',
    url: async (net) => `/api/v1/networks/${net.id}/members/${await freshRow(net, 'requested')}/decision`,
    body: () => ({ approve: true }),
    expect: coordinatesInside(200),
    writes: true,
  },
  {
    method: 'DELETE',
    route: '/api/v1/networks/:id/members/:memberRowId',
    url: async (net) => `/api/v1/networks/${net.id}/members/${await freshRow(net, 'active')}`,
    expect: inside(204, 403),
    writes: true,
  },
  {
    method: 'POST',
    route: '/api/v1/networks/:id/leave',
    url: (net) => `/api/v1/networks/${net.id}/leave`,
    // The one coordinator stays; organisers without a place of their own have nothing to leave.
    expect: (p) => ({ anonymous: 401, in: 204, coordinator: 409, expert: 204, organiser: 404, out: 404 })[p],
    writes: true,
  },
  { method: 'GET', route: '/api/v1/networks/:id/threads', url: (net) => `/api/v1/networks/${net.id}/threads`, expect: inside(200) },
  { method: 'POST', route: '/api/v1/networks/:id/threads', url: (net) => `/api/v1/networks/${net.id}/threads`, body: () => ({ title: `Udbud ${++n}`, body: 'Hvordan griber I det an?' }), expect: onNetwork(201, 201), writes: true },
  { method: 'GET', route: '/api/v1/networks/:id/search', url: (net) => `/api/v1/networks/${net.id}/search?q=svar`, expect: inside(200) },
  { method: 'GET', route: '/api/v1/threads/:id', url: (net) => `/api/v1/threads/${net.threadId}`, expect: inside(200) },
  { method: 'PATCH', route: '/api/v1/threads/:id', url: (net) => `/api/v1/threads/${net.threadId}`, body: () => ({ pinned: ++n % 2 === 0 }), expect: inside(200, 403), writes: true },
  { method: 'POST', route: '/api/v1/threads/:id/posts', url: (net) => `/api/v1/threads/${net.threadId}/posts`, body: () => ({ body: `Godt spørgsmål ${++n}` }), expect: inside(201), writes: true },
  // Edit and delete: the participant's own post; nobody else's, coordinators included.
  { method: 'PATCH', route: '/api/v1/posts/:id', url: (net) => `/api/v1/posts/${net.insiderPostId}`, body: () => ({ body: `Rettet ${++n}` }), expect: inside(403, 200), writes: true },
  { method: 'DELETE', route: '/api/v1/posts/:id', url: async (net) => `/api/v1/posts/${await freshPost(net)}`, expect: inside(403, 204), writes: true },
  { method: 'POST', route: '/api/v1/posts/:id/hide', url: async (net) => `/api/v1/posts/${await freshPost(net)}/hide`, body: () => ({ hidden: true, reason: 'Handler om priser' }), expect: inside(200, 403), writes: true },
  { method: 'GET', route: '/api/v1/networks/:id/files', url: (net) => `/api/v1/networks/${net.id}/files`, expect: inside(200) },
  { method: 'POST', route: '/api/v1/networks/:id/files', url: (net) => `/api/v1/networks/${net.id}/files`, multipart: pdfForm, expect: onNetwork(201, 201), writes: true },
  { method: 'POST', route: '/api/v1/network-files/:id/versions', url: (net) => `/api/v1/network-files/${net.fileId}/versions`, multipart: pdfForm, expect: inside(201), writes: true },
  { method: 'GET', route: '/api/v1/network-files/:id', url: (net) => `/api/v1/network-files/${net.fileId}`, expect: inside(200) },
  { method: 'DELETE', route: '/api/v1/network-files/:id', url: async (net) => `/api/v1/network-files/${await freshFile(net)}`, expect: inside(204), writes: true },
  {
    method: 'PUT',
    route: '/api/v1/networks/:id/notifications',
    url: (net) => `/api/v1/networks/${net.id}/notifications`,
    body: () => ({ mode: ['each', 'digest', 'none'][++n % 3] }),
    // A choice is a participant's: organisers with no place of their own have none to make.
    expect: (p) => ({ anonymous: 401, in: 200, coordinator: 200, expert: 200, organiser: 403, out: 404 })[p],
    writes: true,
  },
  { method: 'POST', route: '/api/v1/networks/:id/meetings', url: (net) => `/api/v1/networks/${net.id}/meetings`, body: meetingBody, expect: coordinatesInside(201), writes: true },
  { method: 'GET', route: '/api/v1/networks/:id/meetings', url: (net) => `/api/v1/networks/${net.id}/meetings`, expect: inside(200) },
  {
    method: 'PUT',
    route: '/api/v1/network-meetings/:eventId/agenda',
    url: (net) => `/api/v1/network-meetings/${net.meetingId}/agenda`,
    body: () => ({ agenda: `1. Velkomst (${++n})` }),
    expect: coordinatesInside(200),
    writes: true,
  },
  {
    method: 'PUT',
    route: '/api/v1/network-meetings/:eventId/minutes',
    url: (net) => `/api/v1/network-meetings/${net.heldMeetingId}/minutes`,
    body: () => ({ minutes: `Vi talte om erfaringer (${++n})` }),
    expect: coordinatesInside(200),
    writes: true,
  },
];

/** Everything a request could write, as one value to compare before and after. */
async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(
    `select (select count(*) from audit_events where action <> 'view')::int as audits,
       (select md5(coalesce(string_agg(name || description || visibility || join_policy || archived::text, '|' order by id), '')) from networks) as networks,
       (select md5(coalesce(string_agg(id::text || status || role, '|' order by id), '')) from network_members) as members,
       (select md5(coalesce(string_agg(id::text || pinned::text || locked::text || coalesce(hidden_at::text, '') || post_count::text, '|' order by id), '')) from network_threads) as threads,
       (select md5(coalesce(string_agg(id::text || body || coalesce(deleted_at::text, '') || coalesce(hidden_at::text, ''), '|' order by id), '')) from network_posts) as posts,
       (select md5(coalesce(string_agg(id::text || version::text || description, '|' order by id), '')) from network_files) as files,
       (select count(*) from network_file_versions)::int as versions,
       (select md5(coalesce(string_agg(network_id::text || person_id::text || mode, '|' order by network_id, person_id), '')) from network_notifications) as modes,
       (select md5(coalesce(string_agg(event_id::text || agenda || minutes, '|' order by event_id), '')) from network_meetings) as meetings,
       (select count(*) from events)::int as events,
       (select md5(coalesce(string_agg(competition_notice::text, '|'), '')) from network_settings) as notice,
       (select count(*) from mail_outbox)::int as mails, (select count(*) from mailings)::int as mailings`,
  );
  return JSON.stringify(r.rows[0]);
}

async function makeNet(label: string, kind: 'people' | 'companies', listed: boolean): Promise<Net> {
  const id = await networkOf(w, { kind, visibility: listed ? 'listed' : 'hidden', joinPolicy: 'request', people: kind === 'people' ? [w.members[0].id] : [], companies: kind === 'companies' ? [w.companyA] : [], name: `${label} ${++n}` });
  const insider = kind === 'companies' ? w.contactA : w.members[0];
  const th = await createThread(t.database.db, w.staff.actor, id, { title: 'Erfaringer med udbud', body: 'Hvad har I lært?' }, ctx);
  if (!th.ok) throw new Error(JSON.stringify(th));
  const net: Net = { label, id, kind, listed, insider, threadId: th.threadId, insiderPostId: '', fileId: '', meetingId: '', heldMeetingId: '' };
  net.insiderPostId = await freshPost(net);
  net.fileId = await freshFile(net);
  const upcoming = await createNetworkMeeting(t.database.db, w.staff.actor, id, networkMeetingInput.parse(meetingBody()));
  const held = await createNetworkMeeting(t.database.db, w.staff.actor, id, networkMeetingInput.parse({ ...meetingBody(), startsAt: days(-2), endsAt: days(-1.9) }), { allowPast: true });
  if (!upcoming.ok || !held.ok) throw new Error(JSON.stringify([upcoming, held]));
  net.meetingId = upcoming.meeting.eventId;
  net.heldMeetingId = held.meeting.eventId;
  return net;
}

beforeAll(async () => {
  t = await testApp();
  w = await networkWorld(t.database);
  const [type] = await t.database.db.insert(membershipTypes).values({ code: `network-perm-${Date.now()}`, name: 'Ordinært medlem' }).returning();
  typeId = type.id;
  Object.assign(person, {
    outsiderMember: w.members[5],
    memberElsewhere: w.memberElsewhere,
    participant: w.members[0],
    contactIn: w.contactA,
    contactOut: w.contactC,
    coordinator: w.staff,
    expert: w.expert,
    staffUnattached: await staffOfNorth(),
    staffElsewhere: w.staffElsewhere,
    board: w.board,
    boardElsewhere: w.boardElsewhere,
    admin: w.admin,
  });
  headers.anonymous = {};
  for (const who of CALLERS) if (who !== 'anonymous') headers[who] = await tokenOf(t.database, person[who].id);
  nets.push(await makeNet('Skjult netværk', 'people', false), await makeNet('Skjult virksomhedsnetværk', 'companies', false), await makeNet('Åbent netværk', 'people', true));
}, 180_000);
afterAll(async () => t?.close());

describe('the networks API’s permission matrix', () => {
  it('lists every route of the API', () => {
    const mine = (p: string) => /^\/api\/v1\/(networks|threads|posts|network-)/.test(p);
    const listed = new Set(ROWS.map((r) => `${r.method} ${r.route}`));
    const registered = registeredRoutes(t.app, mine);
    expect(registered.filter((r) => !listed.has(`${r.method} ${r.path}`))).toEqual([]);
    const actual = new Set(registered.map((r) => `${r.method} ${r.path}`));
    expect([...listed].filter((r) => !actual.has(r))).toEqual([]);
  });

  for (const [i, row] of ROWS.entries()) {
    it(`${row.method} ${row.route} (row ${i + 1})`, async () => {
      const wrong: string[] = [];
      for (const net of row.global ? nets.slice(0, 1) : nets) {
        for (const who of CALLERS) {
          const url = await row.url(net);
          const body = row.body ? await row.body(net) : undefined;
          const form = row.multipart?.();
          const before = await fingerprint();
          const res = await t.app.inject({
            method: row.method,
            url,
            headers: { ...headers[who], ...(form ? { 'content-type': form.contentType } : {}) },
            ...(form ? { payload: form.payload } : body ? { payload: body } : {}),
          });
          const after = await fingerprint();
          const want = row.expect(placeOf(who, net), net, who);
          const tag = row.global ? who : `${net.label}, ${who}`;
          if (res.statusCode !== want) wrong.push(`${tag}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
          if (res.statusCode >= 400 && after !== before) wrong.push(`${tag}: refused but something was written`);
          if (res.statusCode >= 400 && !String(res.headers['content-type']).includes('application/problem+json')) wrong.push(`${tag}: a refusal that is not problem+json`);
          if (row.writes && res.statusCode < 400 && after === before) wrong.push(`${tag}: succeeded but nothing was written`);
          if (row.route.endsWith('/leave')) await restoreCast(net);
        }
      }
      expect(wrong).toEqual([]);
    }, 120_000);
  }
});

describe('what an outsider learns of a hidden network', () => {
  it('nothing: the network, its threads, members, files, search, downloads and threads are all "not found", and its name is in no answer', async () => {
    const hidden = nets[0];
    const urls = [
      `/api/v1/networks/${hidden.id}`,
      `/api/v1/networks/${hidden.id}/threads`,
      `/api/v1/networks/${hidden.id}/members`,
      `/api/v1/networks/${hidden.id}/files`,
      `/api/v1/networks/${hidden.id}/search?q=udbud`,
      `/api/v1/networks/${hidden.id}/meetings`,
      `/api/v1/network-files/${hidden.fileId}`,
      `/api/v1/threads/${hidden.threadId}`,
    ];
    for (const who of ['outsiderMember', 'board', 'staffElsewhere', 'contactIn'] as const) {
      for (const url of urls) {
        const res = await t.app.inject({ url, headers: headers[who] });
        expect(res.statusCode, `${who} ${url}`).toBe(404);
        expect(res.body).not.toContain('Skjult netværk');
        expect(res.body).not.toContain('Erfaringer med udbud');
      }
      const list = (await t.app.inject({ url: '/api/v1/networks', headers: headers[who] })).json().items as { id: string }[];
      expect(list.map((x) => x.id), who).not.toContain(hidden.id);
    }
    // While those in it find it.
    const mine = (await t.app.inject({ url: '/api/v1/networks?mine=true', headers: headers.participant })).json().items as { id: string }[];
    expect(mine.map((x) => x.id)).toContain(hidden.id);
  });

  it('a listed network shows an outsider its name and staff, never its counts or inside', async () => {
    const listed = nets[2];
    const res = await t.app.inject({ url: `/api/v1/networks/${listed.id}`, headers: headers.board });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: listed.id, counts: null, membership: null });
    expect((body.staff as { personId: string; role: string }[]).map((s) => [s.personId, s.role])).toEqual(expect.arrayContaining([[w.staff.id, 'coordinator'], [w.expert.id, 'expert']]));
    for (const url of [`/api/v1/networks/${listed.id}/threads`, `/api/v1/threads/${listed.threadId}`, `/api/v1/network-files/${listed.fileId}`]) {
      expect((await t.app.inject({ url, headers: headers.board })).statusCode, url).toBe(404);
    }
    // Those in it see the counts.
    const inside = (await t.app.inject({ url: `/api/v1/networks/${listed.id}`, headers: headers.participant })).json();
    expect(inside.counts).toMatchObject({ threads: expect.any(Number), files: expect.any(Number) });
    expect(inside.membership).toMatchObject({ role: 'member', status: 'active' });
  });
});
