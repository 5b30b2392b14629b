import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { translator, type Locale } from '../../platform/i18n/i18n.js';
import { queueMail } from '../../platform/mail/mail.js';
import { createEvent, eventIcs, findEvent, publishEvent, type EventInput } from '../events/index.js';
import { workplaceMeetings, type MeetingStatus } from './tables.js';
import { meetingFor, loadMeeting, unitAndAboveSql } from './queries.js';
import { type Refusal } from '../../platform/outcomes.js';
import { invalid, type MeetingInvalid } from './requests.js';
import { meetingLinks, meetingMail, type MeetingMailContext, type MeetingRecipient } from './mails.js';
import type { Meeting, ScheduleInput } from './schema.js';

/** The other meeting a person is already assigned to at that time. */
export interface Clash {
  meetingId: string;
  workplaceName: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
}

export type ScheduleResult =
  | { ok: true; meeting: Meeting }
  | MeetingInvalid
  | Refusal
  | { ok: false; reason: 'double_booked'; field: 'politicianId' | 'consultantId'; clash: Clash }
  | { ok: false; reason: 'not_schedulable'; status: MeetingStatus };

/** Advisory-lock namespace of "a person's assignments to workplace meetings" (any constant, used nowhere else). */
const ASSIGNMENT_LOCK = 5_460_001;

/**
 * Is the person staff (or, for a politician, staff or board) today, in the meeting's unit, a unit
 * above it, or organisation-wide? The chair and union secretaries are board or staff; consultants staff.
 */
async function holdsRole(tx: Db, personId: string, roles: string[], unitId: string): Promise<boolean> {
  const [row] = await queryRows<{ ok: boolean }>(
    tx,
    sql`select exists (select 1 from role_assignments
          where person_id = ${personId} and role = any(${`{${roles.join(',')}}`}::text[])
            and starts_on <= current_date and (ends_on is null or ends_on >= current_date)
            and (unit_id is null or unit_id in ${unitAndAboveSql(unitId)})) as ok`,
  );
  return Boolean(row?.ok);
}

/**
 * Schedules the meeting: a time, a politician and a consultant. THE DOUBLE-BOOKING RULE: nobody is
 * assigned to two meetings whose times overlap. Each assigned person's advisory lock is taken in a
 * fixed (sorted) order, so two schedulings that share a person run one after the other and never
 * deadlock; the overlap is checked after the locks, in the same transaction as the assignment, so the
 * second one sees the first one's commit. Then the event is created at the workplace (audience: the
 * workplace; non-members when the request said so) and published, and the requester and both
 * assigned staff get a mail with an .ics invitation. Any refusal writes nothing.
 */
