import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { uploadedFileHeaders } from '../../platform/http/downloads.js';
import { fieldError, type FieldError } from '../../platform/errors.js';
import type { Translate } from '../../platform/i18n/i18n.js';
import type { FieldProblem, Refusal } from '../../platform/outcomes.js';
import { refuse as refuseRequest } from '../../platform/outcomes.js';

/**
 * Out of sight is "not there" (404, for visitors too: a mistyped address on a public page is no
 * reason to log in); in sight but not the reader's is the log-in page for a visitor and 403 for
 * someone logged in.
 */
export function refuse(req: FastifyRequest, r: Refusal): never {
  return refuseRequest(req, r, { visitorsSeeNotFound: true });
}

export function problemsToErrors(t: Translate, problems: FieldProblem[]): FieldError[] {
  return problems.map((p) => fieldError(t, p.path, p.code, p.params));
}

/** The bytes of an uploaded file, or `too_large` when the route's size limit cut it off. */
export async function uploadedBytes(file: MultipartFile): Promise<{ ok: true; fileName: string; bytes: Buffer } | { ok: false; reason: 'too_large' }> {
  const bytes = await file.toBuffer();
  if (file.file.truncated) return { ok: false, reason: 'too_large' };
  return { ok: true, fileName: file.filename, bytes };
}

/** A stored file as a download: a public issue's for a day in any cache, a members-only one for the reader only. */
export function fileHeaders(reply: FastifyReply, file: { id: string; contentType: string; size: number; public: boolean }, disposition: string): FastifyReply {
  return uploadedFileHeaders(reply, { contentType: file.contentType, size: file.size, disposition, etag: file.id, cacheControl: file.public ? 'public, max-age=86400' : 'private, max-age=300' });
}
