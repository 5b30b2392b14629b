import type { PropsWithChildren } from '@kitajs/html';
import { Badge } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { intlTag, type Locale } from '../../../platform/i18n/i18n.js';
import { organisationTimeZone } from '../../../platform/i18n/format.js';
import { placeOf, type EventPlace } from '../place.js';
import type { EventKind, EventStatus } from '../tables.js';
import { eventKindLabel } from '../labels.js';

/** The ways the event pages write a date or a time. */
const formatOptions = {
  date: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  short: { weekday: 'short', day: 'numeric', month: 'short' },
  /** The staff pages' clock, in the locale's own hour cycle. */
  clock: { hour: '2-digit', minute: '2-digit' },
  /** The staff pages' moments: registered, checked in, uploaded. */
  moment: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formats = new Map<string, Intl.DateTimeFormat>();
/** A formatter per language, zone and way of writing, made once: making one costs more than using it. */
export function dateFormat(locale: Locale, timeZone: string, kind: keyof typeof formatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${kind}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlTag[locale], { ...formatOptions[kind], timeZone });
    formats.set(key, f);
  }
  return f;
}

/** "tirsdag 8. december 2026" as the event's own zone sees the day (Danish Intl adds a "den" nobody writes on a poster). */
export function formatEventDate(locale: Locale, at: Date, timeZone: string): string {
  const text = dateFormat(locale, timeZone, 'date').format(at);
  return locale === 'da' ? text.replace(' den ', ' ') : text;
}

/** "17.00" in Danish, "17:00" in Swedish and English, in the event's zone. */
export function formatEventTime(locale: Locale, at: Date, timeZone: string): string {
  return dateFormat(locale, timeZone, 'time').format(at);
}

/** The day an instant falls on in a zone, to tell whether two instants share it. */
function dayIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * When an event takes place, in its own time zone and the reader's language:
 * "tirsdag 8. december 2026 kl. 17.00–19.30", or start and end in full when it runs over several days.
 * A zone other than the organisation's is named, so nobody reads Helsinki time as Copenhagen's.
 */
export function formatEventWhen(view: View, startsAt: Date, endsAt: Date, timeZone: string): string {
  const { t, locale } = view;
  const text =
    dayIn(startsAt, timeZone) === dayIn(endsAt, timeZone)
      ? t('event_page.when_same_day', { date: formatEventDate(locale, startsAt, timeZone), start: formatEventTime(locale, startsAt, timeZone), end: formatEventTime(locale, endsAt, timeZone) })
      : t('event_page.when_span', {
          start: t('event_page.date_time', { date: formatEventDate(locale, startsAt, timeZone), time: formatEventTime(locale, startsAt, timeZone) }),
          end: t('event_page.date_time', { date: formatEventDate(locale, endsAt, timeZone), time: formatEventTime(locale, endsAt, timeZone) }),
        });
  return timeZone === organisationTimeZone ? text : `${text} (${timeZone.replace(/_/g, ' ')})`;
}

/** A moment such as a registration deadline: "8. dec. 2026 17.00"-style, in the event's zone. */
export function formatEventMoment(view: View, at: Date, timeZone: string): string {
  return view.t('event_page.date_time', { date: formatEventDate(view.locale, at, timeZone), time: formatEventTime(view.locale, at, timeZone) });
}

/** A programme item's time: the clock alone on the event's first day, with the day on later days of a course. */
export function formatItemTime(locale: Locale, at: Date, eventStartsAt: Date, timeZone: string): string {
  const time = formatEventTime(locale, at, timeZone);
  return dayIn(at, timeZone) === dayIn(eventStartsAt, timeZone) ? time : `${dateFormat(locale, timeZone, 'short').format(at)} ${time}`;
}

/** What the seats and the registration window say right now, for a card or the event page. */
export type SeatState =
  | { kind: 'cancelled' }
  | { kind: 'draft' }
  | { kind: 'ended' }
  | { kind: 'closed' }
  | { kind: 'not_open'; opensAt: Date }
  | { kind: 'full'; waitlist: boolean }
  | { kind: 'open'; left: number | null };

export interface SeatFacts {
  status: EventStatus;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  waitlist: boolean;
  confirmedSeats: number;
  waitlistCount: number;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
}

/**
 * The same rule the registration use case applies (`windowState`, `seatFor`): full means no seat
 * for one more person, or people already waiting (a newcomer never jumps the waiting list).
 */
export function seatState(e: SeatFacts, now = new Date()): SeatState {
  if (e.status === 'cancelled') return { kind: 'cancelled' };
  if (e.status === 'draft') return { kind: 'draft' };
  if (now >= e.endsAt) return { kind: 'ended' };
  if (e.registrationOpensAt && now < e.registrationOpensAt) return { kind: 'not_open', opensAt: e.registrationOpensAt };
  if (now >= (e.registrationClosesAt ?? e.startsAt)) return { kind: 'closed' };
  if (e.capacity === null) return { kind: 'open', left: null };
  const left = e.capacity - e.confirmedSeats;
  if (left <= 0 || e.waitlistCount > 0) return { kind: 'full', waitlist: e.waitlist };
  return { kind: 'open', left };
}

