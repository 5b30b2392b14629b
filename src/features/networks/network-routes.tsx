import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorPersonId } from '../../platform/actor.js';
import { fieldError, type FieldError } from '../../platform/errors.js';
import { formValues } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { refuse, type Refusal } from '../../platform/outcomes.js';
import { organisationTimeZone } from '../../platform/i18n/format.js';
import { zonedInstantFromLocal } from '../../platform/i18n/zoned-time.js';
import { fieldErrorsFromZod } from '../../platform/errors.js';
import { searchDirectory } from '../directory/index.js';
import { addNetworkMember, leaveNetwork } from './membership.js';
import { createNetworkMeeting, listNetworkMeetings, networkMeetingInput } from './meetings.js';
import { getNetwork, type NetworkView } from './networks.js';
import { notificationModeOf } from './notifications.js';
import { can } from './policy.js';
import { createThread, listThreads } from './threads.js';
import { NetworkPage } from './pages/network-page.js';
import { back, failureText, formErrors, idOf, meetingFailure, ownCompanies, text } from './pages/page-http.js';

/** The forms of the network's page that can come back with errors. */
export type NetworkPageForms = { threadForm?: FormState; meetingForm?: FormState };

/**
 * Renders a network's page for the reader: what anyone who sees it gets, and for those who read its
 * inside the threads, meetings and their notification choice. A form of the page that failed comes
 * back in it with its errors (`status` 422).
 */
export async function renderNetworkPage(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, id: string, forms: NetworkPageForms = {}, status = 200) {
  const found = await getNetwork(app.db, req.actor, id);
  if (!found.ok) return refuse(req, found as Refusal);
  const n: NetworkView = found.network;
  const reads = can(req.actor, 'network.read', n);
  const staffIds = new Set(n.staff.map((s) => s.personId));
  const me = actorPersonId(req.actor);
  const [directory, companies, threads, meetings, mode] = await Promise.all([
    staffIds.size > 0 ? searchDirectory(app.db, {}) : Promise.resolve([]),
    n.kind === 'companies' && n.standing?.status !== 'active' ? ownCompanies(app.db, req.actor) : Promise.resolve([]),
    reads ? listThreads(app.db, req.actor, id) : Promise.resolve(null),
    reads ? listNetworkMeetings(app.db, req.actor, id) : Promise.resolve(null),
    reads && me && n.standing?.status === 'active' ? notificationModeOf(app.db, id, me) : Promise.resolve(null),
  ]);
  const entries = new Map(directory.filter((e) => staffIds.has(e.personId)).map((e) => [e.personId, e]));
  const inside =
    threads?.ok && meetings?.ok
      ? {
          threads: threads.threads,
          meetings: meetings.meetings,
          mode,
          coordinating: can(req.actor, 'network.coordinate', n),
          mayPost: can(req.actor, 'network.post', n),
          threadForm: forms.threadForm ?? emptyForm(),
          meetingForm: forms.meetingForm ?? emptyForm(),
        }
      : null;
  reply.header('cache-control', 'no-store');
  return reply.status(status).html(<NetworkPage view={await reply.view()} network={n} entries={entries} companies={companies} inside={inside} />);
}

/**
 * One network's page and what its forms do: join or ask to (or accept an invitation), leave (or
 * decline, or withdraw a request), start a thread, call a meeting. A form that fails comes back on
 * the page with the field's error; an outsider is told the network is not there.
 */
