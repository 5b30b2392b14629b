import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, testApp, type TestApp } from '../../test/app.js';
import { checkRow, everyone, expectEveryRouteListed, type Expectations, type PageRow, type SessionCookies } from '../../test/page-matrix.js';
import { attachment, day, draft, grantPagesWorld, granted, paidOut, PDF, PNG, reported, submitted, type GrantPagesWorld } from './application-pages.fixture.js';

/**
 * Every application page route with every kind of caller: nobody, the applicant, the co-applicant,
 * another member of the unit, a member elsewhere, a steward of the unit, staff of the unit and of
 * another, the board of the unit and of another, an admin. Each row makes a fresh application for
 * each caller in the state it needs. A refused caller changes nothing; one who may act changes the
 * database. Out of sight is 404; someone who sees the application but may not take the step gets 403.
 */

const CALLERS = ['anonymous', 'applicant', 'coApplicant', 'otherMember', 'memberElsewhere', 'steward', 'staff', 'staffElsewhere', 'board', 'boardElsewhere', 'admin'] as const;
type Who = (typeof CALLERS)[number];

let t: TestApp;
let w: GrantPagesWorld;
const cookies = {} as SessionCookies<Who>;

const audits = async () => JSON.stringify((await t.database.executeSql("select (select count(*) from audit_events where action <> 'view')::int as a, (select count(*) from grant_attachments)::int as f")).rows[0]);

/**
 * What each caller gets on one application: those who see it (the applicants, the unit's staff and
 * board, admins) get their answer; everyone else is told it does not exist; nobody logged in logs in.
 */
const on = (x: { applicant: number; co: number; staff: number; board: number; admin?: number }): Expectations<Who> => ({
  anonymous: 'login',
  applicant: x.applicant,
  coApplicant: x.co,
  otherMember: 404,
  memberElsewhere: 404,
  steward: 404,
  staff: x.staff,
  staffElsewhere: 404,
  board: x.board,
  boardElsewhere: 404,
  admin: x.admin ?? x.staff,
});

/** Applying: members of the north and its steward may; people who are not members there are told they may not. */
const apply = (ok: number): Expectations<Who> => ({
  anonymous: 'login',
  applicant: ok,
  coApplicant: ok,
  otherMember: ok,
  memberElsewhere: 403,
  steward: ok,
  staff: 403,
  staffElsewhere: 403,
  board: ok,
  boardElsewhere: 403,
  admin: 403,
});

let n = 0;
const form = () => ({
  purpose: 'talk',
  title: `Foredrag ${++n}`,
  activityDate: day(20),
  'costLines.0.description': 'Foredragsholder',
  'costLines.0.amount': '2500',
  requested: '2000',
  [`answers.${w.pool.questions[0].id}`]: 'Opslag.',
  intent: 'draft',
});

const app = (s: string) => `/grants/applications/${s}`;

