import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { unitScope, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { uuidArray } from '../../platform/db/sql.js';
import { eventBySlug, eventFor } from './access.js';
import { type Refusal } from '../../platform/outcomes.js';
import { can, isMember } from './policy.js';
import { loadViewer, pgArray } from './viewer.js';
import type { EventDetail, EventFilter, EventPage, EventSummary, RegistrationRow } from './schema.js';
import type { RegistrationStatus } from './tables.js';
import { unitAndBelowSql } from '../../kernel/units.js';

const iso = (v: unknown): string => new Date(v as string | Date).toISOString();
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));

/** Every column of the summary plus the counts, from `events e`; one lateral count per event. */
const summaryColumns = sql`
  e.id, e.slug, e.kind, e.title, e.description, e.place_name as "placeName", e.address_line as "addressLine",
  e.postal_code as "postalCode", e.city, e.online_url as "onlineUrl", e.starts_at as "startsAt", e.ends_at as "endsAt",
  e.time_zone as "timeZone", e.unit_id as "unitId", e.audience, e.audience_unit_id as "audienceUnitId",
  e.audience_roles as "audienceRoles", e.audience_workplace_id as "audienceWorkplaceId", e.open_to_non_members as "openToNonMembers",
  e.audience_network_id as "audienceNetworkId", e.capacity, e.waitlist, e.max_guests as "maxGuests",
  e.registration_opens_at as "registrationOpensAt", e.registration_closes_at as "registrationClosesAt",
  e.status, e.published_at as "publishedAt", e.cancelled_at as "cancelledAt", e.cancel_reason as "cancelReason",
  e.material_visibility as "materialVisibility", e.confirmed_seats as "confirmedSeats",
  coalesce(c.confirmed, 0) as "confirmedCount", coalesce(c.waiting, 0) as "waitlistCount", coalesce(c.attended, 0) as "attendedCount"`;

const countsJoin = sql`left join lateral (
  select count(*) filter (where r.status = 'confirmed')::int as confirmed,
    count(*) filter (where r.status = 'waitlisted')::int as waiting,
    count(*) filter (where r.status = 'confirmed' and r.checked_in_at is not null)::int as attended
  from event_registrations r where r.event_id = e.id and r.status in ('confirmed', 'waitlisted')
) c on true`;

type Raw = Record<string, unknown>;

/** The list filters the API and the list page share: a kind, and a unit with its sub-units. */
export function kindAndUnitSql(filter: { kind?: string; unit?: string }): SQL[] {
  const conditions: SQL[] = [];
  if (filter.kind) conditions.push(sql`e.kind = ${filter.kind}`);
  if (filter.unit) conditions.push(sql`e.unit_id in ${unitAndBelowSql(filter.unit)}`);
  return conditions;
}

/**
 * The total behind one page of `events e` rows selected with `count(*) over ()::int as total`; a
 * page past the end has no row to read it from, so it is counted alone.
 */
