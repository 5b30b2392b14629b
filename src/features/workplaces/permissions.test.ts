import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createPerson, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { memberships, membershipTypes } from '../members/tables.js';
import { roleAssignments, employments, workplaces } from '../../kernel/tables.js';
import { dateInDays } from '../../test/time.js';
import { everyone, apiOnly, listedRoutes, registeredRoutes, setUpCallers, walk, type Callers, type Expectations, type Row, type Walk } from './permission-matrix.fixture.js';

/**
 * Every workplace route with every kind of caller. The steward holds office at Bakkehuset (north);
 * Kildehuset is another north workplace whose colleague's name only staff of the north, the board
 * and admins may ever see.
 */

interface Fixtures {
  org: Org;
  bakkehuset: string;
  kildehuset: string;
  memberEmployee: string;
  office: string;
  employment: string;
}

const SECRET = 'Fortrolig-Kildehus-4711';
const MAY_KNOW = ['staffNorth', 'board', 'admin', 'tokenStaff', 'tokenAdmin'] as const;

let t: TestApp;
let callers: Callers;
let f: Fixtures;
let n = 0;

/** Who may see a north workplace, who may change it. */
const viewNorth = (ok: number | { status: number; location: string }): Expectations => ({ anonymous: 'login', member: 404, steward: ok, staffNorth: ok, staffSouth: 404, board: ok, admin: ok });
const manageNorth = (ok: number | { status: number; location: string }): Expectations => ({ anonymous: 'login', member: 404, steward: 403, staffNorth: ok, staffSouth: 404, board: 403, admin: ok });
/** A date some years ahead and a later day each call, so a second caller who may pass is not refused as a repeat. */
const nextDate = (yearsAhead: number) => dateInDays(Math.round(yearsAhead * 365.25) + (n++ % 28));
/** When the member's job and steward office began: long enough ago that both are current. */
const longAgo = dateInDays(-2000);

const PAGES: Row<Fixtures>[] = [
  { method: 'GET', route: '/workplaces', expect: { ...everyone(200), anonymous: 'login', member: 403 } },
  { method: 'GET', route: '/workplaces/new', expect: { ...everyone(403), anonymous: 'login', staffNorth: 200, staffSouth: 200, admin: 200 } },
  { method: 'GET', route: '/workplaces/:id', url: (x) => `/workplaces/${x.bakkehuset}`, expect: viewNorth(200) },
  { method: 'GET', route: '/workplaces/:id/edit', url: (x) => `/workplaces/${x.bakkehuset}/edit`, expect: manageNorth(200) },
  { method: 'GET', route: '/workplaces/:id/offices/new', url: (x) => `/workplaces/${x.bakkehuset}/offices/new`, expect: manageNorth(200) },
  { method: 'GET', route: '/workplaces/:id/offices/:assignmentId/end', url: (x) => `/workplaces/${x.bakkehuset}/offices/${x.office}/end`, expect: manageNorth(200) },
  { method: 'GET', route: '/workplaces/:id/employments/new', url: (x) => `/workplaces/${x.bakkehuset}/employments/new`, expect: manageNorth(200) },
  { method: 'GET', route: '/workplaces/:id/employments/:employmentId/end', url: (x) => `/workplaces/${x.bakkehuset}/employments/${x.employment}/end`, expect: manageNorth(200) },
];

