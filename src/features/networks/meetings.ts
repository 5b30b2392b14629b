import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { system, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { instant } from '../../platform/http/time-input.js';
import { invalidInput, notFound, type FieldProblem, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { canEvent, createEvent, eventRuleErrors, eventSummaries, isTimeZone, publishEvent, type EventInput, type EventStatus, type EventSummary } from '../events/index.js';
import { networkFor, type NetworkAccess } from './access.js';
import { can } from './policy.js';
import { networkMeetings } from './tables.js';

/*
 * Network meetings: events (events' audience `network`, kind `network_meeting`) held by a network,
 * with the agenda before and the minutes after kept here, beside the event. The seats, the waiting
 * list, the mails and the calendar are the events module's; this file adds who may call a meeting
 * (the network's coordinators and organisers) and the rule for competitors at one table: a network of
 * member companies meets only with an agenda set beforehand, and its minutes are asked for afterwards.
 */

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);

/** A new meeting: the event's own fields (the network decides its kind, audience and unit), the agenda, and whether to hold it back as a draft. */
export const networkMeetingInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    // Rendered as Markdown without raw HTML; refused all the same, as the events module does.
    description: z
      .string()
      .max(20_000)
      .refine((v) => !/<\s*(script|iframe|object|embed|style)\b|javascript\s*:/i.test(v), 'event.description_unsafe')
      .default(''),
    startsAt: instant,
    endsAt: instant,
    timeZone: z.string().trim().max(64).refine(isTimeZone, 'event.invalid_time_zone').default('Europe/Copenhagen'),
    placeName: optionalText(200),
    addressLine: optionalText(200),
    postalCode: optionalText(20),
    city: optionalText(100),
    onlineUrl: z
      .union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)])
      .nullish()
      .transform((v) => v || null),
    capacity: z.number().int().min(1, 'event.capacity_positive').max(1_000_000).nullable().default(null),
    waitlist: z.boolean().default(true),
    maxGuests: z.number().int().min(0).max(20).default(0),
    /** Markdown; required for a network of member companies. */
    agenda: z.string().trim().max(50_000).default(''),
    /** Held back from the participants until published on the event's staff page. */
    draft: z.boolean().default(false),
  })
  .strict();
export type NetworkMeetingInput = z.output<typeof networkMeetingInput>;

export const agendaInput = z.object({ agenda: z.string().trim().max(50_000) }).strict();
export const minutesInput = z.object({ minutes: z.string().trim().max(100_000) }).strict();

/** A meeting as the network's page and the API show it. */
export type NetworkMeeting = {
  eventId: string;
  networkId: string;
  slug: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  placeName: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  onlineUrl: string | null;
  status: EventStatus;
  capacity: number | null;
  /** Seats still free (none: no limit); guests take seats too. */
  seatsLeft: number | null;
  confirmedCount: number;
  waitlistCount: number;
  waitlist: boolean;
  agenda: string;
  minutes: string;
  agendaUpdatedAt: string | null;
  minutesUpdatedAt: string | null;
  /** A meeting of member companies still to come without an agenda. */
  agendaMissing: boolean;
  /** A meeting of member companies that has been held without minutes written. */
  minutesMissing: boolean;
};

export type NetworkMeetingList = { upcoming: NetworkMeeting[]; past: NetworkMeeting[] };

/** The meetings' own reasons: the minutes of a meeting not yet held, the agenda of one that is over, a network that is archived. */
export type MeetingReason = 'meeting_not_held' | 'meeting_ended' | 'network_archived';
export type MeetingFailure = Refusal | Invalid | { ok: false; reason: MeetingReason };
export type MeetingResult = { ok: true; meeting: NetworkMeeting } | MeetingFailure;

type MeetingRow = typeof networkMeetings.$inferSelect;

