import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp, type TestApp } from '../../test/app.js';
import { counts, newPost, newsWorld, type NewsWorld } from './news.fixture.js';
import type { PostRow } from './queries.js';

/**
 * The news API: what each caller may read (anonymous never gets a members-only post or a draft),
 * writing with a staff token, problem+json naming the field for bad input, and the OpenAPI document.
 */

let t: TestApp;
let w: NewsWorld;
let open: PostRow;
let secret: PostRow;
let draft: PostRow;
const tokens = {} as Record<'member' | 'staffNorth' | 'staffSouth' | 'admin', { authorization: string }>;

beforeAll(async () => {
  t = await testApp();
  w = await newsWorld(t.database);
  open = await newPost(w, { title: 'Åben nyhed i API’et' });
  secret = await newPost(w, { title: 'Hemmelig lønstatistik', audience: 'members', body: 'Tallene er kun for medlemmer.' });
  draft = await newPost(w, { title: 'Kladde i API’et', status: 'draft' });
  tokens.member = await bearer(t.database, 'member', w.org.north);
  tokens.staffNorth = await bearer(t.database, 'staff', w.org.north);
  tokens.staffSouth = await bearer(t.database, 'staff', w.org.south);
  tokens.admin = await bearer(t.database, 'admin');
});
afterAll(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('reading', () => {
  it('lists only public posts that are out for a caller without a token, members-only ones for a member token', async () => {
    const anon = (await get('/api/v1/news')).json();
    const ids = anon.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(secret.id);
    expect(ids).not.toContain(draft.id);
    expect(JSON.stringify(anon)).not.toContain('Tallene er kun for medlemmer');
    const member = (await get('/api/v1/news', tokens.member)).json();
    expect(member.items.map((p: { id: string }) => p.id)).toContain(secret.id);
    expect(member.items.map((p: { id: string }) => p.id)).not.toContain(draft.id);
    const item = anon.items.find((p: { id: string }) => p.id === open.id);
    expect(item).toMatchObject({ slug: open.slug, url: `http://forening.test/news/${open.slug}`, audience: 'public', status: 'published', unitName: 'Kreds Nord', author: { id: w.staffNorth.id, name: w.staffNorth.name } });
    expect(item.body).toBeUndefined();
  });

  it('gives one post with its body to those who may read it, 404 to everyone else', async () => {
    expect((await get(`/api/v1/news/${open.slug}`)).json()).toMatchObject({ id: open.id, body: open.body });
    expect((await get(`/api/v1/news/${open.id}`)).statusCode).toBe(200);
    const hidden = await get(`/api/v1/news/${secret.slug}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['content-type']).toContain('application/problem+json');
    expect(hidden.body).not.toContain('Tallene er kun for medlemmer');
    expect((await get(`/api/v1/news/${secret.slug}`, tokens.member)).json().body).toBe('Tallene er kun for medlemmer.');
    expect((await get(`/api/v1/news/${draft.slug}`, tokens.member)).statusCode).toBe(404);
    expect((await get(`/api/v1/news/${draft.slug}`, tokens.staffSouth)).statusCode).toBe(404);
    expect((await get(`/api/v1/news/${draft.slug}`, tokens.staffNorth)).json()).toMatchObject({ status: 'draft', publishedAt: null });
    expect((await get('/api/v1/news/findes-ikke')).statusCode).toBe(404);
  });

  it('refuses a bad filter naming it', async () => {
    const res = await get('/api/v1/news?kind=podcast');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('kind');
  });
});

describe('writing', () => {
  const body = (fields: Record<string, unknown> = {}) => ({ title: 'Skrevet af en integration', body: 'Tekst fra intranettet', unitId: w.org.north, ...fields });

  it('creates a post with a staff token of the unit, dated when published', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/news', headers: tokens.staffNorth, payload: body({ status: 'published', kind: 'blog' }) });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ slug: 'skrevet-af-en-integration', kind: 'blog', status: 'published', author: null, commentCount: 0 });
    expect(new Date(res.json().publishedAt).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('refuses bad input with problem+json naming each field, writing nothing', async () => {
    const before = await counts(t.database);
    const cases: [Record<string, unknown>, string, string, number][] = [
      [body({ title: '' }), 'title', 'validation.required', 422],
      [body({ slug: open.slug }), 'slug', 'news.slug_taken', 422],
      [body({ unitId: w.org.south }), 'unitId', 'news.unit_not_allowed', 422],
      [body({ authorId: w.member.id }), 'authorId', 'news.author_not_allowed', 422],
      [body({ audience: 'everyone' }), 'audience', 'validation.invalid_choice', 422],
    ];
    for (const [payload, path, code, status] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/news', headers: { ...tokens.staffNorth, 'accept-language': 'en' }, payload });
      expect(res.statusCode, path).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toContainEqual([path, code]);
    }
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/news', payload: body() })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/news', headers: tokens.member, payload: body() })).statusCode).toBe(403);
    expect(await counts(t.database)).toEqual(before);
  });

  it('changes only the fields given, publishes and unpublishes, for those who write for the unit', async () => {
    const p = await newPost(w, { status: 'draft', title: 'Før ændringen' });
    const patch = (payload: Record<string, unknown>, headers = tokens.staffNorth) => t.app.inject({ method: 'PATCH', url: `/api/v1/news/${p.id}`, headers, payload });
    expect((await patch({ title: 'Efter' }, tokens.staffSouth)).statusCode).toBe(404);
    const published = await patch({ status: 'published', commentsEnabled: false });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ title: 'Før ændringen', status: 'published', commentsEnabled: false });
    // Now out, the south's staff see it but may not change it.
    expect((await patch({ title: 'Efter' }, tokens.staffSouth)).statusCode).toBe(403);
    expect((await patch({ title: 'Efter' }, tokens.member)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/news/${p.id}`, payload: { title: 'x' } })).statusCode).toBe(401);
    const renamed = await patch({ title: 'Efter ændringen', status: 'draft' }, tokens.admin);
    expect(renamed.json()).toMatchObject({ title: 'Efter ændringen', status: 'draft', slug: p.slug });
    expect(renamed.json().publishedAt).toBe(published.json().publishedAt);
    const bad = await patch({ slug: 'Ikke Gyldig' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ path: 'slug', code: 'news.slug_invalid' });
    expect((await patch({ unknown: 1 })).statusCode).toBe(422);
  });
});

describe('the OpenAPI document', () => {
  it('describes the news routes', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/news', '/api/v1/news/{slug}', '/api/v1/news/{id}']));
    expect(doc.paths['/api/v1/news'].post.requestBody).toBeTruthy();
    expect(doc.paths['/api/v1/news/{id}'].patch).toBeTruthy();
  });
});
