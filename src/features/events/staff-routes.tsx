import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allow } from '../../platform/http/guard.js';
import { formValues, parseForm, validParts } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import type { FieldError } from '../../platform/errors.js';
import { can } from './policy.js';
import { cancelEvent, createEvent, eventChangeProblems, newEventProblems, publishEvent, unpublishEvent, updateEvent } from './events.js';
import { windowState } from './registrations.js';
import { eventMailContext } from './mails.js';
import { cancelEventInput, eventInput, eventPatch, type EventDetail } from './schema.js';
import { apiInput, checkInput, formErrors, formValuesOf, newFormValues, readEventForm, rowCount } from './staff-form.js';
import { detailOf, organisingUnits, staffEvent, type StaffContext } from './staff-http.js';
import { refuse } from '../../platform/outcomes.js';
import { staffParticipantPages } from './staff-participant-routes.js';
import { staffMaterialPages } from './staff-material-routes.js';
import { EventFormPage } from './pages/staff-form.js';
import { CancelEventPage, ManagePage } from './pages/staff-manage.js';
import { staffPath } from './pages/staff-parts.js';
import { groupKind } from '../../kernel/groups.js';

/**
 * The staff pages of events: create and edit, the manage overview with publish and cancel, the
 * participant list, check-in at the door and material. Each route is thin: the event by its slug
 * for the action (or the refusal the API would give), one use case, a page or a redirect.
 */
export async function eventStaffPages(app: FastifyInstance): Promise<void> {
  await app.register(eventFormPages);
  await app.register(staffParticipantPages);
  await app.register(staffMaterialPages);
}

