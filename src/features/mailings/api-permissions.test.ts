import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, loginAs, testApp, type TestApp } from '../../test/app.js';
import { expectEveryRouteListed } from '../../test/page-matrix.js';
import { insertMailing, mailingWorld, member, pausedMailing, sendingMailing, type MailingWorld } from './mailings.fixture.js';

/**
 * Every API route of mailings with every kind of caller: nobody, a browser session (the API is
 * Bearer-only), and tokens of a member, staff of the mailing's unit (north), staff of another unit,
 * the board and an admin. A refused call changes nothing; an allowed one that writes, writes.
 */

const CALLERS = ['anonymous', 'session', 'member', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
type Who = (typeof CALLERS)[number];
type Expectations = Record<Who, number>;

interface Row {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  route: string;
  url: () => Promise<string>;
  expect: Expectations;
  body?: () => Record<string, unknown>;
  changes?: boolean;
}

let t: TestApp;
let w: MailingWorld;
const headers = {} as Record<Who, Record<string, string>>;
let n = 0;

const base = { anonymous: 401, session: 401, member: 403 } as const;
const list: Expectations = { ...base, staffNorth: 200, staffSouth: 200, board: 200, admin: 200 };
const compose = (ok: number): Expectations => ({ ...base, staffNorth: ok, staffSouth: ok, board: 403, admin: ok });
const view: Expectations = { ...base, member: 404, staffNorth: 200, staffSouth: 404, board: 200, admin: 200 };
const act = (ok: number): Expectations => ({ ...base, member: 404, staffNorth: ok, staffSouth: 404, board: 404, admin: ok });

const draft = () => insertMailing(w, {});
const sending = () => sendingMailing(w);
const paused = () => pausedMailing(w);
const mailingBody = () => ({ segmentId: w.segmentNorth, kind: 'newsletter', topic: w.topics.pay, subject: `Nyt ${++n}`, body: 'Hej {{firstName}}' });

const ROWS: Row[] = [
  { method: 'GET', route: '/api/v1/mailings', url: async () => '/api/v1/mailings', expect: list },
  // South's staff may compose, not to the north's segment: 422 naming it.
  { method: 'POST', route: '/api/v1/mailings', url: async () => '/api/v1/mailings', expect: { ...compose(201), staffSouth: 422 }, changes: true, body: mailingBody },
  { method: 'GET', route: '/api/v1/mailings/:id', url: async () => `/api/v1/mailings/${await draft()}`, expect: view },
  { method: 'PATCH', route: '/api/v1/mailings/:id', url: async () => `/api/v1/mailings/${await draft()}`, expect: act(200), changes: true, body: () => ({ subject: `Ændret ${++n}` }) },
  { method: 'DELETE', route: '/api/v1/mailings/:id', url: async () => `/api/v1/mailings/${await draft()}`, expect: act(204), changes: true },
  { method: 'POST', route: '/api/v1/mailings/:id/send', url: async () => `/api/v1/mailings/${await draft()}/send`, expect: act(202), changes: true, body: () => ({}) },
  { method: 'POST', route: '/api/v1/mailings/:id/pause', url: async () => `/api/v1/mailings/${await sending()}/pause`, expect: act(200), changes: true },
  { method: 'POST', route: '/api/v1/mailings/:id/resume', url: async () => `/api/v1/mailings/${await paused()}/resume`, expect: act(200), changes: true },
  { method: 'POST', route: '/api/v1/mailings/:id/cancel', url: async () => `/api/v1/mailings/${await draft()}/cancel`, expect: act(200), changes: true },
  { method: 'GET', route: '/api/v1/mailings/:id/failures', url: async () => `/api/v1/mailings/${await sending()}/failures`, expect: view },
  { method: 'GET', route: '/api/v1/newsletter-topics', url: async () => '/api/v1/newsletter-topics', expect: list },
  { method: 'POST', route: '/api/v1/newsletter-topics', url: async () => '/api/v1/newsletter-topics', expect: compose(201), changes: true, body: () => ({ name: { da: `Emne ${++n}` } }) },
  { method: 'PATCH', route: '/api/v1/newsletter-topics/:id', url: async () => `/api/v1/newsletter-topics/${w.topics.leaders}`, expect: compose(200), changes: true, body: () => ({ position: ++n }) },
];

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(
    `select (select count(*) from audit_events where action <> 'view')::int as a, (select count(*) from mailings)::int as m,
       (select string_agg(status, ',' order by id) from mailings) as s`,
  );
  return JSON.stringify(r.rows[0]);
}

beforeAll(async () => {
  t = await testApp();
  w = await mailingWorld(t.database);
  await member(w);
  const admin = w.admin as { personId: string };
  headers.anonymous = {};
  headers.session = { cookie: (await loginAs(t.database, admin.personId)).cookie };
  headers.member = await bearer(t.database, 'member', w.org.north);
  headers.staffNorth = await bearer(t.database, 'staff', w.org.north);
  headers.staffSouth = await bearer(t.database, 'staff', w.org.south);
  headers.board = await bearer(t.database, 'board', w.org.north);
  headers.admin = await bearer(t.database, 'admin');
});
afterAll(() => t?.close());

describe('the mailings API’s permission matrix', () => {
  it('lists every API route of the feature, and only those', () => {
    const mine = (p: string) => p.startsWith('/api/v1/mailings') || p.startsWith('/api/v1/newsletter-topics');
    expectEveryRouteListed(t.app, ROWS, mine);
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      const wrong: string[] = [];
      for (const who of CALLERS) {
        const url = await row.url();
        const before = await fingerprint();
        const payload = row.body?.();
        const res = await t.app.inject({ method: row.method, url, headers: { ...headers[who], ...(payload ? { 'content-type': 'application/json' } : {}) }, ...(payload ? { payload } : {}) });
        const after = await fingerprint();
        const expected = row.expect[who];
        if (res.statusCode !== expected) wrong.push(`${who}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (expected >= 400 && after !== before) wrong.push(`${who}: refused but the database changed`);
        if (row.changes && expected < 400 && after === before) wrong.push(`${who}: succeeded but nothing was written`);
        if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      expect(wrong).toEqual([]);
    });
  }
});
