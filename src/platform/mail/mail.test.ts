import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { testDatabase } from '../../test/database.js';
import { createPerson, formSession, postForm, testApp, type TestApp } from '../../test/app.js';
import type { Database } from '../db/database.js';
import { dispatchDueMail, MAX_MAIL_ATTEMPTS, queueMail, smtpTransport, type MailTransport } from './mail.js';
import { mailOutbox } from './tables.js';

const FROM = 'Forening <no-reply@forening.test>';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** How the fake server answers: recipients named "refused…" get 550, "later…" get 451. */
const behaviour = { dataDelayMs: 0 };
let received: Received[] = [];
let server: SMTPServer;
let smtpUrl: string;
let database: Database;
const transports: MailTransport[] = [];

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

function transport(): MailTransport {
  const t = smtpTransport(smtpUrl);
  transports.push(t);
  return t;
}

/** The text of a single-part message, undoing quoted-printable or base64 transfer encoding. */
function bodyText(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}

function header(raw: string, name: string): string | undefined {
  const headers = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1];
}

async function outbox(id: string) {
  const [row] = await database.db
    .select({
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      messageId: mailOutbox.messageId,
      lastError: mailOutbox.lastError,
      sentAt: mailOutbox.sentAt,
      retryInSeconds: sql<number>`extract(epoch from ${mailOutbox.nextAttemptAt} - now())::float8`,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.id, id));
  return row;
}

beforeAll(async () => {
  server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('refused')) return callback(smtpError(550, 'No such user here'));
      if (address.address.startsWith('later')) return callback(smtpError(451, 'Greylisted, try again later'));
      callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const done = () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        };
        if (behaviour.dataDelayMs) setTimeout(done, behaviour.dataDelayMs);
        else done();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  database = await testDatabase();
});

afterAll(async () => {
  for (const t of transports) t.close?.();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database?.close();
});

beforeEach(async () => {
  // dispatchDueMail takes every due mail: each test starts from an empty outbox.
  await database.db.delete(mailOutbox);
  received = [];
  behaviour.dataDelayMs = 0;
});

