import { Layout } from '../../../platform/html/layout.js';
import { Csrf, EmptyState } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import type { EventDetail } from '../schema.js';
import { formatClock, staffPath, StaffHeader, type StaffRights } from './staff-parts.js';

export interface DoorRow {
  id: string;
  name: string;
  guests: number;
  checkedInAt: string | null;
}

export interface Attendance {
  attended: number;
  confirmed: number;
}

/** "Mødt: 12 af 40"; swapped in place by htmx after each tap, and read out by screen readers. */
export function AttendanceCount({ view, attendance, swap }: { view: View; attendance: Attendance; swap?: boolean }): JSX.Element {
  const { t, locale } = view;
  return (
    <p id="attendance" class="attendance" role="status" hx-swap-oob={swap ? 'innerHTML' : undefined} safe>
      {t('event_staff.check_in.count', { attended: formatNumber(locale, attendance.attended), confirmed: formatNumber(locale, attendance.confirmed) })}
    </p>
  );
}

/**
 * One person at the door: a big button that marks them as attended (or undoes it). Without
 * JavaScript the form posts and the page comes back with the search kept; with htmx only the row
 * is swapped (and the count with it), and the new button takes the focus the old one had.
 */
export function DoorRowItem({ view, e, row, q, focus }: { view: View; e: EventDetail; row: DoorRow; q: string; focus?: boolean }): JSX.Element {
  const { t, locale } = view;
  const action = staffPath(e.slug, `check-in/${row.id}`);
  const here = row.checkedInAt !== null;
  return (
    <li id={`reg-${row.id}`} class={here ? 'door-row door-row-here' : 'door-row'}>
      <div class="door-who">
        <span class="door-name" safe>
          {row.name}
        </span>
        {row.guests > 0 ? (
          <span class="muted door-note" safe>
            {t('event_staff.check_in.guests', { count: row.guests })}
          </span>
        ) : (
          ''
        )}
        {here ? (
          <span class="door-note door-here" safe>
            {t('event_staff.check_in.here_at', { time: formatClock(locale, row.checkedInAt!, e.timeZone) })}
          </span>
        ) : (
          ''
        )}
      </div>
      <form method="post" action={action} hx-post={action} hx-target={`#reg-${row.id}`} hx-swap="outerHTML">
        <Csrf view={view} />
        <input type="hidden" name="q" value={q} />
        {here ? <input type="hidden" name="undo" value="1" /> : ''}
        <button
          type="submit"
          class={here ? 'button button-secondary door-button' : 'button door-button'}
          aria-label={here ? t('event_staff.check_in.undo_named', { name: row.name }) : t('event_staff.check_in.mark_named', { name: row.name })}
          autofocus={focus ? true : undefined}
          safe
        >
          {here ? t('event_staff.check_in.undo') : t('event_staff.check_in.mark')}
        </button>
      </form>
    </li>
  );
}

export function CheckInPage({ view, e, rights, rows, q, attendance }: { view: View; e: EventDetail; rights: StaffRights; rows: DoorRow[]; q: string; attendance: Attendance }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('event_staff.check_in.title', { title: e.title })}>
      <StaffHeader view={view} event={e} rights={rights} current="check-in" />
      {/* At the door the search comes first, on a phone within the first screen; the count follows it. */}
      <form method="get" action={staffPath(e.slug, 'check-in')} class="door-search" role="search">
        <label for="door-q" safe>
          {t('event_staff.check_in.search_label')}
        </label>
        <div class="door-search-row">
          <input id="door-q" type="search" name="q" value={q} autocomplete="off" enterkeyhint="search" />
          <button type="submit" class="button" safe>
            {t('event_staff.check_in.search')}
          </button>
        </div>
        {q ? (
          <p>
            <a href={staffPath(e.slug, 'check-in')} safe>
              {t('event_staff.check_in.show_all')}
            </a>
          </p>
        ) : (
          ''
        )}
      </form>
      <AttendanceCount view={view} attendance={attendance} />
      {rows.length === 0 ? (
        <EmptyState title={q ? t('event_staff.check_in.no_match', { q }) : t('event_staff.check_in.nobody')} />
      ) : (
        <ul class="door-list" aria-label={t('event_staff.check_in.list_label')}>
          {rows.map((row) => (
            <DoorRowItem view={view} e={e} row={row} q={q} />
          ))}
        </ul>
      )}
    </Layout>
  );
}
