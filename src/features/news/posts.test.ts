import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import { testDatabase, onPostgres } from '../../test/database.js';
import { counts, newPost, newsWorld, PNG, type NewsWorld } from './news.fixture.js';
import { createPost, deletePost, publishPost, slugify, unpublishPost, updatePost } from './posts.js';
import { latestPublicPosts, listManagedPosts, listPosts, postFor } from './queries.js';
import { addComment } from './comments.js';
import { postInput } from './schema.js';
import { instantInDays } from '../../test/time.js';

/**
 * The post use cases: who sees drafts and members-only posts, slugs, authors and units, the cover
 * checks, publishing dates; every refusal leaves the database as it was.
 */

let database: Database;
let w: NewsWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await newsWorld(database);
});
afterAll(() => database?.close());

const input = (fields: Record<string, unknown> = {}) => postInput.parse({ title: 'En titel', body: 'Tekst', unitId: w.org.north, ...fields });

describe('who sees a post', () => {
  it('keeps a draft to staff and board of its unit (and above) and admins', async () => {
    const draft = await newPost(w, { status: 'draft' });
    for (const who of [w.staffNorth, w.boardNorth, w.admin]) expect((await postFor(database.db, who.actor, draft.slug)).ok, who.name).toBe(true);
    for (const actor of [anonymous, w.member.actor, w.former.actor, w.staffSouth.actor]) expect(await postFor(database.db, actor, draft.slug)).toEqual({ ok: false, reason: 'not_found' });
    const anonList = await listPosts(database.db, anonymous, { page: 1, pageSize: 100 });
    const memberList = await listPosts(database.db, w.member.actor, { page: 1, pageSize: 100 });
    expect(anonList.items.map((p) => p.id)).not.toContain(draft.id);
    expect(memberList.items.map((p) => p.id)).not.toContain(draft.id);
    // The staff list has it.
    expect((await listManagedPosts(database.db, w.staffNorth.actor)).map((p) => p.id)).toContain(draft.id);
    expect((await listManagedPosts(database.db, w.staffSouth.actor)).map((p) => p.id)).not.toContain(draft.id);
    expect(await listManagedPosts(database.db, w.member.actor)).toEqual([]);
  });

  it('shows a members-only post to members and staff, never to anyone else, in a list or alone', async () => {
    const secret = await newPost(w, { audience: 'members', title: 'Kun for medlemmer: lønstatistik' });
    const open = await newPost(w, { title: 'Åben nyhed' });
    for (const actor of [w.member.actor, w.staffSouth.actor, w.boardNorth.actor, w.admin.actor]) expect((await postFor(database.db, actor, secret.slug)).ok).toBe(true);
    for (const actor of [anonymous, w.former.actor]) expect((await postFor(database.db, actor, secret.slug)).ok).toBe(false);
    const anonIds = (await listPosts(database.db, anonymous, { page: 1, pageSize: 100 })).items.map((p) => p.id);
    const formerIds = (await listPosts(database.db, w.former.actor, { page: 1, pageSize: 100 })).items.map((p) => p.id);
    const memberIds = (await listPosts(database.db, w.member.actor, { page: 1, pageSize: 100 })).items.map((p) => p.id);
    expect(anonIds).toContain(open.id);
    expect(anonIds).not.toContain(secret.id);
    expect(formerIds).not.toContain(secret.id);
    expect(memberIds).toContain(secret.id);
    expect((await latestPublicPosts(database.db, 50)).map((p) => p.id)).not.toContain(secret.id);
  });

  it('lists newest first, filters by kind and pages', async () => {
    const blog = await newPost(w, { kind: 'blog', title: 'Et blogindlæg', publishedAt: new Date(Date.now() - 1000).toISOString() });
    const blogs = await listPosts(database.db, anonymous, { kind: 'blog', page: 1, pageSize: 100 });
    expect(blogs.items.map((p) => p.id)).toEqual([blog.id]);
    const all = await listPosts(database.db, anonymous, { page: 1, pageSize: 1 });
    expect(all.items).toHaveLength(1);
    expect(all.total).toBeGreaterThan(1);
    const times = (await listPosts(database.db, anonymous, { page: 1, pageSize: 100 })).items.map((p) => p.publishedAt!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const past = await listPosts(database.db, anonymous, { page: 99, pageSize: 1 });
    expect(past.items).toEqual([]);
    expect(past.total).toBe(all.total);
  });
});

describe('slugs', () => {
  it('makes the slug from the title, spelling æ, ø and å, and numbers a repeat', async () => {
    expect(slugify('Løn & æbler på Ørkenvej!')).toBe('loen-aebler-paa-oerkenvej');
    expect(slugify('???')).toBe('indlaeg');
    expect(slugify('New')).toBe('indlaeg-new');
    const a = await newPost(w, { title: 'Generalforsamling i Århus' });
    const b = await newPost(w, { title: 'Generalforsamling i Århus' });
    expect(a.slug).toBe('generalforsamling-i-aarhus');
    expect(b.slug).toBe('generalforsamling-i-aarhus-2');
  });

  it('refuses a chosen slug that is taken, reserved or malformed, writing nothing', async () => {
    const taken = await newPost(w, { slug: 'optaget-adresse' });
    const before = await counts(database);
    const r = await createPost(database.db, w.staffNorth.actor, input({ slug: taken.slug }));
    expect(r).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'slug', code: 'news.slug_taken' }] });
    const other = await newPost(w);
    const u = await updatePost(database.db, w.staffNorth.actor, other.id, { slug: taken.slug });
    expect(u).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'slug', code: 'news.slug_taken' }] });
    expect(postInput.safeParse({ title: 'x', body: 'y', unitId: w.org.north, slug: 'new' }).error?.issues[0].message).toBe('news.slug_reserved');
    expect(postInput.safeParse({ title: 'x', body: 'y', unitId: w.org.north, slug: 'Æble grød' }).error?.issues[0].message).toBe('news.slug_invalid');
    const after = await counts(database);
    expect(after).toEqual({ ...before, posts: before.posts + 1, audit: before.audit + 1 });
  });

  it('refuses a post without a title or a text', () => {
    const r = postInput.safeParse({ title: '  ', body: '', unitId: w.org.north });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['title', 'body']);
  });
});

