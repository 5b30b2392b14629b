import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { newToken, sha256 } from '../../platform/secrets.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { queueMail } from '../../platform/mail/mail.js';
import { meetingTopicChoices, workplaceMeetings, type MeetingStatus } from './tables.js';
import { unitAndAboveSql } from './queries.js';
import { eventSlugSql } from '../events/index.js';
import { meetingMail, meetingLinks, type MeetingMailContext } from './mails.js';
import type { MeetingRequestDraft, MeetingRequestInput } from './schema.js';
import { isTime } from '../../platform/http/time-input.js';
import { type FieldProblem } from '../../platform/outcomes.js';

export type MeetingInvalid = { ok: false; reason: 'invalid'; errors: FieldProblem[] };
export const invalid = (...errors: FieldProblem[]): MeetingInvalid => ({ ok: false, reason: 'invalid', errors });

export type RequestResult = { ok: true; meeting: { id: string; status: MeetingStatus }; followToken: string } | MeetingInvalid;

/**
 * Where a request belongs and what is wrong with it against the database: every proposed time must
 * lie ahead; a known workplace decides the unit, a new one is placed in the unit the requester chose;
 * topics come from the catalogue of that unit (or a unit above it). All problems at once, so the form
 * can show them with its own errors.
 */
async function resolveRequest(db: Db, draft: MeetingRequestDraft): Promise<{ problems: FieldProblem[]; place: { unitId: string; workplaceName: string | null } | null }> {
  const now = Date.now();
  const problems: FieldProblem[] = [];
  (draft.proposedTimes ?? []).forEach((p, i) => {
    if (p && isTime(p.startsAt) && p.startsAt.getTime() <= now) problems.push({ path: `proposedTimes.${i}.startsAt`, code: 'workplace_meeting.in_past' });
  });
  let place: { unitId: string; workplaceName: string | null } | null = null;
  if (draft.workplaceId) {
    const [w] = await queryRows<{ unitId: string; name: string }>(db, sql`select unit_id as "unitId", name from workplaces where id = ${draft.workplaceId}`);
    if (!w) problems.push({ path: 'workplaceId', code: 'workplace_meeting.workplace_not_found' });
    else place = { unitId: w.unitId, workplaceName: w.name };
  } else if (draft.unitId) {
    const [u] = await queryRows<{ id: string }>(db, sql`select id from units where id = ${draft.unitId}`);
    if (!u) problems.push({ path: 'unitId', code: 'workplace_meeting.unit_not_found' });
    else place = { unitId: u.id, workplaceName: null };
  }
  const topicIds = [...new Set(draft.topicIds ?? [])];
  if (place && topicIds.length) {
    const found = await queryRows<{ id: string }>(
      db,
      sql`select id from workplace_meeting_topics
          where id = any(${`{${topicIds.join(',')}}`}::uuid[]) and active and unit_id in ${unitAndAboveSql(place.unitId)}`,
    );
    if (found.length !== topicIds.length) problems.push({ path: 'topicIds', code: 'workplace_meeting.topic_not_found' });
  }
  return { problems, place };
}

/** The request's checks against the database on what of it is valid so far (see `MeetingRequestDraft`). */
export async function checkMeetingRequest(db: Db, draft: MeetingRequestDraft): Promise<FieldProblem[]> {
  return (await resolveRequest(db, draft)).problems;
}

/**
 * A workplace asks for a meeting: a steward, a leader, anyone logged in, or anyone from the public
 * form. The checks are `resolveRequest`'s. The contact person gets a receipt with a secret
 * follow-status link in the same transaction; only the link's SHA-256 is stored.
 */
