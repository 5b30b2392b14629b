import { Layout } from '../../../platform/html/layout.js';
import { Badge, Csrf, ErrorSummary, PageHeader, SelectField, TextField } from '../../../platform/html/components.js';
import { Markdown } from '../../../platform/html/markdown.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatNumber, formatSize } from '../../../platform/i18n/format.js';
import type { EventDetail } from '../schema.js';
import type { EventView, OwnRegistration } from '../queries.js';
import type { LabelTable } from '../../../platform/i18n/labels.js';
import { EventCrumbs, formatEventMoment, formatItemTime, KindBadge, materialHref, SeatBadge, seatState, WhenWhereFacts, type SeatState } from './parts.js';

/** Why the box offers no registration: the event is over, registration closed or not yet open, or it is full without a waiting list. */
const noRegistrationText = {
  ended: 'event_page.box.ended',
  closed: 'event_page.box.closed',
  not_open: 'event_page.box.not_open',
  full: 'event_page.box.full',
} as const satisfies LabelTable<Extract<SeatState['kind'], 'ended' | 'closed' | 'not_open' | 'full'>>;

export interface EventPageProps {
  view: View;
  event: EventDetail;
  unitName: string;
  mine: OwnRegistration | null;
  may: EventView['may'];
  /** The registration form as last sent, with its errors; `general` is a refusal that names no field. */
  form: FormState & { general?: string };
}

const at = (v: string) => new Date(v);

function seatFactsOf(e: EventDetail) {
  return {
    status: e.status,
    startsAt: at(e.startsAt),
    endsAt: at(e.endsAt),
    capacity: e.capacity,
    waitlist: e.waitlist,
    confirmedSeats: e.confirmedSeats,
    waitlistCount: e.waitlistCount,
    registrationOpensAt: e.registrationOpensAt ? at(e.registrationOpensAt) : null,
    registrationClosesAt: e.registrationClosesAt ? at(e.registrationClosesAt) : null,
  };
}

/** Material may be seen by everyone who sees the event when it is public, else by confirmed participants and the event's staff and board. */
function maySeeMaterial(p: EventPageProps): boolean {
  return p.event.materialVisibility === 'public' || p.may.viewParticipants || p.mine?.status === 'confirmed';
}

function mayFollowOnlineLink(p: EventPageProps): boolean {
  return p.may.viewParticipants || p.mine?.status === 'confirmed';
}

function GuestsField({ view, max, value, errors }: { view: View; max: number; value: unknown; errors: FormState['errors'] }): JSX.Element {
  if (max <= 0) return '';
  const options = Array.from({ length: max + 1 }, (_, n) => ({ value: String(n), label: view.t('event_page.guests_option', { count: n }) }));
  return <SelectField name="guests" prefix="register" label={view.t('event_page.guests')} hint={view.t('event_page.guests_hint', { count: max })} value={value ?? '0'} errors={errors} options={options} />;
}

function submitLabel(view: View, state: SeatState): string {
  return state.kind === 'full' ? view.t('event_page.join_waitlist') : view.t('event_page.register');
}

