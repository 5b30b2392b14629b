import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { imageTypeOf } from '../../platform/files.js';
import type { Actor } from '../../platform/actor.js';
import { newsPostCovers } from './tables.js';
import { postFor } from './queries.js';

export const COVER_MAX_BYTES = 2 * 1024 * 1024;
export const coverTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** An uploaded cover as the browser declared it. */
export interface CoverUpload {
  bytes: Buffer;
  mime: string;
  /** The upload was cut off at the limit (the page's multipart limit is the cover limit). */
  truncated?: boolean;
}

export type CoverProblem = 'news.cover_empty' | 'news.cover_too_large' | 'news.cover_wrong_type';

/** The cover's problem, or null when it may be stored; its type is the one its bytes show. */
export function checkCover(upload: CoverUpload): { ok: true; mime: string } | { ok: false; code: CoverProblem } {
  if (upload.truncated || upload.bytes.length > COVER_MAX_BYTES) return { ok: false, code: 'news.cover_too_large' };
  if (upload.bytes.length === 0) return { ok: false, code: 'news.cover_empty' };
  const found = imageTypeOf(upload.bytes);
  // The declared type must agree with the bytes: a PNG sent as text/html is not taken either.
  if (!found || (upload.mime !== found && !(upload.mime === 'image/jpg' && found === 'image/jpeg'))) return { ok: false, code: 'news.cover_wrong_type' };
  return { ok: true, mime: found };
}

/** Replaces (or with null removes) a post's cover inside the caller's transaction. */
export async function writeCover(tx: Db, postId: string, cover: { bytes: Buffer; mime: string } | null): Promise<void> {
  if (!cover) {
    await tx.delete(newsPostCovers).where(eq(newsPostCovers.postId, postId));
    return;
  }
  await tx
    .insert(newsPostCovers)
    .values({ postId, bytes: cover.bytes, mime: cover.mime, size: cover.bytes.length })
    .onConflictDoUpdate({ target: newsPostCovers.postId, set: { bytes: cover.bytes, mime: cover.mime, size: cover.bytes.length, updatedAt: sql`now()` } });
}

/** The cover of a post the actor may read; `public` says whether any cache may keep it. */
export async function getCover(db: Db, actor: Actor, slug: string): Promise<{ bytes: Buffer; mime: string; public: boolean } | null> {
  const found = await postFor(db, actor, slug);
  if (!found.ok || found.post.coverVersion === null) return null;
  const [row] = await queryRows<{ bytes: Buffer | Uint8Array; mime: string }>(db, sql`select bytes, mime from news_post_covers where post_id = ${found.post.id}`);
  if (!row) return null;
  const p = found.post;
  const isPublic = p.status === 'published' && p.audience === 'public' && p.publishedAt !== null && p.publishedAt.getTime() <= Date.now();
  return { bytes: Buffer.isBuffer(row.bytes) ? row.bytes : Buffer.from(row.bytes), mime: row.mime, public: isPublic };
}
