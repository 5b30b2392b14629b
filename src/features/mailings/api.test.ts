import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp, type TestApp } from '../../test/app.js';
import { units } from '../../kernel/tables.js';
import { segments } from '../segments/tables.js';
import { dispatchMailingBatch } from './dispatch.js';
import { mailingWorld, member, type MailingWorld } from './mailings.fixture.js';
import { captureTransport } from './transport.js';

let t: TestApp;
let w: MailingWorld;
let staff: { authorization: string };
let staffSouth: { authorization: string };
let admin: { authorization: string };
let member1: { id: string; email: string };

beforeAll(async () => {
  t = await testApp();
  w = await mailingWorld(t.database);
  staff = await bearer(t.database, 'staff', w.org.north);
  staffSouth = await bearer(t.database, 'staff', w.org.south);
  admin = await bearer(t.database, 'admin');
  member1 = await member(w);
  await member(w, { locale: 'sv' });
});
afterAll(async () => t.close());

const json = (headers: Record<string, string>) => ({ ...headers, 'content-type': 'application/json' });
const body = (overrides: Record<string, unknown> = {}) => ({
  subject: 'Nyt om løn, {{firstName}}',
  body: 'Kære {{fullName}}\n\n[Afmeld]({{unsubscribeLink}})',
  segmentId: w.segmentNorth,
  kind: 'newsletter',
  topic: w.topics.pay,
  ...overrides,
});

async function mailingCount(): Promise<number> {
  return ((await t.database.executeSql(`select count(*)::int as n from mailings`)).rows[0] as { n: number }).n;
}

