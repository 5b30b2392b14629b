import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, testApp, type TestApp } from '../../test/app.js';
import { checkRow, everyone, expectEveryRouteListed, type Expectations, type PageRow, type SessionCookies } from '../../test/page-matrix.js';
import { day, grantCounts, grantWorld, poolOf, type GrantWorld } from './grants.fixture.js';
import { applicationIn } from './pages.fixture.js';
import type { PoolView } from './pools.js';

/**
 * Every pool page route with every kind of caller: nobody, a member of the unit, a member elsewhere,
 * a steward of the unit, staff of the unit and of another, the board of the unit and of another, an
 * admin. The pool is the north's. Its reviewers (the north's staff and board, admins) see it; staff
 * manage it; everyone else is told it does not exist; nobody logged in is sent to log in. A refused
 * caller writes nothing; one who may act writes.
 */

const CALLERS = ['anonymous', 'member', 'memberElsewhere', 'steward', 'staff', 'staffElsewhere', 'board', 'boardElsewhere', 'admin'] as const;
type Who = (typeof CALLERS)[number];

let t: TestApp;
let w: GrantWorld;
let pool: PoolView;
const cookies = {} as SessionCookies<Who>;

const person = (who: Exclude<Who, 'anonymous'>) => (who === 'member' ? w.otherMember : w[who]);
const fingerprint = async () => JSON.stringify(await grantCounts(t.database));

/** On the north's pool: its staff and admins get `manage`, its board `review`; the rest do not see it. */
const onPool = (x: { manage: number; review: number }): Expectations<Who> => ({
  anonymous: 'login',
  member: 404,
  memberElsewhere: 404,
  steward: 404,
  staff: x.manage,
  staffElsewhere: 404,
  board: x.review,
  boardElsewhere: 404,
  admin: x.manage,
});

/** Opening a pool is staff's (of some unit; the pool's unit must be theirs) and admins'. */
const creating = (ok: number, elsewhere: number): Expectations<Who> => ({
  anonymous: 'login',
  member: 403,
  memberElsewhere: 403,
  steward: 403,
  staff: ok,
  staffElsewhere: elsewhere,
  board: 403,
  boardElsewhere: 403,
  admin: ok,
});

let n = 0;
/** The pool form's fields; the name differs each time, so every successful call changes the pool. */
const poolForm = (extra: () => Record<string, string> = () => ({})) => () => ({
  name: `Puljen ${++n}`,
  periodStart: day(-100),
  periodEnd: day(300),
  currency: 'DKK',
  budget: '100000',
  maxPerApplication: '10000',
  purposes: 'talk',
  applicantKinds: 'members',
  reportDays: '30',
  budgetReason: '',
  ...extra(),
});

const ROWS = (): PageRow<Who>[] => [
  { method: 'GET', route: '/grants', url: async () => '/grants', expect: { ...everyone(CALLERS, 200), anonymous: 'login' } },
  // Staff of the south get the form too, with their own units to choose from.
  { method: 'GET', route: '/grants/pools/new', url: async () => '/grants/pools/new', expect: creating(200, 200) },
  // A pool of the north: staff of the south may open pools, but not in the north.
  { method: 'POST', route: '/grants/pools/new', url: async () => '/grants/pools/new', body: poolForm(() => ({ unitId: w.org.north })), expect: creating(303, 403), changes: true },
  { method: 'GET', route: '/grants/pools/:id', url: async () => `/grants/pools/${pool.id}`, expect: onPool({ manage: 200, review: 200 }) },
  { method: 'GET', route: '/grants/pools/:id', url: async () => '/grants/pools/00000000-0000-4000-8000-000000000000', expect: { ...everyone(CALLERS, 404), anonymous: 'login' } },
  { method: 'GET', route: '/grants/pools/:id/edit', url: async () => `/grants/pools/${pool.id}/edit`, expect: onPool({ manage: 200, review: 403 }) },
  { method: 'POST', route: '/grants/pools/:id/edit', url: async () => `/grants/pools/${pool.id}/edit`, body: poolForm(() => ({ budget: String(100_000 + ++n) })), expect: onPool({ manage: 303, review: 403 }), changes: true },
  { method: 'GET', route: '/grants/pools/:id/export.csv', url: async () => `/grants/pools/${pool.id}/export.csv`, expect: onPool({ manage: 200, review: 200 }) },
];

/** The pool pages' routes; the application pages and the public page are walked by application-page-permissions.test.ts. */
const MINE = (p: string) => p === '/grants' || (p.startsWith('/grants/pools') && p !== '/grants/pools/:id/apply');

beforeAll(async () => {
  t = await testApp();
  w = await grantWorld(t.database);
  pool = await poolOf(w, w.staff, { name: 'Matrixpuljen', opensOn: day(-10), closesOn: day(60) });
  // Something in every list: a submitted application, a grant paid out whose report is overdue.
  await applicationIn(w, pool, 'submitted');
  await applicationIn(w, pool, 'paid_out', { activityDate: day(-20) });
  for (const who of CALLERS) if (who !== 'anonymous') cookies[who] = (await loginAs(t.database, person(who).id)).cookie;
}, 90_000);
afterAll(() => t?.close());

describe('the pool pages’ permission matrix', () => {
  it('lists every pool page route', () => {
    expectEveryRouteListed(t.app, ROWS(), MINE);
  });

  for (const [i, row] of ROWS().entries()) {
    it(`${row.method} ${row.route} (${i + 1})`, async () => {
      expect(await checkRow({ app: t.app, callers: CALLERS, cookies, fingerprint }, ROWS()[i])).toEqual([]);
    }, 60_000);
  }

  it('answers the CSV to nobody but the pool’s reviewers, and the pool page shows nothing of it to others', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/grants/pools/${pool.id}/export.csv`, headers: { cookie: cookies.boardElsewhere } });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Matrixpuljen');
    expect(res.headers['content-type']).not.toMatch(/text\/csv/);
  });
});
