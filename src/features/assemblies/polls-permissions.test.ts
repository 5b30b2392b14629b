import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { system } from '../../platform/actor.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { testApp, type TestApp } from '../../test/app.js';
import { expectEveryRouteListed } from '../../test/page-matrix.js';
import { assemblyWorld, type AssemblyWorld, type Someone } from './assemblies.fixture.js';
import { closePoll } from './poll-close.js';
import { recordProxy } from './proxies.js';
import { hall, poll, written, type Hall } from './polls.fixture.js';

/**
 * Every route of attendance, proxies, polls and ballots with every kind of caller, each calling with
 * their own personal API token (as a member votes from their phone). Out of sight is 404, in sight
 * but not theirs 403 (a ballot from someone not on the roll names that rule), anonymous 401; a
 * refused call writes nothing.
 */
const CALLERS = ['anonymous', 'memberOnRoll', 'memberElsewhere', 'staffNorth', 'staffSouth', 'board', 'admin', 'chair'] as const;
type Caller = (typeof CALLERS)[number];

let t: TestApp;
let w: AssemblyWorld;
let people: Record<Exclude<Caller, 'anonymous'>, Someone>;
let headers: Record<Caller, Record<string, string>>;
/** The hall most rows use: the member on the roll, the chair and the board member are present. */
let h: Hall;
let sharedPoll: string;

interface Row {
  method: 'GET' | 'POST' | 'DELETE';
  route: string;
  url: () => Promise<string>;
  body?: () => Record<string, unknown>;
  expect: Record<Caller, number>;
}

/** Expected answers: `run` for those who run the assembly, `view` for those who only see it. */
const grid = (run: number, view: number, rest: Partial<Record<Caller, number>> = {}): Record<Caller, number> => ({
  anonymous: 401,
  memberOnRoll: view,
  memberElsewhere: 404,
  staffNorth: run,
  staffSouth: 404,
  board: view,
  admin: run,
  chair: run,
  ...rest,
});
const everyoneWhoSees = (code: number) => grid(code, code);

const freshHall = () => hall(w, { chair: people.chair, present: [people.memberOnRoll, people.chair, people.board], rules: { proxiesAllowed: true, proxiesPerHolder: 3 } });
const spare = () => w.members[3];

