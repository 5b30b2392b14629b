import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { registrations } from './tables.js';
import { eventFor } from './access.js';
import { notFound, type Refusal } from '../../platform/outcomes.js';

export type CheckInResult = { ok: true; checkedIn: boolean } | { ok: false; reason: 'not_confirmed' } | Refusal;

/**
 * Marks a confirmed participant as attended (at the door, on a phone), or undoes it. Marking twice
 * keeps the first time.
 */
export async function checkIn(db: Db, actor: Actor, eventId: string, registrationId: string, opts: { undo?: boolean } = {}): Promise<CheckInResult> {
  return db.transaction(async (tx): Promise<CheckInResult> => {
    const found = await eventFor(tx, actor, eventId, 'event.check_in');
    if (!found.ok) return found;
    const [reg] = await tx
      .select({ status: registrations.status, checkedInAt: registrations.checkedInAt })
      .from(registrations)
      .where(and(eq(registrations.id, registrationId), eq(registrations.eventId, eventId)))
      .for('update');
    if (!reg) return notFound;
    if (reg.status !== 'confirmed') return { ok: false, reason: 'not_confirmed' };
    const want = !opts.undo;
    if ((reg.checkedInAt !== null) !== want) {
      await tx
        .update(registrations)
        .set({ checkedInAt: want ? sql`now()` : null })
        .where(eq(registrations.id, registrationId));
      await audit(tx, actor, { action: 'update', entityType: 'event_registration', entityId: registrationId, fields: ['checkedInAt'] });
    }
    return { ok: true, checkedIn: want };
  });
}
