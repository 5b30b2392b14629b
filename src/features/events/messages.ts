import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { eventFor, mailEvent, recipientsWith } from './access.js';
import { type Refusal } from '../../platform/outcomes.js';
import { eventMail, sendEventMails, type EventMailContext } from './mails.js';
import type { MessageInput } from './schema.js';

/**
 * A message from the office to everyone with a confirmed place: one mail each through the outbox,
 * framed in the recipient's language (the message itself is as written), in one transaction.
 */
export async function messageParticipants(db: Db, actor: Actor, eventId: string, input: MessageInput, ctx: EventMailContext): Promise<{ ok: true; sent: number } | Refusal> {
  return db.transaction(async (tx) => {
    const found = await eventFor(tx, actor, eventId, 'event.message');
    if (!found.ok) return found;
    const recipients = await recipientsWith(tx, eventId, ['confirmed']);
    const sent = await sendEventMails(
      tx,
      recipients.map((r) => eventMail(ctx, 'message', r, mailEvent(found.event), { subject: input.subject, message: input.body })),
    );
    await audit(tx, actor, { action: 'create', entityType: 'event_message', entityId: eventId, fields: ['subject', 'body'] });
    return { ok: true as const, sent };
  });
}