describe('units and authors', () => {
  it('lets staff and board write for their unit only, and names a staff or board member of the unit as author', async () => {
    const before = await counts(database);
    expect(await createPost(database.db, w.staffSouth.actor, input())).toMatchObject({ ok: false, errors: [{ path: 'unitId', code: 'news.unit_not_allowed' }] });
    expect(await createPost(database.db, w.member.actor, input())).toEqual({ ok: false, reason: 'forbidden' });
    expect(await createPost(database.db, w.staffNorth.actor, input({ authorId: w.member.id }))).toMatchObject({ ok: false, errors: [{ path: 'authorId', code: 'news.author_not_allowed' }] });
    expect(await createPost(database.db, w.staffNorth.actor, input({ authorId: w.staffSouth.id }))).toMatchObject({ ok: false, errors: [{ path: 'authorId', code: 'news.author_not_allowed' }] });
    expect(await counts(database)).toEqual(before);
    const byBoard = await createPost(database.db, w.staffNorth.actor, input({ authorId: w.boardNorth.id }));
    expect(byBoard.ok && byBoard.post.authorName).toBe(w.boardNorth.name);
    const own = await createPost(database.db, w.boardNorth.actor, input());
    expect(own.ok && own.post.authorId).toBe(w.boardNorth.id);
    // Staff of the south may not move a north post home, nor change it at all.
    const post = await newPost(w);
    expect(await updatePost(database.db, w.staffSouth.actor, post.id, { title: 'Ny titel' })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await updatePost(database.db, w.staffNorth.actor, post.id, { unitId: w.org.south })).toMatchObject({ ok: false, errors: [{ path: 'unitId', code: 'news.unit_not_allowed' }] });
    expect(await updatePost(database.db, w.admin.actor, post.id, { unitId: w.org.south })).toMatchObject({ ok: true, post: { unitId: w.org.south } });
  });
});

