import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { imageTypeOf, imageTypes } from '../../platform/files.js';
import { staffProfiles } from './tables.js';
import { mayEdit } from './profiles.js';

export const PHOTO_MAX_BYTES = 1024 * 1024;
export const photoTypes = imageTypes;

export type PhotoResult = { ok: true } | { ok: false; reason: 'empty' | 'too_large' | 'wrong_type' | 'no_profile' | 'forbidden' };

/** The file's first bytes must match its declared type: a renamed script or an SVG is not a photo. */
export function looksLikePhoto(mime: string, b: Buffer): boolean {
  return imageTypeOf(b) === mime;
}

/** Sets (or with null removes) the photo on an existing entry. Stored in the row: photos are small and every process can serve them. */
export async function setPhoto(db: Db, actor: Actor, personId: string, input: { bytes: Buffer; mime: string } | null): Promise<PhotoResult> {
  if (!mayEdit(actor, personId)) return { ok: false, reason: 'forbidden' };
  if (input) {
    if (input.bytes.length === 0) return { ok: false, reason: 'empty' };
    if (input.bytes.length > PHOTO_MAX_BYTES) return { ok: false, reason: 'too_large' };
    if (!(photoTypes as readonly string[]).includes(input.mime) || !looksLikePhoto(input.mime, input.bytes)) return { ok: false, reason: 'wrong_type' };
  }
  return db.transaction(async (tx): Promise<PhotoResult> => {
    const updated = await tx
      .update(staffProfiles)
      .set({ photo: input?.bytes ?? null, photoMime: input?.mime ?? null, updatedAt: sql`now()` })
      .where(eq(staffProfiles.personId, personId))
      .returning({ personId: staffProfiles.personId });
    if (updated.length === 0) return { ok: false, reason: 'no_profile' };
    await audit(tx, actor, { action: input ? 'update' : 'delete', entityType: 'staff_profile', entityId: personId, fields: ['photo'] });
    return { ok: true };
  });
}

/**
 * The photo of a published entry of someone on the staff today; the person themselves and admins
 * also see it while the entry is hidden (to check it before publishing).
 */
export async function getPhoto(db: Db, actor: Actor, personId: string): Promise<{ bytes: Buffer; mime: string; public: boolean } | null> {
  const [row] = await queryRows<{ photo: Buffer | Uint8Array | null; mime: string | null; public: boolean }>(
    db,
    sql`select sp.photo, sp.photo_mime as mime,
          sp.published and exists (select 1 from role_assignments r where r.person_id = sp.person_id and r.role = 'staff'
            and r.starts_on <= current_date and (r.ends_on is null or r.ends_on >= current_date)) as public
        from staff_profiles sp where sp.person_id = ${personId}`,
  );
  if (!row?.photo || !row.mime) return null;
  if (!row.public && !mayEdit(actor, personId)) return null;
  return { bytes: Buffer.isBuffer(row.photo) ? row.photo : Buffer.from(row.photo), mime: row.mime, public: row.public };
}
