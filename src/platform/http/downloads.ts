import type { FastifyReply } from 'fastify';

/** `attachment; filename="…"` with the name in ASCII and, for the rest of the world, in UTF-8. */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The headers for uploaded bytes: served in their checked type only, never run as a document and
 * never sniffed into something else; `cacheControl` says who may keep them.
 */
export function uploadedFileHeaders(reply: FastifyReply, file: { contentType: string; cacheControl: string; disposition?: string; etag?: string; size?: number }): FastifyReply {
  reply.type(file.contentType);
  if (file.size !== undefined) reply.header('content-length', String(file.size));
  if (file.disposition) reply.header('content-disposition', file.disposition);
  if (file.etag) reply.header('etag', `"${file.etag}"`);
  return reply.header('cache-control', file.cacheControl).header('content-security-policy', "default-src 'none'; sandbox").header('x-content-type-options', 'nosniff');
}
