import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { isLocale } from '../../platform/i18n/i18n.js';
import { memberNumberSql } from '../members/index.js';
import type { RecipientFields } from './contract.js';

/**
 * The durable sending queue: a mailing's frozen recipients (`mailing_recipients`) are claimed in
 * batches, leased, and marked with their outcome, all set-based. The dispatcher (dispatch.ts) holds
 * no state that matters: whatever it had claimed when it died is claimed again when the lease runs out.
 */

/** A claimed recipient: the merge-field data plus which attempt this is. */
export interface ClaimedRecipient extends RecipientFields {
  attempts: number;
}

export interface SendingMailing {
  id: string;
  ratePerSecond: number | null;
}

/** The mailings whose recipients may be claimed now; oldest freeze first, so a queue drains in order. */
export async function sendingMailings(db: Db): Promise<SendingMailing[]> {
  return queryRows<SendingMailing>(db, sql`select id, rate_per_second as "ratePerSecond" from mailings where status = 'sending' order by frozen_at, id`);
}

/**
 * Claims up to `limit` due recipients of one mailing: `pending` ones whose retry time has come and
 * `sending` ones whose lease ran out (their dispatcher died). SKIP LOCKED lets several dispatchers claim
 * side by side without ever taking the same row; the lease (`next_attempt_at` while `sending`) keeps a
 * claimed row from being taken again after this transaction commits. The partial index on
 * (mailing_id, next_attempt_at) gives the rows in order without a sort, whatever the mailing's size.
 */
export async function claimRecipients(tx: Db, mailingId: string, limit: number, leaseSeconds: number): Promise<ClaimedRecipient[]> {
  const rows = await queryRows<{ id: string | number; personId: string | null; email: string; locale: string; attempts: number; firstName: string; lastName: string; memberNumber: string | null }>(
    tx,
    sql`with due as (
          select r.id from mailing_recipients r
          where r.mailing_id = ${mailingId} and r.status in ('pending', 'sending') and r.next_attempt_at <= now()
          order by r.next_attempt_at
          limit ${limit}
          for update of r skip locked
        ), claimed as (
          update mailing_recipients r
          set status = 'sending', attempts = r.attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
          from due where r.id = due.id
          returning r.id, r.person_id, r.email, r.locale, r.attempts
        )
        select c.id, c.person_id as "personId", c.email, c.locale, c.attempts,
          coalesce(p.first_name, '') as "firstName", coalesce(p.last_name, '') as "lastName", ${memberNumberSql(sql`c.person_id`)} as "memberNumber"
        from claimed c
        left join persons p on p.id = c.person_id
        order by c.id`,
  );
  return rows.map((r) => ({
    recipientId: Number(r.id),
    personId: r.personId,
    email: r.email,
    locale: isLocale(r.locale) ? r.locale : 'da',
    firstName: r.firstName,
    lastName: r.lastName,
    memberNumber: r.memberNumber,
    attempts: r.attempts,
  }));
}

export interface Delivered {
  recipientId: number;
  messageId: string | null;
}

/** Every message the SMTP server accepted, marked sent in one statement. */
export async function markSent(db: Db, delivered: Delivered[]): Promise<void> {
  if (delivered.length === 0) return;
  // No status guard: the server took the message, so `sent` is the truth even if the lease had run out.
  await db.execute(sql`
    update mailing_recipients r set status = 'sent', sent_at = now(), message_id = v.message_id, last_error = null
    from unnest(${sql.param(delivered.map((d) => d.recipientId))}::bigint[], ${sql.param(delivered.map((d) => d.messageId))}::text[]) as v(id, message_id)
    where r.id = v.id`);
}

export interface Undelivered {
  recipientId: number;
  /** The attempt that failed; a row claimed again by someone else since then is left to them. */
  attempts: number;
  /** `failed` for good, or `pending` to be tried again after `retryInSeconds`. */
  status: 'failed' | 'pending';
  reason: string;
  retryInSeconds: number;
}

/** Every failure with its own reason and next step, in one statement. */
export async function markUndelivered(db: Db, rows: Undelivered[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    update mailing_recipients r set status = v.status, last_error = v.reason, next_attempt_at = now() + make_interval(secs => v.delay)
    from unnest(
      ${sql.param(rows.map((f) => f.recipientId))}::bigint[], ${sql.param(rows.map((f) => f.attempts))}::int[],
      ${sql.param(rows.map((f) => f.status))}::text[], ${sql.param(rows.map((f) => f.reason))}::text[], ${sql.param(rows.map((f) => f.retryInSeconds))}::int[]
    ) as v(id, attempts, status, reason, delay)
    where r.id = v.id and r.status = 'sending' and r.attempts = v.attempts`);
}

/**
 * Claimed rows this dispatcher did not start in time (the lease was running out) or could not render
 * yet: back to `pending`, and the attempt does not count, since nothing was tried.
 */
export async function releaseRecipients(db: Db, rows: { recipientId: number; attempts: number }[], delaySeconds = 0): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    update mailing_recipients r set status = 'pending', attempts = r.attempts - 1, next_attempt_at = now() + make_interval(secs => ${delaySeconds})
    from unnest(${sql.param(rows.map((r) => r.recipientId))}::bigint[], ${sql.param(rows.map((r) => r.attempts))}::int[]) as v(id, attempts)
    where r.id = v.id and r.status = 'sending' and r.attempts = v.attempts`);
}

/**
 * A sending mailing with no recipient left `pending` or `sending` is done: it becomes `sent`. Run by
 * whichever dispatcher gets there first; the status condition makes it happen once.
 */
export async function finishMailings(db: Db, mailingIds: string[]): Promise<string[]> {
  if (mailingIds.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update mailings m set status = 'sent', finished_at = now(), updated_at = now()
        where m.id = any(${sql.param(mailingIds)}::uuid[]) and m.status = 'sending'
          and not exists (select 1 from mailing_recipients r where r.mailing_id = m.id and r.status in ('pending', 'sending'))
        returning m.id`,
  );
  return rows.map((r) => r.id);
}
