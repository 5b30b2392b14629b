import { and, eq } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { cleanFileName, fileKindOf } from '../../platform/files.js';
import { notFound, type Refusal } from '../../platform/outcomes.js';
import { can } from './policy.js';
import { applicationFor, applicationSubject, findApplication, findPool } from './access.js';
import { wrongStatus, type WrongStatus } from './applications.js';
import type { AttachmentView } from './queries.js';
import { grantAttachments, type AttachmentKind } from './tables.js';

/** The multipart limit of the app (2 MB a file): an attachment is a programme, a quote or a photo, not a film. */
export const GRANT_ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024;

/** What an application takes (documents and images) and what a report takes (photos, and a PDF of them). */
const ALLOWED: Record<AttachmentKind, readonly string[]> = {
  application: ['pdf', 'docx', 'doc', 'odt', 'xlsx', 'xls', 'ods', 'png', 'jpg', 'jpeg', 'webp'],
  report: ['png', 'jpg', 'jpeg', 'webp', 'pdf'],
};

export type FileFailure = { ok: false; reason: 'empty' | 'too_large' | 'wrong_type' };
export type AttachResult = { ok: true; attachment: AttachmentView } | Refusal | WrongStatus | FileFailure;

/**
 * Attaches a file to an application (its applicant, while it is a draft) or a photo to its report
 * (the applicant or a co-applicant, after the payout). What the file is comes from its first bytes,
 * not its name or what the browser says: an HTML page named `programme.pdf` is refused.
 */
export async function addAttachment(db: Db, actor: Actor, applicationId: string, file: { fileName: string; bytes: Buffer; kind: AttachmentKind }): Promise<AttachResult> {
  return db.transaction(async (tx): Promise<AttachResult> => {
    const found = await applicationFor(tx, actor, applicationId, 'grant.application_view', { lock: true });
    if (!found.ok) return found;
    const s = applicationSubject(found.pool, found.application);
    const status = found.application.status;
    const mayAttach = file.kind === 'application' ? can(actor, 'grant.application_edit', s) : (status === 'paid_out' || status === 'report_due') && can(actor, 'grant.application_report', s);
    if (!mayAttach) return file.kind === 'application' && status !== 'draft' ? wrongStatus(status) : file.kind === 'report' && status !== 'paid_out' && status !== 'report_due' ? wrongStatus(status) : { ok: false, reason: 'forbidden' };
    if (file.bytes.length === 0) return { ok: false, reason: 'empty' };
    if (file.bytes.length > GRANT_ATTACHMENT_MAX_BYTES) return { ok: false, reason: 'too_large' };
    const fileName = cleanFileName(file.fileName, 'attachment');
    const kind = fileKindOf(fileName, file.bytes, ALLOWED[file.kind]);
    if (!kind) return { ok: false, reason: 'wrong_type' };
    const [row] = await tx
      .insert(grantAttachments)
      .values({ applicationId, kind: file.kind, fileName, contentType: kind.contentType, size: file.bytes.length, bytes: file.bytes, uploadedBy: actorPersonId(actor) })
      .returning({ id: grantAttachments.id, kind: grantAttachments.kind, fileName: grantAttachments.fileName, contentType: grantAttachments.contentType, size: grantAttachments.size });
    await audit(tx, actor, { action: 'create', entityType: 'grant_attachment', entityId: row.id, fields: ['fileName', 'bytes'] });
    return { ok: true, attachment: row };
  });
}

/** The attachment's row and the application it belongs to, if the actor sees that application. */
async function attachmentFor(db: Db, actor: Actor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(grantAttachments).where(eq(grantAttachments.id, id));
  if (!row) return null;
  const application = await findApplication(db, row.applicationId);
  const pool = application ? await findPool(db, application.poolId) : null;
  if (!application || !pool || !can(actor, 'grant.application_view', applicationSubject(pool, application))) return null;
  return { row, application, pool };
}

/** The file for download: those who see the application see its attachments. */
export async function getAttachment(db: Db, actor: Actor, id: string): Promise<{ ok: true; file: { fileName: string; contentType: string; bytes: Buffer } } | Refusal> {
  const found = await attachmentFor(db, actor, id);
  if (!found) return notFound;
  return { ok: true, file: { fileName: found.row.fileName, contentType: found.row.contentType, bytes: found.row.bytes } };
}

/** Removes an attachment while it may still be changed: the applicant's draft, or the report not yet filed. */
export async function removeAttachment(db: Db, actor: Actor, id: string): Promise<{ ok: true; applicationId: string } | Refusal | WrongStatus> {
  return db.transaction(async (tx) => {
    const found = await attachmentFor(tx, actor, id);
    if (!found) return notFound;
    const s = applicationSubject(found.pool, found.application);
    const status = found.application.status;
    const mayChange = found.row.kind === 'application' ? can(actor, 'grant.application_edit', s) : (status === 'paid_out' || status === 'report_due') && can(actor, 'grant.application_report', s);
    if (!mayChange) return status === 'draft' || status === 'paid_out' || status === 'report_due' ? ({ ok: false, reason: 'forbidden' } as const) : wrongStatus(status);
    await tx.delete(grantAttachments).where(and(eq(grantAttachments.id, id), eq(grantAttachments.applicationId, found.application.id)));
    await audit(tx, actor, { action: 'delete', entityType: 'grant_attachment', entityId: id });
    return { ok: true as const, applicationId: found.application.id };
  });
}
