import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { newsComments } from './tables.js';
import { can, mayComment, readsMembersOnly } from './policy.js';
import { forbidden, notFound, type Refusal } from '../../platform/outcomes.js';
import { postFor, type PostRow } from './queries.js';
import type { CommentInput, HideInput } from './schema.js';

/** A comment as a reader sees it; `hidden` ones reach only their writer and the editors. */
export interface CommentRow {
  id: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: Date;
  hidden: boolean;
  hiddenReason: string | null;
  /** The reader wrote it. */
  mine: boolean;
}

/**
 * The comments a reader may see, oldest first: members and staff read them (a commenter's name
 * tells that they are a member, which the public is not told); hidden ones only their writer and
 * those who moderate the post see.
 */
export async function listComments(db: Db, actor: Actor, post: PostRow): Promise<CommentRow[]> {
  if (!readsMembersOnly(actor) || !can(actor, 'news.read', post)) return [];
  const me = actor.kind === 'person' ? actor.personId : null;
  const moderates = can(actor, 'news.moderate', post);
  const rows = await queryRows<{ id: string; authorId: string; authorName: string; body: string; createdAt: string | Date; hidden: boolean; hiddenReason: string | null }>(
    db,
    sql`select c.id, c.author_id as "authorId", p.first_name || ' ' || p.last_name as "authorName", c.body, c.created_at as "createdAt",
          c.hidden_at is not null as hidden, c.hidden_reason as "hiddenReason"
        from news_comments c join persons p on p.id = c.author_id
        where c.post_id = ${post.id} and (c.hidden_at is null or ${moderates} or c.author_id = ${me}::uuid)
        order by c.created_at, c.id`,
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt), mine: r.authorId === me }));
}

export type CommentResult = { ok: true; commentId: string } | Refusal | { ok: false; reason: 'comments_closed' | 'not_out' };

/**
 * A member's (or staff member's) comment on a post they may read that is out and open for comments.
 * Turning comments off stops new ones; those written stay.
 */
export async function addComment(db: Db, actor: Actor, postId: string, input: CommentInput): Promise<CommentResult> {
  return db.transaction(async (tx): Promise<CommentResult> => {
    const found = await postFor(tx, actor, postId);
    if (!found.ok) return found;
    const post = found.post;
    if (!mayComment(actor) || actor.kind !== 'person') return forbidden;
    if (post.status !== 'published') return { ok: false, reason: 'not_out' };
    if (!post.commentsEnabled) return { ok: false, reason: 'comments_closed' };
    if (!can(actor, 'news.comment', post)) return { ok: false, reason: 'not_out' };
    const [row] = await tx.insert(newsComments).values({ postId: post.id, authorId: actor.personId, body: input.comment }).returning({ id: newsComments.id });
    await audit(tx, actor, { action: 'create', entityType: 'news_comment', entityId: row.id, fields: ['body'] });
    return { ok: true, commentId: row.id };
  });
}

/** The comment on this post, if the actor may read the post (and, unless it is theirs, its hidden comments). */
async function commentFor(tx: Db, actor: Actor, postId: string, commentId: string) {
  const found = await postFor(tx, actor, postId);
  if (!found.ok) return found;
  const [c] = await tx
    .select({ id: newsComments.id, authorId: newsComments.authorId, hiddenAt: newsComments.hiddenAt })
    .from(newsComments)
    .where(and(eq(newsComments.id, commentId), eq(newsComments.postId, found.post.id)))
    .for('update');
  if (!c) return notFound;
  const mine = actor.kind === 'person' && actor.personId === c.authorId;
  if (c.hiddenAt && !mine && !can(actor, 'news.moderate', found.post)) return notFound;
  return { ok: true as const, post: found.post, comment: c };
}

/** Editors hide a comment (with an optional reason its writer sees) or show it again. */
export async function setCommentHidden(db: Db, actor: Actor, postId: string, commentId: string, hide: HideInput | null): Promise<{ ok: true } | Refusal> {
  return db.transaction(async (tx) => {
    const found = await commentFor(tx, actor, postId, commentId);
    if (!found.ok) return found;
    if (!can(actor, 'news.moderate', found.post)) return forbidden;
    await tx
      .update(newsComments)
      .set(
        hide
          ? { hiddenAt: sql`now()`, hiddenBy: actor.kind === 'person' ? actor.personId : null, hiddenReason: hide.reason }
          : { hiddenAt: null, hiddenBy: null, hiddenReason: null },
      )
      .where(eq(newsComments.id, commentId));
    await audit(tx, actor, { action: 'update', entityType: 'news_comment', entityId: commentId, fields: hide ? ['hidden', ...(hide.reason ? ['hiddenReason'] : [])] : ['hidden'] });
    return { ok: true as const };
  });
}

/** Editors delete any comment of the post; a writer deletes their own. */
export async function deleteComment(db: Db, actor: Actor, postId: string, commentId: string): Promise<{ ok: true } | Refusal> {
  return db.transaction(async (tx) => {
    const found = await commentFor(tx, actor, postId, commentId);
    if (!found.ok) return found;
    if (!can(actor, 'news.delete_comment', { post: found.post, authorId: found.comment.authorId })) return forbidden;
    await tx.delete(newsComments).where(eq(newsComments.id, commentId));
    await audit(tx, actor, { action: 'delete', entityType: 'news_comment', entityId: commentId });
    return { ok: true as const };
  });
}
