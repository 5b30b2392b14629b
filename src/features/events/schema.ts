import { z } from 'zod';
import { instant, instantText } from '../../platform/http/time-input.js';
import { evenWithFieldErrors } from '../../platform/http/forms.js';
import { audienceRoles, audiences, eventKinds, eventStatuses, materialVisibilities, registrationStatuses } from './tables.js';

/** Blank form fields and JSON nulls both mean "none". */
const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v === '' || v === null ? null : v);
const optionalText = (max: number) => z.string().trim().max(max).nullish().transform(blankToNull);

/** Blank is "none", as a form sends it; otherwise an instant with its offset. */
const optionalInstant = z
  .union([z.literal(''), instantText])
  .nullish()
  .transform((v) => (v === undefined ? undefined : v ? new Date(v) : null));

const optionalId = z
  .union([z.literal(''), z.uuid()])
  .nullish()
  .transform((v) => (v === undefined ? undefined : v || null));

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Only web links: a `javascript:` or `data:` address is not a place to meet. */
const onlineUrl = z
  .union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)])
  .nullish()
  .transform((v) => (v === undefined ? undefined : v || null));

/**
 * The description is Markdown rendered without raw HTML, so a script could never run; it is still
 * refused with a clear error, because whoever wrote it expected something that will not happen.
 */
const description = z
  .string()
  .max(20_000)
  .refine((v) => !/<\s*(script|iframe|object|embed|style)\b|javascript\s*:/i.test(v), 'event.description_unsafe');

export const programmeItemInput = z
  .object({
    startsAt: optionalInstant,
    title: z.string().trim().min(1).max(200),
    speaker: optionalText(200),
    /** Slides: one of the event's materials. */
    materialId: optionalId,
  })
  .strict();
export type ProgrammeItemInput = z.output<typeof programmeItemInput>;

/** The event's fields without defaults: the create schema adds them, the patch leaves what is absent alone. */
const fields = {
  kind: z.enum(eventKinds),
  title: z.string().trim().min(1).max(200),
  description,
  placeName: optionalText(200),
  addressLine: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  onlineUrl,
  startsAt: instant,
  endsAt: instant,
  timeZone: z.string().trim().max(64).refine(isTimeZone, 'event.invalid_time_zone'),
  unitId: z.uuid(),
  audience: z.enum(audiences),
  audienceUnitId: optionalId,
  audienceRoles: z.array(z.enum(audienceRoles)).max(audienceRoles.length),
  /** For `workplace`: the workplace whose employees today are invited. */
  audienceWorkplaceId: optionalId,
  /** For `workplace`: non-member colleagues may register by name and e-mail through the event's link. */
  openToNonMembers: z.boolean(),
  /** For `network`: the network whose participants are invited (a network meeting). */
  audienceNetworkId: optionalId,
  capacity: z.number().int().min(1, 'event.capacity_positive').max(1_000_000).nullable(),
  waitlist: z.boolean(),
  maxGuests: z.number().int().min(0).max(20),
  registrationOpensAt: optionalInstant,
  registrationClosesAt: optionalInstant,
  materialVisibility: z.enum(materialVisibilities),
  programme: z.array(programmeItemInput).max(100),
};

/** What the rules below need to see of an event, whether it comes from a form, a patch or the database. */
export interface EventRuleInput {
  startsAt: Date;
  endsAt: Date;
  audience: (typeof audiences)[number];
  audienceUnitId?: string | null;
  audienceRoles?: readonly string[];
  audienceWorkplaceId?: string | null;
  audienceNetworkId?: string | null;
  registrationOpensAt?: Date | null;
  registrationClosesAt?: Date | null;
}

