import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../platform/db/database.js';
import { onPostgres, testDatabase } from '../../test/database.js';
import { makeIssue, publishingWorld, type PublishingWorld } from './magazine.fixture.js';
import { createIssue } from './issues.js';
import { createArticle, moveArticle } from './articles.js';
import { issueBySlug } from './queries.js';
import { articleInput, issueInput } from './schema.js';

/** What happens when staff act at the same moment: only a real server runs transactions side by side. */
describe.skipIf(!onPostgres)('the magazine under simultaneous changes (PostgreSQL)', () => {
  let database: Database;
  let w: PublishingWorld;
  beforeAll(async () => {
    database = await testDatabase(20);
    w = await publishingWorld(database);
  });
  afterAll(() => database?.close());

  it('gives articles added at once positions 1, 2, 3 … with no two alike', async () => {
    const issue = await makeIssue(w, { publish: false });
    await Promise.all(Array.from({ length: 10 }, (_, i) => createArticle(database.db, w.staff.actor, issue.id, articleInput.parse({ title: `Samtidig ${i}`, content: 'x' }))));
    const rows = await queryRows<{ position: number }>(database.db, sql`select position from magazine_articles where issue_id = ${issue.id} order by position`);
    expect(rows.map((r) => r.position)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
  });

  it('keeps the order a permutation when articles are moved at once', async () => {
    const issue = await makeIssue(w, { publish: false });
    const found = await issueBySlug(database.db, w.staff.actor, issue.slug);
    if (!found.ok) throw new Error('issue');
    const ids = found.issue.articles.map((a) => a.id);
    await Promise.all([
      moveArticle(database.db, w.staff.actor, issue.id, ids[0], { direction: 'down' }),
      moveArticle(database.db, w.staff.actor, issue.id, ids[2], { direction: 'up' }),
      moveArticle(database.db, w.staff.actor, issue.id, ids[1], { direction: 'down' }),
    ]);
    const rows = await queryRows<{ position: number }>(database.db, sql`select position from magazine_articles where issue_id = ${issue.id} order by position`);
    expect(rows.map((r) => r.position)).toEqual([1, 2, 3]);
  });

  it('gives issues with the same title made at once each their own slug', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => createIssue(database.db, w.staff.actor, issueInput.parse({ title: 'Samme titel', number: String(100 + i), year: '2035', publishedOn: '2035-01-01', audience: 'public' }))),
    );
    const slugs = results.map((r) => (r.ok ? r.issue.slug : r.reason));
    expect(new Set(slugs).size).toBe(6);
    expect(slugs.every((s) => s.startsWith('samme-titel'))).toBe(true);
  });

  it('refuses the second of two issues given the same number at once, naming the field', async () => {
    const results = await Promise.all(
      ['Første', 'Anden'].map((title) => createIssue(database.db, w.staff.actor, issueInput.parse({ title, number: '7', year: '2036', publishedOn: '2036-01-01', audience: 'public' }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'number', code: 'magazine.number_taken' }] });
  });
});