export async function scheduleMeeting(db: Db, actor: Actor, id: string, input: ScheduleInput, ctx: MeetingMailContext): Promise<ScheduleResult> {
  if (input.endsAt.getTime() <= input.startsAt.getTime()) return invalid({ path: 'endsAt', code: 'workplace_meeting.end_before_start' });
  if (input.politicianId === input.consultantId) return invalid({ path: 'consultantId', code: 'workplace_meeting.same_person' });
  if (input.startsAt.getTime() <= Date.now()) return invalid({ path: 'startsAt', code: 'workplace_meeting.in_past' });
  return db.transaction(async (tx): Promise<ScheduleResult> => {
    const found = await meetingFor(tx, actor, id, 'workplace_meeting.manage', { lock: true });
    if (!found.ok) return found;
    const m = found.meeting;
    if (m.status !== 'new' && m.status !== 'in_progress') return { ok: false, reason: 'not_schedulable', status: m.status };

    const workplaceId = m.workplaceId ?? input.workplaceId ?? null;
    if (!workplaceId) return invalid({ path: 'workplaceId', code: 'workplace_meeting.workplace_unregistered' });
    if (m.workplaceId && input.workplaceId && input.workplaceId !== m.workplaceId) return invalid({ path: 'workplaceId', code: 'workplace_meeting.workplace_fixed' });
    const [workplace] = await queryRows<{ name: string; addressLine: string | null; postalCode: string | null; city: string | null }>(
      tx,
      sql`select name, address_line as "addressLine", postal_code as "postalCode", city from workplaces where id = ${workplaceId}`,
    );
    if (!workplace) return invalid({ path: 'workplaceId', code: 'workplace_meeting.workplace_not_found' });

    if (!(await holdsRole(tx, input.politicianId, ['staff', 'board'], m.unitId))) return invalid({ path: 'politicianId', code: 'workplace_meeting.not_staff_or_board' });
    if (!(await holdsRole(tx, input.consultantId, ['staff'], m.unitId))) return invalid({ path: 'consultantId', code: 'workplace_meeting.not_staff' });

    const people = [input.politicianId, input.consultantId].sort();
    for (const p of people) await tx.execute(sql`select pg_advisory_xact_lock(${ASSIGNMENT_LOCK}, hashtext(${p}))`);
    const [clash] = await queryRows<Clash & { politicianId: string; consultantId: string }>(
      tx,
      sql`select m.id as "meetingId", coalesce(w.name, m.new_workplace_name) as "workplaceName", m.starts_at as "startsAt",
            m.ends_at as "endsAt", m.time_zone as "timeZone", m.politician_id as "politicianId", m.consultant_id as "consultantId"
          from workplace_meetings m left join workplaces w on w.id = m.workplace_id
          where m.status in ('scheduled', 'held') and m.id <> ${id}
            and (m.politician_id = any(${`{${people.join(',')}}`}::uuid[]) or m.consultant_id = any(${`{${people.join(',')}}`}::uuid[]))
            and m.starts_at < ${input.endsAt.toISOString()}::timestamptz and m.ends_at > ${input.startsAt.toISOString()}::timestamptz
          order by m.starts_at limit 1`,
    );
    if (clash) {
      const busy = [clash.politicianId, clash.consultantId];
      const field = busy.includes(input.politicianId) ? 'politicianId' : 'consultantId';
      return {
        ok: false,
        reason: 'double_booked',
        field,
        clash: { meetingId: clash.meetingId, workplaceName: clash.workplaceName, startsAt: new Date(clash.startsAt), endsAt: new Date(clash.endsAt), timeZone: clash.timeZone },
      };
    }

    // The event is announced in the organisation's language: its title and description are one text for everyone.
    const t = translator(ctx.defaultLocale);
    const topics = await queryRows<{ name: string }>(
      tx,
      sql`select t.name from workplace_meeting_topic_choices c join workplace_meeting_topics t on t.id = c.topic_id where c.meeting_id = ${id} order by t.position, t.name`,
    );
    const topicNames = [...topics.map((x) => x.name), ...(m.freeTopic ? [m.freeTopic] : [])];
    const eventInput: EventInput = {
      kind: 'member_meeting',
      title: t('workplace_meeting.event_title', { workplace: workplace.name, topics: topicNames.join(', ') }).slice(0, 200),
      description: [t('workplace_meeting.event_description', { workplace: workplace.name }), ...topicNames.map((n) => `- ${n}`)].join('\n\n').slice(0, 20_000),
      placeName: workplace.name,
      addressLine: workplace.addressLine,
      postalCode: workplace.postalCode,
      city: workplace.city,
      onlineUrl: null,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      timeZone: m.timeZone,
      unitId: m.unitId,
      audience: 'workplace',
      audienceUnitId: null,
      audienceRoles: [],
      audienceWorkplaceId: workplaceId,
      openToNonMembers: m.nonMembersWelcome,
      capacity: null,
      waitlist: true,
      maxGuests: 0,
      registrationOpensAt: null,
      registrationClosesAt: null,
      materialVisibility: 'participants',
      programme: [],
    };
    const created = await createEvent(tx, actor, eventInput);
    if (!created.ok) throw new Error(`scheduleMeeting: the event was refused (${created.reason})`);
    const published = await publishEvent(tx, actor, created.event.id);
    if (!published.ok) throw new Error(`scheduleMeeting: the event could not be published (${published.reason})`);

    await tx
      .update(workplaceMeetings)
      .set({
        status: 'scheduled',
        workplaceId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        politicianId: input.politicianId,
        consultantId: input.consultantId,
        eventId: created.event.id,
        scheduledAt: sql`now()`,
        handledBy: m.handledBy ?? (actor.kind === 'person' ? actor.personId : null),
        updatedAt: sql`now()`,
      })
      .where(eq(workplaceMeetings.id, id));
    await audit(tx, actor, {
      action: 'update',
      entityType: 'workplace_meeting',
      entityId: id,
      fields: ['status', 'startsAt', 'endsAt', 'politicianId', 'consultantId', 'eventId', ...(m.workplaceId ? [] : ['workplaceId'])],
    });

    const event = (await findEvent(tx, created.event.id))!;
    const meeting = (await loadMeeting(tx, id))!;
    const ics = {
      filename: `${event.slug}.ics`,
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      content: eventIcs([event], { name: event.title, url: (e) => meetingLinks.event(ctx.baseUrl, e.slug) }),
    };
    const staff = await queryRows<MeetingRecipient & { id: string }>(
      tx,
      sql`select id, email, first_name || ' ' || last_name as name, preferred_locale as locale from persons where id = any(${`{${people.join(',')}}`}::uuid[])`,
    );
    const mailMeeting = {
      id,
      workplaceName: workplace.name,
      timeZone: m.timeZone,
      proposedTimes: m.proposedTimes,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      eventSlug: event.slug,
      politicianName: meeting.politician?.name ?? null,
      consultantName: meeting.consultant?.name ?? null,
    };
    await queueMail(tx, meetingMail(ctx, 'scheduled_requester', { email: m.contactEmail, name: m.contactName, locale: m.locale as Locale }, mailMeeting, { ics }));
    for (const s of staff) if (s.email) await queueMail(tx, meetingMail(ctx, 'scheduled_staff', s, mailMeeting, { ics }));
    return { ok: true, meeting };
  });
}
