import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { invalid, ProblemError } from '../../platform/errors.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { problemFor, problemsToFieldErrors, refusalProblem } from '../../platform/outcomes.js';
import { eventAnswers, registrationAnswers } from './outcomes.js';
import { can } from './policy.js';
import { cancelEvent, createEvent, newEventProblems, publishEvent, unpublishEvent, updateEvent } from './events.js';
import { validationErrors, validationFailed } from '../../platform/http/problems.js';
import { mergeFieldErrors, validParts } from '../../platform/http/forms.js';
import { cancelRegistration, registerForEvent } from './registrations.js';
import { checkIn } from './check-in.js';
import { getEvent, listEvents, listRegistrations } from './queries.js';
import { eventMailContext } from './mails.js';
import { registrationLimit } from './registration-limit.js';
import { cancelEventInput, eventDetail, eventFilter, eventInput, eventList, eventPatch, idParams, registrationInput, registrationList, registrationParams, registrationResult } from './schema.js';

export async function eventApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Events'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  const signedIn = (req: FastifyRequest) => allow(req, req.actor.kind !== 'anonymous');

  r.get(
    '/api/v1/events',
    {
      schema: {
        tags,
        summary: 'Events the caller may see, soonest first',
        description:
          'Without a token: published public events. Members see the events meant for them; staff and board of a unit also its drafts. ' +
          'Running and upcoming events unless `from` says otherwise; `unit` includes its sub-units.',
        querystring: eventFilter,
        response: { 200: eventList, 401: problemSchema, 422: problemSchema },
      },
    },
    async (req) => listEvents(app.db, req.actor, req.query),
  );

  r.post(
    '/api/v1/events',
    {
      schema: {
        tags,
        summary: 'Create an event, as a draft (staff of the unit)',
        description: 'Times are ISO 8601 with an offset. `description` is Markdown (no raw HTML). `capacity` null is unlimited; guests take seats.',
        body: eventInput,
        response: { 201: eventDetail, ...errors },
      },
      // The body's errors come to the handler, which adds what the database and the clock say about the rest.
      attachValidation: true,
    },
    async (req, reply) => {
      allow(req, can(req.actor, 'event.create'));
      const bad = validationErrors(req);
      if (bad) throw validationFailed(mergeFieldErrors(bad, problemsToFieldErrors(req.t, await newEventProblems(app.db, req.actor, validParts(eventPatch, req.body)))));
      const result = await createEvent(app.db, req.actor, req.body);
      if (!result.ok) throw problemFor(req, result, eventAnswers);
      return reply.status(201).send(result.event);
    },
  );

  r.get(
    '/api/v1/events/:id',
    { schema: { tags, summary: 'One event with its counts, programme and material', params: idParams, response: { 200: eventDetail, 401: problemSchema, 404: problemSchema } } },
    async (req) => {
      const result = await getEvent(app.db, req.actor, req.params.id);
      if (!result.ok) throw refusalProblem(req, result);
      return result.event;
    },
  );

  r.patch(
    '/api/v1/events/:id',
    {
      schema: {
        tags,
        summary: 'Change an event (staff of the unit)',
        description: 'A higher capacity confirms the waiting list in order at once; a lower one never removes a confirmed person.',
        params: idParams,
        body: eventPatch,
        response: { 200: eventDetail, ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const result = await updateEvent(app.db, req.actor, req.params.id, req.body, await eventMailContext(app));
      if (!result.ok) throw problemFor(req, result, eventAnswers);
      return result.event;
    },
  );

  for (const [action, run, summary] of [
    ['publish', publishEvent, 'Publish an event to its audience (staff of the unit)'],
    ['unpublish', unpublishEvent, 'Take an event back to a draft (staff of the unit)'],
  ] as const) {
    r.post(`/api/v1/events/:id/${action}`, { schema: { tags, summary, params: idParams, response: { 200: eventDetail, ...errors } } }, async (req) => {
      signedIn(req);
      const result = await run(app.db, req.actor, req.params.id);
      if (!result.ok) throw problemFor(req, result, eventAnswers);
      return result.event;
    });
  }

  r.post(
    '/api/v1/events/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel an event; everyone confirmed or waiting is told by e-mail (staff of the unit)',
        params: idParams,
        body: z.preprocess((v) => v ?? {}, cancelEventInput),
        response: { 200: eventDetail, ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const result = await cancelEvent(app.db, req.actor, req.params.id, req.body, await eventMailContext(app));
      if (!result.ok) throw problemFor(req, result, eventAnswers);
      return result.event;
    },
  );

  r.post(
    '/api/v1/events/:id/registrations',
    {
      schema: {
        tags,
        summary: 'Register a member (`memberId`), or anyone for a public event (`name`, `email`)',
        description:
          'Staff of the event’s unit register members by `memberId`. A public registration is `pending` until the e-mailed link is opened (double opt-in). ' +
          '409 for a duplicate or a full event without a waiting list; 422 when registration is closed or not yet open.',
        params: idParams,
        body: registrationInput,
        response: { 201: registrationResult, ...errors, 429: problemSchema },
      },
      // The page form's limit: without it, anyone could make the server mail strangers without end.
      config: registrationLimit(app.config),
    },
    async (req, reply) => {
      const body = req.body;
      const publicMode = !body.memberId && Boolean(body.email);
      if (!publicMode) {
        signedIn(req);
        // A token has no self to register.
        if (!body.memberId && req.actor.kind !== 'person') throw invalid(req.t, 'memberId', 'validation.required');
      }
      const result = await registerForEvent(app.db, req.actor, req.params.id, { ...body, locale: req.locale }, await eventMailContext(app));
      if (!result.ok) throw problemFor(req, result, registrationAnswers(publicMode ? 'email' : 'memberId'));
      return reply.status(201).send(result.registration);
    },
  );

  r.get(
    '/api/v1/events/:id/registrations',
    {
      schema: {
        tags,
        summary: 'Everyone registered, in order: confirmed, then the waiting list with positions 1..n, then pending and cancelled (staff and board of the unit)',
        description: 'Each call is recorded in the audit log as a view of the participant list.',
        params: idParams,
        response: { 200: registrationList, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (req) => {
      const result = await listRegistrations(app.db, req.actor, req.params.id);
      if (!result.ok) throw refusalProblem(req, result);
      return { items: result.items };
    },
  );

  r.delete(
    '/api/v1/events/:id/registrations/:registrationId',
    {
      schema: {
        tags,
        summary: 'Cancel a registration; a freed seat goes to the first on the waiting list at once (staff of the unit)',
        params: registrationParams,
        response: { 204: z.null().describe('Cancelled'), ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      const result = await cancelRegistration(app.db, req.actor, req.params.id, req.params.registrationId, await eventMailContext(app));
      if (!result.ok) {
        if (result.reason === 'already_cancelled') throw new ProblemError(409, 'event.already_cancelled');
        throw refusalProblem(req, result);
      }
      return reply.status(204).send(null);
    },
  );

  for (const method of ['post', 'delete'] as const) {
    r[method](
      '/api/v1/events/:id/registrations/:registrationId/check-in',
      {
        schema: {
          tags,
          summary: method === 'post' ? 'Mark a confirmed participant as attended (staff of the unit)' : 'Undo a check-in (staff of the unit)',
          params: registrationParams,
          response: { 204: z.null().describe('Done'), ...errors },
        },
      },
      async (req, reply) => {
        signedIn(req);
        const result = await checkIn(app.db, req.actor, req.params.id, req.params.registrationId, { undo: method === 'delete' });
        if (!result.ok) {
          if (result.reason === 'not_confirmed') throw new ProblemError(409, 'event.not_confirmed');
          throw refusalProblem(req, result);
        }
        return reply.status(204).send(null);
      },
    );
  }
}
