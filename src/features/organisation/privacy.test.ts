import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { adminSession, bearer, createPerson, formSession, loginAs, postForm, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { organisation } from '../../kernel/tables.js';
import { forgetBrand, getOrganisation } from '../../kernel/organisation.js';
import { memberships, membershipTypes } from '../members/tables.js';

let t: TestApp;
let org: Org;
let adminCookie: string;
let memberCookie: string;
let admin: { authorization: string };
let staff: { authorization: string };

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  adminCookie = (await adminSession(t.database)).cookie;
  admin = await bearer(t.database, 'admin', null);
  staff = await bearer(t.database, 'staff', org.north);
  const [type] = await t.database.db.insert(membershipTypes).values({ code: 'ordinary', name: 'Almindeligt medlem' }).returning();
  const member = await createPerson(t.database, [], { firstName: 'Mette', lastName: 'Medlem' });
  await t.database.db.insert(memberships).values({ personId: member.id, typeId: type.id, unitId: org.north, status: 'active' });
  memberCookie = (await loginAs(t.database, member.id)).cookie;
});
afterAll(() => t.close());

/** Each test starts from an organisation with a name, a contact address and no notice of its own. */
beforeEach(async () => {
  await getOrganisation(t.database.db);
  await t.database.db
    .update(organisation)
    .set({ name: 'Pædagogernes Forbund', shortName: 'PF', email: 'kontakt@pf.example.org', brandColour: '#0a5c36', defaultLocale: 'da', privacyNotice: {}, requireTwoFactorForStaff: false })
    .where(eq(organisation.id, 1));
  forgetBrand();
});

const settings = {
  name: 'Pædagogernes Forbund',
  shortName: 'PF',
  aboutText: '',
  email: 'kontakt@pf.example.org',
  phone: '',
  address: '',
  website: '',
  defaultLocale: 'da',
  brandColour: '#0a5c36',
  currency: 'DKK',
};

/** What these forms and requests could write, so a refused one can be shown to have written nothing. */
async function snapshot(): Promise<string> {
  const r = await t.database.executeSql(`
    select json_build_object(
      'organisation', (select json_agg(o) from (select name, privacy_notice, require_two_factor_for_staff, updated_at from organisation) o),
      'audit', (select count(*) from audit_events)
    )::text as s`);
  return String(r.rows[0].s);
}

async function stored() {
  const [row] = await t.database.db.select({ privacyNotice: organisation.privacyNotice, requireTwoFactorForStaff: organisation.requireTwoFactorForStaff }).from(organisation);
  return row;
}

async function latestAudit() {
  const [row] = await t.database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  return row;
}

/** The opening tag of a field's control, or its whole `<textarea>…</textarea>`. */
function control(html: string, name: string): string {
  const tag = new RegExp(`<textarea\\b[^>]*\\bname="${name}"[^>]*>[\\s\\S]*?</textarea>|<input\\b[^>]*\\bname="${name}"[^>]*>`).exec(html);
  if (!tag) throw new Error(`no field ${name}`);
  return tag[0];
}

const page = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });

function api(method: 'GET' | 'PATCH', body?: unknown, auth: Record<string, string> = admin): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url: '/api/v1/organisation',
    headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

