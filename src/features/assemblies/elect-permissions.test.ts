import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../platform/actor.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { bearer, loginAs, testApp, type TestApp } from '../../test/app.js';
import { registeredRoutes } from '../../test/routes.js';
import { checkRow, everyone, expectEveryRouteListed, type Expectations, type PageRow, type SessionCookies } from '../../test/page-matrix.js';
import { assemblyWorld, calledAssembly, inSession, type AssemblyWorld, type Someone } from './assemblies.fixture.js';
import { nominate } from './elect-candidates.js';
import { candidateInput } from './elect-schema.js';
import { election, northBody } from './elect.fixture.js';
import type { Hall } from './polls.fixture.js';

/**
 * Every route of bodies, elections and candidates, API and pages, with every kind of caller: nobody,
 * a member on the roll, a member of another unit, staff of the unit, staff of another unit, the
 * unit's board (on the roll), an admin. Each call gets a fresh election. A refused caller changes
 * nothing; one who may act changes the database.
 */

const CALLERS = ['anonymous', 'member', 'memberElsewhere', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
type Who = (typeof CALLERS)[number];

let t: TestApp;
let w: AssemblyWorld;
let member: Someone;
let other: Someone;
let memberNumber: string;
const headers = {} as Record<Who, Record<string, string>>;
const cookies = {} as SessionCookies<Who>;
let n = 0;

/** A called assembly of the north (in session or not) with an election on its election item. */
async function anElection(opts: { session?: boolean } = {}) {
  const a = await calledAssembly(w, { chairPersonId: other.id });
  if (opts.session) await inSession(w, a.id);
  const h: Hall = { id: a.id, agenda: a.agenda, chair: other };
  const body = await northBody(w, { seats: 2 });
  const e = await election(w, h, body.id);
  return { assemblyId: a.id, electionId: e.id };
}

/** A candidate: `member` nominated by `other` (pending), or by themselves (standing). */
async function aCandidate(by: 'other' | 'self') {
  const { assemblyId, electionId } = await anElection();
  const r = await nominate(t.database.db, (by === 'self' ? member : other).actor, assemblyId, candidateInput.parse({ electionId, personId: member.id }));
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.candidate.id;
}

const audits = async () => JSON.stringify((await t.database.executeSql("select (select count(*) from audit_events where action <> 'view')::int as a")).rows[0]);

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
  member = w.members[0];
  other = w.members[1];
  memberNumber = String((await t.database.executeSql('select member_number from memberships where person_id = $1', [member.id])).rows[0].member_number);
  const personal = async (personId: string) => {
    const r = await createPersonalToken(t.database.db, system, { personId, name: 'matrix' });
    if (!r.ok) throw new Error('token');
    return { authorization: `Bearer ${r.token.value}` };
  };
  const people: Record<Exclude<Who, 'anonymous'>, string> = {
    member: member.id,
    memberElsewhere: w.southMember.id,
    staffNorth: w.staffNorth.id,
    staffSouth: w.staffSouth.id,
    board: w.boardNorth.id,
    admin: w.admin.id,
  };
  headers.anonymous = {};
  for (const [who, id] of Object.entries(people) as [Exclude<Who, 'anonymous'>, string][]) {
    headers[who] = who === 'admin' ? await bearer(t.database, 'admin') : await personal(id);
    cookies[who] = (await loginAs(t.database, id)).cookie;
  }
}, 60_000);
afterAll(() => t?.close());

// --- the API ---

type ApiRow = { method: 'GET' | 'POST'; route: string; note?: string; call: () => Promise<{ url: string; body?: Record<string, unknown> }>; expect: Record<Who, number> };

/** What the roll sees; out of the unit's sight is 404, nobody logged in 401. */
const api = (member: number, staff: number, board: number, admin = staff): Record<Who, number> => ({ anonymous: 401, member, memberElsewhere: 404, staffNorth: staff, staffSouth: 404, board, admin });
/** A unit is everyone's to see: a refusal there is 403, not 404. */
const unitApi = (allowed: number): Record<Who, number> => ({ anonymous: 401, member: 403, memberElsewhere: 403, staffNorth: allowed, staffSouth: 403, board: 403, admin: allowed });

