import type { Db } from '../../platform/db/database.js';
import { MAX_MAIL_ATTEMPTS, retryDelaySeconds } from '../../platform/mail/mail.js';
import type { MailingLinkContext, PreparedMailing } from './contract.js';
import { prepareMailing } from './render.js';
import { Semaphore, TokenBucket } from './rate-limit.js';
import { claimRecipients, finishMailings, markSent, markUndelivered, releaseRecipients, sendingMailings, type ClaimedRecipient, type Delivered, type Undelivered } from './queue.js';
import type { MailingTransport } from './transport.js';

/**
 * The mailing dispatcher: claim a batch of due recipients (one short transaction), render and send
 * them through the pooled transport at each mailing's rate, then record the outcomes set-based.
 *
 * Crash guarantee: the claim commits before anything is sent and `sent` is written after the batch,
 * so a dispatcher killed mid-batch leaves its rows `sending` under a lease; when the lease runs out
 * another dispatcher claims them again. Nobody is lost; only messages of the batch in flight that had
 * already reached the SMTP server can go twice (at most one batch); a row marked `sent` never goes again.
 */

/** How long a claim belongs to its dispatcher, beyond the time its rate needs to send the batch. */
export const MAILING_LEASE_SECONDS = 300;
/** A batch of a slow mailing holds at most this many seconds of its sending, so claims stay small. */
const BATCH_SECONDS = 10;
/** How long a mailing compiled for rendering is reused; its content cannot change once it is sending. */
const PREPARED_TTL_MS = 5 * 60_000;
/** A mailing that cannot be prepared (a bug, a database hiccup) is tried again after this. */
const PREPARE_RETRY_SECONDS = 60;

export interface MailingDispatchOptions {
  /** The sender of every message (`MAIL_FROM`). */
  from: string;
  /** Links in the mail (unsubscribe, register) point here. */
  baseUrl: string;
  batchSize: number;
  /** Messages per second for mailings without their own `rate_per_second` (`MAILING_RATE`). */
  defaultRate: number;
  leaseSeconds?: number;
  /** What a dispatcher keeps between batches; pass the same one to every batch of a process. */
  state?: DispatcherState;
}

export interface MailingDispatchResult {
  claimed: number;
  sent: number;
  /** Failed for good (refused with 5xx, out of attempts, invalid). */
  failed: number;
  /** Temporarily refused or timed out: back to `pending` with back-off. */
  retrying: number;
  /** Claimed but not started before the lease ran short, or not renderable yet: back to `pending`. */
  released: number;
  /** Mailings that became `sent` in this round. */
  finished: string[];
  /** Mailings that could not be prepared (their rows were released); for the worker's log. */
  errors: { mailingId: string; error: unknown }[];
}

/**
 * What one dispatcher process remembers between batches: each mailing compiled once for rendering,
 * each mailing's token bucket (so its rate holds across batches), and the in-flight limit shared by
 * all batches on the transport.
 */
export class DispatcherState {
  private readonly prepared = new Map<string, { at: number; value: Promise<PreparedMailing> }>();
  private readonly buckets = new Map<string, TokenBucket>();
  private slots: Semaphore | null = null;

  preparedMailing(db: Db, mailingId: string, ctx: MailingLinkContext): Promise<PreparedMailing> {
    const hit = this.prepared.get(mailingId);
    if (hit && Date.now() - hit.at < PREPARED_TTL_MS) return hit.value;
    const value = prepareMailing(db, mailingId, ctx);
    this.prepared.set(mailingId, { at: Date.now(), value });
    value.catch(() => this.prepared.delete(mailingId));
    return value;
  }

  bucket(mailingId: string, rate: number): TokenBucket {
    let bucket = this.buckets.get(mailingId);
    if (!bucket) {
      bucket = new TokenBucket(rate);
      this.buckets.set(mailingId, bucket);
    } else bucket.setRate(rate);
    return bucket;
  }

  inFlight(transport: MailingTransport): Semaphore {
    // Twice the connections: each connection has its next message ready when it finishes one, and
    // nothing waits long inside nodemailer's queue, where our start deadline could not see it.
    this.slots ??= new Semaphore(Math.max(1, transport.connections * 2));
    return this.slots;
  }

  /** Mailings no longer sending (finished, paused, cancelled) need nothing kept. */
  keepOnly(mailingIds: Set<string>): void {
    for (const id of this.prepared.keys()) if (!mailingIds.has(id)) this.prepared.delete(id);
    for (const id of this.buckets.keys()) if (!mailingIds.has(id)) this.buckets.delete(id);
  }
}

interface Claim {
  mailingId: string;
  rate: number;
  rows: ClaimedRecipient[];
  /** No message of this claim is started after this (ms since epoch): its lease must outlast the send. */
  startBy: number;
}

/** SMTP 5xx, or nodemailer refusing the address itself: retrying will not help. */
function isPermanent(err: unknown): boolean {
  const e = err as { responseCode?: unknown; code?: unknown } | null;
  if (typeof e?.responseCode === 'number') return e.responseCode >= 500 && e.responseCode < 600;
  return e?.code === 'EENVELOPE';
}

/** The server's own words when it answered, else the network error; no message content. */
function describe(err: unknown): string {
  const e = err as { response?: unknown; code?: unknown; message?: unknown } | null;
  const text = typeof e?.response === 'string' && e.response ? e.response : `${typeof e?.code === 'string' ? e.code + ': ' : ''}${String(e?.message ?? err)}`;
  return text.slice(0, 500);
}

