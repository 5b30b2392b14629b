import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { mailingFor } from './access.js';
import { type Refusal } from '../../platform/outcomes.js';
import { mailings, type MailingStatus } from './tables.js';

export type ControlResult = { ok: true; status: MailingStatus } | Refusal | { ok: false; reason: 'wrong_status'; status: MailingStatus };

/** Moves a mailing from one of `from` to `to`, under its row lock, audited; anything else is `wrong_status`. */
async function transition(db: Db, actor: Actor, mailingId: string, from: readonly MailingStatus[], to: MailingStatus): Promise<ControlResult> {
  return db.transaction(async (tx): Promise<ControlResult> => {
    const found = await mailingFor(tx, actor, mailingId, 'send', { lock: true });
    if (!found.ok) return found;
    const status = found.mailing.status;
    if (!from.includes(status)) return { ok: false, reason: 'wrong_status', status };
    await tx.update(mailings).set({ status: to, updatedAt: sql`now()` }).where(eq(mailings.id, mailingId));
    await audit(tx, actor, { action: 'update', entityType: 'mailing', entityId: mailingId, fields: ['status'] });
    return { ok: true, status: to };
  });
}

/**
 * Stops a sending mailing: dispatchers claim nothing more of it; the batch already in flight
 * completes (those messages are on their way to the SMTP server).
 */
export function pauseMailing(db: Db, actor: Actor, mailingId: string): Promise<ControlResult> {
  return transition(db, actor, mailingId, ['sending'], 'paused');
}

/** Lets a paused mailing go on from where it stopped; nobody already sent is sent again. */
export function resumeMailing(db: Db, actor: Actor, mailingId: string): Promise<ControlResult> {
  return transition(db, actor, mailingId, ['paused'], 'sending');
}

/**
 * Calls off a mailing that has not started: a draft, or a scheduled one before its time came (its
 * recipients were never frozen). A mailing that is sending is paused instead, not cancelled.
 */
export function cancelMailing(db: Db, actor: Actor, mailingId: string): Promise<ControlResult> {
  return transition(db, actor, mailingId, ['draft', 'scheduled'], 'cancelled');
}
