import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createPerson, createWorkplace, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { staffProfiles } from './tables.js';
import { everyone, listedRoutes, registeredRoutes, setUpCallers, walk, PERSONS, TOKENS, type Callers, type Expectations, type Row, type Walk } from '../workplaces/permission-matrix.fixture.js';

/**
 * Every staff-directory route with every kind of caller. Hanne's entry is hidden: its direct
 * phone number is what only she and admins may ever see.
 */

interface Fixtures {
  org: Org;
  published: string;
  hidden: string;
}

const SECRET = '+45 99 47 11 00';
let t: TestApp;
let callers: Callers;
let f: Fixtures;
let n = 0;

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

const staffOnly = (north: number | { status: number; location: string }, south: number | { status: number; location: string }): Expectations => ({
  ...everyone(403),
  anonymous: 'login',
  staffNorth: north,
  staffSouth: south,
});
const adminOnly = (ok: number | { status: number; location: string }): Expectations => ({ ...everyone(403), anonymous: 'login', admin: ok });

const ROWS: Row<Fixtures>[] = [
  { method: 'GET', route: '/directory', expect: everyone(200) },
  { method: 'GET', route: '/directory/:personId/photo', url: (x) => `/directory/${x.published}/photo`, expect: everyone(200) },
  { method: 'GET', route: '/directory/me', expect: staffOnly(200, 200) },
  {
    method: 'POST',
    route: '/directory/me',
    // One body for every caller: staff of the south may not list themselves under the north office.
    body: (x) => ({ title: `Faglig sekretær ${n++}`, unitId: x.org.north, directPhone: '+45 12 34 56 78', topics: 'løn, ferie', published: 'on' }),
    expect: staffOnly({ status: 303, location: '/directory/me' }, 422),
    changes: true,
  },
  // Sent without a file, so staff pass the guard and are told to choose one.
  { method: 'POST', route: '/directory/me/photo', expect: staffOnly(422, 422) },
  // Staff of the south have no entry yet, so there is no photo to remove.
  { method: 'POST', route: '/directory/me/photo/delete', expect: staffOnly({ status: 303, location: '/directory/me' }, 404), changes: true },
  { method: 'GET', route: '/admin/directory', expect: adminOnly(200) },
  { method: 'GET', route: '/admin/directory/:personId', url: (x) => `/admin/directory/${x.hidden}`, expect: adminOnly(200) },
  {
    method: 'POST',
    route: '/admin/directory/:personId',
    url: (x) => `/admin/directory/${x.hidden}`,
    body: (x) => ({ title: `Pensionsrådgiver ${n++}`, unitId: x.org.national, directPhone: SECRET, topics: 'pension' }),
    expect: adminOnly({ status: 303, location: '' }),
    changes: true,
  },
  { method: 'POST', route: '/admin/directory/:personId/photo', url: (x) => `/admin/directory/${x.hidden}/photo`, expect: adminOnly(422) },
  { method: 'POST', route: '/admin/directory/:personId/photo/delete', url: (x) => `/admin/directory/${x.hidden}/photo/delete`, expect: adminOnly({ status: 303, location: '' }), changes: true },
  { method: 'GET', route: '/api/v1/directory', expect: everyone(200, ['anonymous', ...PERSONS, ...TOKENS]) },
];

beforeAll(async () => {
  t = await testApp();
  const org = await seedUnits(t.database);
  const workplace = await createWorkplace(t.database, org.north);
  callers = await setUpCallers(t, org, workplace.id);
  const published = await createPerson(t.database, [['staff', org.national]], { firstName: 'Henrik', lastName: 'Pension' });
  const hidden = await createPerson(t.database, [['staff', org.national]], { firstName: 'Hanne', lastName: 'Skjult' });
  await t.database.db.insert(staffProfiles).values([
    { personId: published.id, unitId: org.national, title: 'Pensionsrådgiver', topics: ['pension'], photo: PNG, photoMime: 'image/png' },
    { personId: hidden.id, unitId: org.national, title: 'Jurist', topics: ['afskedigelse'], directPhone: SECRET, published: false, photo: PNG, photoMime: 'image/png' },
    { personId: callers.personIds.staffNorth, unitId: org.north, title: 'Faglig sekretær', photo: PNG, photoMime: 'image/png' },
  ]);
  f = { org, published: published.id, hidden: hidden.id };
});
afterAll(() => t.close());

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(`
    select json_build_object(
      'profiles', (select coalesce(json_agg(json_build_array(person_id, title, unit_id, direct_phone, published, md5(photo), updated_at) order by person_id), '[]') from staff_profiles),
      'audit', (select count(*) from audit_events)
    )::text as f`);
  return String(r.rows[0].f);
}

function withLocations(row: Row<Fixtures>): Row<Fixtures> {
  const expect = Object.fromEntries(
    Object.entries(row.expect).map(([who, e]) => [who, typeof e === 'object' && e.location === '' ? { ...e, location: `/admin/directory/${f.hidden}` } : e]),
  ) as Expectations;
  return { ...row, expect };
}

const w = (): Walk<Fixtures> => ({ app: t.app, callers, fixtures: f, fingerprint, secrets: [SECRET], mayKnowSecrets: ['admin'] });

describe('the staff-directory permission matrix', () => {
  it('lists every route under /directory, /api/v1/directory and /admin/directory, and only those', () => {
    const registered = registeredRoutes(t.app, ['/directory', '/api/v1/directory', '/admin/directory']);
    const listed = listedRoutes(ROWS);
    expect(registered.filter((r) => !listed.includes(r))).toEqual([]);
    expect(listed.filter((l) => !registered.includes(l))).toEqual([]);
    expect(registered.length).toBe(ROWS.length);
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      expect(await walk(w(), withLocations(row))).toEqual([]);
    });
  }
});

describe('what the matrix cannot see', () => {
  it('a hidden entry is in no public list, and its photo is 404 for everyone but its owner and admins', async () => {
    // The matrix above removed it; the look is at a hidden entry with a photo.
    await t.database.db.update(staffProfiles).set({ photo: PNG, photoMime: 'image/png' }).where(eq(staffProfiles.personId, f.hidden));
    for (const url of ['/directory', '/directory?q=afskedigelse', '/api/v1/directory?q=skjult']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: callers.cookies.staffNorth } });
      expect(res.body, url).not.toContain('Skjult');
    }
    for (const who of ['member', 'staffNorth', 'board'] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/directory/${f.hidden}/photo`, headers: { cookie: callers.cookies[who] } });
      expect(res.statusCode, who).toBe(404);
    }
    expect((await t.app.inject({ method: 'GET', url: `/directory/${f.hidden}/photo`, headers: { cookie: callers.cookies.admin } })).statusCode).toBe(200);
  });

  it('a person who is not staff cannot be given an entry, even by an admin', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/admin/directory/${callers.personIds.member}`, headers: { cookie: callers.cookies.admin, accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
  });
});