export function seatText(view: View, state: SeatState, timeZone: string): string {
  const { t } = view;
  switch (state.kind) {
    case 'cancelled':
      return t('event_page.seat.cancelled');
    case 'draft':
      return t('event_page.seat.draft');
    case 'ended':
      return t('event_page.seat.ended');
    case 'closed':
      return t('event_page.seat.closed');
    case 'not_open':
      return t('event_page.seat.not_open', { date: formatEventMoment(view, state.opensAt, timeZone) });
    case 'full':
      return state.waitlist ? t('event_page.seat.full_waitlist') : t('event_page.seat.full');
    case 'open':
      return state.left === null ? t('event_page.seat.open_unlimited') : t('event_page.seat.open', { count: state.left });
  }
}

const seatKinds = {
  cancelled: 'danger',
  draft: 'neutral',
  ended: 'neutral',
  closed: 'neutral',
  not_open: 'info',
  full: 'warning',
  open: 'success',
} as const;

export function SeatBadge({ view, state, timeZone }: { view: View; state: SeatState; timeZone: string }): JSX.Element {
  return (
    <Badge kind={state.kind === 'full' && !state.waitlist ? 'danger' : seatKinds[state.kind]}>
      <span safe>{seatText(view, state, timeZone)}</span>
    </Badge>
  );
}

export function KindBadge({ view, kind }: { view: View; kind: EventKind }): JSX.Element {
  return (
    <Badge kind="info">
      <span safe>{view.t(eventKindLabel[kind])}</span>
    </Badge>
  );
}

/** "Arrangementer / <title>": the way back to the list. */
export function EventCrumbs({ view, event }: { view: View; event?: { slug: string; title: string } }): JSX.Element {
  return (
    <nav class="breadcrumbs" aria-label={view.t('layout.breadcrumbs')}>
      <a href="/events" safe>
        {view.t('event_page.title')}
      </a>
      {event ? (
        <>
          <span aria-hidden="true"> / </span>
          <a href={`/events/${event.slug}`} safe>
            {event.title}
          </a>
        </>
      ) : (
        ''
      )}
    </nav>
  );
}

/**
 * When and where, as rows of a facts list: the time, the place, and the online link, which only
 * those who may follow it see (`linkShown`); others read that it comes later.
 */
export function WhenWhereFacts({ view, event, linkShown }: { view: View; event: EventPlace & { startsAt: Date | string; endsAt: Date | string; timeZone: string }; linkShown: boolean }): JSX.Element {
  const { t } = view;
  const place = placeOf(event);
  return (
    <>
      <dt safe>{t('event_page.when')}</dt>
      <dd safe>{formatEventWhen(view, new Date(event.startsAt), new Date(event.endsAt), event.timeZone)}</dd>
      {place ? (
        <>
          <dt safe>{t('event_page.where')}</dt>
          <dd safe>{place}</dd>
        </>
      ) : (
        ''
      )}
      {event.onlineUrl ? (
        <>
          <dt safe>{t('event_page.online')}</dt>
          <dd>
            {linkShown ? (
              <a href={event.onlineUrl} rel="noopener noreferrer" class="online-link" safe>
                {event.onlineUrl}
              </a>
            ) : (
              <span class="muted" safe>
                {t('event_page.online_link_later')}
              </span>
            )}
          </dd>
        </>
      ) : (
        ''
      )}
    </>
  );
}

/**
 * One event in a list of cards (the event list, "my events"): its title, kind and `badge`, when, and
 * where (the place, else "online" for an event with a link); the list adds facts of its own as
 * children, and `actions` below them.
 */
export function EventListCard({
  view,
  event,
  badge,
  online,
  actions = '',
  children,
}: PropsWithChildren<{
  view: View;
  event: Pick<EventPlace, 'placeName' | 'city'> & { slug: string; title: string; kind: EventKind; startsAt: Date; endsAt: Date; timeZone: string };
  badge: JSX.Element;
  online: boolean;
  actions?: JSX.Element;
}>): JSX.Element {
  const { t } = view;
  const where = placeOf(event) ?? (online ? t('event_page.online') : null);
  return (
    <li class="event-card">
      <h3 class="event-card-title">
        <a href={`/events/${event.slug}`} safe>
          {event.title}
        </a>
      </h3>
      <p class="event-card-badges">
        <KindBadge view={view} kind={event.kind} /> {badge}
      </p>
      <dl class="event-card-facts">
        <dt safe>{t('event_page.when')}</dt>
        <dd safe>{formatEventWhen(view, event.startsAt, event.endsAt, event.timeZone)}</dd>
        {where ? (
          <>
            <dt safe>{t('event_page.where')}</dt>
            <dd safe>{where}</dd>
          </>
        ) : (
          ''
        )}
        {children ?? ''}
      </dl>
      {actions}
    </li>
  );
}

/** Where a file of the event’s material is fetched (the public pages serve it, to everyone allowed to see it). */
export const materialHref = (slug: string, id: string) => `/events/${encodeURIComponent(slug)}/materials/${id}`;

