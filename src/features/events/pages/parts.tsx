import { Badge } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { intlTag, type Locale } from '../../../platform/i18n/i18n.js';
import { organisationTimeZone } from '../../../platform/i18n/format.js';
import type { EventKind, EventStatus } from '../tables.js';

const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: Locale, timeZone: string, kind: 'date' | 'time' | 'short'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
        : kind === 'time'
          ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
          : { weekday: 'short', day: 'numeric', month: 'short' };
    f = new Intl.DateTimeFormat(intlTag[locale], { ...options, timeZone });
    formats.set(key, f);
  }
  return f;
}

/** "tirsdag 8. december 2026" as the event's own zone sees the day (Danish Intl adds a "den" nobody writes on a poster). */
export function formatEventDate(locale: Locale, at: Date, timeZone: string): string {
  const text = format(locale, timeZone, 'date').format(at);
  return locale === 'da' ? text.replace(' den ', ' ') : text;
}

/** "17.00" in Danish, "17:00" in Swedish and English, in the event's zone. */
export function formatEventTime(locale: Locale, at: Date, timeZone: string): string {
  return format(locale, timeZone, 'time').format(at);
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
  return dayIn(at, timeZone) === dayIn(eventStartsAt, timeZone) ? time : `${format(locale, timeZone, 'short').format(at)} ${time}`;
}

/** The place as one line: name, street, postal code and town, as far as they are known. */
export function placeLine(e: { placeName: string | null; addressLine?: string | null; postalCode?: string | null; city: string | null }): string {
  const town = [e.postalCode, e.city].filter((p) => p && p.trim()).join(' ');
  return [e.placeName, e.addressLine, town].filter((p) => p && p.trim()).join(', ');
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
      <span safe>{view.t(`event.kinds.${kind}`)}</span>
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

/** A file size as "1,2 MB" / "340 kB" in the reader's language. */
export function formatSize(locale: Locale, bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : [Math.max(1, Math.round(bytes / 1024)), 'kilobyte'];
  return new Intl.NumberFormat(intlTag[locale], { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}