const ROWS = (): PageRow<Who>[] => [
  { method: 'GET', route: '/grants/pools/:id/apply', url: async () => `/grants/pools/${w.pool.id}/apply`, expect: apply(200) },
  { method: 'GET', route: '/grants/pools/:id/apply', url: async () => `/grants/pools/${w.closedPool.id}/apply`, expect: apply(409) },
  { method: 'POST', route: '/grants/pools/:id/apply', url: async () => `/grants/pools/${w.pool.id}/apply`, body: form, expect: apply(303), changes: true },
  { method: 'GET', route: '/grants/applications/:id', url: async () => app(await submitted(w)), expect: on({ applicant: 200, co: 200, staff: 200, board: 200 }) },
  { method: 'GET', route: '/grants/applications/:id', url: async () => app(await reported(w)), expect: on({ applicant: 200, co: 200, staff: 200, board: 200 }) },
  // Only the applicant changes the draft; the others who see it are told it is not theirs.
  { method: 'GET', route: '/grants/applications/:id/edit', url: async () => `${app(await draft(w))}/edit`, expect: on({ applicant: 200, co: 403, staff: 403, board: 403 }) },
  // A sent application is no longer the applicant's to change: its page says why.
  { method: 'GET', route: '/grants/applications/:id/edit', url: async () => `${app(await submitted(w))}/edit`, expect: on({ applicant: 409, co: 403, staff: 403, board: 403 }) },
  { method: 'POST', route: '/grants/applications/:id/edit', url: async () => `${app(await draft(w))}/edit`, body: form, expect: on({ applicant: 303, co: 403, staff: 403, board: 403 }), changes: true },
  // Staff of the unit may send an application handed in on paper; the board may not.
  { method: 'POST', route: '/grants/applications/:id/submit', url: async () => `${app(await draft(w))}/submit`, expect: on({ applicant: 303, co: 403, staff: 303, board: 403 }), changes: true },
  { method: 'POST', route: '/grants/applications/:id/withdraw', url: async () => `${app(await submitted(w))}/withdraw`, expect: on({ applicant: 303, co: 403, staff: 403, board: 403 }), changes: true },
  { method: 'POST', route: '/grants/applications/:id/reviews', url: async () => `${app(await submitted(w))}/reviews`, body: () => ({ body: 'Fint initiativ.' }), expect: on({ applicant: 403, co: 403, staff: 303, board: 303 }), changes: true },
  {
    method: 'POST',
    route: '/grants/applications/:id/decision',
    url: async () => `${app(await submitted(w))}/decision`,
    body: () => ({ outcome: 'granted', amount: '2000', reason: 'Et godt initiativ.' }),
    expect: on({ applicant: 403, co: 403, staff: 303, board: 303 }),
    changes: true,
  },
  // Paying out is the bookkeeping of the unit's staff, not the board's.
  { method: 'POST', route: '/grants/applications/:id/payout', url: async () => `${app(await granted(w))}/payout`, body: () => ({ paidOn: day(0), reference: 'BILAG-1' }), expect: on({ applicant: 403, co: 403, staff: 303, board: 403 }), changes: true },
  { method: 'POST', route: '/grants/applications/:id/close', url: async () => `${app(await reported(w))}/close`, expect: on({ applicant: 403, co: 403, staff: 303, board: 303 }), changes: true },
  { method: 'POST', route: '/grants/applications/:id/event', url: async () => `${app(await granted(w))}/event`, expect: on({ applicant: 403, co: 403, staff: 303, board: 403 }), changes: true },
  // The report: the applicants (and staff, for one handed in on paper) after the payout.
  { method: 'GET', route: '/grants/applications/:id/report', url: async () => `${app(await paidOut(w))}/report`, expect: on({ applicant: 200, co: 200, staff: 200, board: 403 }) },
  { method: 'GET', route: '/grants/applications/:id/report', url: async () => `${app(await granted(w))}/report`, expect: on({ applicant: 409, co: 409, staff: 409, board: 403 }) },
  {
    method: 'POST',
    route: '/grants/applications/:id/report',
    url: async () => `${app(await paidOut(w))}/report`,
    body: () => ({ summary: 'Det gik godt.', participants: '20', 'actualCosts.0.description': 'Foredragsholder', 'actualCosts.0.amount': '2500' }),
    expect: on({ applicant: 303, co: 303, staff: 303, board: 403 }),
    changes: true,
  },
  // A draft's files are its applicant's; a report's photos its applicants' (and staff's).
  {
    method: 'POST',
    route: '/grants/applications/:id/attachments',
    url: async () => `${app(await draft(w))}/attachments`,
    body: () => ({ kind: 'application' }),
    file: { field: 'file', name: 'program.pdf', type: 'application/pdf', bytes: PDF },
    expect: on({ applicant: 303, co: 403, staff: 403, board: 403 }),
    changes: true,
  },
  {
    method: 'POST',
    route: '/grants/applications/:id/attachments',
    url: async () => `${app(await paidOut(w))}/attachments`,
    body: () => ({ kind: 'report' }),
    file: { field: 'file', name: 'billede.png', type: 'image/png', bytes: PNG },
    expect: on({ applicant: 303, co: 303, staff: 303, board: 403 }),
    changes: true,
  },
  { method: 'GET', route: '/grants/attachments/:id', url: async () => `/grants/attachments/${await attachment(w, await draft(w))}`, expect: on({ applicant: 200, co: 200, staff: 200, board: 200 }) },
  { method: 'POST', route: '/grants/attachments/:id/delete', url: async () => `/grants/attachments/${await attachment(w, await draft(w))}/delete`, expect: on({ applicant: 303, co: 403, staff: 403, board: 403 }), changes: true },
  { method: 'GET', route: '/grants/public/:id', url: async () => `/grants/public/${w.pool.id}`, expect: everyone(CALLERS, 200) },
  // A pool that is not public is its reviewers' only; visitors are told it does not exist (no log-in).
  {
    method: 'GET',
    route: '/grants/public/:id',
    url: async () => `/grants/public/${w.hiddenPool.id}`,
    expect: { ...everyone(CALLERS, 404), staff: 200, board: 200, admin: 200 },
  },
];

const MINE = (p: string) => p.startsWith('/grants/applications') || p.startsWith('/grants/attachments') || p.startsWith('/grants/public') || p === '/grants/pools/:id/apply';

beforeAll(async () => {
  t = await testApp();
  w = await grantPagesWorld(t.database);
  for (const who of CALLERS) if (who !== 'anonymous') cookies[who] = (await loginAs(t.database, w[who].id)).cookie;
}, 180_000);
afterAll(() => t?.close());

describe('the application pages’ permission matrix', () => {
  it('lists every application page route', () => {
    expectEveryRouteListed(t.app, ROWS(), MINE);
  });

  for (const [i, row] of ROWS().entries()) {
    it(`${row.method} ${row.route} (${i + 1})`, async () => {
      const rows = ROWS();
      expect(await checkRow({ app: t.app, callers: CALLERS, cookies, fingerprint: audits }, rows[i])).toEqual([]);
    }, 60_000);
  }
});
