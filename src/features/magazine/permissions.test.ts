import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { makeIssue, PDF, publishingWorld, type PublishingWorld } from './magazine.fixture.js';
import { checkRow, expectEveryRouteListed, type SessionCookies } from '../../test/page-matrix.js';
import { all, callerCookies, CALLERS, membersOnly, staffOnly, type Caller, type Row } from './permissions.fixture.js';
import type { IssueRow } from './queries.js';

/**
 * Every route of the magazine with every kind of caller. The issue read is published and for
 * members; each state change gets a fresh issue, so every caller meets the same state.
 */

let t: TestApp;
let w: PublishingWorld;
let issue: IssueRow;
let cookies: SessionCookies<Caller>;
let n = 0;

const fresh = async (publish = true) => (await makeIssue(w, { publish, audience: 'members' })).slug;
const issueFields = () => ({ title: `Blad ${++n}`, number: String(500 + n), year: '2040', publishedOn: '2040-01-01', audience: 'members', description: '' });
const articleFields = () => ({ title: `Artikel ${++n}`, summary: '', content: 'Tekst', authorName: '' });

const ROWS: Row[] = [
  { method: 'GET', route: '/magazine', url: async () => '/magazine', expect: all(200) },
  { method: 'GET', route: '/magazine/feed.atom', url: async () => '/magazine/feed.atom', expect: all(200) },
  { method: 'GET', route: '/api/v1/magazine/issues', url: async () => '/api/v1/magazine/issues', expect: all(200) },
  { method: 'GET', route: '/magazine/new', url: async () => '/magazine/new', expect: staffOnly(200) },
  { method: 'POST', route: '/magazine', url: async () => '/magazine', expect: staffOnly(303), changes: true, body: issueFields },
  { method: 'GET', route: '/magazine/:slug', url: async () => `/magazine/${issue.slug}`, expect: all(200) },
  { method: 'GET', route: '/magazine/:slug/cover', url: async () => `/magazine/${issue.slug}/cover`, expect: all(200) },
  { method: 'GET', route: '/magazine/:slug/pdf', url: async () => `/magazine/${issue.slug}/pdf`, expect: membersOnly(200) },
  { method: 'GET', route: '/magazine/:slug/:articleSlug', url: async () => `/magazine/${issue.slug}/leder`, expect: membersOnly(200) },
  { method: 'GET', route: '/magazine/:slug/edit', url: async () => `/magazine/${issue.slug}/edit`, expect: staffOnly(200) },
  { method: 'POST', route: '/magazine/:slug/edit', url: async () => `/magazine/${await fresh()}/edit`, expect: staffOnly(303), changes: true, body: issueFields },
  { method: 'POST', route: '/magazine/:slug/cover', url: async () => `/magazine/${await fresh()}/cover`, expect: staffOnly(303), changes: true, body: () => ({ coverAlt: `Ny beskrivelse ${++n}` }) },
  { method: 'POST', route: '/magazine/:slug/cover/delete', url: async () => `/magazine/${await fresh()}/cover/delete`, expect: staffOnly(303), changes: true },
  {
    method: 'POST',
    route: '/magazine/:slug/pdf',
    url: async () => `/magazine/${await fresh()}/pdf`,
    expect: staffOnly(303),
    changes: true,
    file: { field: 'pdf', name: 'blad.pdf', type: 'application/pdf', bytes: Buffer.concat([PDF, Buffer.from('v2')]) },
  },
  { method: 'POST', route: '/magazine/:slug/pdf/delete', url: async () => `/magazine/${await fresh()}/pdf/delete`, expect: staffOnly(303), changes: true },
  { method: 'POST', route: '/magazine/:slug/publish', url: async () => `/magazine/${await fresh(false)}/publish`, expect: staffOnly(303), changes: true },
  { method: 'POST', route: '/magazine/:slug/unpublish', url: async () => `/magazine/${await fresh()}/unpublish`, expect: staffOnly(303), changes: true },
  { method: 'POST', route: '/magazine/:slug/delete', url: async () => `/magazine/${await fresh(false)}/delete`, expect: staffOnly(303), changes: true },
  { method: 'GET', route: '/magazine/:slug/new-article', url: async () => `/magazine/${issue.slug}/new-article`, expect: staffOnly(200) },
  { method: 'POST', route: '/magazine/:slug/new-article', url: async () => `/magazine/${await fresh()}/new-article`, expect: staffOnly(303), changes: true, body: articleFields },
  { method: 'GET', route: '/magazine/:slug/:articleSlug/edit', url: async () => `/magazine/${issue.slug}/leder/edit`, expect: staffOnly(200) },
  { method: 'POST', route: '/magazine/:slug/:articleSlug/edit', url: async () => `/magazine/${await fresh()}/leder/edit`, expect: staffOnly(303), changes: true, body: articleFields },
  { method: 'POST', route: '/magazine/:slug/:articleSlug/move', url: async () => `/magazine/${await fresh()}/leder/move`, expect: staffOnly(303), changes: true, body: () => ({ direction: 'down' }) },
  { method: 'POST', route: '/magazine/:slug/:articleSlug/delete', url: async () => `/magazine/${await fresh()}/leder/delete`, expect: staffOnly(303), changes: true },
];

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(
    `select (select count(*) from audit_events where action <> 'view')::int as audits, (select count(*) from magazine_issues)::int as issues,
       (select count(*) from magazine_files)::int as files, (select count(*) from magazine_articles)::int as articles,
       (select string_agg(status, ',' order by id) from magazine_issues) as statuses`,
  );
  return JSON.stringify(r.rows[0]);
}

const matrix = () => ({ app: t.app, callers: CALLERS, cookies, fingerprint });

beforeAll(async () => {
  t = await testApp();
  w = await publishingWorld(t.database);
  issue = await makeIssue(w, { audience: 'members' });
  cookies = await callerCookies(t, w);
});
afterAll(() => t?.close());

describe('the magazine’s permission matrix', () => {
  it('lists every route of the feature, and only those', () => {
    expectEveryRouteListed(t.app, ROWS, (p) => p.startsWith('/magazine') || p.startsWith('/api/v1/magazine'));
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      expect(await checkRow(matrix(), row)).toEqual([]);
    });
  }
});
