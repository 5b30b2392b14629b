import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { uniqueViolation } from '../../platform/db/sql.js';
import type { Actor } from '../../platform/actor.js';
import { audit, changedFields } from '../../platform/audit/audit.js';
import { magazineArticles, magazineIssues } from './tables.js';
import { issueFor, type MagazineInvalid } from './queries.js';
import { notFound, type Refusal } from '../../platform/outcomes.js';
import { nextFreeSlug, slugFor, slugPattern } from '../../platform/slugs.js';
import type { ArticleInput, MoveInput } from './schema.js';

export type ArticleRow = typeof magazineArticles.$inferSelect;
export type ArticleResult = { ok: true; article: ArticleRow } | MagazineInvalid | Refusal;

/** Words that are pages under /magazine/{issue}/, never an article. */
export const RESERVED_ARTICLE_SLUGS = ['edit', 'cover', 'pdf', 'publish', 'unpublish', 'delete', 'new-article'] as const;

const touchIssue = (tx: Db, issueId: string) => tx.update(magazineIssues).set({ updatedAt: sql`now()` }).where(eq(magazineIssues.id, issueId));

/** A new article at the end of the issue's table of contents. */
export async function createArticle(db: Db, actor: Actor, issueId: string, input: ArticleInput): Promise<ArticleResult> {
  for (let tries = 1; ; tries++) {
    try {
      return await db.transaction(async (tx): Promise<ArticleResult> => {
        // The issue's lock puts two articles added at once one after the other: each gets its own position.
        const found = await issueFor(tx, actor, { id: issueId }, 'magazine.manage', { lock: true });
        if (!found.ok) return found;
        const base = slugFor(input.title, 'artikel');
        const [taken, [{ last }]] = await Promise.all([
          queryRows<{ slug: string }>(tx, sql`select slug from magazine_articles where issue_id = ${issueId} and (slug = ${base} or slug like ${slugPattern(base)})`),
          queryRows<{ last: number }>(tx, sql`select coalesce(max(position), 0)::int as last from magazine_articles where issue_id = ${issueId}`),
        ]);
        const slug = nextFreeSlug(
          base,
          taken.map((r) => r.slug),
          RESERVED_ARTICLE_SLUGS,
        );
        const [article] = await tx
          .insert(magazineArticles)
          .values({ issueId, slug, title: input.title, summary: input.summary, body: input.content, authorName: input.authorName, position: last + 1 })
          .returning();
        await touchIssue(tx, issueId);
        await audit(tx, actor, { action: 'create', entityType: 'magazine_article', entityId: article.id, fields: Object.keys(input) });
        return { ok: true, article };
      });
    } catch (err) {
      if (uniqueViolation(err) === 'magazine_articles_slug_unique' && tries < 3) continue;
      throw err;
    }
  }
}

/** The article of this issue, under the issue's lock, if the actor may change the issue. */
async function articleFor(tx: Db, actor: Actor, issueId: string, articleId: string): Promise<{ ok: true; article: ArticleRow } | Refusal> {
  const found = await issueFor(tx, actor, { id: issueId }, 'magazine.manage', { lock: true });
  if (!found.ok) return found;
  const [article] = await tx
    .select()
    .from(magazineArticles)
    .where(and(eq(magazineArticles.id, articleId), eq(magazineArticles.issueId, issueId)));
  return article ? { ok: true, article } : notFound;
}

/** Changes an article; its slug stays. */
export async function updateArticle(db: Db, actor: Actor, issueId: string, articleId: string, input: ArticleInput): Promise<ArticleResult> {
  return db.transaction(async (tx): Promise<ArticleResult> => {
    const found = await articleFor(tx, actor, issueId, articleId);
    if (!found.ok) return found;
    const values = { title: input.title, summary: input.summary, body: input.content, authorName: input.authorName };
    const fields = changedFields(found.article as unknown as Record<string, unknown>, values).map((f) => (f === 'body' ? 'content' : f));
    if (fields.length === 0) return found;
    const [article] = await tx
      .update(magazineArticles)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(magazineArticles.id, articleId))
      .returning();
    await touchIssue(tx, issueId);
    await audit(tx, actor, { action: 'update', entityType: 'magazine_article', entityId: articleId, fields });
    return { ok: true, article };
  });
}

/**
 * Moves an article one place up or down the table of contents by swapping positions with its
 * neighbour. At the top (or bottom) already, nothing changes.
 */
export async function moveArticle(db: Db, actor: Actor, issueId: string, articleId: string, input: MoveInput): Promise<{ ok: true; moved: boolean } | Refusal> {
  return db.transaction(async (tx) => {
    const found = await articleFor(tx, actor, issueId, articleId);
    if (!found.ok) return found;
    const { position } = found.article;
    const [neighbour] = await queryRows<{ id: string; position: number }>(
      tx,
      input.direction === 'up'
        ? sql`select id, position from magazine_articles where issue_id = ${issueId} and (position, id) < (${position}, ${articleId}::uuid) order by position desc, id desc limit 1`
        : sql`select id, position from magazine_articles where issue_id = ${issueId} and (position, id) > (${position}, ${articleId}::uuid) order by position, id limit 1`,
    );
    if (!neighbour) return { ok: true as const, moved: false };
    // Equal positions (never made here, but cheap to survive) still end up in the asked order.
    const [mine, theirs] = neighbour.position === position ? (input.direction === 'up' ? [position - 1, position] : [position + 1, position]) : [neighbour.position, position];
    await tx.update(magazineArticles).set({ position: mine, updatedAt: sql`now()` }).where(eq(magazineArticles.id, articleId));
    await tx.update(magazineArticles).set({ position: theirs, updatedAt: sql`now()` }).where(eq(magazineArticles.id, neighbour.id));
    await touchIssue(tx, issueId);
    await audit(tx, actor, { action: 'update', entityType: 'magazine_article', entityId: articleId, fields: ['position'] });
    return { ok: true as const, moved: true };
  });
}

export async function deleteArticle(db: Db, actor: Actor, issueId: string, articleId: string): Promise<{ ok: true } | Refusal> {
  return db.transaction(async (tx) => {
    const found = await articleFor(tx, actor, issueId, articleId);
    if (!found.ok) return found;
    await tx.delete(magazineArticles).where(eq(magazineArticles.id, articleId));
    // The ones after it move up, so positions stay 1, 2, 3 …
    await tx.execute(sql`update magazine_articles set position = position - 1 where issue_id = ${issueId} and position > ${found.article.position}`);
    await touchIssue(tx, issueId);
    await audit(tx, actor, { action: 'delete', entityType: 'magazine_article', entityId: articleId });
    return { ok: true as const };
  });
}