/** The rules between fields, shared by create (in the schema) and update (after merging the patch). */
export function eventRuleErrors(v: EventRuleInput): { path: string; code: string }[] {
  const out: { path: string; code: string }[] = [];
  // zod runs this even when a time itself was invalid; that field has its own error already.
  const time = (d: unknown) => (d instanceof Date && !Number.isNaN(d.getTime()) ? d.getTime() : null);
  const starts = time(v.startsAt);
  const ends = time(v.endsAt);
  const closes = time(v.registrationClosesAt);
  const opens = time(v.registrationOpensAt);
  if (starts !== null && ends !== null && ends <= starts) out.push({ path: 'endsAt', code: 'event.end_before_start' });
  if (closes !== null && ends !== null && closes > ends) out.push({ path: 'registrationClosesAt', code: 'event.closes_after_end' });
  // Without a closing time registration closes when the event starts.
  const closing = closes ?? starts;
  if (opens !== null && closing !== null && opens >= closing) out.push({ path: 'registrationOpensAt', code: 'event.opens_after_closes' });
  if (v.audience === 'unit_members' && !v.audienceUnitId) out.push({ path: 'audienceUnitId', code: 'validation.required' });
  if (v.audience === 'roles' && !(v.audienceRoles ?? []).length) out.push({ path: 'audienceRoles', code: 'event.audience_roles_required' });
  if (v.audience === 'workplace' && !v.audienceWorkplaceId) out.push({ path: 'audienceWorkplaceId', code: 'validation.required' });
  if (v.audience === 'network' && !v.audienceNetworkId) out.push({ path: 'audienceNetworkId', code: 'validation.required' });
  return out;
}

export const eventInput = z
  .object({
    ...fields,
    description: fields.description.default(''),
    timeZone: fields.timeZone.default('Europe/Copenhagen'),
    audience: fields.audience.default('members'),
    audienceRoles: fields.audienceRoles.default([]),
    openToNonMembers: fields.openToNonMembers.default(false),
    capacity: fields.capacity.default(null),
    waitlist: fields.waitlist.default(true),
    maxGuests: fields.maxGuests.default(0),
    materialVisibility: fields.materialVisibility.default('participants'),
    programme: fields.programme.default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    for (const e of eventRuleErrors(v)) ctx.addIssue({ code: 'custom', path: [e.path], message: e.code });
  }, evenWithFieldErrors)
  // Only the chosen audience keeps its detail: a unit for `unit_members`, roles for `roles`.
  .transform((v) => ({
    ...v,
    audienceUnitId: v.audience === 'unit_members' ? (v.audienceUnitId ?? null) : null,
    audienceRoles: v.audience === 'roles' ? [...new Set(v.audienceRoles)] : [],
    audienceWorkplaceId: v.audience === 'workplace' ? (v.audienceWorkplaceId ?? null) : null,
    openToNonMembers: v.audience === 'workplace' ? v.openToNonMembers : false,
    audienceNetworkId: v.audience === 'network' ? (v.audienceNetworkId ?? null) : null,
    registrationOpensAt: v.registrationOpensAt ?? null,
    registrationClosesAt: v.registrationClosesAt ?? null,
  }));
/** The network is optional to callers that build an input themselves (workplace meetings): none is no network. */
export type EventInput = Omit<z.output<typeof eventInput>, 'audienceNetworkId'> & { audienceNetworkId?: string | null };

/** PATCH: only the fields sent change; the rules are checked on the merged event by the use case. */
export const eventPatch = z.object(fields).partial().strict();
export type EventPatch = z.output<typeof eventPatch>;

export const cancelEventInput = z.object({ reason: optionalText(1000) }).strict();
export type CancelEventInput = z.output<typeof cancelEventInput>;

export const messageInput = z
  .object({
    subject: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(20_000),
  })
  .strict();
export type MessageInput = z.output<typeof messageInput>;

/**
 * A registration: `{ memberId }` (the actor themselves when left out), or `{ name, email }` for a
 * public event (double opt-in); `guests` take seats too.
 */
export const registrationInput = z
  .object({
    memberId: z.uuid().optional(),
    name: z.string().trim().min(1).max(200).optional(),
    email: z.email().max(254).transform((v) => v.trim().toLowerCase()).optional(),
    guests: z.number().int().min(0).max(20).default(0),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.memberId && (v.name || v.email)) ctx.addIssue({ code: 'custom', path: ['memberId'], message: 'event.member_or_public' });
    if (!v.memberId && (v.name || v.email)) {
      if (!v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'validation.required' });
      if (!v.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'validation.required' });
    }
  });
