import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { stewardWorkplaces } from '../../platform/actor.js';
import { allow } from '../../platform/http/guard.js';
import { parseForm, formValues, mergeFieldErrors } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { fieldError, ProblemError, type FieldError } from '../../platform/errors.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import { listUnits } from '../../kernel/units.js';
import { eventMailContext } from '../events/index.js';
import { can } from './policy.js';
import { getMeeting, listMeetingRequests } from './queries.js';
import { type FieldProblem, refuse } from '../../platform/outcomes.js';
import { checkMeetingRequest, followMeeting, requestWorkplaceMeeting } from './requests.js';
import { scheduleMeeting } from './schedule.js';
import { cancelMeeting, declineMeeting, reportMeeting, takeMeeting, type MeetingResult } from './workflow.js';
import { createTopic, listTopics, offeredTopics, updateTopic } from './topics.js';
import { createAssignedMeetingsFeed, myAssignedMeetings, assignedFeedUrl } from './assigned.js';
import { meetingStats } from './stats.js';
import { meetingStatuses, type MeetingStatus } from './tables.js';
import { cancelInput, declineInput, meetingFilter, topicInput, topicPatch } from './schema.js';
import { assignablePeople, unitOfTopic, unitOfWorkplace, workplacesOfUnit } from './page-queries.js';
import { parseReportForm, parseRequestForm, parseScheduleForm, parseSimple, problemsToErrors, requestErrors, scheduleFieldOf } from './page-form.js';
import { BadFollowLinkPage, FollowPage, RequestPage, RequestSentPage } from './pages/request.js';
import { QueuePage } from './pages/queue.js';
import { MeetingPage, type DetailForms } from './pages/detail.js';
import { MinePage } from './pages/mine.js';
import { TopicsPage } from './pages/topics.js';
import { meetingStatusLabel } from './labels.js';

const uuid = z.uuid();
const idParams = z.object({ id: z.uuid() });

/**
 * The meeting's status no longer allows the action (someone else declined or scheduled it meanwhile):
 * an error about the meeting as a whole, told above the page with no field to link to. The API keeps
 * `status` as the problem's path.
 */
function statusError(req: FastifyRequest, status: MeetingStatus): FieldError {
  return { path: '', code: 'workplace_meeting.wrong_status', message: req.t('workplace_meeting.wrong_status', { status: req.t(meetingStatusLabel[status]) }) };
}

/** The follow page carries its secret in the address: keep it out of logs, caches and search engines. */
function secretPage(reply: FastifyReply): FastifyReply {
  return reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
}

/**
 * The pages of workplace meetings: the public request form with its receipt and follow-status page,
 * the office's queue with counts and the held-per-month chart, one meeting with the office's actions,
 * and "my workplace meetings" with the calendar feed. Each action calls the same use case as the API.
 */
