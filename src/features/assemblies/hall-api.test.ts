import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { system } from '../../platform/actor.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { bearer, testApp, type TestApp } from '../../test/app.js';
import { assemblyWorld, calledAssembly, inSession, type AssemblyWorld, type Someone } from './assemblies.fixture.js';
import { askToSpeak } from './speakers.js';
import type { AssemblyView } from './queries.js';

/**
 * The hall's API routes with every kind of caller: no token, a member's personal token (on the roll,
 * in the hall), a member of another unit, staff of the unit and of another unit (personal tokens),
 * the unit's board (on the roll, not in the hall), an admin token, and the chair (a member in the
 * hall). Refused callers change nothing and get problem+json.
 */

const CALLERS = ['anonymous', 'member', 'memberElsewhere', 'staffNorth', 'staffSouth', 'board', 'admin', 'chair'] as const;
type Who = (typeof CALLERS)[number];

let t: TestApp;
let w: AssemblyWorld;
let member: Someone;
let chair: Someone;
const headers = {} as Record<Who, Record<string, string>>;

interface Row {
  method: 'GET' | 'POST' | 'PUT';
  url: () => Promise<string>;
  body?: () => Record<string, unknown>;
  expect: Record<Who, number>;
}

let current: AssemblyView;
async function hall(): Promise<AssemblyView> {
  current = await calledAssembly(w, { chairPersonId: chair.id });
  await inSession(w, current.id, [member, chair]);
  await t.database.db.execute(sql`update assemblies set current_item_id = ${current.agenda[1].id} where id = ${current.id}`);
  return current;
}
const speakerOf = async () => {
  const a = await hall();
  const r = await askToSpeak(t.database.db, member.actor, a.id);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.list.speakers[0].id;
};

const runs = (ok: number): Record<Who, number> => ({ anonymous: 401, member: 403, memberElsewhere: 404, staffNorth: ok, staffSouth: 404, board: 403, admin: ok, chair: ok });
const sees: Record<Who, number> = { anonymous: 401, member: 200, memberElsewhere: 404, staffNorth: 200, staffSouth: 404, board: 200, admin: 200, chair: 200 };
// The integration token is no person: it can't ask to speak (403), nor can staff, who are not on the roll.
const takesPart = (board: number): Record<Who, number> => ({ anonymous: 401, member: 200, memberElsewhere: 404, staffNorth: 403, staffSouth: 404, board, admin: 403, chair: 200 });

const ROWS: [string, Row][] = [
  ['POST /api/v1/assemblies/:id/open', { method: 'POST', url: async () => `/api/v1/assemblies/${(await calledAssembly(w, { chairPersonId: chair.id })).id}/open`, expect: runs(200) }],
  ['POST /api/v1/assemblies/:id/close', { method: 'POST', url: async () => `/api/v1/assemblies/${(await hall()).id}/close`, expect: runs(200) }],
  ['PUT /api/v1/assemblies/:id/current-item', { method: 'PUT', url: async () => `/api/v1/assemblies/${(await hall()).id}/current-item`, body: () => ({ itemId: current.agenda[2].id }), expect: runs(200) }],
  ['GET /api/v1/assemblies/:id/hall', { method: 'GET', url: async () => `/api/v1/assemblies/${(await hall()).id}/hall`, expect: sees }],
  ['GET /api/v1/assemblies/:id/speakers', { method: 'GET', url: async () => `/api/v1/assemblies/${(await hall()).id}/speakers`, expect: sees }],
  ['POST /api/v1/assemblies/:id/speakers', { method: 'POST', url: async () => `/api/v1/assemblies/${(await hall()).id}/speakers`, body: () => ({}), expect: takesPart(409) }],
  ['POST /api/v1/assemblies/:id/speakers (chair adds)', { method: 'POST', url: async () => `/api/v1/assemblies/${(await hall()).id}/speakers`, body: () => ({ personId: member.id }), expect: runs(200) }],
  [
    'POST /api/v1/assemblies/:id/speakers/withdraw',
    {
      method: 'POST',
      url: async () => {
        const a = await hall();
        for (const p of [member, chair]) await askToSpeak(t.database.db, p.actor, a.id);
        return `/api/v1/assemblies/${a.id}/speakers/withdraw`;
      },
      expect: takesPart(409),
    },
  ],
  ['POST /api/v1/assemblies/:id/speakers/close', { method: 'POST', url: async () => `/api/v1/assemblies/${(await hall()).id}/speakers/close`, expect: runs(200) }],
  ['POST /api/v1/assemblies/:id/speakers/reopen', { method: 'POST', url: async () => `/api/v1/assemblies/${(await hall()).id}/speakers/reopen`, expect: runs(200) }],
  ['POST /api/v1/speakers/:id/floor', { method: 'POST', url: async () => `/api/v1/speakers/${await speakerOf()}/floor`, expect: runs(200) }],
  ['POST /api/v1/speakers/:id/done', { method: 'POST', url: async () => `/api/v1/speakers/${await speakerOf()}/done`, expect: runs(200) }],
  ['POST /api/v1/speakers/:id/remove', { method: 'POST', url: async () => `/api/v1/speakers/${await speakerOf()}/remove`, expect: runs(200) }],
  ['POST /api/v1/speakers/:id/move', { method: 'POST', url: async () => `/api/v1/speakers/${await speakerOf()}/move`, body: () => ({ position: 1 }), expect: runs(200) }],
];

