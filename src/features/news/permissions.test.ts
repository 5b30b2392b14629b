import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, loginAs, testApp, type TestApp } from '../../test/app.js';
import { checkRow, everyone, expectEveryRouteListed, type Expected, type PageRow, type SessionCookies } from '../../test/page-matrix.js';
import { newPost, newsWorld, PNG, type NewsWorld } from './news.fixture.js';
import { addComment, setCommentHidden } from './comments.js';
import { createPost } from './posts.js';
import { postInput } from './schema.js';

/**
 * Every route of news with every kind of caller: nobody, a member, a former member (logged in, no
 * membership), staff and board of the north (where the posts are), staff of the south, and an
 * admin; the API with no token and tokens of a member, the north's and the south's staff and an
 * admin. A refused caller changes nothing; a caller who may act changes the database.
 */

const CALLERS = ['anonymous', 'member', 'former', 'staffNorth', 'boardNorth', 'staffSouth', 'admin'] as const;
type Who = (typeof CALLERS)[number];
type Expectations = Record<Who, Expected>;

type Row = PageRow<Who>;

let t: TestApp;
let w: NewsWorld;
const cookies = {} as SessionCookies<Who>;
let n = 0;

const all = (e: Expected): Expectations => everyone(CALLERS, e);
/** The editors of the north (and admins) act; the south's staff and readers may see a published post but not change it. */
const editors = (ok: number): Expectations => ({ anonymous: 'login', member: 403, former: 403, staffNorth: ok, boardNorth: ok, staffSouth: 403, admin: ok });
const staffPages = (ok: number): Expectations => ({ anonymous: 'login', member: 403, former: 403, staffNorth: ok, boardNorth: ok, staffSouth: ok, admin: ok });
/** A draft is out of sight for everyone but its editors: not found, or the log-in page. */
const draftOnly: Expectations = { anonymous: 'login', member: 404, former: 404, staffNorth: 200, boardNorth: 200, staffSouth: 404, admin: 200 };
const membersOnly: Expectations = { anonymous: 'login', member: 200, former: 404, staffNorth: 200, boardNorth: 200, staffSouth: 200, admin: 200 };
const commenters: Expectations = { anonymous: 'login', member: 303, former: 403, staffNorth: 303, boardNorth: 303, staffSouth: 303, admin: 303 };

const published = async (fields: Record<string, unknown> = {}) => (await newPost(w, { title: `Matrix ${++n}`, ...fields })).slug;
const draft = async () => published({ status: 'draft' });

async function withCover(fields: Record<string, unknown> = {}): Promise<string> {
  const r = await createPost(t.database.db, w.staffNorth.actor, postInput.parse({ title: `Med billede ${++n}`, body: 'x', unitId: w.org.north, status: 'published', coverAlt: 'Billede', ...fields }), { cover: { bytes: PNG, mime: 'image/png' } });
  if (!r.ok) throw new Error('create failed');
  return r.post.slug;
}

/** A published post with one comment by the second member (hidden when asked); the URL of an action on it. */
async function commentUrl(action: string, hidden = false): Promise<string> {
  const p = await newPost(w, { title: `Kommenteret ${++n}` });
  const c = await addComment(t.database.db, w.member2.actor, p.id, { comment: 'En kommentar' });
  if (!c.ok) throw new Error('comment failed');
  if (hidden) await setCommentHidden(t.database.db, w.staffNorth.actor, p.id, c.commentId, { reason: null });
  return `/news/${p.slug}/comments/${c.commentId}/${action}`;
}

const postFields = () => ({ title: `Formular ${++n}`, slug: '', kind: 'news', audience: 'public', unitId: w.org.north, authorId: '', summary: '', body: 'Tekst', commentsEnabled: 'on', coverAlt: '', status: 'published' });

