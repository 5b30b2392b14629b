import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { organisationTimeZone } from '../../platform/i18n/format.js';
import { monthsOf, unitsCondition, type FigureRange } from '../../kernel/insights.js';
import type { EventKind } from './tables.js';

/*
 * The events' figures for the insights dashboard: how full the events were, how many waited, and
 * how many of those with a place came. The range's events by `events_starts_idx`, and for each
 * of them its registrations by `event_registrations_event_status_idx`: a year's dashboard reads a
 * year's registrations, not the whole history (measured about twice as fast as one hash join over
 * the table for a year of five; the same for all five).
 */

export interface EventDemand {
  kind: EventKind;
  events: number;
  /** Seats offered by the events with a limit. */
  capacity: number;
  /** Seats taken by confirmed registrations (guests included), all events. */
  confirmedSeats: number;
  /** Confirmed seats / capacity over the events with a limit; null when none has one. */
  fillRate: number | null;
  waitingAtStart: number;
  /** Confirmed registrations checked in (a registration, not its guests). */
  checkedIn: number;
  /** Confirmed registrations not checked in, at the events where check-in was used. */
  noShows: number;
  /** noShows / confirmed registrations at those events; null when check-in was never used. */
  noShowRate: number | null;
}

export interface EventDemandMonth {
  /** `YYYY-MM` */
  month: string;
  events: number;
  confirmedSeats: number;
  capacity: number;
  waitingAtStart: number;
}

/**
 * Was this registration `r` on the waiting list when its event `e` started? Nothing records the
 * moment one joins or leaves the list, so it is read from what the use cases leave behind:
 * - it was made before the start, and
 * - it is still waiting (`waitlisted`: nobody leaves the list but by promotion or cancellation), or
 * - it was promoted after the start (`promoted_at` is set only by promotion from the list), or
 * - it was cancelled after the start while waiting: never confirmed (`confirmed_at` and
 *   `promoted_at` null) and not a public registration still awaiting its e-mail confirmation
 *   (a member's registration is never `pending`; a public one that opened its link got a cancel
 *   token, a `pending` one has none).
 * The one case read wrongly: a public registrant who sent the form before the start but opened the
 * confirmation link only after it (registration may stay open while the event runs) counts as
 * waiting from the form; their move from `pending` to the list leaves no time.
 */
const waitingAtStartSql = sql`r.created_at < e.starts_at and (
    r.status = 'waitlisted'
    or r.promoted_at > e.starts_at
    or (r.status = 'cancelled' and r.cancelled_at > e.starts_at and r.promoted_at is null and r.confirmed_at is null
        and (r.person_id is not null or r.cancel_token_hash is not null)))`;

/**
 * The range's events, each with its registration counts: published (not a draft, not cancelled),
 * of an organising unit in the set, starting on a day of the range in the organisation's time zone,
 * and already started.
 */
function eventsWithCounts(range: FigureRange): SQL {
  const tz = organisationTimeZone;
  return sql`in_range as (
      select e.id, e.kind, e.capacity, e.confirmed_seats, e.starts_at,
        to_char(e.starts_at at time zone ${tz}, 'YYYY-MM') as month
      from events e
      where e.status = 'published' and ${unitsCondition(sql`e.unit_id`, range.units)}
        and e.starts_at >= (${range.from}::date)::timestamp at time zone ${tz}
        and e.starts_at < (${range.to}::date + 1)::timestamp at time zone ${tz}
        and e.starts_at <= now()
    ),
    counted as (
      select e.id, e.kind, e.capacity, e.confirmed_seats, e.month, c.waiting, c.confirmed, c.checked_in
      from in_range e
      cross join lateral (
        select count(*) filter (where ${waitingAtStartSql}) as waiting,
          count(*) filter (where r.status = 'confirmed') as confirmed,
          count(*) filter (where r.status = 'confirmed' and r.checked_in_at is not null) as checked_in
        from event_registrations r where r.event_id = e.id
      ) c
    )`;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Demand per event kind, for the kinds that had events in the range. */
export async function eventDemand(db: Db, range: FigureRange): Promise<EventDemand[]> {
  const rows = await queryRows<{
    kind: EventKind;
    events: number;
    capacity: number;
    confirmedSeats: number;
    seatsWithLimit: number;
    waitingAtStart: number;
    checkedIn: number;
    confirmedWhereChecked: number;
  }>(
    db,
    sql`with ${eventsWithCounts(range)}
        select kind, count(*)::int as events,
          coalesce(sum(capacity), 0)::int as capacity,
          coalesce(sum(confirmed_seats), 0)::int as "confirmedSeats",
          coalesce(sum(confirmed_seats) filter (where capacity is not null), 0)::int as "seatsWithLimit",
          coalesce(sum(waiting), 0)::int as "waitingAtStart",
          coalesce(sum(checked_in), 0)::int as "checkedIn",
          coalesce(sum(confirmed) filter (where checked_in > 0), 0)::int as "confirmedWhereChecked"
        from counted group by kind order by kind`,
  );
  return rows.map((r) => {
    const noShows = r.confirmedWhereChecked - r.checkedIn;
    return {
      kind: r.kind,
      events: r.events,
      capacity: r.capacity,
      confirmedSeats: r.confirmedSeats,
      fillRate: ratio(r.seatsWithLimit, r.capacity),
      waitingAtStart: r.waitingAtStart,
      checkedIn: r.checkedIn,
      noShows,
      noShowRate: r.confirmedWhereChecked > 0 ? noShows / r.confirmedWhereChecked : null,
    };
  });
}

/** The same events by the month they started in, every month of the range (zeros included). */
export async function eventDemandByMonth(db: Db, range: FigureRange): Promise<EventDemandMonth[]> {
  const rows = await queryRows<EventDemandMonth>(
    db,
    sql`with ${eventsWithCounts(range)}
        select month, count(*)::int as events,
          coalesce(sum(confirmed_seats), 0)::int as "confirmedSeats",
          coalesce(sum(capacity), 0)::int as capacity,
          coalesce(sum(waiting), 0)::int as "waitingAtStart"
        from counted group by month`,
  );
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return monthsOf(range).map((month) => byMonth.get(month) ?? { month, events: 0, confirmedSeats: 0, capacity: 0, waitingAtStart: 0 });
}
