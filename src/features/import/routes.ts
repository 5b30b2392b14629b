import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fieldError, ProblemError } from '../../platform/errors.js';
import { MAX_IMPORT_BYTES } from './csv.js';
import { importApi } from './api.js';
import { importPages } from './page-routes.js';

function tooLarge(req: FastifyRequest): ProblemError {
  const max = MAX_IMPORT_BYTES / 1024 / 1024;
  return new ProblemError(413, 'import.too_large', [fieldError(req.t, 'body', 'import.too_large', { max })], { max });
}

/**
 * CSV bodies for the import API, read as bytes up to the limit. A declared length over the limit is
 * refused before a byte is read; a body that grows past it is refused as soon as it does.
 */
function readCsvBody(req: FastifyRequest, payload: NodeJS.ReadableStream, done: (err: Error | null, body?: Buffer) => void): void {
  if (Number(req.headers['content-length'] ?? 0) > MAX_IMPORT_BYTES) {
    done(tooLarge(req));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (err: Error | null, body?: Buffer) => {
    if (finished) return;
    finished = true;
    done(err, body);
  };
  payload.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > MAX_IMPORT_BYTES) {
      chunks.length = 0;
      finish(tooLarge(req));
      return;
    }
    chunks.push(chunk);
  });
  payload.on('end', () => finish(null, Buffer.concat(chunks)));
  payload.on('error', (err: Error) => finish(err));
}

/** CSV import of members and workplaces: page, API and the shared code path the CLI uses. */
export async function importRoutes(app: FastifyInstance): Promise<void> {
  // Registered in this plugin only: no other route takes text/csv.
  app.addContentTypeParser('text/csv', readCsvBody);
  await app.register(importPages);
  await app.register(importApi);
}
