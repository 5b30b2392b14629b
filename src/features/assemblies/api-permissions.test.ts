import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../platform/actor.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { bearer, testApp, type TestApp } from '../../test/app.js';
import { assemblyWorld, calledAssembly, draftAssembly, type AssemblyWorld } from './assemblies.fixture.js';

/**
 * The assemblies' own API routes (calling and changing assemblies, the agenda, the notice, the
 * motions pack, the roll, the units' rules, the templates) with every kind of caller: no token, a
 * member's personal token (on the roll), a member of another unit, staff of the unit, staff of
 * another unit, the unit's board, an admin token. Refused callers change nothing.
 */

const CALLERS = ['anonymous', 'member', 'memberElsewhere', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
type Who = (typeof CALLERS)[number];

let t: TestApp;
let w: AssemblyWorld;
const headers = {} as Record<Who, Record<string, string>>;
const DAY = 86_400_000;
let n = 0;

interface Row {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: () => Promise<string>;
  body?: () => Record<string, unknown>;
  expect: Record<Who, number>;
}

const staffOnly = (ok: number, hidden = 404): Record<Who, number> => ({ anonymous: 401, member: 403, memberElsewhere: hidden, staffNorth: ok, staffSouth: hidden, board: 403, admin: ok });
const inDraft = (ok: number) => ({ ...staffOnly(ok), member: 404 });
const start = () => new Date(Date.now() + 40 * DAY).toISOString();

const ROWS: [string, Row][] = [
  ['POST /api/v1/assemblies', { method: 'POST', url: async () => '/api/v1/assemblies', body: () => ({ unitId: w.org.north, title: `GF ${++n}`, kind: 'ordinary', startsAt: start(), template: 'standard' }), expect: { ...staffOnly(201, 403), memberElsewhere: 403 } }],
  ['GET /api/v1/assemblies', { method: 'GET', url: async () => '/api/v1/assemblies', expect: { anonymous: 401, member: 200, memberElsewhere: 200, staffNorth: 200, staffSouth: 200, board: 200, admin: 200 } }],
  ['GET /api/v1/assemblies/:id (called)', { method: 'GET', url: async () => `/api/v1/assemblies/${(await calledAssembly(w)).id}`, expect: { anonymous: 401, member: 200, memberElsewhere: 404, staffNorth: 200, staffSouth: 404, board: 200, admin: 200 } }],
  ['GET /api/v1/assemblies/:id (draft)', { method: 'GET', url: async () => `/api/v1/assemblies/${(await draftAssembly(w)).id}`, expect: { anonymous: 401, member: 404, memberElsewhere: 404, staffNorth: 200, staffSouth: 404, board: 200, admin: 200 } }],
  ['PATCH /api/v1/assemblies/:id', { method: 'PATCH', url: async () => `/api/v1/assemblies/${(await calledAssembly(w)).id}`, body: () => ({ place: `Sal ${++n}` }), expect: staffOnly(200) }],
  ['POST /api/v1/assemblies/:id/cancel', { method: 'POST', url: async () => `/api/v1/assemblies/${(await calledAssembly(w)).id}/cancel`, expect: staffOnly(200) }],
  ['POST /api/v1/assemblies/:id/agenda', { method: 'POST', url: async () => `/api/v1/assemblies/${(await draftAssembly(w)).id}/agenda`, body: () => ({ kind: 'discussion', title: 'Lønpolitik' }), expect: inDraft(200) }],
  ['PATCH /api/v1/agenda-items/:id', { method: 'PATCH', url: async () => `/api/v1/agenda-items/${(await draftAssembly(w)).agenda[1].id}`, body: () => ({ title: 'Beretning' }), expect: inDraft(200) }],
  ['DELETE /api/v1/agenda-items/:id', { method: 'DELETE', url: async () => `/api/v1/agenda-items/${(await draftAssembly(w)).agenda[3].id}`, expect: inDraft(200) }],
  ['POST /api/v1/assemblies/:id/notice', { method: 'POST', url: async () => `/api/v1/assemblies/${(await draftAssembly(w)).id}/notice`, expect: inDraft(200) }],
  ['GET /api/v1/assemblies/:id/roll', { method: 'GET', url: async () => `/api/v1/assemblies/${(await calledAssembly(w)).id}/roll`, expect: { anonymous: 401, member: 403, memberElsewhere: 404, staffNorth: 200, staffSouth: 404, board: 200, admin: 200 } }],
  ['GET /api/v1/units/:id/assembly-rules', { method: 'GET', url: async () => `/api/v1/units/${w.org.north}/assembly-rules`, expect: { anonymous: 401, member: 200, memberElsewhere: 200, staffNorth: 200, staffSouth: 200, board: 200, admin: 200 } }],
  ['PUT /api/v1/units/:id/assembly-rules', { method: 'PUT', url: async () => `/api/v1/units/${w.org.north}/assembly-rules`, body: () => ({ noticeDays: 14, motionDeadlineDays: 7, rollCutoffDays: 0, majority: 'simple', statuteMajority: 'two_thirds', blankVotesCount: false, proxiesAllowed: false, proxiesPerHolder: 1 }), expect: { ...staffOnly(200, 403) } }],
  ['GET /api/v1/agenda-templates', { method: 'GET', url: async () => '/api/v1/agenda-templates', expect: { anonymous: 401, member: 200, memberElsewhere: 200, staffNorth: 200, staffSouth: 200, board: 200, admin: 200 } }],
];

const changed = async () => JSON.stringify((await t.database.executeSql("select (select count(*) from audit_events where action <> 'view')::int as a")).rows[0]);

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
  const personal = async (personId: string) => {
    const r = await createPersonalToken(t.database.db, system, { personId, name: 'matrix' });
    if (!r.ok) throw new Error('token');
    return { authorization: `Bearer ${r.token.value}` };
  };
  headers.anonymous = {};
  headers.member = await personal(w.members[0].id);
  headers.memberElsewhere = await personal(w.southMember.id);
  headers.staffNorth = await personal(w.staffNorth.id);
  headers.staffSouth = await personal(w.staffSouth.id);
  headers.board = await personal(w.boardNorth.id);
  headers.admin = await bearer(t.database, 'admin');
}, 60_000);
afterAll(() => t?.close());

describe('the assemblies API’s permission matrix', () => {
  for (const [name, row] of ROWS) {
    it(name, async () => {
      const wrong: string[] = [];
      for (const who of CALLERS) {
        const url = await row.url();
        const before = await changed();
        const res = await t.app.inject({ method: row.method, url, headers: headers[who], payload: row.body?.() });
        if (res.statusCode !== row.expect[who]) wrong.push(`${who}: expected ${row.expect[who]}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (res.statusCode >= 400 && (await changed()) !== before) wrong.push(`${who}: refused but something was written`);
        if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
      }
      expect(wrong).toEqual([]);
    });
  }
});