async function eventFormPages(app: FastifyInstance): Promise<void> {
  const formPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, rows: number, ctx?: StaffContext & { detail: EventDetail }, status = 200) => {
    const { units, all } = await organisingUnits(app, req.actor);
    return reply.status(status).html(
      <EventFormPage
        view={await reply.view()}
        event={ctx?.detail}
        rights={ctx?.rights}
        form={form}
        // An admin or staff of a unit above may keep an event where it is even when the list would not offer it.
        units={ctx && !units.some((u) => u.id === ctx.event.unitId) ? [...units, ...all.filter((u) => u.id === ctx.event.unitId)] : units}
        allUnits={all}
        rows={rows}
        materials={ctx?.detail.materials ?? []}
      />,
    );
  };

  app.get('/events/new', async (req, reply) => {
    allow(req, can(req.actor, 'event.create'));
    const { units } = await organisingUnits(app, req.actor);
    const values = newFormValues(units.length === 1 ? units[0].id : undefined);
    return formPage(req, reply, emptyForm(values), rowCount(values, 'saved'));
  });

  app.post('/events/new', async (req, reply) => {
    allow(req, can(req.actor, 'event.create'));
    const values = formValues(req.body);
    // "Add a programme row": the same form back with one more row; nothing is checked or saved.
    if (values.add_item !== undefined) return formPage(req, reply, emptyForm(values), rowCount(values, 'add'));
    const read = readEventForm(values);
    const checked = checkInput(eventInput, apiInput(read), req.t);
    if (read.errors.length || !checked.ok) {
      // The checks against the database and the clock run on the valid parts too: one round shows everything.
      const problems = await newEventProblems(app.db, req.actor, validParts(eventPatch, apiInput(read)));
      return formPage(req, reply, { values, errors: formErrors(req.t, read, [...(checked.ok ? [] : checked.refused), ...problems]) }, rowCount(values, 'sent'), undefined, 422);
    }
    const result = await createEvent(app.db, req.actor, checked.data);
    if (!result.ok) {
      if (result.reason === 'invalid') return formPage(req, reply, { values, errors: formErrors(req.t, read, result.errors) }, rowCount(values, 'sent'), undefined, 422);
      refuse(req, { reason: result.reason === 'not_found' ? 'not_found' : 'forbidden' });
    }
    reply.flash('success', req.t('event_staff.created', { title: result.event.title }));
    return reply.redirect(staffPath(result.event.slug), 303);
  });

  app.get('/events/:slug/edit', async (req, reply) => {
    const ctx = await staffEvent(app, req, 'event.edit');
    if (ctx.event.status === 'cancelled') {
      reply.flash('warning', req.t('event.cancelled_event'));
      return reply.redirect(staffPath(ctx.event.slug), 303);
    }
    const detail = await detailOf(app, ctx.event);
    const values = formValuesOf(detail);
    return formPage(req, reply, emptyForm(values), rowCount(values, 'saved'), { ...ctx, detail });
  });

  app.post('/events/:slug/edit', async (req, reply) => {
    const ctx = await staffEvent(app, req, 'event.edit');
    const detail = await detailOf(app, ctx.event);
    const values = formValues(req.body);
    if (values.add_item !== undefined) return formPage(req, reply, emptyForm(values), rowCount(values, 'add'), { ...ctx, detail });
    const read = readEventForm(values);
    const checked = checkInput(eventPatch, apiInput(read), req.t);
    const invalid = (errors: FieldError[]) => formPage(req, reply, { values, errors }, rowCount(values, 'sent'), { ...ctx, detail }, 422);
    if (read.errors.length || !checked.ok) {
      const problems = await eventChangeProblems(app.db, req.actor, ctx.event, validParts(eventPatch, apiInput(read)));
      return invalid(formErrors(req.t, read, [...(checked.ok ? [] : checked.refused), ...problems]));
    }
    // The same use case as PATCH /api/v1/events/{id}: a higher capacity moves the waiting list up at once.
    const result = await updateEvent(app.db, req.actor, ctx.event.id, checked.data, await eventMailContext(app));
    if (!result.ok) {
      if (result.reason === 'invalid') return invalid(formErrors(req.t, read, result.errors));
      if (result.reason === 'cancelled_event' || result.reason === 'starts_in_past') {
        reply.flash('warning', req.t(result.reason === 'cancelled_event' ? 'event.cancelled_event' : 'event.starts_in_past'));
        return reply.redirect(staffPath(ctx.event.slug), 303);
      }
      refuse(req, { reason: result.reason === 'not_found' ? 'not_found' : 'forbidden' });
    }
    reply.flash('success', req.t('form.saved'));
    return reply.redirect(staffPath(result.event.slug), 303);
  });

  app.get('/events/:slug/manage', async (req, reply) => {
    const ctx = await staffEvent(app, req, 'event.view_participants');
    const detail = await detailOf(app, ctx.event);
    const { all } = await organisingUnits(app, req.actor);
    const nameOf = (id: string | null) => all.find((u) => u.id === id)?.name ?? null;
    // A network is named by the feature that keeps it (the kernel's group kind); events know only its id.
    const audienceNetworkName = detail.audienceNetworkId ? ((await groupKind('network')?.title(app.db, detail.audienceNetworkId)) ?? null) : null;
    const facts = { unitName: nameOf(detail.unitId) ?? '–', audienceUnitName: nameOf(detail.audienceUnitId), audienceNetworkName, window: windowState(ctx.event) };
    return reply.header('cache-control', 'no-store').html(<ManagePage view={await reply.view()} e={detail} rights={ctx.rights} facts={facts} />);
  });

  for (const [path, run, done] of [
    ['publish', publishEvent, 'event_staff.published'],
    ['unpublish', unpublishEvent, 'event_staff.unpublished'],
  ] as const) {
    app.post(`/events/:slug/${path}`, async (req, reply) => {
      const ctx = await staffEvent(app, req, 'event.publish');
      const result = await run(app.db, req.actor, ctx.event.id);
      if (!result.ok) {
        if (result.reason === 'starts_in_past') reply.flash('warning', req.t('event.starts_in_past'));
        else if (result.reason === 'cancelled_event') reply.flash('warning', req.t('event.cancelled_event'));
        else refuse(req, { reason: result.reason === 'not_found' ? 'not_found' : 'forbidden' });
      } else reply.flash('success', req.t(done));
      return reply.redirect(staffPath(ctx.event.slug), 303);
    });
  }

  const cancelPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const ctx = await staffEvent(app, req, 'event.cancel');
    if (ctx.event.status === 'cancelled') {
      reply.flash('info', req.t('event.cancelled_event'));
      return reply.redirect(staffPath(ctx.event.slug), 303);
    }
    return reply.status(status).html(<CancelEventPage view={await reply.view()} e={await detailOf(app, ctx.event)} rights={ctx.rights} form={form} />);
  };

  app.get('/events/:slug/cancel-event', async (req, reply) => cancelPage(req, reply, emptyForm()));

  app.post('/events/:slug/cancel-event', async (req, reply) => {
    const ctx = await staffEvent(app, req, 'event.cancel');
    const form = parseForm(cancelEventInput, req.body, req.t);
    if (!form.ok) return cancelPage(req, reply, form, 422);
    const result = await cancelEvent(app.db, req.actor, ctx.event.id, form.data, await eventMailContext(app));
    if (!result.ok) {
      if (result.reason !== 'cancelled_event') refuse(req, { reason: result.reason === 'not_found' ? 'not_found' : 'forbidden' });
      reply.flash('info', req.t('event.cancelled_event'));
    } else reply.flash('success', req.t('event_staff.cancelled', { count: result.notified }));
    return reply.redirect(staffPath(ctx.event.slug), 303);
  });
}
