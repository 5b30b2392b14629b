import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.js';
import { loginAs, testApp, type FormFile, type TestApp } from '../../test/app.js';
import { checkRow, everyone, expectEveryRouteListed, type Expectations, type PageRow, type SessionCookies } from '../../test/page-matrix.js';
import { uploadNetworkFile } from './files.js';
import { addNetworkMember } from './membership.js';
import { createNetworkMeeting } from './meetings.js';
import { ctx, networkOf, networkWorld, type NetworkWorld } from './networks.fixture.js';
import { createThread, replyToThread } from './threads.js';

/**
 * Every page route of the networks with every kind of caller: nobody, a member outside the
 * network, a participant, a member company's contact person, a member who coordinates the network,
 * staff of its unit (who made it), staff of another unit, the unit's board, an admin. The network
 * walked is hidden, so everyone outside it is told it is not there (a listed one shows its face and
 * hides its inside); participants read and post, coordinators approve, add, remove, pin, lock and
 * hide, staff of the unit also attach staff. A refused caller writes nothing; one who may act writes.
 */

const CALLERS = ['anonymous', 'outsider', 'participant', 'contact', 'coordinator', 'staff', 'staffElsewhere', 'board', 'admin'] as const;
type Who = (typeof CALLERS)[number];

let t: TestApp;
let w: NetworkWorld;
const cookies = {} as SessionCookies<Who>;
const MISSING = '00000000-0000-4000-8000-000000000000';
let n = 0;

/** The hidden people's network: member 0 takes part, member 1 coordinates; staff of the north made it. */
let hidden: string;
/** A hidden network of member companies with company A (its contact takes part). */
let companies: string;
/** A listed, open network with member 0 in it. */
let listed: string;
let threadId: string;
let ownPostId: string;
let fileId: string;
let upcomingMeeting: string;
let pastMeeting: string;
let emailOf2 = '';

const person = (who: Exclude<Who, 'anonymous'>) =>
  ({ outsider: w.members[5], participant: w.members[0], contact: w.contactA, coordinator: w.members[1], staff: w.staff, staffElsewhere: w.staffElsewhere, board: w.board, admin: w.admin })[who];

const pdf = (): FormFile => ({ field: 'file', name: `notat-${++n}.pdf`, type: 'application/pdf', bytes: Buffer.from(`%PDF-1.4\n% ${n}\n%%EOF\n`) });

/** Everything the networks' pages can write, as one string. */
async function fingerprint(): Promise<string> {
  const rows = await t.database.executeSql(
    `select (select count(*) from networks) as networks,
       (select md5(coalesce(string_agg(id::text || status || role, '|' order by id), '')) from network_members) as members,
       (select md5(coalesce(string_agg(id::text || title || pinned || locked || coalesce(hidden_reason, '') || post_count, '|' order by id), '')) from network_threads) as threads,
       (select md5(coalesce(string_agg(id::text || body || coalesce(hidden_reason, '') || coalesce(deleted_at::text, ''), '|' order by id), '')) from network_posts) as posts,
       (select md5(coalesce(string_agg(thread_id::text || person_id::text || seq, '|' order by thread_id, person_id), '')) from network_thread_reads) as reads,
       (select md5(coalesce(string_agg(file_id::text || version, '|' order by file_id, version), '')) from network_file_versions) as versions,
       (select count(*) from network_files) as files,
       (select md5(coalesce(string_agg(event_id::text || agenda || minutes, '|' order by event_id), '')) from network_meetings) as meetings,
       (select md5(coalesce(string_agg(network_id::text || person_id::text || mode, '|' order by network_id, person_id), '')) from network_notifications) as notifications,
       (select md5(coalesce(string_agg(competition_notice::text, '|'), '')) from network_settings) as notice`,
  );
  return JSON.stringify(rows.rows);
}

/** On the hidden network: what readers (participants, coordinators, staff of the unit, admins) get, and the rest is "not found". */
const inside = (x: { participant: number; coordinator: number; organiser: number; contact?: number }): Expectations<Who> => ({
  anonymous: 'login',
  outsider: 404,
  participant: x.participant,
  contact: x.contact ?? 404,
  coordinator: x.coordinator,
  staff: x.organiser,
  staffElsewhere: 404,
  board: 404,
  admin: x.organiser,
});
const reading = (ok: number) => inside({ participant: ok, coordinator: ok, organiser: ok });
const coordinating = (ok: number) => inside({ participant: 403, coordinator: ok, organiser: ok });

const signedIn = (ok: number): Expectations<Who> => ({ ...everyone(CALLERS, ok), anonymous: 'login' });
const staffOnly = (ok: number, elsewhere: number): Expectations<Who> => ({ ...everyone(CALLERS, 403), anonymous: 'login', staff: ok, staffElsewhere: elsewhere, admin: ok });