describe('privacy notice and two-factor setting on the organisation form', () => {
  it('saves the three texts and the checkbox, audits the field names only, and shows them again', async () => {
    const s = await formSession(t.app, '/admin/organisation', adminCookie);
    expect(s.page.body).toContain('<legend>Privatlivspolitik</legend>');
    expect(control(s.page.body, 'requireTwoFactorForStaff')).not.toContain('checked');
    expect(control(s.page.body, 'requireTwoFactorForStaff')).toContain('type="checkbox"');
    expect(s.page.body).toContain('Kræv totrinsbekræftelse for ansatte, bestyrelse og administratorer');
    // No maxlength: the browser would cut a pasted text without a word.
    expect(control(s.page.body, 'privacyNotice_da')).not.toContain('maxlength');

    const res = await postForm(t.app, '/admin/organisation', s, {
      ...settings,
      privacyNotice_da: '## Vi passer på dine data\r\n\r\nDansk tekst.',
      privacyNotice_sv: 'Svensk text.',
      privacyNotice_en: '  ',
    });
    expect(res.statusCode, res.body.slice(0, 400)).toBe(303);
    expect(await stored()).toEqual({ privacyNotice: { da: '## Vi passer på dine data\n\nDansk tekst.', sv: 'Svensk text.' }, requireTwoFactorForStaff: false });
    const event = await latestAudit();
    expect(event).toMatchObject({ action: 'update', entityType: 'organisation', entityId: '1', actorKind: 'person' });
    expect(event.fields).toEqual(['privacyNotice']);
    expect(JSON.stringify(event)).not.toContain('Dansk tekst');

    const again = await page('/admin/organisation', { cookie: adminCookie });
    expect(control(again.body, 'privacyNotice_da')).toContain('>## Vi passer på dine data\n\nDansk tekst.</textarea>');
    expect(control(again.body, 'privacyNotice_sv')).toContain('>Svensk text.</textarea>');
    expect(control(again.body, 'privacyNotice_en')).toMatch(/><\/textarea>$/);

    // Ticking the box turns the rule on; the texts sent again unchanged are no change.
    const s2 = await formSession(t.app, '/admin/organisation', adminCookie);
    const on = await postForm(t.app, '/admin/organisation', s2, { ...settings, privacyNotice_da: '## Vi passer på dine data\r\n\r\nDansk tekst.', privacyNotice_sv: 'Svensk text.', privacyNotice_en: '', requireTwoFactorForStaff: 'on' });
    expect(on.statusCode).toBe(303);
    expect((await stored()).requireTwoFactorForStaff).toBe(true);
    expect((await latestAudit()).fields).toEqual(['requireTwoFactorForStaff']);
  });

  it('a text over 20,000 characters is refused naming the field and the limit, keeps what was typed and saves nothing', async () => {
    const s = await formSession(t.app, '/admin/organisation', adminCookie);
    const before = await snapshot();
    const tooLong = 'a'.repeat(20_001);
    const res = await postForm(t.app, '/admin/organisation', s, { ...settings, privacyNotice_da: 'Kort tekst.', privacyNotice_sv: tooLong, privacyNotice_en: '', requireTwoFactorForStaff: 'on' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Privatlivspolitik på svensk må højst være 20000 tegn.');
    expect(res.body).toContain('href="#field-privacyNotice_sv"');
    expect(control(res.body, 'privacyNotice_sv')).toContain('aria-invalid="true"');
    expect(control(res.body, 'privacyNotice_sv')).toContain(`>${tooLong}</textarea>`);
    expect(control(res.body, 'privacyNotice_da')).toContain('>Kort tekst.</textarea>');
    expect(control(res.body, 'privacyNotice_da')).not.toContain('aria-invalid');
    expect(control(res.body, 'requireTwoFactorForStaff')).toContain('checked');
    expect(await snapshot()).toBe(before);
  });

  it('counts a line break once, as the browser does, though the form sends CR LF', async () => {
    const s = await formSession(t.app, '/admin/organisation', adminCookie);
    const lines = Array.from({ length: 2000 }, () => 'a'.repeat(9)).join('\r\n'); // 19,999 characters with LF breaks
    const res = await postForm(t.app, '/admin/organisation', s, { ...settings, privacyNotice_da: lines, privacyNotice_sv: '', privacyNotice_en: '' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    expect((await stored()).privacyNotice.da).toHaveLength(19_999);
  });

  it('is for admins only', async () => {
    expect((await page('/admin/organisation', { cookie: memberCookie })).statusCode).toBe(403);
  });
});

describe('PATCH /api/v1/organisation with the privacy notice', () => {
  it('sets the languages given, leaves the others, removes one with null, and sets the two-factor rule', async () => {
    const first = await api('PATCH', { privacyNotice: { da: 'Dansk.', en: 'English.' }, requireTwoFactorForStaff: true });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ privacyNotice: { da: 'Dansk.', sv: null, en: 'English.' }, requireTwoFactorForStaff: true });
    expect([...((await latestAudit()).fields ?? [])].sort()).toEqual(['privacyNotice', 'requireTwoFactorForStaff']);

    const second = await api('PATCH', { privacyNotice: { sv: 'Svenska.', en: null } });
    expect(second.json().privacyNotice).toEqual({ da: 'Dansk.', sv: 'Svenska.', en: null });
    expect(await stored()).toEqual({ privacyNotice: { da: 'Dansk.', sv: 'Svenska.' }, requireTwoFactorForStaff: true });

    // The same text again is no change: nothing is written or audited.
    const before = await snapshot();
    expect((await api('PATCH', { privacyNotice: { da: 'Dansk.' }, requireTwoFactorForStaff: true })).statusCode).toBe(200);
    expect(await snapshot()).toBe(before);

    const read = await t.app.inject({ method: 'GET', url: '/api/v1/organisation' });
    expect(read.json()).toMatchObject({ privacyNotice: { da: 'Dansk.', sv: 'Svenska.', en: null }, requireTwoFactorForStaff: true });
  });

  it('a text over the limit is a 422 problem naming the field and the limit, and changes nothing', async () => {
    const before = await snapshot();
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/organisation',
      headers: { ...admin, 'content-type': 'application/json', 'accept-language': 'en' },
      payload: JSON.stringify({ privacyNotice: { en: 'x'.repeat(20_001) }, requireTwoFactorForStaff: true }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      code: 'validation.failed',
      errors: [{ path: 'privacyNotice.en', code: 'validation.too_long', message: 'Privacy notice in English must be at most 20000 characters.' }],
    });
    const wrongType = await api('PATCH', { requireTwoFactorForStaff: 'yes' });
    expect(wrongType.statusCode).toBe(422);
    expect(wrongType.json().errors[0]).toMatchObject({ path: 'requireTwoFactorForStaff' });
    expect(await snapshot()).toBe(before);
  });

  it('refuses anyone but an admin', async () => {
    const before = await snapshot();
    const asStaff = await api('PATCH', { privacyNotice: { da: 'Nej.' } }, staff);
    expect(asStaff.statusCode).toBe(403);
    expect(asStaff.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await api('PATCH', { requireTwoFactorForStaff: true }, {})).statusCode).toBe(401);
    expect(await snapshot()).toBe(before);
  });

  it('documents both fields in the OpenAPI schema', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const schema = doc.paths['/api/v1/organisation'].patch.requestBody.content['application/json'].schema;
    expect(schema.properties.requireTwoFactorForStaff).toMatchObject({ type: 'boolean' });
    expect(JSON.stringify(schema.properties.privacyNotice)).toContain('"maxLength":20000');
    expect(Object.keys(schema.properties.privacyNotice.properties).sort()).toEqual(['da', 'en', 'sv']);
    const output = doc.paths['/api/v1/organisation'].get.responses['200'].content['application/json'].schema;
    expect(output.properties).toHaveProperty('privacyNotice');
    expect(output.properties).toHaveProperty('requireTwoFactorForStaff');
  });
});

