import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { uniqueViolation } from '../../platform/db/sql.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { nextFreeSlug, slugFor, slugPattern } from '../../platform/slugs.js';
import { pressPhotos, pressReleases, type ReleaseStatus } from './tables.js';
import { can } from './policy.js';
import { contactChoices, releaseFor, type PressInvalid, type Release } from './queries.js';
import { forbidden, type FieldProblem, type Refusal } from '../../platform/outcomes.js';
import { checkPhoto, type Upload } from './photo.js';
import { cleanFileName } from '../../platform/files.js';
import type { ReleaseInput } from './schema.js';

export type ReleaseResult = { ok: true; release: Release } | PressInvalid | Refusal;
export type WrongStatus = { ok: false; reason: 'wrong_status'; status: ReleaseStatus };

/** Words that are pages under /press, never a release. */
export const RESERVED_RELEASE_SLUGS = ['new', 'feed'] as const;

/**
 * Everything about the input the database must answer: the contact is someone journalists can
 * reach (a published entry in the staff directory), the photo is a photo, and a release with a
 * photo — a new one, or the one it keeps — names the photographer and says what the photo shows.
 */
async function problemsOf(tx: Db, input: ReleaseInput, photo: Upload | null, hasPhotoNow: boolean): Promise<{ errors: FieldProblem[]; contentType: string | null }> {
  const errors: FieldProblem[] = [];
  const contacts = await contactChoices(tx);
  if (!contacts.some((c) => c.personId === input.contactPersonId)) errors.push({ path: 'contactPersonId', code: 'press.contact_unknown' });
  let contentType: string | null = null;
  if (photo) {
    const checked = checkPhoto(photo);
    if (checked.ok) contentType = checked.contentType;
    else errors.push(checked.error);
  }
  const hasPhoto = photo !== null || (hasPhotoNow && !input.removePhoto);
  if (hasPhoto && !input.photoCredit) errors.push({ path: 'photoCredit', code: 'press.photo_credit_required' });
  if (hasPhoto && !input.photoAlt) errors.push({ path: 'photoAlt', code: 'press.photo_alt_required' });
  return { errors, contentType };
}

/** Writes the photo part of the input: a new file, new words for the one it has, or none. Returns the fields changed. */
async function writePhoto(tx: Db, releaseId: string, input: ReleaseInput, photo: Upload | null, contentType: string | null, had: Release['photo']): Promise<string[]> {
  if (photo && contentType) {
    const values = { fileName: cleanFileName(photo.fileName, 'foto'), contentType, size: photo.bytes.length, bytes: photo.bytes, credit: input.photoCredit!, alt: input.photoAlt! };
    await tx
      .insert(pressPhotos)
      .values({ releaseId, ...values })
      .onConflictDoUpdate({ target: pressPhotos.releaseId, set: { ...values, version: sql`gen_random_uuid()`, createdAt: sql`now()` } });
    return ['photo', 'photoCredit', 'photoAlt'];
  }
  if (had && input.removePhoto) {
    await tx.delete(pressPhotos).where(eq(pressPhotos.releaseId, releaseId));
    return ['photo'];
  }
  if (had && (had.credit !== input.photoCredit || had.alt !== input.photoAlt)) {
    await tx.update(pressPhotos).set({ credit: input.photoCredit!, alt: input.photoAlt! }).where(eq(pressPhotos.releaseId, releaseId));
    return [...(had.credit !== input.photoCredit ? ['photoCredit'] : []), ...(had.alt !== input.photoAlt ? ['photoAlt'] : [])];
  }
  return [];
}

const textOf = (input: ReleaseInput) => ({ title: input.title, summary: input.summary, body: input.content, contactPersonId: input.contactPersonId, embargoUntil: input.embargoUntil });

/** A new press release, as a draft (with its photo, if one comes). */
export async function createRelease(db: Db, actor: Actor, input: ReleaseInput, photo: Upload | null): Promise<ReleaseResult> {
  if (!can(actor, 'press.manage')) return forbidden;
  for (let tries = 1; ; tries++) {
    try {
      return await db.transaction(async (tx): Promise<ReleaseResult> => {
        const { errors, contentType } = await problemsOf(tx, input, photo, false);
        if (errors.length) return { ok: false, reason: 'invalid', errors };
        const base = slugFor(input.title, 'pressemeddelelse');
        // Releases with the same title saved at once wait for each other here, so each sees the slugs taken before it.
        await tx.execute(sql`select pg_advisory_xact_lock(5460102, hashtext(${base}))`);
        const taken = await queryRows<{ slug: string }>(tx, sql`select slug from press_releases where slug = ${base} or slug like ${slugPattern(base)}`);
        const slug = nextFreeSlug(
          base,
          taken.map((r) => r.slug),
          RESERVED_RELEASE_SLUGS,
        );
        const [row] = await tx
          .insert(pressReleases)
          .values({ ...textOf(input), slug, createdBy: actor.kind === 'person' ? actor.personId : null })
          .returning({ id: pressReleases.id });
        const photoFields = await writePhoto(tx, row.id, input, photo, contentType, null);
        const fields = ['title', 'summary', 'content', 'contactPersonId', ...(input.embargoUntil ? ['embargoUntil'] : []), ...photoFields];
        await audit(tx, actor, { action: 'create', entityType: 'press_release', entityId: row.id, fields });
        const created = await releaseFor(tx, actor, { id: row.id }, 'press.view');
        if (!created.ok) throw new Error('a created release is out of its author’s sight');
        return created;
      });
    } catch (err) {
      // Two releases with the same title saved at the same moment: the second takes the next free slug.
      if (uniqueViolation(err) === 'press_releases_slug_unique' && tries < 3) continue;
      throw err;
    }
  }
}