describe('publishing', () => {
  it('dates a post when first published and keeps the date through unpublishing and publishing again', async () => {
    const draft = await newPost(w, { status: 'draft' });
    expect(draft.publishedAt).toBeNull();
    const first = await publishPost(database.db, w.staffNorth.actor, draft.id);
    expect(first.ok).toBe(true);
    const date = first.ok ? first.post.publishedAt : null;
    expect(date).toBeInstanceOf(Date);
    const down = await unpublishPost(database.db, w.staffNorth.actor, draft.id);
    expect(down.ok && down.post.status).toBe('draft');
    expect((await postFor(database.db, anonymous, draft.slug)).ok).toBe(false);
    const again = await publishPost(database.db, w.staffNorth.actor, draft.id);
    expect(again.ok && again.post.publishedAt?.getTime()).toBe(date!.getTime());
    expect(await publishPost(database.db, w.member.actor, draft.id)).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('takes a date in the past, refuses one ahead', async () => {
    const back = new Date(instantInDays(-200));
    const dated = await newPost(w, { publishedAt: back.toISOString() });
    expect(dated.publishedAt?.toISOString()).toBe(back.toISOString());
    const before = await counts(database);
    const ahead = await createPost(database.db, w.staffNorth.actor, input({ publishedAt: new Date(Date.now() + 86_400_000).toISOString(), status: 'published' }));
    expect(ahead).toMatchObject({ ok: false, errors: [{ path: 'publishedAt', code: 'news.published_in_future' }] });
    expect(await counts(database)).toEqual(before);
  });

  it('deletes a post with its cover and comments, for those who write for its unit', async () => {
    const post = await createPost(database.db, w.staffNorth.actor, input({ status: 'published', coverAlt: 'Et billede' }), { cover: { bytes: PNG, mime: 'image/png' } });
    if (!post.ok) throw new Error('create failed');
    await addComment(database.db, w.member.actor, post.post.id, { comment: 'Godt skrevet' });
    expect(await deletePost(database.db, w.staffSouth.actor, post.post.id)).toEqual({ ok: false, reason: 'forbidden' });
    const before = await counts(database);
    expect(await deletePost(database.db, w.boardNorth.actor, post.post.id)).toEqual({ ok: true });
    const after = await counts(database);
    expect(after).toMatchObject({ posts: before.posts - 1, covers: before.covers - 1, comments: before.comments - 1 });
  });
});

describe('the cover', () => {
  it('takes a JPEG, PNG or WebP of at most 2 MB with its text, and refuses anything else, writing nothing', async () => {
    const before = await counts(database);
    const html = { bytes: Buffer.from('<html><script>alert(1)</script></html>'), mime: 'image/png' };
    const svg = { bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), mime: 'image/svg+xml' };
    const big = { bytes: Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]), mime: 'image/png' };
    const liar = { bytes: PNG, mime: 'image/jpeg' };
    for (const cover of [html, svg, liar]) {
      expect(await createPost(database.db, w.staffNorth.actor, input({ coverAlt: 'x' }), { cover })).toMatchObject({ ok: false, errors: [{ path: 'cover', code: 'news.cover_wrong_type' }] });
    }
    expect(await createPost(database.db, w.staffNorth.actor, input({ coverAlt: 'x' }), { cover: big })).toMatchObject({ ok: false, errors: [{ path: 'cover', code: 'news.cover_too_large' }] });
    expect(await createPost(database.db, w.staffNorth.actor, input({ coverAlt: 'x' }), { cover: { bytes: Buffer.alloc(0), mime: 'image/png' } })).toMatchObject({ ok: false, errors: [{ path: 'cover', code: 'news.cover_empty' }] });
    expect(await createPost(database.db, w.staffNorth.actor, input(), { cover: { bytes: PNG, mime: 'image/png' } })).toMatchObject({ ok: false, errors: [{ path: 'coverAlt', code: 'news.cover_alt_required' }] });
    expect(await counts(database)).toEqual(before);
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP'), Buffer.alloc(64)]);
    const ok = await createPost(database.db, w.staffNorth.actor, input({ coverAlt: 'Tre pædagoger på legepladsen' }), { cover: { bytes: webp, mime: 'image/webp' } });
    expect(ok.ok && ok.post.coverVersion).toBeTruthy();
    if (!ok.ok) return;
    // Removing the cover drops its text too; a text without a cover is never kept.
    const removed = await updatePost(database.db, w.staffNorth.actor, ok.post.id, {}, { cover: null });
    expect(removed.ok && [removed.post.coverVersion, removed.post.coverAlt]).toEqual([null, null]);
  });
});

describe.skipIf(!onPostgres)('at the same moment (PostgreSQL)', () => {
  it('gives two posts with the same title written at once their own slugs', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => createPost(database.db, w.staffNorth.actor, input({ title: 'Samtidig nyhed' }))));
    const slugs = results.map((r) => (r.ok ? r.post.slug : `failed:${JSON.stringify(r)}`));
    expect(new Set(slugs).size).toBe(6);
    expect(slugs.every((s) => s.startsWith('samtidig-nyhed'))).toBe(true);
  });

  it('lets only one of two posts that choose the same slug at once have it; the other gets the field error', async () => {
    const results = await Promise.all([0, 1, 2].map(() => createPost(database.db, w.staffNorth.actor, input({ slug: 'kun-en-faar-den' }))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, errors: [{ path: 'slug', code: 'news.slug_taken' }] });
  });
});