function RegistrationBox(p: EventPageProps): JSX.Element {
  const { view, event, mine, may, form } = p;
  const { t } = view;
  const state = seatState(seatFactsOf(event));
  const anonymous = view.actor.kind === 'anonymous';
  const v = form.values as Record<string, unknown>;
  // After sending, the browser lands on the box again (with its errors, or the new place), not at the top of a long page.
  const action = `/events/${event.slug}/register#registration`;
  const cancelLink = (
    <a href={`/events/${event.slug}/cancel`} class="button button-secondary" safe>
      {mine?.status === 'waitlisted' ? t('event_page.leave_waitlist') : t('event_page.cancel_place')}
    </a>
  );
  const ended = state.kind === 'ended';

  let body: JSX.Element;
  if (event.status === 'cancelled') {
    body = <p safe>{t('event_page.box.cancelled')}</p>;
  } else if (mine?.status === 'confirmed') {
    body = (
      <>
        <p class="registration-state registration-confirmed">
          <strong safe>{ended ? t('event_page.box.attended_or_registered') : t('event_page.box.confirmed')}</strong>
          {mine.guests > 0 ? <span safe>{` ${t('event_page.box.with_guests', { count: mine.guests })}`}</span> : ''}
        </p>
        {ended ? '' : cancelLink}
      </>
    );
  } else if (mine?.status === 'waitlisted') {
    body = (
      <>
        <p class="registration-state registration-waitlisted">
          <strong safe>{t('event_page.box.waitlisted', { position: mine.waitlistPosition ?? 0 })}</strong>
        </p>
        <p class="muted" safe>
          {t('event_page.box.waitlisted_hint')}
        </p>
        {ended ? '' : cancelLink}
      </>
    );
  } else if (state.kind === 'draft') {
    body = <p safe>{t('event_page.box.draft')}</p>;
  } else if (state.kind === 'ended' || state.kind === 'closed' || state.kind === 'not_open' || (state.kind === 'full' && !state.waitlist)) {
    body = <p safe>{t(noRegistrationText[state.kind], state.kind === 'not_open' ? { date: formatEventMoment(view, state.opensAt, event.timeZone) } : {})}</p>;
  } else if (anonymous) {
    body = (
      <>
        {state.kind === 'full' ? <p safe>{t('event_page.box.full_waitlist')}</p> : ''}
        <form method="post" action={action} novalidate class="register-form">
          <Csrf view={view} />
          <TextField name="name" prefix="register" label={t('fields.name')} value={v.name} errors={form.errors} required maxlength={200} autocomplete="name" />
          <TextField name="email" prefix="register" type="email" label={t('fields.email')} hint={t('event_page.email_hint')} value={v.email} errors={form.errors} required maxlength={254} autocomplete="email" />
          <GuestsField view={view} max={event.maxGuests} value={v.guests} errors={form.errors} />
          <button type="submit" class="button" safe>
            {submitLabel(view, state)}
          </button>
        </form>
        <p class="muted">
          <span safe>{t('event_page.member_login_lead')}</span>{' '}
          <a href={`/login?next=${encodeURIComponent(`/events/${event.slug}`)}`} safe>
            {t('event_page.member_login')}
          </a>
        </p>
      </>
    );
  } else if (may.register) {
    body = (
      <>
        {state.kind === 'full' ? <p safe>{t('event_page.box.full_waitlist')}</p> : ''}
        <form method="post" action={action} novalidate class="register-form">
          <Csrf view={view} />
          <GuestsField view={view} max={event.maxGuests} value={v.guests} errors={form.errors} />
          <button type="submit" class="button button-large" safe>
            {submitLabel(view, state)}
          </button>
        </form>
      </>
    );
  } else {
    body = <p safe>{t('event_page.box.not_for_you')}</p>;
  }

  return (
    <section class="card registration-box" id="registration" aria-labelledby="registration-title">
      <h2 id="registration-title" safe>
        {t('event_page.registration')}
      </h2>
      {form.general ? (
        <div class="flash flash-error" role="alert">
          <p safe>{form.general}</p>
        </div>
      ) : (
        ''
      )}
      <ErrorSummary view={view} errors={form.errors} prefix="register" />
      {body}
    </section>
  );
}

function Facts(p: EventPageProps): JSX.Element {
  const { view, event, unitName } = p;
  const { t, locale } = view;
  const state = seatState(seatFactsOf(event));
  const closes = event.registrationClosesAt ? at(event.registrationClosesAt) : at(event.startsAt);
  return (
    <section class="card" aria-labelledby="facts-title">
      <h2 id="facts-title" safe>
        {t('event_page.facts')}
      </h2>
      <dl class="facts">
        <WhenWhereFacts view={view} event={event} linkShown={mayFollowOnlineLink(p)} />
        <dt safe>{t('event_page.organiser')}</dt>
        <dd safe>{unitName}</dd>
        <dt safe>{t('event_page.seats')}</dt>
        <dd>
          <span safe>
            {event.capacity === null
              ? t('event_page.seats_unlimited', { taken: formatNumber(locale, event.confirmedSeats) })
              : t('event_page.seats_of', { count: event.capacity, taken: formatNumber(locale, event.confirmedSeats), capacity: formatNumber(locale, event.capacity) })}
          </span>
          {event.waitlistCount > 0 ? <span safe>{` · ${t('event_page.waiting', { count: event.waitlistCount, formatted: formatNumber(locale, event.waitlistCount) })}`}</span> : ''}
          {event.maxGuests > 0 ? (
            <span class="muted cell-note" safe>
              {t('event_page.guests_take_seats')}
            </span>
          ) : (
            ''
          )}
        </dd>
        <dt safe>{t('event_page.registration')}</dt>
        <dd>
          <SeatBadge view={view} state={state} timeZone={event.timeZone} />
          {state.kind === 'open' || state.kind === 'full' ? (
            <span class="cell-note" safe>
              {t('event_page.closes', { date: formatEventMoment(view, closes, event.timeZone) })}
            </span>
          ) : (
            ''
          )}
        </dd>
      </dl>
      <p class="calendar-link">
        <a href={`/events/${event.slug}.ics`} download="" safe>
          {t('event_page.add_to_calendar')}
        </a>
      </p>
    </section>
  );
}

