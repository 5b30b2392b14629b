import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { uniqueViolation } from '../../platform/db/sql.js';
import { nextFreeSlug, slugify as spell, slugPattern } from '../../platform/slugs.js';
import { reachesUnit, type Actor } from '../../platform/actor.js';
import { audit, changedFields } from '../../platform/audit/audit.js';
import { newsPosts } from './tables.js';
import { can } from './policy.js';
import { findPost, forgetLatestPosts, postFor, type PostRow } from './queries.js';
import { type Refusal, type FieldProblem } from '../../platform/outcomes.js';
import { checkCover, writeCover, type CoverUpload } from './cover.js';
import type { PostInput, PostPatch } from './schema.js';
import { authorRoleSql } from './authors.js';

export type PostInvalid = { ok: false; reason: 'invalid'; errors: FieldProblem[] };
export type PostResult = { ok: true; post: PostRow } | PostInvalid | Refusal;

const invalid = (...errors: FieldProblem[]): PostInvalid => ({ ok: false, reason: 'invalid', errors });

/** The title spelled for an address (æ → ae, å → aa, ö → oe), at most 80 characters. */
export function slugify(title: string): string {
  const slug = spell(title, 80);
  // A title of only signs, or one that spells a page of its own, still gets an address.
  return !slug || slug === 'new' || slug === 'manage' || slug === 'feed' ? `indlaeg${slug ? `-${slug}` : ''}` : slug;
}

/**
 * `loenforhandlinger-2026`, with `-2`, `-3` … when taken. Posts made from the same title at the same
 * moment take their numbers one after the other (a lock on the base until commit), not the same one.
 */
async function freeSlug(tx: Db, title: string): Promise<string> {
  const base = slugify(title);
  await tx.execute(sql`select pg_advisory_xact_lock(5470001, hashtext(${base}))`);
  const rows = await queryRows<{ slug: string }>(tx, sql`select slug from news_posts where slug = ${base} or slug like ${slugPattern(base)}`);
  return nextFreeSlug(
    base,
    rows.map((r) => r.slug),
  );
}

async function slugTaken(tx: Db, slug: string, exceptId: string | null): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(tx, sql`select id from news_posts where slug = ${slug}`);
  return rows.some((r) => r.id !== exceptId);
}

/**
 * An author is a staff or board member (or an admin) today whose role reaches the unit: held in the
 * unit itself or in a unit above it.
 */
async function mayAuthor(tx: Db, personId: string, unitId: string): Promise<boolean> {
  const rows = await queryRows<{ ok: boolean }>(tx, sql`select true as ok from role_assignments r where r.person_id = ${personId} and ${authorRoleSql([unitId])} limit 1`);
  return rows.length > 0;
}

const isSlugClash = (err: unknown): boolean => uniqueViolation(err) === 'news_posts_slug_unique';

/** The checks a post's fields need the database for: unit, author, slug, date and cover text. */
async function checkPost(
  tx: Db,
  actor: Actor,
  v: { unitId: string; authorId: string | null; slug: string | null; publishedAt: Date | null; coverAlt: string | null },
  ctx: { id: string | null; hasCover: boolean },
): Promise<PostInvalid | null> {
  const errors: FieldProblem[] = [];
  const [unit] = await queryRows<{ id: string }>(tx, sql`select id from units where id = ${v.unitId}`);
  if (!unit) errors.push({ path: 'unitId', code: 'news.unit_not_found' });
  else if (!reachesUnit(actor, v.unitId, 'staff', 'board')) errors.push({ path: 'unitId', code: 'news.unit_not_allowed' });
  if (unit && v.authorId && !(await mayAuthor(tx, v.authorId, v.unitId))) errors.push({ path: 'authorId', code: 'news.author_not_allowed' });
  if (v.slug && (await slugTaken(tx, v.slug, ctx.id))) errors.push({ path: 'slug', code: 'news.slug_taken' });
  if (v.publishedAt && v.publishedAt.getTime() > Date.now() + 60_000) errors.push({ path: 'publishedAt', code: 'news.published_in_future' });
  if (ctx.hasCover && !v.coverAlt) errors.push({ path: 'coverAlt', code: 'news.cover_alt_required' });
  return errors.length ? invalid(...errors) : null;
}

/** The cover as it will be stored, or its field error; undefined leaves it as it is. */
function coverOf(upload: CoverUpload | null | undefined): { ok: true; cover: { bytes: Buffer; mime: string } | null | undefined } | PostInvalid {
  if (upload === undefined || upload === null) return { ok: true, cover: upload };
  const checked = checkCover(upload);
  if (!checked.ok) return invalid({ path: 'cover', code: checked.code, params: { max: 2 } });
  return { ok: true, cover: { bytes: upload.bytes, mime: checked.mime } };
}

const filledFields = (input: Record<string, unknown>) =>
  Object.keys(input).filter((k) => {
    const v = input[k];
    return v !== null && v !== undefined && v !== '';
  });

/**
 * A new post of a unit the actor writes for, as a draft or published at once (then dated now unless
 * dated back). Everything is checked before anything is written; the cover goes in with the post.
 */
