import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { problemBody } from '../../platform/http/problems.js';
import { MAX_IMPORT_BYTES } from './csv.js';
import { describeReport, importMembers, importWorkplaces, type ImportOutcome } from './import.js';
import { can } from './policy.js';
import { importProblem, importQuery, importResult } from './schema.js';

/** The raw file as sent; the import itself checks that it is UTF-8 text. */
const csvBody = z
  .custom<Buffer>((v) => Buffer.isBuffer(v))
  .nullish()
  .meta({ type: 'string', format: 'binary', description: `The CSV file (text/csv, UTF-8, at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB), comma- or semicolon-separated` });

/** 200 with the counts, or 422 problem details with the same counts and every error (nothing written). */
export function sendOutcome(req: FastifyRequest, reply: FastifyReply, outcome: ImportOutcome) {
  const result = describeReport(outcome.report, req.t);
  if (outcome.ok) return reply.status(200).send(result);
  const problem = problemBody({ status: 422, code: 'import.invalid', errors: [], params: {} }, req.t, req.url.split('?')[0]);
  return reply
    .status(422)
    .type('application/problem+json')
    .send({ ...problem, ...result, errors: result.errors.map((e) => ({ ...e, path: [e.row, e.column].filter((p) => p !== null).join('.') })) });
}

export async function importApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Import'];
  const response = { 200: importResult, 401: problemSchema, 403: problemSchema, 413: problemSchema, 415: problemSchema, 422: z.union([importProblem, problemSchema]) };
  // The guard runs before the body is read: a caller without the right never gets to upload 20 MB.
  const guard = (action: 'import.members' | 'import.workplaces') => async (req: FastifyRequest) => allow(req, can(req.actor, action));

  r.post(
    '/api/v1/members/import',
    {
      config: { accepts: ['text/csv'] },
      onRequest: guard('import.members'),
      schema: {
        tags,
        summary: 'Import members from CSV (staff in their units, admin)',
        description:
          'Matches rows by member number, else e-mail; creates or updates persons, memberships and employments. ' +
          'With dryRun=true (the default) nothing is written. Any error in any row: 422 and nothing written. Columns: see the README.',
        consumes: ['text/csv'],
        querystring: importQuery,
        body: csvBody,
        response,
      },
    },
    async (req, reply) => sendOutcome(req, reply, await importMembers(app.db, req.actor, { csv: req.body ?? Buffer.alloc(0), dryRun: req.query.dryRun })),
  );

  r.post(
    '/api/v1/members/import/workplaces',
    {
      config: { accepts: ['text/csv'] },
      onRequest: guard('import.workplaces'),
      schema: {
        tags,
        summary: 'Import workplaces from CSV (staff in their units, admin)',
        description: 'Matches rows by P-number, else by name within the unit. With dryRun=true (the default) nothing is written. Any error: 422 and nothing written.',
        consumes: ['text/csv'],
        querystring: importQuery,
        body: csvBody,
        response,
      },
    },
    async (req, reply) => sendOutcome(req, reply, await importWorkplaces(app.db, req.actor, { csv: req.body ?? Buffer.alloc(0), dryRun: req.query.dryRun })),
  );
}
