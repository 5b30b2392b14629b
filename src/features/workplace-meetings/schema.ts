import { z } from 'zod';
import { blankIsAbsent, evenWithFieldErrors, validParts } from '../../platform/http/forms.js';
import { instant, isTime } from '../../platform/http/time-input.js';
import { meetingStatuses } from './tables.js';

const blankToNull = (v: string | null | undefined) => (v === undefined || v === null || v === '' ? null : v);
const optionalText = (max: number) => z.string().trim().max(max).nullish().transform(blankToNull);
const optionalId = z
  .union([z.literal(''), z.uuid()])
  .nullish()
  .transform((v) => v || null);

export const proposedTimeInput = z
  .object({ startsAt: instant, endsAt: instant })
  .strict()
  .superRefine((v, ctx) => {
    // A time that failed its own check has its own error; there is nothing to compare.
    if (isTime(v.startsAt) && isTime(v.endsAt) && v.endsAt.getTime() <= v.startsAt.getTime()) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'workplace_meeting.end_before_start' });
  });

/**
 * A request for a workplace meeting. The workplace is a known one (`workplaceId`) or a new one
 * described by name and address (then `unitId` says which unit it belongs to); the topics come from
 * the unit's catalogue and/or free text. Whether the times lie in the future is checked by the use
 * case against the database's clock.
 */
export const meetingRequestInput = z
  .object({
    workplaceId: optionalId,
    newWorkplaceName: optionalText(200),
    newWorkplaceAddress: optionalText(300),
    unitId: optionalId,
    contactName: z.string().trim().min(1).max(200),
    contactEmail: z.email().max(254).transform((v) => v.trim().toLowerCase()),
    contactPhone: optionalText(40),
    proposedTimes: z.array(proposedTimeInput).min(1).max(3),
    topicIds: z.array(z.uuid()).max(30).default([]),
    freeTopic: optionalText(500),
    questions: optionalText(5000),
    nonMembersWelcome: z.boolean().default(false),
    expectedParticipants: z.number().int().min(1).max(10_000).nullish().transform((v) => v ?? null),
  })
  .strict()
  .superRefine((v, ctx) => {
    // Run also when a field failed (then it is here as sent): a missing address shows with a bad e-mail.
    if (v.workplaceId && v.newWorkplaceName) ctx.addIssue({ code: 'custom', path: ['workplaceId'], message: 'workplace_meeting.workplace_or_new' });
    if (!v.workplaceId && !v.newWorkplaceName) ctx.addIssue({ code: 'custom', path: ['newWorkplaceName'], message: 'workplace_meeting.workplace_required' });
    if (!v.workplaceId && v.newWorkplaceName && !v.newWorkplaceAddress) ctx.addIssue({ code: 'custom', path: ['newWorkplaceAddress'], message: 'validation.required' });
    if (!v.workplaceId && v.newWorkplaceName && !v.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'validation.required' });
    if (Array.isArray(v.topicIds) && v.topicIds.length === 0 && !v.freeTopic) ctx.addIssue({ code: 'custom', path: ['topicIds'], message: 'workplace_meeting.topic_required' });
  }, evenWithFieldErrors);
export type MeetingRequestInput = z.output<typeof meetingRequestInput>;

/**
 * What the request's checks against the database (`checkMeetingRequest`: times ahead, a known
 * workplace, unit and topics) can look at while the form still has other errors: the parts that
 * are valid on their own. A proposed time is there by its place in the list, null when it could not
 * be read.
 */
export interface MeetingRequestDraft {
  workplaceId?: string | null;
  unitId?: string | null;
  topicIds?: string[];
  proposedTimes?: ({ startsAt: Date } | null)[];
}

/** The valid parts of a request body as sent to the API. */
export function meetingRequestDraft(body: unknown): MeetingRequestDraft {
  const { workplaceId, unitId, topicIds } = validParts(meetingRequestInput, body);
  const sent = body && typeof body === 'object' ? (body as { proposedTimes?: unknown }).proposedTimes : undefined;
  const proposedTimes = (Array.isArray(sent) ? sent.slice(0, 3) : []).map((p) => {
    const startsAt = instant.safeParse(p && typeof p === 'object' ? (p as { startsAt?: unknown }).startsAt : undefined);
    return startsAt.success ? { startsAt: startsAt.data } : null;
  });
  return { workplaceId, unitId, topicIds, proposedTimes };
}