export async function createPost(db: Db, actor: Actor, input: PostInput, opts: { cover?: CoverUpload | null } = {}): Promise<PostResult> {
  if (!can(actor, 'news.manage')) return { ok: false, reason: 'forbidden' };
  const cover = coverOf(opts.cover);
  if (!cover.ok) return cover;
  const authorId = input.authorId ?? (actor.kind === 'person' ? actor.personId : null);
  const attempt = () =>
    db.transaction(async (tx): Promise<PostResult> => {
      const failure = await checkPost(tx, actor, { ...input, authorId: input.authorId }, { id: null, hasCover: Boolean(cover.cover) });
      if (failure) return failure;
      const slug = input.slug ?? (await freeSlug(tx, input.title));
      // Dated by the database's clock, which decides when a post is out.
      const publishedAt = input.publishedAt ?? (input.status === 'published' ? sql`now()` : null);
      const [row] = await tx
        .insert(newsPosts)
        .values({
          slug,
          kind: input.kind,
          title: input.title,
          summary: input.summary,
          body: input.body,
          unitId: input.unitId,
          authorId,
          audience: input.audience,
          commentsEnabled: input.commentsEnabled,
          status: input.status,
          publishedAt,
          coverAlt: cover.cover ? input.coverAlt : null,
          createdBy: actor.kind === 'person' ? actor.personId : null,
        })
        .returning({ id: newsPosts.id });
      if (cover.cover) await writeCover(tx, row.id, cover.cover);
      const fields = filledFields({ ...input, cover: cover.cover ? 'set' : null });
      await audit(tx, actor, { action: 'create', entityType: 'news_post', entityId: row.id, fields });
      return { ok: true, post: (await findPost(tx, row.id))! };
    });
  for (let tries = 1; ; tries++) {
    try {
      return await afterChange(attempt());
    } catch (err) {
      if (!isSlugClash(err)) throw err;
      // Someone took the slug between the check and the insert: a chosen one is taken, a made one moves on
      // (made ones wait for each other; this is for a chosen slug that happens to equal a made one).
      if (input.slug) return invalid({ path: 'slug', code: 'news.slug_taken' });
      if (tries >= 3) throw err;
    }
  }
}

/**
 * Changes a post under its row lock: only the fields given. Publishing dates a post that was never
 * out; unpublishing keeps its date, so publishing it again does not move it to the top. A cover of
 * `null` removes it.
 */
export async function updatePost(db: Db, actor: Actor, id: string, patch: PostPatch, opts: { cover?: CoverUpload | null } = {}): Promise<PostResult> {
  const cover = coverOf(opts.cover);
  if (!cover.ok) return cover;
  try {
    return await afterChange(db.transaction(async (tx): Promise<PostResult> => {
      const found = await postFor(tx, actor, id, 'news.write', { lock: true });
      if (!found.ok) return found;
      const before = found.post;
      const next = {
        unitId: patch.unitId ?? before.unitId,
        authorId: patch.authorId === undefined ? before.authorId : patch.authorId,
        coverAlt: patch.coverAlt === undefined ? before.coverAlt : patch.coverAlt,
        status: patch.status ?? before.status,
      };
      const hasCover = cover.cover === undefined ? before.coverVersion !== null : cover.cover !== null;
      const failure = await checkPost(
        tx,
        actor,
        {
          unitId: next.unitId,
          // An author kept from before is not checked again: they may since have left the unit.
          authorId: patch.authorId && patch.authorId !== before.authorId ? patch.authorId : null,
          slug: patch.slug && patch.slug !== before.slug ? patch.slug : null,
          publishedAt: patch.publishedAt ?? null,
          coverAlt: next.coverAlt,
        },
        { id: before.id, hasCover },
      );
      // Moving a post to a unit one does not write for is refused like any other bad field.
      if (failure) return failure;
      const publishedAt = patch.publishedAt ?? (next.status === 'published' && before.publishedAt === null ? sql`now()` : undefined);
      const changes = {
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.slug !== undefined ? { slug: patch.slug } : {}),
        ...(patch.summary !== undefined ? { summary: patch.summary } : {}),
        ...(patch.body !== undefined ? { body: patch.body } : {}),
        ...(patch.unitId !== undefined ? { unitId: patch.unitId } : {}),
        ...(patch.authorId !== undefined ? { authorId: patch.authorId } : {}),
        ...(patch.audience !== undefined ? { audience: patch.audience } : {}),
        ...(patch.commentsEnabled !== undefined ? { commentsEnabled: patch.commentsEnabled } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(publishedAt !== undefined ? { publishedAt } : {}),
        coverAlt: hasCover ? next.coverAlt : null,
      };
      const fields = changedFields(before as unknown as Record<string, unknown>, changes);
      if (cover.cover !== undefined && (cover.cover !== null || before.coverVersion !== null)) fields.push('cover');
      if (fields.length === 0) return { ok: true, post: before };
      await tx
        .update(newsPosts)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(newsPosts.id, before.id));
      if (cover.cover !== undefined) await writeCover(tx, before.id, cover.cover);
      await audit(tx, actor, { action: 'update', entityType: 'news_post', entityId: before.id, fields });
      return { ok: true, post: (await findPost(tx, before.id))! };
    }));
  } catch (err) {
    if (isSlugClash(err)) return invalid({ path: 'slug', code: 'news.slug_taken' });
    throw err;
  }
}

export const publishPost = (db: Db, actor: Actor, id: string) => updatePost(db, actor, id, { status: 'published' });
export const unpublishPost = (db: Db, actor: Actor, id: string) => updatePost(db, actor, id, { status: 'draft' });

/** Deletes a post with its cover and comments. */
export async function deletePost(db: Db, actor: Actor, id: string): Promise<{ ok: true } | Refusal> {
  return afterChange(db.transaction(async (tx) => {
    const found = await postFor(tx, actor, id, 'news.write', { lock: true });
    if (!found.ok) return found;
    await tx.delete(newsPosts).where(eq(newsPosts.id, found.post.id));
    await audit(tx, actor, { action: 'delete', entityType: 'news_post', entityId: found.post.id });
    return { ok: true as const };
  }));
}

/** The front page keeps the newest posts a few seconds: it forgets them once a change has committed. */
async function afterChange<T>(change: Promise<T>): Promise<T> {
  const result = await change;
  forgetLatestPosts();
  return result;
}
