import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { allow } from '../../platform/http/guard.js';
import type { ProblemError } from '../../platform/errors.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { eventMailContext } from '../events/index.js';
import { can } from './policy.js';
import { getMeeting, listMeetingRequests } from './queries.js';
import { problemFor, problemsToFieldErrors, type ReasonTable, type Refusal } from '../../platform/outcomes.js';
import { checkMeetingRequest, requestWorkplaceMeeting, type MeetingInvalid } from './requests.js';
import { scheduleMeeting, type ScheduleResult } from './schedule.js';
import { cancelMeeting, declineMeeting, reportMeeting, takeMeeting, type MeetingResult } from './workflow.js';
import { cancelInput, declineInput, idParams, meetingFilter, meetingList, meetingOutput, meetingRequestDraft, meetingRequestInput, reportInput, requestResult, scheduleInput } from './schema.js';
import { validationErrors, validationFailed } from '../../platform/http/problems.js';
import { mergeFieldErrors } from '../../platform/http/forms.js';
import { meetingStatusLabel } from './labels.js';

type Failure = Exclude<ScheduleResult | MeetingResult, { ok: true }> | MeetingInvalid;

/** The workplace meetings' own reasons, besides refusals and invalid input. */
const meetingAnswers = {
  double_booked: { status: 409, code: 'workplace_meeting.double_booked' },
  wrong_status: { status: 409, code: 'workplace_meeting.wrong_status', field: 'status' },
} satisfies ReasonTable<'double_booked' | 'wrong_status'>;

/** Every refusal of this feature as problem+json naming the field, in the reader's language. */
export function meetingProblem(req: FastifyRequest, r: Failure | Refusal): ProblemError {
  switch (r.reason) {
    case 'double_booked': {
      // The clash is named: which workplace, and when; the field is the person assigned twice.
      const params = { workplace: r.clash.workplaceName, starts: formatDateTime(req.locale, r.clash.startsAt, r.clash.timeZone), ends: formatDateTime(req.locale, r.clash.endsAt, r.clash.timeZone) };
      return problemFor(req, { ok: false, reason: 'double_booked', params }, { ...meetingAnswers, double_booked: { ...meetingAnswers.double_booked, field: r.field } });
    }
    case 'not_schedulable':
    case 'wrong_status':
      return problemFor(req, { ok: false, reason: 'wrong_status', params: { status: req.t(meetingStatusLabel[r.status]) } }, meetingAnswers);
    default:
      return problemFor(req, r, meetingAnswers);
  }
}

export async function workplaceMeetingApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Workplace meetings'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  const signedIn = (req: FastifyRequest) => allow(req, req.actor.kind !== 'anonymous');

  r.post(
    '/api/v1/workplace-meetings',
    {
      schema: {
        tags,
        summary: 'Request a workplace meeting',
        description:
          'A known workplace (`workplaceId`) or a new one (`newWorkplaceName`, `newWorkplaceAddress`, `unitId`); 1–3 proposed times ahead; ' +
          'topics from the unit’s catalogue (`topicIds`) and/or `freeTopic`. The contact person gets a receipt with a follow-status link.',
        body: meetingRequestInput,
        response: { 201: requestResult, 401: problemSchema, 422: problemSchema },
      },
      // The body's errors come to the handler, which adds what the database says about the rest.
      attachValidation: true,
    },
    async (req, reply) => {
      signedIn(req);
      const bad = validationErrors(req);
      if (bad) {
        const problems = await checkMeetingRequest(app.db, meetingRequestDraft(req.body));
        throw validationFailed(mergeFieldErrors(bad, problemsToFieldErrors(req.t, problems)));
      }
      const result = await requestWorkplaceMeeting(app.db, req.actor, { ...req.body, locale: req.locale }, await eventMailContext(app));
      if (!result.ok) throw meetingProblem(req, result);
      return reply.status(201).send(result.meeting);
    },
  );

  r.get(
    '/api/v1/workplace-meetings',
    {
      schema: {
        tags,
        summary: 'Workplace meetings the caller may see, new requests first',
        description:
          'Staff and board see their units’ meetings (a unit includes its sub-units), admins all, a steward those of their workplaces, a requester their own. ' +
          '`month` is `YYYY-MM` of the scheduled date, else the first proposed one. ' +
          'Order: new requests (newest first), then taken and scheduled meetings (soonest first), then held, declined and cancelled ones (latest first).',
        querystring: meetingFilter,
        response: { 200: meetingList, 401: problemSchema, 422: problemSchema },
      },
    },
    async (req) => {
      allow(req, can(req.actor, 'workplace_meeting.list'));
      return listMeetingRequests(app.db, req.actor, req.query);
    },
  );

  r.get(
    '/api/v1/workplace-meetings/:id',
    { schema: { tags, summary: 'One workplace meeting', description: 'Each call is recorded in the audit log as a view.', params: idParams, response: { 200: meetingOutput, 401: problemSchema, 404: problemSchema } } },
    async (req) => {
      signedIn(req);
      const result = await getMeeting(app.db, req.actor, req.params.id);
      if (!result.ok) throw meetingProblem(req, result);
      return result.meeting;
    },
  );

  r.post(
    '/api/v1/workplace-meetings/:id/take',
    { schema: { tags, summary: 'Take a new request: it is in progress (staff of the unit)', params: idParams, response: { 200: meetingOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      const result = await takeMeeting(app.db, req.actor, req.params.id);
      if (!result.ok) throw meetingProblem(req, result);
      return result.meeting;
    },
  );

  r.post(
    '/api/v1/workplace-meetings/:id/schedule',
    {
      schema: {
        tags,
        summary: 'Schedule: a time, a politician and a consultant (staff of the unit)',
        description:
          'Creates and publishes the event at the workplace and mails the requester and both assigned staff an .ics. ' +
          'A person already assigned to an overlapping meeting is refused with 409 naming that meeting. `workplaceId` links a request that described a new workplace.',
        params: idParams,
        body: scheduleInput,
        response: { 200: meetingOutput, ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const result = await scheduleMeeting(app.db, req.actor, req.params.id, req.body, await eventMailContext(app));
      if (!result.ok) throw meetingProblem(req, result);
      return result.meeting;
    },
  );

  r.post(
    '/api/v1/workplace-meetings/:id/decline',
    { schema: { tags, summary: 'Decline with a reason the requester sees (staff of the unit)', params: idParams, body: declineInput, response: { 200: meetingOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      const result = await declineMeeting(app.db, req.actor, req.params.id, req.body, await eventMailContext(app));
      if (!result.ok) throw meetingProblem(req, result);
      return result.meeting;
    },
  );

  r.post(
    '/api/v1/workplace-meetings/:id/cancel',
    { schema: { tags, summary: 'Cancel a meeting (staff of the unit; a requester their own until scheduled)', params: idParams, body: cancelInput, response: { 200: meetingOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      const result = await cancelMeeting(app.db, req.actor, req.params.id, req.body, await eventMailContext(app));
      if (!result.ok) throw meetingProblem(req, result);
      return result.meeting;
    },
  );

  r.post(
    '/api/v1/workplace-meetings/:id/report',
    {
      schema: {
        tags,
        summary: 'Report a meeting after it started: note, participants, members recruited; it is held',
        description: 'Staff of the unit, or the assigned politician or consultant.',
        params: idParams,
        body: reportInput,
        response: { 200: meetingOutput, ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const result = await reportMeeting(app.db, req.actor, req.params.id, req.body);
      if (!result.ok) throw meetingProblem(req, result);
      return result.meeting;
    },
  );
}

