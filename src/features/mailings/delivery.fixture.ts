import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import type { Database } from '../../platform/db/database.js';
import { memberships } from '../members/tables.js';
import { persons, units } from '../../kernel/tables.js';
import { segments } from '../segments/tables.js';
import { insertMailing, type MailingWorld } from './mailings.fixture.js';
import type { MailingKind } from './tables.js';

/** One message as the test SMTP server got it. */
export interface Received {
  to: string[];
  raw: string;
}

/**
 * How the test server answers, by the recipient's address: `refused…` gets 550 every time,
 * `later…` gets 451 the first `laterTimes` times and then is accepted, `slow…` makes the server
 * sit on the RCPT command for `slowMs` the first time (longer than the client's socket timeout).
 */
export interface SmtpSink {
  url: string;
  received: Received[];
  behaviour: { laterTimes: number; slowMs: number; dataDelayMs: number };
  /** SMTP connections opened since the last reset (a pool opens few and keeps them). */
  connections(): number;
  /** How many messages each address got. */
  counts(): Map<string, number>;
  reset(): void;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: Received[] = [];
  const behaviour = { laterTimes: 1, slowMs: 0, dataDelayMs: 0 };
  const tries = new Map<string, number>();
  let connections = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onRcptTo(address, _session, callback) {
      const a = address.address;
      const n = (tries.get(a) ?? 0) + 1;
      tries.set(a, n);
      if (a.startsWith('refused')) return callback(smtpError(550, 'No such user here'));
      if (a.startsWith('later') && n <= behaviour.laterTimes) return callback(smtpError(451, 'Greylisted, try again later'));
      if (a.startsWith('slow') && n === 1 && behaviour.slowMs > 0) return void setTimeout(() => callback(), behaviour.slowMs);
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const done = () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        };
        if (behaviour.dataDelayMs) setTimeout(done, behaviour.dataDelayMs);
        else done();
      });
    },
  });
  // A client killed mid-message (the crash test's SIGKILL) resets its connection; smtp-server reports
  // that as an 'error' event, which would otherwise be thrown as an uncaught exception in the test run.
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    behaviour,
    connections: () => connections,
    counts() {
      const out = new Map<string, number>();
      for (const r of received) for (const to of r.to) out.set(to, (out.get(to) ?? 0) + 1);
      return out;
    },
    reset() {
      received.length = 0;
      tries.clear();
      connections = 0;
      Object.assign(behaviour, { laterTimes: 1, slowMs: 0, dataDelayMs: 0 });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A header of a raw message (unfolded), or undefined. */
export function header(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  return new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1];
}

function decode(headers: string, body: string): string {
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes: number[] = [];
    const soft = body.replace(/=\r?\n/g, '');
    for (let i = 0; i < soft.length; i++) {
      if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
        bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}

/** The leaf parts of a MIME message: their content type and decoded text. */
export function mimeParts(raw: string): { type: string; text: string }[] {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const type = /^content-type:\s*([^;\r\n]+)/im.exec(headers)?.[1]?.trim().toLowerCase() ?? 'text/plain';
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    if (!boundary) return [];
    return body
      .split(`--${boundary}`)
      .slice(1, -1)
      .flatMap((part) => mimeParts(part.replace(/^\r\n/, '')));
  }
  return [{ type, text: decode(headers, body.replace(/\r\n$/, '')) }];
}

export interface Audience {
  unitId: string;
  segmentId: string;
  people: { id: string; email: string; firstName: string; lastName: string; memberNumber: string }[];
}

let audiences = 0;

/**
 * A district of its own with active members whose addresses the test chooses, and a segment of
 * everyone in it: each test mails only its own people.
 */
export async function audience(
  w: MailingWorld,
  emails: string[],
  opts: { locale?: (i: number) => 'da' | 'sv' | 'en' | null; firstName?: (i: number) => string } = {},
): Promise<Audience> {
  const db = w.database.db;
  audiences++;
  const [unit] = await db.insert(units).values({ kind: 'district', parentId: w.org.national, name: `Testkreds ${audiences}` }).returning();
  const people: Audience['people'] = [];
  if (emails.length > 0) {
    const rows = await db
      .insert(persons)
      .values(emails.map((email, i) => ({ firstName: opts.firstName?.(i) ?? `Ida${i}`, lastName: `Sørensen`, email, preferredLocale: opts.locale?.(i) ?? null })))
      .returning();
    const ms = await db
      .insert(memberships)
      .values(rows.map((p) => ({ personId: p.id, typeId: w.typeId, unitId: unit.id, status: 'active' as const })))
      .returning();
    rows.forEach((p, i) => people.push({ id: p.id, email: p.email!, firstName: p.firstName, lastName: p.lastName, memberNumber: ms[i].memberNumber }));
  }
  const [segment] = await db
    .insert(segments)
    .values({ unitId: unit.id, name: `Alle i Testkreds ${audiences}`, filter: { match: 'all', conditions: [], exclude: [] } })
    .returning();
  return { unitId: unit.id, segmentId: segment.id, people };
}

/** A draft mailing to an audience, on behalf of its unit. */
export async function draftTo(
  w: MailingWorld,
  a: Audience,
  opts: { kind?: MailingKind; topicId?: string; contents?: Parameters<typeof insertMailing>[1]['contents']; ratePerSecond?: number } = {},
): Promise<string> {
  const id = await insertMailing(w, { kind: opts.kind ?? 'service', topicId: opts.topicId, segmentId: a.segmentId, contents: opts.contents });
  await w.database.db.execute(sql`update mailings set unit_id = ${a.unitId}, rate_per_second = ${opts.ratePerSecond ?? null} where id = ${id}`);
  return id;
}

/** Recipient rows of a mailing by address. */
export async function recipientRows(database: Database, mailingId: string) {
  const r = await database.executeSql(
    `select email, status, attempts, last_error as "lastError", message_id as "messageId", sent_at as "sentAt", locale,
       extract(epoch from next_attempt_at - now())::float8 as "dueIn"
     from mailing_recipients where mailing_id = $1 order by email collate "C"`,
    [mailingId],
  );
  return r.rows as { email: string; status: string; attempts: number; lastError: string | null; messageId: string | null; sentAt: Date | null; locale: string; dueIn: number }[];
}

export async function mailingStatus(database: Database, mailingId: string): Promise<string> {
  const r = await database.executeSql(`select status from mailings where id = $1`, [mailingId]);
  return String(r.rows[0]?.status);
}

/** Lets time pass for a mailing's waiting recipients: their retry (or lease) is due now. */
export async function makeDue(database: Database, mailingId: string): Promise<void> {
  await database.executeSql(`update mailing_recipients set next_attempt_at = now() - interval '1 second' where mailing_id = $1 and status in ('pending', 'sending')`, [mailingId]);
}
