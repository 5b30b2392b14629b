import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { ProblemError } from '../../platform/errors.js';
import { isLocale } from '../../platform/i18n/i18n.js';
import { problemSchema } from '../../platform/http/openapi.js';
import type { MailingProblem } from './contract.js';
import type { MailingStatus } from './tables.js';
import { cancelMailing, pauseMailing, resumeMailing } from './control.js';
import { createMailing, deleteMailing, updateMailing } from './mailings.js';
import { problemMessage, problemsToErrors } from './messages.js';
import { canComposeMailings, canManageTopics, canUseMailings } from './policy.js';
import { mailingStatusLabel } from './labels.js';
import { mailingFailures } from './progress.js';
import { getMailing, listMailings } from './queries.js';
import { failureList, failuresQuery, idParams, mailingFilter, mailingInput, mailingList, mailingOutput, mailingPatch, sendInput, sendResult, statusResult, topicInput, topicOutput, topicPatch } from './schema.js';
import { sendMailing } from './send.js';
import { createTopic, listTopics, updateTopic } from './topics.js';

/** A use case's refusal as problem+json: 404/403 as elsewhere, 422 naming fields, 409 for state. */
export type MailingFailure =
  | { reason: 'not_found' | 'forbidden' }
  | { reason: 'invalid'; errors?: MailingProblem[]; problems?: MailingProblem[] }
  | { reason: 'not_draft' | 'wrong_status'; status: MailingStatus }
  | { reason: 'already_sent' | 'empty_segment' };

export function mailingProblem(req: FastifyRequest, r: MailingFailure, mainLocale: string = 'da'): ProblemError {
  const t = req.t;
  const main = isLocale(mainLocale) ? mainLocale : 'da';
  switch (r.reason) {
    case 'not_found':
      return new ProblemError(404, 'http.not_found');
    case 'forbidden':
      return req.actor.kind === 'anonymous' ? new ProblemError(401, 'auth.required') : new ProblemError(403, 'http.forbidden');
    case 'invalid':
      return new ProblemError(422, 'validation.failed', problemsToErrors(t, r.errors ?? r.problems ?? [], main));
    case 'not_draft':
    case 'wrong_status': {
      const params = { status: t(mailingStatusLabel[r.status]) };
      const code = r.reason === 'not_draft' ? 'mailing.not_draft' : 'mailing.wrong_status';
      return new ProblemError(409, code, [{ path: 'status', code, message: problemMessage(t, { path: 'status', code, params }) }], params);
    }
    case 'already_sent':
    case 'empty_segment': {
      const code = r.reason === 'already_sent' ? 'mailing.already_sent' : 'mailing.empty_segment';
      const path = r.reason === 'empty_segment' ? 'segmentId' : 'status';
      return new ProblemError(409, code, [{ path, code, message: problemMessage(t, { path, code }) }]);
    }
  }
}