describe('the /privacy page', () => {
  const setNotice = async (privacyNotice: Record<string, string>, defaultLocale = 'da') => {
    await t.database.db.update(organisation).set({ privacyNotice, defaultLocale }).where(eq(organisation.id, 1));
    forgetBrand();
  };

  it('shows the notice in the visitor’s language, rendered safely', async () => {
    await setNotice({ da: '## Dine data\n\nVi gemmer **kun** det nødvendige. <script>alert(1)</script>', sv: '## Dina uppgifter\n\nSvensk text.' });
    const da = await page('/privacy');
    expect(da.statusCode).toBe(200);
    expect(da.body).toContain('<title>Privatlivspolitik · Pædagogernes Forbund</title>');
    expect(da.body).toContain('<h2>Dine data</h2>');
    expect(da.body).toContain('<strong>kun</strong>');
    expect(da.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(da.body).not.toContain('<script>alert(1)');
    expect(da.body).not.toContain('role="note"');

    const sv = await page('/privacy', { 'accept-language': 'sv' });
    expect(sv.body).toContain('<h1>Integritetspolicy</h1>');
    expect(sv.body).toContain('<h2>Dina uppgifter</h2>');
    expect(sv.body).not.toContain('Dine data');
  });

  it('falls back to the default language, then to any language with text, and says which it shows', async () => {
    await setNotice({ da: 'Dansk tekst.', sv: 'Svensk text.' }, 'sv');
    const en = await page('/privacy', { 'accept-language': 'en' });
    expect(en.body).toContain('<h1>Privacy notice</h1>');
    expect(en.body).toContain('Svensk text.');
    expect(en.body).toContain('The privacy notice is not available in English. It is shown here in Swedish.');
    expect(en.body).toMatch(/<article class="card privacy-notice" lang="sv">/);

    await setNotice({ en: 'Only English.' }, 'da');
    const da = await page('/privacy');
    expect(da.body).toContain('Only English.');
    expect(da.body).toContain('Privatlivspolitikken findes ikke på dansk. Den vises her på engelsk.');
    expect(da.body).toContain('lang="en"');
  });

  it('without any text shows a built-in notice naming the organisation, its address, art. 9, the rights and the authorities', async () => {
    const da = await page('/privacy');
    expect(da.statusCode).toBe(200);
    expect(da.body).toContain('Pædagogernes Forbund er dataansvarlig');
    expect(da.body).toContain('<a href="mailto:kontakt@pf.example.org">kontakt@pf.example.org</a>');
    expect(da.body).toContain('artikel 9');
    for (const right of ['Indsigt', 'Berigtigelse', 'Sletning', 'Indsigelse', 'Dataportabilitet']) expect(da.body).toContain(`<strong>${right}`);
    expect(da.body).toContain('»Hent mine data«');
    expect(da.body).toContain('<a href="/me">Min side</a>');
    expect(da.body).toContain('href="https://www.datatilsynet.dk"');
    expect(da.body).toContain('href="https://www.imy.se"');
    expect(da.body).not.toContain('{{');

    const sv = await page('/privacy', { 'accept-language': 'sv' });
    expect(sv.body).toContain('Pædagogernes Forbund är personuppgiftsansvarig');
    expect(sv.body).toContain('Integritetsskyddsmyndigheten (IMY)');
    expect(sv.body).toContain('”Hämta mina data”');
    const en = await page('/privacy', { 'accept-language': 'en' });
    expect(en.body).toContain('Pædagogernes Forbund is the controller');
    expect(en.body).toContain('Article 9');
    expect(en.body).not.toContain('role="note"');

    // Without a contact address the notice points to the contact details at the foot of the page.
    await t.database.db.update(organisation).set({ email: null, name: 'A*B_C' }).where(eq(organisation.id, 1));
    forgetBrand();
    const noMail = await page('/privacy');
    expect(noMail.body).toContain('kontakt vores sekretariat');
    expect(noMail.body).not.toContain('mailto:');
    expect(noMail.body).toContain('A*B_C er dataansvarlig');
  });

  it('offers admins a link to edit it, and nobody else', async () => {
    const asAdmin = await page('/privacy', { cookie: adminCookie });
    expect(asAdmin.body).toContain('href="/admin/organisation#privacy"');
    expect(asAdmin.body).toContain('indbyggede standardtekst');
    expect((await page('/privacy', { cookie: memberCookie })).body).not.toContain('/admin/organisation');
    expect((await page('/privacy')).body).not.toContain('/admin/organisation');
    const settingsPage = await page('/admin/organisation', { cookie: adminCookie });
    expect(settingsPage.body).toContain('<fieldset class="settings-fieldset" id="privacy">');
  });
});

describe('links to the privacy notice', () => {
  it('the join form’s consent text links to it in the same tab', async () => {
    const join = await page('/join');
    expect(join.statusCode).toBe(200);
    const label = /<label for="field-privacyConsent">([\s\S]*?)<\/label>/.exec(join.body)?.[1] ?? '';
    expect(label).toContain('<a href="/privacy">vilkårene</a>');
    expect(label).not.toContain('target=');
    expect(label.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')).toContain('Jeg accepterer vilkårene for behandling af mine personoplysninger');
  });

  it('the footer of every page links to it', async () => {
    for (const url of ['/', '/join', '/privacy']) {
      const footer = /<footer[\s\S]*<\/footer>/.exec((await page(url)).body)?.[0] ?? '';
      expect(footer, url).toMatch(/<a href="\/privacy"[^>]*>Privatliv<\/a>/);
    }
    const en = /<footer[\s\S]*<\/footer>/.exec((await page('/', { 'accept-language': 'en' })).body)?.[0] ?? '';
    expect(en).toMatch(/<a href="\/privacy"[^>]*>Privacy<\/a>/);
  });

  it('my page links to it next to "Download my data"', async () => {
    const me = await page('/me', { cookie: memberCookie });
    expect(me.statusCode).toBe(200);
    const card = /<section class="card" aria-labelledby="me-data">[\s\S]*?<\/section>/.exec(me.body)?.[0] ?? '';
    expect(card).toContain('href="/me/export.json"');
    expect(card).toContain('<a href="/privacy">Læs vores privatlivspolitik</a>');
  });
});
