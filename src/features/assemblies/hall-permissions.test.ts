import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.js';
import { loginAs, testApp, type TestApp } from '../../test/app.js';
import { checkRow, expectEveryRouteListed, type Expectations, type PageRow, type SessionCookies } from '../../test/page-matrix.js';
import { assemblyWorld, calledAssembly, draftAssembly, inSession, type AssemblyWorld, type Someone } from './assemblies.fixture.js';
import { createPoll, openPoll } from './polls.js';
import { pollInput } from './poll-schema.js';
import { askToSpeak } from './speakers.js';
import type { AssemblyView } from './queries.js';

/**
 * Every page route of the hall with every kind of caller: nobody, a member on the roll (in the hall),
 * a member of another unit, staff of the unit, staff of another unit, the unit's board (on the roll,
 * not in the hall), an admin, and the assembly's chair (a member in the hall). Only the chair and
 * staff of the unit run the console; the projector and the phone page are for whoever may see the
 * assembly. A refused caller changes nothing; one who may act changes the database. The live stream
 * (`/assemblies/:id/live`) never ends, so live.test.ts walks it on a listening server instead.
 */

const CALLERS = ['anonymous', 'member', 'memberElsewhere', 'staffNorth', 'staffSouth', 'board', 'admin', 'chair'] as const;
type Who = (typeof CALLERS)[number];
type Row = PageRow<Who>;

let t: TestApp;
let w: AssemblyWorld;
let member: Someone;
let chair: Someone;
const cookies = {} as SessionCookies<Who>;
let fresh: { a: AssemblyView; pollId?: string; speakerId?: string } = { a: null as unknown as AssemblyView };

const sees: Expectations<Who> = { anonymous: 'login', member: 200, memberElsewhere: 404, staffNorth: 200, staffSouth: 404, board: 200, admin: 200, chair: 200 };
const runs = (ok: number): Expectations<Who> => ({ anonymous: 'login', member: 403, memberElsewhere: 404, staffNorth: ok, staffSouth: 404, board: 403, admin: ok, chair: ok });
/** A member's own act in the hall: the board is on the roll but not checked in; staff and admins are not on the roll. */
const takesPart = (board: number): Expectations<Who> => ({ anonymous: 'login', member: 303, memberElsewhere: 404, staffNorth: 403, staffSouth: 404, board, admin: 403, chair: 303 });

/** A fresh assembly in session with the member and the chair checked in and its second item on the floor. */
async function hall(): Promise<AssemblyView> {
  const a = await calledAssembly(w, { chairPersonId: chair.id });
  await inSession(w, a.id, [member, chair]);
  await t.database.db.execute(sql`update assemblies set current_item_id = ${a.agenda[1].id} where id = ${a.id}`);
  fresh = { a };
  return a;
}

async function withPoll(mode: 'secret' | 'open', open: boolean): Promise<{ a: AssemblyView; pollId: string }> {
  const a = await hall();
  const r = await createPoll(t.database.db, chair.actor, a.id, pollInput.parse({ itemId: a.agenda[1].id, title: 'Forslag 1', method: 'yes_no_abstain', mode }));
  if (!r.ok) throw new Error(JSON.stringify(r));
  if (open) await openPoll(t.database.db, chair.actor, r.poll.id);
  fresh = { a, pollId: r.poll.id };
  return fresh as { a: AssemblyView; pollId: string };
}

