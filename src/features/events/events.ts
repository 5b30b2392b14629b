import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { nextFreeSlug, slugify as spell, slugPattern } from '../../platform/slugs.js';
import type { Actor } from '../../platform/actor.js';
import { audit, changedFields } from '../../platform/audit/audit.js';
import { getUnit } from '../../kernel/units.js';
import { events, materials, programmeItems } from './tables.js';
import { eventFor, mailEvent, recipientsWith, type EventRow } from './access.js';
import { type Refusal, type FieldProblem } from '../../platform/outcomes.js';
import { can } from './policy.js';
import { loadEventDetail } from './queries.js';
import { promoteWaiting } from './promotion.js';
import { eventMail, sendEventMails, type EventMailContext } from './mails.js';
import { eventRuleErrors, type CancelEventInput, type EventDetail, type EventInput, type EventPatch, type ProgrammeItemInput } from './schema.js';
import { findWorkplaceSubject } from '../workplaces/index.js';
import { groupKind } from '../../kernel/groups.js';

/** Input that broke a rule needing the database (an unknown unit) or the merged event (a patch). */
export type EventInvalid = { ok: false; reason: 'invalid'; errors: FieldProblem[] };
export type EventResult = { ok: true; event: EventDetail } | EventInvalid | Refusal | { ok: false; reason: 'cancelled_event' | 'starts_in_past' };

/**
 * Recording an event that already took place (the demo's held workplace meetings, an import of the
 * past) is said explicitly; a person creating, moving or publishing one cannot start it in the past.
 */
export interface PastAllowed {
  allowPast?: boolean;
}

const inThePast = (d: Date) => d.getTime() <= Date.now();

const invalid = (...errors: FieldProblem[]): EventInvalid => ({ ok: false, reason: 'invalid', errors });

/** The title spelled for an address (æ → ae, å → aa, ö → oe); an event with nothing to spell is an "arrangement". */
export function slugify(title: string): string {
  return spell(title) || 'arrangement';
}

/** The event's date as its own time zone writes it: an evening meeting on the 4th is "…-04" in Copenhagen. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** `medlemsmoede-i-aarhus-2026-03-04`, with `-2`, `-3` … when two events share title and date. */
async function freeSlug(tx: Db, title: string, startsAt: Date, timeZone: string): Promise<string> {
  const base = `${slugify(title)}-${localDate(startsAt, timeZone)}`;
  const rows = await queryRows<{ slug: string }>(tx, sql`select slug from events where slug = ${base} or slug like ${slugPattern(base)}`);
  return nextFreeSlug(
    base,
    rows.map((r) => r.slug),
  );
}

/** The unit must exist and be one the actor organises events for; an audience unit, workplace or network must exist. All problems at once. */
async function unitProblems(tx: Db, actor: Actor, input: { unitId?: string; audienceUnitId?: string | null; audienceWorkplaceId?: string | null; audienceNetworkId?: string | null }): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (input.unitId !== undefined) {
    if (!(await getUnit(tx, input.unitId))) problems.push({ path: 'unitId', code: 'event.unit_not_found' });
    else if (!can(actor, 'event.create', { unitId: input.unitId, status: 'draft', audience: 'public', audienceUnitId: null, audienceRoles: [] })) problems.push({ path: 'unitId', code: 'event.unit_not_allowed' });
  }
  if (input.audienceUnitId && !(await getUnit(tx, input.audienceUnitId))) problems.push({ path: 'audienceUnitId', code: 'event.unit_not_found' });
  if (input.audienceWorkplaceId && !(await findWorkplaceSubject(tx, input.audienceWorkplaceId))) problems.push({ path: 'audienceWorkplaceId', code: 'event.workplace_not_found' });
  // A network is known only through its feature's group kind; without one registered there is no network.
  if (input.audienceNetworkId && !(await groupKind('network')?.unitOf(tx, input.audienceNetworkId))) problems.push({ path: 'audienceNetworkId', code: 'event.network_not_found' });
  return problems;
}

