import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { counts, newPost, newsWorld, type NewsWorld } from './news.fixture.js';
import { updatePost } from './posts.js';
import type { PostRow } from './queries.js';

/**
 * The readers' pages through app.inject: the list and a post for each kind of reader (anonymous
 * never sees a members-only post's text), comments from the form (on and off, too long, not a
 * member), moderation, and the front page's latest posts.
 */

let t: TestApp;
let w: NewsWorld;
let open: PostRow;
let secret: PostRow;
let draft: PostRow;
const cookie = {} as Record<'member' | 'member2' | 'former' | 'staffNorth' | 'staffSouth', string>;

beforeAll(async () => {
  t = await testApp();
  w = await newsWorld(t.database);
  open = await newPost(w, { title: 'Åben nyhed om overenskomsten', body: 'Vi har **forhandlet**.\n\n<script>alert(1)</script>' });
  secret = await newPost(w, { title: 'Lønstatistik for medlemmer', audience: 'members', body: 'Gennemsnitslønnen er 36.400 kr.' });
  draft = await newPost(w, { title: 'Hemmelig kladde', status: 'draft' });
  for (const who of ['member', 'member2', 'former', 'staffNorth', 'staffSouth'] as const) cookie[who] = (await loginAs(t.database, w[who].id)).cookie;
});
afterAll(() => t?.close());

const get = (url: string, c = '') => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(c ? { cookie: c } : {}) } });

describe('the list', () => {
  it('shows the public what is public and out, announcing the feeds in the head', async () => {
    const res = await get('/news');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(open.title);
    expect(res.body).not.toContain(secret.title);
    expect(res.body).not.toContain(draft.title);
    expect(res.body).toContain('<link rel="alternate" type="application/atom+xml" href="/news/feed.atom"');
    expect(res.body).toContain('<link rel="alternate" type="application/rss+xml" href="/news/feed.rss"');
    expect(res.body).toMatch(/<a href="\/news"[^>]*aria-current="page"[^>]*>Nyheder<\/a>/);
  });

  it('shows members the members-only posts with a badge, and filters by kind', async () => {
    const res = await get('/news', cookie.member);
    expect(res.body).toContain(secret.title);
    expect(res.body).toContain('Kun for medlemmer');
    expect(res.headers['cache-control']).toContain('no-store');
    expect((await get('/news', cookie.former)).body).not.toContain(secret.title);
    const blog = await newPost(w, { kind: 'blog', title: 'Et blogindlæg fra formanden' });
    const blogs = await get('/news?kind=blog');
    expect(blogs.body).toContain(blog.title);
    expect(blogs.body).not.toContain(open.title);
  });
});

