import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { LoginRequired } from '../../platform/http/guard.js';
import { fieldError, ProblemError, type FieldError } from '../../platform/errors.js';
import type { Translate } from '../../platform/i18n/i18n.js';
import type { FieldProblem, Refusal } from './queries.js';

/**
 * Out of sight is "not there" (404, for visitors too: a mistyped address on a public page is no
 * reason to log in); in sight but not the reader's is the log-in page for a visitor and 403 for
 * someone logged in.
 */
export function refuse(req: FastifyRequest, r: Refusal): never {
  if (r.reason === 'not_found') throw new ProblemError(404, 'http.not_found');
  if (req.actor.kind === 'anonymous') throw new LoginRequired();
  throw new ProblemError(403, 'http.forbidden');
}

export function problemsToErrors(t: Translate, problems: FieldProblem[]): FieldError[] {
  return problems.map((p) => fieldError(t, p.path, p.code, p.params));
}

/** A multipart form's text fields and its files; a file input left empty sends no file. */
export function readMultipart(body: unknown): { values: Record<string, string>; files: Record<string, MultipartFile> } {
  const values: Record<string, string> = {};
  const files: Record<string, MultipartFile> = {};
  for (const [key, part] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (key === '_csrf') continue;
    if (typeof part === 'string') values[key] = part;
    else if (part && typeof part === 'object' && 'toBuffer' in part && typeof (part as MultipartFile).toBuffer === 'function') {
      if ((part as MultipartFile).filename) files[key] = part as MultipartFile;
    } else if (part && typeof part === 'object' && 'value' in part) values[key] = String((part as { value: unknown }).value);
  }
  return { values, files };
}

/** The bytes of an uploaded file, or `too_large` when the route's size limit cut it off. */
export async function uploadedBytes(file: MultipartFile): Promise<{ ok: true; fileName: string; bytes: Buffer } | { ok: false; reason: 'too_large' }> {
  const bytes = await file.toBuffer();
  if (file.file.truncated) return { ok: false, reason: 'too_large' };
  return { ok: true, fileName: file.filename, bytes };
}

/** A stored file as a download: its checked type, never run or sniffed as a page. */
export function fileHeaders(reply: FastifyReply, file: { id: string; contentType: string; size: number; public: boolean }, disposition: string): FastifyReply {
  return reply
    .type(file.contentType)
    .header('content-length', String(file.size))
    .header('content-disposition', disposition)
    .header('etag', `"${file.id}"`)
    .header('cache-control', file.public ? 'public, max-age=86400' : 'private, max-age=300')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('x-content-type-options', 'nosniff');
}

/** `attachment; filename="…"` with the name in ASCII and, for the rest of the world, in UTF-8. */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
