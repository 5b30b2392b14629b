import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { adminSession, bearer, formSession, postForm, testApp, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { organisation } from '../../kernel/tables.js';
import { forgetBrand, getOrganisation } from '../../kernel/organisation.js';

/* "About us" in the reader's language: the settings and the API keep it per language, the front page and the press room show it. */

let t: TestApp;
let adminCookie: string;
let admin: { authorization: string };

const danish = 'Vi organiserer pædagoger.\n\nOg medhjælpere i hele landet.';
const swedish = 'Vi organiserar pedagoger.\n\nOch assistenter i hela landet.';

beforeAll(async () => {
  t = await testApp();
  adminCookie = (await adminSession(t.database)).cookie;
  admin = await bearer(t.database, 'admin', null);
});
afterAll(() => t.close());

/** Each test starts from a Danish organisation with "about us" in Danish and Swedish, not in English. */
beforeEach(async () => {
  await getOrganisation(t.database.db);
  await t.database.db
    .update(organisation)
    .set({ name: 'Pædagogernes Forbund', shortName: 'PF', aboutText: danish, aboutTranslations: { sv: swedish }, defaultLocale: 'da', brandColour: '#0a5c36', privacyNotice: {}, requireTwoFactorForStaff: false })
    .where(eq(organisation.id, 1));
  forgetBrand();
});

const settings = {
  name: 'Pædagogernes Forbund',
  shortName: 'PF',
  aboutText: danish,
  email: '',
  phone: '',
  address: '',
  website: '',
  defaultLocale: 'da',
  brandColour: '#0a5c36',
  currency: 'DKK',
};

async function stored() {
  const [row] = await t.database.db.select({ aboutText: organisation.aboutText, aboutTranslations: organisation.aboutTranslations }).from(organisation);
  return row;
}

/** What a change of the organisation writes, so a refused one can be shown to have written nothing. */
async function snapshot(): Promise<string> {
  const r = await t.database.executeSql(`
    select json_build_object(
      'organisation', (select json_agg(o) from (select name, about_text, about_translations, privacy_notice, updated_at from organisation) o),
      'audit', (select count(*) from audit_events)
    )::text as s`);
  return String(r.rows[0].s);
}

async function latestAudit() {
  const [row] = await t.database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  return row;
}

function api(method: 'GET' | 'PATCH', body?: unknown): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url: '/api/v1/organisation',
    headers: { ...admin, 'accept-language': 'en', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

/** A page as an anonymous visitor reading `language` sees it (by the browser's language, or the language switch's cookie). */
const visit = async (url: string, language: string, by: 'header' | 'cookie' = 'header') =>
  (await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(by === 'header' ? { 'accept-language': language } : { cookie: `forening_lang=${language}` }) } })).body;

/** The opening tag of a field's control, or its whole `<textarea>…</textarea>`. */
function control(html: string, name: string): string | undefined {
  return new RegExp(`<textarea\\b[^>]*\\bname="${name}"[^>]*>[\\s\\S]*?</textarea>`).exec(html)?.[0];
}

describe('"about us" for the reader', () => {
  it('the front page shows a Swedish visitor the Swedish text, and one reading a language without a text the default one', async () => {
    const sv = await visit('/', 'sv-SE,sv;q=0.9');
    expect(sv).toContain('<p class="lead">Vi organiserar pedagoger.</p>');
    expect(sv).toContain('<p>Och assistenter i hela landet.</p>');
    expect(sv).not.toContain('Vi organiserer pædagoger.');
    expect(await visit('/', 'sv', 'cookie')).toContain('<p class="lead">Vi organiserar pedagoger.</p>');

    const en = await visit('/', 'en');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<p class="lead">Vi organiserer pædagoger.</p>');
    expect(en).toContain('<p>Og medhjælpere i hele landet.</p>');
    expect(await visit('/', 'da')).toContain('<p class="lead">Vi organiserer pædagoger.</p>');
  });

  it('the press room shows the Swedish text to a Swedish visitor, else the default one', async () => {
    const sv = await visit('/press', 'sv');
    expect(sv).toContain('<p>Vi organiserar pedagoger.</p>');
    expect(sv).toContain('<p>Och assistenter i hela landet.</p>');
    expect(sv).not.toContain('Vi organiserer pædagoger.');
    const en = await visit('/press', 'en', 'cookie');
    expect(en).toContain('<p>Vi organiserer pædagoger.</p>');
    expect(en).not.toContain('Vi organiserar pedagoger.');
  });

  it('in the default language shows the main text, even where a text for that language is stored', async () => {
    await t.database.db.update(organisation).set({ aboutTranslations: { da: 'Gammel dansk tekst.', sv: swedish } }).where(eq(organisation.id, 1));
    forgetBrand();
    const da = await visit('/', 'da');
    expect(da).toContain('<p class="lead">Vi organiserer pædagoger.</p>');
    expect(da).not.toContain('Gammel dansk tekst.');
  });
});