/** Changes a release and its photo in one go; its slug stays. A published release stays published. */
export async function updateRelease(db: Db, actor: Actor, id: string, input: ReleaseInput, photo: Upload | null): Promise<ReleaseResult> {
  return db.transaction(async (tx): Promise<ReleaseResult> => {
    const found = await releaseFor(tx, actor, { id }, 'press.manage', { lock: true });
    if (!found.ok) return found;
    const before = found.release;
    const { errors, contentType } = await problemsOf(tx, input, photo, before.photo !== null);
    if (errors.length) return { ok: false, reason: 'invalid', errors };
    const text = textOf(input);
    const fields = [
      ...(before.title !== text.title ? ['title'] : []),
      ...(before.summary !== text.summary ? ['summary'] : []),
      ...(before.body !== text.body ? ['content'] : []),
      ...(before.contactPersonId !== text.contactPersonId ? ['contactPersonId'] : []),
      ...((before.embargoUntil ?? '') !== (text.embargoUntil?.toISOString() ?? '') ? ['embargoUntil'] : []),
    ];
    if (fields.length) await tx.update(pressReleases).set({ ...text, updatedAt: sql`now()` }).where(eq(pressReleases.id, id));
    const photoFields = await writePhoto(tx, id, input, photo, contentType, before.photo);
    if (photoFields.length && !fields.length) await tx.update(pressReleases).set({ updatedAt: sql`now()` }).where(eq(pressReleases.id, id));
    if (fields.length + photoFields.length === 0) return found;
    await audit(tx, actor, { action: 'update', entityType: 'press_release', entityId: id, fields: [...fields, ...photoFields] });
    return (await releaseFor(tx, actor, { id }, 'press.view')) as ReleaseResult;
  });
}

/**
 * Publishes a draft now. With an embargo still ahead it is out when the embargo passes: the press
 * room, the feeds and the API show it from that moment, and not before.
 */
export async function publishRelease(db: Db, actor: Actor, id: string): Promise<ReleaseResult | WrongStatus> {
  return db.transaction(async (tx): Promise<ReleaseResult | WrongStatus> => {
    const found = await releaseFor(tx, actor, { id }, 'press.manage', { lock: true });
    if (!found.ok) return found;
    if (found.release.status !== 'draft') return { ok: false, reason: 'wrong_status', status: found.release.status };
    await tx.update(pressReleases).set({ status: 'published', publishedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(pressReleases.id, id));
    await audit(tx, actor, { action: 'update', entityType: 'press_release', entityId: id, fields: ['status', 'publishedAt'] });
    return (await releaseFor(tx, actor, { id }, 'press.view')) as ReleaseResult;
  });
}

/** Takes a release back to a draft: gone from the press room, the feeds and the API. */
export async function unpublishRelease(db: Db, actor: Actor, id: string): Promise<ReleaseResult | WrongStatus> {
  return db.transaction(async (tx): Promise<ReleaseResult | WrongStatus> => {
    const found = await releaseFor(tx, actor, { id }, 'press.manage', { lock: true });
    if (!found.ok) return found;
    if (found.release.status !== 'published') return { ok: false, reason: 'wrong_status', status: found.release.status };
    await tx.update(pressReleases).set({ status: 'draft', updatedAt: sql`now()` }).where(eq(pressReleases.id, id));
    await audit(tx, actor, { action: 'update', entityType: 'press_release', entityId: id, fields: ['status'] });
    return (await releaseFor(tx, actor, { id }, 'press.view')) as ReleaseResult;
  });
}

/** A draft is deleted with its photo; a published release is taken back to a draft first. */
export async function deleteRelease(db: Db, actor: Actor, id: string): Promise<{ ok: true } | Refusal | WrongStatus> {
  return db.transaction(async (tx) => {
    const found = await releaseFor(tx, actor, { id }, 'press.manage', { lock: true });
    if (!found.ok) return found;
    if (found.release.status !== 'draft') return { ok: false as const, reason: 'wrong_status' as const, status: found.release.status };
    await tx.delete(pressReleases).where(eq(pressReleases.id, id));
    await audit(tx, actor, { action: 'delete', entityType: 'press_release', entityId: id });
    return { ok: true as const };
  });
}