export const scheduleInput = z
  .object({
    startsAt: instant,
    endsAt: instant,
    politicianId: z.uuid(),
    consultantId: z.uuid(),
    /** For a request that described a new workplace: the workplace as staff have now registered it. */
    workplaceId: z.uuid().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (isTime(v.startsAt) && isTime(v.endsAt) && v.endsAt.getTime() <= v.startsAt.getTime()) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'workplace_meeting.end_before_start' });
    if (v.politicianId === v.consultantId) ctx.addIssue({ code: 'custom', path: ['consultantId'], message: 'workplace_meeting.same_person' });
  });
export type ScheduleInput = z.output<typeof scheduleInput>;

export const declineInput = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();
export type DeclineInput = z.output<typeof declineInput>;

export const cancelInput = z.object({ reason: optionalText(2000) }).strict();
export type CancelInput = z.output<typeof cancelInput>;

export const reportInput = z
  .object({
    note: z.string().trim().min(1).max(10_000),
    participants: z.number().int().min(0).max(10_000),
    membersRecruited: z.number().int().min(0).max(10_000),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.membersRecruited > v.participants) ctx.addIssue({ code: 'custom', path: ['membersRecruited'], message: 'workplace_meeting.recruited_above_participants' });
  });
export type ReportInput = z.output<typeof reportInput>;

export const topicInput = z
  .object({
    unitId: z.uuid(),
    name: z.string().trim().min(1).max(200),
    active: z.boolean().default(true),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();
export type TopicInput = z.output<typeof topicInput>;

export const topicPatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    active: z.boolean().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type TopicPatch = z.output<typeof topicPatch>;

export const meetingFilter = z.object({
  /** A unit and everything below it. */
  unit: blankIsAbsent(z.uuid()),
  status: blankIsAbsent(z.enum(meetingStatuses)),
  /** `YYYY-MM`: meetings whose date (the scheduled one, else the first proposed) falls in that month. */
  month: blankIsAbsent(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'workplace_meeting.invalid_month')),
});
export type MeetingFilter = z.output<typeof meetingFilter>;

export const statsFilter = z.object({
  unit: z.uuid(),
  month: blankIsAbsent(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'workplace_meeting.invalid_month')),
});
export type StatsFilter = z.output<typeof statsFilter>;

export const idParams = z.object({ id: z.uuid() });

// --- output ---------------------------------------------------------------------------------------

const iso = z.string().describe('ISO 8601 instant (UTC)');
const person = z.object({ id: z.uuid(), name: z.string() });

export const meetingOutput = z
  .object({
    id: z.uuid(),
    unitId: z.uuid(),
    unitName: z.string(),
    workplaceId: z.uuid().nullable(),
    /** The registered workplace's name, or the new one's as the requester wrote it. */
    workplaceName: z.string(),
    newWorkplaceAddress: z.string().nullable(),
    contactName: z.string(),
    contactEmail: z.string(),
    contactPhone: z.string().nullable(),
    requesterPersonId: z.uuid().nullable(),
    proposedTimes: z.array(z.object({ startsAt: iso, endsAt: iso })),
    topics: z.array(z.object({ id: z.uuid(), name: z.string() })),
    freeTopic: z.string().nullable(),
    questions: z.string().nullable(),
    nonMembersWelcome: z.boolean(),
    expectedParticipants: z.number().int().nullable(),
    timeZone: z.string(),
    status: z.enum(meetingStatuses),
    declineReason: z.string().nullable(),
    cancelReason: z.string().nullable(),
    startsAt: iso.nullable(),
    endsAt: iso.nullable(),
    eventId: z.uuid().nullable(),
    eventSlug: z.string().nullable(),
    politician: person.nullable(),
    consultant: person.nullable(),
    reportNote: z.string().nullable(),
    participants: z.number().int().nullable(),
    membersRecruited: z.number().int().nullable(),
    heldAt: iso.nullable(),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: 'WorkplaceMeeting' });
export type Meeting = z.infer<typeof meetingOutput>;

export const meetingList = z.object({ items: z.array(meetingOutput), total: z.number().int() });
export type MeetingList = z.infer<typeof meetingList>;

export const requestResult = z
  .object({ id: z.uuid(), status: z.enum(meetingStatuses) })
  .meta({ id: 'WorkplaceMeetingRequested', description: 'The follow-status link goes to the contact person by e-mail only.' });