export async function networkOnePages(app: FastifyInstance): Promise<void> {
  const ctx = { baseUrl: app.config.publicUrl };


  app.get('/networks/:id', async (req, reply) => renderNetworkPage(app, req, reply, idOf(req)));

  app.post('/networks/:id/join', async (req, reply) => {
    const id = idOf(req);
    const values = formValues(req.body);
    const companyId = text(values.memberCompanyId).trim();
    const me = actorPersonId(req.actor);
    if (!me) return refuse(req, 'forbidden');
    const note = text(values.note).trim().slice(0, 1000) || undefined;
    const result = await addNetworkMember(app.db, req.actor, id, companyId ? { memberCompanyId: companyId, note } : { memberId: me, note });
    if (!result.ok) {
      if (result.reason === 'not_found' || result.reason === 'forbidden') return refuse(req, result);
      return back(reply, `/networks/${id}`, 'error', failureText(req, result));
    }
    return back(reply, `/networks/${id}`, 'success', result.member.status === 'requested' ? req.t('networks.join.request_sent') : req.t('networks.join.joined'));
  });

  app.post('/networks/:id/leave', async (req, reply) => {
    const id = idOf(req);
    const before = await getNetwork(app.db, req.actor, id);
    if (!before.ok) return refuse(req, before as Refusal);
    const result = await leaveNetwork(app.db, req.actor, id);
    if (!result.ok) {
      if (result.reason === 'not_found' || result.reason === 'forbidden') return refuse(req, result);
      return back(reply, `/networks/${id}`, 'error', failureText(req, result));
    }
    const was = before.network.standing?.status;
    const message = was === 'invited' ? 'networks.join.declined' : was === 'requested' ? 'networks.join.withdrawn' : 'networks.page.left';
    return back(reply, '/networks', 'success', req.t(message, { network: before.network.name }));
  });

  app.post('/networks/:id/threads', async (req, reply) => {
    const id = idOf(req);
    const values = formValues(req.body);
    const title = text(values.title);
    // The form does not cut a long title: it says how long one may be.
    if (title.length > 200) return renderNetworkPage(app, req, reply, id, { threadForm: { values, errors: [fieldError(req.t, 'title', 'validation.too_long', { max: 200 })] } }, 422);
    const result = await createThread(app.db, req.actor, id, { title, body: text(values.body) }, ctx);
    if (!result.ok) {
      const { errors, status } = formErrors(req, result);
      return renderNetworkPage(app, req, reply, id, { threadForm: { values, errors } }, status);
    }
    return back(reply, `/networks/threads/${result.threadId}`, 'success', req.t('networks.threads.created'));
  });

  app.post('/networks/:id/meetings', async (req, reply) => {
    const id = idOf(req);
    const values = formValues(req.body);
    const own: FieldError[] = [];
    const when = (name: 'startsAt' | 'endsAt') => {
      const raw = text(values[name]).trim();
      if (!raw) own.push(fieldError(req.t, name, 'validation.required'));
      const at = raw ? zonedInstantFromLocal(raw, organisationTimeZone) : null;
      if (raw && !at) own.push(fieldError(req.t, name, 'validation.invalid_datetime'));
      return at ? at.toISOString() : undefined;
    };
    const capacityRaw = text(values.capacity).trim();
    const capacity = capacityRaw === '' ? null : /^\d+$/.test(capacityRaw) ? Number(capacityRaw) : Number.NaN;
    if (Number.isNaN(capacity)) own.push(fieldError(req.t, 'capacity', 'validation.not_whole_number'));
    const input = {
      title: text(values.title),
      startsAt: when('startsAt'),
      endsAt: when('endsAt'),
      timeZone: organisationTimeZone,
      placeName: text(values.placeName),
      city: text(values.city),
      onlineUrl: text(values.onlineUrl).trim(),
      capacity: Number.isNaN(capacity) ? null : capacity,
      agenda: text(values.agenda),
    };
    const parsed = networkMeetingInput.safeParse(input);
    const schemaErrors = parsed.success ? [] : fieldErrorsFromZod(parsed.error, req.t).filter((e) => !own.some((o) => o.path === e.path));
    if (!parsed.success || own.length > 0) return renderNetworkPage(app, req, reply, id, { meetingForm: { values, errors: [...own, ...schemaErrors] } }, 422);
    const result = await createNetworkMeeting(app.db, req.actor, id, parsed.data);
    if (!result.ok) {
      const { errors, status } = meetingFailure(req, result);
      return renderNetworkPage(app, req, reply, id, { meetingForm: { values, errors } }, status);
    }
    return back(reply, `/networks/${id}#meeting-${result.meeting.eventId}`, 'success', req.t('networks.meetings.created'));
  });

}
