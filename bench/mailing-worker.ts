/**
 * A sending process for bench/mailing.ts (forked, so each sender has its own event loop like a real
 * `forening worker`). Two modes, told by the parent over IPC:
 *
 * - `dispatch`: the real mailing dispatcher (claim → render → pooled SMTP → mark) in `loops`
 *   concurrent loops sharing one transport and one dispatcher state, until nothing is left to claim;
 * - `bare`, the ceilings, with the same connection count and the same number in flight, no database:
 *   `transport` — the same pooled nodemailer transport sending one rendered message `count` times,
 *   building its MIME each time as the dispatcher does; `prebuilt` — nodemailer's pool sending one
 *   MIME message built once, which is SMTP and the sink alone.
 *
 * It opens its database and SMTP connections first, says `ready`, and starts on `go`.
 */
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { parseConnectionUrl } from 'nodemailer/lib/shared/index.js';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { openPostgres } from '../src/platform/db/database.js';
import { dispatchMailingBatch, DispatcherState } from '../src/features/mailings/dispatch.js';
import { noDelaySocket, pooledSmtpTransport } from '../src/features/mailings/transport.js';
import type { RenderedMessage } from '../src/features/mailings/contract.js';

export type WorkerTask =
  | { mode: 'dispatch'; databaseUrl: string; smtpUrl: string; connections: number; batchSize: number; loops: number; from: string; baseUrl: string }
  | { mode: 'bare'; variant: 'transport' | 'prebuilt'; smtpUrl: string; connections: number; count: number; from: string; message: RenderedMessage };

export interface WorkerReport {
  ms: number;
  sent: number;
  failed: number;
  batches: number;
  /** The largest batch claimed (dispatch only). */
  claimedMax: number;
}

const send = (m: unknown) => process.send!(m);

async function dispatch(task: Extract<WorkerTask, { mode: 'dispatch' }>): Promise<void> {
  const database = await openPostgres(task.databaseUrl, task.loops * 2 + 2);
  const transport = pooledSmtpTransport(task.smtpUrl, { connections: task.connections });
  const state = new DispatcherState();
  const opts = { from: task.from, baseUrl: task.baseUrl, batchSize: task.batchSize, defaultRate: 20, state };
  send({ type: 'ready' });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const report: WorkerReport = { ms: 0, sent: 0, failed: 0, batches: 0, claimedMax: 0 };
  const start = performance.now();
  await Promise.all(
    Array.from({ length: task.loops }, async () => {
      for (;;) {
        const r = await dispatchMailingBatch(database.db, transport, opts);
        if (r.errors.length) throw new AggregateError(r.errors.map((e) => e.error), 'dispatch failed');
        if (r.claimed === 0) return;
        report.batches++;
        report.sent += r.sent;
        report.failed += r.failed;
        report.claimedMax = Math.max(report.claimedMax, r.claimed);
      }
    }),
  );
  report.ms = performance.now() - start;
  transport.close();
  await database.close();
  send({ type: 'done', report });
}

async function bare(task: Extract<WorkerTask, { mode: 'bare' }>): Promise<void> {
  const m = task.message;
  let sendOne: (i: number) => Promise<unknown>;
  let close: () => void;
  if (task.variant === 'transport') {
    const transport = pooledSmtpTransport(task.smtpUrl, { connections: task.connections });
    sendOne = (i) => transport.send({ ...m, from: task.from, to: m.to.replace('@', `+${i}@`), kind: 'newsletter' });
    close = () => transport.close();
  } else {
    // The same TCP setting as the dispatcher's transport (Nagle off), so the ceiling is the sink's, not Nagle's.
    const options: SMTPPool.Options = { ...parseConnectionUrl(task.smtpUrl), pool: true, maxConnections: task.connections, maxMessages: Infinity, getSocket: noDelaySocket(30_000) };
    const transporter = nodemailer.createTransport(options);
    const raw = await new MailComposer({ from: task.from, to: m.to, subject: m.subject, html: m.html, text: m.text, headers: m.headers, textEncoding: 'quoted-printable' }).compile().build();
    sendOne = (i) => transporter.sendMail({ envelope: { from: task.from, to: [m.to.replace('@', `+${i}@`)] }, raw });
    close = () => transporter.close();
  }
  send({ type: 'ready' });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const report: WorkerReport = { ms: 0, sent: 0, failed: 0, batches: 0, claimedMax: 0 };
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: task.connections * 2 }, async () => {
      while (next < task.count) {
        try {
          await sendOne(next++);
          report.sent++;
        } catch {
          report.failed++;
        }
      }
    }),
  );
  report.ms = performance.now() - start;
  close();
  send({ type: 'done', report });
}

process.once('message', (task: WorkerTask) => {
  (task.mode === 'dispatch' ? dispatch(task) : bare(task)).catch((err: unknown) => {
    process.stderr.write(String((err as Error)?.stack ?? err) + '\n');
    process.exit(1);
  });
});
