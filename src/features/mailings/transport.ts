import { randomUUID } from 'node:crypto';
import net from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { parseConnectionUrl } from 'nodemailer/lib/shared/index.js';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { Db } from '../../platform/db/database.js';
import { mailOutbox } from '../../platform/mail/tables.js';

/** One rendered mailing message as the dispatcher hands it to a transport. */
export interface MailingMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /**
   * `List-Unsubscribe` and `List-Unsubscribe-Post` for newsletters; a service mail's threading headers
   * (`Message-ID`, `In-Reply-To`, `References`) when it has them; else empty.
   */
  headers: Record<string, string>;
  kind: 'newsletter' | 'service';
}

/**
 * Where the dispatcher delivers mailing messages. `send` resolves when the SMTP server accepted the
 * message, and rejects with nodemailer's error otherwise (`responseCode` for an SMTP answer, `code`
 * such as ETIMEDOUT or ECONNREFUSED for the network).
 */
export interface MailingTransport {
  send(message: MailingMessage): Promise<{ messageId: string | null }>;
  /** How many messages the transport can have in flight at once (its SMTP connections). */
  readonly connections: number;
  close(): void;
}

export interface PooledSmtpOptions {
  connections: number;
  /**
   * Timeouts in ms. Together they stay well inside the dispatcher's lease (a message is only started
   * in the first three quarters of it), so a stuck server cannot outlive a claim.
   */
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
}

export const SMTP_TIMEOUTS = { connectionTimeoutMs: 30_000, greetingTimeoutMs: 30_000, socketTimeoutMs: 60_000 } as const;

/**
 * Opens the TCP connection for nodemailer with Nagle's algorithm off. nodemailer writes the end of
 * each message (`\r\n.\r\n`) as a small write of its own; with Nagle on, it waits for the server's
 * delayed ACK of the body (40 ms on Linux), which caps a connection at about 20 messages a second.
 * nodemailer has no option for it, only this hook; TLS (implicit or STARTTLS) is layered on top as usual.
 */
export function noDelaySocket(connectionTimeoutMs: number): NonNullable<SMTPPool.Options['getSocket']> {
  return (options, callback) => {
    const socket = net.connect({ host: options.host, port: options.port ?? (options.secure ? 465 : 587), localAddress: options.localAddress });
    socket.setNoDelay(true);
    const timer = setTimeout(() => socket.destroy(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })), connectionTimeoutMs);
    const failed = (err: Error) => {
      clearTimeout(timer);
      callback(err, undefined as never);
    };
    socket.once('error', failed);
    socket.once('connect', () => {
      clearTimeout(timer);
      // From here on nodemailer listens for the socket's errors itself.
      socket.off('error', failed);
      callback(null, { connection: socket });
    });
  };
}

const domains = new Map<string, string>();

/** The domain of the sender's address (`Forening <no-reply@forening.dk>` → `forening.dk`), for Message-IDs. */
function domainOf(from: string): string {
  let domain = domains.get(from);
  if (domain === undefined) {
    domain = /@([^\s>@]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
    domains.set(from, domain);
  }
  return domain;
}

/** The message's own `Message-ID` when its mailing gave one (a discussion's), and the other headers without it. */
function splitMessageId(headers: Record<string, string>): { given: string | undefined; rest: Record<string, string> } {
  let given: string | undefined;
  const rest: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === 'message-id') given = v;
    else rest[k] = v;
  }
  return { given, rest };
}

/**
 * nodemailer with a pool of SMTP connections on `SMTP_URL`: each connection stays open across
 * messages (no TCP + greeting + TLS per message), which is what makes thousands a second possible.
 */
export function pooledSmtpTransport(smtpUrl: string, opts: PooledSmtpOptions): MailingTransport {
  // `maxRequeues` is nodemailer's (since 6.9) but not yet in @types/nodemailer.
  const options: SMTPPool.Options & { maxRequeues: number } = {
    // nodemailer ignores every other option when given `url`: the URL's settings (host, port, user,
    // TLS) are spread in instead, and the pool settings below win.
    ...parseConnectionUrl(smtpUrl),
    pool: true,
    maxConnections: opts.connections,
    // The default reconnects after every 100 messages; a mailing is many more.
    maxMessages: Infinity,
    // By default the pool silently re-sends a message whose connection dropped, again and again, past
    // any lease. Every failure goes back to the dispatcher instead, which retries with back-off.
    maxRequeues: 0,
    connectionTimeout: opts.connectionTimeoutMs ?? SMTP_TIMEOUTS.connectionTimeoutMs,
    greetingTimeout: opts.greetingTimeoutMs ?? SMTP_TIMEOUTS.greetingTimeoutMs,
    socketTimeout: opts.socketTimeoutMs ?? SMTP_TIMEOUTS.socketTimeoutMs,
    getSocket: noDelaySocket(opts.connectionTimeoutMs ?? SMTP_TIMEOUTS.connectionTimeoutMs),
  };
  const transporter: Transporter = nodemailer.createTransport(options);
  return {
    connections: opts.connections,
    async send(m) {
      // Our own Message-ID and boundary: nodemailer makes each from five and one calls to the
      // system's random source, a measurable share of building a message. A discussion's mail brings
      // its own Message-ID (others answer it by that id); it goes in once, as nodemailer's option.
      const { given, rest } = splitMessageId(m.headers);
      const messageId = given ?? `<${randomUUID()}@${domainOf(m.from)}>`;
      // `baseBoundary` is a MailComposer option that @types/nodemailer does not list.
      const mail: Mail.Options & { baseBoundary: string } = {
        from: m.from,
        to: m.to,
        subject: m.subject,
        html: m.html,
        text: m.text,
        headers: rest,
        messageId,
        baseBoundary: randomUUID().replaceAll('-', ''),
        // What nodemailer would pick for Danish, Swedish and English text anyway; saying so spares it
        // counting every character of every message to decide (half the cost of building one).
        textEncoding: 'quoted-printable',
      };
      const message = new MailComposer(mail).compile();
      // Built whole before it goes out: streamed, the message leaves in dozens of small writes, each
      // a system call and a TCP segment of its own (Nagle is off), which cost more than building it.
      const raw = await message.build();
      await transporter.sendMail({ envelope: message.getEnvelope(), raw, messageId });
      return { messageId };
    },
    close: () => transporter.close(),
  };
}

/**
 * Without SMTP (a development machine, a demo) each message is written to the mail outbox as
 * `captured`, so the development mail page `/admin/mail` shows exactly what would have gone out.
 */
export function captureTransport(db: Db): MailingTransport {
  return {
    connections: 4,
    async send(m) {
      const { given } = splitMessageId(m.headers);
      const headers = Object.keys(m.headers).length > 0 ? m.headers : null;
      const [row] = await db
        .insert(mailOutbox)
        .values({ toAddress: m.to, subject: m.subject, textBody: m.text, htmlBody: m.html, kind: m.kind, status: 'captured', attempts: 1, headers, messageId: given ?? null })
        .returning({ id: mailOutbox.id });
      return { messageId: given ?? `<${row.id}@captured.forening>` };
    },
    close: () => {},
  };
}

/** The transport a worker process uses: pooled SMTP when `SMTP_URL` is set, else capture. */
export function mailingTransport(db: Db, config: { SMTP_URL?: string; MAILING_SMTP_CONNECTIONS: number }): MailingTransport {
  return config.SMTP_URL ? pooledSmtpTransport(config.SMTP_URL, { connections: config.MAILING_SMTP_CONNECTIONS }) : captureTransport(db);
}
