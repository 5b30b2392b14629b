import { eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { newToken, sha256 } from '../../platform/secrets.js';
import { events, registrations } from './tables.js';
import { eventFor, mailEvent, recipientColumns, type EventRow } from './access.js';
import { type Refusal } from '../../platform/outcomes.js';
import { eventLinks, eventMail, sendEventMails, type EventMailContext, type Recipient } from './mails.js';

/**
 * Confirms the waiting list in arrival order while the first in line fits (guests included), and
 * stops at the first who does not: nobody is ever skipped. Runs in the caller's transaction, which
 * must hold the event row's lock; each promoted person is told by e-mail in the same transaction.
 * Returns how many were promoted.
 */
export async function promoteWaiting(tx: Db, actor: Actor, event: EventRow, ctx: EventMailContext): Promise<number> {
  if (event.status === 'cancelled') return 0;
  let seats = event.confirmedSeats;
  // Each promotion takes at least one seat, so no more than the free seats can move up.
  const room = event.capacity === null ? null : event.capacity - seats;
  if (room !== null && room <= 0) return 0;
  const waiting = await queryRows<Recipient & { id: string; guests: number; personId: string | null }>(
    tx,
    sql`select r.id, r.guests, r.person_id as "personId", ${recipientColumns}
        from event_registrations r left join persons p on p.id = r.person_id
        where r.event_id = ${event.id} and r.status = 'waitlisted'
        order by r.seq
        ${room === null ? sql`` : sql`limit ${room}`}`,
  );
  const promoted: typeof waiting = [];
  for (const w of waiting) {
    const need = 1 + Number(w.guests);
    if (event.capacity !== null && seats + need > event.capacity) break;
    seats += need;
    promoted.push(w);
  }
  if (promoted.length === 0) return 0;
  await tx
    .update(registrations)
    .set({ status: 'confirmed', confirmedAt: sql`now()`, promotedAt: sql`now()` })
    .where(inArray(registrations.id, promoted.map((p) => p.id)));
  await tx.update(events).set({ confirmedSeats: seats }).where(eq(events.id, event.id));
  event.confirmedSeats = seats;
  const mails = [];
  for (const p of promoted) {
    // A public registrant cancels by a secret link; only its hash is kept, so the mail brings a fresh one.
    let cancelUrl: string | null = null;
    if (p.personId === null) {
      const token = newToken();
      await tx.update(registrations).set({ cancelTokenHash: sha256(token) }).where(eq(registrations.id, p.id));
      cancelUrl = eventLinks.cancel(ctx.baseUrl, token);
    }
    if (p.email) mails.push(eventMail(ctx, 'promoted', p, mailEvent(event), { cancelUrl }));
    await audit(tx, actor, { action: 'update', entityType: 'event_registration', entityId: p.id, fields: ['status'] });
  }
  await sendEventMails(tx, mails);
  return promoted.length;
}

/** Staff move the waiting list up by hand (normally it happens by itself when a seat frees up). */
export async function promoteFromWaitlist(db: Db, actor: Actor, eventId: string, ctx: EventMailContext): Promise<{ ok: true; promoted: number } | Refusal> {
  return db.transaction(async (tx) => {
    const found = await eventFor(tx, actor, eventId, 'event.manage_participants', { lock: true });
    if (!found.ok) return found;
    return { ok: true as const, promoted: await promoteWaiting(tx, actor, found.event, ctx) };
  });
}
