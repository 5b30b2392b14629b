import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import { allow } from '../../platform/http/guard.js';
import { formValues, parseForm, safeNext } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { fieldError, fieldErrorsFromZod, ProblemError, type FieldError } from '../../platform/errors.js';
import { listUnitsCached } from '../../kernel/units.js';
import { can } from './policy.js';
import { eventBySlug } from './access.js';
import { type Refusal, refuse } from '../../platform/outcomes.js';
import { getEvent, myEvents, ownRegistration } from './queries.js';
import { registrationAnswers } from './outcomes.js';
import { cancelRegistration, cancelRegistrationByToken, confirmPublicRegistration, registerForEvent, type RegistrationFailure } from './registrations.js';
import { getMaterial } from './materials.js';
import { eventMailContext } from './mails.js';
import { eventIcs, eventPageUrl } from './calendar.js';
import { hasCalendarFeed } from './calendar-feeds.js';
import { eventFilter, registrationInput } from './schema.js';
import { listEventCards, registrationByToken, unitName } from './page-queries.js';
import { EventListPage } from './pages/public-list.js';
import { EventPage } from './pages/public-event.js';
import { MyEventsPage } from './pages/public-my-events.js';
import { BadLinkPage, CancelByTokenPage, CancelOwnPage, ConfirmRegistrationPage, RegistrationSentPage, RegistrationStatePage, RegistrationWithdrawnPage } from './pages/public-registration.js';
import { registrationLimit } from './registration-limit.js';

type PersonActor = Extract<Actor, { kind: 'person' }>;

export const EVENTS_PAGE_SIZE = 20;

/**
 * The list's filters: the API's `unit` and `kind`, and whether to look back at past events. Not
 * strict: a link shared with tracking parameters still opens the list.
 */
export const eventListQuery = eventFilter.pick({ unit: true, kind: true, page: true }).extend({ past: z.union([z.literal(''), z.literal('1')]).optional() });

const materialParams = z.object({ slug: z.string(), materialId: z.uuid() });

/** `/login?next=…` back to a page on this site. */
function loginHref(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}

/** Guests arrive from a form as text; the API's schema counts them as a number. */
function guestsFromForm(v: unknown): unknown {
  if (v === undefined || v === '') return 0;
  return typeof v === 'string' && /^\d{1,3}$/.test(v) ? Number(v) : v;
}

/**
 * The registration form through the API's schema: a logged-in person sends only guests (they register
 * themselves); everyone else sends name and e-mail, both required here because the schema also
 * allows a member's registration without them.
 */
function parseRegistration(req: FastifyRequest): { ok: true; data: z.output<typeof registrationInput> } | { ok: false; errors: FieldError[]; values: Record<string, unknown> } {
  const values = formValues(req.body);
  const anonymous = req.actor.kind !== 'person';
  const text = (k: string) => (typeof values[k] === 'string' ? (values[k] as string).trim() : '');
  const input: Record<string, unknown> = { guests: guestsFromForm(values.guests) };
  if (anonymous) {
    if (text('name')) input.name = values.name;
    if (text('email')) input.email = values.email;
  }
  const parsed = registrationInput.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrorsFromZod(parsed.error, req.t);
  if (anonymous) {
    for (const field of ['name', 'email'] as const) {
      if (!text(field) && !errors.some((e) => e.path === field)) errors.push(fieldError(req.t, field, 'validation.required'));
    }
  }
  if (errors.length || !parsed.success) {
    const order = ['name', 'email', 'guests'];
    return { ok: false, errors: errors.sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path)), values };
  }
  return { ok: true, data: parsed.data };
}

