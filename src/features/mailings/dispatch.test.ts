import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.js';
import type { Database } from '../../platform/db/database.js';
import { MAX_MAIL_ATTEMPTS } from '../../platform/mail/mail.js';
import { audience, draftTo, header, makeDue, mailingStatus, mimeParts, recipientRows, startSmtpSink, type SmtpSink } from './delivery.fixture.js';
import { linkCtx, mailingWorld, type MailingWorld } from './mailings.fixture.js';
import { dispatchMailingBatch, DispatcherState, type MailingDispatchOptions, type MailingDispatchResult } from './dispatch.js';
import { captureTransport, pooledSmtpTransport, type MailingTransport } from './transport.js';
import { sendMailing } from './send.js';
import { pauseMailing, resumeMailing } from './control.js';
import { mailingFailures, mailingProgress } from './progress.js';

const FROM = 'Testforbundet <nyhedsbrev@forening.test>';

let database: Database;
let w: MailingWorld;
let sink: SmtpSink;
let smtp: MailingTransport;
const transports: MailingTransport[] = [];

beforeAll(async () => {
  database = await testDatabase();
  w = await mailingWorld(database);
  sink = await startSmtpSink();
  smtp = pooledSmtpTransport(sink.url, { connections: 2 });
  transports.push(smtp);
});

afterEach(async () => {
  sink.reset();
  // Each test mails its own audience; what one leaves waiting for a retry must not reach the next.
  await database.executeSql(`update mailings set status = 'sent' where status in ('sending', 'paused')`);
});

afterAll(async () => {
  for (const t of transports) t.close();
  await sink?.close();
  await database?.close();
});

function options(extra: Partial<MailingDispatchOptions> = {}): MailingDispatchOptions {
  return { from: FROM, baseUrl: linkCtx.baseUrl, batchSize: 50, defaultRate: 1000, state: new DispatcherState(), ...extra };
}

/** Runs batches until one claims nothing; returns every batch's result. */
async function drain(transport: MailingTransport, opts: MailingDispatchOptions = options()): Promise<MailingDispatchResult[]> {
  const results: MailingDispatchResult[] = [];
  for (;;) {
    const r = await dispatchMailingBatch(database.db, transport, opts);
    results.push(r);
    if (r.claimed === 0) return results;
  }
}

async function sent(id: string) {
  const r = await sendMailing(database.db, w.admin, id, {}, linkCtx);
  if (!r.ok) throw new Error(`sendMailing: ${JSON.stringify(r)}`);
  return r;
}

