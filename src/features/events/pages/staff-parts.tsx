import { Badge } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import type { Locale } from '../../../platform/i18n/i18n.js';
import type { EventStatus } from '../tables.js';
import { dateFormat, EventCrumbs, formatEventWhen } from './parts.js';
import { eventStatusLabel } from '../labels.js';

/** What the staff pages of one event need to know about it and about the reader's rights there. */
export interface StaffEvent {
  slug: string;
  title: string;
  status: EventStatus;
  startsAt: string;
  endsAt: string;
  timeZone: string;
}

export interface StaffRights {
  edit: boolean;
  viewParticipants: boolean;
  manageParticipants: boolean;
  checkIn: boolean;
  message: boolean;
  manageMaterial: boolean;
}

/** A moment such as "8. dec. 2026 17.05" in the event's zone (registered at, checked in at). */
export function formatMoment(locale: Locale, at: string | Date, timeZone: string): string {
  return dateFormat(locale, timeZone, 'moment').format(new Date(at));
}

/** Only the clock: "17.05". */
export function formatClock(locale: Locale, at: string | Date, timeZone: string): string {
  return dateFormat(locale, timeZone, 'clock').format(new Date(at));
}

export function StatusBadge({ view, status }: { view: View; status: EventStatus }): JSX.Element {
  const kind = status === 'published' ? 'success' : status === 'cancelled' ? 'danger' : 'neutral';
  return (
    <Badge kind={kind}>
      <span safe>{view.t(eventStatusLabel[status])}</span>
    </Badge>
  );
}

export const staffPath = (slug: string, page = 'manage') => `/events/${encodeURIComponent(slug)}/${page}`;

type Tab = 'manage' | 'participants' | 'check-in' | 'material' | 'edit' | 'message';

/** The event's title, its state and time, and the staff pages of the event as tabs. */
export function StaffHeader({ view, event, rights, current, heading }: { view: View; event: StaffEvent; rights: StaffRights; current: Tab; heading?: string }): JSX.Element {
  const { t } = view;
  const tabs: { tab: Tab; label: string; shown: boolean }[] = [
    { tab: 'manage', label: t('event_staff.tabs.manage'), shown: rights.viewParticipants || rights.edit },
    { tab: 'participants', label: t('event_staff.tabs.participants'), shown: rights.viewParticipants },
    { tab: 'check-in', label: t('event_staff.tabs.check_in'), shown: rights.checkIn },
    { tab: 'material', label: t('event_staff.tabs.material'), shown: rights.manageMaterial },
    { tab: 'edit', label: t('event_staff.tabs.edit'), shown: rights.edit && event.status !== 'cancelled' },
  ];
  return (
    <>
      <EventCrumbs view={view} event={event} />
      <div class="page-header event-staff-header">
        <div>
          <h1 safe>{heading ?? event.title}</h1>
          <p class="lead">
            <StatusBadge view={view} status={event.status} /> <span safe>{formatEventWhen(view, new Date(event.startsAt), new Date(event.endsAt), event.timeZone)}</span>
          </p>
        </div>
      </div>
      <nav class="event-tabs" aria-label={t('event_staff.tabs.label')}>
        <ul>
          {tabs
            .filter((x) => x.shown)
            .map((x) => (
              <li>
                <a href={staffPath(event.slug, x.tab)} aria-current={x.tab === current ? 'page' : undefined} safe>
                  {x.label}
                </a>
              </li>
            ))}
        </ul>
      </nav>
    </>
  );
}