const isoOrNull = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function meetingOf(network: Pick<NetworkAccess, 'kind'>, row: MeetingRow, e: EventSummary, now = Date.now()): NetworkMeeting {
  const companies = network.kind === 'companies';
  const upcoming = new Date(e.endsAt).getTime() >= now;
  const started = new Date(e.startsAt).getTime() <= now;
  const live = e.status !== 'cancelled';
  return {
    eventId: e.id,
    networkId: row.networkId,
    slug: e.slug,
    title: e.title,
    description: e.description,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    timeZone: e.timeZone,
    placeName: e.placeName,
    addressLine: e.addressLine,
    postalCode: e.postalCode,
    city: e.city,
    onlineUrl: e.onlineUrl,
    status: e.status,
    capacity: e.capacity,
    seatsLeft: e.capacity === null ? null : Math.max(0, e.capacity - e.confirmedSeats),
    confirmedCount: e.confirmedCount,
    waitlistCount: e.waitlistCount,
    waitlist: e.waitlist,
    agenda: row.agenda,
    minutes: row.minutes,
    agendaUpdatedAt: isoOrNull(row.agendaUpdatedAt),
    minutesUpdatedAt: isoOrNull(row.minutesUpdatedAt),
    agendaMissing: companies && live && upcoming && row.agenda.trim() === '',
    minutesMissing: companies && live && started && !upcoming && row.minutes.trim() === '',
  };
}

/** One meeting with its event, for a reader already let in. */
async function loadMeeting(db: Db, network: NetworkAccess, eventId: string): Promise<NetworkMeeting | null> {
  const [row] = await db.select().from(networkMeetings).where(and(eq(networkMeetings.eventId, eventId), eq(networkMeetings.networkId, network.id)));
  if (!row) return null;
  const [event] = await eventSummaries(db, [eventId]);
  return event ? meetingOf(network, row, event) : null;
}

/**
 * Calls a meeting of the network: an event for its participants (kind `network_meeting`, audience
 * `network`, the network's unit), published at once unless `draft`, with the agenda kept beside it.
 * A network of member companies needs the agenda now. Staff of the unit make the event as
 * themselves; a member who coordinates is no event organiser, so the event is made by the system on
 * their behalf and the meeting is audited under them. One transaction: no event without its meeting.
 */
export async function createNetworkMeeting(db: Db, actor: Actor, networkId: string, input: NetworkMeetingInput, opts: { allowPast?: boolean } = {}): Promise<MeetingResult> {
  const found = await networkFor(db, actor, networkId, 'network.coordinate');
  if (!found.ok) return found;
  const network = found.network;
  if (network.archived) return { ok: false, reason: 'network_archived' };
  const { agenda, draft, ...fields } = input;
  const eventInput: EventInput = {
    ...fields,
    kind: 'network_meeting',
    unitId: network.unitId,
    audience: 'network',
    audienceNetworkId: network.id,
    audienceUnitId: null,
    audienceRoles: [],
    audienceWorkplaceId: null,
    openToNonMembers: false,
    registrationOpensAt: null,
    registrationClosesAt: null,
    materialVisibility: 'participants',
    programme: [],
  };
  // Every problem at once: the times, a start in the past, and the agenda competitors must have.
  const problems: FieldProblem[] = [...eventRuleErrors(eventInput)];
  if (!opts.allowPast && input.startsAt.getTime() <= Date.now()) problems.push({ path: 'startsAt', code: 'event.starts_in_past' });
  if (network.kind === 'companies' && agenda === '') problems.push({ path: 'agenda', code: 'network.agenda_required' });
  if (problems.length) return invalidInput(...problems);

  const maker = canEvent(actor, 'event.create', { unitId: network.unitId, status: 'draft', audience: 'network', audienceUnitId: null, audienceRoles: [] }) ? actor : system;
  const outcome = await db.transaction(async (tx): Promise<{ ok: true; eventId: string } | MeetingFailure> => {
    const created = await createEvent(tx, maker, eventInput, opts);
    if (!created.ok) {
      if (created.reason === 'invalid' || created.reason === 'not_found' || created.reason === 'forbidden') return created;
      throw new Error(`createEvent: ${created.reason}`);
    }
    const eventId = created.event.id;
    if (!draft) {
      const published = await publishEvent(tx, maker, eventId, opts);
      if (!published.ok) throw new Error(`publishEvent: ${published.reason}`);
    }
    await tx.insert(networkMeetings).values({ eventId, networkId: network.id, agenda, agendaUpdatedAt: agenda ? new Date() : null });
    await audit(tx, actor, { action: 'create', entityType: 'network_meeting', entityId: eventId, fields: agenda ? ['agenda'] : [] });
    return { ok: true, eventId };
  });
  if (!outcome.ok) return outcome;
  const meeting = await loadMeeting(db, network, outcome.eventId);
  return meeting ? { ok: true, meeting } : notFound;
}

