import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { unitScope, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { newToken, sha256 } from '../../platform/secrets.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { events, registrations } from './tables.js';
import { findEvent, mailEvent, viewerFor, type EventRow } from './access.js';
import { notFound, type Refusal } from '../../platform/outcomes.js';
import { promoteWaiting } from './promotion.js';
import { eventLinks, eventMail, sendEventMail, type EventMailContext, type Recipient } from './mails.js';
import type { RegistrationInput } from './schema.js';
import { can, viewerFromGrants } from './policy.js';
import { decideSeat, seatFor, waitingCount, windowState, type Registered, type RegistrationResult } from './seats.js';

export { windowState, type RegistrationFailure, type RegistrationFailureReason, type RegistrationResult, type Registered } from './seats.js';

/** The event's audience and unit, before the lock: enough to know which viewer the policy needs. */
async function audienceOf(db: Db, eventId: string): Promise<Pick<EventRow, 'audience' | 'unitId'> | undefined> {
  const [row] = await db.select({ audience: events.audience, unitId: events.unitId }).from(events).where(eq(events.id, eventId));
  return row;
}

/**
 * Registers for an event. A person registers themselves with one click (no `memberId`, or their
 * own); staff of the event's unit register a member by `memberId`; anyone registers for a public
 * event with `name` and `email`, which holds no seat until the mailed link is opened (double
 * opt-in). The seat is decided under the event row's lock (see `seats.ts`), the arrival order
 * (`seq`) is taken under the same lock, and the mail goes out in the same transaction.
 */
export async function registerForEvent(
  db: Db,
  actor: Actor,
  eventId: string,
  input: RegistrationInput & { locale?: Locale },
  ctx: EventMailContext,
): Promise<RegistrationResult> {
  const publicMode = !input.memberId && Boolean(input.email);
  const personId = input.memberId ?? (publicMode ? null : actor.kind === 'person' ? actor.personId : null);
  const selfMode = !publicMode && actor.kind === 'person' && personId === actor.personId;
  if (!publicMode && personId === null) return { ok: false, reason: 'unknown_member' };

  // Who the reader is to the audience is read before the lock, so the lock is held briefly; those who
  // organise for every unit need nothing more than their grants.
  let viewer = viewerFromGrants(actor);
  if (unitScope(actor, 'staff', 'board') !== 'all') {
    const preview = await audienceOf(db, eventId);
    if (!preview) return notFound;
    viewer = await viewerFor(db, actor, preview);
  }
  return decideSeat(db, eventId, {
    actor,
    viewer,
    mode: publicMode ? 'public' : selfMode ? 'self' : 'staff',
    personId,
    activeMemberOnly: !selfMode,
    name: input.name,
    email: input.email,
    guests: input.guests,
    locale: input.locale,
    ctx,
  });
}

export type ConfirmResult = { ok: true; registration: Registered } | { ok: false; reason: 'invalid_token' | 'cancelled_event' | 'closed' | 'full' };

/**
 * A public registrant opens the mailed link: now the seat rule runs for them (under the lock),
 * with their arrival counted from this moment. Opening it again shows the same result.
 * Closed or full without a waiting list: the registration is withdrawn and they are told so.
 */
export async function confirmPublicRegistration(db: Db, actor: Actor, token: string, ctx: EventMailContext): Promise<ConfirmResult> {
  const hash = sha256(token);
  const [found] = await db.select({ id: registrations.id, eventId: registrations.eventId }).from(registrations).where(eq(registrations.confirmTokenHash, hash));
  if (!found) return { ok: false, reason: 'invalid_token' };
  return db.transaction(async (tx): Promise<ConfirmResult> => {
    const event = (await findEvent(tx, found.eventId, true))!;
    const [reg] = await tx.select().from(registrations).where(eq(registrations.id, found.id)).for('update');
    if (reg.status === 'confirmed' || reg.status === 'waitlisted') {
      const position = reg.status === 'waitlisted' ? await positionOf(tx, reg.eventId, reg.seq) : null;
      return { ok: true, registration: { id: reg.id, status: reg.status, waitlistPosition: position } };
    }
    if (reg.status !== 'pending') return { ok: false, reason: 'invalid_token' };
    const withdraw = async (reason: 'cancelled_event' | 'closed' | 'full'): Promise<ConfirmResult> => {
      await tx.update(registrations).set({ status: 'cancelled', cancelledAt: sql`now()` }).where(eq(registrations.id, reg.id));
      await audit(tx, actor, { action: 'update', entityType: 'event_registration', entityId: reg.id, fields: ['status'] });
      return { ok: false, reason };
    };
    if (event.status !== 'published') return withdraw(event.status === 'cancelled' ? 'cancelled_event' : 'closed');
    if (windowState(event) !== 'open') return withdraw('closed');
    const waiting = await waitingCount(tx, event.id);
    const seat = seatFor(event, reg.guests, waiting > 0);
    if (seat === 'full') return withdraw('full');
    const cancelToken = newToken();
    // Arrival is now: the place in line is taken when the seat is asked for, not when the form was sent.
    await tx
      .update(registrations)
      .set({
        status: seat,
        seq: sql`nextval(pg_get_serial_sequence('event_registrations', 'seq'))`,
        confirmedAt: seat === 'confirmed' ? sql`now()` : null,
        cancelTokenHash: sha256(cancelToken),
      })
      .where(eq(registrations.id, reg.id));
    if (seat === 'confirmed') {
      await tx
        .update(events)
        .set({ confirmedSeats: sql`${events.confirmedSeats} + ${1 + reg.guests}` })
        .where(eq(events.id, event.id));
    }
    const position = seat === 'waitlisted' ? waiting + 1 : null;
    const to: Recipient = { email: reg.email!, name: reg.name!, locale: reg.locale };
    await sendEventMail(tx, eventMail(ctx, seat, to, mailEvent(event), { position: position ?? 0, cancelUrl: eventLinks.cancel(ctx.baseUrl, cancelToken) }));
    await audit(tx, actor, { action: 'update', entityType: 'event_registration', entityId: reg.id, fields: ['status'] });
    return { ok: true, registration: { id: reg.id, status: seat, waitlistPosition: position } };
  });
}

async function positionOf(tx: Db, eventId: string, seq: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from event_registrations where event_id = ${eventId} and status = 'waitlisted' and seq <= ${seq}`,
  );
  return Number(row.n);
}

/** What a secret link (confirm or cancel) points at, for the page that asks before acting (mail scanners open links). */
export async function findRegistrationByToken(
  db: Db,
  kind: 'confirm' | 'cancel',
  token: string,
): Promise<{ registrationId: string; status: string; eventId: string; slug: string; title: string; startsAt: Date; timeZone: string } | null> {
  const column = kind === 'confirm' ? registrations.confirmTokenHash : registrations.cancelTokenHash;
  const [row] = await db
    .select({ registrationId: registrations.id, status: registrations.status, eventId: events.id, slug: events.slug, title: events.title, startsAt: events.startsAt, timeZone: events.timeZone })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(eq(column, sha256(token)));
  return row ?? null;
}

export type CancelResult = { ok: true; promoted: number } | { ok: false; reason: 'already_cancelled' } | Refusal;

/** Under the event's lock: the place goes back, and the waiting list moves up if a confirmed seat was freed. */
async function cancelLocked(tx: Db, actor: Actor, event: EventRow, registrationId: string, ctx: EventMailContext): Promise<CancelResult> {
  const [reg] = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.id, registrationId), eq(registrations.eventId, event.id)))
    .for('update');
  if (!reg) return notFound;
  if (reg.status === 'cancelled') return { ok: false, reason: 'already_cancelled' };
  await tx
    .update(registrations)
    .set({ status: 'cancelled', cancelledAt: sql`now()`, cancelledBy: actor.kind === 'person' ? actor.personId : null })
    .where(eq(registrations.id, reg.id));
  await audit(tx, actor, { action: 'update', entityType: 'event_registration', entityId: reg.id, fields: ['status'] });
  if (reg.status !== 'confirmed') return { ok: true, promoted: 0 };
  const seats = event.confirmedSeats - 1 - reg.guests;
  await tx.update(events).set({ confirmedSeats: seats }).where(eq(events.id, event.id));
  event.confirmedSeats = seats;
  return { ok: true, promoted: await promoteWaiting(tx, actor, event, ctx) };
}

/**
 * Cancels a place or a waiting-list place: one's own, or anyone's for staff of the event's unit.
 * A freed confirmed seat goes to the first in line at once, in the same transaction.
 */
export async function cancelRegistration(db: Db, actor: Actor, eventId: string, registrationId: string, ctx: EventMailContext): Promise<CancelResult> {
  const preview = await findEvent(db, eventId);
  if (!preview) return notFound;
  const viewer = await viewerFor(db, actor, preview);
  return db.transaction(async (tx): Promise<CancelResult> => {
    const event = await findEvent(tx, eventId, true);
    if (!event || !can(actor, 'event.view', event, viewer)) return notFound;
    if (!can(actor, 'event.manage_participants', event, viewer)) {
      const [own] = await tx
        .select({ personId: registrations.personId })
        .from(registrations)
        .where(and(eq(registrations.id, registrationId), eq(registrations.eventId, eventId)));
      const mine = actor.kind === 'person' && own?.personId === actor.personId;
      if (!mine) return can(actor, 'event.view_participants', event, viewer) && own ? { ok: false, reason: 'forbidden' } : notFound;
    }
    return cancelLocked(tx, actor, event, registrationId, ctx);
  });
}

/** A public registrant cancels with the secret link from their mail. */
export async function cancelRegistrationByToken(db: Db, actor: Actor, token: string, ctx: EventMailContext): Promise<CancelResult> {
  const [found] = await db.select({ id: registrations.id, eventId: registrations.eventId }).from(registrations).where(eq(registrations.cancelTokenHash, sha256(token)));
  if (!found) return notFound;
  return db.transaction(async (tx) => {
    const event = (await findEvent(tx, found.eventId, true))!;
    return cancelLocked(tx, actor, event, found.id, ctx);
  });
}