export async function requestWorkplaceMeeting(
  db: Db,
  actor: Actor,
  input: MeetingRequestInput & { locale?: Locale },
  ctx: MeetingMailContext,
): Promise<RequestResult> {
  return db.transaction(async (tx): Promise<RequestResult> => {
    const { problems, place } = await resolveRequest(tx, input);
    if (problems.length) return invalid(...problems);
    // The schema asks for a workplace or a new one's unit; a caller that sent neither is told the same.
    if (!place) return invalid({ path: 'unitId', code: 'validation.required' });
    const unitId = place.unitId;
    const workplaceName = place.workplaceName ?? input.newWorkplaceName!;
    const topicIds = [...new Set(input.topicIds)];
    const token = newToken();
    const requesterPersonId = actor.kind === 'person' ? actor.personId : null;
    const proposedTimes = input.proposedTimes.map((p) => ({ startsAt: p.startsAt.toISOString(), endsAt: p.endsAt.toISOString() }));
    const [row] = await tx
      .insert(workplaceMeetings)
      .values({
        unitId,
        workplaceId: input.workplaceId,
        newWorkplaceName: input.workplaceId ? null : input.newWorkplaceName,
        newWorkplaceAddress: input.workplaceId ? null : input.newWorkplaceAddress,
        contactName: input.contactName,
        contactEmail: input.contactEmail,
        contactPhone: input.contactPhone,
        requesterPersonId,
        locale: input.locale ?? ctx.defaultLocale,
        proposedTimes,
        freeTopic: input.freeTopic,
        questions: input.questions,
        nonMembersWelcome: input.nonMembersWelcome,
        expectedParticipants: input.expectedParticipants,
        followTokenHash: sha256(token),
      })
      .returning({ id: workplaceMeetings.id, status: workplaceMeetings.status, timeZone: workplaceMeetings.timeZone });
    if (topicIds.length) await tx.insert(meetingTopicChoices).values(topicIds.map((topicId) => ({ meetingId: row.id, topicId })));
    const fields = Object.keys(input).filter((k) => {
      const v = input[k as keyof typeof input];
      return v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0) && k !== 'locale';
    });
    await audit(tx, actor, { action: 'create', entityType: 'workplace_meeting', entityId: row.id, fields });
    await queueMail(
      tx,
      meetingMail(
        ctx,
        'receipt',
        { email: input.contactEmail, name: input.contactName, locale: input.locale ?? null },
        { id: row.id, workplaceName, timeZone: row.timeZone, proposedTimes },
        { followUrl: meetingLinks.follow(ctx.baseUrl, token) },
      ),
    );
    return { ok: true, meeting: { id: row.id, status: row.status }, followToken: token };
  });
}

/** What the requester sees behind the follow-status link: the request and its outcome, nothing about others. */
export interface FollowedMeeting {
  id: string;
  workplaceName: string;
  status: MeetingStatus;
  proposedTimes: { startsAt: string; endsAt: string }[];
  topics: string[];
  freeTopic: string | null;
  timeZone: string;
  startsAt: string | null;
  endsAt: string | null;
  declineReason: string | null;
  cancelReason: string | null;
  eventSlug: string | null;
  politicianName: string | null;
  consultantName: string | null;
  createdAt: string;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The request behind a follow-status link, or null: the token is the credential, so no actor is needed. */
export async function followMeeting(db: Db, token: string): Promise<FollowedMeeting | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`select m.id, coalesce(w.name, m.new_workplace_name) as "workplaceName", m.status, m.proposed_times as "proposedTimes",
          coalesce((select json_agg(t.name order by t.position, t.name) from workplace_meeting_topic_choices c
            join workplace_meeting_topics t on t.id = c.topic_id where c.meeting_id = m.id), '[]') as topics,
          m.free_topic as "freeTopic", m.time_zone as "timeZone", m.starts_at as "startsAt", m.ends_at as "endsAt",
          m.decline_reason as "declineReason", m.cancel_reason as "cancelReason", ${eventSlugSql(sql`m.event_id`)} as "eventSlug",
          pol.first_name || ' ' || pol.last_name as "politicianName", con.first_name || ' ' || con.last_name as "consultantName",
          m.created_at as "createdAt"
        from workplace_meetings m left join workplaces w on w.id = m.workplace_id
          left join persons pol on pol.id = m.politician_id left join persons con on con.id = m.consultant_id
        where m.follow_token_hash = ${sha256(token)}`,
  );
  if (!r) return null;
  const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return {
    id: String(r.id),
    workplaceName: String(r.workplaceName),
    status: r.status as MeetingStatus,
    proposedTimes: json<{ startsAt: string; endsAt: string }[]>(r.proposedTimes),
    topics: json<string[]>(r.topics),
    freeTopic: (r.freeTopic as string | null) ?? null,
    timeZone: String(r.timeZone),
    startsAt: iso(r.startsAt),
    endsAt: iso(r.endsAt),
    declineReason: (r.declineReason as string | null) ?? null,
    cancelReason: (r.cancelReason as string | null) ?? null,
    eventSlug: (r.eventSlug as string | null) ?? null,
    politicianName: (r.politicianName as string | null) ?? null,
    consultantName: (r.consultantName as string | null) ?? null,
    createdAt: iso(r.createdAt)!,
  };
}