const FORMS: Row<Fixtures>[] = [
  {
    method: 'POST',
    route: '/workplaces',
    body: (x) => ({ name: `Matrixhuset ${n++}`, employerKind: 'municipality', unitId: x.org.north }),
    // Staff of the south pass the guard but may not put a workplace in the north: 422, nothing written.
    expect: { ...everyone(403), anonymous: 'login', staffNorth: 303, staffSouth: 422, admin: 303 },
    changes: true,
  },
  {
    method: 'POST',
    route: '/workplaces/:id',
    url: (x) => `/workplaces/${x.bakkehuset}`,
    body: (x) => ({ name: `Bakkehuset ${n++}`, employerKind: 'municipality', employerName: 'Testkommune', unitId: x.org.north }),
    expect: manageNorth({ status: 303, location: '' }),
    changes: true,
  },
  {
    method: 'POST',
    route: '/workplaces/:id/offices',
    url: (x) => `/workplaces/${x.bakkehuset}/offices`,
    body: (x) => {
      const from = nextDate(4 + (n % 40));
      return { personId: x.memberEmployee, role: 'safety_rep', startsOn: from, endsOn: from };
    },
    expect: manageNorth({ status: 303, location: '' }),
    changes: true,
  },
  {
    method: 'POST',
    route: '/workplaces/:id/offices/:assignmentId/end',
    url: (x) => `/workplaces/${x.bakkehuset}/offices/${x.office}/end`,
    body: () => ({ endsOn: nextDate(64) }),
    expect: manageNorth({ status: 303, location: '' }),
    changes: true,
  },
  {
    method: 'POST',
    route: '/workplaces/:id/employments',
    url: (x) => `/workplaces/${x.bakkehuset}/employments`,
    body: () => ({ firstName: 'Ny', lastName: `Kollega ${n++}`, jobTitle: 'Vikar' }),
    expect: manageNorth({ status: 303, location: '' }),
    changes: true,
  },
  {
    method: 'POST',
    route: '/workplaces/:id/employments/:employmentId/end',
    url: (x) => `/workplaces/${x.bakkehuset}/employments/${x.employment}/end`,
    body: () => ({ endsOn: nextDate(64) }),
    expect: manageNorth({ status: 303, location: '' }),
    changes: true,
  },
];

const API: Row<Fixtures>[] = [
  { method: 'GET', route: '/api/v1/workplaces', expect: apiOnly({ tokenStaff: 200, tokenAdmin: 200 }) },
  { method: 'GET', route: '/api/v1/workplaces/:id', url: (x) => `/api/v1/workplaces/${x.kildehuset}`, expect: apiOnly({ tokenStaff: 200, tokenAdmin: 200 }) },
];

const ROWS = [...PAGES, ...FORMS, ...API];

beforeAll(async () => {
  t = await testApp();
  const org = await seedUnits(t.database);
  const db = t.database.db;
  const [bakkehuset, kildehuset] = await db
    .insert(workplaces)
    .values([
      { name: 'Bakkehuset', unitId: org.north, employerKind: 'municipality', employerName: 'Testkommune' },
      { name: 'Kildehuset', unitId: org.north, employerKind: 'municipality' },
    ])
    .returning();
  const [type] = await db.insert(membershipTypes).values({ code: 'matrix', name: 'Matrix' }).returning();
  const member = await createPerson(t.database, [], { firstName: 'Mette', lastName: 'Medlem' });
  await db.insert(memberships).values({ personId: member.id, typeId: type.id, unitId: org.north, status: 'active' });
  const colleague = await createPerson(t.database, [], { firstName: 'Karl', lastName: SECRET });
  const [job] = await db
    .insert(employments)
    .values([
      { personId: member.id, workplaceId: bakkehuset.id, jobTitle: 'Pædagog', startsOn: longAgo },
      { personId: colleague.id, workplaceId: kildehuset.id, jobTitle: 'Pædagog' },
    ])
    .returning();
  const [office] = await db.insert(roleAssignments).values({ personId: member.id, role: 'steward', workplaceId: bakkehuset.id, startsOn: longAgo }).returning();
  f = { org, bakkehuset: bakkehuset.id, kildehuset: kildehuset.id, memberEmployee: member.id, office: office.id, employment: job.id };
  callers = await setUpCallers(t, org, bakkehuset.id);
});
afterAll(() => t.close());

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(`
    select json_build_object(
      'workplaces', (select coalesce(json_agg(json_build_array(id, name, unit_id, p_number, updated_at) order by id), '[]') from workplaces),
      'employments', (select coalesce(json_agg(json_build_array(id, person_id, ends_on) order by id), '[]') from employments),
      'offices', (select coalesce(json_agg(json_build_array(id, person_id, role, starts_on, ends_on) order by id), '[]') from role_assignments where workplace_id is not null),
      'persons', (select count(*) from persons),
      'audit', (select count(*) from audit_events where action <> 'view')
    )::text as f`);
  return String(r.rows[0].f);
}

