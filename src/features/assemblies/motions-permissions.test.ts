import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../platform/actor.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { bearer, loginAs, testApp, type TestApp } from '../../test/app.js';
import { registeredRoutes } from '../../test/routes.js';
import { checkRow, expectEveryRouteListed, type Expectations, type PageRow, type SessionCookies } from '../../test/page-matrix.js';
import { assemblyWorld, calledAssembly, inSession, type AssemblyWorld, type Someone } from './assemblies.fixture.js';
import { admitAmendment, submitAmendment } from './amendments.js';
import { amendmentInput, motionInput } from './motion-schema.js';
import { admitMotion, submitMotion } from './motions.js';

/**
 * Every route of the motions and amendments, API and pages, with every kind of caller: nobody, a
 * member on the roll, a member of another unit, staff of the unit, staff of another unit, the
 * unit's board (on the roll, as its members are members of the unit), an admin. Each row makes a
 * fresh motion for each caller. A refused caller changes nothing; one who may act changes the database.
 */

const CALLERS = ['anonymous', 'member', 'memberElsewhere', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
type Who = (typeof CALLERS)[number];

let t: TestApp;
let w: AssemblyWorld;
/** The member on the roll who calls; `other` submits the motions that are not theirs. */
let member: Someone;
let other: Someone;
const headers = {} as Record<Who, Record<string, string>>;
const cookies = {} as SessionCookies<Who>;

const body = 'Generalforsamlingen beslutter:\nat kontingentet fastholdes.';

/** A motion of the north's called assembly: submitted by `by`, admitted or not, with co-signers, in session or not. */
async function motion(opts: { by?: Someone; admitted?: boolean; cosigners?: Someone[]; session?: boolean } = {}) {
  const a = await calledAssembly(w);
  const r = await submitMotion(t.database.db, (opts.by ?? other).actor, a.id, motionInput.parse({ title: 'Forslag', body, cosignerIds: (opts.cosigners ?? []).map((c) => c.id) }));
  if (!r.ok) throw new Error(JSON.stringify(r));
  if (opts.admitted) await admitMotion(t.database.db, w.staffNorth.actor, r.motion.id);
  if (opts.session) await inSession(w, a.id);
  return { assemblyId: a.id, id: r.motion.id };
}

/** An amendment to an admitted motion, by `by`, admitted or not. */
async function amendment(opts: { by?: Someone; admitted?: boolean } = {}) {
  const m = await motion({ admitted: true });
  const r = await submitAmendment(t.database.db, (opts.by ?? other).actor, m.id, amendmentInput.parse({ fromLine: 1, toLine: 1, replacement: 'Forsamlingen beslutter:' }));
  if (!r.ok) throw new Error(JSON.stringify(r));
  if (opts.admitted) await admitAmendment(t.database.db, w.staffNorth.actor, r.amendment.id);
  return r.amendment.id;
}

const audits = async () => JSON.stringify((await t.database.executeSql("select (select count(*) from audit_events where action <> 'view')::int as a")).rows[0]);

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
  member = w.members[0];
  other = w.members[1];
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

type ApiRow = { method: 'GET' | 'POST'; route: string; note?: string; url: () => Promise<string>; body?: Record<string, unknown>; expect: Record<Who, number> };

/** What the roll sees; out of the unit's sight is 404, nobody logged in 401. */
const api = (member: number, staff: number, board: number, admin = staff): Record<Who, number> => ({ anonymous: 401, member, memberElsewhere: 404, staffNorth: staff, staffSouth: 404, board, admin });

const API_ROWS: ApiRow[] = [
  { method: 'POST', route: '/api/v1/assemblies/:id/motions', url: async () => `/api/v1/assemblies/${(await calledAssembly(w)).id}/motions`, body: { title: 'Forslag', body }, expect: api(201, 201, 201) },
  { method: 'GET', route: '/api/v1/assemblies/:id/motions', url: async () => `/api/v1/assemblies/${(await motion()).assemblyId}/motions`, expect: api(200, 200, 200) },
  { method: 'GET', route: '/api/v1/motions/:id', url: async () => `/api/v1/motions/${(await motion({ admitted: true })).id}`, expect: api(200, 200, 200) },
  // Another member's motion before it is admitted is theirs and the office's only.
  { method: 'GET', route: '/api/v1/motions/:id', note: 'submitted by another member', url: async () => `/api/v1/motions/${(await motion()).id}`, expect: api(404, 200, 200) },
  { method: 'POST', route: '/api/v1/motions/:id/amendments', url: async () => `/api/v1/motions/${(await motion({ admitted: true })).id}/amendments`, body: { fromLine: 1, toLine: 2, replacement: 'Ny tekst' }, expect: api(201, 201, 201) },
  { method: 'POST', route: '/api/v1/motions/:id/admit', url: async () => `/api/v1/motions/${(await motion()).id}/admit`, expect: api(404, 200, 403) },
  { method: 'POST', route: '/api/v1/motions/:id/refuse', url: async () => `/api/v1/motions/${(await motion()).id}/refuse`, body: { reason: 'Uden for generalforsamlingens område' }, expect: api(404, 200, 403) },
  { method: 'POST', route: '/api/v1/motions/:id/recommendation', url: async () => `/api/v1/motions/${(await motion({ admitted: true })).id}/recommendation`, body: { recommendation: 'Anbefales' }, expect: api(403, 200, 200) },
  { method: 'POST', route: '/api/v1/motions/:id/withdraw', url: async () => `/api/v1/motions/${(await motion({ by: member })).id}/withdraw`, expect: api(200, 200, 403) },
  { method: 'POST', route: '/api/v1/motions/:id/withdraw', note: 'another member’s', url: async () => `/api/v1/motions/${(await motion({ admitted: true })).id}/withdraw`, expect: api(403, 200, 403) },
  { method: 'POST', route: '/api/v1/motions/:id/refer', url: async () => `/api/v1/motions/${(await motion({ admitted: true, session: true })).id}/refer`, expect: api(403, 200, 403) },
  // Only an invited co-signer confirms; staff and the board are not invited (a refusal of the motions' own, 403).
  { method: 'POST', route: '/api/v1/motions/:id/cosign', url: async () => `/api/v1/motions/${(await motion({ cosigners: [member] })).id}/cosign`, expect: api(200, 403, 403) },
  { method: 'POST', route: '/api/v1/amendments/:id/admit', url: async () => `/api/v1/amendments/${await amendment()}/admit`, expect: api(404, 200, 403) },
  { method: 'POST', route: '/api/v1/amendments/:id/refuse', url: async () => `/api/v1/amendments/${await amendment()}/refuse`, body: { reason: 'Uden for forslaget' }, expect: api(404, 200, 403) },
  { method: 'POST', route: '/api/v1/amendments/:id/withdraw', url: async () => `/api/v1/amendments/${await amendment({ by: member, admitted: true })}/withdraw`, expect: api(200, 200, 403) },
  { method: 'POST', route: '/api/v1/amendments/:id/withdraw', note: 'another member’s', url: async () => `/api/v1/amendments/${await amendment({ admitted: true })}/withdraw`, expect: api(403, 200, 403) },
];

const MINE_API = (p: string) => /^\/api\/v1\/(motions|amendments)\//.test(p) || /^\/api\/v1\/assemblies\/:id\/motions(\/|$)/.test(p);

describe('the motions API’s permission matrix', () => {
  it('lists every motions route of the API', () => {
    const registered = [...new Set(registeredRoutes(t.app, MINE_API).map((r) => `${r.method} ${r.path}`))].sort();
    expect([...new Set(API_ROWS.map((r) => `${r.method} ${r.route}`))].sort()).toEqual(registered);
  });

  for (const row of API_ROWS) {
    it(`${row.method} ${row.route}${row.note ? ` (${row.note})` : ''}`, async () => {
      const wrong: string[] = [];
      for (const who of CALLERS) {
        const url = await row.url();
        const before = await audits();
        const res = await t.app.inject({ method: row.method, url, headers: headers[who], payload: row.body });
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
  { method: 'GET', route: '/assemblies/:id/motions', url: async () => `/assemblies/${(await motion({ admitted: true })).assemblyId}/motions`, expect: page(200, 200, 200) },
  { method: 'GET', route: '/assemblies/:id/motions/new', url: async () => `/assemblies/${(await calledAssembly(w)).id}/motions/new`, expect: page(200, 200, 200) },
  { method: 'POST', route: '/assemblies/:id/motions/new', url: async () => `/assemblies/${(await calledAssembly(w)).id}/motions/new`, body: () => ({ title: 'Forslag', body, voteKind: 'ordinary' }), expect: page(303, 303, 303), changes: true },
  { method: 'GET', route: '/motions/:id', url: async () => `/motions/${(await motion({ admitted: true })).id}`, expect: page(200, 200, 200) },
  { method: 'GET', route: '/motions/:id', url: async () => `/motions/${(await motion()).id}`, expect: page(404, 200, 200) },
  { method: 'GET', route: '/motions/:id/chair', url: async () => `/motions/${(await motion({ admitted: true })).id}/chair`, expect: page(403, 200, 200) },
  { method: 'POST', route: '/motions/:id/cosign', url: async () => `/motions/${(await motion({ cosigners: [member] })).id}/cosign`, expect: page(303, 403, 403), changes: true },
  { method: 'POST', route: '/motions/:id/admit', url: async () => `/motions/${(await motion()).id}/admit`, expect: page(404, 303, 403), changes: true },
  { method: 'POST', route: '/motions/:id/refuse', url: async () => `/motions/${(await motion()).id}/refuse`, body: () => ({ reason: 'Uden for generalforsamlingens område' }), expect: page(404, 303, 403), changes: true },
  { method: 'POST', route: '/motions/:id/recommendation', url: async () => `/motions/${(await motion({ admitted: true })).id}/recommendation`, body: () => ({ recommendation: 'Anbefales' }), expect: page(403, 303, 303), changes: true },
  { method: 'POST', route: '/motions/:id/withdraw', url: async () => `/motions/${(await motion({ by: member })).id}/withdraw`, expect: page(303, 303, 403), changes: true },
  { method: 'POST', route: '/motions/:id/refer', url: async () => `/motions/${(await motion({ admitted: true, session: true })).id}/refer`, expect: page(403, 303, 403), changes: true },
  { method: 'POST', route: '/motions/:id/amendments', url: async () => `/motions/${(await motion({ admitted: true })).id}/amendments`, body: () => ({ fromLine: '1', toLine: '1', replacement: 'Forsamlingen beslutter:' }), expect: page(303, 303, 303), changes: true },
  { method: 'POST', route: '/amendments/:id/admit', url: async () => `/amendments/${await amendment()}/admit`, expect: page(404, 303, 403), changes: true },
  { method: 'POST', route: '/amendments/:id/refuse', url: async () => `/amendments/${await amendment()}/refuse`, body: () => ({ reason: 'Uden for forslaget' }), expect: page(404, 303, 403), changes: true },
  { method: 'POST', route: '/amendments/:id/withdraw', url: async () => `/amendments/${await amendment({ by: member })}/withdraw`, expect: page(303, 303, 403), changes: true },
];

const MINE_PAGES = (p: string) => /^\/(motions|amendments)\//.test(p) || /^\/assemblies\/:id\/motions(\/|$)/.test(p);

describe('the motions pages’ permission matrix', () => {
  it('lists every motions page route', () => {
    expectEveryRouteListed(t.app, PAGE_ROWS, MINE_PAGES);
  });

  for (const row of PAGE_ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      expect(await checkRow({ app: t.app, callers: CALLERS, cookies, fingerprint: audits }, row)).toEqual([]);
    });
  }
});
