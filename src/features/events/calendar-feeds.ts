import { and, asc, eq, gte, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { newToken, sha256 } from '../../platform/secrets.js';
import { persons, units } from '../../kernel/tables.js';
import { calendarFeeds, events, registrations, type RegistrationStatus } from './tables.js';
import type { CalendarEvent } from './calendar.js';
import { unitAndBelowSql } from '../../kernel/units.js';

/** Feeds show upcoming events and those that ended in the last 60 days. */
export const FEED_PAST_DAYS = 60;
/** A bound on one document; far beyond what a person or a unit has in that window. */
const FEED_LIMIT = 1000;

type PersonActor = Extract<Actor, { kind: 'person' }>;

const calendarColumns = {
  id: events.id,
  slug: events.slug,
  title: events.title,
  description: events.description,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  timeZone: events.timeZone,
  placeName: events.placeName,
  addressLine: events.addressLine,
  postalCode: events.postalCode,
  city: events.city,
  onlineUrl: events.onlineUrl,
  status: events.status,
  updatedAt: events.updatedAt,
};

/**
 * Published events, and cancelled ones that had been published (a cancelled draft was never
 * announced, so no feed may show it), in the feed's window.
 */
function inFeed(now: Date): SQL {
  return and(
    or(eq(events.status, 'published'), and(eq(events.status, 'cancelled'), isNotNull(events.publishedAt))),
    gte(events.endsAt, new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000)),
  )!;
}

/** The token is 32 random bytes in base64url; anything else is not worth a database look-up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Makes the person's calendar feed secret, replacing any earlier one (whose URL stops working at
 * once). Only its SHA-256 is stored, so the returned token is the one chance to show the URL.
 */
export async function createCalendarFeed(db: Db, actor: PersonActor): Promise<{ token: string; replaced: boolean }> {
  const token = newToken();
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ personId: calendarFeeds.personId }).from(calendarFeeds).where(eq(calendarFeeds.personId, actor.personId)).for('update');
    // Two presses at once: the upsert makes the later one win, and both leave exactly one row.
    await tx
      .insert(calendarFeeds)
      .values({ personId: actor.personId, tokenHash: sha256(token) })
      .onConflictDoUpdate({ target: calendarFeeds.personId, set: { tokenHash: sha256(token), createdAt: sql`now()` } });
    await audit(tx, actor, { action: before ? 'update' : 'create', entityType: 'event_calendar_feed', entityId: actor.personId, fields: ['tokenHash'] });
    return { token, replaced: Boolean(before) };
  });
}

export async function hasCalendarFeed(db: Db, personId: string): Promise<boolean> {
  const [row] = await db.select({ personId: calendarFeeds.personId }).from(calendarFeeds).where(eq(calendarFeeds.personId, personId));
  return Boolean(row);
}

export interface PersonalFeedEvent extends CalendarEvent {
  /** The person's place: confirmed or on the waiting list. */
  registrationStatus: Extract<RegistrationStatus, 'confirmed' | 'waitlisted'>;
}

export interface PersonalFeed {
  personId: string;
  preferredLocale: string | null;
  events: PersonalFeedEvent[];
}

/**
 * The events behind a personal feed URL: the owner's confirmed and waiting-list places at published
 * (or cancelled) events, upcoming and of the last 60 days. Null for a token that is not (or no
 * longer) a feed's. Reading it is not audited: it shows the owner nothing but their own events.
 */
export async function personalFeed(db: Db, token: string, now = new Date()): Promise<PersonalFeed | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [feed] = await db
    .select({ personId: calendarFeeds.personId, preferredLocale: persons.preferredLocale })
    .from(calendarFeeds)
    .innerJoin(persons, eq(persons.id, calendarFeeds.personId))
    .where(eq(calendarFeeds.tokenHash, sha256(token)));
  if (!feed) return null;
  const rows = await db
    .select({ ...calendarColumns, registrationStatus: registrations.status })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(and(eq(registrations.personId, feed.personId), inArray(registrations.status, ['confirmed', 'waitlisted']), inFeed(now)))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(FEED_LIMIT);
  return { ...feed, events: rows as PersonalFeedEvent[] };
}

export interface UnitFeed {
  unit: { id: string; name: string };
  events: CalendarEvent[];
}

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A unit's public calendar: published (and cancelled) events with the audience `public` organised
 * by the unit or any unit below it, upcoming and of the last 60 days. Null for an unknown unit.
 * Events for members only never appear here, not even their titles.
 */
export async function unitFeed(db: Db, unitId: string, now = new Date()): Promise<UnitFeed | null> {
  if (!UUID_SHAPE.test(unitId)) return null;
  const [unit] = await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, unitId));
  if (!unit) return null;
  const subtree = sql`${events.unitId} in ${unitAndBelowSql(unit.id)}`;
  const rows = await db
    .select(calendarColumns)
    .from(events)
    .where(and(eq(events.audience, 'public'), subtree, inFeed(now)))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(FEED_LIMIT);
  return { unit, events: rows };
}