const ROWS: Row[] = [
  { method: 'POST', route: '/api/v1/assemblies/:id/attendance', url: async () => `/api/v1/assemblies/${h.id}/attendance`, body: () => ({ memberId: spare().id }), expect: grid(201, 403) },
  {
    method: 'DELETE',
    route: '/api/v1/assemblies/:id/attendance/:memberId',
    url: async () => {
      await w.database.db.execute(sql`insert into assembly_attendance (assembly_id, person_id) values (${h.id}, ${w.members[4].id}) on conflict (assembly_id, person_id) do update set checked_out_at = null`);
      return `/api/v1/assemblies/${h.id}/attendance/${w.members[4].id}`;
    },
    expect: grid(200, 403),
  },
  { method: 'GET', route: '/api/v1/assemblies/:id/quorum', url: async () => `/api/v1/assemblies/${h.id}/quorum`, expect: everyoneWhoSees(200) },
  {
    method: 'POST',
    route: '/api/v1/assemblies/:id/proxies',
    url: async () => `/api/v1/assemblies/${(await freshHall()).id}/proxies`,
    body: () => ({ holderId: people.memberOnRoll.id, giverId: spare().id }),
    // Staff record proxies; the chair runs the hall but does not.
    expect: grid(201, 403, { chair: 403 }),
  },
  { method: 'GET', route: '/api/v1/assemblies/:id/proxies', url: async () => `/api/v1/assemblies/${h.id}/proxies`, expect: grid(200, 403, { board: 200, chair: 403 }) },
  {
    method: 'DELETE',
    route: '/api/v1/assemblies/:id/proxies/:giverId',
    url: async () => {
      const fresh = await freshHall();
      const r = await recordProxy(w.database.db, w.staffNorth.actor, fresh.id, { holderId: people.memberOnRoll.id, giverId: spare().id });
      if (!r.ok) throw new Error(JSON.stringify(r));
      return `/api/v1/assemblies/${fresh.id}/proxies/${spare().id}`;
    },
    expect: grid(200, 403, { chair: 403 }),
  },
  {
    method: 'POST',
    route: '/api/v1/assemblies/:id/polls',
    url: async () => `/api/v1/assemblies/${h.id}/polls`,
    body: () => ({ itemId: h.agenda.find((i) => i.kind === 'motions')!.id, title: 'Forslag', method: 'yes_no_abstain', secret: true }),
    expect: grid(201, 403),
  },
  { method: 'GET', route: '/api/v1/assemblies/:id/polls', url: async () => `/api/v1/assemblies/${h.id}/polls`, expect: everyoneWhoSees(200) },
  { method: 'GET', route: '/api/v1/polls/:id', url: async () => `/api/v1/polls/${sharedPoll}`, expect: everyoneWhoSees(200) },
  { method: 'POST', route: '/api/v1/polls/:id/open', url: async () => `/api/v1/polls/${await poll(w, h, {}, { open: false })}/open`, expect: grid(200, 403) },
  { method: 'POST', route: '/api/v1/polls/:id/close', url: async () => `/api/v1/polls/${await poll(w, h)}/close`, expect: grid(200, 403) },
  {
    method: 'POST',
    route: '/api/v1/polls/:id/publish',
    url: async () => {
      const id = await poll(w, h);
      await closePoll(w.database.db, h.chair.actor, id);
      return `/api/v1/polls/${id}/publish`;
    },
    expect: grid(200, 403),
  },
  { method: 'POST', route: '/api/v1/polls/:id/secret', url: async () => `/api/v1/polls/${await poll(w, h, { secret: false }, { open: false })}/secret`, expect: grid(200, 403) },
  {
    method: 'POST',
    route: '/api/v1/polls/:id/written-ballot-request',
    url: async () => `/api/v1/polls/${await poll(w, h, { secret: false }, { open: false })}/written-ballot-request`,
    // Members present ask (the chair and the board member are members of the roll here); staff are not on it.
    expect: grid(403, 200, { chair: 200 }),
  },
  { method: 'POST', route: '/api/v1/polls/:id/paper-counts', url: async () => `/api/v1/polls/${await poll(w, h)}/paper-counts`, body: () => ({ counts: { yes: 1 } }), expect: grid(200, 403) },
  {
    method: 'POST',
    route: '/api/v1/polls/:id/ballots',
    url: async () => `/api/v1/polls/${await poll(w, h)}/ballots`,
    body: () => ({ choice: 'yes' }),
    // Those on the roll and present vote; staff and admins see the poll but are not on the roll.
    expect: grid(403, 201, { chair: 201 }),
  },
];

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
  people = {
    memberOnRoll: w.members[1],
    memberElsewhere: w.southMember,
    staffNorth: w.staffNorth,
    staffSouth: w.staffSouth,
    board: w.boardNorth,
    admin: w.admin,
    chair: w.members[5],
  };
  const token = async (who: Someone) => {
    const r = await createPersonalToken(t.database.db, system, { personId: who.id, name: 'Telefon' });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return { authorization: `Bearer ${r.token.value}` };
  };
  headers = { anonymous: {} } as Record<Caller, Record<string, string>>;
  for (const [who, p] of Object.entries(people)) headers[who as Caller] = await token(p);
  h = await freshHall();
  sharedPoll = await poll(w, h);
}, 60_000);
afterAll(() => t?.close());

describe('the permission matrix of attendance, proxies, polls and ballots', () => {
  it('lists every route, and only those', () => {
    const mine = (p: string) => p.startsWith('/api/v1/polls/') || /^\/api\/v1\/assemblies\/:id\/(attendance|proxies|polls|quorum)/.test(p);
    expectEveryRouteListed(t.app, ROWS, mine);
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      const wrong: string[] = [];
      for (const who of CALLERS) {
        const url = await row.url();
        const body = row.body?.();
        const before = await written(w);
        const res = await t.app.inject({
          method: row.method,
          url,
          headers: { ...headers[who], ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { payload: JSON.stringify(body) } : {}),
        });
        if (res.statusCode !== row.expect[who]) wrong.push(`${who}: ${res.statusCode} (expected ${row.expect[who]}) ${res.body.slice(0, 200)}`);
        if (res.statusCode >= 400) {
          expect(res.headers['content-type']).toContain('application/problem+json');
          if (row.method !== 'GET' && JSON.stringify(await written(w)) !== JSON.stringify(before)) wrong.push(`${who}: refused but wrote something`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