const API_ROWS: ApiRow[] = [
  { method: 'GET', route: '/api/v1/units/:id/board', call: async () => ({ url: `/api/v1/units/${w.org.north}/board` }), expect: everyone(CALLERS, 200) as Record<Who, number> },
  { method: 'GET', route: '/api/v1/units/:id/bodies', call: async () => ({ url: `/api/v1/units/${w.org.north}/bodies` }), expect: everyone(CALLERS, 200) as Record<Who, number> },
  { method: 'POST', route: '/api/v1/units/:id/bodies', call: async () => ({ url: `/api/v1/units/${w.org.north}/bodies`, body: { name: `Udvalg ${++n}`, seats: 3 } }), expect: unitApi(201) },
  { method: 'POST', route: '/api/v1/bodies/:id/terms', call: async () => ({ url: `/api/v1/bodies/${(await northBody(w, { seats: 3 })).id}/terms`, body: { personId: member.id, startsOn: new Date().toISOString().slice(0, 10) } }), expect: unitApi(201) },
  {
    method: 'POST',
    route: '/api/v1/assemblies/:id/elections',
    call: async () => {
      const a = await calledAssembly(w);
      return { url: `/api/v1/assemblies/${a.id}/elections`, body: { itemId: a.agenda.find((i) => i.kind === 'election')!.id, bodyId: (await northBody(w, { seats: 3 })).id } };
    },
    expect: api(403, 201, 403),
  },
  { method: 'GET', route: '/api/v1/elections/:id', call: async () => ({ url: `/api/v1/elections/${(await anElection()).electionId}` }), expect: api(200, 200, 200) },
  { method: 'POST', route: '/api/v1/elections/:id/start', call: async () => ({ url: `/api/v1/elections/${(await anElection({ session: true })).electionId}/start` }), expect: api(403, 200, 403) },
  {
    method: 'POST',
    route: '/api/v1/assemblies/:id/candidates',
    call: async () => {
      const e = await anElection();
      return { url: `/api/v1/assemblies/${e.assemblyId}/candidates`, body: { electionId: e.electionId, personId: member.id } };
    },
    expect: api(201, 201, 201),
  },
  { method: 'POST', route: '/api/v1/candidates/:id/accept', call: async () => ({ url: `/api/v1/candidates/${await aCandidate('other')}/accept` }), expect: api(200, 403, 403) },
  { method: 'POST', route: '/api/v1/candidates/:id/decline', call: async () => ({ url: `/api/v1/candidates/${await aCandidate('other')}/decline` }), expect: api(200, 403, 403) },
  { method: 'POST', route: '/api/v1/candidates/:id/withdraw', call: async () => ({ url: `/api/v1/candidates/${await aCandidate('self')}/withdraw` }), expect: api(200, 200, 403) },
];

const MINE_API = (p: string) => /^\/api\/v1\/(elections|candidates|bodies)\//.test(p) || /^\/api\/v1\/units\/:id\/(board|bodies)$/.test(p) || /^\/api\/v1\/assemblies\/:id\/(elections|candidates)$/.test(p);

describe('the elections API’s permission matrix', () => {
  it('lists every route of bodies, elections and candidates', () => {
    const registered = [...new Set(registeredRoutes(t.app, MINE_API).map((r) => `${r.method} ${r.path}`))].sort();
    expect([...new Set(API_ROWS.map((r) => `${r.method} ${r.route}`))].sort()).toEqual(registered);
  });

  for (const row of API_ROWS) {
    it(`${row.method} ${row.route}${row.note ? ` (${row.note})` : ''}`, async () => {
      const wrong: string[] = [];
      for (const who of CALLERS) {
        const { url, body } = await row.call();
        const before = await audits();
        const res = await t.app.inject({ method: row.method, url, headers: headers[who], payload: body });
        if (res.statusCode !== row.expect[who]) wrong.push(`${who}: expected ${row.expect[who]}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
        const after = await audits();
        if (res.statusCode >= 400 && after !== before) wrong.push(`${who}: refused but something was written`);
        if (row.method === 'POST' && res.statusCode < 400 && after === before) wrong.push(`${who}: succeeded but nothing was written`);
        if (res.statusCode >= 400 && !String(res.headers['content-type']).includes('application/problem+json')) wrong.push(`${who}: ${res.statusCode} is not problem+json`);
      }
      expect(wrong).toEqual([]);
    });
  }
});

// --- the pages ---

type Row = PageRow<Who>;
const page = (member: number | 'login', staff: number, board: number, admin = staff): Expectations<Who> => ({ anonymous: 'login', member, memberElsewhere: 404, staffNorth: staff, staffSouth: 404, board, admin });

const PAGE_ROWS: Row[] = [
  { method: 'GET', route: '/units/:id/board', url: async () => `/units/${w.org.north}/board`, expect: everyone(CALLERS, 200) },
  { method: 'GET', route: '/elections/:id', url: async () => `/elections/${(await anElection()).electionId}`, expect: page(200, 200, 200) },
  { method: 'POST', route: '/elections/:id/nominate', url: async () => `/elections/${(await anElection()).electionId}/nominate`, body: () => ({ memberNumber }), expect: page(303, 303, 303), changes: true },
  { method: 'POST', route: '/elections/:id/start', url: async () => `/elections/${(await anElection({ session: true })).electionId}/start`, expect: page(403, 303, 403), changes: true },
  { method: 'POST', route: '/candidates/:id/accept', url: async () => `/candidates/${await aCandidate('other')}/accept`, body: () => ({ presentation: 'Jeg stiller op.' }), expect: page(303, 403, 403), changes: true },
  { method: 'POST', route: '/candidates/:id/decline', url: async () => `/candidates/${await aCandidate('other')}/decline`, expect: page(303, 403, 403), changes: true },
  { method: 'POST', route: '/candidates/:id/withdraw', url: async () => `/candidates/${await aCandidate('self')}/withdraw`, expect: page(303, 303, 403), changes: true },
];

const MINE_PAGES = (p: string) => /^\/(elections|candidates)\//.test(p) || /^\/units\/:id\/board$/.test(p);

describe('the elections pages’ permission matrix', () => {
  it('lists every page route of elections and the board', () => {
    expectEveryRouteListed(t.app, PAGE_ROWS, MINE_PAGES);
  });

  for (const row of PAGE_ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      expect(await checkRow({ app: t.app, callers: CALLERS, cookies, fingerprint: audits }, row)).toEqual([]);
    });
  }
});
