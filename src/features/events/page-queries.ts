import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { sha256 } from '../../platform/secrets.js';
import { kindAndUnitSql, totalOf, visibleEventsSql, waitlistPositionSql } from './queries.js';
import type { EventPlace } from './place.js';
import type { EventKind, EventStatus, RegistrationStatus } from './tables.js';

/**
 * Reads the public and member pages need beyond the API's: the event list as cards (upcoming
 * soonest first, past latest first, with the organising unit's name), and what a public
 * registrant's secret link points at.
 */

export interface EventCard {
  id: string;
  slug: string;
  kind: EventKind;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  placeName: string | null;
  city: string | null;
  /** Only whether there is a link: the link itself is for confirmed participants and staff. */
  online: boolean;
  unitName: string;
  status: EventStatus;
  capacity: number | null;
  waitlist: boolean;
  confirmedSeats: number;
  waitlistCount: number;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
}

export interface EventCardFilter {
  unit?: string;
  kind?: EventKind;
  /** Events that have ended, latest first; otherwise running and upcoming ones, soonest first. */
  past: boolean;
  page: number;
  pageSize: number;
}

type Raw = Record<string, unknown>;
const date = (v: unknown) => new Date(v as string | Date);
const dateOrNull = (v: unknown) => (v === null || v === undefined ? null : date(v));

/**
 * The events the actor may see (the API's scope, `visibleEventsSql`), as the list page shows them:
 * one statement with the unit's name and the waiting-list count.
 */
export async function listEventCards(db: Db, actor: Actor, filter: EventCardFilter): Promise<{ items: EventCard[]; total: number; page: number; pageSize: number }> {
  const visible = await visibleEventsSql(db, actor);
  const conditions: SQL[] = [visible, filter.past ? sql`e.ends_at < now()` : sql`e.ends_at >= now()`, ...kindAndUnitSql(filter)];
  const where = sql.join(conditions, sql` and `);
  const offset = (filter.page - 1) * filter.pageSize;
  const rows = await queryRows<Raw>(
    db,
    sql`select e.id, e.slug, e.kind, e.title, e.starts_at as "startsAt", e.ends_at as "endsAt", e.time_zone as "timeZone",
          e.place_name as "placeName", e.city, e.online_url is not null as online, u.name as "unitName", e.status,
          e.capacity, e.waitlist, e.confirmed_seats as "confirmedSeats",
          (select count(*)::int from event_registrations r where r.event_id = e.id and r.status = 'waitlisted') as "waitlistCount",
          e.registration_opens_at as "registrationOpensAt", e.registration_closes_at as "registrationClosesAt",
          count(*) over ()::int as total
        from events e join units u on u.id = e.unit_id
        where ${where}
        order by e.starts_at ${filter.past ? sql`desc` : sql`asc`}, e.id
        limit ${filter.pageSize} offset ${offset}`,
  );
  const total = await totalOf(db, rows, offset, where);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      slug: String(r.slug),
      kind: r.kind as EventKind,
      title: String(r.title),
      startsAt: date(r.startsAt),
      endsAt: date(r.endsAt),
      timeZone: String(r.timeZone),
      placeName: (r.placeName as string | null) ?? null,
      city: (r.city as string | null) ?? null,
      online: Boolean(r.online),
      unitName: String(r.unitName),
      status: r.status as EventStatus,
      capacity: r.capacity === null ? null : Number(r.capacity),
      waitlist: Boolean(r.waitlist),
      confirmedSeats: Number(r.confirmedSeats),
      waitlistCount: Number(r.waitlistCount),
      registrationOpensAt: dateOrNull(r.registrationOpensAt),
      registrationClosesAt: dateOrNull(r.registrationClosesAt),
    })),
    total,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

/** The unit's name for the detail page's "organiser" line. */
export async function unitName(db: Db, unitId: string): Promise<string> {
  const [row] = await queryRows<{ name: string }>(db, sql`select name from units where id = ${unitId}`);
  return row?.name ?? '';
}

export interface TokenRegistration {
  status: RegistrationStatus;
  guests: number;
  /** 1..n on the waiting list; null otherwise. */
  waitlistPosition: number | null;
  /** `onlineUrl` is given only for a confirmed place: the link is for participants. */
  event: EventPlace & {
    slug: string;
    title: string;
    startsAt: Date;
    endsAt: Date;
    timeZone: string;
    status: EventStatus;
  };
}

/** The secret links are 32 random bytes in base64url: anything else is not worth a database look-up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * What a public registrant's secret link (confirm the address, or cancel the place) points at, with
 * the place on the waiting list: the token is the credential, so the event's audience plays no part.
 * Null for a link that is no registration's.
 */
export async function registrationByToken(db: Db, kind: 'confirm' | 'cancel', token: string): Promise<TokenRegistration | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const column = kind === 'confirm' ? sql`r.confirm_token_hash` : sql`r.cancel_token_hash`;
  const [row] = await queryRows<Raw>(
    db,
    sql`select r.status, r.guests, ${waitlistPositionSql} as "waitlistPosition",
          e.slug, e.title, e.starts_at as "startsAt", e.ends_at as "endsAt", e.time_zone as "timeZone", e.place_name as "placeName",
          e.address_line as "addressLine", e.postal_code as "postalCode", e.city, e.online_url as "onlineUrl", e.status as "eventStatus"
        from event_registrations r join events e on e.id = r.event_id
        where ${column} = ${sha256(token)}`,
  );
  if (!row) return null;
  const status = row.status as RegistrationStatus;
  return {
    status,
    guests: Number(row.guests),
    waitlistPosition: row.waitlistPosition === null ? null : Number(row.waitlistPosition),
    event: {
      slug: String(row.slug),
      title: String(row.title),
      startsAt: date(row.startsAt),
      endsAt: date(row.endsAt),
      timeZone: String(row.timeZone),
      placeName: (row.placeName as string | null) ?? null,
      addressLine: (row.addressLine as string | null) ?? null,
      postalCode: (row.postalCode as string | null) ?? null,
      city: (row.city as string | null) ?? null,
      onlineUrl: status === 'confirmed' ? ((row.onlineUrl as string | null) ?? null) : null,
      status: row.eventStatus as EventStatus,
    },
  };
}
