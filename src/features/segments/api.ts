import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { allow } from '../../platform/http/guard.js';
import type { ProblemError } from '../../platform/errors.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { can } from './policy.js';
import { listSegments, loadSegmentFor, type SegmentInvalid } from './access.js';
import { problemFor, type ReasonTable, type Refusal } from '../../platform/outcomes.js';
import { countFilter, countSegment, previewSegment, PREVIEW_SIZE } from './audience.js';
import { createSegment, deleteSegment, updateSegment } from './segments.js';
import { countInput, countOutput, idParams, previewOutput, segmentInput, segmentList, segmentOutput, segmentPatch } from './schema.js';

/** The segments' own reason besides refusals and invalid input: a segment a mailing uses cannot go. */
export const segmentAnswers = {
  in_use: { status: 409, code: 'segment.in_use', field: 'id' },
} satisfies ReasonTable<'in_use'>;

/** Every refusal of this feature as problem+json naming the field, in the reader's language. */
export function segmentProblem(req: FastifyRequest, r: Refusal | SegmentInvalid | { ok: false; reason: 'in_use' }): ProblemError {
  return problemFor(req, r, segmentAnswers);
}

export async function segmentApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Segments'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema };
  // Members and stewards have no segments at all: refused before any id is looked at.
  const segmentReader = (req: FastifyRequest) => allow(req, can(req.actor, 'segment.list'));

  r.post(
    '/api/v1/segments',
    {
      schema: {
        tags,
        summary: 'Save a filter over the register as a segment (staff of the unit)',
        description:
          'Conditions on `unit`, `section`, `membershipType` (ids), `status`, `role`, `employerKind`, `language` (codes), `workplace`, `eventRegistered`, `eventAttended` (ids); ' +
          'several values in one condition match any of them, `match` combines the conditions, `exclude` removes whoever matches any of its conditions. ' +
          'Without a `status` condition only active memberships count. Without `unitId` the segment belongs to the caller’s one staff unit (the national unit for admins).',
        body: segmentInput,
        response: { 201: segmentOutput, ...errors },
      },
    },
    async (req, reply) => {
      allow(req, can(req.actor, 'segment.create'));
      const result = await createSegment(app.db, req.actor, req.body);
      if (!result.ok) throw segmentProblem(req, result);
      return reply.status(201).send(result.segment);
    },
  );

  r.get(
    '/api/v1/segments',
    { schema: { tags, summary: 'The segments of the units the caller reaches as staff or board', response: { 200: segmentList, 401: problemSchema, 403: problemSchema } } },
    async (req) => {
      segmentReader(req);
      return { items: await listSegments(app.db, req.actor) };
    },
  );

  r.post(
    '/api/v1/segments/count',
    {
      schema: {
        tags,
        summary: 'How many an unsaved filter reaches in a unit (staff or board of the unit)',
        body: countInput,
        response: { 200: countOutput, ...errors },
      },
    },
    async (req) => {
      segmentReader(req);
      const result = await countFilter(app.db, req.actor, req.body.unitId, req.body.filter);
      if (!result.ok) throw segmentProblem(req, result);
      return { count: result.count };
    },
  );

  r.get('/api/v1/segments/:id', { schema: { tags, summary: 'One segment (staff or board of its unit)', params: idParams, response: { 200: segmentOutput, ...errors } } }, async (req) => {
    segmentReader(req);
    const result = await loadSegmentFor(app.db, req.actor, req.params.id, 'view');
    if (!result.ok) throw segmentProblem(req, result);
    return result.segment;
  });

  r.patch(
    '/api/v1/segments/:id',
    {
      schema: { tags, summary: 'Rename a segment, move it to another unit or replace its filter (staff of the unit)', params: idParams, body: segmentPatch, response: { 200: segmentOutput, ...errors } },
    },
    async (req) => {
      segmentReader(req);
      const result = await updateSegment(app.db, req.actor, req.params.id, req.body);
      if (!result.ok) throw segmentProblem(req, result);
      return result.segment;
    },
  );

  r.delete(
    '/api/v1/segments/:id',
    {
      schema: {
        tags,
        summary: 'Delete a segment no mailing uses (staff of the unit)',
        description: 'A segment a mailing was (or will be) sent to is kept: 409 `segment.in_use`.',
        params: idParams,
        response: { 204: z.null().describe('Deleted'), ...errors, 409: problemSchema },
      },
    },
    async (req, reply) => {
      segmentReader(req);
      const result = await deleteSegment(app.db, req.actor, req.params.id);
      if (!result.ok) throw segmentProblem(req, result);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/segments/:id/count',
    { schema: { tags, summary: 'How many the segment reaches today (staff or board of its unit)', params: idParams, response: { 200: countOutput, ...errors } } },
    async (req) => {
      segmentReader(req);
      const result = await countSegment(app.db, req.actor, req.params.id);
      if (!result.ok) throw segmentProblem(req, result);
      return { count: result.count };
    },
  );

  r.get(
    '/api/v1/segments/:id/preview',
    {
      schema: {
        tags,
        summary: `The first ${PREVIEW_SIZE} recipients in name order (staff of its unit)`,
        description: 'Each call is recorded in the audit log as a read of member data.',
        params: idParams,
        response: { 200: previewOutput, ...errors },
      },
    },
    async (req) => {
      segmentReader(req);
      const result = await previewSegment(app.db, req.actor, req.params.id, PREVIEW_SIZE, req.locale);
      if (!result.ok) throw segmentProblem(req, result);
      return { items: result.items };
    },
  );
}
