import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { actorPersonId, stewardWorkplaces, unitScope, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { uuidArray } from '../../platform/db/sql.js';
import { eventSlugSql } from '../events/index.js';
import { workplaceMeetings, type MeetingStatus } from './tables.js';
import { can, type MeetingAction } from './policy.js';
import type { Meeting, MeetingFilter, MeetingList } from './schema.js';
import { notFound, forbidden, type Refusal } from '../../platform/outcomes.js';
import { unitAndBelowSql } from '../../kernel/units.js';

export type MeetingRow = typeof workplaceMeetings.$inferSelect;

/** The ids of a unit and every unit above it (a national catalogue serves its districts too). */
export function unitAndAboveSql(unitId: string): SQL {
  return sql`(with recursive up(id, parent_id) as (select id, parent_id from units where id = ${unitId}::uuid
    union select u.id, u.parent_id from units u join up on u.id = up.parent_id) select id from up)`;
}

/** The date a meeting is about: the scheduled start, else the first proposed one. */
export const meetingDateSql = sql`coalesce(m.starts_at, (m.proposed_times->0->>'startsAt')::timestamptz)`;

export async function findMeeting(db: Db, id: string, lock = false): Promise<MeetingRow | undefined> {
  const query = db.select().from(workplaceMeetings).where(eq(workplaceMeetings.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/**
 * The meeting if the actor may see it and do `action` to it: out of sight is `not_found`, in sight
 * but not theirs to change is `forbidden`. With `lock` the row is taken `FOR UPDATE`, so two changes
 * of one meeting happen one after the other.
 */
export async function meetingFor(db: Db, actor: Actor, id: string, action: MeetingAction, opts: { lock?: boolean } = {}): Promise<{ ok: true; meeting: MeetingRow } | Refusal> {
  const meeting = await findMeeting(db, id, opts.lock);
  if (!meeting) return notFound;
  if (!can(actor, 'workplace_meeting.view', meeting)) return notFound;
  if (action !== 'workplace_meeting.view' && !can(actor, action, meeting)) return forbidden;
  return { ok: true, meeting };
}

/** Everything the API and the pages show of a meeting, from `workplace_meetings m`. */
const columns = sql`m.id, m.unit_id as "unitId", un.name as "unitName", m.workplace_id as "workplaceId",
  coalesce(w.name, m.new_workplace_name) as "workplaceName", m.new_workplace_address as "newWorkplaceAddress",
  m.contact_name as "contactName", m.contact_email as "contactEmail", m.contact_phone as "contactPhone",
  m.requester_person_id as "requesterPersonId", m.proposed_times as "proposedTimes",
  coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name) order by t.position, t.name)
    from workplace_meeting_topic_choices c join workplace_meeting_topics t on t.id = c.topic_id where c.meeting_id = m.id), '[]') as topics,
  m.free_topic as "freeTopic", m.questions, m.non_members_welcome as "nonMembersWelcome",
  m.expected_participants as "expectedParticipants", m.time_zone as "timeZone", m.status,
  m.decline_reason as "declineReason", m.cancel_reason as "cancelReason", m.starts_at as "startsAt", m.ends_at as "endsAt",
  m.event_id as "eventId", ${eventSlugSql(sql`m.event_id`)} as "eventSlug",
  m.politician_id as "politicianId", pol.first_name || ' ' || pol.last_name as "politicianName",
  m.consultant_id as "consultantId", con.first_name || ' ' || con.last_name as "consultantName",
  m.report_note as "reportNote", m.participants, m.members_recruited as "membersRecruited", m.held_at as "heldAt",
  m.created_at as "createdAt", m.updated_at as "updatedAt"`;

const joins = sql`join units un on un.id = m.unit_id
  left join workplaces w on w.id = m.workplace_id
  left join persons pol on pol.id = m.politician_id
  left join persons con on con.id = m.consultant_id`;

type Raw = Record<string, unknown>;
const iso = (v: unknown): string => new Date(v as string | Date).toISOString();
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function fromRow(r: Raw): Meeting {
  return {
    id: String(r.id),
    unitId: String(r.unitId),
    unitName: String(r.unitName),
    workplaceId: (r.workplaceId as string | null) ?? null,
    workplaceName: String(r.workplaceName),
    newWorkplaceAddress: (r.newWorkplaceAddress as string | null) ?? null,
    contactName: String(r.contactName),
    contactEmail: String(r.contactEmail),
    contactPhone: (r.contactPhone as string | null) ?? null,
    requesterPersonId: (r.requesterPersonId as string | null) ?? null,
    proposedTimes: json<{ startsAt: string; endsAt: string }[]>(r.proposedTimes).map((p) => ({ startsAt: iso(p.startsAt), endsAt: iso(p.endsAt) })),
    topics: json<{ id: string; name: string }[]>(r.topics),
    freeTopic: (r.freeTopic as string | null) ?? null,
    questions: (r.questions as string | null) ?? null,
    nonMembersWelcome: Boolean(r.nonMembersWelcome),
    expectedParticipants: numOrNull(r.expectedParticipants),
    timeZone: String(r.timeZone),
    status: r.status as MeetingStatus,
    declineReason: (r.declineReason as string | null) ?? null,
    cancelReason: (r.cancelReason as string | null) ?? null,
    startsAt: isoOrNull(r.startsAt),
    endsAt: isoOrNull(r.endsAt),
    eventId: (r.eventId as string | null) ?? null,
    eventSlug: (r.eventSlug as string | null) ?? null,
    politician: r.politicianId ? { id: String(r.politicianId), name: String(r.politicianName) } : null,
    consultant: r.consultantId ? { id: String(r.consultantId), name: String(r.consultantName) } : null,
    reportNote: (r.reportNote as string | null) ?? null,
    participants: numOrNull(r.participants),
    membersRecruited: numOrNull(r.membersRecruited),
    heldAt: isoOrNull(r.heldAt),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export async function loadMeeting(db: Db, id: string): Promise<Meeting | null> {
  const [row] = await queryRows<Raw>(db, sql`select ${columns} from workplace_meetings m ${joins} where m.id = ${id}`);
  return row ? fromRow(row) : null;
}

/** The SQL condition "the actor may see meeting m": the same rule as `can(…, 'workplace_meeting.view')`. */
export function visibleMeetingsSql(actor: Actor): SQL {
  const scope = unitScope(actor, 'staff', 'board');
  if (scope === 'all') return sql`true`;
  const me = actorPersonId(actor);
  const parts: SQL[] = [sql`m.unit_id = any(${uuidArray(scope)})`, sql`m.workplace_id = any(${uuidArray(stewardWorkplaces(actor))})`];
  if (me) parts.push(sql`m.requester_person_id = ${me}`, sql`m.politician_id = ${me}`, sql`m.consultant_id = ${me}`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

/**
 * The queue's order: what waits for the office first. New requests, newest first; then those taken or
 * scheduled, the soonest meeting first; then the held, declined and cancelled, the latest first.
 */
const queueOrderSql = sql`case m.status when 'new' then 0 when 'in_progress' then 1 when 'scheduled' then 1 else 2 end,
  case when m.status = 'new' then m.created_at end desc,
  case when m.status in ('in_progress', 'scheduled') then ${meetingDateSql} end asc,
  ${meetingDateSql} desc, m.created_at desc, m.id`;

/**
 * The office's queue as the actor may see it, in the queue's order (`queueOrderSql`): filtered by
 * unit (with its sub-units), status and month (`YYYY-MM` of the scheduled date, else the first
 * proposed one, in the meeting's time zone). One statement.
 */
export async function listMeetingRequests(db: Db, actor: Actor, filter: MeetingFilter): Promise<MeetingList> {
  const conditions: SQL[] = [visibleMeetingsSql(actor)];
  if (filter.unit) conditions.push(sql`m.unit_id in ${unitAndBelowSql(filter.unit)}`);
  if (filter.status) conditions.push(sql`m.status = ${filter.status}`);
  if (filter.month) conditions.push(sql`to_char(${meetingDateSql} at time zone m.time_zone, 'YYYY-MM') = ${filter.month}`);
  const rows = await queryRows<Raw>(
    db,
    sql`select ${columns} from workplace_meetings m ${joins}
        where ${sql.join(conditions, sql` and `)}
        order by ${queueOrderSql}
        limit 1000`,
  );
  return { items: rows.map(fromRow), total: rows.length };
}

/** One meeting if the actor may see it. Reading the contact person's details is audited as a view. */
export async function getMeeting(db: Db, actor: Actor, id: string): Promise<{ ok: true; meeting: Meeting } | Refusal> {
  const found = await meetingFor(db, actor, id, 'workplace_meeting.view');
  if (!found.ok) return found;
  await audit(db, actor, { action: 'view', entityType: 'workplace_meeting', entityId: id });
  return { ok: true, meeting: (await loadMeeting(db, id))! };
}
