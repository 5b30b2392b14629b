import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.js';
import type { Database } from '../../platform/db/database.js';
import { system } from '../../platform/actor.js';
import { audience, header, recipientRows, startSmtpSink, type Audience, type SmtpSink } from './delivery.fixture.js';
import { linkCtx, mailingWorld, type MailingWorld } from './mailings.fixture.js';
import { dispatchMailingBatch, DispatcherState } from './dispatch.js';
import { captureTransport, pooledSmtpTransport, type MailingTransport } from './transport.js';
import { addAudienceSource } from './audience-sources.js';
import { sendServiceMail, type ServiceMailInput } from './service-mail.js';

const FROM = 'Testforbundet <post@forening.test>';
const SOURCE = 'test.thread';

let database: Database;
let w: MailingWorld;
let sink: SmtpSink;
let smtp: MailingTransport;

beforeAll(async () => {
  database = await testDatabase();
  w = await mailingWorld(database);
  sink = await startSmtpSink();
  smtp = pooledSmtpTransport(sink.url, { connections: 1 });
  // A test source: the people of the audience whose unit is the ref.
  addAudienceSource({ name: SOURCE, personIds: (ref) => sql`select m.person_id from memberships m where m.unit_id = ${ref}::uuid` });
});

afterEach(async () => {
  sink.reset();
  await database.executeSql(`update mailings set status = 'sent' where status = 'sending'`);
});

afterAll(async () => {
  smtp?.close();
  await sink?.close();
  await database?.close();
});

async function serviceMail(emails: string[], headers?: ServiceMailInput['headers']): Promise<{ id: string; a: Audience }> {
  const a = await audience(w, emails);
  const sent = await database.db.transaction((tx) =>
    sendServiceMail(tx, system, {
      unitId: a.unitId,
      audience: { source: SOURCE, ref: a.unitId, label: 'Tråd' },
      reason: 'test.thread',
      contents: { da: { subject: 'Re: [Netværk] Udbud', body: 'Hej {{firstName}}' } },
      defaultLocale: 'da',
      headers,
    }),
  );
  if (!sent.ok) throw new Error(`sendServiceMail: ${JSON.stringify(sent)}`);
  return { id: sent.mailingId, a };
}

async function drain(transport: MailingTransport): Promise<void> {
  const state = new DispatcherState();
  for (;;) {
    const r = await dispatchMailingBatch(database.db, transport, { from: FROM, baseUrl: linkCtx.baseUrl, batchSize: 50, defaultRate: 1000, state });
    if (r.claimed === 0) return;
  }
}

const opening = '<network-post-11111111-1111-4111-8111-111111111111@forening.test>';
const earlier = '<network-post-22222222-2222-4222-8222-222222222222@forening.test>';
const reply = '<network-post-33333333-3333-4333-8333-333333333333@forening.test>';

describe('threading headers of a service mail', () => {
  it('carries Message-ID, In-Reply-To and References exactly, once each, over SMTP', async () => {
    const { id } = await serviceMail(['anna.thread@example.org', 'bo.thread@example.org'], { messageId: reply, inReplyTo: opening, references: [opening, earlier] });
    const [m] = (await database.executeSql(`select headers from mailings where id = $1`, [id])).rows as { headers: Record<string, string> }[];
    expect(m.headers).toEqual({ 'Message-ID': reply, 'In-Reply-To': opening, References: `${opening} ${earlier}` });

    await drain(smtp);
    expect(sink.received).toHaveLength(2);
    for (const r of sink.received) {
      expect(header(r.raw, 'Message-ID')).toBe(reply);
      expect(header(r.raw, 'In-Reply-To')).toBe(opening);
      expect(header(r.raw, 'References')).toBe(`${opening} ${earlier}`);
      // One Message-ID header only: the given one replaces the generated one rather than joining it.
      const head = r.raw.slice(0, r.raw.indexOf('\r\n\r\n'));
      expect(head.match(/^Message-ID:/gim)).toHaveLength(1);
    }
    // The recipients' rows keep the id the mail went out with.
    for (const row of await recipientRows(database, id)) expect(row.messageId).toBe(reply);
  });

  it('an opening mail with only its Message-ID carries no In-Reply-To or References', async () => {
    await serviceMail(['clara.thread@example.org'], { messageId: opening });
    await drain(smtp);
    expect(sink.received).toHaveLength(1);
    expect(header(sink.received[0].raw, 'Message-ID')).toBe(opening);
    expect(header(sink.received[0].raw, 'In-Reply-To')).toBeUndefined();
    expect(header(sink.received[0].raw, 'References')).toBeUndefined();
  });

  it('a service mail without them is unchanged: a generated Message-ID of the sender’s domain, no threading headers', async () => {
    const { id } = await serviceMail(['dora.thread@example.org', 'erik.thread@example.org']);
    const [m] = (await database.executeSql(`select headers from mailings where id = $1`, [id])).rows as { headers: Record<string, string> | null }[];
    expect(m.headers).toBeNull();
    await drain(smtp);
    expect(sink.received).toHaveLength(2);
    const ids = sink.received.map((r) => header(r.raw, 'Message-ID'));
    for (const [i, r] of sink.received.entries()) {
      expect(ids[i]).toMatch(/^<[0-9a-f-]{36}@forening\.test>$/);
      expect(header(r.raw, 'In-Reply-To')).toBeUndefined();
      expect(header(r.raw, 'References')).toBeUndefined();
      expect(header(r.raw, 'List-Unsubscribe')).toBeUndefined();
    }
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('the capture transport keeps the headers and the given Message-ID in the outbox, and nothing for mail without them', async () => {
    const capture = captureTransport(database.db);
    const threaded = await serviceMail(['fie.thread@example.org'], { messageId: reply, inReplyTo: opening, references: [opening] });
    const plain = await serviceMail(['gert.thread@example.org']);
    await drain(capture);
    const rows = (await database.executeSql(`select to_address, headers, message_id from mail_outbox where to_address in ('fie.thread@example.org', 'gert.thread@example.org') order by to_address`))
      .rows as { to_address: string; headers: Record<string, string> | null; message_id: string | null }[];
    expect(rows).toEqual([
      { to_address: 'fie.thread@example.org', headers: { 'Message-ID': reply, 'In-Reply-To': opening, References: opening }, message_id: reply },
      { to_address: 'gert.thread@example.org', headers: null, message_id: null },
    ]);
    expect((await recipientRows(database, threaded.id))[0].messageId).toBe(reply);
    expect((await recipientRows(database, plain.id))[0].messageId).toMatch(/@captured\.forening>$/);
    expect(sink.received).toHaveLength(0);
  });
});