const changed = async () => JSON.stringify((await t.database.executeSql("select (select count(*) from audit_events where action <> 'view')::int as a")).rows[0]);

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database, { members: 3 });
  member = w.members[0];
  chair = w.members[2];
  const personal = async (personId: string) => {
    const r = await createPersonalToken(t.database.db, system, { personId, name: 'matrix' });
    if (!r.ok) throw new Error('token');
    return { authorization: `Bearer ${r.token.value}` };
  };
  headers.anonymous = {};
  headers.member = await personal(member.id);
  headers.memberElsewhere = await personal(w.southMember.id);
  headers.staffNorth = await personal(w.staffNorth.id);
  headers.staffSouth = await personal(w.staffSouth.id);
  headers.board = await personal(w.boardNorth.id);
  headers.admin = await bearer(t.database, 'admin');
  headers.chair = await personal(chair.id);
}, 60_000);
afterAll(() => t?.close());

describe('the hall API’s permission matrix', () => {
  for (const [name, row] of ROWS) {
    it(name, async () => {
      const wrong: string[] = [];
      for (const who of CALLERS) {
        const url = await row.url();
        const before = await changed();
        const res = await t.app.inject({ method: row.method, url, headers: headers[who], payload: row.body?.() });
        if (res.statusCode !== row.expect[who]) wrong.push(`${who}: expected ${row.expect[who]}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (res.statusCode >= 400 && (await changed()) !== before) wrong.push(`${who}: refused but something was written`);
        if (res.statusCode >= 400 && !String(res.headers['content-type']).includes('application/problem+json')) wrong.push(`${who}: not problem+json`);
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe('the hall API', () => {
  it('names the rule that refused, in the reader’s language', async () => {
    const a = await hall();
    await t.app.inject({ method: 'POST', url: `/api/v1/assemblies/${a.id}/speakers/close`, headers: headers.chair });
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/assemblies/${a.id}/speakers`, headers: { ...headers.member, 'accept-language': 'en' }, payload: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'speaker.list_closed', title: expect.stringContaining('list for this item is closed') });
    const item = await t.app.inject({ method: 'PUT', url: `/api/v1/assemblies/${a.id}/current-item`, headers: headers.chair, payload: { itemId: '00000000-0000-4000-8000-000000000000' } });
    expect(item.statusCode).toBe(422);
    expect(item.json().errors).toEqual([expect.objectContaining({ path: 'itemId', code: 'hall.item_unknown' })]);
  });

  it('gives the hall as the live stream does: counts and region keys', async () => {
    const a = await hall();
    await askToSpeak(t.database.db, member.actor, a.id);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/assemblies/${a.id}/hall`, headers: headers.member });
    const body = res.json();
    expect(body).toMatchObject({ assemblyId: a.id, status: 'in_session', currentItem: { id: a.agenda[1].id, position: 2 }, present: 2, counts: { present: 2 } });
    expect(body.speakers.list).toEqual([expect.objectContaining({ status: 'waiting', position: 1 })]);
    expect(Object.keys(body.keys).sort()).toEqual(['polls', 'session', 'speakers']);
  });
});