describe('mail dispatch over SMTP', () => {
  it('delivers queued mails and marks them sent with the message id', async () => {
    const ids = [
      await queueMail(database.db, { to: 'anna@example.org', subject: 'Velkommen', text: 'Hej Anna, velkommen i foreningen.' }),
      await queueMail(database.db, { to: 'bo@example.org', subject: 'Møde', text: 'Hej Bo', html: '<p>Hej <b>Bo</b></p>' }),
    ];
    const result = await dispatchDueMail(database.db, transport(), FROM);
    expect(result).toEqual({ claimed: 2, sent: 2, failed: 0, captured: 0 });

    expect(received).toHaveLength(2);
    const anna = received.find((r) => r.to.includes('anna@example.org'))!;
    expect(anna.from).toBe('no-reply@forening.test');
    expect(bodyText(anna.raw)).toContain('Hej Anna, velkommen i foreningen.');
    expect(received.find((r) => r.to.includes('bo@example.org'))!.raw).toContain('<b>Bo</b>');

    for (const id of ids) {
      const row = await outbox(id);
      expect(row.status).toBe('sent');
      expect(row.attempts).toBe(1);
      expect(row.sentAt).toBeInstanceOf(Date);
      expect(row.lastError).toBeNull();
      expect(row.messageId).toMatch(/^<.+@.+>$/);
    }
    // The stored id is the Message-ID the recipient's server got.
    expect(header(anna.raw, 'Message-ID')).toBe((await outbox(ids[0])).messageId);

    // Sent mail is not sent again.
    expect((await dispatchDueMail(database.db, transport(), FROM)).claimed).toBe(0);
    expect(received).toHaveLength(2);
  });

  it('sends an attachment stored with the mail (a calendar invitation) as a MIME part of its type', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Fyraftensmøde\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const id = await queueMail(database.db, {
      to: 'cal@example.org',
      subject: 'Invitation',
      text: 'Se vedhæftet',
      attachments: [{ filename: 'moede.ics', contentType: 'text/calendar; charset=utf-8', content: ics }],
    });
    const [stored] = await database.db.select({ attachments: mailOutbox.attachments }).from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(stored.attachments).toEqual([{ filename: 'moede.ics', contentType: 'text/calendar; charset=utf-8', content: ics }]);
    await dispatchDueMail(database.db, transport(), FROM);
    expect(received).toHaveLength(1);
    const raw = received[0].raw;
    expect(raw).toMatch(/content-type:\s*multipart\/mixed/i);
    expect(raw).toMatch(/content-type:\s*text\/calendar/i);
    expect(raw).toMatch(/filename="?moede\.ics"?/);
    // The attachment's text arrives whole, whatever transfer encoding nodemailer picked.
    const part = raw.slice(raw.search(/content-type:\s*text\/calendar/i));
    const body = part.slice(part.indexOf('\r\n\r\n') + 4, part.indexOf('\r\n--'));
    const decoded = /content-transfer-encoding:\s*base64/i.test(part.slice(0, part.indexOf('\r\n\r\n'))) ? Buffer.from(body, 'base64').toString('utf8') : bodyText(part);
    expect(decoded).toContain('SUMMARY:Fyraftensmøde');
    expect((await outbox(id)).status).toBe('sent');
  });

  it('marks mails captured when there is no transport, and sends nothing', async () => {
    const id = await queueMail(database.db, { to: 'local@example.org', subject: 'Lokal', text: 'Kun i udbakken' });
    const result = await dispatchDueMail(database.db, null, FROM);
    expect(result).toEqual({ claimed: 1, sent: 0, failed: 0, captured: 1 });
    const row = await outbox(id);
    expect(row.status).toBe('captured');
    expect(row.attempts).toBe(1);
    expect(row.messageId).toBeNull();
    expect(received).toHaveLength(0);
    // Captured is final: a transport configured later does not send it.
    expect((await dispatchDueMail(database.db, transport(), FROM)).claimed).toBe(0);
  });

  it('fails a mail refused with 550 at once, with the reason, and never retries it', async () => {
    const refused = await queueMail(database.db, { to: 'refused@example.org', subject: 'Nej', text: 'x' });
    const fine = await queueMail(database.db, { to: 'fine@example.org', subject: 'Ja', text: 'y' });
    const result = await dispatchDueMail(database.db, transport(), FROM);
    expect(result).toMatchObject({ claimed: 2, sent: 1, failed: 1 });

    const row = await outbox(refused);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('550');
    expect(row.lastError).toContain('No such user here');
    // One refused recipient does not stop the rest of the batch.
    expect((await outbox(fine)).status).toBe('sent');
    expect(received.map((r) => r.to)).toEqual([['fine@example.org']]);

    // Even when its retry time has come, a failed mail is not picked up again.
    await database.db.update(mailOutbox).set({ nextAttemptAt: sql`now() - interval '1 day'` }).where(eq(mailOutbox.id, refused));
    expect((await dispatchDueMail(database.db, transport(), FROM)).claimed).toBe(0);
    expect((await outbox(refused)).attempts).toBe(1);
  });

  it('keeps a mail answered with 451 pending and retries it later with back-off', async () => {
    const id = await queueMail(database.db, { to: 'later@example.org', subject: 'Senere', text: 'z' });
    const result = await dispatchDueMail(database.db, transport(), FROM);
    expect(result).toMatchObject({ claimed: 1, sent: 0, failed: 1 });

    const row = await outbox(id);
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('451');
    expect(row.retryInSeconds).toBeGreaterThan(20);
    expect(row.retryInSeconds).toBeLessThanOrEqual(30);
    // Not due yet: the next round leaves it alone.
    expect((await dispatchDueMail(database.db, transport(), FROM)).claimed).toBe(0);

    // When due again and refused again, the wait grows.
    await database.db.update(mailOutbox).set({ nextAttemptAt: sql`now() - interval '1 second'` }).where(eq(mailOutbox.id, id));
    await dispatchDueMail(database.db, transport(), FROM);
    const second = await outbox(id);
    expect(second).toMatchObject({ status: 'pending', attempts: 2 });
    expect(second.retryInSeconds).toBeGreaterThan(row.retryInSeconds * 2);
    expect(received).toHaveLength(0);
  });

  it('gives up on a temporarily refused mail after the last attempt', async () => {
    const id = await queueMail(database.db, { to: 'later.again@example.org', subject: 'Sidste', text: 'z' });
    await database.db.update(mailOutbox).set({ attempts: MAX_MAIL_ATTEMPTS - 1 }).where(eq(mailOutbox.id, id));
    await dispatchDueMail(database.db, transport(), FROM);
    expect(await outbox(id)).toMatchObject({ status: 'failed', attempts: MAX_MAIL_ATTEMPTS });
  });

  it('retries when the SMTP server cannot be reached', async () => {
    const id = await queueMail(database.db, { to: 'anyone@example.org', subject: 'Nede', text: 'z' });
    // A port nothing listens on: take one from the OS, then let it go.
    const closed = new SMTPServer({ disabledCommands: ['STARTTLS'], authOptional: true, logger: false });
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const down = smtpTransport(`smtp://127.0.0.1:${port}`);
    transports.push(down);
    await dispatchDueMail(database.db, down, FROM);
    const row = await outbox(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
  });

  it('never sends a mail twice when two dispatchers run at once against a slow server', async () => {
    const count = 6;
    for (let i = 0; i < count; i++) await queueMail(database.db, { to: `member${i}@example.org`, subject: `Nr. ${i}`, text: `Brev ${i}` });
    behaviour.dataDelayMs = 300;
    const results = await Promise.all([dispatchDueMail(database.db, transport(), FROM), dispatchDueMail(database.db, transport(), FROM)]);

    expect(results.reduce((n, r) => n + r.claimed, 0)).toBe(count);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(count);
    const recipients = received.flatMap((r) => r.to).sort();
    expect(recipients).toEqual([...Array(count).keys()].map((i) => `member${i}@example.org`).sort());
    const [{ sent }] = await database.db.select({ sent: sql<number>`count(*) filter (where ${mailOutbox.status} = 'sent')::int` }).from(mailOutbox);
    expect(sent).toBe(count);
  });

  it('leaves a leased mail alone and takes it back when the lease of a dead dispatcher runs out', async () => {
    const id = await queueMail(database.db, { to: 'lease@example.org', subject: 'Lease', text: 'Hej' });
    // A dispatcher claimed it and died before recording anything.
    await database.db.update(mailOutbox).set({ status: 'sending', attempts: 1, nextAttemptAt: sql`now() + interval '2 minutes'` }).where(eq(mailOutbox.id, id));
    expect((await dispatchDueMail(database.db, transport(), FROM)).claimed).toBe(0);
    expect(received.filter((r) => r.to.includes('lease@example.org'))).toHaveLength(0);
    await database.db.update(mailOutbox).set({ nextAttemptAt: sql`now() - interval '1 second'` }).where(eq(mailOutbox.id, id));
    expect((await dispatchDueMail(database.db, transport(), FROM)).sent).toBe(1);
    expect(received.filter((r) => r.to.includes('lease@example.org'))).toHaveLength(1);
    expect(await outbox(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('splits due mail between dispatchers by batch size without overlap', async () => {
    const count = 9;
    for (let i = 0; i < count; i++) await queueMail(database.db, { to: `batch${i}@example.org`, subject: `B ${i}`, text: `b ${i}` });
    behaviour.dataDelayMs = 100;
    const results = await Promise.all([1, 2, 3].map(() => dispatchDueMail(database.db, transport(), FROM, 4)));
    expect(results.every((r) => r.claimed <= 4)).toBe(true);
    const total = results.reduce((n, r) => n + r.sent, 0);
    const recipients = received.flatMap((r) => r.to);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(recipients).toHaveLength(total);
    // Whatever one round left behind, the next takes; nothing is lost or doubled.
    while ((await dispatchDueMail(database.db, transport(), FROM, 4)).claimed > 0);
    expect(received.flatMap((r) => r.to).sort()).toEqual([...Array(count).keys()].map((i) => `batch${i}@example.org`).sort());
  });
});

describe('a log-in link through the app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({}, database);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is delivered over SMTP with a link that works', async () => {
    const person = await createPerson(t.database, [['member', null]], { firstName: 'Søren', preferredLocale: 'da' });
    const s = await formSession(t.app, '/login');
    const res = await postForm(t.app, '/login/link', s, { email: person.email! });
    expect(res.statusCode).toBe(303);
    expect(received).toHaveLength(0);

    const result = await dispatchDueMail(t.database.db, transport(), t.config.MAIL_FROM);
    expect(result).toMatchObject({ claimed: 1, sent: 1 });
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail.to).toEqual([person.email]);
    expect(mail.from).toBe('no-reply@forening.localhost');
    const text = bodyText(mail.raw);
    expect(text).toContain('Søren');
    const link = /http:\/\/forening\.test(\/login\/link\/[A-Za-z0-9_-]+)/.exec(text)?.[1];
    expect(link).toBeDefined();

    // The link in the delivered mail is a live one: its page offers to log in.
    const page = await t.app.inject({ method: 'GET', url: link! });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="${link}"`);
  });
});
