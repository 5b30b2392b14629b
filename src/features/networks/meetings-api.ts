import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { problemFor, type ReasonTable } from '../../platform/outcomes.js';
import { eventStatuses } from '../events/index.js';
import { agendaInput, createNetworkMeeting, listNetworkMeetings, minutesInput, networkMeetingInput, setAgenda, setMinutes, type MeetingFailure, type MeetingReason } from './meetings.js';

/** The meetings' own reasons as problems, for the API and any page that posts the same use cases. */
export const meetingAnswers = {
  meeting_not_held: { status: 409, code: 'network.meeting_not_held', field: 'minutes' },
  meeting_ended: { status: 409, code: 'network.meeting_ended', field: 'agenda' },
  network_archived: { status: 409, code: 'network.archived' },
} satisfies ReasonTable<MeetingReason>;

export function meetingProblem(req: FastifyRequest, failure: MeetingFailure) {
  return problemFor(req, failure, meetingAnswers);
}

const iso = z.string().describe('ISO 8601 instant (UTC)');

export const networkMeetingOutput = z
  .object({
    eventId: z.uuid().describe('the event: register through `POST /api/v1/events/{eventId}/registrations`'),
    networkId: z.uuid(),
    slug: z.string(),
    title: z.string(),
    description: z.string().describe('Markdown'),
    startsAt: iso,
    endsAt: iso,
    timeZone: z.string(),
    placeName: z.string().nullable(),
    addressLine: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    onlineUrl: z.string().nullable(),
    status: z.enum(eventStatuses),
    capacity: z.number().int().nullable(),
    seatsLeft: z.number().int().nullable(),
    confirmedCount: z.number().int(),
    waitlistCount: z.number().int(),
    waitlist: z.boolean(),
    agenda: z.string().describe('Markdown'),
    minutes: z.string().describe('Markdown'),
    agendaUpdatedAt: iso.nullable(),
    minutesUpdatedAt: iso.nullable(),
    agendaMissing: z.boolean().describe('a meeting of member companies still to come without an agenda'),
    minutesMissing: z.boolean().describe('a meeting of member companies held without minutes'),
  })
  .meta({ id: 'NetworkMeeting' });

const meetingList = z.object({ upcoming: z.array(networkMeetingOutput), past: z.array(networkMeetingOutput) });
const networkParams = z.object({ id: z.uuid() });
const eventParams = z.object({ eventId: z.uuid() });

/**
 * Network meetings over the API: call one, list them, set the agenda before and the minutes after.
 * Registering, cancelling and the participant list are the events API's, by the meeting's `eventId`.
 */
export async function networkMeetingApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Networks'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  const signedIn = (req: FastifyRequest) => allow(req, req.actor.kind !== 'anonymous');

  r.post(
    '/api/v1/networks/:id/meetings',
    {
      schema: {
        tags,
        summary: 'Call a network meeting: an event for the network’s participants (its coordinators and organisers)',
        description: 'Published at once unless `draft`. A network of member companies needs an `agenda` (422 `network.agenda_required`). Times are ISO 8601 with an offset.',
        params: networkParams,
        body: networkMeetingInput,
        response: { 201: networkMeetingOutput, ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      const result = await createNetworkMeeting(app.db, req.actor, req.params.id, req.body);
      if (!result.ok) throw meetingProblem(req, result);
      return reply.status(201).send(result.meeting);
    },
  );

  r.get(
    '/api/v1/networks/:id/meetings',
    { schema: { tags, summary: 'The network’s meetings, upcoming and past, with agenda and minutes (its participants and organisers)', params: networkParams, response: { 200: meetingList, 401: problemSchema, 404: problemSchema } } },
    async (req) => {
      signedIn(req);
      const result = await listNetworkMeetings(app.db, req.actor, req.params.id);
      if (!result.ok) throw meetingProblem(req, result);
      return result.meetings;
    },
  );

  r.put(
    '/api/v1/network-meetings/:eventId/agenda',
    { schema: { tags, summary: 'Set a meeting’s agenda, until it is over (coordinators and organisers)', params: eventParams, body: agendaInput, response: { 200: networkMeetingOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      const result = await setAgenda(app.db, req.actor, req.params.eventId, req.body.agenda);
      if (!result.ok) throw meetingProblem(req, result);
      return result.meeting;
    },
  );

  r.put(
    '/api/v1/network-meetings/:eventId/minutes',
    { schema: { tags, summary: 'Write a meeting’s minutes, once it has begun (coordinators and organisers)', params: eventParams, body: minutesInput, response: { 200: networkMeetingOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      const result = await setMinutes(app.db, req.actor, req.params.eventId, req.body.minutes);
      if (!result.ok) throw meetingProblem(req, result);
      return result.meeting;
    },
  );
}
