import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import type { Failure } from '../../platform/outcomes.js';
import { assemblyFor } from './access.js';
import { admitAmendment, refuseAmendment, submitAmendment, withdrawAmendment, type AmendmentResult } from './amendments.js';
import { motionProblem } from './motion-answers.js';
import { confirmCosignature, type CosignResult } from './motion-cosigners.js';
import { listMotions, loadMotionDetail, motionFor } from './motion-queries.js';
import { admitMotion, referMotion, refuseMotion, setBoardRecommendation, submitMotion, withdrawMotion, type MotionResult } from './motions.js';
import { amendmentInput, amendmentOutput, motionDetailOutput, motionInput, motionListOutput, motionOutput, recommendationInput, refusalInput } from './motion-schema.js';
import { idParams } from './schema.js';

/**
 * The motions' API: submitting and listing an assembly's motions, one motion with its amendments,
 * the order of the votes and its text as amended, amendments, and what staff, the chair and
 * co-signers do with them. Errors are problem+json naming the field (`fromLine`, `cosignerIds.0`,
 * `motionDeadline` for the statutes' deadline).
 */
export async function motionApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Assemblies: motions'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  const signedIn = (req: FastifyRequest) => allow(req, req.actor.kind !== 'anonymous');
  const motionOf = (req: FastifyRequest, result: MotionResult | CosignResult) => {
    if (!result.ok) throw motionProblem(req, result as Failure<string>);
    return result.motion;
  };
  const amendmentOf = (req: FastifyRequest, result: AmendmentResult) => {
    if (!result.ok) throw motionProblem(req, result as Failure<string>);
    return result.amendment;
  };

  r.post(
    '/api/v1/assemblies/:id/motions',
    {
      schema: {
        tags,
        summary: 'Submit a motion (a member of the roll, or staff of the unit)',
        description:
          'Before the motion deadline the motion is `submitted`; staff then admit or refuse it. After the deadline a member’s motion is refused with 409 `motion.after_deadline` (the field `motionDeadline`, the deadline in the message). ' +
          'Only staff of the unit take a motion in after the deadline, with `lateReason`: it is then `admitted` at once. Staff may submit for a member of the roll (`submitterId`). ' +
          '`cosignerIds` must be on the roll; each confirms with `POST /api/v1/motions/{id}/cosign`. Answers 201 with the motion and its text in numbered `lines`.',
        params: idParams,
        body: motionInput,
        response: { 201: motionOutput, ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      return reply.status(201).send(motionOf(req, await submitMotion(app.db, req.actor, req.params.id, req.body)));
    },
  );

  r.get(
    '/api/v1/assemblies/:id/motions',
    {
      schema: {
        tags,
        summary: 'An assembly’s motions the caller sees, by number',
        description: 'Staff and the board of the unit, the chair and the minute taker see every motion; a member of the roll sees the admitted ones and what became of them, and their own (with the refusal reason).',
        params: idParams,
        response: { 200: motionListOutput, 401: problemSchema, 404: problemSchema },
      },
    },
    async (req) => {
      signedIn(req);
      const found = await assemblyFor(app.db, req.actor, req.params.id, 'assembly.view');
      if (!found.ok) throw motionProblem(req, found);
      return { items: await listMotions(app.db, req.actor, found.assembly) };
    },
  );

  r.get(
    '/api/v1/motions/:id',
    {
      schema: {
        tags,
        summary: 'One motion with its amendments, the order of the votes and its text with the adopted amendments applied',
        description:
          '`votingOrder`: the admitted amendments in the order of the text (of two from the same line, the one replacing more first), then the motion. ' +
          '`amended`: the text with the adopted amendments applied, in numbered `lines`, and `diff` against the original, word by word (`same`, `added`, `removed`).',
        params: idParams,
        response: { 200: motionDetailOutput, 401: problemSchema, 404: problemSchema },
      },
    },
    async (req) => {
      signedIn(req);
      const found = await motionFor(app.db, req.actor, req.params.id);
      if (!found.ok) throw motionProblem(req, found);
      return (await loadMotionDetail(app.db, req.actor, found.assembly, req.params.id))!;
    },
  );

  r.post(
    '/api/v1/motions/:id/amendments',
    {
      schema: {
        tags,
        summary: 'Propose an amendment to an admitted motion (a member of the roll, or staff of the unit)',
        description: 'Replaces the motion’s lines `fromLine`–`toLine` (1-based, inclusive, as in `lines`) with `replacement`; an empty replacement strikes them. Answers 201 with the amendment (`submitted`).',
        params: idParams,
        body: amendmentInput,
        response: { 201: amendmentOutput, ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      return reply.status(201).send(amendmentOf(req, await submitAmendment(app.db, req.actor, req.params.id, req.body)));
    },
  );

  const simple = (path: string, summary: string, run: (actor: FastifyRequest['actor'], id: string) => Promise<MotionResult>) =>
    r.post(path, { schema: { tags, summary, params: idParams, response: { 200: motionOutput, ...errors } } }, async (req) => {
      signedIn(req);
      return motionOf(req, await run(req.actor, req.params.id));
    });

  simple('/api/v1/motions/:id/admit', 'Admit a submitted motion (staff of the unit)', (actor, id) => admitMotion(app.db, actor, id));
  simple('/api/v1/motions/:id/withdraw', 'Withdraw a motion (its submitter before the assembly; the chair or staff until it is decided)', (actor, id) => withdrawMotion(app.db, actor, id));
  simple('/api/v1/motions/:id/refer', 'Refer an admitted motion to the board (the chair or staff, in session)', (actor, id) => referMotion(app.db, actor, id));

  r.post(
    '/api/v1/motions/:id/cosign',
    { schema: { tags, summary: 'Confirm one’s co-signature of a motion (an invited co-signer)', params: idParams, response: { 200: motionOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      return motionOf(req, await confirmCosignature(app.db, req.actor, req.params.id));
    },
  );

  r.post(
    '/api/v1/motions/:id/refuse',
    { schema: { tags, summary: 'Refuse a submitted motion with a `reason` the submitter sees (staff of the unit)', params: idParams, body: refusalInput, response: { 200: motionOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      return motionOf(req, await refuseMotion(app.db, req.actor, req.params.id, req.body));
    },
  );

  r.post(
    '/api/v1/motions/:id/recommendation',
    { schema: { tags, summary: 'Set the board’s recommendation on a motion; empty takes it away (staff of the unit)', params: idParams, body: recommendationInput, response: { 200: motionOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      return motionOf(req, await setBoardRecommendation(app.db, req.actor, req.params.id, req.body));
    },
  );

  r.post(
    '/api/v1/amendments/:id/admit',
    { schema: { tags, summary: 'Admit a submitted amendment (staff of the unit)', params: idParams, response: { 200: amendmentOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      return amendmentOf(req, await admitAmendment(app.db, req.actor, req.params.id));
    },
  );

  r.post(
    '/api/v1/amendments/:id/refuse',
    { schema: { tags, summary: 'Refuse a submitted amendment with a `reason` its submitter sees (staff of the unit)', params: idParams, body: refusalInput, response: { 200: amendmentOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      return amendmentOf(req, await refuseAmendment(app.db, req.actor, req.params.id, req.body));
    },
  );

  r.post(
    '/api/v1/amendments/:id/withdraw',
    { schema: { tags, summary: 'Withdraw an amendment before its vote (its submitter, the chair or staff)', params: idParams, response: { 200: amendmentOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      return amendmentOf(req, await withdrawAmendment(app.db, req.actor, req.params.id));
    },
  );
}
