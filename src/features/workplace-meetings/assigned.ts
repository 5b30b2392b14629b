import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { newToken, sha256 } from '../../platform/secrets.js';
import { eventIcs, eventSlugSql, type CalendarEvent } from '../events/index.js';
import { meetingFeeds } from './tables.js';
import { can } from './policy.js';
import { forbidden, type Refusal } from '../../platform/outcomes.js';
import { meetingLinks } from './mails.js';

export interface AssignedMeeting {
  id: string;
  workplaceName: string;
  status: 'scheduled' | 'held' | 'cancelled';
  /** What the person is at this meeting. */
  as: 'politician' | 'consultant';
  startsAt: string;
  endsAt: string;
  timeZone: string;
  eventSlug: string | null;
  address: string | null;
}

/** Feeds and lists show what is ahead and what ended in the last 60 days. */
const PAST_DAYS = 60;

async function assignedTo(db: Db, personId: string): Promise<(AssignedMeeting & { updatedAt: string; eventId: string | null })[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select m.id, coalesce(w.name, m.new_workplace_name) as "workplaceName", m.status,
          case when m.politician_id = ${personId} then 'politician' else 'consultant' end as "as",
          m.starts_at as "startsAt", m.ends_at as "endsAt", m.time_zone as "timeZone", ${eventSlugSql(sql`m.event_id`)} as "eventSlug", m.event_id as "eventId",
          nullif(concat_ws(', ', w.address_line, nullif(concat_ws(' ', w.postal_code, w.city), '')), '') as address, m.updated_at as "updatedAt"
        from workplace_meetings m left join workplaces w on w.id = m.workplace_id
        where (m.politician_id = ${personId} or m.consultant_id = ${personId}) and m.starts_at is not null
          and m.status in ('scheduled', 'held', 'cancelled') and m.ends_at >= now() - make_interval(days => ${PAST_DAYS})
        order by m.starts_at, m.id`,
  );
  const iso = (v: unknown) => new Date(v as string).toISOString();
  return rows.map((r) => ({
    id: String(r.id),
    workplaceName: String(r.workplaceName),
    status: r.status as AssignedMeeting['status'],
    as: r.as as AssignedMeeting['as'],
    startsAt: iso(r.startsAt),
    endsAt: iso(r.endsAt),
    timeZone: String(r.timeZone),
    eventSlug: (r.eventSlug as string | null) ?? null,
    eventId: (r.eventId as string | null) ?? null,
    address: (r.address as string | null) ?? null,
    updatedAt: iso(r.updatedAt),
  }));
}

/** The meetings the person is assigned to as politician or consultant, soonest first. */
export async function myAssignedMeetings(db: Db, actor: Actor): Promise<{ ok: true; meetings: AssignedMeeting[] } | Refusal> {
  if (actor.kind !== 'person' || !can(actor, 'workplace_meeting.assigned')) return forbidden;
  const rows = await assignedTo(db, actor.personId);
  return { ok: true, meetings: rows.map(({ updatedAt: _u, eventId: _e, ...m }) => m) };
}

/**
 * Makes the person's feed secret for their assigned meetings, replacing an earlier one (whose URL
 * stops working). Only the SHA-256 is stored: the returned token is the one chance to show the URL.
 */
export async function createAssignedMeetingsFeed(db: Db, actor: Actor): Promise<{ ok: true; token: string } | Refusal> {
  if (actor.kind !== 'person' || !can(actor, 'workplace_meeting.assigned')) return forbidden;
  const token = newToken();
  await db.transaction(async (tx) => {
    await tx
      .insert(meetingFeeds)
      .values({ personId: actor.personId, tokenHash: sha256(token) })
      .onConflictDoUpdate({ target: meetingFeeds.personId, set: { tokenHash: sha256(token), createdAt: sql`now()` } });
    await audit(tx, actor, { action: 'update', entityType: 'workplace_meeting_feed', entityId: actor.personId, fields: ['tokenHash'] });
  });
  return { ok: true, token };
}

export const assignedFeedUrl = (baseUrl: string, token: string) => `${baseUrl}/workplace-meetings/calendar/${token}.ics`;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The iCalendar document behind a feed URL, or null for a token that is not (or no longer) a feed's.
 * Each meeting keeps one UID, so rescheduling or cancelling replaces it in the subscriber's calendar.
 */
export async function assignedMeetingsIcs(db: Db, token: string, opts: { baseUrl: string; name: string; cancelledLabel?: string }): Promise<string | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [feed] = await queryRows<{ personId: string }>(db, sql`select person_id as "personId" from workplace_meeting_feeds where token_hash = ${sha256(token)}`);
  if (!feed) return null;
  const meetings = await assignedTo(db, feed.personId);
  const entries: CalendarEvent[] = meetings.map((m) => ({
    id: `workplace-meeting-${m.id}`,
    slug: m.eventSlug ?? '',
    title: m.workplaceName,
    description: '',
    startsAt: new Date(m.startsAt),
    endsAt: new Date(m.endsAt),
    timeZone: m.timeZone,
    placeName: m.workplaceName,
    addressLine: m.address,
    postalCode: null,
    city: null,
    onlineUrl: null,
    status: m.status === 'cancelled' ? 'cancelled' : 'published',
    updatedAt: new Date(m.updatedAt),
  }));
  return eventIcs(entries, {
    name: opts.name,
    cancelledLabel: opts.cancelledLabel,
    url: (e) => meetingLinks.meeting(opts.baseUrl, e.id.replace(/^workplace-meeting-/, '')),
  });
}
