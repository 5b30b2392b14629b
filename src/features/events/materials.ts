import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { materials, registrations } from './tables.js';
import { eventFor } from './access.js';
import { notFound, type Refusal } from '../../platform/outcomes.js';
import { can } from './policy.js';
import { cleanFileName, fileKindOf, fileKinds } from '../../platform/files.js';

export const MATERIAL_MAX_BYTES = 10 * 1024 * 1024;

/** The kinds of material accepted (slides, documents, images), checked by their first bytes by the platform. */
const MATERIAL_EXTENSIONS = ['pdf', 'pptx', 'ppt', 'key', 'zip', 'png', 'jpg', 'jpeg', 'gif', 'webp'] as const;
export const materialTypes: Readonly<Record<string, { contentType: string }>> = Object.fromEntries(MATERIAL_EXTENSIONS.map((e) => [e, { contentType: fileKinds[e].contentType }]));

export type MaterialFailure = { ok: false; reason: 'empty' | 'too_large' | 'wrong_type' };
export type UploadResult = { ok: true; material: { id: string; fileName: string; contentType: string; size: number } } | MaterialFailure | Refusal;

/** Attaches slides or other material to an event (staff of its unit). Kept in the row, like the directory's photos. */
export async function uploadMaterial(db: Db, actor: Actor, eventId: string, file: { fileName: string; bytes: Buffer }): Promise<UploadResult> {
  const fileName = cleanFileName(file.fileName, 'material');
  const type = fileKindOf(fileName, file.bytes, MATERIAL_EXTENSIONS);
  return db.transaction(async (tx): Promise<UploadResult> => {
    const found = await eventFor(tx, actor, eventId, 'event.manage_material');
    if (!found.ok) return found;
    if (file.bytes.length === 0) return { ok: false, reason: 'empty' };
    if (file.bytes.length > MATERIAL_MAX_BYTES) return { ok: false, reason: 'too_large' };
    if (!type) return { ok: false, reason: 'wrong_type' };
    const [row] = await tx
      .insert(materials)
      .values({ eventId, fileName, contentType: type.contentType, bytes: file.bytes, size: file.bytes.length, uploadedBy: actor.kind === 'person' ? actor.personId : null })
      .returning({ id: materials.id, fileName: materials.fileName, contentType: materials.contentType, size: materials.size });
    await audit(tx, actor, { action: 'create', entityType: 'event_material', entityId: row.id, fields: ['fileName', 'bytes'] });
    return { ok: true, material: row };
  });
}

export async function deleteMaterial(db: Db, actor: Actor, eventId: string, materialId: string): Promise<{ ok: true } | Refusal> {
  return db.transaction(async (tx) => {
    const found = await eventFor(tx, actor, eventId, 'event.manage_material');
    if (!found.ok) return found;
    const deleted = await tx
      .delete(materials)
      .where(and(eq(materials.id, materialId), eq(materials.eventId, eventId)))
      .returning({ id: materials.id });
    if (deleted.length === 0) return notFound;
    await audit(tx, actor, { action: 'delete', entityType: 'event_material', entityId: materialId });
    return { ok: true as const };
  });
}

export interface MaterialFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  /** Everyone may fetch it: caches may keep it. */
  public: boolean;
}

/**
 * A file of an event's material: for everyone who may see the event when the event's material is
 * public, else for its participants (confirmed, checked in or not) and the event's staff and board.
 */
export async function getMaterial(db: Db, actor: Actor, eventId: string, materialId: string): Promise<MaterialFile | null> {
  const found = await eventFor(db, actor, eventId, 'event.view');
  if (!found.ok) return null;
  const [row] = await db
    .select({ fileName: materials.fileName, contentType: materials.contentType, bytes: materials.bytes })
    .from(materials)
    .where(and(eq(materials.id, materialId), eq(materials.eventId, eventId)));
  if (!row) return null;
  const isPublic = found.event.materialVisibility === 'public';
  let allowed = isPublic || can(actor, 'event.view_participants', found.event, found.viewer);
  if (!allowed && actor.kind === 'person') {
    const [mine] = await db
      .select({ id: registrations.id })
      .from(registrations)
      .where(and(eq(registrations.eventId, eventId), eq(registrations.personId, actor.personId), eq(registrations.status, 'confirmed')));
    allowed = Boolean(mine);
  }
  if (!allowed) return null;
  const bytes = Buffer.isBuffer(row.bytes) ? row.bytes : Buffer.from(row.bytes as unknown as Uint8Array);
  return { fileName: row.fileName, contentType: row.contentType, bytes, public: isPublic && found.event.audience === 'public' };
}