describe('dispatching a mailing over SMTP', () => {
  it('delivers every recipient exactly once, in their language, with their merge fields, HTML and text, and one-click unsubscribe', async () => {
    const a = await audience(w, ['anna.dispatch@example.org', 'bertil.dispatch@example.org', 'clara.dispatch@example.org'], {
      locale: (i) => (['da', 'sv', 'en'] as const)[i],
      firstName: (i) => ['Anna', 'Bertil', 'Clara <b>'][i],
    });
    const id = await draftTo(w, a, {
      kind: 'newsletter',
      topicId: w.topics.pay,
      contents: {
        da: { subject: 'Nyt om løn til {{firstName}}', body: 'Kære {{firstName}}, dit medlemsnummer er {{memberNumber}}.' },
        sv: { subject: 'Nytt om lön till {{firstName}}', body: 'Hej {{firstName}}, ditt medlemsnummer är {{memberNumber}}.' },
      },
    });
    await sent(id);
    const results = await drain(smtp);
    expect(results[0]).toMatchObject({ claimed: 3, sent: 3, failed: 0, retrying: 0, finished: [id] });

    expect([...sink.counts()].sort()).toEqual([
      ['anna.dispatch@example.org', 1],
      ['bertil.dispatch@example.org', 1],
      ['clara.dispatch@example.org', 1],
    ]);
    const mail = (email: string) => sink.received.find((r) => r.to.includes(email))!.raw;
    for (const [i, p] of a.people.entries()) {
      const raw = mail(p.email);
      const unsubscribe = header(raw, 'List-Unsubscribe');
      expect(unsubscribe).toMatch(/^<http:\/\/forening\.test\/.+>$/);
      expect(header(raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      const parts = mimeParts(raw);
      expect(parts.map((x) => x.type).sort()).toEqual(['text/html', 'text/plain']);
      const text = parts.find((x) => x.type === 'text/plain')!.text;
      const html = parts.find((x) => x.type === 'text/html')!.text;
      expect(text).toContain(p.memberNumber);
      expect(html).toContain(p.memberNumber);
      // The unsubscribe link of the header is this person's, and it is in the body too.
      expect(html).toContain(unsubscribe!.slice(1, -1));
      if (i === 1) expect(text).toContain('Hej Bertil, ditt medlemsnummer');
      if (i === 0) expect(text).toContain('Kære Anna, dit medlemsnummer');
    }
    // The English reader gets the default (Danish) version, the name escaped in HTML only.
    const clara = mimeParts(mail('clara.dispatch@example.org'));
    expect(clara.find((x) => x.type === 'text/html')!.text).toContain('Kære Clara &lt;b');
    expect(clara.find((x) => x.type === 'text/html')!.text).not.toContain('Clara <b>');
    expect(clara.find((x) => x.type === 'text/plain')!.text).toContain('Kære Clara <b>');
    expect(header(mail('bertil.dispatch@example.org'), 'Subject')).toMatch(/lön|=\?/);

    const rows = await recipientRows(database, id);
    expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual(Array(3).fill(['sent', 1, null]));
    for (const r of rows) expect(r.messageId).toBe(header(mail(r.email), 'Message-ID'));
    expect(await mailingStatus(database, id)).toBe('sent');
    const progress = await mailingProgress(database.db, w.admin, id);
    expect(progress).toMatchObject({ ok: true, progress: { status: 'sent', recipients: 3, pending: 0, sending: 0, sent: 3, failed: 0 } });
    expect(progress.ok && progress.progress.finishedAt).toBeInstanceOf(Date);

    // Nothing already sent goes again.
    expect((await dispatchMailingBatch(database.db, smtp, options())).claimed).toBe(0);
    expect(sink.received).toHaveLength(3);
  });

  it('sends service mail without any unsubscribe header', async () => {
    const a = await audience(w, ['service.dispatch@example.org']);
    const id = await draftTo(w, a, { kind: 'service' });
    await sent(id);
    await drain(smtp);
    expect(sink.received).toHaveLength(1);
    expect(header(sink.received[0].raw, 'List-Unsubscribe')).toBeUndefined();
    expect(header(sink.received[0].raw, 'List-Unsubscribe-Post')).toBeUndefined();
  });

  it('fails a recipient the server refuses with 550, with the reason, and sends the others', async () => {
    const a = await audience(w, ['refused.dispatch@example.org', 'ok1.dispatch@example.org', 'ok2.dispatch@example.org']);
    const id = await draftTo(w, a);
    await sent(id);
    const [first] = await drain(smtp);
    expect(first).toMatchObject({ claimed: 3, sent: 2, failed: 1, retrying: 0 });
    const rows = await recipientRows(database, id);
    const refused = rows.find((r) => r.email.startsWith('refused'))!;
    expect(refused).toMatchObject({ status: 'failed', attempts: 1 });
    expect(refused.lastError).toContain('550');
    expect(refused.lastError).toContain('No such user here');
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(2);
    expect(sink.received.flatMap((r) => r.to).sort()).toEqual(['ok1.dispatch@example.org', 'ok2.dispatch@example.org']);
    expect(await mailingStatus(database, id)).toBe('sent');

    const failures = await mailingFailures(database.db, w.admin, id, { page: 1 });
    expect(failures).toMatchObject({ ok: true, total: 1, page: 1 });
    expect(failures.ok && failures.failures).toEqual([{ email: 'refused.dispatch@example.org', reason: refused.lastError, attempts: 1 }]);

    // Even when due, a failed recipient is not tried again.
    await database.executeSql(`update mailing_recipients set next_attempt_at = now() - interval '1 day' where mailing_id = $1`, [id]);
    await database.executeSql(`update mailings set status = 'sending' where id = $1`, [id]);
    expect((await dispatchMailingBatch(database.db, smtp, options())).claimed).toBe(0);
  });

  it('retries a recipient answered with 451 after a back-off, and sends it on the second attempt', async () => {
    const a = await audience(w, ['later.dispatch@example.org', 'now.dispatch@example.org']);
    const id = await draftTo(w, a);
    await sent(id);
    const [first] = await drain(smtp);
    expect(first).toMatchObject({ claimed: 2, sent: 1, retrying: 1, failed: 0, finished: [] });
    let later = (await recipientRows(database, id)).find((r) => r.email.startsWith('later'))!;
    expect(later).toMatchObject({ status: 'pending', attempts: 1 });
    expect(later.lastError).toContain('451');
    expect(later.dueIn).toBeGreaterThan(20);
    expect(later.dueIn).toBeLessThanOrEqual(30);
    // The mailing is not done while someone waits for a retry, and the wait is respected.
    expect(await mailingStatus(database, id)).toBe('sending');
    expect((await dispatchMailingBatch(database.db, smtp, options())).claimed).toBe(0);

    await makeDue(database, id);
    const [second] = await drain(smtp);
    expect(second).toMatchObject({ claimed: 1, sent: 1, finished: [id] });
    later = (await recipientRows(database, id)).find((r) => r.email.startsWith('later'))!;
    expect(later).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(sink.counts().get('later.dispatch@example.org')).toBe(1);
    expect(await mailingStatus(database, id)).toBe('sent');
  });

  it('gives up on a temporarily refused recipient after the last attempt', async () => {
    sink.behaviour.laterTimes = 100;
    const a = await audience(w, ['later.forever@example.org']);
    const id = await draftTo(w, a);
    await sent(id);
    await database.executeSql(`update mailing_recipients set attempts = $2 where mailing_id = $1`, [id, MAX_MAIL_ATTEMPTS - 1]);
    await drain(smtp);
    expect((await recipientRows(database, id))[0]).toMatchObject({ status: 'failed', attempts: MAX_MAIL_ATTEMPTS });
    expect(await mailingStatus(database, id)).toBe('sent');
  });

  it('retries a recipient when the server is too slow to answer (socket timeout)', async () => {
    const impatient = pooledSmtpTransport(sink.url, { connections: 1, socketTimeoutMs: 300 });
    transports.push(impatient);
    sink.behaviour.slowMs = 1500;
    const a = await audience(w, ['slow.dispatch@example.org']);
    const id = await draftTo(w, a);
    await sent(id);
    const [first] = await drain(impatient);
    expect(first).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
    const row = (await recipientRows(database, id))[0];
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(/timeout|ETIMEDOUT/i);
    await new Promise((r) => setTimeout(r, 1500));

    await makeDue(database, id);
    await drain(impatient);
    expect((await recipientRows(database, id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sink.counts().get('slow.dispatch@example.org')).toBe(1);
  });

  it('retries when the SMTP server cannot be reached', async () => {
    const down = pooledSmtpTransport('smtp://127.0.0.1:1', { connections: 1 });
    transports.push(down);
    const a = await audience(w, ['nede@example.org']);
    const id = await draftTo(w, a);
    await sent(id);
    await drain(down);
    const row = (await recipientRows(database, id))[0];
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
  });

  it('never sends an address frozen as invalid, and finishes the mailing', async () => {
    const a = await audience(w, ['gyldig@example.org', 'ugyldig adresse']);
    const id = await draftTo(w, a);
    expect((await sent(id)).recipients).toBe(2);
    const [first] = await drain(smtp);
    expect(first).toMatchObject({ claimed: 1, sent: 1 });
    expect(sink.received.flatMap((r) => r.to)).toEqual(['gyldig@example.org']);
    expect(await mailingProgress(database.db, w.admin, id)).toMatchObject({ ok: true, progress: { status: 'sent', sent: 1, failed: 1 } });
    const failures = await mailingFailures(database.db, w.admin, id, { page: 1 });
    expect(failures.ok && failures.failures).toEqual([{ email: 'ugyldig adresse', reason: 'invalid_address', attempts: 0 }]);
  });

  it('takes back a claim whose dispatcher died when its lease runs out, not before', async () => {
    const a = await audience(w, ['lease.dispatch@example.org']);
    const id = await draftTo(w, a);
    await sent(id);
    // A dispatcher claimed it and died before sending.
    await database.executeSql(`update mailing_recipients set status = 'sending', attempts = 1, next_attempt_at = now() + interval '5 minutes' where mailing_id = $1`, [id]);
    expect((await dispatchMailingBatch(database.db, smtp, options())).claimed).toBe(0);
    expect(await mailingStatus(database, id)).toBe('sending');
    await makeDue(database, id);
    expect(await dispatchMailingBatch(database.db, smtp, options())).toMatchObject({ claimed: 1, sent: 1, finished: [id] });
    expect((await recipientRows(database, id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('the lease', () => {
  it('starts no message once its claim’s lease is running short: the rest go back, uncounted, for the next batch', async () => {
    // One slow connection (two in flight, half a second each) and a lease of one second: about eight
    // messages can start in time, the other four are handed back instead of outliving their claim.
    const slow = pooledSmtpTransport(sink.url, { connections: 1 });
    transports.push(slow);
    sink.behaviour.dataDelayMs = 500;
    const emails = Array.from({ length: 12 }, (_, i) => `lease.kort.${String(i).padStart(2, '0')}@example.org`);
    const a = await audience(w, emails);
    const id = await draftTo(w, a);
    await sent(id);
    const opts = options({ leaseSeconds: 1 });
    const first = await dispatchMailingBatch(database.db, slow, opts);
    expect(first.claimed).toBe(12);
    expect(first.released).toBeGreaterThan(0);
    expect(first.sent + first.released).toBe(12);
    const back = (await recipientRows(database, id)).filter((r) => r.status === 'pending');
    expect(back).toHaveLength(first.released);
    // Handed back at once and without using up an attempt: nothing was tried.
    expect(back.every((r) => r.attempts === 0 && r.dueIn <= 0)).toBe(true);

    sink.behaviour.dataDelayMs = 0;
    await drain(slow, opts);
    expect([...sink.counts().keys()].sort()).toEqual(emails);
    expect([...sink.counts().values()].every((n) => n === 1)).toBe(true);
    expect((await recipientRows(database, id)).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});

describe('pause, resume and rate', () => {
  it('stops claiming a paused mailing (the batch in flight completes) and goes on after resume, nobody twice', async () => {
    const emails = Array.from({ length: 30 }, (_, i) => `pause.${String(i).padStart(2, '0')}@example.org`);
    const a = await audience(w, emails);
    const id = await draftTo(w, a);
    await sent(id);
    const opts = options({ batchSize: 10 });
    sink.behaviour.dataDelayMs = 100;
    const inFlight = dispatchMailingBatch(database.db, smtp, opts);
    // Paused while the first batch is on its way to the server.
    await new Promise((r) => setTimeout(r, 50));
    expect(await pauseMailing(database.db, w.admin, id)).toEqual({ ok: true, status: 'paused' });
    expect(await inFlight).toMatchObject({ claimed: 10, sent: 10 });
    sink.behaviour.dataDelayMs = 0;

    expect((await dispatchMailingBatch(database.db, smtp, opts)).claimed).toBe(0);
    expect(sink.received).toHaveLength(10);
    expect(await mailingProgress(database.db, w.admin, id)).toMatchObject({ ok: true, progress: { status: 'paused', pending: 20, sending: 0, sent: 10 } });

    expect(await resumeMailing(database.db, w.admin, id)).toEqual({ ok: true, status: 'sending' });
    await drain(smtp, opts);
    expect([...sink.counts().keys()].sort()).toEqual(emails);
    expect([...sink.counts().values()].every((n) => n === 1)).toBe(true);
    expect(await mailingStatus(database, id)).toBe('sent');
  });

  it('holds a mailing to its rate per second', async () => {
    const a = await audience(w, Array.from({ length: 30 }, (_, i) => `rate.${i}@example.org`));
    const id = await draftTo(w, a, { ratePerSecond: 20 });
    await sent(id);
    const start = performance.now();
    await drain(smtp);
    const seconds = (performance.now() - start) / 1000;
    expect(sink.received).toHaveLength(30);
    // One second's worth at once, then 20 a second: the last ten need half a second more.
    expect(seconds).toBeGreaterThanOrEqual(0.45);
    // The pool keeps its two connections open across messages.
    expect(sink.connections()).toBeLessThanOrEqual(2);
  });

  it('without SMTP, captures every message in the mail outbox for the development mail page', async () => {
    const a = await audience(w, ['fanget.1@example.org', 'fanget.2@example.org']);
    const id = await draftTo(w, a, { kind: 'newsletter', topicId: w.topics.pay });
    await sent(id);
    const capture = captureTransport(database.db);
    expect((await drain(capture))[0]).toMatchObject({ claimed: 2, sent: 2, finished: [id] });
    const r = await database.executeSql(`select to_address, kind, status, subject, html_body is not null as html from mail_outbox where to_address like 'fanget.%' order by to_address`);
    expect(r.rows).toEqual([
      { to_address: 'fanget.1@example.org', kind: 'newsletter', status: 'captured', subject: 'Hej Ida0', html: true },
      { to_address: 'fanget.2@example.org', kind: 'newsletter', status: 'captured', subject: 'Hej Ida1', html: true },
    ]);
    expect(sink.received).toHaveLength(0);
  });
});
