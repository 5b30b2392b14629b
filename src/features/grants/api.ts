import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorPersonId } from '../../platform/actor.js';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { readUpload } from '../../platform/http/forms.js';
import { contentDisposition, uploadedFileHeaders } from '../../platform/http/downloads.js';
import type { Failure } from '../../platform/outcomes.js';
import { poolFor } from './access.js';
import { createApplication, submitApplication, updateApplication, withdrawApplication } from './applications.js';
import { addAttachment, getAttachment, GRANT_ATTACHMENT_MAX_BYTES, removeAttachment } from './attachments.js';
import { addReview, decideApplication } from './decisions.js';
import { grantsCsv } from './export-csv.js';
import { closeApplication, fileReport, recordPayout } from './payouts.js';
import { budgetHistory, createPool, getPool, listPools, updatePool } from './pools.js';
import { grantProblem } from './problems.js';
import { applicationDetail, exportRows, listApplications, myApplications, openPoolsFor, publicPool } from './queries.js';
import { applicationInput, applicationPatch, decisionInput, idParams, payoutInput, poolInput, poolPatch, reportInput, reviewInput, withdrawInput } from './schema.js';
import { applicationStatuses, attachmentKinds, type ApplicationStatus, type AttachmentKind } from './tables.js';
import { makeEventFromGrant } from './to-event.js';

/** The figures every pool answer carries (the contract's `{ budget, granted, paidOut, left }`), the rest as the view has it. */
const poolOutput = z.looseObject({ id: z.uuid(), unitId: z.uuid(), name: z.string(), currency: z.string(), budget: z.number().int(), granted: z.number().int(), paidOut: z.number().int(), left: z.number().int() });
const applicationOutput = z.looseObject({ id: z.uuid(), poolId: z.uuid(), applicantId: z.uuid(), status: z.enum(applicationStatuses), requested: z.number().int(), granted: z.number().int().nullable() });
const items = z.object({ items: z.array(z.looseObject({})) });

/**
 * The initiative pool's API: pools and their figures, applications from draft to closed, reviews,
 * decisions, payouts, reports, attachments, the event a granted activity becomes, the bookkeeper's
 * CSV and the public view. Amounts are integers in minor units (øre / öre) of the pool's currency.
 */
