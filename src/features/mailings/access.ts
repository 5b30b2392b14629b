import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { can, type MailingAction } from './policy.js';
import { mailings } from './tables.js';
import { type Refusal } from '../../platform/outcomes.js';

export type MailingRow = typeof mailings.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The mailing if the actor may do `action` to it. A mailing the actor may not even see reads as
 * "not found" (its existence says something about a segment); one they see but may not change is
 * "forbidden". With `lock`, the row is locked for the rest of the caller's transaction, so two
 * requests changing the same mailing (two tabs, an API retry) run one after the other.
 */
export async function mailingFor(db: Db, actor: Actor, id: string, action: MailingAction, opts: { lock?: boolean } = {}): Promise<{ ok: true; mailing: MailingRow } | Refusal> {
  if (!UUID.test(id)) return { ok: false, reason: 'not_found' };
  const query = db.select().from(mailings).where(eq(mailings.id, id));
  const [mailing] = opts.lock ? await query.for('update') : await query;
  if (!mailing || !can(actor, 'view', mailing)) return { ok: false, reason: 'not_found' };
  if (action !== 'view' && !can(actor, action, mailing)) return { ok: false, reason: 'forbidden' };
  return { ok: true, mailing };
}
