import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { mailingFor } from './access.js';
import { type Refusal } from '../../platform/outcomes.js';
import type { MailingStatus } from './tables.js';

export interface MailingProgress {
  status: MailingStatus;
  /** Frozen recipients (null until the mailing is sent or its time comes). */
  recipients: number | null;
  pending: number;
  sending: number;
  sent: number;
  failed: number;
  scheduledAt: Date | null;
  frozenAt: Date | null;
  finishedAt: Date | null;
}

/**
 * Where a mailing stands: its status and how many of its recipients are waiting, in flight, sent
 * and failed. One grouped count over the (mailing_id, status) index; cheap enough to poll live.
 */
export async function mailingProgress(db: Db, actor: Actor, mailingId: string): Promise<{ ok: true; progress: MailingProgress } | Refusal> {
  const found = await mailingFor(db, actor, mailingId, 'view');
  if (!found.ok) return found;
  const m = found.mailing;
  const [counts] = await queryRows<{ pending: number; sending: number; sent: number; failed: number }>(
    db,
    sql`select count(*) filter (where status = 'pending')::int as pending, count(*) filter (where status = 'sending')::int as sending,
          count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'failed')::int as failed
        from mailing_recipients where mailing_id = ${mailingId}`,
  );
  return {
    ok: true,
    progress: {
      status: m.status,
      recipients: m.recipientCount,
      ...counts,
      scheduledAt: m.scheduledAt,
      frozenAt: m.frozenAt,
      finishedAt: m.finishedAt,
    },
  };
}

export const FAILURES_PAGE_SIZE = 50;

export interface MailingFailure {
  email: string;
  /** `invalid_address` (found when the recipients were frozen), the SMTP server's answer, or the network error. */
  reason: string | null;
  attempts: number;
}

export interface MailingFailurePage {
  failures: MailingFailure[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * The recipients a mailing could not reach, with why, a page at a time (by address). Addresses are
 * member data: the read is audited.
 */
export async function mailingFailures(db: Db, actor: Actor, mailingId: string, input: { page: number }): Promise<({ ok: true } & MailingFailurePage) | Refusal> {
  const found = await mailingFor(db, actor, mailingId, 'view');
  if (!found.ok) return found;
  const page = Math.max(1, Math.floor(input.page) || 1);
  const rows = await queryRows<MailingFailure & { total: number }>(
    db,
    sql`select email, last_error as reason, attempts, count(*) over ()::int as total
        from mailing_recipients where mailing_id = ${mailingId} and status = 'failed'
        order by lower(email), id
        limit ${FAILURES_PAGE_SIZE} offset ${(page - 1) * FAILURES_PAGE_SIZE}`,
  );
  let total = rows[0]?.total;
  if (total === undefined) {
    // A page past the end: still say how many there are, for the pager.
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from mailing_recipients where mailing_id = ${mailingId} and status = 'failed'`);
    total = c.n;
  }
  await audit(db, actor, { action: 'view', entityType: 'mailing_failures', entityId: mailingId });
  return { ok: true, failures: rows.map(({ email, reason, attempts }) => ({ email, reason, attempts })), total, page, pageSize: FAILURES_PAGE_SIZE };
}