const ROWS: Row[] = [
  { method: 'GET', route: '/assemblies/:id/console', url: async () => `/assemblies/${(await hall()).id}/console`, expect: runs(200) },
  { method: 'GET', route: '/assemblies/:id/projector', url: async () => `/assemblies/${(await hall()).id}/projector`, expect: sees },
  { method: 'GET', route: '/assemblies/:id/hall', url: async () => `/assemblies/${(await hall()).id}/hall`, expect: sees },
  // Before the notice the members of the roll don't see it; staff, the board and its chair do.
  { method: 'GET', route: '/assemblies/:id/hall', url: async () => `/assemblies/${(await draftAssembly(w, { chairPersonId: chair.id })).id}/hall`, expect: { ...sees, member: 404 } },
  {
    method: 'POST',
    route: '/assemblies/:id/console/open',
    url: async () => `/assemblies/${(await calledAssembly(w, { chairPersonId: chair.id })).id}/console/open`,
    expect: runs(303),
    changes: true,
  },
  { method: 'POST', route: '/assemblies/:id/console/close', url: async () => `/assemblies/${(await hall()).id}/console/close`, expect: runs(303), changes: true },
  {
    method: 'POST',
    route: '/assemblies/:id/console/current-item',
    url: async () => `/assemblies/${(await hall()).id}/console/current-item`,
    body: () => ({ itemId: fresh.a.agenda[2].id }),
    expect: runs(303),
    changes: true,
  },
  { method: 'POST', route: '/assemblies/:id/console/speakers', url: async () => `/assemblies/${(await hall()).id}/console/speakers`, body: () => ({ personId: member.id }), expect: runs(303), changes: true },
  {
    method: 'POST',
    route: '/assemblies/:id/console/speakers/:speakerId',
    url: async () => {
      const a = await hall();
      const r = await askToSpeak(t.database.db, member.actor, a.id);
      if (!r.ok) throw new Error(JSON.stringify(r));
      return `/assemblies/${a.id}/console/speakers/${r.list.speakers[0].id}`;
    },
    body: () => ({ action: 'floor' }),
    expect: runs(303),
    changes: true,
  },
  { method: 'POST', route: '/assemblies/:id/console/speaker-list', url: async () => `/assemblies/${(await hall()).id}/console/speaker-list`, body: () => ({ action: 'close' }), expect: runs(303), changes: true },
  {
    method: 'POST',
    route: '/assemblies/:id/console/polls/:pollId',
    url: async () => {
      const { a, pollId } = await withPoll('secret', false);
      return `/assemblies/${a.id}/console/polls/${pollId}`;
    },
    body: () => ({ action: 'open' }),
    expect: runs(303),
    changes: true,
  },
  {
    method: 'POST',
    route: '/assemblies/:id/console/polls/:pollId/counts',
    url: async () => {
      const { a, pollId } = await withPoll('open', true);
      return `/assemblies/${a.id}/console/polls/${pollId}/counts`;
    },
    body: () => ({ count_yes: '1', count_no: '1', count_abstain: '0' }),
    expect: runs(303),
    changes: true,
  },
  { method: 'POST', route: '/assemblies/:id/hall/speak', url: async () => `/assemblies/${(await hall()).id}/hall/speak`, expect: takesPart(409), changes: true },
  {
    method: 'POST',
    route: '/assemblies/:id/hall/withdraw',
    url: async () => {
      const a = await hall();
      for (const p of [member, chair]) await askToSpeak(t.database.db, p.actor, a.id);
      return `/assemblies/${a.id}/hall/withdraw`;
    },
    expect: takesPart(409),
    changes: true,
  },
  {
    method: 'POST',
    route: '/assemblies/:id/hall/polls/:pollId/ballot',
    url: async () => {
      const { a, pollId } = await withPoll('secret', true);
      return `/assemblies/${a.id}/hall/polls/${pollId}/ballot`;
    },
    body: () => ({ choice: 'yes' }),
    expect: takesPart(409),
    changes: true,
  },
  {
    method: 'POST',
    route: '/assemblies/:id/hall/polls/:pollId/written-ballot',
    url: async () => {
      const { a, pollId } = await withPoll('open', false);
      return `/assemblies/${a.id}/hall/polls/${pollId}/written-ballot`;
    },
    expect: takesPart(409),
    changes: true,
  },
];

const HALL = /^\/assemblies\/:id\/(console|projector|hall)(\/|$)/;

async function fingerprint(): Promise<string> {
  const [r] = await queryRows<Record<string, unknown>>(
    t.database.db,
    sql`select (select count(*) from audit_events where action <> 'view')::int as audit,
          (select string_agg(status || coalesce(current_item_id::text, ''), ',' order by id) from assemblies) as assemblies,
          (select string_agg(id::text || status || position, ',' order by id) from speakers) as speakers,
          (select count(*) from speaker_lists_closed)::int as closed,
          (select string_agg(id::text || status || mode || coalesce(paper_counts::text, ''), ',' order by id) from polls) as polls,
          (select count(*) from poll_voters)::int as voters,
          (select count(*) from written_ballot_requests)::int as requests`,
  );
  return JSON.stringify(r);
}

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database, { members: 3 });
  member = w.members[0];
  chair = w.members[2];
  const ids: Record<Exclude<Who, 'anonymous'>, string> = {
    member: member.id,
    memberElsewhere: w.southMember.id,
    staffNorth: w.staffNorth.id,
    staffSouth: w.staffSouth.id,
    board: w.boardNorth.id,
    admin: w.admin.id,
    chair: chair.id,
  };
  for (const [who, id] of Object.entries(ids) as [Exclude<Who, 'anonymous'>, string][]) cookies[who] = (await loginAs(t.database, id)).cookie;
}, 60_000);
afterAll(() => t?.close());

describe('the hall’s pages: permission matrix', () => {
  it('lists every one of the hall’s page routes', () => {
    expectEveryRouteListed(t.app, ROWS, (p) => HALL.test(p));
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      expect(await checkRow({ app: t.app, callers: CALLERS, cookies, fingerprint }, row)).toEqual([]);
    });
  }
});
