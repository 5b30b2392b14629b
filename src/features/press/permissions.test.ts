import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { checkRow, expectEveryRouteListed, type SessionCookies } from '../../test/page-matrix.js';
import { all, callerCookies, CALLERS, staffOnly, type Caller, type Expectations, type Row } from '../magazine/permissions.fixture.js';
import { JPEG, publishingWorld, releaseFields, type PublishingWorld } from './press.fixture.js';
import { createRelease, publishRelease } from './releases.js';

/**
 * Every route of the press room with every kind of caller. Reading is the same for everyone (the
 * press room is public); a release not out yet is not found for all but staff; writing is staff's.
 */

let t: TestApp;
let w: PublishingWorld;
let cookies: SessionCookies<Caller>;
let out = '';
let embargoed = '';
let n = 0;

async function fresh(opts: { publish?: boolean; embargo?: boolean } = {}): Promise<string> {
  const created = await createRelease(
    t.database.db,
    w.staff.actor,
    releaseFields(w, { photoCredit: 'Jens Holm', photoAlt: 'Et foto', ...(opts.embargo ? { embargoUntil: new Date(Date.now() + 86_400_000).toISOString() } : {}) }),
    { fileName: 'foto.jpg', bytes: JPEG },
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  if (opts.publish !== false) await publishRelease(t.database.db, w.staff.actor, created.release.id);
  return created.release.slug;
}

const form = () => ({ title: `Meddelelse ${++n}`, summary: 'Kort', content: 'Tekst', contactPersonId: w.staff.id, photoCredit: 'Jens Holm', photoAlt: 'Et foto' });
/** Not out yet: staff see it, everyone else is told it does not exist (never asked to log in). */
const hidden: Expectations = { ...all(404), staff: 200, admin: 200 };

const ROWS: Row[] = [
  { method: 'GET', route: '/press', url: async () => '/press', expect: all(200) },
  { method: 'GET', route: '/press/feed.atom', url: async () => '/press/feed.atom', expect: all(200) },
  { method: 'GET', route: '/press/feed.rss', url: async () => '/press/feed.rss', expect: all(200) },
  { method: 'GET', route: '/api/v1/press-releases', url: async () => '/api/v1/press-releases', expect: all(200) },
  { method: 'GET', route: '/press/new', url: async () => '/press/new', expect: staffOnly(200) },
  { method: 'POST', route: '/press', url: async () => '/press', expect: staffOnly(303), changes: true, body: form, file: { field: 'photo', name: 'foto.jpg', type: 'image/jpeg', bytes: JPEG } },
  { method: 'GET', route: '/press/:slug', url: async () => `/press/${out}`, expect: all(200) },
  { method: 'GET', route: '/press/:slug/photo', url: async () => `/press/${out}/photo`, expect: all(200) },
  { method: 'GET', route: '/press/:slug/edit', url: async () => `/press/${out}/edit`, expect: staffOnly(200) },
  { method: 'POST', route: '/press/:slug/edit', url: async () => `/press/${await fresh()}/edit`, expect: staffOnly(303), changes: true, body: form },
  { method: 'POST', route: '/press/:slug/publish', url: async () => `/press/${await fresh({ publish: false })}/publish`, expect: staffOnly(303), changes: true },
  { method: 'POST', route: '/press/:slug/unpublish', url: async () => `/press/${await fresh()}/unpublish`, expect: staffOnly(303), changes: true },
  { method: 'POST', route: '/press/:slug/delete', url: async () => `/press/${await fresh({ publish: false })}/delete`, expect: staffOnly(303), changes: true },
];

/** Reading a release under embargo: the same routes, a different answer. */
const EMBARGOED: Row[] = [
  { method: 'GET', route: '/press/:slug', url: async () => `/press/${embargoed}`, expect: hidden },
  { method: 'GET', route: '/press/:slug/photo', url: async () => `/press/${embargoed}/photo`, expect: hidden },
];

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(
    `select (select count(*) from audit_events where action <> 'view')::int as audits, (select count(*) from press_releases)::int as releases,
       (select count(*) from press_release_photos)::int as photos, (select string_agg(status, ',' order by id) from press_releases) as statuses`,
  );
  return JSON.stringify(r.rows[0]);
}

const matrix = () => ({ app: t.app, callers: CALLERS, cookies, fingerprint });

beforeAll(async () => {
  t = await testApp();
  w = await publishingWorld(t.database);
  out = await fresh();
  embargoed = await fresh({ embargo: true });
  cookies = await callerCookies(t, w);
});
afterAll(() => t?.close());

describe('the press room’s permission matrix', () => {
  it('lists every route of the feature, and only those', () => {
    expectEveryRouteListed(t.app, ROWS, (p) => p.startsWith('/press') || p.startsWith('/api/v1/press-releases'));
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      expect(await checkRow(matrix(), row)).toEqual([]);
    });
  }

  for (const row of EMBARGOED) {
    it(`${row.method} ${row.route} under embargo`, async () => {
      expect(await checkRow(matrix(), row)).toEqual([]);
    });
  }
});
