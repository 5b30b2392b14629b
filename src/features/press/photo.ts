import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { imageTypeOf } from '../../platform/files.js';
import { pressPhotos } from './tables.js';
import { releaseFor } from './queries.js';
import { type FieldProblem, type Refusal } from '../../platform/outcomes.js';

/** Press photos are printed: they come in full size, up to this. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/** A file as the browser sent it. */
export interface Upload {
  fileName: string;
  bytes: Buffer;
}

/** The photo's real type from its first bytes (JPEG, PNG or WebP), or the problem with it. */
export function checkPhoto(file: Upload): { ok: true; contentType: string } | { ok: false; error: FieldProblem } {
  if (file.bytes.length === 0) return { ok: false, error: { path: 'photo', code: 'press.photo_empty' } };
  if (file.bytes.length > PHOTO_MAX_BYTES) return { ok: false, error: { path: 'photo', code: 'press.photo_too_large', params: { max: PHOTO_MAX_BYTES / 1024 / 1024 } } };
  const contentType = imageTypeOf(file.bytes);
  return contentType ? { ok: true, contentType } : { ok: false, error: { path: 'photo', code: 'press.photo_wrong_type' } };
}

export interface PhotoFile {
  version: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
  /** Out for everyone, so shared caches may keep it. */
  public: boolean;
}

/** The photo of a release the actor may see, in full size. */
export async function releasePhoto(db: Db, actor: Actor, slug: string): Promise<{ ok: true; photo: PhotoFile } | Refusal> {
  const found = await releaseFor(db, actor, { slug }, 'press.view');
  if (!found.ok) return found;
  const [row] = await db
    .select({ version: pressPhotos.version, fileName: pressPhotos.fileName, contentType: pressPhotos.contentType, bytes: pressPhotos.bytes })
    .from(pressPhotos)
    .where(eq(pressPhotos.releaseId, found.release.id));
  if (!row) return { ok: false, reason: 'not_found' };
  return { ok: true, photo: { ...row, public: found.release.released } };
}
