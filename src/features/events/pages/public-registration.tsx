import type { PropsWithChildren } from '@kitajs/html';
import { Layout } from '../../../platform/html/layout.js';
import { Csrf } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import type { TokenRegistration } from '../page-queries.js';
import { WhenWhereFacts } from './parts.js';
import type { LabelTable } from '../../../platform/i18n/labels.js';

/**
 * The pages around a registration that are not the event page: "check your e-mail" after a public
 * registration, the pages behind the two secret links in a public registrant's mails (each opens a
 * page with a button, because mail scanners open links), and "do you really want to cancel?".
 */

type EventFacts = TokenRegistration['event'];

/** The event a link is about; its online link is given only where the registrant may follow it. */
function EventSummary({ view, event }: { view: View; event: EventFacts }): JSX.Element {
  return (
    <dl class="facts">
      <dt safe>{view.t('event_page.event')}</dt>
      <dd>
        <a href={`/events/${event.slug}`} safe>
          {event.title}
        </a>
      </dd>
      <WhenWhereFacts view={view} event={event} linkShown />
    </dl>
  );
}

/** A secret link's action: one press on a button, so a mail scanner opening the link changes nothing. */
function ButtonForm({ view, action, class: className, label }: { view: View; action: string; class: string; label: string }): JSX.Element {
  return (
    <form method="post" action={action}>
      <Csrf view={view} />
      <button type="submit" class={className} safe>
        {label}
      </button>
    </form>
  );
}

function SeeOtherEvents({ view }: { view: View }): JSX.Element {
  return (
    <p>
      <a href="/events" class="button button-secondary" safe>
        {view.t('event_page.see_other_events')}
      </a>
    </p>
  );
}

function Notice({ view, title, children }: PropsWithChildren<{ view: View; title: string }>): JSX.Element {
  return (
    <Layout view={view} title={title}>
      <div class="card narrow">
        <h1 safe>{title}</h1>
        {children}
      </div>
    </Layout>
  );
}

/** After a public registration: nothing counts until the mailed link is opened. */
export function RegistrationSentPage({ view, event }: { view: View; event: { slug: string; title: string } }): JSX.Element {
  const { t } = view;
  return (
    <Notice view={view} title={t('event_page.sent_title')}>
      <p safe>{t('event_page.sent_text', { title: event.title })}</p>
      <p class="muted" safe>
        {t('event_page.sent_spam')}
      </p>
      <p>
        <a href={`/events/${event.slug}`} class="button button-secondary" safe>
          {t('event_page.back_to_event')}
        </a>
      </p>
    </Notice>
  );
}

/** The confirmation link opens this page; only pressing the button confirms. */
export function ConfirmRegistrationPage({ view, token, registration }: { view: View; token: string; registration: TokenRegistration }): JSX.Element {
  const { t } = view;
  return (
    <Notice view={view} title={t('event_page.confirm_title')}>
      <p safe>{t('event_page.confirm_text')}</p>
      <EventSummary view={view} event={registration.event} />
      <ButtonForm view={view} action={`/events/confirm/${token}`} class="button button-large" label={t('event_page.confirm_button')} />
    </Notice>
  );
}

type RegistrationState = 'confirmed' | 'waitlisted' | 'inactive';

const stateTitle = {
  confirmed: 'event_page.state.confirmed_title',
  waitlisted: 'event_page.state.waitlisted_title',
  inactive: 'event_page.state.inactive_title',
} as const satisfies LabelTable<RegistrationState>;

const stateText = {
  confirmed: 'event_page.state.confirmed_text',
  waitlisted: 'event_page.state.waitlisted_text',
  inactive: 'event_page.state.inactive_text',
} as const satisfies LabelTable<RegistrationState>;