/** The meeting and its network under the meeting row's lock, if the actor coordinates the network. */
async function meetingToChange(tx: Db, actor: Actor, eventId: string): Promise<{ ok: true; network: NetworkAccess; row: MeetingRow; event: EventSummary } | Refusal> {
  if (!UUID.test(eventId)) return notFound;
  const [row] = await tx.select().from(networkMeetings).where(eq(networkMeetings.eventId, eventId)).for('update');
  if (!row) return notFound;
  const found = await networkFor(tx, actor, row.networkId, 'network.coordinate');
  if (!found.ok) return found;
  const [event] = await eventSummaries(tx, [eventId]);
  if (!event) return notFound;
  return { ok: true, network: found.network, row, event };
}

/** Sets the agenda, until the meeting is over. A network of member companies cannot have it emptied. */
export async function setAgenda(db: Db, actor: Actor, eventId: string, agenda: string): Promise<MeetingResult> {
  return db.transaction(async (tx): Promise<MeetingResult> => {
    const found = await meetingToChange(tx, actor, eventId);
    if (!found.ok) return found;
    if (new Date(found.event.endsAt).getTime() <= Date.now()) return { ok: false, reason: 'meeting_ended' };
    const text = agenda.trim();
    if (found.network.kind === 'companies' && text === '') return invalidInput({ path: 'agenda', code: 'network.agenda_required' });
    if (text !== found.row.agenda) {
      await tx.update(networkMeetings).set({ agenda: text, agendaUpdatedAt: sql`now()` }).where(eq(networkMeetings.eventId, eventId));
      await audit(tx, actor, { action: 'update', entityType: 'network_meeting', entityId: eventId, fields: ['agenda'] });
    }
    return { ok: true, meeting: (await loadMeeting(tx, found.network, eventId))! };
  });
}

/** Writes the minutes, once the meeting has begun: minutes of a meeting not yet held are refused. */
export async function setMinutes(db: Db, actor: Actor, eventId: string, minutes: string): Promise<MeetingResult> {
  return db.transaction(async (tx): Promise<MeetingResult> => {
    const found = await meetingToChange(tx, actor, eventId);
    if (!found.ok) return found;
    if (new Date(found.event.startsAt).getTime() > Date.now()) return { ok: false, reason: 'meeting_not_held' };
    const text = minutes.trim();
    if (text !== found.row.minutes) {
      await tx.update(networkMeetings).set({ minutes: text, minutesUpdatedAt: sql`now()` }).where(eq(networkMeetings.eventId, eventId));
      await audit(tx, actor, { action: 'update', entityType: 'network_meeting', entityId: eventId, fields: ['minutes'] });
    }
    return { ok: true, meeting: (await loadMeeting(tx, found.network, eventId))! };
  });
}

/**
 * The network's meetings for those who read its inside: upcoming ones soonest first, past ones
 * latest first, each with its seats, agenda and minutes. Drafts only for those who coordinate (the
 * participants cannot open them either). Two statements whatever the number of meetings.
 */
export async function listNetworkMeetings(db: Db, actor: Actor, networkId: string): Promise<{ ok: true; meetings: NetworkMeetingList } | Refusal> {
  const found = await networkFor(db, actor, networkId, 'network.read');
  if (!found.ok) return found;
  const network = found.network;
  const rows = await db.select().from(networkMeetings).where(eq(networkMeetings.networkId, network.id));
  const byId = new Map(rows.map((r) => [r.eventId, r]));
  const coordinates = can(actor, 'network.coordinate', network);
  const now = Date.now();
  const all = (await eventSummaries(db, [...byId.keys()])).filter((e) => coordinates || e.status !== 'draft').map((e) => meetingOf(network, byId.get(e.id)!, e, now));
  const upcoming = all.filter((m) => new Date(m.endsAt).getTime() >= now);
  const past = all.filter((m) => new Date(m.endsAt).getTime() < now).reverse();
  return { ok: true, meetings: { upcoming, past } };
}
