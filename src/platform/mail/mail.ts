import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared/index.js';
import type { Db } from '../db/database.js';
import { mailOutbox, type MailAttachment } from './tables.js';

export type { MailAttachment } from './tables.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind?: 'service' | 'newsletter';
  /** Small generated files (a calendar invitation); stored with the mail until it is delivered. */
  attachments?: MailAttachment[];
}

/** Writes the mail to the outbox in the caller's transaction; the dispatcher delivers it after commit. */
export async function queueMail(db: Db, mail: OutgoingMail): Promise<string> {
  const [row] = await db
    .insert(mailOutbox)
    .values({
      toAddress: mail.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html ?? null,
      kind: mail.kind ?? 'service',
      attachments: mail.attachments && mail.attachments.length > 0 ? mail.attachments : null,
    })
    .returning({ id: mailOutbox.id });
  return row.id;
}

export interface MailTransport {
  send(mail: { from: string; to: string; subject: string; text: string; html?: string; attachments?: MailAttachment[] }): Promise<{ messageId: string }>;
  close?(): void;
}

export function smtpTransport(smtpUrl: string): MailTransport {
  // Timeouts well inside the dispatcher's lease, so a stuck server cannot outlive the claim. They go
  // into the transport options with the URL's settings spread in: given a URL string, nodemailer
  // would treat a second argument as message defaults and ignore the timeouts.
  const transporter: Transporter = nodemailer.createTransport({ ...parseConnectionUrl(smtpUrl), connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  return {
    async send(mail) {
      const info = await transporter.sendMail(mail);
      return { messageId: String(info.messageId ?? '') };
    },
    close: () => transporter.close(),
  };
}

export const MAX_MAIL_ATTEMPTS = 6;

/** 30 s, 2 min, 8 min, 32 min, ~2 h: a refused or slow SMTP server gets time to recover. */
export function retryDelaySeconds(attempt: number): number {
  return 30 * 4 ** (attempt - 1);
}

export interface DispatchResult {
  claimed: number;
  sent: number;
  failed: number;
  captured: number;
}

/** How long a claimed mail belongs to its dispatcher; longer than the SMTP timeouts below. */
export const LEASE_SECONDS = 120;

/**
 * Claims due mails in one short transaction (`FOR UPDATE SKIP LOCKED`, so several dispatchers never
 * take the same row) and leases them, then sends them outside any transaction and records each
 * outcome. A dispatcher that dies mid-batch loses no mail: when the lease runs out the batch is
 * claimed again, so at most the mails of that batch that had already gone out are sent twice.
 * Without a transport the mails are marked captured: they stay readable at the development mail page.
 */
export async function dispatchDueMail(db: Db, transport: MailTransport | null, from: string, batchSize = 50): Promise<DispatchResult> {
  const result: DispatchResult = { claimed: 0, sent: 0, failed: 0, captured: 0 };
  const due = await db.transaction(async (tx) => {
    const ids = tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(inArray(mailOutbox.status, ['pending', 'sending']), lte(mailOutbox.nextAttemptAt, sql`now()`)))
      .orderBy(mailOutbox.nextAttemptAt)
      .limit(batchSize)
      .for('update', { skipLocked: true });
    return tx
      .update(mailOutbox)
      .set(
        transport
          ? { status: 'sending', attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt: sql`now() + make_interval(secs => ${LEASE_SECONDS})` }
          : { status: 'captured', attempts: sql`${mailOutbox.attempts} + 1` },
      )
      .where(inArray(mailOutbox.id, ids))
      .returning();
  });
  result.claimed = due.length;
  if (!transport) {
    result.captured = due.length;
    return result;
  }
  for (const m of due) {
    try {
      const info = await transport.send({
        from,
        to: m.toAddress,
        subject: m.subject,
        text: m.textBody,
        html: m.htmlBody ?? undefined,
        ...(m.attachments && m.attachments.length > 0 ? { attachments: m.attachments } : {}),
      });
      await db.update(mailOutbox).set({ status: 'sent', sentAt: new Date(), messageId: info.messageId, lastError: null }).where(eq(mailOutbox.id, m.id));
      result.sent++;
    } catch (err) {
      const reason = err instanceof Error ? err.message.slice(0, 500) : String(err);
      const permanent = isPermanentFailure(err) || m.attempts >= MAX_MAIL_ATTEMPTS;
      await db
        .update(mailOutbox)
        .set({
          status: permanent ? 'failed' : 'pending',
          lastError: reason,
          nextAttemptAt: sql`now() + make_interval(secs => ${retryDelaySeconds(m.attempts)})`,
        })
        .where(eq(mailOutbox.id, m.id));
      result.failed++;
    }
  }
  return result;
}

/** SMTP 5xx answers (unknown mailbox, rejected address) will not get better by retrying. */
function isPermanentFailure(err: unknown): boolean {
  const code = (err as { responseCode?: number } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
