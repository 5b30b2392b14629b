import { eq, sql } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { isLocale } from '../../platform/i18n/i18n.js';
import { getOrganisation } from '../../kernel/organisation.js';
import { loadSegmentFor } from '../segments/index.js';
import { mailingFor } from './access.js';
import type { MailingLinkContext, MailingProblem } from './contract.js';
import { freezeRecipients } from './freeze.js';
import { mailingProblems } from './validate.js';
import { mailings } from './tables.js';

export type SendRefusal = 'not_found' | 'forbidden' | 'already_sent' | 'invalid' | 'empty_segment';
export type SendResult =
  | { ok: true; status: 'sending' | 'scheduled'; recipients: number | null }
  | { ok: false; reason: SendRefusal; problems?: MailingProblem[] };

export interface SendInput {
  /** Send at this time instead of now; a time already past means now. */
  at?: Date;
}

/** Thrown inside the transaction to roll the freeze back; never leaves this module. */
class EmptySegment extends Error {}

/**
 * Sends a mailing now or schedules it. All in one transaction on the locked mailing row, so two
 * simultaneous sends (two tabs, an API retry) freeze once: the second waits for the lock, then finds
 * the mailing no longer a draft (`already_sent`). A mailing with problems (no subject, unknown merge
 * field, no segment, …) is refused with them and stays a draft.
 *
 * With `at` in the future the mailing becomes `scheduled`; its recipients are frozen when the time
 * comes (the scheduler calls this again as the system actor). Otherwise the segment's people are
 * frozen now in one statement and the mailing becomes `sending`; the dispatchers do the rest. An
 * empty segment freezes nothing and changes nothing (`empty_segment`).
 *
 * `ctx` is the link context of the installation; sending needs none today (the dispatcher renders),
 * but the signature is shared with the routes that call it.
 */
export async function sendMailing(db: Db, actor: Actor, mailingId: string, input: SendInput, _ctx?: MailingLinkContext): Promise<SendResult> {
  try {
    return await db.transaction(async (tx): Promise<SendResult> => {
      const found = await mailingFor(tx, actor, mailingId, 'send', { lock: true });
      if (!found.ok) return found;
      const m = found.mailing;
      // Only the scheduler (the system actor) takes a scheduled mailing on; a person sends drafts.
      const due = m.status === 'scheduled' && actor.kind === 'system';
      if (m.status !== 'draft' && !due) return { ok: false, reason: 'already_sent' };

      const problems = await mailingProblems(tx, mailingId);
      if (problems.length > 0) return { ok: false, reason: 'invalid', problems };

      if (!due && input.at && input.at.getTime() > Date.now()) {
        await tx
          .update(mailings)
          .set({ status: 'scheduled', scheduledAt: input.at, sentBy: actorPersonId(actor), updatedAt: sql`now()` })
          .where(eq(mailings.id, mailingId));
        await audit(tx, actor, { action: 'update', entityType: 'mailing', entityId: mailingId, fields: ['status', 'scheduledAt', 'sentBy'] });
        return { ok: true, status: 'scheduled', recipients: null };
      }

      const segment = await loadSegmentFor(tx, actor, m.segmentId!, 'use');
      if (!segment.ok) return { ok: false, reason: 'invalid', problems: [{ path: 'segmentId', code: 'mailing.segment_unknown' }] };
      const organisation = await getOrganisation(tx);
      const recipients = await freezeRecipients(tx, {
        mailingId,
        kind: m.kind,
        topicId: m.topicId,
        segment: segment.segment,
        defaultLocale: isLocale(organisation.defaultLocale) ? organisation.defaultLocale : 'da',
      });
      if (recipients === 0) throw new EmptySegment();
      await tx
        .update(mailings)
        .set({
          status: 'sending',
          recipientCount: recipients,
          frozenAt: sql`now()`,
          // Who pressed send (for a scheduled mailing: who scheduled it), not the scheduler.
          sentBy: m.sentBy ?? actorPersonId(actor),
          updatedAt: sql`now()`,
        })
        .where(eq(mailings.id, mailingId));
      await audit(tx, actor, { action: 'update', entityType: 'mailing', entityId: mailingId, fields: ['status', 'recipientCount', 'frozenAt', 'sentBy'] });
      return { ok: true, status: 'sending', recipients };
    });
  } catch (err) {
    if (err instanceof EmptySegment) return { ok: false, reason: 'empty_segment' };
    throw err;
  }
}
