import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { materials, registrations } from './tables.js';
import { eventFor } from './access.js';
import { notFound, type Refusal } from '../../platform/outcomes.js';
import { can } from './policy.js';

export const MATERIAL_MAX_BYTES = 10 * 1024 * 1024;

const zip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06);
const ole = (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));

/**
 * The kinds of material accepted, by file extension, each with the first bytes its files start
 * with: a renamed script or an HTML page is refused whatever its name says.
 */
export const materialTypes: Record<string, { contentType: string; looksRight: (b: Buffer) => boolean }> = {
  pdf: { contentType: 'application/pdf', looksRight: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', looksRight: zip },
  ppt: { contentType: 'application/vnd.ms-powerpoint', looksRight: ole },
  key: { contentType: 'application/vnd.apple.keynote', looksRight: zip },
  zip: { contentType: 'application/zip', looksRight: zip },
  png: { contentType: 'image/png', looksRight: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  jpg: { contentType: 'image/jpeg', looksRight: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  jpeg: { contentType: 'image/jpeg', looksRight: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  gif: { contentType: 'image/gif', looksRight: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  webp: { contentType: 'image/webp', looksRight: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
};

/** The name as the uploader's computer gave it, without any folder and without control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(-200) || 'material';
}

export type MaterialFailure = { ok: false; reason: 'empty' | 'too_large' | 'wrong_type' };
export type UploadResult = { ok: true; material: { id: string; fileName: string; contentType: string; size: number } } | MaterialFailure | Refusal;

/** Attaches slides or other material to an event (staff of its unit). Kept in the row, like the directory's photos. */
export async function uploadMaterial(db: Db, actor: Actor, eventId: string, file: { fileName: string; bytes: Buffer }): Promise<UploadResult> {
  const fileName = cleanFileName(file.fileName);
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const type = materialTypes[ext];
  return db.transaction(async (tx): Promise<UploadResult> => {
    const found = await eventFor(tx, actor, eventId, 'event.manage_material');
    if (!found.ok) return found;
    if (file.bytes.length === 0) return { ok: false, reason: 'empty' };
    if (file.bytes.length > MATERIAL_MAX_BYTES) return { ok: false, reason: 'too_large' };
    if (!type || !type.looksRight(file.bytes)) return { ok: false, reason: 'wrong_type' };
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