export async function mailingApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Mailings'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  const ctx = { baseUrl: app.config.publicUrl };

  r.post(
    '/api/v1/mailings',
    {
      schema: {
        tags,
        summary: 'Compose a mailing (a draft)',
        description:
          'Markdown `body` with merge fields ({{firstName}}, {{lastName}}, {{fullName}}, {{memberNumber}}, {{email}}; {{registerLink}} in invitations, ' +
          '{{unsubscribeLink}} in newsletters; each also by its Danish and Swedish name, e.g. {{fornavn}}, {{förnamn}}, in any case). `locale` is the main language (default: the organisation’s); `contents` holds translations by language. ' +
          'A `newsletter` needs an active `topic` (id or slug) or `topicId`; `service` mail needs `serviceReason` (the choice is audited). `eventId` makes it an invitation.',
        body: mailingInput,
        response: { 201: mailingOutput, 401: problemSchema, 403: problemSchema, 422: problemSchema },
      },
    },
    async (req, reply) => {
      allow(req, canComposeMailings(req.actor));
      const result = await createMailing(app.db, req.actor, req.body, req.locale);
      if (!result.ok) throw mailingProblem(req, result, req.body.locale);
      return reply.status(201).send(result.mailing);
    },
  );

  r.get(
    '/api/v1/mailings',
    { schema: { tags, summary: 'Mailings of the caller’s units, newest first', querystring: mailingFilter, response: { 200: mailingList, 401: problemSchema, 403: problemSchema } } },
    async (req) => {
      allow(req, canUseMailings(req.actor));
      return listMailings(app.db, req.actor, req.query, req.locale);
    },
  );

  r.get(
    '/api/v1/mailings/:id',
    {
      schema: {
        tags,
        summary: 'One mailing with its progress',
        description: '`recipients` is the number frozen at send time; `pending`, `sending`, `sent` and `failed` count them by state.',
        params: idParams,
        response: { 200: mailingOutput, 401: problemSchema, 404: problemSchema },
      },
    },
    async (req) => {
      allow(req, canUseMailings(req.actor), 'not_found');
      const result = await getMailing(app.db, req.actor, req.params.id, req.locale);
      if (!result.ok) throw mailingProblem(req, result);
      return result.mailing;
    },
  );

  r.patch(
    '/api/v1/mailings/:id',
    { schema: { tags, summary: 'Change a draft', params: idParams, body: mailingPatch, response: { 200: mailingOutput, ...errors } } },
    async (req) => {
      allow(req, canComposeMailings(req.actor), 'not_found');
      const result = await updateMailing(app.db, req.actor, req.params.id, req.body, req.locale);
      if (!result.ok) throw mailingProblem(req, result, req.body.locale);
      return result.mailing;
    },
  );

  r.delete(
    '/api/v1/mailings/:id',
    { schema: { tags, summary: 'Delete a draft', params: idParams, response: { 204: z.null().describe('Deleted'), ...errors } } },
    async (req, reply) => {
      allow(req, canComposeMailings(req.actor), 'not_found');
      const result = await deleteMailing(app.db, req.actor, req.params.id);
      if (!result.ok) throw mailingProblem(req, result);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/mailings/:id/send',
    {
      schema: {
        tags,
        summary: 'Send now, or at a time (`at`)',
        description:
          'Now: the segment’s recipients are frozen at once and the workers send them (202, `recipients`). With `at` in the future the mailing is `scheduled` and frozen then. ' +
          '409 `mailing.already_sent` when it is no longer a draft; 409 `mailing.empty_segment` when nobody would get it; 422 naming what is wrong with it.',
        params: idParams,
        body: sendInput,
        response: { 202: sendResult, ...errors },
      },
    },
    async (req, reply) => {
      allow(req, canComposeMailings(req.actor), 'not_found');
      const result = await sendMailing(app.db, req.actor, req.params.id, { at: req.body?.at }, ctx);
      if (!result.ok) throw mailingProblem(req, result);
      return reply.status(202).send({ id: req.params.id, status: result.status, recipients: result.recipients });
    },
  );

  const control = (path: 'pause' | 'resume' | 'cancel', summary: string, run: typeof pauseMailing) =>
    r.post(`/api/v1/mailings/:id/${path}`, { schema: { tags, summary, params: idParams, response: { 200: statusResult, ...errors } } }, async (req) => {
      allow(req, canComposeMailings(req.actor), 'not_found');
      const result = await run(app.db, req.actor, req.params.id);
      if (!result.ok) throw mailingProblem(req, result);
      return { id: req.params.id, status: result.status };
    });
  control('pause', 'Pause a sending mailing (the batch in flight completes)', pauseMailing);
  control('resume', 'Resume a paused mailing', resumeMailing);
  control('cancel', 'Cancel a draft or scheduled mailing', cancelMailing);

  r.get(
    '/api/v1/mailings/:id/failures',
    { schema: { tags, summary: 'Recipients the mailing could not reach, with the reason', params: idParams, querystring: failuresQuery, response: { 200: failureList, 401: problemSchema, 404: problemSchema } } },
    async (req) => {
      allow(req, canUseMailings(req.actor), 'not_found');
      const result = await mailingFailures(app.db, req.actor, req.params.id, { page: req.query.page });
      if (!result.ok) throw mailingProblem(req, result);
      return { items: result.failures, total: result.total, page: result.page, pageSize: result.pageSize };
    },
  );

  // --- newsletter topics ---

  const topicTags = ['Newsletter topics'];
  r.get(
    '/api/v1/newsletter-topics',
    { schema: { tags: topicTags, summary: 'Every newsletter topic', response: { 200: z.object({ items: z.array(topicOutput) }), 401: problemSchema, 403: problemSchema } } },
    async (req) => {
      allow(req, canUseMailings(req.actor));
      return { items: await listTopics(app.db) };
    },
  );

  r.post(
    '/api/v1/newsletter-topics',
    { schema: { tags: topicTags, summary: 'Add a newsletter topic (staff)', body: topicInput, response: { 201: topicOutput, 401: problemSchema, 403: problemSchema, 422: problemSchema } } },
    async (req, reply) => {
      allow(req, canManageTopics(req.actor));
      const result = await createTopic(app.db, req.actor, req.body);
      if (!result.ok) throw mailingProblem(req, result);
      return reply.status(201).send(result.topic);
    },
  );

  r.patch(
    '/api/v1/newsletter-topics/:id',
    { schema: { tags: topicTags, summary: 'Change a newsletter topic (staff); retire it with `active: false`', params: idParams, body: topicPatch, response: { 200: topicOutput, ...errors } } },
    async (req) => {
      allow(req, canManageTopics(req.actor));
      const result = await updateTopic(app.db, req.actor, req.params.id, req.body);
      if (!result.ok) throw mailingProblem(req, result);
      return result.topic;
    },
  );
}