function Programme(p: EventPageProps): JSX.Element {
  const { view, event } = p;
  if (event.programme.length === 0) return '';
  const slides = maySeeMaterial(p);
  const itemTime = (startsAt: string | null) => (startsAt ? formatItemTime(view.locale, at(startsAt), at(event.startsAt), event.timeZone) : '');
  return (
    <section class="card" aria-labelledby="programme-title">
      <h2 id="programme-title" safe>
        {view.t('event_page.programme')}
      </h2>
      <ol class="programme">
        {event.programme.map((item) => (
          <li class="programme-item">
            <span class="programme-time" safe>
              {itemTime(item.startsAt)}
            </span>
            <span class="programme-body">
              <strong safe>{item.title}</strong>
              {item.speaker ? (
                <span class="muted cell-note" safe>
                  {item.speaker}
                </span>
              ) : (
                ''
              )}
              {item.materialId && slides ? (
                <a href={materialHref(event.slug, item.materialId)} class="cell-note" safe>
                  {view.t('event_page.slides_for', { title: item.title })}
                </a>
              ) : (
                ''
              )}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Materials(p: EventPageProps): JSX.Element {
  const { view, event } = p;
  if (event.materials.length === 0) return '';
  const { t, locale } = view;
  return (
    <section class="card" aria-labelledby="materials-title">
      <h2 id="materials-title" safe>
        {t('event_page.materials')}
      </h2>
      {maySeeMaterial(p) ? (
        <ul class="plain-list">
          {event.materials.map((m) => (
            <li>
              <a href={materialHref(event.slug, m.id)} safe>
                {m.fileName}
              </a>{' '}
              <span class="muted" safe>
                {`(${formatSize(locale, m.size)})`}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted" safe>
          {t('event_page.materials_for_participants', { count: event.materials.length })}
        </p>
      )}
    </section>
  );
}

export function EventPage(p: EventPageProps): JSX.Element {
  const { view, event, may } = p;
  const { t } = view;
  return (
    <Layout view={view} title={event.title}>
      <EventCrumbs view={view} />
      {event.status === 'cancelled' ? (
        <div class="flash flash-error event-cancelled" role="status">
          <p>
            <strong safe>{t('event_page.cancelled_banner')}</strong>
          </p>
          {event.cancelReason ? <p safe>{t('event_page.cancelled_reason', { reason: event.cancelReason })}</p> : ''}
        </div>
      ) : (
        ''
      )}
      <PageHeader title={event.title}>
        {may.edit ? (
          <a href={`/events/${event.slug}/manage`} class="button button-secondary" safe>
            {t('event_page.manage')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <p class="event-badges">
        <KindBadge view={view} kind={event.kind} />
        {event.status === 'draft' ? (
          <>
            {' '}
            <Badge kind="neutral">
              <span safe>{t('event.statuses.draft')}</span>
            </Badge>
          </>
        ) : (
          ''
        )}
      </p>
      <div class="grid grid-2 align-start event-top">
        <Facts {...p} />
        <RegistrationBox {...p} />
      </div>
      {event.description.trim() ? (
        <section class="card" aria-labelledby="description-title">
          <h2 id="description-title" safe>
            {t('event_page.about')}
          </h2>
          <Markdown text={event.description} />
        </section>
      ) : (
        ''
      )}
      <Programme {...p} />
      <Materials {...p} />
    </Layout>
  );
}
