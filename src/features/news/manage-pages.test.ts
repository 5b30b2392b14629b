import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formSession, loginAs, postForm, postMultipart, testApp, type TestApp } from '../../test/app.js';
import { gradientPng } from '../../platform/demo-media.js';
import { counts, newPost, newsWorld, PNG, type NewsWorld } from './news.fixture.js';
import { findPost } from './queries.js';

/**
 * The staff's pages: the new-post form (multipart, with the cover), its refusals naming the field
 * and writing nothing, editing, publishing and unpublishing, deleting, and the staff list.
 */

let t: TestApp;
let w: NewsWorld;
let staff: string;

beforeAll(async () => {
  t = await testApp();
  w = await newsWorld(t.database);
  staff = (await loginAs(t.database, w.staffNorth.id)).cookie;
});
afterAll(() => t?.close());

type File = { name: string; type: string; bytes: Buffer };

async function send(url: string, fields: Record<string, string>, file?: File, cookie = staff) {
  const s = await formSession(t.app, '/news/new', cookie);
  return postMultipart(t.app, url, s, fields, file ? [{ field: 'cover', ...file }] : []);
}

const fields = (extra: Record<string, string> = {}) => ({
  title: 'Nyt fra kredsen',
  slug: '',
  kind: 'news',
  audience: 'public',
  unitId: w.org.north,
  authorId: w.staffNorth.id,
  summary: 'Kort resumé',
  body: 'Tekst med **fed**.',
  commentsEnabled: 'on',
  coverAlt: '',
  ...extra,
});

describe('the new-post form', () => {
  it('offers the units the writer writes for, and themselves as author', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/news/new', headers: { cookie: staff } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain(`<option value="${w.org.north}" selected`);
    expect(page.body).not.toContain(`value="${w.org.south}"`);
    expect(page.body).toMatch(new RegExp(`<option value="${w.staffNorth.id}" selected[^>]*>${w.staffNorth.name}</option>`));
  });

  it('publishes a post with a cover, which is served as the image it is', async () => {
    const png = gradientPng(32, 18, [10, 20, 30], [200, 210, 220]);
    const res = await send('/news/new', fields({ status: 'published', coverAlt: 'En gradient' }), { name: 'forside.png', type: 'image/png', bytes: png });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/news/nyt-fra-kredsen/edit');
    const post = await findPost(t.database.db, 'nyt-fra-kredsen');
    expect(post).toMatchObject({ status: 'published', commentsEnabled: true, authorId: w.staffNorth.id, coverAlt: 'En gradient' });
    const cover = await t.app.inject({ method: 'GET', url: '/news/nyt-fra-kredsen/cover' });
    expect(cover.statusCode).toBe(200);
    expect(cover.headers['content-type']).toBe('image/png');
    expect(cover.headers['x-content-type-options']).toBe('nosniff');
    expect(cover.headers['cache-control']).toContain('public');
    expect(cover.rawPayload.equals(png)).toBe(true);
    const page = await t.app.inject({ method: 'GET', url: '/news/nyt-fra-kredsen' });
    expect(page.body).toMatch(/<img src="\/news\/nyt-fra-kredsen\/cover\?v=\d+" alt="En gradient"/);
  });

  it('saves a draft when that button is pressed, with comments off when unticked', async () => {
    const { commentsEnabled: _, ...rest } = fields({ title: 'Bare en kladde' });
    const res = await send('/news/new', { ...rest, status: 'draft' });
    expect(res.statusCode).toBe(303);
    expect(await findPost(t.database.db, 'bare-en-kladde')).toMatchObject({ status: 'draft', publishedAt: null, commentsEnabled: false });
  });

  it('refuses bad input naming the field, keeps what was typed and writes nothing', async () => {
    await newPost(w, { slug: 'allerede-brugt' });
    const before = await counts(t.database);
    const noTitle = await send('/news/new', fields({ title: '', body: '' }));
    expect(noTitle.statusCode).toBe(422);
    expect(noTitle.body).toContain('href="#field-title"');
    // The post's text is "Tekst" here, not the platform's word for a message's body.
    expect(noTitle.body).toContain('Tekst skal udfyldes.');
    expect(noTitle.body).toContain('Kort resumé');
    const taken = await send('/news/new', fields({ slug: 'allerede-brugt' }));
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('href="#field-slug"');
    expect(taken.body).toContain('Et andet indlæg har allerede den adresse.');
    const script = await send('/news/new', fields({ coverAlt: 'x' }), { name: 'billede.png', type: 'image/png', bytes: Buffer.from('<script>alert(1)</script>') });
    expect(script.statusCode).toBe(422);
    expect(script.body).toContain('href="#field-cover"');
    expect(script.body).toContain('Billedet skal være en JPEG-, PNG- eller WebP-fil.');
    const big = await send('/news/new', fields({ coverAlt: 'x' }), { name: 'stort.png', type: 'image/png', bytes: Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]) });
    expect(big.statusCode).toBe(422);
    expect(big.body).toContain('Billedet må højst fylde 2 MB.');
    const noAlt = await send('/news/new', fields(), { name: 'ok.png', type: 'image/png', bytes: PNG });
    expect(noAlt.statusCode).toBe(422);
    expect(noAlt.body).toContain('href="#field-coverAlt"');
    const otherUnit = await send('/news/new', fields({ unitId: w.org.south }));
    expect(otherUnit.statusCode).toBe(422);
    expect(otherUnit.body).toContain('Du kan ikke skrive indlæg for den enhed.');
    expect(await counts(t.database)).toEqual(before);
  });
});

