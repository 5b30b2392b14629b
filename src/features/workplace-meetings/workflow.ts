import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { queueMail } from '../../platform/mail/mail.js';
import { cancelEvent } from '../events/index.js';
import { workplaceMeetings, type MeetingStatus } from './tables.js';
import { loadMeeting, meetingFor, type MeetingRow } from './queries.js';
import { type Refusal } from '../../platform/outcomes.js';
import { invalid, type MeetingInvalid } from './requests.js';
import { meetingMail, type MailMeeting, type MeetingMailContext, type MeetingRecipient } from './mails.js';
import type { CancelInput, DeclineInput, Meeting, ReportInput } from './schema.js';

/** A change the meeting's status does not allow (declining a held meeting, reporting one never scheduled). */
export type WrongStatus = { ok: false; reason: 'wrong_status'; status: MeetingStatus };
export type MeetingResult = { ok: true; meeting: Meeting } | Refusal | WrongStatus | MeetingInvalid;

const wrongStatus = (status: MeetingStatus): WrongStatus => ({ ok: false, reason: 'wrong_status', status });

async function workplaceNameOf(tx: Db, m: MeetingRow): Promise<string> {
  if (!m.workplaceId) return m.newWorkplaceName ?? '';
  const [w] = await queryRows<{ name: string }>(tx, sql`select name from workplaces where id = ${m.workplaceId}`);
  return w?.name ?? '';
}

function requester(m: MeetingRow): MeetingRecipient {
  return { email: m.contactEmail, name: m.contactName, locale: m.locale as Locale };
}

async function mailMeeting(tx: Db, m: MeetingRow): Promise<MailMeeting> {
  return { id: m.id, workplaceName: await workplaceNameOf(tx, m), timeZone: m.timeZone, proposedTimes: m.proposedTimes, startsAt: m.startsAt, endsAt: m.endsAt };
}

/** Someone at the office takes a new request: it is theirs to work on now. */
export async function takeMeeting(db: Db, actor: Actor, id: string): Promise<MeetingResult> {
  return db.transaction(async (tx): Promise<MeetingResult> => {
    const found = await meetingFor(tx, actor, id, 'workplace_meeting.manage', { lock: true });
    if (!found.ok) return found;
    if (found.meeting.status !== 'new') return wrongStatus(found.meeting.status);
    await tx
      .update(workplaceMeetings)
      .set({ status: 'in_progress', handledBy: actor.kind === 'person' ? actor.personId : null, updatedAt: sql`now()` })
      .where(eq(workplaceMeetings.id, id));
    await audit(tx, actor, { action: 'update', entityType: 'workplace_meeting', entityId: id, fields: ['status', 'handledBy'] });
    return { ok: true, meeting: (await loadMeeting(tx, id))! };
  });
}

/** The office says no, with a reason the requester sees (by mail and on the follow-status page). */
export async function declineMeeting(db: Db, actor: Actor, id: string, input: DeclineInput, ctx: MeetingMailContext): Promise<MeetingResult> {
  return db.transaction(async (tx): Promise<MeetingResult> => {
    const found = await meetingFor(tx, actor, id, 'workplace_meeting.manage', { lock: true });
    if (!found.ok) return found;
    const m = found.meeting;
    // A scheduled meeting has an event and people assigned: it is cancelled, not declined.
    if (m.status !== 'new' && m.status !== 'in_progress') return wrongStatus(m.status);
    await tx
      .update(workplaceMeetings)
      .set({ status: 'declined', declineReason: input.reason, declinedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(workplaceMeetings.id, id));
    await queueMail(tx, meetingMail(ctx, 'declined', requester(m), await mailMeeting(tx, m), { reason: input.reason }));
    await audit(tx, actor, { action: 'update', entityType: 'workplace_meeting', entityId: id, fields: ['status', 'declineReason'] });
    return { ok: true, meeting: (await loadMeeting(tx, id))! };
  });
}

/**
 * Calls the meeting off. The office may cancel any meeting that has not been held; a requester may
 * withdraw their own request until it is scheduled. A scheduled meeting's event is cancelled too
 * (its registrants are told by the events feature), and the requester and the assigned staff get a mail.
 */
export async function cancelMeeting(db: Db, actor: Actor, id: string, input: CancelInput, ctx: MeetingMailContext): Promise<MeetingResult> {
  return db.transaction(async (tx): Promise<MeetingResult> => {
    const found = await meetingFor(tx, actor, id, 'workplace_meeting.cancel', { lock: true });
    if (!found.ok) return found;
    const m = found.meeting;
    if (m.status === 'held' || m.status === 'declined' || m.status === 'cancelled') return wrongStatus(m.status);
    if (m.status === 'scheduled' && m.eventId) {
      const cancelled = await cancelEvent(tx, actor, m.eventId, { reason: input.reason }, ctx);
      if (!cancelled.ok && cancelled.reason !== 'cancelled_event') throw new Error(`cancelMeeting: the event could not be cancelled (${cancelled.reason})`);
    }
    await tx
      .update(workplaceMeetings)
      .set({ status: 'cancelled', cancelReason: input.reason, cancelledAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(workplaceMeetings.id, id));
    const about = await mailMeeting(tx, m);
    await queueMail(tx, meetingMail(ctx, 'cancelled', requester(m), about, { reason: input.reason }));
    if (m.status === 'scheduled') {
      const staff = await queryRows<MeetingRecipient>(
        tx,
        sql`select email, first_name || ' ' || last_name as name, preferred_locale as locale from persons
            where id in (${m.politicianId}, ${m.consultantId}) and email is not null`,
      );
      for (const s of staff) await queueMail(tx, meetingMail(ctx, 'cancelled', s, about, { reason: input.reason }));
    }
    await audit(tx, actor, { action: 'update', entityType: 'workplace_meeting', entityId: id, fields: ['status', ...(input.reason ? ['cancelReason'] : [])] });
    return { ok: true, meeting: (await loadMeeting(tx, id))! };
  });
}

/**
 * After the meeting: a short note, how many came and how many joined; the meeting is held. Only
 * once it has started; a held meeting's report may be corrected.
 */
export async function reportMeeting(db: Db, actor: Actor, id: string, input: ReportInput): Promise<MeetingResult> {
  if (input.membersRecruited > input.participants) return invalid({ path: 'membersRecruited', code: 'workplace_meeting.recruited_above_participants' });
  return db.transaction(async (tx): Promise<MeetingResult> => {
    const found = await meetingFor(tx, actor, id, 'workplace_meeting.report', { lock: true });
    if (!found.ok) return found;
    const m = found.meeting;
    if (m.status !== 'scheduled' && m.status !== 'held') return wrongStatus(m.status);
    if (!m.startsAt || m.startsAt.getTime() > Date.now()) return invalid({ path: 'note', code: 'workplace_meeting.not_started' });
    await tx
      .update(workplaceMeetings)
      .set({
        status: 'held',
        reportNote: input.note,
        participants: input.participants,
        membersRecruited: input.membersRecruited,
        heldAt: m.heldAt ?? sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(workplaceMeetings.id, id));
    await audit(tx, actor, { action: 'update', entityType: 'workplace_meeting', entityId: id, fields: ['status', 'reportNote', 'participants', 'membersRecruited'] });
    return { ok: true, meeting: (await loadMeeting(tx, id))! };
  });
}