/** Where a secret link's registration stands: a seat, a place in line, or nothing any more. */
export function RegistrationStatePage({ view, registration }: { view: View; registration: TokenRegistration }): JSX.Element {
  const { t } = view;
  const r = registration;
  const key = r.status === 'confirmed' ? 'confirmed' : r.status === 'waitlisted' ? 'waitlisted' : 'inactive';
  return (
    <Notice view={view} title={t(stateTitle[key])}>
      {r.event.status === 'cancelled' ? (
        <div class="flash flash-error" role="status">
          <p safe>{t('event_page.cancelled_banner')}</p>
        </div>
      ) : (
        ''
      )}
      <p class={`registration-state registration-${key}`}>
        <strong safe>{t(stateText[key], { title: r.event.title, position: r.waitlistPosition ?? 0 })}</strong>
      </p>
      {r.guests > 0 && key !== 'inactive' ? <p safe>{t('event_page.box.with_guests', { count: r.guests })}</p> : ''}
      <EventSummary view={view} event={r.event} />
      {key === 'inactive' ? '' : <p class="muted" safe>{t('event_page.state.cancel_hint')}</p>}
      {key === 'confirmed' ? (
        <p>
          <a href={`/events/${r.event.slug}.ics`} download="" safe>
            {t('event_page.add_to_calendar')}
          </a>
        </p>
      ) : (
        ''
      )}
    </Notice>
  );
}

type WithdrawnReason = 'full' | 'closed' | 'cancelled_event';

const withdrawnText = {
  full: 'event_page.withdrawn.full',
  closed: 'event_page.withdrawn.closed',
  cancelled_event: 'event_page.withdrawn.cancelled_event',
} as const satisfies LabelTable<WithdrawnReason>;

/** Confirming came too late: the event filled up without a waiting list, closed or was cancelled. */
export function RegistrationWithdrawnPage({ view, reason, registration }: { view: View; reason: WithdrawnReason; registration: TokenRegistration | null }): JSX.Element {
  const { t } = view;
  return (
    <Notice view={view} title={t('event_page.withdrawn_title')}>
      <p safe>{t(withdrawnText[reason])}</p>
      {registration ? <EventSummary view={view} event={registration.event} /> : ''}
      <SeeOtherEvents view={view} />
    </Notice>
  );
}

export function BadLinkPage({ view }: { view: View }): JSX.Element {
  const { t } = view;
  return (
    <Notice view={view} title={t('event_page.bad_link_title')}>
      <p safe>{t('event_page.bad_link_text')}</p>
      <SeeOtherEvents view={view} />
    </Notice>
  );
}

/** The cancel link from a public registrant's mail: a button, so that a mail scanner cannot give the seat away. */
export function CancelByTokenPage({ view, token, registration }: { view: View; token: string; registration: TokenRegistration }): JSX.Element {
  const { t } = view;
  return (
    <Notice view={view} title={t('event_page.cancel_title')}>
      <p safe>{registration.status === 'confirmed' ? t('event_page.cancel_text_confirmed') : t('event_page.cancel_text_waitlisted')}</p>
      <EventSummary view={view} event={{ ...registration.event, onlineUrl: null }} />
      <ButtonForm view={view} action={`/events/cancel/${token}`} class="button button-danger" label={t('event_page.cancel_button')} />
    </Notice>
  );
}

/** A member asks to cancel their own place or waiting-list place: one more press, so a slip of the finger loses no seat. */
export function CancelOwnPage({ view, event, status, next }: { view: View; event: EventFacts; status: 'confirmed' | 'waitlisted'; next: string }): JSX.Element {
  const { t } = view;
  return (
    <Notice view={view} title={t('event_page.cancel_title')}>
      <p safe>{status === 'confirmed' ? t('event_page.cancel_text_confirmed') : t('event_page.cancel_text_waitlisted')}</p>
      <EventSummary view={view} event={{ ...event, onlineUrl: null }} />
      <form method="post" action={`/events/${event.slug}/cancel`} class="form-actions">
        <Csrf view={view} />
        <input type="hidden" name="next" value={next} />
        <button type="submit" class="button button-danger" safe>
          {t('event_page.cancel_button')}
        </button>
        <a href={next} class="button button-secondary" safe>
          {t('event_page.keep_place')}
        </a>
      </form>
    </Notice>
  );
}