describe('editing', () => {
  it('saves changes, keeps the slug when left empty, and refuses an empty text without changing anything', async () => {
    const p = await newPost(w, { title: 'Skal rettes' });
    const page = await t.app.inject({ method: 'GET', url: `/news/${p.slug}/edit`, headers: { cookie: staff } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="Skal rettes"');
    const ok = await send(`/news/${p.slug}/edit`, fields({ title: 'Er rettet', slug: '', body: 'Ny tekst' }));
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/news/${p.slug}`);
    expect(await findPost(t.database.db, p.id)).toMatchObject({ title: 'Er rettet', slug: p.slug, body: 'Ny tekst' });
    const before = await counts(t.database);
    const bad = await send(`/news/${p.slug}/edit`, fields({ title: 'Ikke gemt', body: '' }));
    expect(bad.statusCode).toBe(422);
    expect((await findPost(t.database.db, p.id))?.title).toBe('Er rettet');
    expect(await counts(t.database)).toEqual(before);
  });

  it('keeps an author who has since left the board when the post is saved again', async () => {
    const p = await newPost(w, { title: 'Skrevet af bestyrelsen', authorId: w.boardNorth.id });
    await t.database.executeSql(`update role_assignments set starts_on = current_date - 400, ends_on = current_date - 1 where person_id = $1`, [w.boardNorth.id]);
    const form = await t.app.inject({ method: 'GET', url: `/news/${p.slug}/edit`, headers: { cookie: staff } });
    expect(form.body).toMatch(new RegExp(`<option value="${w.boardNorth.id}" selected[^>]*>${w.boardNorth.name}</option>`));
    expect((await send(`/news/${p.slug}/edit`, fields({ title: 'Rettet titel', authorId: w.boardNorth.id }))).statusCode).toBe(303);
    expect(await findPost(t.database.db, p.id)).toMatchObject({ title: 'Rettet titel', authorId: w.boardNorth.id });
    // Naming them anew on another post is refused: they are no longer on the board.
    expect((await send('/news/new', fields({ title: 'Ny af den gamle', authorId: w.boardNorth.id }))).statusCode).toBe(422);
  });

  it('adds and removes a cover', async () => {
    const p = await newPost(w, { title: 'Får et billede' });
    expect((await send(`/news/${p.slug}/edit`, fields({ title: p.title, coverAlt: 'Et billede' }), { name: 'a.png', type: 'image/png', bytes: PNG })).statusCode).toBe(303);
    expect((await findPost(t.database.db, p.id))?.coverVersion).not.toBeNull();
    const form = await t.app.inject({ method: 'GET', url: `/news/${p.slug}/edit`, headers: { cookie: staff } });
    expect(form.body).toContain('name="removeCover"');
    expect((await send(`/news/${p.slug}/edit`, fields({ title: p.title, coverAlt: 'Et billede', removeCover: 'on' }))).statusCode).toBe(303);
    expect(await findPost(t.database.db, p.id)).toMatchObject({ coverVersion: null, coverAlt: null });
    expect((await t.app.inject({ method: 'GET', url: `/news/${p.slug}/cover` })).statusCode).toBe(404);
  });

  it('publishes and unpublishes from the staff list, and deletes after asking', async () => {
    const p = await newPost(w, { title: 'Frem og tilbage', status: 'draft' });
    const list = await formSession(t.app, '/news/manage', staff);
    expect(list.page.body).toContain('Frem og tilbage');
    expect(list.page.body).toContain(`action="/news/${p.slug}/publish"`);
    const published = await postForm(t.app, `/news/${p.slug}/publish`, list, { next: '/news/manage' });
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe('/news/manage');
    expect((await t.app.inject({ method: 'GET', url: `/news/${p.slug}` })).statusCode).toBe(200);
    expect((await postForm(t.app, `/news/${p.slug}/unpublish`, list, { next: 'https://evil.example/' })).headers.location).toBe(`/news/${p.slug}/edit`);
    expect((await t.app.inject({ method: 'GET', url: `/news/${p.slug}` })).statusCode).toBe(303);
    const confirm = await formSession(t.app, `/news/${p.slug}/delete`, staff);
    expect(confirm.page.body).toContain('Slet »Frem og tilbage«?');
    const before = await counts(t.database);
    expect((await postForm(t.app, `/news/${p.slug}/delete`, confirm, {})).statusCode).toBe(303);
    expect((await counts(t.database)).posts).toBe(before.posts - 1);
  });
});