const ROWS: Row[] = [
  { method: 'GET', route: '/news', url: async () => '/news', expect: all(200) },
  { method: 'GET', route: '/news/feed.atom', url: async () => '/news/feed.atom', expect: all(200) },
  { method: 'GET', route: '/news/feed.rss', url: async () => '/news/feed.rss', expect: all(200) },
  { method: 'GET', route: '/news/manage', url: async () => '/news/manage', expect: staffPages(200) },
  { method: 'GET', route: '/news/new', url: async () => '/news/new', expect: staffPages(200) },
  // The south's staff write for the south only: a north post from them is a field error, nothing written.
  { method: 'POST', route: '/news/new', url: async () => '/news/new', expect: { ...staffPages(303), staffSouth: 422 }, body: postFields, multipart: true, changes: true },
  { method: 'GET', route: '/news/:slug', url: async () => `/news/${await published()}`, expect: all(200) },
  { method: 'GET', route: '/news/:slug', url: async () => `/news/${await published({ audience: 'members' })}`, expect: membersOnly },
  { method: 'GET', route: '/news/:slug', url: async () => `/news/${await draft()}`, expect: draftOnly },
  { method: 'GET', route: '/news/:slug/cover', url: async () => `/news/${await withCover()}/cover`, expect: all(200) },
  { method: 'GET', route: '/news/:slug/cover', url: async () => `/news/${await withCover({ audience: 'members' })}/cover`, expect: { ...membersOnly, anonymous: 404 } },
  { method: 'POST', route: '/news/:slug/comments', url: async () => `/news/${await published()}/comments`, expect: commenters, body: () => ({ comment: 'Hej' }), changes: true },
  { method: 'POST', route: '/news/:slug/comments', url: async () => `/news/${await draft()}/comments`, expect: { ...draftOnly, staffNorth: 403, boardNorth: 403, admin: 403 }, body: () => ({ comment: 'Hej' }) },
  { method: 'POST', route: '/news/:slug/comments/:commentId/hide', url: () => commentUrl('hide'), expect: editors(303), body: () => ({ reason: '' }), changes: true },
  { method: 'POST', route: '/news/:slug/comments/:commentId/show', url: () => commentUrl('show', true), expect: { ...editors(303), member: 404, former: 404, staffSouth: 404 }, changes: true },
  { method: 'POST', route: '/news/:slug/comments/:commentId/delete', url: () => commentUrl('delete'), expect: editors(303), changes: true },
  { method: 'GET', route: '/news/:slug/edit', url: async () => `/news/${await published()}/edit`, expect: editors(200) },
  { method: 'GET', route: '/news/:slug/edit', url: async () => `/news/${await draft()}/edit`, expect: { ...draftOnly, staffSouth: 404 } },
  { method: 'POST', route: '/news/:slug/edit', url: async () => `/news/${await published()}/edit`, expect: editors(303), body: postFields, multipart: true, changes: true },
  { method: 'POST', route: '/news/:slug/publish', url: async () => `/news/${await draft()}/publish`, expect: { ...editors(303), member: 404, former: 404, staffSouth: 404 }, changes: true },
  { method: 'POST', route: '/news/:slug/unpublish', url: async () => `/news/${await published()}/unpublish`, expect: editors(303), changes: true },
  { method: 'GET', route: '/news/:slug/delete', url: async () => `/news/${await published()}/delete`, expect: editors(200) },
  { method: 'POST', route: '/news/:slug/delete', url: async () => `/news/${await published()}/delete`, expect: editors(303), changes: true },
];

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(
    `select (select count(*) from audit_events where entity_type like 'news_%')::int as a, (select count(*) from news_posts)::int as p,
       (select count(*) from news_comments)::int as c`,
  );
  return JSON.stringify(r.rows[0]);
}

const matrix = () => ({ app: t.app, callers: CALLERS, cookies, fingerprint });

const TOKENS = ['anonymous', 'member', 'staffNorth', 'staffSouth', 'admin'] as const;
type Token = (typeof TOKENS)[number];
const headers = {} as Record<Token, Record<string, string>>;