/** What of an event's input the checks against the database and the clock look at; while a form has other errors, only its valid parts. */
export type EventDraft = Partial<Pick<EventInput, 'startsAt' | 'unitId' | 'audience' | 'audienceUnitId' | 'audienceWorkplaceId' | 'audienceNetworkId' | 'programme'>>;

/** An audience's detail counts only for its own audience (the schema drops the others'). */
const audienceParts = (d: EventDraft) => ({
  audienceUnitId: d.audience === 'unit_members' ? d.audienceUnitId : null,
  audienceWorkplaceId: d.audience === 'workplace' ? d.audienceWorkplaceId : null,
  audienceNetworkId: d.audience === 'network' ? d.audienceNetworkId : null,
});

/**
 * Every problem a new event has against the database and the clock, at once: a start in the past,
 * an unknown unit or one the actor does not organise for, an unknown audience unit or workplace,
 * slides that are not the event's. It runs on the valid parts of a form that has other errors too, so
 * the form shows everything in one round.
 */
export async function newEventProblems(db: Db, actor: Actor, draft: EventDraft, opts: PastAllowed = {}): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (!opts.allowPast && draft.startsAt && inThePast(draft.startsAt)) problems.push({ path: 'startsAt', code: 'event.starts_in_past' });
  problems.push(...(await unitProblems(db, actor, { unitId: draft.unitId, ...audienceParts(draft) })));
  if (draft.programme) problems.push(...((await checkProgramme(db, null, draft.programme))?.errors ?? []));
  return problems;
}

/**
 * The same for a change to `before`: a start moved into the past, a new unit, audience unit or
 * workplace that is unknown or not the actor's, slides that are not the event's. (The rules between
 * fields are checked on the merged event by `updateEvent`.)
 */
export async function eventChangeProblems(db: Db, actor: Actor, before: EventRow, draft: EventDraft): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  // A past event may still be corrected, but not moved into the past.
  if (draft.startsAt !== undefined && draft.startsAt.getTime() !== before.startsAt.getTime() && inThePast(draft.startsAt)) problems.push({ path: 'startsAt', code: 'event.starts_in_past' });
  if (draft.unitId !== undefined || draft.audience !== undefined || draft.audienceUnitId !== undefined || draft.audienceWorkplaceId !== undefined || draft.audienceNetworkId !== undefined) {
    const audience = draft.audience ?? before.audience;
    const merged = {
      audience,
      audienceUnitId: draft.audienceUnitId !== undefined ? draft.audienceUnitId : before.audienceUnitId,
      audienceWorkplaceId: draft.audienceWorkplaceId !== undefined ? draft.audienceWorkplaceId : before.audienceWorkplaceId,
      audienceNetworkId: draft.audienceNetworkId !== undefined ? draft.audienceNetworkId : before.audienceNetworkId,
    };
    problems.push(...(await unitProblems(db, actor, { unitId: draft.unitId ?? before.unitId, ...audienceParts(merged) })));
  }
  if (draft.programme) problems.push(...((await checkProgramme(db, before.id, draft.programme))?.errors ?? []));
  return problems;
}

/** Slides named in the programme must be this event's material. */
async function checkProgramme(tx: Db, eventId: string | null, items: ProgrammeItemInput[]): Promise<EventInvalid | null> {
  const wanted = items.map((p, i) => ({ i, id: p.materialId })).filter((x): x is { i: number; id: string } => Boolean(x.id));
  if (wanted.length === 0) return null;
  const found = eventId
    ? new Set(
        (
          await tx
            .select({ id: materials.id })
            .from(materials)
            .where(and(eq(materials.eventId, eventId), inArray(materials.id, wanted.map((w) => w.id))))
        ).map((m) => m.id),
      )
    : new Set<string>();
  const missing = wanted.filter((w) => !found.has(w.id));
  return missing.length ? invalid(...missing.map((m) => ({ path: `programme.${m.i}.materialId`, code: 'event.material_not_found' }))) : null;
}