export async function workplaceMeetingPages(app: FastifyInstance): Promise<void> {
  // Each accepted public form sends a mail: the same budget as log-in requests.
  const limit = { rateLimit: { max: app.config.LOGIN_RATE_LIMIT, timeWindow: '1 minute' } };

  const requestPage = async (req: FastifyRequest, reply: FastifyReply, unitId: string | null, form: FormState, status = 200) => {
    const units = await listUnits(app.db);
    const known = unitId && units.some((u) => u.id === unitId) ? unitId : null;
    // Workplaces belong to districts: the public picks among those (the whole tree only where there are none).
    const districts = units.filter((u) => u.kind === 'district' || u.id === known);
    const choices = districts.some((u) => u.kind === 'district') ? districts : units;
    const [workplaces, topics] = known ? await Promise.all([workplacesOfUnit(app.db, known), offeredTopics(app.db, known)]) : [[], []];
    return reply.status(status).html(<RequestPage view={await reply.view()} units={choices} unitId={known} workplaces={workplaces} topics={topics.filter((x) => x.active)} form={form} />);
  };

  app.get('/request-meeting', async (_req, reply) => reply.redirect('/workplace-meetings/request', 301));

  app.get<{ Querystring: { unit?: string; workplace?: string } }>('/workplace-meetings/request', async (req, reply) => {
    allow(req, can(req.actor, 'workplace_meeting.request'));
    let unitId = uuid.safeParse(req.query.unit).success ? req.query.unit! : null;
    const values: Record<string, unknown> = {};
    // The link on a workplace's page names it, and a steward asks for their own workplace: preselect it
    // (they may still choose another). Workplace names are on the public form anyway.
    const named = uuid.safeParse(req.query.workplace).success ? req.query.workplace! : null;
    const own = named ?? [...stewardWorkplaces(req.actor)][0];
    if (own) {
      const ownUnit = await unitOfWorkplace(app.db, own);
      if (ownUnit && (!unitId || unitId === ownUnit)) {
        unitId = ownUnit;
        values.workplaceId = own;
      }
    }
    return requestPage(req, reply, unitId, emptyForm(values));
  });

  app.post('/workplace-meetings/request', { config: limit }, async (req, reply) => {
    allow(req, can(req.actor, 'workplace_meeting.request'));
    const form = parseRequestForm(req);
    const unitOf = (v: Record<string, unknown>) => (uuid.safeParse(v.unitId).success ? String(v.unitId) : null);
    if (!form.ok) {
      // What the database says about the valid parts comes with the form's own errors: one round, not three.
      const problems = await checkMeetingRequest(app.db, form.draft);
      const errors = requestErrors(mergeFieldErrors(form.errors, problemsToErrors(req, problems, form.fieldOf)));
      return requestPage(req, reply, unitOf(form.values), { values: form.values, errors }, 422);
    }
    const values = formValues(req.body);
    const result = await requestWorkplaceMeeting(app.db, req.actor, { ...form.data, locale: req.locale }, await eventMailContext(app));
    if (!result.ok) return requestPage(req, reply, unitOf(values), { values, errors: requestErrors(problemsToErrors(req, result.errors, form.fieldOf)) }, 422);
    return reply.redirect('/workplace-meetings/requested', 303);
  });

  app.get('/workplace-meetings/requested', async (_req, reply) => reply.html(<RequestSentPage view={await reply.view()} />));

  app.get<{ Params: { token: string } }>('/workplace-meetings/follow/:token', async (req, reply) => {
    const meeting = await followMeeting(app.db, req.params.token);
    secretPage(reply);
    if (!meeting) return reply.status(404).html(<BadFollowLinkPage view={await reply.view()} />);
    return reply.html(<FollowPage view={await reply.view()} meeting={meeting} />);
  });

  // --- the office ---

  app.get('/workplace-meetings', async (req, reply) => {
    allow(req, can(req.actor, 'workplace_meeting.list'));
    const units = await listUnits(app.db);
    const parsed = parseForm(meetingFilter, req.query, req.t);
    const view = await reply.view();
    const zero = Object.fromEntries(meetingStatuses.map((s) => [s, 0])) as Record<MeetingStatus, number>;
    reply.header('cache-control', 'no-store');
    const may = { office: can(req.actor, 'workplace_meeting.stats'), assigned: can(req.actor, 'workplace_meeting.assigned'), manageTopics: can(req.actor, 'workplace_meeting.manage_topics') };
    if (!parsed.ok) return reply.status(422).html(<QueuePage view={view} items={[]} counts={zero} filter={{}} form={parsed} units={units} stats={null} may={may} />);
    const filter = parsed.data;
    const [list, all] = await Promise.all([listMeetingRequests(app.db, req.actor, filter), listMeetingRequests(app.db, req.actor, { ...filter, status: undefined })]);
    const counts = { ...zero };
    for (const m of all.items) counts[m.status]++;
    // The chart is for the chosen unit, else the first unit whose numbers the reader may see (their own district).
    const statsUnit = filter.unit ?? units.find((u) => can(req.actor, 'workplace_meeting.stats', { unitId: u.id, workplaceId: null, requesterPersonId: null }))?.id;
    const stats = statsUnit ? await meetingStats(app.db, req.actor, { unit: statsUnit, month: filter.month }) : null;
    return reply.html(<QueuePage view={view} items={list.items} counts={counts} filter={filter} form={emptyForm()} units={units} stats={stats?.ok ? stats.stats : null} may={may} />);
  });

  app.get('/workplace-meetings/mine', async (req, reply) => {
    const found = await myAssignedMeetings(app.db, req.actor);
    if (!found.ok) refuse(req, found);
    return reply.header('cache-control', 'no-store').html(<MinePage view={await reply.view()} meetings={found.meetings} feedUrl={null} />);
  });

  app.post('/workplace-meetings/mine/feed', async (req, reply) => {
    const found = await myAssignedMeetings(app.db, req.actor);
    if (!found.ok) refuse(req, found);
    const feed = await createAssignedMeetingsFeed(app.db, req.actor);
    if (!feed.ok) refuse(req, feed);
    // The URL is the credential and is shown only in this answer: never cached, never sent on as a referrer.
    secretPage(reply);
    return reply.html(<MinePage view={await reply.view()} meetings={found.meetings} feedUrl={assignedFeedUrl(app.config.publicUrl, feed.token)} />);
  });

  // --- the topic catalogue ---

  const topicsPage = async (req: FastifyRequest, reply: FastifyReply, unit: string | undefined, form: FormState = emptyForm(), editing: string | null = null, status = 200) => {
    allow(req, can(req.actor, 'workplace_meeting.manage_topics'));
    const all = await listUnits(app.db);
    const units = all.filter((u) => can(req.actor, 'workplace_meeting.manage_topics', { unitId: u.id, workplaceId: null, requesterPersonId: null }));
    // A unit asked for by name is that unit's catalogue or a refusal, never quietly the reader's own list instead.
    if (unit && !units.some((u) => u.id === unit)) throw all.some((u) => u.id === unit) ? new ProblemError(403, 'http.forbidden') : new ProblemError(404, 'http.not_found');
    const unitId = unit || units[0]?.id;
    if (!unitId) throw new ProblemError(403, 'http.forbidden');
    const found = await listTopics(app.db, req.actor, unitId);
    if (!found.ok) return refuse(req, found);
    return reply.header('cache-control', 'no-store').status(status).html(<TopicsPage view={await reply.view()} units={units} unitId={unitId} topics={found.topics} form={form} editing={editing} />);
  };

  app.get<{ Querystring: { unit?: string } }>('/workplace-meetings/topics', async (req, reply) => topicsPage(req, reply, req.query.unit));

  app.post('/workplace-meetings/topics', async (req, reply) => {
    allow(req, can(req.actor, 'workplace_meeting.manage_topics'));
    const values = formValues(req.body);
    const unit = typeof values.unitId === 'string' ? values.unitId : undefined;
    const form = parseSimple(req, topicInput);
    if (!form.ok) return topicsPage(req, reply, unit, form, null, 422);
    const result = await createTopic(app.db, req.actor, form.data);
    if (!result.ok) {
      if (result.reason !== 'invalid') return refuse(req, result);
      return topicsPage(req, reply, unit, { values, errors: problemsToErrors(req, result.errors, (p) => p) }, null, 422);
    }
    reply.flash('success', req.t('wm_page.flash.topic_saved'));
    return reply.redirect(`/workplace-meetings/topics?unit=${result.topic.unitId}`, 303);
  });

  app.post<{ Params: { topicId: string } }>('/workplace-meetings/topics/:topicId', async (req, reply) => {
    allow(req, can(req.actor, 'workplace_meeting.manage_topics'));
    if (!uuid.safeParse(req.params.topicId).success) throw new ProblemError(404, 'http.not_found');
    const values = formValues(req.body);
    // An unchecked box sends nothing: the form always says whether the topic is active.
    const form = parseSimple(req, topicPatch.extend({ active: z.string().optional().transform((v) => v === 'on') }));
    const id = req.params.topicId;
    const result = form.ok ? await updateTopic(app.db, req.actor, id, form.data) : null;
    if (result && !result.ok && result.reason !== 'invalid') return refuse(req, result);
    if (!result || !result.ok) {
      const topicUnit = await unitOfTopic(app.db, id);
      const errors = form.ok ? problemsToErrors(req, (result as { errors: FieldProblem[] }).errors, (p) => p) : form.errors;
      return topicsPage(req, reply, topicUnit ?? undefined, { values, errors }, id, 422);
    }
    reply.flash('success', req.t('wm_page.flash.topic_saved'));
    return reply.redirect(`/workplace-meetings/topics?unit=${result.topic.unitId}`, 303);
  });

  const meetingPage = async (req: FastifyRequest, reply: FastifyReply, id: string, forms: DetailForms = {}, status = 200) => {
    const found = await getMeeting(app.db, req.actor, id);
    if (!found.ok) refuse(req, found);
    const m = found.meeting;
    const subject = { unitId: m.unitId, workplaceId: m.workplaceId, requesterPersonId: m.requesterPersonId, politicianId: m.politician?.id, consultantId: m.consultant?.id, status: m.status };
    const may = { manage: can(req.actor, 'workplace_meeting.manage', subject), report: can(req.actor, 'workplace_meeting.report', subject), cancel: can(req.actor, 'workplace_meeting.cancel', subject) };
    const [politicians, consultants, workplaces] = may.manage
      ? await Promise.all([assignablePeople(app.db, m.unitId, ['staff', 'board']), assignablePeople(app.db, m.unitId, ['staff']), m.workplaceId ? [] : workplacesOfUnit(app.db, m.unitId)])
      : [[], [], []];
    reply.header('cache-control', 'no-store');
    return reply.status(status).html(<MeetingPage view={await reply.view()} meeting={m} may={may} forms={forms} politicians={politicians} consultants={consultants} workplaces={workplaces} />);
  };

  const idOf = (req: FastifyRequest) => {
    const p = idParams.safeParse(req.params);
    if (!p.success) throw new ProblemError(404, 'http.not_found');
    return p.data.id;
  };

  app.get('/workplace-meetings/:id', async (req, reply) => meetingPage(req, reply, idOf(req)));

  /** A finished action: back to the meeting with a message; a refusal in sight is told on the page. */
  const after = async (req: FastifyRequest, reply: FastifyReply, id: string, result: MeetingResult, done: string, form: keyof DetailForms) => {
    if (result.ok) {
      reply.flash('success', req.t(done));
      return reply.redirect(`/workplace-meetings/${id}`, 303);
    }
    if (result.reason === 'not_found' || result.reason === 'forbidden') return refuse(req, result);
    const values = formValues(req.body);
    if (result.reason === 'invalid') return meetingPage(req, reply, id, { [form]: { values, errors: problemsToErrors(req, result.errors, (p) => p) } }, 422);
    if (result.reason !== 'wrong_status') return refuse(req, result);
    return meetingPage(req, reply, id, { general: [statusError(req, result.status)] }, 409);
  };

  app.post('/workplace-meetings/:id/take', async (req, reply) => {
    const id = idOf(req);
    return after(req, reply, id, await takeMeeting(app.db, req.actor, id), 'wm_page.flash.taken', 'schedule');
  });

  app.post('/workplace-meetings/:id/decline', async (req, reply) => {
    const id = idOf(req);
    const form = parseSimple(req, declineInput);
    if (!form.ok) return meetingPage(req, reply, id, { decline: form }, 422);
    return after(req, reply, id, await declineMeeting(app.db, req.actor, id, form.data, await eventMailContext(app)), 'wm_page.flash.declined', 'decline');
  });

  app.post('/workplace-meetings/:id/cancel', async (req, reply) => {
    const id = idOf(req);
    const form = parseSimple(req, cancelInput);
    if (!form.ok) return meetingPage(req, reply, id, { cancel: form }, 422);
    return after(req, reply, id, await cancelMeeting(app.db, req.actor, id, form.data, await eventMailContext(app)), 'wm_page.flash.cancelled', 'cancel');
  });

  app.post('/workplace-meetings/:id/report', async (req, reply) => {
    const id = idOf(req);
    const form = parseReportForm(req);
    if (!form.ok) return meetingPage(req, reply, id, { report: form }, 422);
    return after(req, reply, id, await reportMeeting(app.db, req.actor, id, form.data), 'wm_page.flash.reported', 'report');
  });

  app.post('/workplace-meetings/:id/schedule', async (req, reply) => {
    const id = idOf(req);
    const form = parseScheduleForm(req);
    if (!form.ok) return meetingPage(req, reply, id, { schedule: form }, 422);
    const result = await scheduleMeeting(app.db, req.actor, id, form.data, await eventMailContext(app));
    const values = formValues(req.body);
    if (result.ok) {
      reply.flash('success', req.t('wm_page.flash.scheduled'));
      return reply.redirect(`/workplace-meetings/${id}`, 303);
    }
    switch (result.reason) {
      case 'not_found':
      case 'forbidden':
        return refuse(req, result);
      case 'invalid':
        return meetingPage(req, reply, id, { schedule: { values, errors: problemsToErrors(req, result.errors, scheduleFieldOf) } }, 422);
      case 'double_booked': {
        const params = {
          workplace: result.clash.workplaceName,
          starts: formatDateTime(req.locale, result.clash.startsAt, result.clash.timeZone),
          ends: formatDateTime(req.locale, result.clash.endsAt, result.clash.timeZone),
        };
        return meetingPage(req, reply, id, { schedule: { values, errors: [fieldError(req.t, result.field, 'workplace_meeting.double_booked', params)] } }, 409);
      }
      case 'not_schedulable':
        return meetingPage(req, reply, id, { general: [statusError(req, result.status)] }, 409);
    }
  });
}
