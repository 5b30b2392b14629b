import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { reachesUnit, type Actor } from '../../platform/actor.js';
import { events } from './tables.js';
import { can, viewerFromGrants, type EventAction, type EventViewer } from './policy.js';
import { loadViewer } from './viewer.js';
import type { MailEvent, Recipient } from './mails.js';
import { notFound, forbidden, type Refusal } from '../../platform/outcomes.js';

export type EventRow = typeof events.$inferSelect;

/** Out of reach reads as "not found": nobody learns that an event they may not see exists. */

/**
 * The event row; with `lock` it is taken `FOR UPDATE`, which serialises every seat decision of the
 * event: whoever holds it decides alone, and the next waits for the commit.
 */
export async function findEvent(db: Db, id: string, lock = false): Promise<EventRow | undefined> {
  const query = db.select().from(events).where(eq(events.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** The viewer only when the audience needs more than the grants tell (a unit's members, role holders). */
export async function viewerFor(db: Db, actor: Actor, event: Pick<EventRow, 'audience' | 'unitId'>): Promise<EventViewer> {
  const needsMore = (event.audience === 'unit_members' || event.audience === 'roles' || event.audience === 'workplace' || event.audience === 'network') && !reachesUnit(actor, event.unitId, 'staff', 'board');
  return needsMore ? loadViewer(db, actor) : viewerFromGrants(actor);
}

/**
 * The event if the actor may see it and do `action` to it: an event out of sight is `not_found`,
 * one in sight but not theirs to change is `forbidden`.
 */
export async function eventFor(
  db: Db,
  actor: Actor,
  id: string,
  action: EventAction,
  opts: { lock?: boolean } = {},
): Promise<{ ok: true; event: EventRow; viewer: EventViewer } | Refusal> {
  const event = await findEvent(db, id, opts.lock);
  if (!event) return notFound;
  const viewer = await viewerFor(db, actor, event);
  if (!can(actor, 'event.view', event, viewer)) return notFound;
  if (action !== 'event.view' && !can(actor, action, event, viewer)) return forbidden;
  return { ok: true, event, viewer };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What `slugify` + a date (+ `-2`) makes; anything else is no event's address. */
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/**
 * The event behind `/events/{slug}` (an id works too) if the actor may see it and do `action`:
 * the same answer as the API's (`eventFor`), so a page never shows what the API would hide.
 */
export async function eventBySlug(
  db: Db,
  actor: Actor,
  slugOrId: string,
  action: EventAction = 'event.view',
): Promise<{ ok: true; event: EventRow; viewer: EventViewer } | Refusal> {
  let id = slugOrId;
  if (!UUID.test(slugOrId)) {
    if (!SLUG.test(slugOrId)) return notFound;
    const [row] = await queryRows<{ id: string }>(db, sql`select id from events where slug = ${slugOrId}`);
    if (!row) return notFound;
    id = row.id;
  }
  return eventFor(db, actor, id, action);
}

export function mailEvent(e: EventRow): MailEvent {
  return {
    slug: e.slug,
    title: e.title,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    timeZone: e.timeZone,
    placeName: e.placeName,
    addressLine: e.addressLine,
    postalCode: e.postalCode,
    city: e.city,
    onlineUrl: e.onlineUrl,
  };
}

/** Who a registration's mails go to: the member's own address and language, or what a public registrant gave. */
export const recipientColumns = sql`coalesce(p.email, r.email) as email,
  coalesce(p.first_name || ' ' || p.last_name, r.name) as name,
  coalesce(p.preferred_locale, r.locale) as locale`;

export async function recipientsWith(db: Db, eventId: string, statuses: string[]): Promise<(Recipient & { id: string })[]> {
  const rows = await queryRows<Recipient & { id: string }>(
    db,
    sql`select r.id, ${recipientColumns}
        from event_registrations r left join persons p on p.id = r.person_id
        where r.event_id = ${eventId} and r.status = any(${`{${statuses.join(',')}}`}::text[])
        order by r.seq`,
  );
  return rows.filter((r) => r.email);
}

