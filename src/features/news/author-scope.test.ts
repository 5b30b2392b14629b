import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formSession, loginAs, postMultipart, testApp, type TestApp } from '../../test/app.js';
import { persons, roleAssignments } from '../../kernel/tables.js';
import { counts, newPost, newsWorld, type NewsWorld } from './news.fixture.js';
import { findPost } from './queries.js';

/**
 * A district's staff choose a post's author among those who may write for their district — its own
 * staff and board, those of the national office above it, admins — never another district's staff,
 * and an author or unit outside that posted by hand is refused on its field with nothing written.
 */

let t: TestApp;
let w: NewsWorld;
let staff: string;
let national: { id: string; name: string };

beforeAll(async () => {
  t = await testApp();
  w = await newsWorld(t.database);
  const [p] = await t.database.db.insert(persons).values({ firstName: 'Nanna', lastName: 'Landskontor', email: `national.${Date.now()}@example.org` }).returning();
  await t.database.db.insert(roleAssignments).values({ personId: p.id, role: 'staff', unitId: w.org.national });
  national = { id: p.id, name: 'Nanna Landskontor' };
  staff = (await loginAs(t.database, w.staffNorth.id)).cookie;
});
afterAll(() => t?.close());

/** The author select's choices: id → name. */
function authorChoices(html: string): Map<string, string> {
  const select = /<select[^>]*name="authorId"[^>]*>([\s\S]*?)<\/select>/.exec(html);
  expect(select).not.toBeNull();
  return new Map([...select![1].matchAll(/<option value="([0-9a-f-]{36})"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]));
}

async function send(url: string, fields: Record<string, string>, cookie = staff) {
  const s = await formSession(t.app, '/news/new', cookie);
  return postMultipart(t.app, url, s, fields, []);
}

const fields = (extra: Record<string, string> = {}) => ({
  title: 'Fra kredsen',
  slug: '',
  kind: 'news',
  audience: 'public',
  unitId: w.org.north,
  authorId: w.staffNorth.id,
  summary: 'Kort',
  body: 'Tekst',
  commentsEnabled: 'on',
  coverAlt: '',
  ...extra,
});

describe('the author choice for a district’s staff', () => {
  it('offers the district’s staff and board, the national office and admins, not another district’s staff', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/news/new', headers: { cookie: staff } });
    expect(page.statusCode).toBe(200);
    const choices = authorChoices(page.body);
    for (const who of [w.staffNorth, w.boardNorth, w.admin, national]) expect(choices.get(who.id)).toBe(who.name);
    expect(choices.has(w.staffSouth.id)).toBe(false);
    expect(page.body).not.toContain(w.staffSouth.name);
    // An admin writes for every unit, and may name every district's staff.
    const admin = await t.app.inject({ method: 'GET', url: '/news/new', headers: { cookie: (await loginAs(t.database, w.admin.id)).cookie } });
    expect(authorChoices(admin.body).get(w.staffSouth.id)).toBe(w.staffSouth.name);
  });

  it('refuses another district’s staff as author, or another district as unit, posted by hand, writing nothing', async () => {
    const before = await counts(t.database);
    const author = await send('/news/new', fields({ authorId: w.staffSouth.id }));
    expect(author.statusCode).toBe(422);
    expect(author.body).toContain('href="#field-authorId"');
    expect(author.body).toContain('id="field-error-authorId"');
    expect(authorChoices(author.body).has(w.staffSouth.id)).toBe(false);
    const unit = await send('/news/new', fields({ unitId: w.org.south }));
    expect(unit.statusCode).toBe(422);
    expect(unit.body).toContain('href="#field-unitId"');
    expect(await counts(t.database)).toEqual(before);
  });

  it('refuses the change of a post’s author to another district’s staff, leaving the post as it was', async () => {
    const post = await newPost(w, { title: 'Skrevet i Nord', authorId: w.staffNorth.id });
    const before = await counts(t.database);
    const res = await send(`/news/${post.slug}/edit`, fields({ title: 'Skrevet i Syd', authorId: w.staffSouth.id }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="field-error-authorId"');
    expect(await findPost(t.database.db, post.id)).toMatchObject({ title: 'Skrevet i Nord', authorId: w.staffNorth.id });
    expect(await counts(t.database)).toEqual(before);
  });
});
