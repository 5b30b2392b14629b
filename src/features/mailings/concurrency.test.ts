import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, testDatabase } from '../../test/database.js';
import { openPostgres, type Database } from '../../platform/db/database.js';
import { audience, draftTo, mailingStatus, recipientRows, startSmtpSink, type SmtpSink } from './delivery.fixture.js';
import { linkCtx, mailingWorld, type MailingWorld } from './mailings.fixture.js';
import { dispatchMailingBatch, DispatcherState, type MailingDispatchOptions } from './dispatch.js';
import { pooledSmtpTransport, type MailingTransport } from './transport.js';
import { sendMailing } from './send.js';

/**
 * What only a real PostgreSQL shows: several dispatchers (each with its own connection pool, as
 * separate processes have) claiming side by side, and a worker process killed mid-batch.
 */

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const worker = join(import.meta.dirname, 'crash-worker.fixture.ts');

let database: Database;
let w: MailingWorld;
let sink: SmtpSink;
const transports: MailingTransport[] = [];
const children: ChildProcess[] = [];

function transport(): MailingTransport {
  const t = pooledSmtpTransport(sink.url, { connections: 2 });
  transports.push(t);
  return t;
}

function options(extra: Partial<MailingDispatchOptions> = {}): MailingDispatchOptions {
  return { from: 'Testforbundet <nyhedsbrev@forening.test>', baseUrl: linkCtx.baseUrl, batchSize: 50, defaultRate: 1000, state: new DispatcherState(), ...extra };
}

async function sendNow(id: string): Promise<void> {
  const r = await sendMailing(database.db, w.admin, id, {}, linkCtx);
  if (!r.ok) throw new Error(`sendMailing: ${JSON.stringify(r)}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!onPostgres)('mailing delivery on PostgreSQL', () => {
  beforeAll(async () => {
    database = await testDatabase();
    w = await mailingWorld(database);
    sink = await startSmtpSink();
  });

  afterEach(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    sink.reset();
    await database.executeSql(`update mailings set status = 'sent' where status in ('sending', 'paused')`);
  });

  afterAll(async () => {
    for (const t of transports) t.close();
    await sink?.close();
    await database?.close();
  });

  it('lets two dispatchers with their own pools claim side by side: everyone gets exactly one message', async () => {
    const emails = Array.from({ length: 120 }, (_, i) => `to.puljer.${String(i).padStart(3, '0')}@example.org`);
    const a = await audience(w, emails);
    const id = await draftTo(w, a);
    await sendNow(id);
    sink.behaviour.dataDelayMs = 5;

    const second = await openPostgres(database.connectionString!, 4);
    try {
      const claimed = [0, 0];
      const loop = async (db: Database['db'], i: number) => {
        const t = transport();
        const opts = options({ batchSize: 7 });
        for (;;) {
          const r = await dispatchMailingBatch(db, t, opts);
          claimed[i] += r.claimed;
          if (r.claimed === 0) return;
        }
      };
      await Promise.all([loop(database.db, 0), loop(second.db, 1)]);
      // Both really worked: neither took it all.
      expect(claimed[0]).toBeGreaterThan(0);
      expect(claimed[1]).toBeGreaterThan(0);
      expect(claimed[0] + claimed[1]).toBe(emails.length);
    } finally {
      await second.close();
    }
    expect([...sink.counts().keys()].sort()).toEqual(emails);
    expect([...sink.counts().values()].every((n) => n === 1)).toBe(true);
    const rows = await recipientRows(database, id);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    expect(await mailingStatus(database, id)).toBe('sent');
  });

  it('survives a worker killed with SIGKILL mid-batch: nobody is lost, at most one batch goes twice, nothing sent goes again', async () => {
    const batchSize = 10;
    const emails = Array.from({ length: 150 }, (_, i) => `nedbrud.${String(i).padStart(3, '0')}@example.org`);
    const a = await audience(w, emails);
    const id = await draftTo(w, a);
    await sendNow(id);
    sink.behaviour.dataDelayMs = 10;

    const child = spawn(process.execPath, ['--import', tsx, worker], {
      env: { ...process.env, CRASH_DATABASE_URL: database.connectionString, CRASH_SMTP_URL: sink.url, CRASH_BATCH_SIZE: String(batchSize), CRASH_LEASE_SECONDS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

    // Kill it in the middle of its fourth batch: messages of that batch are at the server, their rows not yet marked.
    const deadline = Date.now() + 20_000;
    while (sink.received.length < 3 * batchSize + 4) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the worker sent too little (${sink.received.length}): ${err}`);
      await sleep(2);
    }
    child.kill('SIGKILL');
    await exited;
    const atKill = await recipientRows(database, id);
    const sentAtKill = atKill.filter((r) => r.status === 'sent').map((r) => r.email);
    const leftSending = atKill.filter((r) => r.status === 'sending');
    // It really died mid-batch, holding claimed rows under a lease.
    expect(leftSending.length).toBeGreaterThan(0);
    expect(leftSending.length).toBeLessThanOrEqual(batchSize);

    // A new dispatcher: the rows of the dead one come back only when their lease has run out.
    const t = transport();
    const opts = options({ batchSize });
    const until = Date.now() + 20_000;
    for (;;) {
      const r = await dispatchMailingBatch(database.db, t, opts);
      if (r.claimed === 0) {
        const open = (await recipientRows(database, id)).filter((x) => x.status !== 'sent');
        if (open.length === 0) break;
        if (Date.now() > until) throw new Error(`${open.length} recipients never sent`);
        await sleep(100);
      }
    }

    const counts = sink.counts();
    // Nobody is lost.
    expect([...counts.keys()].sort()).toEqual(emails);
    // At most the batch in flight went twice.
    const twice = [...counts].filter(([, n]) => n > 1);
    expect(twice.length).toBeLessThanOrEqual(batchSize);
    expect([...counts.values()].every((n) => n <= 2)).toBe(true);
    // Nothing already marked sent went again.
    for (const email of sentAtKill) expect([email, counts.get(email)]).toEqual([email, 1]);
    // Only rows the dead worker held can have gone twice.
    const held = new Set(leftSending.map((r) => r.email));
    for (const [email] of twice) expect(held.has(email)).toBe(true);

    const rows = await recipientRows(database, id);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(rows.filter((r) => r.attempts === 2).map((r) => r.email).sort()).toEqual([...held].sort());
    expect(await mailingStatus(database, id)).toBe('sent');
  });
});