interface ApiRow {
  method: 'GET' | 'POST' | 'PATCH';
  route: string;
  url: () => Promise<string>;
  payload?: () => Record<string, unknown>;
  expect: Record<Token, number>;
  changes?: boolean;
}

const API: ApiRow[] = [
  { method: 'GET', route: '/api/v1/news', url: async () => '/api/v1/news', expect: { anonymous: 200, member: 200, staffNorth: 200, staffSouth: 200, admin: 200 } },
  { method: 'GET', route: '/api/v1/news/:slug|:id', url: async () => `/api/v1/news/${await published()}`, expect: { anonymous: 200, member: 200, staffNorth: 200, staffSouth: 200, admin: 200 } },
  { method: 'GET', route: '/api/v1/news/:slug|:id', url: async () => `/api/v1/news/${await published({ audience: 'members' })}`, expect: { anonymous: 404, member: 200, staffNorth: 200, staffSouth: 200, admin: 200 } },
  { method: 'GET', route: '/api/v1/news/:slug|:id', url: async () => `/api/v1/news/${await draft()}`, expect: { anonymous: 404, member: 404, staffNorth: 200, staffSouth: 404, admin: 200 } },
  {
    method: 'POST',
    route: '/api/v1/news',
    url: async () => '/api/v1/news',
    payload: () => ({ title: `API ${++n}`, body: 'Tekst', unitId: w.org.north }),
    expect: { anonymous: 401, member: 403, staffNorth: 201, staffSouth: 422, admin: 201 },
    changes: true,
  },
  {
    method: 'PATCH',
    route: '/api/v1/news/:slug|:id',
    url: async () => `/api/v1/news/${(await newPost(w, { title: `Patch ${++n}` })).id}`,
    payload: () => ({ title: `Rettet ${++n}` }),
    expect: { anonymous: 401, member: 403, staffNorth: 200, staffSouth: 403, admin: 200 },
    changes: true,
  },
];

beforeAll(async () => {
  t = await testApp();
  w = await newsWorld(t.database);
  for (const who of CALLERS) if (who !== 'anonymous') cookies[who] = (await loginAs(t.database, w[who].id)).cookie;
  headers.anonymous = {};
  headers.member = await bearer(t.database, 'member', w.org.north);
  headers.staffNorth = await bearer(t.database, 'staff', w.org.north);
  headers.staffSouth = await bearer(t.database, 'staff', w.org.south);
  headers.admin = await bearer(t.database, 'admin');
});
afterAll(() => t?.close());

describe('the news permission matrix', () => {
  it('lists every route of the feature, and only those', () => {
    // Fastify prints GET /:slug and PATCH /:id, which share a place in its tree, as one path `:slug|:id`.
    const mine = (p: string) => p === '/news' || p.startsWith('/news/') || p === '/api/v1/news' || p.startsWith('/api/v1/news/');
    expectEveryRouteListed(t.app, [...ROWS, ...API], mine);
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route} (${JSON.stringify(row.expect.anonymous)}/${JSON.stringify(row.expect.member)}/${JSON.stringify(row.expect.staffSouth)})`, async () => {
      expect(await checkRow(matrix(), row)).toEqual([]);
    });
  }

  for (const row of API) {
    it(`${row.method} ${row.route} (API)`, async () => {
      const wrong: string[] = [];
      for (const who of TOKENS) {
        const url = await row.url();
        const before = await fingerprint();
        const res = await t.app.inject({ method: row.method, url, headers: headers[who], ...(row.payload ? { payload: row.payload() } : {}) });
        const after = await fingerprint();
        const expected = row.expect[who];
        if (res.statusCode !== expected) wrong.push(`${who}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (expected >= 400 && after !== before) wrong.push(`${who}: refused but the database changed`);
        if (row.changes && expected < 400 && after === before) wrong.push(`${who}: succeeded but nothing was written`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