export async function grantApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Initiative pool'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  const signedIn = (req: FastifyRequest) => allow(req, req.actor.kind !== 'anonymous');
  const mail = { baseUrl: app.config.publicUrl };
  /** After a step on an application: the application as the caller now sees it. */
  const detail = async (req: FastifyRequest, id: string) => {
    const found = await applicationDetail(app.db, req.actor, id);
    if (!found.ok) throw grantProblem(req, found);
    return found.application;
  };
  const fail = (req: FastifyRequest, failure: Failure<string>): never => {
    throw grantProblem(req, failure);
  };

  r.post(
    '/api/v1/grant-pools',
    {
      schema: {
        tags,
        summary: 'Open a pool of a unit (staff of the unit)',
        description: '`budget` and `maxPerApplication` in minor units; `questions` are the texts every application must answer. Answers 201 with the pool and its figures.',
        body: poolInput,
        response: { 201: poolOutput, ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      const result = await createPool(app.db, req.actor, req.body);
      if (!result.ok) return fail(req, result);
      return reply.status(201).send(result.pool);
    },
  );

  r.get(
    '/api/v1/grant-pools',
    { schema: { tags, summary: 'The pools the caller reviews or manages, with their figures', querystring: z.object({ unitId: z.uuid().optional() }).strict(), response: { 200: items, 401: problemSchema, 422: problemSchema } } },
    async (req) => {
      signedIn(req);
      return { items: await listPools(app.db, req.actor, { unitId: req.query.unitId }) };
    },
  );

  r.get(
    '/api/v1/grant-pools/open',
    { schema: { tags, summary: 'The pools the caller may apply to today (window open, and a member, steward or company contact of the unit)', response: { 200: items, 401: problemSchema } } },
    async (req) => {
      signedIn(req);
      return { items: await openPoolsFor(app.db, req.actor) };
    },
  );

  r.get(
    '/api/v1/grant-pools/:id',
    { schema: { tags, summary: 'One pool: `{ budget, granted, paidOut, left }` and its rules (staff and board of the unit)', params: idParams, response: { 200: poolOutput, 401: problemSchema, 404: problemSchema } } },
    async (req) => {
      signedIn(req);
      const result = await getPool(app.db, req.actor, req.params.id);
      if (!result.ok) return fail(req, result);
      return result.pool;
    },
  );

  r.patch(
    '/api/v1/grant-pools/:id',
    {
      schema: {
        tags,
        summary: 'Change a pool (staff of the unit)',
        description: 'A budget change is kept in the budget history with `budgetReason`; the budget cannot fall below what is granted (409 `grant.below_granted`).',
        params: idParams,
        body: poolPatch as unknown as z.ZodObject,
        response: { 200: poolOutput, ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const result = await updatePool(app.db, req.actor, req.params.id, req.body as z.output<typeof poolPatch>);
      if (!result.ok) return fail(req, result);
      return result.pool;
    },
  );

  r.get(
    '/api/v1/grant-pools/:id/budget-history',
    { schema: { tags, summary: 'Every change of the pool’s budget, who made it and why', params: idParams, response: { 200: items, 401: problemSchema, 404: problemSchema } } },
    async (req) => {
      signedIn(req);
      const found = await poolFor(app.db, req.actor, req.params.id, 'grant.pool_view');
      if (!found.ok) return fail(req, found);
      return { items: await budgetHistory(app.db, req.params.id) };
    },
  );

  r.get(
    '/api/v1/grant-pools/:id/applications',
    {
      schema: {
        tags,
        summary: 'The pool’s applications for its reviewers, by state (drafts are the applicants’ own)',
        params: idParams,
        querystring: z.object({ status: z.string().max(200).optional(), overdue: z.enum(['true', 'false']).optional() }).strict(),
        response: { 200: items, ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const wanted = (req.query.status ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = wanted.find((s) => !(applicationStatuses as readonly string[]).includes(s));
      if (unknown) return fail(req, { ok: false, reason: 'invalid', errors: [{ path: 'status', code: 'validation.invalid_enum' }] });
      const result = await listApplications(app.db, req.actor, req.params.id, { status: wanted as ApplicationStatus[], overdue: req.query.overdue === 'true' });
      if (!result.ok) return fail(req, result);
      return { items: result.items };
    },
  );

  r.post(
    '/api/v1/grant-pools/:id/applications',
    {
      schema: {
        tags,
        summary: 'Save an application to the pool as a draft',
        description:
          '`applicantId` is the caller’s own person (or left out); staff of the unit may enter an application for another person who may apply. ' +
          '`requested` and each cost line’s `amount` in minor units; `requested` ≤ the pool’s maximum and ≤ the sum of `costLines`. Answers 201 with the application.',
        params: idParams,
        body: applicationInput,
        response: { 201: applicationOutput, ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      const result = await createApplication(app.db, req.actor, req.params.id, req.body);
      if (!result.ok) return fail(req, result);
      return reply.status(201).send(await detail(req, result.id));
    },
  );

  r.get(
    '/api/v1/grant-pools/:id/export.csv',
    { schema: { tags, summary: 'The bookkeeper’s CSV: every decided application with its grant and payout (staff and board of the unit)', params: idParams, response: { 200: z.string(), 401: problemSchema, 404: problemSchema } } },
    async (req, reply) => {
      signedIn(req);
      const result = await exportRows(app.db, req.actor, req.params.id);
      if (!result.ok) return fail(req, result);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="grants.csv"')
        .header('cache-control', 'no-store')
        .send(grantsCsv(result.rows, req.t));
    },
  );

  r.get(
    '/api/v1/grant-pools/:id/public',
    { schema: { tags, summary: 'A public pool: its rules and the activities it granted (never the applicant)', params: idParams, response: { 200: z.looseObject({ pool: poolOutput, activities: z.array(z.looseObject({})) }), 404: problemSchema } } },
    async (req) => {
      const result = await publicPool(app.db, req.actor, req.params.id);
      if (!result.ok) return fail(req, result);
      return { pool: result.pool, activities: result.activities };
    },
  );

  r.get(
    '/api/v1/grant-applications/mine',
    { schema: { tags, summary: 'The caller’s own applications and those they are a co-applicant on', response: { 200: items, 401: problemSchema } } },
    async (req) => {
      signedIn(req);
      const me = actorPersonId(req.actor);
      return { items: me ? await myApplications(app.db, me) : [] };
    },
  );

  r.get(
    '/api/v1/grant-applications/:id',
    { schema: { tags, summary: 'One application as the caller may see it (reviewers’ comments for reviewers only)', params: idParams, response: { 200: applicationOutput, 401: problemSchema, 404: problemSchema } } },
    async (req) => {
      signedIn(req);
      return detail(req, req.params.id);
    },
  );

  r.patch(
    '/api/v1/grant-applications/:id',
    { schema: { tags, summary: 'Change a draft (its applicant)', params: idParams, body: applicationPatch as unknown as z.ZodObject, response: { 200: applicationOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      const result = await updateApplication(app.db, req.actor, req.params.id, req.body as z.output<typeof applicationPatch>);
      if (!result.ok) return fail(req, result);
      return detail(req, req.params.id);
    },
  );

  const step = (path: string, summary: string, run: (req: FastifyRequest<{ Params: { id: string } }>) => Promise<{ ok: true } | Failure<string>>, description?: string) =>
    app.post<{ Params: { id: string } }>(path, { schema: { tags, summary, description, params: idParams, response: { 200: applicationOutput, ...errors } } }, async (req) => {
      signedIn(req);
      const result = await run(req);
      if (!result.ok) return fail(req, result);
      return detail(req, req.params.id);
    });

  step('/api/v1/grant-applications/:id/submit', 'Send a draft to the reviewers', (req) => submitApplication(app.db, req.actor, req.params.id), 'Checked again as of now: who may apply, the window, the maximum, the cost total and every question answered.');
  step('/api/v1/grant-applications/:id/close', 'Close a reported application (staff and board of the unit)', (req) => closeApplication(app.db, req.actor, req.params.id));

  const withBody = <S extends z.ZodType>(path: string, summary: string, body: S, run: (req: FastifyRequest<{ Params: { id: string } }>, input: z.output<S>) => Promise<{ ok: true } | Failure<string>>, description?: string, status = 200) =>
    app.post<{ Params: { id: string } }>(path, { schema: { tags, summary, description, params: idParams, body, response: { [status]: status === 201 ? z.object({ id: z.uuid() }) : applicationOutput, ...errors } } }, async (req, reply) => {
      signedIn(req);
      const result = await run(req, req.body as z.output<S>);
      if (!result.ok) return fail(req, result);
      if (status === 201) return reply.status(201).send({ id: (result as unknown as { id: string }).id });
      return detail(req, (req.params as { id: string }).id);
    });

  withBody('/api/v1/grant-applications/:id/withdraw', 'Withdraw the application before it is decided (its applicant); the body may be left out', withdrawInput.optional(), (req) => withdrawApplication(app.db, req.actor, req.params.id));
  withBody('/api/v1/grant-applications/:id/reviews', 'Comment on an application, possibly with a recommendation (the unit’s board and staff)', reviewInput, (req, input) => addReview(app.db, req.actor, req.params.id, input), 'The first comment takes a submitted application into review. A conflicted reviewer may comment but not recommend. Answers 201 `{ id }`.', 201);
  withBody(
    '/api/v1/grant-applications/:id/decision',
    'Decide an application: granted (the requested or a lower amount) or rejected, with a reason',
    decisionInput,
    (req, input) => decideApplication(app.db, req.actor, req.params.id, input, mail),
    'The unit’s board or staff, never a conflicted reviewer (403 `grant.conflicted`: the applicant, a co-applicant, someone employed where the applicant is). ' +
      'The pool is locked for the decision: no two decisions together exceed the budget (409 `grant.over_budget`). The applicant is told by mail in their language with the reason.',
  );
  withBody('/api/v1/grant-applications/:id/payout', 'Record the payout of a granted application: the day and the bookkeeping reference (staff of the unit)', payoutInput, (req, input) => recordPayout(app.db, req.actor, req.params.id, input, mail));
  withBody('/api/v1/grant-applications/:id/report', 'File the report after the activity: what happened, participants, actual costs (the applicant; only after the payout)', reportInput, (req, input) => fileReport(app.db, req.actor, req.params.id, input));

  r.post(
    '/api/v1/grant-applications/:id/event',
    { schema: { tags, summary: 'Turn a granted talk, workshop or network meeting into a draft event of the unit (staff of the unit)', params: idParams, response: { 201: z.object({ eventId: z.uuid() }), ...errors } } },
    async (req, reply) => {
      signedIn(req);
      const result = await makeEventFromGrant(app.db, req.actor, req.params.id);
      if (!result.ok) return fail(req, result);
      return reply.status(201).send({ eventId: result.eventId });
    },
  );

  r.post(
    '/api/v1/grant-applications/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attach a file (multipart/form-data, field `file`; `kind`: `application` for a draft, `report` for a report’s photo)',
        description: 'The file’s kind is read from its first bytes: a file that is not what its name says is refused (422 `grant.file_wrong_type`).',
        params: idParams,
        consumes: ['multipart/form-data'],
        // Documents the form's parts; the parts are read by the handler (a file is not a JSON value).
        body: z.looseObject({ file: z.unknown().optional(), kind: z.unknown().optional() }),
        response: { 201: z.looseObject({ id: z.uuid(), fileName: z.string(), contentType: z.string(), size: z.number() }), 413: problemSchema, ...errors },
      },
      config: { accepts: ['multipart/form-data'], multipartOptions: { limits: { fileSize: GRANT_ATTACHMENT_MAX_BYTES, files: 1, fields: 4, parts: 5 }, throwFileSizeLimit: false } } as FastifyContextConfig,
    },
    async (req, reply) => {
      signedIn(req);
      const { values, file } = await readUpload(req.body);
      if (file === 'missing') return fail(req, { ok: false, reason: 'invalid', errors: [{ path: 'file', code: 'validation.required' }] });
      if (file === 'too_large') return fail(req, { ok: false, reason: 'too_large' });
      const kind: AttachmentKind = (attachmentKinds as readonly string[]).includes(values.kind) ? (values.kind as AttachmentKind) : 'application';
      const result = await addAttachment(app.db, req.actor, req.params.id, { ...file, kind });
      if (!result.ok) return fail(req, result);
      return reply.status(201).send(result.attachment);
    },
  );

  r.get(
    '/api/v1/grant-attachments/:id',
    { schema: { tags, summary: 'An attachment’s file (those who see its application)', params: idParams, response: { 401: problemSchema, 404: problemSchema } } },
    async (req, reply) => {
      signedIn(req);
      const found = await getAttachment(app.db, req.actor, req.params.id);
      if (!found.ok) return fail(req, found);
      const { fileName, contentType, bytes } = found.file;
      return uploadedFileHeaders(reply, { contentType, cacheControl: 'no-store', disposition: contentDisposition('attachment', fileName), size: bytes.length }).send(bytes);
    },
  );

  r.delete(
    '/api/v1/grant-attachments/:id',
    { schema: { tags, summary: 'Remove an attachment while its application or report may still change', params: idParams, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      signedIn(req);
      const result = await removeAttachment(app.db, req.actor, req.params.id);
      if (!result.ok) return fail(req, result);
      return reply.status(204).send(null);
    },
  );
}