/** A fresh hidden network like the walked one, for rows that change it once per caller. */
async function freshHidden(opts: { extra?: string[]; joinPolicy?: 'open' | 'request'; visibility?: 'listed' | 'hidden' } = {}): Promise<string> {
  const id = await networkOf(w, { visibility: opts.visibility ?? 'hidden', joinPolicy: opts.joinPolicy ?? 'open', people: [w.members[0].id, ...(opts.extra ?? [])], name: `Frisk ${++n}` });
  const made = await addNetworkMember(t.database.db, w.staff.actor, id, { memberId: w.members[1].id, role: 'coordinator' });
  if (!made.ok) throw new Error(JSON.stringify(made));
  return id;
}

const rowOf = async (networkId: string, personId: string) =>
  (await queryRows<{ id: string }>(t.database.db, sql`select id from network_members where network_id = ${networkId}::uuid and person_id = ${personId}::uuid`))[0].id;

async function freshPost(): Promise<string> {
  const r = await replyToThread(t.database.db, w.members[0].actor, threadId, { body: `Svar ${++n}` }, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.postId;
}

async function freshThread(): Promise<string> {
  const r = await createThread(t.database.db, w.members[0].actor, hidden, { title: `Tråd ${++n}`, body: 'Tekst' }, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.threadId;
}

async function freshFile(): Promise<string> {
  const f = pdf();
  const r = await uploadNetworkFile(t.database.db, w.members[0].actor, hidden, { fileName: f.name, bytes: f.bytes, title: `Fil ${n}` });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.fileId;
}

const local = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const ROWS = (): PageRow<Who>[] => [
  { method: 'GET', route: '/networks', url: async () => '/networks', expect: signedIn(200) },
  { method: 'GET', route: '/networks', url: async () => '/networks?q=Frisk', expect: signedIn(200) },
  { method: 'GET', route: '/networks/new', url: async () => '/networks/new', expect: staffOnly(200, 200) },
  {
    method: 'POST',
    route: '/networks',
    url: async () => '/networks',
    body: () => ({ unitId: w.org.north, name: `Matrixnetværk ${++n}`, kind: 'people', visibility: 'listed', joinPolicy: 'open' }),
    expect: staffOnly(303, 403),
    changes: true,
  },
  { method: 'GET', route: '/networks/notice', url: async () => '/networks/notice', expect: { ...everyone(CALLERS, 403), anonymous: 'login', admin: 200 } },
  { method: 'POST', route: '/networks/notice', url: async () => '/networks/notice', body: () => ({ da: `Ingen priser ${++n}`, sv: '', en: '' }), expect: { ...everyone(CALLERS, 403), anonymous: 'login', admin: 303 }, changes: true },

  { method: 'GET', route: '/networks/:id', url: async () => `/networks/${hidden}`, expect: reading(200) },
  { method: 'GET', route: '/networks/:id', url: async () => `/networks/${companies}`, expect: inside({ participant: 404, coordinator: 404, organiser: 200, contact: 200 }) },
  { method: 'GET', route: '/networks/:id', url: async () => `/networks/${listed}`, expect: signedIn(200) },
  { method: 'GET', route: '/networks/:id', url: async () => `/networks/${MISSING}`, expect: signedIn(404) },
  { method: 'GET', route: '/networks/:id', url: async () => '/networks/not-a-network', expect: signedIn(404) },
  // A fresh listed, open network each time: anyone signed in may ask (a contact is told a people's network is not for them, its maker that they are in it).
  { method: 'POST', route: '/networks/:id/join', url: async () => `/networks/${await networkOf(w, { name: `Åbent ${++n}` })}/join`, expect: signedIn(303) },
  { method: 'POST', route: '/networks/:id/join', url: async () => `/networks/${hidden}/join`, expect: reading(303) },
  {
    method: 'POST',
    route: '/networks/:id/leave',
    url: async () => `/networks/${await freshHidden({ visibility: 'listed' })}/leave`,
    // The outsider of a listed network is in none of it: nothing to leave. Its maker is its last coordinator… but not here: member 1 coordinates too.
    expect: { ...signedIn(404), participant: 303, coordinator: 303, staff: 303 },
    changes: true,
  },
  { method: 'POST', route: '/networks/:id/threads', url: async () => `/networks/${hidden}/threads`, body: () => ({ title: `Matrixtråd ${++n}`, body: 'Hej alle' }), expect: reading(303), changes: true },
  {
    method: 'POST',
    route: '/networks/:id/threads',
    url: async () => `/networks/${companies}/threads`,
    body: () => ({ title: `Virksomhedstråd ${++n}`, body: 'Hej' }),
    expect: inside({ participant: 404, coordinator: 404, organiser: 303, contact: 303 }),
    changes: true,
  },
  {
    method: 'POST',
    route: '/networks/:id/meetings',
    url: async () => `/networks/${hidden}/meetings`,
    body: () => ({ title: `Møde ${++n}`, startsAt: `${local(20)}T10:00`, endsAt: `${local(20)}T12:00`, agenda: '' }),
    expect: coordinating(303),
    changes: true,
  },

  { method: 'GET', route: '/networks/:id/members', url: async () => `/networks/${hidden}/members`, expect: reading(200) },
  { method: 'GET', route: '/networks/:id/members', url: async () => `/networks/${listed}/members`, expect: { ...signedIn(404), participant: 200, staff: 200, admin: 200 } },
  {
    method: 'POST',
    route: '/networks/:id/members',
    url: async () => `/networks/${await freshHidden()}/members`,
    body: () => ({ member: emailOf2 }),
    expect: coordinating(303),
    changes: true,
  },
  {
    method: 'POST',
    route: '/networks/:id/members',
    url: async () => `/networks/${await freshHidden()}/members`,
    body: () => ({ staffId: w.staffElsewhere.id, role: 'expert' }),
    expect: inside({ participant: 403, coordinator: 403, organiser: 303 }),
    changes: true,
  },
  {
    method: 'POST',
    route: '/networks/:id/members/:memberRowId/decision',
    url: async () => {
      const id = await freshHidden({ visibility: 'listed', joinPolicy: 'request' });
      const asked = await addNetworkMember(t.database.db, w.members[3].actor, id, { memberId: w.members[3].id });
      if (!asked.ok) throw new Error(JSON.stringify(asked));
      return `/networks/${id}/members/${asked.member.id}/decision`;
    },
    body: () => ({ approve: 'true' }),
    // A listed network: those outside see its face but not its inside, so its requests are not there for them.
    expect: { ...signedIn(404), participant: 403, coordinator: 303, staff: 303, admin: 303 },
    changes: true,
  },
  {
    method: 'POST',
    route: '/networks/:id/members/:memberRowId/remove',
    url: async () => {
      const id = await freshHidden({ extra: [w.members[2].id] });
      return `/networks/${id}/members/${await rowOf(id, w.members[2].id)}/remove`;
    },
    expect: coordinating(303),
    changes: true,
  },

  { method: 'GET', route: '/networks/:id/search', url: async () => `/networks/${hidden}/search?q=Hej`, expect: reading(200) },
  { method: 'GET', route: '/networks/threads/:id', url: async () => `/networks/threads/${threadId}`, expect: reading(200) },
  { method: 'GET', route: '/networks/threads/:id', url: async () => `/networks/threads/${MISSING}`, expect: signedIn(404) },
  { method: 'POST', route: '/networks/threads/:id/posts', url: async () => `/networks/threads/${threadId}/posts`, body: () => ({ body: `Svar ${++n}` }), expect: reading(303), changes: true },
  { method: 'POST', route: '/networks/threads/:id/moderate', url: async () => `/networks/threads/${await freshThread()}/moderate`, body: () => ({ pinned: 'true' }), expect: coordinating(303), changes: true },
  { method: 'GET', route: '/networks/posts/:id/edit', url: async () => `/networks/posts/${ownPostId}/edit`, expect: inside({ participant: 200, coordinator: 403, organiser: 403 }) },
  { method: 'POST', route: '/networks/posts/:id', url: async () => `/networks/posts/${ownPostId}`, body: () => ({ body: `Rettet ${++n}` }), expect: inside({ participant: 303, coordinator: 403, organiser: 403 }), changes: true },
  { method: 'POST', route: '/networks/posts/:id/delete', url: async () => `/networks/posts/${await freshPost()}/delete`, expect: inside({ participant: 303, coordinator: 403, organiser: 403 }), changes: true },
  { method: 'POST', route: '/networks/posts/:id/hide', url: async () => `/networks/posts/${await freshPost()}/hide`, body: () => ({ hidden: 'true', reason: 'Uden for emnet' }), expect: coordinating(303), changes: true },

  { method: 'GET', route: '/networks/:id/files', url: async () => `/networks/${hidden}/files`, expect: reading(200) },
  { method: 'POST', route: '/networks/:id/files', url: async () => `/networks/${hidden}/files`, body: () => ({ title: `Fil ${++n}` }), file: pdf(), expect: reading(303), changes: true },
  { method: 'POST', route: '/networks/files/:id/versions', url: async () => `/networks/files/${fileId}/versions`, file: pdf(), expect: reading(303), changes: true },
  { method: 'POST', route: '/networks/files/:id/delete', url: async () => `/networks/files/${await freshFile()}/delete`, expect: reading(303), changes: true },
  { method: 'GET', route: '/networks/files/:id/download', url: async () => `/networks/files/${fileId}/download`, expect: reading(200) },
  { method: 'GET', route: '/networks/files/:id/download', url: async () => `/networks/files/${fileId}/download?version=1`, expect: reading(200) },

  { method: 'POST', route: '/networks/meetings/:eventId/agenda', url: async () => `/networks/meetings/${upcomingMeeting}/agenda`, body: () => ({ agenda: `Punkt ${++n}` }), expect: coordinating(303), changes: true },
  { method: 'POST', route: '/networks/meetings/:eventId/minutes', url: async () => `/networks/meetings/${pastMeeting}/minutes`, body: () => ({ minutes: `Referat ${++n}` }), expect: coordinating(303), changes: true },

  // The notification choice: the participants' own (an organiser outside it is refused); the personal link is no page without a genuine token.
  { method: 'POST', route: '/networks/:id/notifications', url: async () => `/networks/${await freshHidden()}/notifications`, body: () => ({ mode: 'digest' }), expect: inside({ participant: 303, coordinator: 303, organiser: 303 }), changes: true },
  { method: 'GET', route: '/networks/notifications/:token', url: async () => '/networks/notifications/not-a-token', expect: everyone(CALLERS, 404) },
  { method: 'POST', route: '/networks/notifications/:token', url: async () => '/networks/notifications/not-a-token', body: () => ({ mode: 'none' }), expect: everyone(CALLERS, 404) },
];

// The admin is not in a fresh network, so they have no choice of their own there.
const rowsFixed = (): PageRow<Who>[] => ROWS().map((r) => (r.route === '/networks/:id/notifications' ? { ...r, expect: { ...r.expect, admin: 403 } } : r));

const MINE = (p: string) => p.startsWith('/networks');

beforeAll(async () => {
  t = await testApp();
  w = await networkWorld(t.database);
  hidden = await freshHidden();
  companies = await networkOf(w, { kind: 'companies', visibility: 'hidden', companies: [w.companyA], name: 'Skjulte virksomheder' });
  listed = await networkOf(w, { name: 'Synligt netværk', people: [w.members[0].id] });
  const th = await createThread(t.database.db, w.members[0].actor, hidden, { title: 'Fast tråd', body: 'Hej alle sammen' }, ctx);
  if (!th.ok) throw new Error(JSON.stringify(th));
  threadId = th.threadId;
  ownPostId = th.postId;
  fileId = await freshFile();
  const meeting = (days: number) =>
    createNetworkMeeting(
      t.database.db,
      w.staff.actor,
      hidden,
      { title: `Netværksmøde ${days}`, description: '', startsAt: new Date(Date.now() + days * 86_400_000), endsAt: new Date(Date.now() + days * 86_400_000 + 7_200_000), timeZone: 'Europe/Copenhagen', placeName: null, addressLine: null, postalCode: null, city: null, onlineUrl: null, capacity: null, waitlist: true, maxGuests: 0, agenda: 'Velkomst', draft: false },
      { allowPast: days < 0 },
    );
  const up = await meeting(14);
  const past = await meeting(-3);
  if (!up.ok || !past.ok) throw new Error(JSON.stringify([up, past]));
  upcomingMeeting = up.meeting.eventId;
  pastMeeting = past.meeting.eventId;
  emailOf2 = (await queryRows<{ email: string }>(t.database.db, sql`select email from persons where id = ${w.members[2].id}::uuid`))[0].email;
  for (const who of CALLERS) if (who !== 'anonymous') cookies[who] = (await loginAs(t.database, person(who).id)).cookie;
}, 120_000);
afterAll(() => t?.close());

describe('the networks’ pages’ permission matrix', () => {
  it('lists every page route under /networks', () => {
    expectEveryRouteListed(t.app, rowsFixed(), MINE);
  });

  for (const [i, row] of rowsFixed().entries()) {
    it(`${row.method} ${row.route} (${i + 1})`, async () => {
      expect(await checkRow({ app: t.app, callers: CALLERS, cookies, fingerprint }, rowsFixed()[i])).toEqual([]);
    }, 120_000);
  }

  it('tells an outsider nothing of a hidden network', async () => {
    for (const who of ['outsider', 'contact', 'staffElsewhere', 'board'] as const) {
      const page = await t.app.inject({ method: 'GET', url: `/networks/threads/${threadId}`, headers: { cookie: cookies[who], accept: 'text/html' } });
      expect(page.statusCode).toBe(404);
      expect(page.body).not.toContain('Fast tråd');
      const list = await t.app.inject({ method: 'GET', url: '/networks', headers: { cookie: cookies[who], accept: 'text/html' } });
      expect(list.body).not.toContain('Frisk 1<');
      expect(list.body).toContain('Synligt netværk');
    }
  });
});