describe('aboutTranslations in the API', () => {
  it('GET answers every language, null where there is none', async () => {
    const res = await api('GET');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ aboutText: danish, aboutTranslations: { da: null, sv: swedish, en: null } });
  });

  it('PATCH sets and removes languages, leaves the others, and audits the field once', async () => {
    const first = await api('PATCH', { aboutTranslations: { en: ' We organise educators. ' } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().aboutTranslations).toEqual({ da: null, sv: swedish, en: 'We organise educators.' });
    expect((await latestAudit()).fields).toEqual(['aboutTranslations']);
    expect(await visit('/', 'en')).toContain('<p class="lead">We organise educators.</p>');

    const second = await api('PATCH', { aboutTranslations: { sv: '', en: null }, name: 'Pædagogernes Forbund' });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().aboutTranslations).toEqual({ da: null, sv: null, en: null });
    expect(await stored()).toEqual({ aboutText: danish, aboutTranslations: {} });
    expect((await latestAudit()).fields).toEqual(['aboutTranslations']);
    // Without a Swedish text a Swedish visitor reads the default one.
    expect(await visit('/', 'sv')).toContain('<p class="lead">Vi organiserer pædagoger.</p>');

    // The same texts again change nothing and write no audit entry.
    const before = await snapshot();
    expect((await api('PATCH', { aboutTranslations: { sv: null } })).statusCode).toBe(200);
    expect(await snapshot()).toBe(before);
  });

  it('refuses a text over 5000 characters with 422 naming the language, and changes nothing', async () => {
    const before = await snapshot();
    const res = await api('PATCH', { aboutTranslations: { sv: 'Kort.', en: 'x'.repeat(5001) }, name: 'Nyt navn' });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'validation.failed',
      errors: [{ path: 'aboutTranslations.en', code: 'validation.too_long', message: 'About us in English must be at most 5000 characters.' }],
    });
    expect(await snapshot()).toBe(before);
    // Exactly the limit is taken; an unknown language is refused.
    expect((await api('PATCH', { aboutTranslations: { en: 'x'.repeat(5000) } })).statusCode).toBe(200);
    expect((await api('PATCH', { aboutTranslations: { de: 'Wir.' } })).statusCode).toBe(422);
  });

  it('is described in the OpenAPI document, input and output', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const patch = doc.paths['/api/v1/organisation'].patch.requestBody.content['application/json'].schema;
    expect(JSON.stringify(patch.properties.aboutTranslations)).toContain('"maxLength":5000');
    expect(Object.keys(patch.properties.aboutTranslations.properties).sort()).toEqual(['da', 'en', 'sv']);
    expect(doc.paths['/api/v1/organisation'].get.responses['200'].content['application/json'].schema.properties).toHaveProperty('aboutTranslations');
  });
});

describe('"about us" in other languages on the settings form', () => {
  it('has a textarea per language but the default one, and saves them without JavaScript', async () => {
    const s = await formSession(t.app, '/admin/organisation', adminCookie);
    expect(s.page.body).toContain('<legend>Om os på andre sprog</legend>');
    expect(s.page.body).toContain('Om os på svensk');
    expect(s.page.body).toContain('Om os på engelsk');
    expect(control(s.page.body, 'aboutTranslations_da')).toBeUndefined();
    expect(control(s.page.body, 'aboutTranslations_sv')).toContain(`>${swedish}</textarea>`);
    expect(control(s.page.body, 'aboutTranslations_en')).toMatch(/><\/textarea>$/);

    const res = await postForm(t.app, '/admin/organisation', s, { ...settings, aboutTranslations_sv: '', aboutTranslations_en: 'We organise educators.\r\n\r\nAnd assistants.' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    expect(await stored()).toEqual({ aboutText: danish, aboutTranslations: { en: 'We organise educators.\n\nAnd assistants.' } });
    expect((await latestAudit()).fields).toEqual(['aboutTranslations']);

    const again = await t.app.inject({ url: '/admin/organisation', headers: { cookie: adminCookie } });
    expect(control(again.body, 'aboutTranslations_en')).toContain('>We organise educators.\n\nAnd assistants.</textarea>');
    expect(control(again.body, 'aboutTranslations_sv')).toMatch(/><\/textarea>$/);
  });

  it('shows a too long text at its field, named, with what was typed, and saves nothing', async () => {
    const s = await formSession(t.app, '/admin/organisation', adminCookie);
    const before = await snapshot();
    const tooLong = 'y'.repeat(5001);
    const res = await postForm(t.app, '/admin/organisation', s, { ...settings, name: 'Nyt navn', aboutTranslations_sv: tooLong, aboutTranslations_en: 'Short.' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#field-aboutTranslations_sv"');
    expect(res.body).toContain('Om os på svensk må højst være 5000 tegn.');
    expect(control(res.body, 'aboutTranslations_sv')).toContain('aria-invalid="true"');
    expect(control(res.body, 'aboutTranslations_sv')).toContain(`>${tooLong}</textarea>`);
    expect(control(res.body, 'aboutTranslations_en')).toContain('>Short.</textarea>');
    expect(await snapshot()).toBe(before);
  });

  it('for a Swedish organisation asks for Danish and English, not Swedish', async () => {
    await t.database.db.update(organisation).set({ defaultLocale: 'sv' }).where(eq(organisation.id, 1));
    forgetBrand();
    const body = (await t.app.inject({ url: '/admin/organisation', headers: { cookie: adminCookie } })).body;
    expect(control(body, 'aboutTranslations_sv')).toBeUndefined();
    expect(control(body, 'aboutTranslations_da')).toBeDefined();
    expect(control(body, 'aboutTranslations_en')).toBeDefined();
  });
});
