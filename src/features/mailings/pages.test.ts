import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { localParts } from '../../platform/i18n/zoned-time.js';
import { mailingWorld, member, type MailingWorld } from './mailings.fixture.js';

let t: TestApp;
let w: MailingWorld;
let cookie: string;
let staffEmail: string;

beforeAll(async () => {
  t = await testApp();
  w = await mailingWorld(t.database);
  await member(w);
  await member(w, { locale: 'sv' });
  const staff = w.staffNorth as { personId: string };
  cookie = (await loginAs(t.database, staff.personId)).cookie;
  staffEmail = ((await t.database.executeSql(`select email from persons where id = $1`, [staff.personId])).rows[0] as { email: string }).email;
});
afterAll(async () => t.close());

const form = (overrides: Record<string, string> = {}) => ({
  unitId: '',
  segmentId: w.segmentNorth,
  kind: 'newsletter',
  topicId: w.topics.pay,
  serviceReason: '',
  eventId: '',
  locale: 'da',
  subject_da: 'Nyt om løn, {{firstName}}',
  body_da: '# Overenskomst\n\nKære {{fullName}}',
  subject_sv: '',
  body_sv: '',
  subject_en: '',
  body_en: '',
  ...overrides,
});

async function mailingCount(): Promise<number> {
  return ((await t.database.executeSql(`select count(*)::int as n from mailings`)).rows[0] as { n: number }).n;
}

async function compose(overrides: Record<string, string> = {}) {
  const session = await formSession(t.app, '/mailings/new', cookie);
  return postForm(t.app, '/mailings', session, form(overrides));
}