describe('a post', () => {
  it('renders the Markdown, never raw HTML, and tells the public the comments are for members', async () => {
    const res = await get(`/news/${open.slug}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<strong>forhandlet</strong>');
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('&lt;script&gt;');
    expect(res.body).toContain('Kommentarerne er for medlemmer.');
    expect(res.body).not.toContain('name="comment"');
  });

  it('gives anonymous readers of a members-only post the log-in page, never its text; others without membership 404', async () => {
    const anon = await get(`/news/${secret.slug}`);
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toBe(`/login?next=${encodeURIComponent(`/news/${secret.slug}`)}`);
    expect(anon.body).not.toContain('36.400');
    const former = await get(`/news/${secret.slug}`, cookie.former);
    expect(former.statusCode).toBe(404);
    expect(former.body).not.toContain('36.400');
    const member = await get(`/news/${secret.slug}`, cookie.member);
    expect(member.statusCode).toBe(200);
    expect(member.body).toContain('36.400');
    expect(member.headers['cache-control']).toContain('no-store');
  });

  it('keeps drafts to the editors of the unit', async () => {
    expect((await get(`/news/${draft.slug}`, cookie.member)).statusCode).toBe(404);
    expect((await get(`/news/${draft.slug}`, cookie.staffSouth)).statusCode).toBe(404);
    expect((await get(`/news/${draft.slug}`)).statusCode).toBe(303);
    const staff = await get(`/news/${draft.slug}`, cookie.staffNorth);
    expect(staff.statusCode).toBe(200);
    expect(staff.body).toContain('Kladde');
    expect(staff.body).toContain(`href="/news/${draft.slug}/edit"`);
  });
});

describe('comments from the page', () => {
  const comment = async (slug: string, who: string, text: string) => {
    const s = await formSession(t.app, who ? `/news/${slug}` : '/login', who);
    return postForm(t.app, `/news/${slug}/comments`, s, { comment: text });
  };

  it('lets a member comment; the text keeps its line breaks and stays text', async () => {
    const p = await newPost(w, { title: 'Skriv en kommentar' });
    const res = await comment(p.slug, cookie.member, 'Første linje\n<b>anden</b> linje');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^/news/${p.slug}#comment-`));
    const page = await get(`/news/${p.slug}`, cookie.member2);
    expect(page.body).toContain('<span>Første linje</span><br/><span>&lt;b>anden&lt;/b> linje</span>');
    expect(page.body).toContain(w.member.name);
    expect(page.body).toContain('1 kommentar');
    // The public sees that there is a comment, not who wrote it.
    const anon = await get(`/news/${p.slug}`);
    expect(anon.body).toContain('1 kommentar');
    expect(anon.body).not.toContain(w.member.name);
  });

  it('refuses a comment too long or empty, from someone without membership, or from nobody, writing nothing', async () => {
    const p = await newPost(w);
    const before = await counts(t.database);
    const long = await comment(p.slug, cookie.member, 'x'.repeat(2001));
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('href="#comment-comment"');
    expect(long.body).toContain('Kommentar må højst være 2000 tegn.');
    expect((await comment(p.slug, cookie.member, '   ')).statusCode).toBe(422);
    expect((await comment(p.slug, cookie.former, 'Hej')).statusCode).toBe(403);
    const anon = await comment(p.slug, '', 'Hej');
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toMatch(/^\/login/);
    expect(await counts(t.database)).toEqual(before);
  });

  it('hides the form when comments are off but keeps the comments, and refuses a late one', async () => {
    const p = await newPost(w);
    await comment(p.slug, cookie.member, 'Kom før lukketid');
    await updatePost(t.database.db, w.staffNorth.actor, p.id, { commentsEnabled: false });
    const page = await get(`/news/${p.slug}`, cookie.member2);
    expect(page.body).toContain('Kom før lukketid');
    expect(page.body).toContain('Der er lukket for nye kommentarer.');
    expect(page.body).not.toContain('name="comment"');
    const before = await counts(t.database);
    const late = await comment(p.slug, cookie.member2, 'For sent');
    expect(late.statusCode).toBe(409);
    expect(await counts(t.database)).toEqual(before);
  });

  it('lets the editors hide with a reason (the writer still sees it, marked) and show again; the writer deletes their own', async () => {
    const p = await newPost(w);
    await comment(p.slug, cookie.member, 'Noget grimt om en kollega');
    const id = /id="comment-([0-9a-f-]{36})"/.exec((await get(`/news/${p.slug}`, cookie.member)).body)![1];
    // The south's staff may not moderate a north post; a member may not either.
    for (const c of [cookie.staffSouth, cookie.member2]) {
      const s = await formSession(t.app, `/news/${p.slug}`, c);
      expect((await postForm(t.app, `/news/${p.slug}/comments/${id}/hide`, s, { reason: '' })).statusCode).toBe(403);
    }
    const staff = await formSession(t.app, `/news/${p.slug}`, cookie.staffNorth);
    expect(staff.page.body).toContain(`action="/news/${p.slug}/comments/${id}/hide"`);
    expect((await postForm(t.app, `/news/${p.slug}/comments/${id}/hide`, staff, { reason: 'Personangreb' })).statusCode).toBe(303);
    expect((await get(`/news/${p.slug}`, cookie.member2)).body).not.toContain('Noget grimt');
    const own = await get(`/news/${p.slug}`, cookie.member);
    expect(own.body).toContain('Noget grimt');
    expect(own.body).toContain('Skjult af redaktionen: Personangreb');
    expect((await postForm(t.app, `/news/${p.slug}/comments/${id}/show`, staff, {})).statusCode).toBe(303);
    expect((await get(`/news/${p.slug}`, cookie.member2)).body).toContain('Noget grimt');
    const mine = await formSession(t.app, `/news/${p.slug}`, cookie.member);
    expect(mine.page.body).toContain(`action="/news/${p.slug}/comments/${id}/delete"`);
    expect((await postForm(t.app, `/news/${p.slug}/comments/${id}/delete`, mine, {})).statusCode).toBe(303);
    expect((await get(`/news/${p.slug}`, cookie.staffNorth)).body).not.toContain('Noget grimt');
  });

  it('slows down a burst of comments from one person', async () => {
    const limited = await testApp({ LOGIN_RATE_LIMIT: '2' }, t.database);
    try {
      const p = await newPost(w);
      const s = await formSession(limited.app, `/news/${p.slug}`, cookie.member);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await postForm(limited.app, `/news/${p.slug}/comments`, s, { comment: `Nummer ${i}` })).statusCode);
      expect(statuses).toEqual([303, 303, 429]);
      // Another member is not held back by the first one's burst.
      const other = await formSession(limited.app, `/news/${p.slug}`, cookie.member2);
      expect((await postForm(limited.app, `/news/${p.slug}/comments`, other, { comment: 'Mig' })).statusCode).toBe(303);
    } finally {
      await limited.close();
    }
  });
});

describe('the front page', () => {
  it('shows the three newest public posts and never a members-only one', async () => {
    const newest = [];
    for (let i = 0; i < 3; i++) newest.push(await newPost(w, { title: `Forsidenyhed ${i}` }));
    await newPost(w, { title: 'Forside for medlemmer', audience: 'members' });
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Seneste nyt');
    for (const p of newest) expect(res.body).toContain(`href="/news/${p.slug}"`);
    expect(res.body).not.toContain('Forside for medlemmer');
    expect(res.body).not.toContain(open.title);
  });

  it('shows a change to a post at once, though it keeps the page for visitors', async () => {
    const post = await newPost(w, { title: 'Forsidenyhed der ændres' });
    const first = await get('/');
    expect(first.body).toContain(post.title);
    expect((await get('/')).body).toBe(first.body);
    const changed = await updatePost(t.database.db, w.staffNorth.actor, post.id, { title: 'Forsidenyhed efter ændring' });
    expect(changed.ok).toBe(true);
    const after = await get('/');
    expect(after.body).toContain('Forsidenyhed efter ændring');
    expect(after.body).not.toContain('Forsidenyhed der ændres');
    await updatePost(t.database.db, w.staffNorth.actor, post.id, { status: 'draft' });
    expect((await get('/')).body).not.toContain('Forsidenyhed efter ændring');
  });

  it('gives a logged-in member their own front page, and visitors never theirs', async () => {
    const anonymous = await get('/');
    const mine = await get('/', cookie.member);
    expect(mine.body).toContain('action="/logout"');
    expect(mine.body).toContain(w.member.name);
    const after = await get('/');
    expect(after.body).toBe(anonymous.body);
    expect(after.body).not.toContain('action="/logout"');
  });
});
