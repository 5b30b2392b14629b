import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { LabelTable } from '../i18n/labels.js';

/** A small file sent with a mail (an .ics invitation): the text itself, kept with the mail until it is delivered. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Text content (UTF-8); attachments here are small generated documents, not uploads. */
  content: string;
}

export const mailStatuses = ['pending', 'sending', 'sent', 'failed', 'captured'] as const;
export type MailStatus = (typeof mailStatuses)[number];

/** Each outbox status's name (`mail.statuses.…`). */
export const mailStatusLabel = {
  pending: 'mail.statuses.pending',
  sending: 'mail.statuses.sending',
  sent: 'mail.statuses.sent',
  failed: 'mail.statuses.failed',
  captured: 'mail.statuses.captured',
} as const satisfies LabelTable<MailStatus>;

/**
 * Every e-mail is written here first, in the same transaction as the change that caused it, then
 * delivered by a job. Without SMTP_URL it stays here as "captured" for the development mail page.
 * While a dispatcher sends a mail it is "sending" and `next_attempt_at` is the end of its lease:
 * a dispatcher that dies leaves it to be claimed again when the lease runs out.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    kind: text('kind').notNull().default('service'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    /** Null for most mails; a few carry a small generated file such as a calendar invitation. */
    attachments: jsonb('attachments').$type<MailAttachment[]>(),
    status: text('status').$type<MailStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    messageId: text('message_id'),
    /** Headers the mail carried besides the usual ones (a captured discussion mail's `In-Reply-To`), for the development mail page and tests. */
    headers: jsonb('headers').$type<Record<string, string>>(),
  },
  (t) => [
    check('mail_outbox_status', sql`${t.status} in ('pending','sending','sent','failed','captured')`),
    index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending','sending')`),
    index('mail_outbox_created_idx').on(t.createdAt),
  ],
);