/** How a refused registration reads on the page: a field's error where the form has the field, else a message in the box. */
function registrationFailureForm(req: FastifyRequest, r: RegistrationFailure, values: Record<string, unknown>): { status: number; form: FormState & { general?: string } } {
  const answer = registrationAnswers(req.actor.kind === 'person' ? null : 'email')[r.reason];
  const onForm = answer.field === 'guests' || answer.field === 'email';
  if (answer.field && onForm) return { status: answer.status, form: { values, errors: [fieldError(req.t, answer.field, answer.code)] } };
  return { status: answer.status, form: { values, errors: [], general: answer.field ? fieldError(req.t, answer.field, answer.code).message : req.t(answer.code) } };
}

/** The secret links' pages carry the token in their address: keep it out of other sites' logs, caches and search engines. */
function secretPage(reply: FastifyReply): FastifyReply {
  return reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
}

/**
 * The public and member pages of events: the list, the event page with registration (one click for
 * a logged-in person, name and e-mail with double opt-in for the public), cancelling one's own place,
 * the pages behind a public registrant's secret links, the `.ics` download, material downloads and
 * "my events". Each route calls the same use case as the API.
 */
export async function publicEventPages(app: FastifyInstance): Promise<void> {
  // Each accepted public form sends a mail, and the secret links' forms must not be guessed: the API's budget.
  const limit = registrationLimit(app.config);

  const eventPage = async (req: FastifyRequest, reply: FastifyReply, slug: string, form: FormState & { general?: string } = emptyForm(), status = 200) => {
    const found = await getEvent(app.db, req.actor, slug);
    if (!found.ok) refuse(req, found);
    const unit = await unitName(app.db, found.event.unitId);
    // The page shows the reader's own place: nobody else's browser or a shared cache may keep it.
    if (req.actor.kind !== 'anonymous') reply.header('cache-control', 'no-store');
    return reply.status(status).html(<EventPage view={await reply.view()} event={found.event} unitName={unit} mine={found.myRegistration} may={found.may} form={form} />);
  };

  app.get('/events', async (req, reply) => {
    allow(req, can(req.actor, 'event.list'));
    // The filter's units change rarely and are forgotten when they do; the events themselves are read fresh.
    const units = await listUnitsCached(app.db);
    const canCreate = can(req.actor, 'event.create');
    const parsed = parseForm(eventListQuery, req.query, req.t);
    const view = await reply.view();
    if (!parsed.ok) {
      const empty = { items: [], total: 0, page: 1, pageSize: EVENTS_PAGE_SIZE };
      return reply.status(422).html(<EventListPage view={view} data={empty} query={{}} form={parsed} units={units} canCreate={canCreate} />);
    }
    const query = { unit: parsed.data.unit, kind: parsed.data.kind, past: parsed.data.past === '1' };
    const data = await listEventCards(app.db, req.actor, { ...query, page: parsed.data.page, pageSize: EVENTS_PAGE_SIZE });
    return reply.html(<EventListPage view={view} data={data} query={query} form={emptyForm()} units={units} canCreate={canCreate} />);
  });

  app.get<{ Params: { slug: string } }>('/events/:slug', async (req, reply) => eventPage(req, reply, req.params.slug));

  // The event for a calendar app. The online link goes only to whoever may follow it on the page.
  app.get<{ Params: { slug: string } }>('/events/:slug.ics', async (req, reply) => {
    const found = await eventBySlug(app.db, req.actor, req.params.slug);
    if (!found.ok) refuse(req, found);
    const { event, viewer } = found;
    const mine = req.actor.kind === 'person' ? await ownRegistration(app.db, req.actor.personId, event.id) : null;
    const mayFollow = can(req.actor, 'event.view_participants', event, viewer) || mine?.status === 'confirmed';
    const ics = eventIcs([{ ...event, onlineUrl: mayFollow ? event.onlineUrl : null }], {
      name: event.title,
      url: (e) => eventPageUrl(app.config.publicUrl, e.slug),
      cancelledLabel: req.t('calendar.cancelled'),
    });
    const shared = event.audience === 'public' && event.status !== 'draft' && !(mayFollow && event.onlineUrl);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${event.slug}.ics"`)
      .header('cache-control', shared ? 'public, max-age=300' : 'private, no-store')
      .send(ics);
  });

  app.post<{ Params: { slug: string } }>('/events/:slug/register', { config: limit }, async (req, reply) => {
    const { slug } = req.params;
    const found = await eventBySlug(app.db, req.actor, slug);
    if (!found.ok) {
      // Not a page of its own: a refused visitor logs in and comes back to the event.
      if (req.actor.kind === 'anonymous') return reply.redirect(loginHref(`/events/${slug}`), 303);
      refuse(req, found);
    }
    if (req.actor.kind !== 'person' && req.actor.kind !== 'anonymous') throw new ProblemError(403, 'http.forbidden');
    const form = parseRegistration(req);
    if (!form.ok) return eventPage(req, reply, slug, form, 422);
    const result = await registerForEvent(app.db, req.actor, found.event.id, { ...form.data, locale: req.locale }, await eventMailContext(app));
    if (!result.ok) {
      if (result.reason === 'not_found' || result.reason === 'forbidden') refuse(req, result as Refusal);
      const failure = registrationFailureForm(req, result as RegistrationFailure, formValues(req.body));
      return eventPage(req, reply, slug, failure.form, failure.status);
    }
    const r = result.registration;
    if (r.status === 'pending') return reply.redirect(`/events/${found.event.slug}/sent`, 303);
    reply.flash('success', r.status === 'confirmed' ? req.t('event_page.flash.confirmed') : req.t('event_page.flash.waitlisted', { position: r.waitlistPosition ?? 0 }));
    return reply.redirect(`/events/${found.event.slug}`, 303);
  });

  app.get<{ Params: { slug: string } }>('/events/:slug/sent', async (req, reply) => {
    const found = await eventBySlug(app.db, req.actor, req.params.slug);
    if (!found.ok) refuse(req, found);
    return reply.html(<RegistrationSentPage view={await reply.view()} event={found.event} />);
  });

  /** The person's own live registration for the event in the URL; none sends them back to the event. */
  const ownPlace = async (req: FastifyRequest<{ Params: { slug: string } }>) => {
    allow(req, req.actor.kind === 'person');
    const found = await eventBySlug(app.db, req.actor, req.params.slug);
    if (!found.ok) refuse(req, found);
    const mine = await ownRegistration(app.db, (req.actor as PersonActor).personId, found.event.id);
    return { event: found.event, mine: mine && (mine.status === 'confirmed' || mine.status === 'waitlisted') ? { ...mine, status: mine.status } : null };
  };

  app.get<{ Params: { slug: string }; Querystring: { next?: string } }>('/events/:slug/cancel', async (req, reply) => {
    const { event, mine } = await ownPlace(req);
    const next = safeNext(req.query.next, `/events/${event.slug}`);
    if (!mine) {
      reply.flash('info', req.t('event_page.flash.not_registered'));
      return reply.redirect(next, 303);
    }
    return reply.header('cache-control', 'no-store').html(<CancelOwnPage view={await reply.view()} event={event} status={mine.status} next={next} />);
  });

  app.post<{ Params: { slug: string } }>('/events/:slug/cancel', async (req, reply) => {
    const { event, mine } = await ownPlace(req);
    const next = safeNext(formValues(req.body).next, `/events/${event.slug}`);
    if (!mine) {
      reply.flash('info', req.t('event_page.flash.not_registered'));
      return reply.redirect(next, 303);
    }
    const result = await cancelRegistration(app.db, req.actor, event.id, mine.id, await eventMailContext(app));
    if (!result.ok && result.reason !== 'already_cancelled') refuse(req, result);
    reply.flash('success', req.t(mine.status === 'waitlisted' ? 'event_page.flash.left_waitlist' : 'event_page.flash.cancelled'));
    return reply.redirect(next, 303);
  });

  app.get('/events/:slug/materials/:materialId', async (req, reply) => {
    const params = materialParams.safeParse(req.params);
    if (!params.success) throw new ProblemError(404, 'http.not_found');
    const found = await eventBySlug(app.db, req.actor, params.data.slug);
    if (!found.ok) refuse(req, found);
    const file = await getMaterial(app.db, req.actor, found.event.id, params.data.materialId);
    // Material for participants only: a visitor may be one once logged in.
    if (!file) refuse(req, { ok: false, reason: 'not_found' });
    const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    // Uploaded bytes are served as a download in their checked type, never run or sniffed as a page.
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('cache-control', file.public ? 'public, max-age=300' : 'private, no-store')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('x-content-type-options', 'nosniff')
      .send(file.bytes);
  });

  // --- a public registrant's secret links (the addresses `eventLinks` puts in the mails) ---

  app.get<{ Params: { token: string } }>('/events/confirm/:token', async (req, reply) => {
    const registration = await registrationByToken(app.db, 'confirm', req.params.token);
    secretPage(reply);
    if (!registration) return reply.status(404).html(<BadLinkPage view={await reply.view()} />);
    if (registration.status === 'pending') return reply.html(<ConfirmRegistrationPage view={await reply.view()} token={req.params.token} registration={registration} />);
    return reply.status(registration.status === 'cancelled' ? 410 : 200).html(<RegistrationStatePage view={await reply.view()} registration={registration} />);
  });

  app.post<{ Params: { token: string } }>('/events/confirm/:token', { config: limit }, async (req, reply) => {
    const { token } = req.params;
    const result = await confirmPublicRegistration(app.db, req.actor, token, await eventMailContext(app));
    secretPage(reply);
    if (!result.ok) {
      if (result.reason === 'invalid_token') return reply.status(404).html(<BadLinkPage view={await reply.view()} />);
      const registration = await registrationByToken(app.db, 'confirm', token);
      return reply.status(result.reason === 'closed' ? 422 : 409).html(<RegistrationWithdrawnPage view={await reply.view()} reason={result.reason} registration={registration} />);
    }
    return reply.redirect(`/events/confirm/${token}`, 303);
  });

  app.get<{ Params: { token: string } }>('/events/cancel/:token', async (req, reply) => {
    const registration = await registrationByToken(app.db, 'cancel', req.params.token);
    secretPage(reply);
    if (!registration) return reply.status(404).html(<BadLinkPage view={await reply.view()} />);
    if (registration.status === 'confirmed' || registration.status === 'waitlisted') {
      return reply.html(<CancelByTokenPage view={await reply.view()} token={req.params.token} registration={registration} />);
    }
    return reply.html(<RegistrationStatePage view={await reply.view()} registration={registration} />);
  });

  app.post<{ Params: { token: string } }>('/events/cancel/:token', { config: limit }, async (req, reply) => {
    const { token } = req.params;
    const found = await registrationByToken(app.db, 'cancel', token);
    secretPage(reply);
    if (!found) return reply.status(404).html(<BadLinkPage view={await reply.view()} />);
    const result = await cancelRegistrationByToken(app.db, req.actor, token, await eventMailContext(app));
    if (!result.ok && result.reason !== 'already_cancelled') return reply.status(404).html(<BadLinkPage view={await reply.view()} />);
    if (result.ok) reply.flash('success', req.t(found.status === 'waitlisted' ? 'event_page.flash.left_waitlist' : 'event_page.flash.cancelled'));
    return reply.redirect(`/events/cancel/${token}`, 303);
  });

  // --- my events ---

  app.get('/me/events', async (req, reply) => {
    allow(req, req.actor.kind === 'person');
    const actor = req.actor as PersonActor;
    const [upcoming, past, hasFeed] = await Promise.all([myEvents(app.db, actor, 'upcoming'), myEvents(app.db, actor, 'past'), hasCalendarFeed(app.db, actor.personId)]);
    return reply.header('cache-control', 'no-store').html(<MyEventsPage view={await reply.view()} upcoming={upcoming} past={past} hasFeed={hasFeed} />);
  });
}