async function writeProgramme(tx: Db, eventId: string, items: ProgrammeItemInput[]): Promise<void> {
  await tx.delete(programmeItems).where(eq(programmeItems.eventId, eventId));
  if (items.length === 0) return;
  await tx.insert(programmeItems).values(
    items.map((p, i) => ({ eventId, position: i + 1, startsAt: p.startsAt ?? null, title: p.title, speaker: p.speaker ?? null, materialId: p.materialId ?? null })),
  );
}

function isSlugClash(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint } = e as { code?: string; constraint?: string };
    if (code === '23505' && constraint === 'events_slug_unique') return true;
  }
  return false;
}

/** A new event, as a draft: nobody outside the unit's staff and board sees it before it is published. */
export async function createEvent(db: Db, actor: Actor, input: EventInput, opts: PastAllowed = {}): Promise<EventResult> {
  const attempt = () =>
    db.transaction(async (tx): Promise<EventResult> => {
      const problems = await newEventProblems(tx, actor, input, opts);
      if (problems.length) return invalid(...problems);
      const { programme, ...values } = input;
      const slug = await freeSlug(tx, input.title, input.startsAt, input.timeZone);
      const [row] = await tx
        .insert(events)
        .values({ ...values, slug, createdBy: actor.kind === 'person' ? actor.personId : null })
        .returning({ id: events.id });
      await writeProgramme(tx, row.id, programme);
      const fields = Object.keys(input).filter((k) => {
        const v = input[k as keyof EventInput];
        return v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
      });
      await audit(tx, actor, { action: 'create', entityType: 'event', entityId: row.id, fields });
      return { ok: true, event: (await loadEventDetail(tx, row.id))! };
    });
  try {
    return await attempt();
  } catch (err) {
    // Two events with the same title and date saved at the same moment: the second takes the next number.
    if (isSlugClash(err)) return attempt();
    throw err;
  }
}

/**
 * Changes an event under its row lock. A higher capacity (or none) confirms the waiting list in
 * order in the same transaction; a lower one never removes a confirmed person — it only stops new
 * confirmations until enough places are given back.
 */