function outcomeOf(row: ClaimedRecipient, err: unknown): Undelivered {
  const final = isPermanent(err) || row.attempts >= MAX_MAIL_ATTEMPTS;
  return { recipientId: row.recipientId, attempts: row.attempts, status: final ? 'failed' : 'pending', reason: describe(err), retryInSeconds: final ? 0 : retryDelaySeconds(row.attempts) };
}

/** One short transaction: the due rows of each sending mailing, oldest mailing first, up to the batch size. */
async function claimBatch(db: Db, opts: MailingDispatchOptions): Promise<{ claims: Claim[]; sending: string[] }> {
  const lease = opts.leaseSeconds ?? MAILING_LEASE_SECONDS;
  return db.transaction(async (tx) => {
    const mailings = await sendingMailings(tx);
    const claims: Claim[] = [];
    let room = opts.batchSize;
    for (const m of mailings) {
      if (room <= 0) break;
      const rate = m.ratePerSecond ?? opts.defaultRate;
      const limit = Math.min(room, Math.max(1, Math.floor(rate * BATCH_SECONDS)));
      const sendSeconds = Math.ceil(limit / rate);
      const claimedAt = Date.now();
      const rows = await claimRecipients(tx, m.id, limit, lease + sendSeconds);
      room -= rows.length;
      // The last quarter of the lease is for the last message to finish (SMTP timeouts fit in it).
      claims.push({ mailingId: m.id, rate, rows, startBy: claimedAt + (sendSeconds + lease * 0.75) * 1000 });
    }
    return { claims, sending: mailings.map((m) => m.id) };
  });
}

/**
 * Claims, sends and records one batch. Several dispatchers (in one process or many) may run at once;
 * they never take the same recipient. A paused mailing is not claimed from; its batch in flight completes.
 */
export async function dispatchMailingBatch(db: Db, transport: MailingTransport, opts: MailingDispatchOptions): Promise<MailingDispatchResult> {
  const state = opts.state ?? new DispatcherState();
  const result: MailingDispatchResult = { claimed: 0, sent: 0, failed: 0, retrying: 0, released: 0, finished: [], errors: [] };
  const { claims, sending } = await claimBatch(db, opts);
  state.keepOnly(new Set(sending));
  result.claimed = claims.reduce((n, c) => n + c.rows.length, 0);

  const delivered: Delivered[] = [];
  const undelivered: Undelivered[] = [];
  const released: { recipientId: number; attempts: number }[] = [];
  const slots = state.inFlight(transport);
  const ctx: MailingLinkContext = { baseUrl: opts.baseUrl };

  await Promise.all(
    claims
      .filter((c) => c.rows.length > 0)
      .map(async (claim) => {
        let prepared: PreparedMailing;
        try {
          prepared = await state.preparedMailing(db, claim.mailingId, ctx);
        } catch (error) {
          result.errors.push({ mailingId: claim.mailingId, error });
          await releaseRecipients(db, claim.rows, PREPARE_RETRY_SECONDS);
          result.released += claim.rows.length;
          return;
        }
        const bucket = state.bucket(claim.mailingId, claim.rate);
        const sends: Promise<void>[] = [];
        for (const row of claim.rows) {
          // A row whose dispatchers keep dying on it (lease after lease) is given up, not retried forever.
          if (row.attempts > MAX_MAIL_ATTEMPTS) {
            undelivered.push({ recipientId: row.recipientId, attempts: row.attempts, status: 'failed', reason: 'too_many_attempts', retryInSeconds: 0 });
            continue;
          }
          // The token first: a slow mailing waiting for its rate must not hold a connection slot
          // that another mailing's message could use.
          await bucket.take();
          await slots.acquire();
          if (Date.now() > claim.startBy) {
            slots.release();
            released.push(row);
            continue;
          }
          let message;
          try {
            message = prepared.render(row);
          } catch (err) {
            slots.release();
            undelivered.push({ recipientId: row.recipientId, attempts: row.attempts, status: 'failed', reason: `render_error: ${describe(err)}`, retryInSeconds: 0 });
            continue;
          }
          sends.push(
            transport
              .send({ ...message, from: opts.from, kind: prepared.kind })
              .then(
                (info) => void delivered.push({ recipientId: row.recipientId, messageId: info.messageId }),
                (err: unknown) => void undelivered.push(outcomeOf(row, err)),
              )
              .finally(() => slots.release()),
          );
        }
        await Promise.all(sends);
      }),
  );

  await markSent(db, delivered);
  await markUndelivered(db, undelivered);
  await releaseRecipients(db, released);
  result.sent = delivered.length;
  result.failed = undelivered.filter((u) => u.status === 'failed').length;
  result.retrying = undelivered.length - result.failed;
  result.released += released.length;
  // Every sending mailing is checked, also those with nothing due: the last retry may have just ended.
  result.finished = await finishMailings(db, sending);
  return result;
}

/** A dispatcher bound to one process's state, for the worker's poller and the benchmark. */
export function mailingDispatcher(db: Db, transport: MailingTransport, opts: Omit<MailingDispatchOptions, 'state'>): () => Promise<MailingDispatchResult> {
  const state = new DispatcherState();
  return () => dispatchMailingBatch(db, transport, { ...opts, state });
}