describe('the mailings API', () => {
  it('create → send → the workers deliver → GET shows the progress', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/mailings', headers: json(staff), payload: body({ contents: { sv: { subject: 'Nytt om lön', body: 'Hej {{firstName}}' } } }) });
    expect(created.statusCode).toBe(201);
    const m = created.json();
    expect(m).toMatchObject({ status: 'draft', kind: 'newsletter', topicId: w.topics.pay, recipients: null, sent: 0, contents: { sv: { subject: 'Nytt om lön' } } });

    const sent = await t.app.inject({ method: 'POST', url: `/api/v1/mailings/${m.id}/send`, headers: json(staff), payload: {} });
    expect(sent.statusCode).toBe(202);
    const recipients = sent.json().recipients as number;
    expect(sent.json()).toMatchObject({ id: m.id, status: 'sending' });
    expect(recipients).toBeGreaterThanOrEqual(2);

    const during = (await t.app.inject({ url: `/api/v1/mailings/${m.id}`, headers: staff })).json();
    expect(during).toMatchObject({ status: 'sending', recipients, pending: recipients, sent: 0, failed: 0 });

    const transport = captureTransport(t.database.db);
    await dispatchMailingBatch(t.database.db, transport, { from: 'Forening <no-reply@forening.test>', baseUrl: t.config.publicUrl, batchSize: 100, defaultRate: 1000 });
    const after = (await t.app.inject({ url: `/api/v1/mailings/${m.id}`, headers: staff })).json();
    expect(after).toMatchObject({ status: 'sent', recipients, pending: 0, sent: recipients, failed: 0 });
    expect(after.finishedAt).not.toBeNull();
    const [mail] = (await t.database.executeSql(`select subject, text_body as text from mail_outbox where lower(to_address) = lower($1) and status = 'captured'`, [member1.email])).rows as { subject: string; text: string }[];
    expect(mail.subject).toBe('Nyt om løn, Medlem');
    expect(mail.text).toMatch(/Afmeld \(http:\/\/forening\.test\/unsubscribe\//);

    const again = await t.app.inject({ method: 'POST', url: `/api/v1/mailings/${m.id}/send`, headers: json(staff), payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.json()).toMatchObject({ code: 'mailing.already_sent', title: 'Udsendelsen er allerede sendt eller planlagt' });

    const list = (await t.app.inject({ url: '/api/v1/mailings', headers: staff })).json();
    expect(list.items.some((x: { id: string }) => x.id === m.id)).toBe(true);
  });

  it('names the field of every problem and writes nothing', async () => {
    const before = await mailingCount();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ subject: '' }, 'subject', 'validation.required'],
      [{ contents: { sv: { subject: 'Hej', body: 'Hej {{fornamn}}' } } }, 'contents.sv.body', 'mailing.unknown_merge_field'],
      [{ topic: undefined }, 'topicId', 'mailing.topic_required'],
      [{ kind: 'service', topic: undefined, body: 'Hej {{firstName}}' }, 'serviceReason', 'mailing.service_reason_required'],
      [{ segmentId: w.segmentSouth }, 'segmentId', 'mailing.segment_unknown'],
    ];
    for (const [overrides, path, code] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/mailings', headers: json(staff), payload: body(overrides) });
      expect(res.statusCode, path).toBe(422);
      expect(res.json().errors.map((e: { path: string; code: string }) => [e.path, e.code]), path).toEqual([[path, code]]);
    }
    const merge = await t.app.inject({ method: 'POST', url: '/api/v1/mailings', headers: json(staff), payload: body({ contents: { sv: { subject: 'Hej', body: 'Hej {{fornamn}}' } } }) });
    expect(merge.json().errors[0].message).toBe('Ukendt flettefelt {{fornamn}} i brødteksten (svensk)');
    expect(await mailingCount()).toBe(before);
  });

  it('refuses an empty segment with 409 and leaves the draft as it was', async () => {
    const [empty] = await t.database.db.insert(units).values({ kind: 'district', parentId: w.org.national, name: 'Kreds Tom' }).returning();
    const [segment] = await t.database.db.insert(segments).values({ unitId: empty.id, name: 'Ingen', filter: { match: 'all', conditions: [], exclude: [] } }).returning();
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/mailings', headers: json(admin), payload: body({ segmentId: segment.id }) });
    expect(created.statusCode).toBe(201);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/mailings/${created.json().id}/send`, headers: json(admin), payload: {} });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'mailing.empty_segment', errors: [{ path: 'segmentId', code: 'mailing.empty_segment' }] });
    expect((await t.app.inject({ url: `/api/v1/mailings/${created.json().id}`, headers: admin })).json()).toMatchObject({ status: 'draft', recipients: null });
  });

  it('schedules with `at`, cancels, pauses and resumes', async () => {
    const create = async () => (await t.app.inject({ method: 'POST', url: '/api/v1/mailings', headers: json(staff), payload: body() })).json().id as string;
    const later = await create();
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const scheduled = await t.app.inject({ method: 'POST', url: `/api/v1/mailings/${later}/send`, headers: json(staff), payload: { at } });
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', recipients: null });
    expect((await t.app.inject({ url: `/api/v1/mailings/${later}`, headers: staff })).json().scheduledAt).toBe(at);
    const cancelled = await t.app.inject({ method: 'POST', url: `/api/v1/mailings/${later}/cancel`, headers: staff });
    expect(cancelled.json()).toEqual({ id: later, status: 'cancelled' });

    const now = await create();
    await t.app.inject({ method: 'POST', url: `/api/v1/mailings/${now}/send`, headers: json(staff), payload: {} });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/mailings/${now}/pause`, headers: staff })).json()).toEqual({ id: now, status: 'paused' });
    const wrong = await t.app.inject({ method: 'POST', url: `/api/v1/mailings/${now}/pause`, headers: staff });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().code).toBe('mailing.wrong_status');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/mailings/${now}/resume`, headers: staff })).json()).toEqual({ id: now, status: 'sending' });
    await t.app.inject({ method: 'POST', url: `/api/v1/mailings/${now}/pause`, headers: staff });
  });

  it('changes and deletes drafts only; other units’ mailings are not there', async () => {
    const id = (await t.app.inject({ method: 'POST', url: '/api/v1/mailings', headers: json(staff), payload: body() })).json().id as string;
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/mailings/${id}`, headers: json(staff), payload: { subject: 'Ny emnelinje' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().subject).toBe('Ny emnelinje');
    expect((await t.app.inject({ url: `/api/v1/mailings/${id}`, headers: staffSouth })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/mailings/${id}`, headers: json(staffSouth), payload: { subject: 'x' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/mailings/${id}`, headers: staffSouth })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/mailings/${id}`, headers: staff })).statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/v1/mailings/${id}`, headers: staff })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/mailings' })).statusCode).toBe(401);
  });

  it('keeps the newsletter topics', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/newsletter-topics', headers: json(staff), payload: { name: { da: 'Arbejdsmiljø', sv: 'Arbetsmiljö' }, defaultSubscribed: false } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: 'arbejdsmiljoe', name: { da: 'Arbejdsmiljø', sv: 'Arbetsmiljö' }, defaultSubscribed: false, active: true });
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/newsletter-topics/${created.json().id}`, headers: json(staff), payload: { active: false } });
    expect(patched.json().active).toBe(false);
    const list = (await t.app.inject({ url: '/api/v1/newsletter-topics', headers: staff })).json();
    expect(list.items.map((x: { slug: string }) => x.slug)).toContain('arbejdsmiljoe');
    const memberToken = await bearer(t.database, 'member', w.org.north);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/newsletter-topics', headers: json(memberToken), payload: { name: { da: 'X' } } })).statusCode).toBe(403);
  });
});