export async function totalOf(db: Db, rows: Raw[], offset: number, where: SQL): Promise<number> {
  if (rows.length) return Number(rows[0].total);
  if (offset === 0) return 0;
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from events e where ${where}`);
  return Number(n);
}

/** A registration r's place on the waiting list, 1..n, counted in arrival order; null when it is not waiting. */
export const waitlistPositionSql = sql`case when r.status = 'waitlisted' then (select count(*)::int from event_registrations w
  where w.event_id = r.event_id and w.status = 'waitlisted' and w.seq <= r.seq) end`;

function summaryFromRow(r: Raw): EventSummary {
  return {
    id: String(r.id),
    slug: String(r.slug),
    kind: r.kind as EventSummary['kind'],
    title: String(r.title),
    description: String(r.description),
    placeName: (r.placeName as string | null) ?? null,
    addressLine: (r.addressLine as string | null) ?? null,
    postalCode: (r.postalCode as string | null) ?? null,
    city: (r.city as string | null) ?? null,
    onlineUrl: (r.onlineUrl as string | null) ?? null,
    startsAt: iso(r.startsAt),
    endsAt: iso(r.endsAt),
    timeZone: String(r.timeZone),
    unitId: String(r.unitId),
    audience: r.audience as EventSummary['audience'],
    audienceUnitId: (r.audienceUnitId as string | null) ?? null,
    audienceRoles: pgArray(r.audienceRoles as string[] | string) as EventSummary['audienceRoles'],
    audienceWorkplaceId: (r.audienceWorkplaceId as string | null) ?? null,
    openToNonMembers: Boolean(r.openToNonMembers),
    audienceNetworkId: (r.audienceNetworkId as string | null) ?? null,
    capacity: r.capacity === null ? null : Number(r.capacity),
    waitlist: Boolean(r.waitlist),
    maxGuests: Number(r.maxGuests),
    registrationOpensAt: isoOrNull(r.registrationOpensAt),
    registrationClosesAt: isoOrNull(r.registrationClosesAt),
    status: r.status as EventSummary['status'],
    publishedAt: isoOrNull(r.publishedAt),
    cancelledAt: isoOrNull(r.cancelledAt),
    materialVisibility: r.materialVisibility as EventSummary['materialVisibility'],
    confirmedCount: Number(r.confirmedCount),
    confirmedSeats: Number(r.confirmedSeats),
    waitlistCount: Number(r.waitlistCount),
    attendedCount: Number(r.attendedCount),
  };
}

/** The whole event as the API and the pages show it: counts, programme and the list of material. */
export async function loadEventDetail(db: Db, id: string): Promise<EventDetail | null> {
  const [row] = await queryRows<Raw>(
    db,
    sql`select ${summaryColumns},
          coalesce((select json_agg(json_build_object('id', i.id, 'position', i.position, 'startsAt', i.starts_at, 'title', i.title,
            'speaker', i.speaker, 'materialId', i.material_id) order by i.position) from event_programme_items i where i.event_id = e.id), '[]') as programme,
          coalesce((select json_agg(json_build_object('id', m.id, 'fileName', m.file_name, 'contentType', m.content_type, 'size', m.size,
            'createdAt', m.created_at) order by m.created_at, m.id) from event_materials m where m.event_id = e.id), '[]') as materials
        from events e ${countsJoin} where e.id = ${id}`,
  );
  if (!row) return null;
  const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  const programme = json<{ id: string; position: number; startsAt: string | null; title: string; speaker: string | null; materialId: string | null }[]>(row.programme);
  const materials = json<{ id: string; fileName: string; contentType: string; size: number; createdAt: string }[]>(row.materials);
  return {
    ...summaryFromRow(row),
    cancelReason: (row.cancelReason as string | null) ?? null,
    programme: programme.map((p) => ({ ...p, startsAt: isoOrNull(p.startsAt) })),
    materials: materials.map((m) => ({ ...m, createdAt: iso(m.createdAt) })),
  };
}

/**
 * These events as summaries with their counts, soonest first, whoever may see them: for a feature
 * that has checked its own reader first (a network's meetings, for the network's participants). One statement.
 */
export async function eventSummaries(db: Db, ids: readonly string[]): Promise<EventSummary[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<Raw>(db, sql`select ${summaryColumns} from events e ${countsJoin} where e.id = any(${uuidArray(ids)}) order by e.starts_at, e.id`);
  return rows.map(summaryFromRow);
}

/** The SQL condition "the actor may see event e": organisers see all of theirs, others what is out and meant for them. */
export async function visibleEventsSql(db: Db, actor: Actor): Promise<SQL> {
  const scope = unitScope(actor, 'staff', 'board');
  const organised = scope === 'all' ? sql`true` : sql`e.unit_id = any(${uuidArray(scope)})`;
  const viewer = await loadViewer(db, actor);
  const roles = `{${[...viewer.heldRoles].join(',')}}`;
  return sql`(${organised} or (e.status <> 'draft' and (
    e.audience = 'public'
    or (e.audience = 'members' and ${isMember(actor)})
    or (e.audience = 'unit_members' and e.audience_unit_id = any(${uuidArray(viewer.memberUnits)}))
    or (e.audience = 'roles' and e.audience_roles && ${roles}::text[])
    or (e.audience = 'workplace' and e.audience_workplace_id = any(${uuidArray(viewer.workplaces)}))
    or (e.audience = 'network' and e.audience_network_id = any(${uuidArray(viewer.groups)})))))`;
}

/**
 * The events the actor may see, soonest first: running and upcoming ones unless `from` says
 * otherwise; `unit` includes its sub-units. One statement with counts.
 */
export async function listEvents(db: Db, actor: Actor, filter: EventFilter): Promise<EventPage> {
  const visible = await visibleEventsSql(db, actor);
  const conditions: SQL[] = [visible, filter.from ? sql`e.ends_at >= ${filter.from}::timestamptz` : sql`e.ends_at >= now()`];
  if (filter.to) conditions.push(sql`e.starts_at < ${filter.to}::timestamptz`);
  conditions.push(...kindAndUnitSql(filter));
  const where = sql.join(conditions, sql` and `);
  const offset = (filter.page - 1) * filter.pageSize;
  const rows = await queryRows<Raw>(
    db,
    sql`select ${summaryColumns}, count(*) over ()::int as total
        from events e ${countsJoin}
        where ${where}
        order by e.starts_at, e.id
        limit ${filter.pageSize} offset ${offset}`,
  );
  return { items: rows.map(summaryFromRow), total: await totalOf(db, rows, offset, where), page: filter.page, pageSize: filter.pageSize };
}

export interface OwnRegistration {
  id: string;
  status: RegistrationStatus;
  waitlistPosition: number | null;
  guests: number;
  checkedInAt: string | null;
}

function ownRegistrationFromRow(r: Raw): OwnRegistration {
  return {
    id: String(r.id),
    status: r.status as RegistrationStatus,
    waitlistPosition: r.waitlistPosition === null ? null : Number(r.waitlistPosition),
    guests: Number(r.guests),
    checkedInAt: isoOrNull(r.checkedInAt),
  };
}

/** The actor's live registration for an event, with the place on the waiting list. */
export async function ownRegistration(db: Db, personId: string, eventId: string): Promise<OwnRegistration | null> {
  const [row] = await queryRows<Raw>(
    db,
    sql`select r.id, r.status, r.guests, r.checked_in_at as "checkedInAt", ${waitlistPositionSql} as "waitlistPosition"
        from event_registrations r
        where r.event_id = ${eventId} and r.person_id = ${personId} and r.status <> 'cancelled'`,
  );
  return row ? ownRegistrationFromRow(row) : null;
}

export interface EventView {
  ok: true;
  event: EventDetail;
  /** The reader's own place, if they are a person with one. */
  myRegistration: OwnRegistration | null;
  /** What the reader may do here, for the page to offer only that. */
  may: { edit: boolean; register: boolean; viewParticipants: boolean; manageParticipants: boolean; checkIn: boolean; message: boolean; manageMaterial: boolean };
}

/** One event by id or slug, if the actor may see it. */
export async function getEvent(db: Db, actor: Actor, idOrSlug: string): Promise<EventView | Refusal> {
  const found = await eventBySlug(db, actor, idOrSlug);
  if (!found.ok) return found;
  const { event: row, viewer } = found;
  const event = (await loadEventDetail(db, row.id))!;
  const mine = actor.kind === 'person' ? await ownRegistration(db, actor.personId, row.id) : null;
  return {
    ok: true,
    event,
    myRegistration: mine,
    may: {
      edit: can(actor, 'event.edit', row, viewer),
      register: can(actor, 'event.register', row, viewer),
      viewParticipants: can(actor, 'event.view_participants', row, viewer),
      manageParticipants: can(actor, 'event.manage_participants', row, viewer),
      checkIn: can(actor, 'event.check_in', row, viewer),
      message: can(actor, 'event.message', row, viewer),
      manageMaterial: can(actor, 'event.manage_material', row, viewer),
    },
  };
}

/**
 * Everyone registered, in the order that matters: confirmed by arrival, then the waiting list by
 * arrival with positions 1..n, then pending public registrations and cancelled ones. Looking at
 * the list is recorded in the audit log (names and addresses of participants).
 */
export async function listRegistrations(db: Db, actor: Actor, eventId: string): Promise<{ ok: true; items: RegistrationRow[] } | Refusal> {
  const found = await eventFor(db, actor, eventId, 'event.view_participants');
  if (!found.ok) return found;
  const rows = await queryRows<Raw>(
    db,
    sql`select r.id, r.status, r.person_id as "personId",
          coalesce(p.first_name || ' ' || p.last_name, r.name) as name, coalesce(p.email, r.email) as email, r.guests,
          case when r.status = 'waitlisted' then row_number() over (partition by r.status order by r.seq) end as "waitlistPosition",
          r.created_at as "createdAt", r.confirmed_at as "confirmedAt", r.promoted_at as "promotedAt",
          r.cancelled_at as "cancelledAt", r.checked_in_at as "checkedInAt"
        from event_registrations r left join persons p on p.id = r.person_id
        where r.event_id = ${eventId}
        order by case r.status when 'confirmed' then 0 when 'waitlisted' then 1 when 'pending' then 2 else 3 end, r.seq`,
  );
  await audit(db, actor, { action: 'view', entityType: 'event_registrations', entityId: eventId });
  return {
    ok: true,
    items: rows.map((r) => ({
      id: String(r.id),
      status: r.status as RegistrationStatus,
      waitlistPosition: r.waitlistPosition === null ? null : Number(r.waitlistPosition),
      personId: (r.personId as string | null) ?? null,
      name: String(r.name ?? ''),
      email: (r.email as string | null) ?? null,
      guests: Number(r.guests),
      createdAt: iso(r.createdAt),
      confirmedAt: isoOrNull(r.confirmedAt),
      promotedAt: isoOrNull(r.promotedAt),
      cancelledAt: isoOrNull(r.cancelledAt),
      checkedInAt: isoOrNull(r.checkedInAt),
    })),
  };
}

export interface MyEvent {
  registration: OwnRegistration;
  event: Pick<EventSummary, 'id' | 'slug' | 'kind' | 'title' | 'startsAt' | 'endsAt' | 'timeZone' | 'placeName' | 'city' | 'onlineUrl' | 'status'>;
}

/**
 * "My events": the person's places and waiting-list places (not the cancelled ones), soonest first;
 * `upcoming` (default) keeps events not yet over, `past` the others.
 */
export async function myEvents(db: Db, actor: Actor, when: 'upcoming' | 'past' | 'all' = 'upcoming'): Promise<MyEvent[]> {
  if (actor.kind !== 'person') return [];
  const period = when === 'upcoming' ? sql`and e.ends_at >= now()` : when === 'past' ? sql`and e.ends_at < now()` : sql``;
  const rows = await queryRows<Raw>(
    db,
    sql`select r.id, r.status, r.guests, r.checked_in_at as "checkedInAt", ${waitlistPositionSql} as "waitlistPosition",
          e.id as "eventId", e.slug, e.kind, e.title, e.starts_at as "startsAt", e.ends_at as "endsAt", e.time_zone as "timeZone",
          e.place_name as "placeName", e.city, e.online_url as "onlineUrl", e.status as "eventStatus"
        from event_registrations r join events e on e.id = r.event_id
        where r.person_id = ${actor.personId} and r.status <> 'cancelled' and e.status <> 'draft' ${period}
        order by e.starts_at ${when === 'past' ? sql`desc` : sql`asc`}, e.id`,
  );
  return rows.map((r) => ({
    registration: ownRegistrationFromRow(r),
    event: {
      id: String(r.eventId),
      slug: String(r.slug),
      kind: r.kind as EventSummary['kind'],
      title: String(r.title),
      startsAt: iso(r.startsAt),
      endsAt: iso(r.endsAt),
      timeZone: String(r.timeZone),
      placeName: (r.placeName as string | null) ?? null,
      city: (r.city as string | null) ?? null,
      onlineUrl: (r.onlineUrl as string | null) ?? null,
      status: r.eventStatus as EventSummary['status'],
    },
  }));
}
