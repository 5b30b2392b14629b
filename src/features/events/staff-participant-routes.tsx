import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseForm } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { fieldError } from '../../platform/errors.js';
import { listRegistrations } from './queries.js';
import { cancelRegistration, registerForEvent } from './registrations.js';
import { checkIn } from './check-in.js';
import { messageParticipants } from './messages.js';
import { eventMailContext } from './mails.js';
import { messageInput, registrationInput, type RegistrationRow } from './schema.js';
import { addParticipantForm } from './staff-form.js';
import { doorRow, exportParticipants, findMemberForStaff } from './staff-queries.js';
import { detailOf, idParam, isHtmx, staffEvent, type StaffContext } from './staff-http.js';
import { refuse } from '../../platform/outcomes.js';
import { registrationAnswers } from './outcomes.js';
import { MessagePage, ParticipantsPage } from './pages/staff-participants.js';
import { AttendanceCount, CheckInPage, DoorRowItem, type DoorRow } from './pages/staff-check-in.js';
import { staffPath } from './pages/staff-parts.js';

/** Letters compared without case or accents, so "soren" finds "Søren" and "asa" finds "Åsa". */
function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

const doorQuery = z.object({ q: z.string().max(100).optional() });

/** Confirmed participants for the door, by name in the reader's alphabet, narrowed by a search. */
function doorRows(items: RegistrationRow[], q: string, locale: string): DoorRow[] {
  const needle = fold(q.trim());
  return items
    .filter((r) => r.status === 'confirmed')
    .filter((r) => !needle || fold(r.name).includes(needle) || fold(r.email ?? '').includes(needle))
    .map((r) => ({ id: r.id, name: r.name, guests: r.guests, checkedInAt: r.checkedInAt }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

/** Participants and waiting list, staff registering a member, CSV, a message to everyone, check-in. */
export async function staffParticipantPages(app: FastifyInstance): Promise<void> {
  const participantsPage = async (req: FastifyRequest, reply: FastifyReply, ctx: StaffContext, form: FormState, status = 200) => {
    // Reading the list is recorded in the audit log, as the API's is (names and addresses of participants).
    const list = await listRegistrations(app.db, req.actor, ctx.event.id);
    if (!list.ok) refuse(req, list);
    return reply
      .status(status)
      .header('cache-control', 'no-store')
      .html(<ParticipantsPage view={await reply.view()} e={await detailOf(app, ctx.event)} rights={ctx.rights} items={list.items} form={form} />);
  };

  app.get('/events/:slug/participants', async (req, reply) => participantsPage(req, reply, await staffEvent(app, req, 'event.view_participants'), emptyForm()));

  // Staff register a member (found by member number or e-mail) with the same use case as the API's `{ memberId }`.
  app.post('/events/:slug/participants', async (req, reply) => {
    const ctx = await staffEvent(app, req, 'event.manage_participants');
    const form = parseForm(addParticipantForm, req.body, req.t);
    if (!form.ok) return participantsPage(req, reply, ctx, form, 422);
    const values = { member: form.data.member, guests: String(form.data.guests) };
    const fail = (path: string, code: string, params: Record<string, unknown> = {}) => participantsPage(req, reply, ctx, { values, errors: [fieldError(req.t, path, code, params)] }, 422);
    const member = await findMemberForStaff(app.db, req.actor, form.data.member);
    if (!member) return fail('member', 'event_staff.member_not_found');
    const input = registrationInput.parse({ memberId: member.personId, guests: form.data.guests });
    const result = await registerForEvent(app.db, req.actor, ctx.event.id, input, await eventMailContext(app));
    if (!result.ok) {
      switch (result.reason) {
        case 'not_found':
        case 'forbidden':
          return refuse(req, result);
        case 'too_many_guests':
          return fail('guests', 'event.too_many_guests');
        case 'unknown_member':
          return fail('member', 'event_staff.member_not_found');
        case 'duplicate':
          return fail('member', 'event_staff.member_duplicate', { name: member.name });
        default:
          return fail('member', registrationAnswers(null)[result.reason].code);
      }
    }
    const r = result.registration;
    reply.flash('success', r.status === 'waitlisted' ? req.t('event_staff.added_waitlisted', { name: member.name, position: r.waitlistPosition }) : req.t('event_staff.added_confirmed', { name: member.name }));
    return reply.redirect(staffPath(ctx.event.slug, 'participants'), 303);
  });

  app.post('/events/:slug/participants/:registrationId/cancel', async (req, reply) => {
    const ctx = await staffEvent(app, req, 'event.manage_participants');
    const result = await cancelRegistration(app.db, req.actor, ctx.event.id, idParam(req, 'registrationId'), await eventMailContext(app));
    if (!result.ok) {
      if (result.reason !== 'already_cancelled') refuse(req, result);
      reply.flash('info', req.t('event.already_cancelled'));
    } else reply.flash('success', req.t('event_staff.registration_cancelled', { count: result.promoted }));
    return reply.redirect(staffPath(ctx.event.slug, 'participants'), 303);
  });

  app.get('/events/:slug/participants.csv', async (req, reply) => {
    const ctx = await staffEvent(app, req, 'event.view_participants');
    const csv = await exportParticipants(app.db, req.actor, ctx.event, req.t);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${req.t('event_staff.csv.filename')}-${ctx.event.slug}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });

  const messagePage = async (req: FastifyRequest, reply: FastifyReply, ctx: StaffContext, form: FormState, status = 200) =>
    reply.status(status).html(<MessagePage view={await reply.view()} e={await detailOf(app, ctx.event)} rights={ctx.rights} form={form} />);

  app.get('/events/:slug/message', async (req, reply) => messagePage(req, reply, await staffEvent(app, req, 'event.message'), emptyForm()));

  app.post('/events/:slug/message', async (req, reply) => {
    const ctx = await staffEvent(app, req, 'event.message');
    const form = parseForm(messageInput, req.body, req.t);
    if (!form.ok) return messagePage(req, reply, ctx, form, 422);
    const result = await messageParticipants(app.db, req.actor, ctx.event.id, form.data, await eventMailContext(app));
    if (!result.ok) refuse(req, result);
    reply.flash('success', req.t('event_staff.message_sent', { count: result.sent }));
    return reply.redirect(staffPath(ctx.event.slug, 'participants'), 303);
  });

  app.get('/events/:slug/check-in', async (req, reply) => {
    const ctx = await staffEvent(app, req, 'event.check_in');
    const q = doorQuery.safeParse(req.query).data?.q ?? '';
    const list = await listRegistrations(app.db, req.actor, ctx.event.id);
    if (!list.ok) refuse(req, list);
    const confirmed = list.items.filter((r) => r.status === 'confirmed');
    const attendance = { attended: confirmed.filter((r) => r.checkedInAt).length, confirmed: confirmed.length };
    return reply
      .header('cache-control', 'no-store')
      .html(<CheckInPage view={await reply.view()} e={await detailOf(app, ctx.event)} rights={ctx.rights} rows={doorRows(list.items, q, req.locale)} q={q} attendance={attendance} />);
  });

  // One tap at the door. With htmx the answer is the row (and the count) swapped in place; without
  // JavaScript it is the list again, with the search kept and scrolled to the person.
  app.post('/events/:slug/check-in/:registrationId', async (req, reply) => {
    const ctx = await staffEvent(app, req, 'event.check_in');
    const registrationId = idParam(req, 'registrationId');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const q = typeof body.q === 'string' ? body.q.slice(0, 100) : '';
    const back = `${staffPath(ctx.event.slug, 'check-in')}${q ? `?q=${encodeURIComponent(q)}` : ''}`;
    const result = await checkIn(app.db, req.actor, ctx.event.id, registrationId, { undo: body.undo === '1' });
    if (!result.ok) {
      if (result.reason !== 'not_confirmed') refuse(req, result);
      reply.flash('warning', req.t('event.not_confirmed'));
      // htmx reloads the whole page, which shows the message and the list as it is now.
      if (isHtmx(req)) return reply.header('hx-refresh', 'true').status(204).send();
      return reply.redirect(back, 303);
    }
    if (!isHtmx(req)) return reply.redirect(`${back}#reg-${registrationId}`, 303);
    const detail = await detailOf(app, ctx.event);
    const row = await doorRow(app.db, ctx.event.id, registrationId);
    if (!row) return reply.header('hx-refresh', 'true').status(204).send();
    const view = await reply.view();
    return reply.header('cache-control', 'no-store').html(
      <>
        <DoorRowItem view={view} e={detail} row={row} q={q} focus />
        <AttendanceCount view={view} attendance={{ attended: detail.attendedCount, confirmed: detail.confirmedCount }} swap />
      </>,
    );
  });
}
