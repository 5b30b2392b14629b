import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { formValues } from '../../platform/http/forms.js';
import { notFound, refuse } from '../../platform/outcomes.js';
import { setAgenda, setMinutes, type MeetingResult } from './meetings.js';
import { networkMeetings } from './tables.js';
import { back, idOf, meetingFailure, text } from './pages/page-http.js';

/**
 * A meeting's agenda and minutes, written by the network's coordinators on its page (the meeting
 * itself is an event: its page, seats and registration are the events module's). Back to the
 * network's page with a message either way.
 */
export async function networkMeetingPages(app: FastifyInstance): Promise<void> {
  /** The network the meeting belongs to, for the way back; a meeting that is not there is not found. */
  const networkOf = async (req: FastifyRequest, eventId: string): Promise<string> => {
    const [row] = await app.db.select({ networkId: networkMeetings.networkId }).from(networkMeetings).where(eq(networkMeetings.eventId, eventId));
    if (!row) return refuse(req, notFound);
    return row.networkId;
  };

  const answer = async (req: FastifyRequest, reply: FastifyReply, eventId: string, result: MeetingResult, saved: string) => {
    const networkId = await networkOf(req, eventId);
    const url = `/networks/${networkId}#meeting-${eventId}`;
    if (!result.ok) {
      if (result.reason === 'not_found' || result.reason === 'forbidden') return refuse(req, result);
      return back(reply, url, 'error', meetingFailure(req, result).errors.map((e) => e.message).join(' '));
    }
    return back(reply, url, 'success', req.t(saved));
  };

  app.post('/networks/meetings/:eventId/agenda', async (req, reply) => {
    const eventId = idOf(req, 'eventId');
    const result = await setAgenda(app.db, req.actor, eventId, text(formValues(req.body).agenda).slice(0, 50_000));
    return answer(req, reply, eventId, result, 'networks.meetings.agenda_saved');
  });

  app.post('/networks/meetings/:eventId/minutes', async (req, reply) => {
    const eventId = idOf(req, 'eventId');
    const result = await setMinutes(app.db, req.actor, eventId, text(formValues(req.body).minutes).slice(0, 100_000));
    return answer(req, reply, eventId, result, 'networks.meetings.minutes_saved');
  });
}