const w = (): Walk<Fixtures> => ({ app: t.app, callers, fixtures: f, fingerprint, secrets: [SECRET], mayKnowSecrets: MAY_KNOW });

/** Redirect targets that depend on the fixtures are filled in once they exist. */
function withLocations(row: Row<Fixtures>): Row<Fixtures> {
  const expect = Object.fromEntries(
    Object.entries(row.expect).map(([who, e]) => [who, typeof e === 'object' && e.location === '' ? { ...e, location: `/workplaces/${f.bakkehuset}` } : e]),
  ) as Expectations;
  return { ...row, expect };
}

describe('the workplace permission matrix', () => {
  it('lists every route under /workplaces and /api/v1/workplaces, and only those', () => {
    const registered = registeredRoutes(t.app, ['/workplaces', '/api/v1/workplaces']);
    const listed = listedRoutes(ROWS);
    expect(registered.filter((r) => !listed.includes(r))).toEqual([]);
    expect(listed.filter((l) => !registered.includes(l))).toEqual([]);
    expect(registered.length).toBe(ROWS.length);
    for (const r of ROWS) expect(t.app.hasRoute({ method: r.method, url: r.route }), `${r.method} ${r.route}`).toBe(true);
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      expect(await walk(w(), withLocations(row))).toEqual([]);
    });
  }
});

describe('what the matrix cannot see', () => {
  it('the steward sees their workplace’s members and non-members; another workplace is 404 without its people', async () => {
    const own = await t.app.inject({ method: 'GET', url: `/workplaces/${f.bakkehuset}`, headers: { cookie: callers.cookies.steward, accept: 'text/html' } });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Mette Medlem');
    const other = await t.app.inject({ method: 'GET', url: `/workplaces/${f.kildehuset}`, headers: { cookie: callers.cookies.steward, accept: 'text/html' } });
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain(SECRET);
    const list = await t.app.inject({ method: 'GET', url: '/workplaces', headers: { cookie: callers.cookies.steward, accept: 'text/html' } });
    expect(list.body).toContain('Bakkehuset');
    expect(list.body).not.toContain('Kildehuset');
  });

  it('staff of the north see Kildehuset’s colleague; staff of the south get 404 and no name', async () => {
    const north = await t.app.inject({ method: 'GET', url: `/workplaces/${f.kildehuset}`, headers: { cookie: callers.cookies.staffNorth, accept: 'text/html' } });
    expect(north.body).toContain(SECRET);
    const south = await t.app.inject({ method: 'GET', url: `/workplaces/${f.kildehuset}`, headers: { cookie: callers.cookies.staffSouth, accept: 'text/html' } });
    expect(south.statusCode).toBe(404);
    expect(south.body).not.toContain(SECRET);
    const southList = await t.app.inject({ method: 'GET', url: '/workplaces', headers: { cookie: callers.cookies.staffSouth, accept: 'text/html' } });
    expect(southList.body).not.toContain('Kildehuset');
  });

  it('tokens are scoped like their role and unit: a south staff token finds no north workplace', async () => {
    const south = await bearer(t.database, 'staff', f.org.south);
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/workplaces/${f.kildehuset}`, headers: south });
    expect(one.statusCode).toBe(404);
    expect(one.body).not.toContain(SECRET);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/workplaces', headers: south });
    expect(list.json()).toMatchObject({ items: [], total: 0 });
    const member = await bearer(t.database, 'member', f.org.north);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/workplaces', headers: member })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/workplaces/${f.kildehuset}`, headers: member })).statusCode).toBe(404);
  });

  it('an unknown or malformed id is 404, the same as one out of reach', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const res = await t.app.inject({ method: 'GET', url: `/workplaces/${id}`, headers: { cookie: callers.cookies.admin, accept: 'text/html' } });
      expect(res.statusCode, id).toBe(404);
    }
  });
});