export type RegistrationInput = z.output<typeof registrationInput>;

const blankIsAbsent = <T extends z.ZodType>(schema: T) => z.union([z.literal(''), schema]).optional().transform((v) => (v === '' ? undefined : v)) as unknown as z.ZodType<z.output<T> | undefined>;

export const eventFilter = z.object({
  unit: blankIsAbsent(z.uuid()),
  kind: blankIsAbsent(z.enum(eventKinds)),
  /** Events ending at or after this instant; default: now (upcoming and running events). */
  from: blankIsAbsent(instantText),
  /** Events starting before this instant. */
  to: blankIsAbsent(instantText),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type EventFilter = z.output<typeof eventFilter>;

export const idParams = z.object({ id: z.uuid() });
export const registrationParams = z.object({ id: z.uuid(), registrationId: z.uuid() });

// --- API output --------------------------------------------------------------------------------

const iso = z.string().describe('ISO 8601 instant (UTC)');

export const programmeItemOutput = z.object({
  id: z.uuid(),
  position: z.number().int(),
  startsAt: iso.nullable(),
  title: z.string(),
  speaker: z.string().nullable(),
  materialId: z.uuid().nullable(),
});

export const materialOutput = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  createdAt: iso,
});

export const eventSummary = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    kind: z.enum(eventKinds),
    title: z.string(),
    description: z.string().describe('Markdown'),
    placeName: z.string().nullable(),
    addressLine: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    onlineUrl: z.string().nullable(),
    startsAt: iso,
    endsAt: iso,
    timeZone: z.string(),
    unitId: z.uuid(),
    audience: z.enum(audiences),
    audienceUnitId: z.uuid().nullable(),
    audienceRoles: z.array(z.enum(audienceRoles)),
    audienceWorkplaceId: z.uuid().nullable(),
    openToNonMembers: z.boolean(),
    audienceNetworkId: z.uuid().nullable().describe('for `network`: the network whose participants are invited'),
    capacity: z.number().int().nullable(),
    waitlist: z.boolean(),
    maxGuests: z.number().int(),
    registrationOpensAt: iso.nullable(),
    registrationClosesAt: iso.nullable(),
    status: z.enum(eventStatuses),
    publishedAt: iso.nullable(),
    cancelledAt: iso.nullable(),
    materialVisibility: z.enum(materialVisibilities),
    confirmedCount: z.number().int().describe('confirmed registrations'),
    confirmedSeats: z.number().int().describe('seats taken by confirmed registrations, guests included'),
    waitlistCount: z.number().int(),
    attendedCount: z.number().int().describe('confirmed registrations checked in'),
  })
  .meta({ id: 'EventSummary' });
export type EventSummary = z.infer<typeof eventSummary>;

export const eventDetail = eventSummary
  .extend({
    cancelReason: z.string().nullable(),
    programme: z.array(programmeItemOutput),
    materials: z.array(materialOutput),
  })
  .meta({ id: 'Event' });
export type EventDetail = z.infer<typeof eventDetail>;

export const eventList = z.object({ items: z.array(eventSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type EventPage = z.infer<typeof eventList>;

export const registrationResult = z
  .object({
    id: z.uuid(),
    status: z.enum(['confirmed', 'waitlisted', 'pending']).describe('`pending`: a public registration waiting for its e-mail confirmation'),
    waitlistPosition: z.number().int().nullable(),
  })
  .meta({ id: 'RegistrationResult' });

export const registrationOutput = z
  .object({
    id: z.uuid(),
    status: z.enum(registrationStatuses),
    /** 1..n for the waiting list in arrival order; null otherwise. */
    waitlistPosition: z.number().int().nullable(),
    personId: z.uuid().nullable(),
    name: z.string(),
    email: z.string().nullable(),
    guests: z.number().int(),
    createdAt: iso,
    confirmedAt: iso.nullable(),
    promotedAt: iso.nullable(),
    cancelledAt: iso.nullable(),
    checkedInAt: iso.nullable(),
  })
  .meta({ id: 'Registration' });
export type RegistrationRow = z.infer<typeof registrationOutput>;

export const registrationList = z.object({ items: z.array(registrationOutput) });
