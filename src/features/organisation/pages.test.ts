import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { adminSession, createPerson, formSession, loginAs, postForm, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { organisation, units } from '../../kernel/tables.js';

let t: TestApp;
let org: Org;
let adminCookie: string;

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  adminCookie = (await adminSession(t.database)).cookie;
});
afterAll(() => t.close());

/** Every row these forms could write, so a refused form can be shown to have written nothing. */
async function snapshot(): Promise<string> {
  const r = await t.database.executeSql(`
    select json_build_object(
      'units', (select coalesce(json_agg(u order by u.id), '[]') from units u),
      'organisation', (select json_agg(o) from (select name, short_name, about_text, email, phone, address, website, default_locale, brand_colour, currency, md5(logo) as logo, logo_mime, updated_at from organisation) o),
      'audit', (select count(*) from audit_events)
    )::text as s`);
  return String(r.rows[0].s);
}

/** The cookies a browser would hold after this response (the flash message rides in one). */
function keepCookies(cookie: string, res: LightMyRequestResponse): string {
  const jar = new Map(cookie.split('; ').filter(Boolean).map((c) => [c.split('=')[0], c.slice(c.indexOf('=') + 1)] as const));
  for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
    const [pair] = c.split(';');
    jar.set(pair.split('=')[0], pair.slice(pair.indexOf('=') + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** Follows a 303 the way a browser does, with the cookies it just got. */
async function follow(res: LightMyRequestResponse, cookie: string): Promise<LightMyRequestResponse> {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
  return t.app.inject({ method: 'GET', url: String(res.headers.location), headers: { cookie: keepCookies(cookie, res), accept: 'text/html' } });
}

/** The `<input>` (or `<select>`/`<textarea>` opening tag) for a field. */
function control(html: string, name: string): string {
  const tag = new RegExp(`<(input|select|textarea)\\b[^>]*\\bname="${name}"[^>]*>`).exec(html);
  if (!tag) throw new Error(`no field ${name}`);
  return tag[0];
}

const validOrganisation = {
  name: 'Pædagogernes Forbund',
  shortName: 'PF',
  aboutText: 'Vi organiserer pædagoger.\n\nOg medhjælpere.',
  email: 'kontakt@pf.example.org',
  phone: '33 33 33 33',
  address: 'Vesterbrogade 1, 1620 København V',
  website: 'https://pf.example.org',
  defaultLocale: 'da',
  brandColour: '#0a5c36',
  currency: 'DKK',
};

describe('organisation settings form', () => {
  it('saves the settings, audits the field names and says so on the next page', async () => {
    const s = await formSession(t.app, '/admin/organisation', adminCookie);
    expect(control(s.page.body, 'name')).toContain('name="name"');
    const res = await postForm(t.app, '/admin/organisation', s, validOrganisation);
    expect(res.headers.location).toBe('/admin/organisation');
    const page = await follow(res, s.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('flash-success');
    expect(control(page.body, 'name')).toContain('value="Pædagogernes Forbund"');
    expect(control(page.body, 'website')).toContain('value="https://pf.example.org"');

    const [row] = await t.database.db.select().from(organisation);
    expect(row).toMatchObject({ name: 'Pædagogernes Forbund', shortName: 'PF', email: 'kontakt@pf.example.org', brandColour: '#0a5c36', website: 'https://pf.example.org' });
    const [event] = await t.database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({ action: 'update', entityType: 'organisation', actorKind: 'person' });
    expect(event.fields).toEqual(expect.arrayContaining(['name', 'shortName', 'email', 'brandColour']));
    expect(JSON.stringify(event.fields)).not.toContain('Pædagogernes');

    // The new name is on every page at once, not after the brand cache runs out.
    const front = await t.app.inject({ method: 'GET', url: '/' });
    expect(front.body).toContain('<h1>Pædagogernes Forbund</h1>');
    expect(front.body).toContain('<span class="brand-name">Pædagogernes Forbund</span>');
  });

  it('a bad e-mail re-renders 422 in Danish with what was typed, and saves nothing', async () => {
    const s = await formSession(t.app, '/admin/organisation', adminCookie);
    const before = await snapshot();
    const res = await postForm(t.app, '/admin/organisation', s, { ...validOrganisation, name: 'Navn der ikke gemmes', email: 'ikke-en-mail', phone: '+45 12 34 56 78' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('E-mail skal være en gyldig e-mailadresse, fx navn@eksempel.dk.');
    expect(res.body).toContain('class="error-summary"');
    expect(control(res.body, 'email')).toContain('value="ikke-en-mail"');
    expect(control(res.body, 'email')).toContain('aria-invalid="true"');
    expect(control(res.body, 'name')).toContain('value="Navn der ikke gemmes"');
    expect(control(res.body, 'name')).not.toContain('aria-invalid');
    expect(control(res.body, 'phone')).toContain('value="+45 12 34 56 78"');
    expect(await snapshot()).toBe(before);
  });

  it('several bad fields are all named, each once', async () => {
    const s = await formSession(t.app, '/admin/organisation', adminCookie);
    const before = await snapshot();
    const res = await postForm(t.app, '/admin/organisation', s, { ...validOrganisation, name: '', brandColour: 'grøn', website: 'javascript:alert(1)' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Navn skal udfyldes.');
    expect(res.body).toContain('Farve skal være en farvekode som #1d4f91.');
    expect(res.body).toContain('Hjemmeside skal være en webadresse, der begynder med https://.');
    for (const name of ['name', 'brandColour', 'website']) expect(control(res.body, name)).toContain('aria-invalid="true"');
    expect(await snapshot()).toBe(before);
  });

  it('an unknown form field is refused like on the API', async () => {
    const s = await formSession(t.app, '/admin/organisation', adminCookie);
    const before = await snapshot();
    const res = await postForm(t.app, '/admin/organisation', s, { ...validOrganisation, logoMime: 'text/html' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Feltet logoMime kendes ikke.');
    expect(await snapshot()).toBe(before);
  });
});

describe('unit forms', () => {
  let created: string;

  it('creates a district through the form', async () => {
    const s = await formSession(t.app, '/admin/units/new', adminCookie);
    const res = await postForm(t.app, '/admin/units', s, { name: 'Kreds Vest', shortName: 'KV', kind: 'district', parentId: org.national, email: 'vest@example.org', phone: '', address: '', position: '7' });
    expect(res.headers.location).toBe('/admin/units');
    const list = await follow(res, s.cookie);
    expect(list.body).toContain('Kreds Vest');
    expect(list.body).toContain('flash-success');
    const [row] = await t.database.db.select().from(units).where(eq(units.name, 'Kreds Vest'));
    expect(row).toMatchObject({ kind: 'district', parentId: org.national, shortName: 'KV', email: 'vest@example.org', phone: null, address: null, position: 7 });
    created = row.id;
    expect(list.body).toContain(`href="/admin/units/${created}"`);
  });

  it('a missing name re-renders 422 with the Danish message and the other values kept', async () => {
    const s = await formSession(t.app, '/admin/units/new', adminCookie);
    const before = await snapshot();
    const res = await postForm(t.app, '/admin/units', s, { name: ' ', shortName: 'XX', kind: 'section', parentId: org.north, email: '', phone: '', address: 'Gaden 1', position: '0' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Navn skal udfyldes.');
    expect(control(res.body, 'shortName')).toContain('value="XX"');
    expect(control(res.body, 'address')).toContain('value="Gaden 1"');
    expect(res.body).toMatch(new RegExp(`<option value="${org.north}" selected`));
    expect(await snapshot()).toBe(before);
  });

  it('a district under a district is refused with the rule, naming the parent field', async () => {
    const s = await formSession(t.app, '/admin/units/new', adminCookie);
    const before = await snapshot();
    const res = await postForm(t.app, '/admin/units', s, { name: 'Underkreds', kind: 'district', parentId: org.north, position: '0' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Overordnet enhed passer ikke: en kreds ligger under forbundet');
    expect(control(res.body, 'parentId')).toContain('aria-invalid="true"');
    expect(control(res.body, 'name')).toContain('value="Underkreds"');
    expect(await snapshot()).toBe(before);
  });

  it('a second national unit is refused', async () => {
    const s = await formSession(t.app, '/admin/units/new', adminCookie);
    const before = await snapshot();
    const res = await postForm(t.app, '/admin/units', s, { name: 'Forbund nummer to', kind: 'national', parentId: '', position: '0' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Der findes allerede et forbund; der kan kun være ét.');
    expect(await snapshot()).toBe(before);
  });

  it('edits a unit through the form', async () => {
    const s = await formSession(t.app, `/admin/units/${created}`, adminCookie);
    expect(control(s.page.body, 'name')).toContain('value="Kreds Vest"');
    const res = await postForm(t.app, `/admin/units/${created}`, s, { name: 'Kreds Vestjylland', shortName: 'KVJ', kind: 'district', parentId: org.national, email: '', phone: '70 70 70 70', address: '', position: '7' });
    expect(res.headers.location).toBe('/admin/units');
    await follow(res, s.cookie);
    const [row] = await t.database.db.select().from(units).where(eq(units.id, created));
    expect(row).toMatchObject({ name: 'Kreds Vestjylland', shortName: 'KVJ', email: null, phone: '70 70 70 70' });
    const [event] = await t.database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({ action: 'update', entityType: 'unit', entityId: created });
    expect([...(event.fields ?? [])].sort()).toEqual(['email', 'name', 'phone', 'shortName']);
  });

  it('an unknown unit is 404 for the page and the form', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await t.app.inject({ method: 'GET', url: `/admin/units/${missing}`, headers: { cookie: adminCookie, accept: 'text/html' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/admin/units/ikke-et-id', headers: { cookie: adminCookie, accept: 'text/html' } })).statusCode).toBe(404);
    const s = await formSession(t.app, '/admin/units/new', adminCookie);
    const before = await snapshot();
    expect((await postForm(t.app, `/admin/units/${missing}`, s, { name: 'X', kind: 'district', parentId: org.national })).statusCode).toBe(404);
    expect((await postForm(t.app, `/admin/units/${missing}/delete`, s, {})).statusCode).toBe(404);
    expect(await snapshot()).toBe(before);
  });

  it('a unit with sub-units is not deleted; the unit page says why', async () => {
    const s = await formSession(t.app, `/admin/units/${org.national}`, adminCookie);
    const before = await snapshot();
    const res = await postForm(t.app, `/admin/units/${org.national}/delete`, s, {});
    expect(res.headers.location).toBe(`/admin/units/${org.national}`);
    const page = await follow(res, s.cookie);
    expect(page.body).toContain('Enheden har underenheder og kan ikke slettes.');
    expect(page.body).toContain('flash-error');
    expect(await snapshot()).toBe(before);
  });

  it('a unit people hold roles in is not deleted', async () => {
    await createPerson(t.database, [['board', org.south]]);
    const s = await formSession(t.app, `/admin/units/${org.south}`, adminCookie);
    const before = await snapshot();
    const page = await follow(await postForm(t.app, `/admin/units/${org.south}/delete`, s, {}), s.cookie);
    expect(page.body).toContain('Enheden er i brug');
    expect(await snapshot()).toBe(before);
  });

  it('deletes a unit through the form', async () => {
    const s = await formSession(t.app, `/admin/units/${created}`, adminCookie);
    expect(s.page.body).toContain(`action="/admin/units/${created}/delete"`);
    const res = await postForm(t.app, `/admin/units/${created}/delete`, s, {});
    expect(res.headers.location).toBe('/admin/units');
    const list = await follow(res, s.cookie);
    expect(list.body).not.toContain('Kreds Vestjylland');
    expect(await t.database.db.select().from(units).where(eq(units.id, created))).toEqual([]);
    const [event] = await t.database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({ action: 'delete', entityType: 'unit', entityId: created });
  });
});

/** A multipart body as a browser sends it, with the CSRF field first. */
function multipart(fields: Record<string, string>, file?: { field: string; filename: string; type: string; data: Buffer }) {
  const boundary = `----forening${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function uploadLogo(file: { filename: string; type: string; data: Buffer }, csrf = true) {
  const s = await formSession(t.app, '/admin/organisation', adminCookie);
  const body = multipart(csrf ? { _csrf: s.csrf } : {}, { field: 'logo', ...file });
  const res = await t.app.inject({ method: 'POST', url: '/admin/organisation/logo', headers: { cookie: s.cookie, 'content-type': body.contentType, accept: 'text/html' }, payload: body.payload });
  return { res, s };
}

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

describe('logo upload', () => {
  it('accepts a small PNG and serves it at /logo with its content type', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/logo' })).statusCode).toBe(404);
    const { res, s } = await uploadLogo({ filename: 'logo.png', type: 'image/png', data: PNG });
    expect(res.headers.location).toBe('/admin/organisation');
    const page = await follow(res, s.cookie);
    expect(page.body).toContain('Logoet er gemt.');
    expect(page.body).toMatch(/<img src="\/logo\?v=[^"]+"/);
    const logo = await t.app.inject({ method: 'GET', url: '/logo' });
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.rawPayload.equals(PNG)).toBe(true);
    const [event] = await t.database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({ action: 'update', entityType: 'organisation', fields: ['logo'] });
  });

  it('refuses a text file renamed .png with 422 and keeps the old logo', async () => {
    const before = await snapshot();
    const { res } = await uploadLogo({ filename: 'logo.png', type: 'image/png', data: Buffer.from('Dette er ikke et billede.\n') });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Logo skal være en PNG-, JPEG-, WebP- eller SVG-fil.');
    expect(await snapshot()).toBe(before);
    expect((await t.app.inject({ method: 'GET', url: '/logo' })).rawPayload.equals(PNG)).toBe(true);
  });

  it('refuses an SVG with a script, and one with an event handler', async () => {
    const before = await snapshot();
    const scripted = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>';
    const handler = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>';
    for (const svg of [scripted, handler]) {
      const { res } = await uploadLogo({ filename: 'logo.svg', type: 'image/svg+xml', data: Buffer.from(svg) });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Logo skal være en PNG-, JPEG-, WebP- eller SVG-fil.');
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses a file of another type and an empty upload', async () => {
    const before = await snapshot();
    const gif = await uploadLogo({ filename: 'logo.gif', type: 'image/gif', data: Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1') });
    expect(gif.res.statusCode).toBe(422);
    const empty = await uploadLogo({ filename: 'logo.png', type: 'image/png', data: Buffer.alloc(0) });
    expect(empty.res.statusCode).toBe(422);
    expect(empty.res.body).toContain('Vælg en fil at uploade.');
    expect(await snapshot()).toBe(before);
  });

  it('refuses a multipart upload without the CSRF field', async () => {
    const before = await snapshot();
    const { res } = await uploadLogo({ filename: 'logo.png', type: 'image/png', data: PNG }, false);
    expect(res.statusCode).toBe(403);
    expect(await snapshot()).toBe(before);
  });

  it('accepts a clean SVG and serves it sandboxed, so it can never run as a page', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#0a5c36"/></svg>';
    const { res } = await uploadLogo({ filename: 'logo.svg', type: 'image/svg+xml', data: Buffer.from(svg) });
    expect(res.statusCode).toBe(303);
    const logo = await t.app.inject({ method: 'GET', url: '/logo' });
    expect(logo.headers['content-type']).toBe('image/svg+xml');
    expect(logo.headers['content-security-policy']).toContain('sandbox');
    expect(logo.body).toBe(svg);
  });

  it('removes the logo', async () => {
    const s = await formSession(t.app, '/admin/organisation', adminCookie);
    expect(s.page.body).toContain('action="/admin/organisation/logo/delete"');
    const res = await postForm(t.app, '/admin/organisation/logo/delete', s, {});
    expect(res.headers.location).toBe('/admin/organisation');
    expect((await t.app.inject({ method: 'GET', url: '/logo' })).statusCode).toBe(404);
    const [row] = await t.database.db.select({ logo: organisation.logo, mime: organisation.logoMime }).from(organisation);
    expect(row).toEqual({ logo: null, mime: null });
  });
});