describe('composing without JavaScript', () => {
  it('offers the segments, topics and events with the merge fields explained', async () => {
    const page = await t.app.inject({ url: '/mailings/new', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Alle i Kreds Nord');
    expect(page.body).not.toContain('Alle i Kreds Syd');
    expect(page.body).toContain('Nyt om løn');
    expect(page.body).not.toContain('Gammelt emne');
    expect(page.body).toContain('Medlemsmøde om løn');
    expect(page.body).toContain('{{registerLink}}');
    expect(page.body).toContain('hx-get="/mailings/segment-count"');
    const count = await t.app.inject({ url: `/mailings/segment-count?segmentId=${w.segmentNorth}`, headers: { cookie } });
    expect(count.body).toMatch(/Modtagere<\/strong>: <span>\d+<\/span>/);
  });

  it('lists the merge fields by the reader’s own names, with the other languages’ names beside them', async () => {
    const codes = (body: string) => [...body.matchAll(/<dt><code>\{\{([^}]+)\}\}<\/code><\/dt>/g)].map((m) => m[1]);
    const inLanguage = async (language: string) => (await t.app.inject({ url: '/mailings/new', headers: { cookie, 'accept-language': language } })).body;
    const da = await inLanguage('da');
    expect(codes(da)).toEqual(['fornavn', 'efternavn', 'navn', 'medlemsnummer', 'emailadresse', 'tilmeldingslink', 'afmeldingslink']);
    expect(da).toContain('Også: {{förnamn}}, {{firstName}}');
    const sv = await inLanguage('sv');
    expect(codes(sv)).toEqual(['förnamn', 'efternamn', 'namn', 'medlemsnummer', 'epost', 'anmälningslänk', 'avregistreringslänk']);
    expect(sv).toContain('Även: {{fornavn}}, {{firstName}}');
    expect(codes(await inLanguage('en'))).toEqual(['firstName', 'lastName', 'fullName', 'memberNumber', 'email', 'registerLink', 'unsubscribeLink']);
  });

  it('re-renders with the error summary naming the field and language, and writes nothing', async () => {
    const before = await mailingCount();
    const missing = await compose({ subject_da: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('href="#field-subject_da">Skriv emnelinjen (dansk)</a>');
    expect(missing.body).toContain('Kære {{fullName}}');

    const merge = await compose({ subject_sv: 'Hej', body_sv: 'Hej {{fornavnet}}' });
    expect(merge.statusCode).toBe(422);
    expect(merge.body).toContain('href="#field-body_sv">Ukendt flettefelt {{fornavnet}} i brødteksten (svensk)</a>');
    expect(merge.body).toMatch(/id="field-body_sv"[^>]*aria-invalid="true"/);

    const service = await compose({ kind: 'service', topicId: '' });
    expect(service.body).toContain('href="#field-serviceReason"');
    expect(await mailingCount()).toBe(before);
  });

  it('saves a draft, shows it with its recipients and previews, and edits it', async () => {
    const res = await compose({ subject_sv: 'Nytt om lön, {{firstName}}', body_sv: 'Hej {{firstName}}' });
    expect(res.statusCode).toBe(303);
    const url = String(res.headers.location);
    const id = url.split('/').pop()!;
    const page = await t.app.inject({ url, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/\d+ modtagere i dag/);
    expect(page.body).toContain(`<iframe src="/mailings/${id}/preview/da" title="Forhåndsvisning af mailen på Dansk"`);
    expect(page.body).toContain(`/mailings/${id}/preview/sv`);
    expect(page.body).not.toContain(`/mailings/${id}/preview/en`);

    const edit = await formSession(t.app, `/mailings/${id}/edit`, cookie);
    expect(edit.page.body).toContain('value="Nytt om lön, {{firstName}}"');
    const saved = await postForm(t.app, `/mailings/${id}`, edit, form({ subject_da: 'Ny emnelinje', subject_sv: '', body_sv: '' }));
    expect(saved.statusCode).toBe(303);
    const api = await t.database.executeSql(`select locale, subject from mailing_contents where mailing_id = $1 order by locale`, [id]);
    expect(api.rows).toEqual([{ locale: 'da', subject: 'Ny emnelinje' }]);
  });

  it('serves the preview as a framable document of its own, rendered for the reader', async () => {
    const id = String((await compose()).headers.location).split('/').pop()!;
    const res = await t.app.inject({ url: `/mailings/${id}/preview/da`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.headers['content-security-policy']).toContain("style-src 'unsafe-inline'");
    expect(res.headers['content-security-policy']).not.toContain('script-src');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.body).toContain('<html lang="da"');
    expect(res.body).toContain('Kære Ansat Nummer');
    expect((await t.app.inject({ url: `/mailings/${id}/preview/xx`, headers: { cookie } })).statusCode).toBe(404);
  });

  it('sends a test to the staff member through the outbox', async () => {
    const id = String((await compose()).headers.location).split('/').pop()!;
    const session = await formSession(t.app, `/mailings/${id}`, cookie);
    const res = await postForm(t.app, `/mailings/${id}/test`, session, {});
    expect(res.statusCode).toBe(303);
    const mails = (await t.database.executeSql(`select subject, html_body as html from mail_outbox where to_address = $1`, [staffEmail])).rows as { subject: string; html: string }[];
    expect(mails.map((m) => m.subject)).toContain('[Test] Nyt om løn, Ansat');
  });
});

describe('sending from the page', () => {
  it('confirms with the number of recipients, sends, and shows the live progress', async () => {
    const id = String((await compose()).headers.location).split('/').pop()!;
    const confirm = await formSession(t.app, `/mailings/${id}/send?when=now`, cookie);
    expect(confirm.page.statusCode).toBe(200);
    const count = /sendes nu til (\d+) modtagere/.exec(confirm.page.body)?.[1];
    expect(Number(count)).toBeGreaterThanOrEqual(2);
    // Nothing has happened yet.
    expect((await t.database.executeSql(`select status from mailings where id = $1`, [id])).rows).toEqual([{ status: 'draft' }]);
    const sent = await postForm(t.app, `/mailings/${id}/send`, confirm, {});
    expect(sent.statusCode).toBe(303);
    const page = await t.app.inject({ url: `/mailings/${id}`, headers: { cookie } });
    expect(page.body).toContain(`hx-get="/mailings/${id}/progress"`);
    expect(page.body).toContain('hx-trigger="every 2s"');
    expect(page.body).toMatch(/<progress id="mailing-progress-bar" max="\d+" value="0"/);
    expect(page.body).toContain(`action="/mailings/${id}/pause"`);
    const preview = await t.app.inject({ url: `/mailings/${id}/preview/da`, headers: { cookie } });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Kære Ansat Nummer');
    const partial = await t.app.inject({ url: `/mailings/${id}/progress`, headers: { cookie } });
    expect(partial.body.startsWith('<div id="mailing-progress"')).toBe(true);
    expect(partial.body).toContain(`0 / ${count} sendt`);

    // A second send (another tab) is refused with the reason.
    const again = await postForm(t.app, `/mailings/${id}/send`, confirm, {});
    expect(again.statusCode).toBe(303);
    const after = await t.app.inject({ url: `/mailings/${id}`, headers: { cookie: `${cookie}; ${String(again.headers['set-cookie']).split(';')[0]}` } });
    expect(after.body).toContain('Udsendelsen er allerede sendt eller planlagt');
  });

  it('schedules at a Copenhagen wall-clock time after confirming it', async () => {
    const id = String((await compose()).headers.location).split('/').pop()!;
    const at = new Date(Date.now() + 3 * 86_400_000);
    const local = localParts(at, 'Europe/Copenhagen');
    const value = `${local.date}T${local.time}`;
    const confirm = await formSession(t.app, `/mailings/${id}/send?when=later&at=${encodeURIComponent(value)}`, cookie);
    expect(confirm.page.body).toContain(`name="at" value="${value}"`);
    await postForm(t.app, `/mailings/${id}/send`, confirm, { at: value });
    const row = (await t.database.executeSql(`select status, scheduled_at as "at" from mailings where id = $1`, [id])).rows[0] as { status: string; at: Date };
    expect(row.status).toBe('scheduled');
    expect(Math.abs(new Date(row.at).getTime() - at.getTime())).toBeLessThan(60_000);
    // A time in the past is refused before anything happens.
    const id2 = String((await compose()).headers.location).split('/').pop()!;
    const yesterday = localParts(new Date(Date.now() - 86_400_000), 'Europe/Copenhagen');
    const past = await t.app.inject({ url: `/mailings/${id2}/send?when=later&at=${encodeURIComponent(`${yesterday.date}T${yesterday.time}`)}`, headers: { cookie } });
    expect(past.statusCode).toBe(303);
  });
});

describe('topics', () => {
  it('adds a topic, and names the missing Danish name', async () => {
    const session = await formSession(t.app, '/mailings/topics', cookie);
    const bad = await postForm(t.app, '/mailings/topics', session, { name_da: '', name_sv: 'Bara svenska', position: '1' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-name_da"');
    const ok = await postForm(t.app, '/mailings/topics', session, { name_da: 'Arbejdsmiljø', name_en: 'Work environment', position: '3', defaultSubscribed: 'on', active: 'on' });
    expect(ok.statusCode).toBe(303);
    const rows = (await t.database.executeSql(`select name, default_subscribed as d, active from newsletter_topics where slug = 'arbejdsmiljoe'`)).rows;
    expect(rows).toEqual([{ name: { da: 'Arbejdsmiljø', en: 'Work environment' }, d: true, active: true }]);
  });
});
