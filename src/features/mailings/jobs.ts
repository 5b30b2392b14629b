import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { system } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import type { MailingLinkContext } from './contract.js';
import { mailingDispatcher } from './dispatch.js';
import { sendMailing } from './send.js';
import { mailings } from './tables.js';
import { mailingTransport, type MailingTransport } from './transport.js';

export const MAILING_DISPATCH_POLLER = 'mailings.dispatch';
export const MAILING_SCHEDULE_JOB = 'mailings.freeze-scheduled';

export interface DueMailingsResult {
  frozen: string[];
  /** Mailings that could not go when their time came (now invalid, or nobody left in the segment): back to draft. */
  returnedToDraft: { mailingId: string; reason: string }[];
}

/**
 * Freezes every scheduled mailing whose time has come, as the system actor. One that can no longer
 * go (its event was cancelled, its segment is empty now) is put back to `draft`, audited, so staff
 * see it was not sent instead of it waiting for ever.
 */
export async function sendDueMailings(db: Db, ctx: MailingLinkContext, now = new Date()): Promise<DueMailingsResult> {
  const due = await db
    .select({ id: mailings.id })
    .from(mailings)
    .where(and(eq(mailings.status, 'scheduled'), lte(mailings.scheduledAt, now)))
    .orderBy(asc(mailings.scheduledAt))
    .limit(100);
  const out: DueMailingsResult = { frozen: [], returnedToDraft: [] };
  for (const { id } of due) {
    const r = await sendMailing(db, system, id, {}, ctx);
    if (r.ok) out.frozen.push(id);
    else if (r.reason === 'invalid' || r.reason === 'empty_segment') {
      await db.transaction(async (tx) => {
        const back = await tx
          .update(mailings)
          .set({ status: 'draft', updatedAt: sql`now()` })
          .where(and(eq(mailings.id, id), eq(mailings.status, 'scheduled')))
          .returning({ id: mailings.id });
        if (back.length) await audit(tx, system, { action: 'update', entityType: 'mailing', entityId: id, fields: ['status'] });
      });
      out.returnedToDraft.push({ mailingId: id, reason: r.reason });
    }
  }
  return out;
}

/**
 * What a worker process does for mailings: a poller that runs the dispatcher (straight on while there
 * is work, else once a second) and a job every minute that freezes scheduled mailings whose time has
 * come. Each worker process has its own token buckets: N workers send a mailing at up to N × its rate.
 */
export function registerMailingJobs(jobs: Jobs, db: Db, config: Config, transport?: MailingTransport): void {
  const ctx: MailingLinkContext = { baseUrl: config.publicUrl };
  let dispatch: (() => ReturnType<ReturnType<typeof mailingDispatcher>>) | null = null;
  jobs.addPoller({
    name: MAILING_DISPATCH_POLLER,
    intervalMs: 1000,
    run: async () => {
      // The transport (an SMTP pool) is made when the worker first runs, not in every process that only defines jobs.
      dispatch ??= mailingDispatcher(db, transport ?? mailingTransport(db, config), {
        from: config.MAIL_FROM,
        baseUrl: ctx.baseUrl,
        batchSize: config.MAILING_BATCH_SIZE,
        defaultRate: config.MAILING_RATE,
      });
      const result = await dispatch();
      if (result.errors.length > 0) {
        // The rows were released for a later try; the poller logs this (mailing ids only, no personal data).
        throw new AggregateError(
          result.errors.map((e) => e.error),
          `could not prepare mailing(s) ${result.errors.map((e) => e.mailingId).join(', ')}`,
        );
      }
      return result.claimed;
    },
  });
  jobs.define({
    name: MAILING_SCHEDULE_JOB,
    cron: '* * * * *',
    retryLimit: 2,
    retryDelaySeconds: 20,
    handler: async () => {
      await sendDueMailings(db, ctx);
    },
  });
}