export async function updateEvent(db: Db, actor: Actor, id: string, patch: EventPatch, ctx: EventMailContext): Promise<EventResult> {
  return db.transaction(async (tx): Promise<EventResult> => {
    const found = await eventFor(tx, actor, id, 'event.edit', { lock: true });
    if (!found.ok) return found;
    const before = found.event;
    if (before.status === 'cancelled') return { ok: false, reason: 'cancelled_event' };
    const { programme, ...changes } = patch;
    const merged = { ...before, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as EventRow;
    // Only the chosen audience keeps its detail.
    merged.audienceUnitId = merged.audience === 'unit_members' ? merged.audienceUnitId : null;
    merged.audienceRoles = merged.audience === 'roles' ? [...new Set(merged.audienceRoles)] : [];
    merged.audienceWorkplaceId = merged.audience === 'workplace' ? merged.audienceWorkplaceId : null;
    merged.openToNonMembers = merged.audience === 'workplace' ? merged.openToNonMembers : false;
    merged.audienceNetworkId = merged.audience === 'network' ? merged.audienceNetworkId : null;
    // The rules between fields on the merged event, and the checks against the database, all at once.
    const problems = [...eventRuleErrors(merged), ...(await eventChangeProblems(tx, actor, before, patch))];
    if (problems.length) return invalid(...problems);
    const next = {
      kind: merged.kind,
      title: merged.title,
      description: merged.description,
      placeName: merged.placeName,
      addressLine: merged.addressLine,
      postalCode: merged.postalCode,
      city: merged.city,
      onlineUrl: merged.onlineUrl,
      startsAt: merged.startsAt,
      endsAt: merged.endsAt,
      timeZone: merged.timeZone,
      unitId: merged.unitId,
      audience: merged.audience,
      audienceUnitId: merged.audienceUnitId,
      audienceRoles: merged.audienceRoles,
      audienceWorkplaceId: merged.audienceWorkplaceId,
      openToNonMembers: merged.openToNonMembers,
      audienceNetworkId: merged.audienceNetworkId,
      capacity: merged.capacity,
      waitlist: merged.waitlist,
      maxGuests: merged.maxGuests,
      registrationOpensAt: merged.registrationOpensAt,
      registrationClosesAt: merged.registrationClosesAt,
      materialVisibility: merged.materialVisibility,
    };
    const fields = changedFields(before as unknown as Record<string, unknown>, next as Record<string, unknown>).filter(
      (k) => k !== 'audienceRoles' || before.audienceRoles.join(',') !== next.audienceRoles.join(','),
    );
    if (programme) fields.push('programme');
    if (fields.length === 0) return { ok: true, event: (await loadEventDetail(tx, id))! };
    const [after] = await tx
      .update(events)
      .set({ ...next, updatedAt: sql`now()` })
      .where(eq(events.id, id))
      .returning();
    if (programme) await writeProgramme(tx, id, programme);
    await audit(tx, actor, { action: 'update', entityType: 'event', entityId: id, fields });
    // More room (or the limit gone): the waiting list moves up now, in order.
    if (after.capacity === null || (before.capacity !== null && after.capacity > before.capacity)) await promoteWaiting(tx, actor, after, ctx);
    return { ok: true, event: (await loadEventDetail(tx, id))! };
  });
}

async function setStatus(db: Db, actor: Actor, id: string, to: 'published' | 'draft', opts: PastAllowed = {}): Promise<EventResult> {
  return db.transaction(async (tx): Promise<EventResult> => {
    const found = await eventFor(tx, actor, id, 'event.publish', { lock: true });
    if (!found.ok) return found;
    if (found.event.status === 'cancelled') return { ok: false, reason: 'cancelled_event' };
    if (to === 'published' && found.event.status !== 'published' && !opts.allowPast && inThePast(found.event.startsAt)) return { ok: false, reason: 'starts_in_past' };
    if (found.event.status !== to) {
      await tx
        .update(events)
        .set({ status: to, publishedAt: to === 'published' ? sql`coalesce(${events.publishedAt}, now())` : sql`${events.publishedAt}`, updatedAt: sql`now()` })
        .where(eq(events.id, id));
      await audit(tx, actor, { action: 'update', entityType: 'event', entityId: id, fields: ['status'] });
    }
    return { ok: true, event: (await loadEventDetail(tx, id))! };
  });
}

/** Makes the event visible to its audience (and open for registration within its window). */
export function publishEvent(db: Db, actor: Actor, id: string, opts: PastAllowed = {}): Promise<EventResult> {
  return setStatus(db, actor, id, 'published', opts);
}

/** Back to a draft: hidden from the audience again; registrations already made stay. */
export function unpublishEvent(db: Db, actor: Actor, id: string): Promise<EventResult> {
  return setStatus(db, actor, id, 'draft');
}

/**
 * Cancels the event: everyone confirmed or on the waiting list is told by e-mail, in their own
 * language, in the same transaction (a rolled-back cancellation sends nothing). Their registrations
 * stay as they were, for the record; the event takes no more.
 */
export async function cancelEvent(db: Db, actor: Actor, id: string, input: CancelEventInput, ctx: EventMailContext): Promise<(EventResult & { ok: true; notified: number }) | Exclude<EventResult, { ok: true }>> {
  return db.transaction(async (tx) => {
    const found = await eventFor(tx, actor, id, 'event.cancel', { lock: true });
    if (!found.ok) return found;
    if (found.event.status === 'cancelled') return { ok: false as const, reason: 'cancelled_event' as const };
    const [after] = await tx
      .update(events)
      .set({ status: 'cancelled', cancelledAt: sql`now()`, cancelReason: input.reason ?? null, updatedAt: sql`now()` })
      .where(eq(events.id, id))
      .returning();
    const recipients = await recipientsWith(tx, id, ['confirmed', 'waitlisted']);
    const notified = await sendEventMails(
      tx,
      recipients.map((r) => eventMail(ctx, 'cancelled_event', r, mailEvent(after), { reason: input.reason ?? null })),
    );
    await audit(tx, actor, { action: 'update', entityType: 'event', entityId: id, fields: ['status', ...(input.reason ? ['cancelReason'] : [])] });
    return { ok: true as const, event: (await loadEventDetail(tx, id))!, notified };
  });
}

