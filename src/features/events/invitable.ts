import { and, asc, eq, gt, ne } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { events, type EventStatus } from './tables.js';

/*
 * What other features (mailings' invitations) may know of an event, without reading the events table.
 */

/**
 * The published events still ahead, soonest first: what a mailing may invite to. A network meeting
 * is for its network alone, so no mailing names it.
 */
export async function upcomingPublishedEvents(db: Db, limit = 200): Promise<{ id: string; title: string; startsAt: Date; timeZone: string }[]> {
  return db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, timeZone: events.timeZone })
    .from(events)
    .where(and(eq(events.status, 'published'), ne(events.audience, 'network'), gt(events.endsAt, new Date())))
    .orderBy(asc(events.startsAt))
    .limit(limit);
}

/** An event as an invitation names it: its title, time, zone and place (address or online link), and its state. */
export interface InvitationEvent {
  title: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  status: EventStatus;
  place: string | null;
}

export async function invitationEvent(db: Db, id: string): Promise<InvitationEvent | null> {
  const [e] = await db.select().from(events).where(eq(events.id, id));
  if (!e) return null;
  const town = [e.postalCode, e.city].filter((p) => p && p.trim()).join(' ');
  const place = [e.placeName, e.addressLine, town].filter((p) => p && p.trim()).join(', ') || e.onlineUrl || null;
  return { title: e.title, startsAt: e.startsAt, endsAt: e.endsAt, timeZone: e.timeZone, status: e.status, place };
}
