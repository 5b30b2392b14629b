import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, testApp, type TestApp } from '../../test/app.js';
import { checkRow, expectEveryRouteListed, type Expectations, type PageRow, type SessionCookies } from '../../test/page-matrix.js';
import { localParts } from '../../platform/i18n/zoned-time.js';
import { assemblyWorld, calledAssembly, draftAssembly, type AssemblyWorld } from './assemblies.fixture.js';
import { createBody } from './elect-bodies.js';

/**
 * Every page route of the assemblies' own pages (the list, calling one, one assembly with its agenda,
 * notice and motions pack, the roll, a unit's rules) with every kind of caller: nobody, a member on
 * the roll, a member of another unit, staff of the unit, staff of another unit, the unit's board, an
 * admin. A refused caller changes nothing; a caller who may act changes the database.
 */

const CALLERS = ['anonymous', 'member', 'memberElsewhere', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
type Who = (typeof CALLERS)[number];
type Row = PageRow<Who>;

let t: TestApp;
let w: AssemblyWorld;
const cookies = {} as SessionCookies<Who>;
const DAY = 86_400_000;
let n = 0;
let merging: Record<string, string> = {};
let electing: Record<string, string> = {};
let bodyId = '';

const seeCalled: Expectations<Who> = { anonymous: 'login', member: 200, memberElsewhere: 404, staffNorth: 200, staffSouth: 404, board: 200, admin: 200 };
const staffActs = (ok: number, unitHidden = 404): Expectations<Who> => ({ anonymous: 'login', member: 403, memberElsewhere: unitHidden, staffNorth: ok, staffSouth: unitHidden, board: 403, admin: ok });
const draftItem = async () => (await draftAssembly(w)).agenda[1];

/** The MY routes this matrix owns: the other pages of the feature have their own matrices. */
const MINE = new Set([
  '/assemblies',
  '/assemblies/new',
  '/assemblies/:id',
  '/assemblies/:id/notice',
  '/assemblies/:id/motions-pack',
  '/assemblies/:id/elections',
  '/assemblies/:id/agenda',
  '/assemblies/:id/agenda/merge',
  '/assemblies/:id/agenda/:itemId/move',
  '/assemblies/:id/agenda/:itemId/remove',
  '/assemblies/:id/roll',
  '/assemblies/rules/:unitId',
]);

const ROWS: Row[] = [
  { method: 'GET', route: '/assemblies', url: async () => '/assemblies', expect: { anonymous: 'login', member: 200, memberElsewhere: 200, staffNorth: 200, staffSouth: 200, board: 200, admin: 200 } },
  { method: 'GET', route: '/assemblies/new', url: async () => '/assemblies/new', expect: { anonymous: 'login', member: 403, memberElsewhere: 403, staffNorth: 200, staffSouth: 200, board: 403, admin: 200 } },
  {
    method: 'POST',
    route: '/assemblies/new',
    url: async () => '/assemblies/new',
    // Staff of the south may call assemblies, but not the north's: the use case refuses (a 409 page naming it).
    expect: { anonymous: 'login', member: 403, memberElsewhere: 403, staffNorth: 303, staffSouth: 403, board: 403, admin: 303 },
    changes: true,
    body: () => ({ unitId: w.org.north, title: `Generalforsamling ${++n}`, kind: 'ordinary', date: localParts(new Date(Date.now() + 40 * DAY), 'Europe/Copenhagen').date, time: '17:00', template: 'standard', minutesVisibility: 'members' }),
  },
  { method: 'GET', route: '/assemblies/:id', url: async () => `/assemblies/${(await calledAssembly(w)).id}`, expect: seeCalled },
  { method: 'GET', route: '/assemblies/:id', url: async () => `/assemblies/${(await draftAssembly(w)).id}`, expect: { ...seeCalled, member: 404 } },
  { method: 'POST', route: '/assemblies/:id/notice', url: async () => `/assemblies/${(await draftAssembly(w)).id}/notice`, expect: { ...staffActs(303), member: 404 }, changes: true },
  {
    method: 'POST',
    route: '/assemblies/:id/motions-pack',
    url: async () => {
      const a = await calledAssembly(w);
      await t.database.executeSql("insert into motions (assembly_id, number, title, body, state) values ($1, 1, 'Forslag', 'Tekst', 'admitted')", [a.id]);
      return `/assemblies/${a.id}/motions-pack`;
    },
    expect: staffActs(303),
    changes: true,
  },
  { method: 'POST', route: '/assemblies/:id/agenda', url: async () => `/assemblies/${(await draftAssembly(w)).id}/agenda`, expect: { ...staffActs(303), member: 404 }, changes: true, body: () => ({ kind: 'discussion', title: 'Lønpolitik' }) },
  {
    method: 'POST',
    route: '/assemblies/:id/agenda/merge',
    url: async () => {
      const a = await draftAssembly(w);
      merging = { into: a.agenda[1].id, from: a.agenda[3].id };
      return `/assemblies/${a.id}/agenda/merge`;
    },
    expect: { ...staffActs(303), member: 404 },
    changes: true,
    // The matrix builds the URL first, then the body: the items are those of the assembly just made.
    body: () => merging,
  },
  {
    method: 'POST',
    route: '/assemblies/:id/agenda/:itemId/move',
    url: async () => {
      const a = await draftAssembly(w);
      return `/assemblies/${a.id}/agenda/${a.agenda[1].id}/move`;
    },
    expect: { ...staffActs(303), member: 404 },
    changes: true,
    body: () => ({ position: '3' }),
  },
  {
    method: 'POST',
    route: '/assemblies/:id/agenda/:itemId/remove',
    url: async () => {
      const item = await draftItem();
      const [{ assembly_id }] = (await t.database.executeSql('select assembly_id from agenda_items where id = $1', [item.id])).rows as { assembly_id: string }[];
      return `/assemblies/${assembly_id}/agenda/${item.id}/remove`;
    },
    expect: { ...staffActs(303), member: 404 },
    changes: true,
  },
  {
    method: 'POST',
    route: '/assemblies/:id/elections',
    url: async () => {
      const a = await calledAssembly(w);
      electing = { itemId: a.agenda.find((i) => i.kind === 'election')!.id, bodyId, seats: '1' };
      return `/assemblies/${a.id}/elections`;
    },
    // The chair and staff of the unit set up elections (the chair's own are the hall's matrix).
    expect: staffActs(303),
    changes: true,
    body: () => electing,
  },
  { method: 'GET', route: '/assemblies/:id/roll', url: async () => `/assemblies/${(await calledAssembly(w)).id}/roll`, expect: { ...seeCalled, member: 403 } },
  { method: 'GET', route: '/assemblies/rules/:unitId', url: async () => `/assemblies/rules/${w.org.north}`, expect: { anonymous: 'login', member: 403, memberElsewhere: 403, staffNorth: 200, staffSouth: 403, board: 200, admin: 200 } },
  {
    method: 'POST',
    route: '/assemblies/rules/:unitId',
    url: async () => `/assemblies/rules/${w.org.north}`,
    expect: { anonymous: 'login', member: 403, memberElsewhere: 403, staffNorth: 303, staffSouth: 403, board: 403, admin: 303 },
    changes: true,
    body: () => ({ noticeDays: String(14 + ++n), motionDeadlineDays: '7', rollCutoffDays: '0', majority: 'simple', statuteMajority: 'two_thirds', proxiesPerHolder: '1' }),
  },
];

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(
    `select (select count(*) from audit_events where action <> 'view')::int as a, (select count(*) from assemblies)::int as n,
       (select string_agg(status || coalesce(motions_pack_mailing_id::text, ''), ',' order by id) from assemblies) as s,
       (select string_agg(id::text || position, ',' order by id) from agenda_items) as i,
       (select string_agg(notice_days::text, ',') from assembly_rules) as r, (select count(*) from elections)::int as e`,
  );
  return JSON.stringify(r.rows[0]);
}

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
  const body = await createBody(t.database.db, w.staffNorth.actor, { unitId: w.org.north, name: 'Kredsbestyrelsen', seats: 5, substitutes: 0, termYears: 2 });
  if (!body.ok) throw new Error('body');
  bodyId = body.body.id;
  const ids: Record<Exclude<Who, 'anonymous'>, string> = {
    member: w.members[0].id,
    memberElsewhere: w.southMember.id,
    staffNorth: w.staffNorth.id,
    staffSouth: w.staffSouth.id,
    board: w.boardNorth.id,
    admin: w.admin.id,
  };
  for (const [who, id] of Object.entries(ids) as [Exclude<Who, 'anonymous'>, string][]) cookies[who] = (await loginAs(t.database, id)).cookie;
}, 60_000);
afterAll(() => t?.close());

describe('the assemblies pages’ permission matrix', () => {
  it('lists every one of these page routes', () => {
    expectEveryRouteListed(t.app, ROWS, (p) => MINE.has(p));
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      expect(await checkRow({ app: t.app, callers: CALLERS, cookies, fingerprint }, row)).toEqual([]);
    });
  }
});
