import { and, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { cleanFileName, fileKindOf, fileKinds } from '../../platform/files.js';
import { forbidden, invalidInput, notFound, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { networkFor, type NetworkAccess } from './access.js';
import { can } from './policy.js';
import { networkFiles, networkFileVersions } from './tables.js';

/** Documents, spreadsheets, slides, images and archives; the platform checks each by its first bytes. */
export const NETWORK_FILE_MAX_BYTES = 20 * 1024 * 1024;
export const NETWORK_FILE_EXTENSIONS = Object.keys(fileKinds);

export type NetworkFileVersion = { id: string; version: number; fileName: string; contentType: string; size: number; uploadedBy: string | null; uploadedAt: Date };
export type NetworkFile = {
  id: string;
  networkId: string;
  title: string;
  description: string;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** The newest version first. */
  versions: NetworkFileVersion[];
  /** The reader may replace or delete it (its uploader, a coordinator). */
  mayChange: boolean;
};

export type FileReason = 'file_empty' | 'file_too_large' | 'file_wrong_type';
export type FileFailure = Refusal | Invalid | { ok: false; reason: FileReason };
export type Upload = { fileName: string; bytes: Buffer };

const uuidLike = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** The upload's kind if it is what its name says and within the size; else why not. */
function checkUpload(file: Upload): { ok: true; fileName: string; contentType: string } | { ok: false; reason: FileReason } {
  const fileName = cleanFileName(file.fileName, 'file');
  if (file.bytes.length === 0) return { ok: false, reason: 'file_empty' };
  if (file.bytes.length > NETWORK_FILE_MAX_BYTES) return { ok: false, reason: 'file_too_large' };
  const kind = fileKindOf(fileName, file.bytes);
  if (!kind) return { ok: false, reason: 'file_wrong_type' };
  return { ok: true, fileName, contentType: kind.contentType };
}

/** A participant adds a file to the network's library (title and description with it). */
export async function uploadNetworkFile(db: Db, actor: Actor, networkId: string, input: Upload & { title?: string; description?: string }): Promise<{ ok: true; fileId: string } | FileFailure> {
  const checked = checkUpload(input);
  return db.transaction(async (tx): Promise<{ ok: true; fileId: string } | FileFailure> => {
    const found = await networkFor(tx, actor, networkId, 'network.post');
    if (!found.ok) return found;
    if (!checked.ok) return checked;
    const title = (input.title ?? '').trim() || checked.fileName;
    if (title.length > 200) return invalidInput({ path: 'title', code: 'validation.too_long', params: { max: 200 } });
    const me = actorPersonId(actor);
    const [f] = await tx
      .insert(networkFiles)
      .values({ networkId, title, description: (input.description ?? '').trim().slice(0, 2000), createdBy: me })
      .returning({ id: networkFiles.id });
    await tx.insert(networkFileVersions).values({ fileId: f.id, version: 1, fileName: checked.fileName, contentType: checked.contentType, size: input.bytes.length, bytes: input.bytes, uploadedBy: me });
    await audit(tx, actor, { action: 'create', entityType: 'network_file', entityId: f.id, fields: ['title', 'fileName', 'bytes'] });
    return { ok: true, fileId: f.id };
  });
}

async function fileFor(tx: Db, actor: Actor, fileId: string, lock = false): Promise<{ ok: true; file: typeof networkFiles.$inferSelect; network: NetworkAccess } | Refusal> {
  if (!uuidLike(fileId)) return notFound;
  const q = tx.select().from(networkFiles).where(eq(networkFiles.id, fileId));
  const [file] = lock ? await q.for('update') : await q;
  if (!file) return notFound;
  const found = await networkFor(tx, actor, file.networkId, 'network.read');
  if (!found.ok) return notFound;
  return { ok: true, file, network: found.network };
}

const mayChange = (actor: Actor, file: { createdBy: string | null }, network: NetworkAccess) =>
  can(actor, 'network.coordinate', network) || (can(actor, 'network.post', network) && file.createdBy !== null && file.createdBy === actorPersonId(actor));

/** A new version of a file (its uploader or a coordinator); the old versions stay downloadable. */
export async function replaceNetworkFile(db: Db, actor: Actor, fileId: string, input: Upload & { description?: string }): Promise<{ ok: true; version: number } | FileFailure> {
  const checked = checkUpload(input);
  return db.transaction(async (tx): Promise<{ ok: true; version: number } | FileFailure> => {
    const found = await fileFor(tx, actor, fileId, true);
    if (!found.ok) return found;
    if (!mayChange(actor, found.file, found.network)) return forbidden;
    if (!checked.ok) return checked;
    const version = found.file.version + 1;
    await tx.insert(networkFileVersions).values({ fileId, version, fileName: checked.fileName, contentType: checked.contentType, size: input.bytes.length, bytes: input.bytes, uploadedBy: actorPersonId(actor) });
    await tx
      .update(networkFiles)
      .set({ version, updatedAt: new Date(), ...(input.description !== undefined ? { description: input.description.trim().slice(0, 2000) } : {}) })
      .where(eq(networkFiles.id, fileId));
    await audit(tx, actor, { action: 'update', entityType: 'network_file', entityId: fileId, fields: ['version', 'fileName', 'bytes'] });
    return { ok: true, version };
  });
}

/** Removes a file and all its versions (its uploader or a coordinator). */
export async function deleteNetworkFile(db: Db, actor: Actor, fileId: string): Promise<{ ok: true } | Refusal> {
  return db.transaction(async (tx): Promise<{ ok: true } | Refusal> => {
    const found = await fileFor(tx, actor, fileId, true);
    if (!found.ok) return found;
    if (!mayChange(actor, found.file, found.network)) return forbidden;
    await tx.delete(networkFiles).where(eq(networkFiles.id, fileId));
    await audit(tx, actor, { action: 'delete', entityType: 'network_file', entityId: fileId });
    return { ok: true };
  });
}

/** The library, newest change first, each file with its versions (never their bytes). */
export async function listNetworkFiles(db: Db, actor: Actor, networkId: string): Promise<{ ok: true; network: NetworkAccess; files: NetworkFile[] } | Refusal> {
  const found = await networkFor(db, actor, networkId, 'network.read');
  if (!found.ok) return found;
  const files = await db.select().from(networkFiles).where(eq(networkFiles.networkId, networkId)).orderBy(desc(networkFiles.updatedAt), networkFiles.id);
  const versions = files.length
    ? await queryRows<NetworkFileVersion & { fileId: string }>(
        db,
        sql`select v.id, v.file_id as "fileId", v.version, v.file_name as "fileName", v.content_type as "contentType", v.size,
              p.first_name || ' ' || p.last_name as "uploadedBy", v.uploaded_at as "uploadedAt"
            from network_file_versions v join network_files f on f.id = v.file_id left join persons p on p.id = v.uploaded_by
            where f.network_id = ${networkId}::uuid order by v.version desc`,
      )
    : [];
  return {
    ok: true,
    network: found.network,
    files: files.map((f) => ({
      id: f.id,
      networkId: f.networkId,
      title: f.title,
      description: f.description,
      version: f.version,
      createdBy: f.createdBy,
      createdAt: f.createdAt,
      updatedAt: f.updatedAt,
      versions: versions.filter((v) => v.fileId === f.id).map(({ fileId: _f, ...v }) => ({ ...v, uploadedAt: new Date(v.uploadedAt) })),
      mayChange: mayChange(actor, f, found.network),
    })),
  };
}

/** One version's bytes (the newest when none is named), for participants only; the read is audited. */
export async function downloadNetworkFile(db: Db, actor: Actor, fileId: string, version?: number): Promise<{ ok: true; fileName: string; contentType: string; bytes: Buffer } | Refusal> {
  const found = await fileFor(db, actor, fileId);
  if (!found.ok) return found;
  const [v] = await db
    .select({ fileName: networkFileVersions.fileName, contentType: networkFileVersions.contentType, bytes: networkFileVersions.bytes })
    .from(networkFileVersions)
    .where(and(eq(networkFileVersions.fileId, fileId), eq(networkFileVersions.version, version ?? found.file.version)));
  if (!v) return notFound;
  await audit(db, actor, { action: 'view', entityType: 'network_file', entityId: fileId, fields: ['bytes'] });
  return { ok: true, ...v };
}
