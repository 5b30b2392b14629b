import { Readable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { cleanFileName, imageTypeOf, isPdf } from '../../platform/files.js';
import { magazineFiles, magazineIssues, type IssueFileKind } from './tables.js';
import { can } from './policy.js';
import { invalid, issueFor, type MagazineInvalid } from './queries.js';
import { notFound, type Refusal } from '../../platform/outcomes.js';
import type { CoverInput } from './schema.js';

export const COVER_MAX_BYTES = 5 * 1024 * 1024;
export const PDF_MAX_BYTES = 40 * 1024 * 1024;
export const MAX_BYTES: Record<IssueFileKind, number> = { cover: COVER_MAX_BYTES, pdf: PDF_MAX_BYTES };

/** A file as the browser sent it. */
export interface Upload {
  fileName: string;
  bytes: Buffer;
}

export type FileResult = { ok: true } | MagazineInvalid | Refusal;

/** Checks a file against its kind's limit and magic bytes; its content type comes from the bytes. */
export function checkFile(kind: IssueFileKind, file: Upload): { ok: true; contentType: string } | MagazineInvalid {
  const max = { max: Math.round(MAX_BYTES[kind] / 1024 / 1024) };
  if (file.bytes.length === 0) return invalid({ path: kind, code: 'magazine.file_empty' });
  if (file.bytes.length > MAX_BYTES[kind]) return invalid({ path: kind, code: 'magazine.file_too_large', params: max });
  const contentType = kind === 'pdf' ? (isPdf(file.bytes) ? 'application/pdf' : null) : imageTypeOf(file.bytes);
  if (!contentType) return invalid({ path: kind, code: kind === 'pdf' ? 'magazine.pdf_wrong_type' : 'magazine.cover_wrong_type' });
  return { ok: true, contentType };
}

async function replaceFile(tx: Db, issueId: string, kind: IssueFileKind, file: Upload, contentType: string): Promise<void> {
  await tx.delete(magazineFiles).where(and(eq(magazineFiles.issueId, issueId), eq(magazineFiles.kind, kind)));
  await tx.insert(magazineFiles).values({ issueId, kind, fileName: cleanFileName(file.fileName, `${kind}`), contentType, size: file.bytes.length, bytes: file.bytes });
}

/**
 * Sets the cover and its alt text, or only the alt text when no file comes (the cover stays). The
 * alt text is required: a cover says something those who cannot see it should hear too.
 */
export async function setCover(db: Db, actor: Actor, issueId: string, input: { file: Upload | null } & CoverInput): Promise<FileResult> {
  const checked = input.file ? checkFile('cover', input.file) : null;
  return db.transaction(async (tx): Promise<FileResult> => {
    const found = await issueFor(tx, actor, { id: issueId }, 'magazine.manage', { lock: true });
    if (!found.ok) return found;
    if (checked && !checked.ok) return checked;
    if (input.file && checked?.ok) {
      await replaceFile(tx, issueId, 'cover', input.file, checked.contentType);
    } else {
      const [existing] = await tx.select({ id: magazineFiles.id }).from(magazineFiles).where(and(eq(magazineFiles.issueId, issueId), eq(magazineFiles.kind, 'cover')));
      if (!existing) return invalid({ path: 'cover', code: 'magazine.choose_file' });
    }
    await tx.update(magazineIssues).set({ coverAlt: input.coverAlt, updatedAt: sql`now()` }).where(eq(magazineIssues.id, issueId));
    await audit(tx, actor, { action: 'update', entityType: 'magazine_issue', entityId: issueId, fields: input.file ? ['cover', 'coverAlt'] : ['coverAlt'] });
    return { ok: true };
  });
}

/** Sets (replaces) the issue's PDF. */
export async function setPdf(db: Db, actor: Actor, issueId: string, file: Upload | null): Promise<FileResult> {
  const checked = file ? checkFile('pdf', file) : null;
  return db.transaction(async (tx): Promise<FileResult> => {
    const found = await issueFor(tx, actor, { id: issueId }, 'magazine.manage', { lock: true });
    if (!found.ok) return found;
    if (!file || !checked) return invalid({ path: 'pdf', code: 'magazine.choose_file' });
    if (!checked.ok) return checked;
    await replaceFile(tx, issueId, 'pdf', file, checked.contentType);
    await tx.update(magazineIssues).set({ updatedAt: sql`now()` }).where(eq(magazineIssues.id, issueId));
    await audit(tx, actor, { action: 'update', entityType: 'magazine_issue', entityId: issueId, fields: ['pdf'] });
    return { ok: true };
  });
}

export async function removeFile(db: Db, actor: Actor, issueId: string, kind: IssueFileKind): Promise<FileResult> {
  return db.transaction(async (tx): Promise<FileResult> => {
    const found = await issueFor(tx, actor, { id: issueId }, 'magazine.manage', { lock: true });
    if (!found.ok) return found;
    const gone = await tx
      .delete(magazineFiles)
      .where(and(eq(magazineFiles.issueId, issueId), eq(magazineFiles.kind, kind)))
      .returning({ id: magazineFiles.id });
    if (gone.length === 0) return notFound;
    await tx
      .update(magazineIssues)
      .set({ updatedAt: sql`now()`, ...(kind === 'cover' ? { coverAlt: null } : {}) })
      .where(eq(magazineIssues.id, issueId));
    await audit(tx, actor, { action: 'delete', entityType: 'magazine_issue', entityId: issueId, fields: kind === 'cover' ? ['cover', 'coverAlt'] : ['pdf'] });
    return { ok: true };
  });
}

/** A file's facts, without its bytes: those are streamed by `fileStream`. */
export interface IssueFile {
  id: string;
  issueSlug: string;
  fileName: string;
  contentType: string;
  size: number;
  /** May shared caches keep it: a published issue's cover, a published public issue's PDF. */
  public: boolean;
}

/**
 * The cover of an issue the actor may see (covers are what a published issue shows everyone), or
 * the PDF of an issue the actor may read. A members-only PDF is `forbidden` to others, so the page
 * can ask them to log in; a draft's files are `not_found` to all but staff.
 */
export async function issueFile(db: Db, actor: Actor, slug: string, kind: IssueFileKind): Promise<{ ok: true; file: IssueFile } | Refusal> {
  const found = await issueFor(db, actor, { slug }, kind === 'cover' ? 'magazine.view' : 'magazine.read');
  if (!found.ok) return found;
  const [file] = await db
    .select({ id: magazineFiles.id, fileName: magazineFiles.fileName, contentType: magazineFiles.contentType, size: magazineFiles.size })
    .from(magazineFiles)
    .where(and(eq(magazineFiles.issueId, found.issue.id), eq(magazineFiles.kind, kind)));
  if (!file) return notFound;
  const published = found.issue.status === 'published';
  const isPublic = published && (kind === 'cover' || can({ kind: 'anonymous' }, 'magazine.read', found.issue));
  return { ok: true, file: { ...file, issueSlug: found.issue.slug, public: isPublic } };
}

const CHUNK = 1024 * 1024;

/**
 * The file's bytes as a stream, read from the database a megabyte at a time: a 40 MB PDF never sits
 * in the server's memory whole, and a slow reader holds no transaction open. A file replaced in the
 * middle of a download ends the stream with an error (the reader sees a short download, not a mix).
 */
export function fileStream(db: Db, file: { id: string; size: number }): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let offset = 0; offset < file.size; offset += CHUNK) {
      const [row] = await queryRows<{ part: Buffer | Uint8Array | null }>(db, sql`select substring(bytes from ${offset + 1} for ${CHUNK}) as part from magazine_files where id = ${file.id}`);
      if (!row?.part) throw new Error('the file was replaced during the download');
      yield Buffer.isBuffer(row.part) ? row.part : Buffer.from(row.part);
    }
  }
  return Readable.from(chunks());
}
