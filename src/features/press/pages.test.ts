import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elementsNamed, parseXml, textOf } from '../../test/xml.js';
import { queryRows } from '../../platform/db/database.js';
import { formSession, loginAs, postMultipart, testApp, type TestApp } from '../../test/app.js';
import { HTML, isLoginRedirect, JPEG, PNG, publishingWorld, releaseFields, type PublishingWorld } from './press.fixture.js';
import { createRelease, publishRelease } from './releases.js';
import { PHOTO_MAX_BYTES } from './photo.js';
import type { Release } from './queries.js';
import { dateInDays, nextDayOfYear } from '../../test/time.js';

let t: TestApp;
let w: PublishingWorld;
let withPhoto: Release;
let plain: Release;
let embargoed: Release;
let draft: Release;
let staffCookie = '';
let memberCookie = '';

async function make(over: Record<string, unknown>, photo: { fileName: string; bytes: Buffer } | null = null, publish = true): Promise<Release> {
  const created = await createRelease(t.database.db, w.staff.actor, releaseFields(w, over), photo);
  if (!created.ok) throw new Error(JSON.stringify(created));
  if (!publish) return created.release;
  const r = await publishRelease(t.database.db, w.staff.actor, created.release.id);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.release;
}

beforeAll(async () => {
  t = await testApp();
  w = await publishingWorld(t.database);
  await t.database.executeSql(`insert into organisation (id, name, short_name, about_text, email, phone) values (1, 'Testforbundet', 'TF', 'Testforbundet organiserer pædagoger.\n\nVi er 40.000 medlemmer.', 'kontakt@tf.example', '+45 70 70 70 70')
    on conflict (id) do update set name = excluded.name, about_text = excluded.about_text, email = excluded.email, phone = excluded.phone`);
  withPhoto = await make({ title: 'Forbundet kræver flere hænder', photoCredit: 'Jens Holm', photoAlt: 'Pædagoger demonstrerer' }, { fileName: 'demo.jpg', bytes: JPEG });
  plain = await make({ title: 'Ny formand valgt' });
  embargoed = await make({ title: 'Overenskomst under embargo', embargoUntil: new Date(Date.now() + 86_400_000).toISOString() });
  draft = await make({ title: 'Hemmelig kladde' }, null, false);
  staffCookie = (await loginAs(t.database, w.staff.id)).cookie;
  memberCookie = (await loginAs(t.database, w.member.id)).cookie;
});
afterAll(() => t?.close());

const get = (url: string, cookie = '') => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
const counts = async () =>
  (await queryRows<{ releases: number; photos: number }>(t.database.db, sql`select (select count(*)::int from press_releases) as releases, (select count(*)::int from press_release_photos) as photos`))[0];

describe('the press room', () => {
  it('shows the releases that are out, whom to call, the about text and the feeds — never a draft or an embargoed release', async () => {
    const res = await get('/press');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Forbundet kræver flere hænder');
    expect(res.body).toContain('Ny formand valgt');
    expect(res.body).not.toContain('Overenskomst under embargo');
    expect(res.body).not.toContain('Hemmelig kladde');
    expect(res.body).toContain('Testforbundet organiserer pædagoger.');
    expect(res.body).toContain('<p>Vi er 40.000 medlemmer.</p>');
    expect(res.body).toContain('Pressechef');
    expect(res.body).toContain('href="tel:+4511223344"');
    expect(res.body).toContain('href="mailto:presse@forbund.example"');
    expect(res.body).toContain('<link rel="alternate" type="application/atom+xml" href="/press/feed.atom"');
    expect(res.body).toContain('<link rel="alternate" type="application/rss+xml" href="/press/feed.rss"');
    // The footer links the press room on every page.
    expect(res.body).toContain('<a href="/press">Presse</a>');
  });

  it('shows staff their drafts and embargoed releases, marked', async () => {
    const res = await get('/press', staffCookie);
    expect(res.body).toContain('Hemmelig kladde');
    expect(res.body).toContain('Overenskomst under embargo');
    expect(res.body).toContain('Embargo til');
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('pages the releases twenty at a time, newest first, and keeps the contacts on every page', async () => {
    await t.database.executeSql(
      `insert into press_releases (slug, title, summary, body, status, published_at, contact_person_id)
       select 'gammel-' || i, 'Gammel meddelelse ' || i, 'Kort', 'Tekst', 'published', now() - (i || ' days')::interval, $1 from generate_series(10, 30) i`,
      [w.staff.id],
    );
    const first = await get('/press');
    expect(first.body).toContain('Forbundet kræver flere hænder');
    expect(first.body).not.toContain('Gammel meddelelse 30<');
    expect(first.body).toContain('href="/press?page=2"');
    const second = await get('/press?page=2');
    expect(second.body).toContain('Gammel meddelelse 30<');
    expect(second.body).not.toContain('Forbundet kræver flere hænder');
    expect(second.body).toContain('href="tel:+4511223344"');
    expect((await get('/press?page=abc')).statusCode).toBe(200);
    await t.database.executeSql(`delete from press_releases where slug like 'gammel-%'`);
  });

  it('offers the logo for download when the organisation has one', async () => {
    expect((await get('/press')).body).not.toContain('Hent logo');
    await t.database.executeSql(`update organisation set logo = $1, logo_mime = 'image/png', updated_at = now() where id = 1`, [PNG]);
    const { forgetBrand } = await import('../../kernel/organisation.js');
    forgetBrand();
    const res = await get('/press');
    expect(res.body).toMatch(/href="\/logo\?v=[a-z0-9]+" download="logo-TF"/);
  });
});

describe('a release', () => {
  it('shows its photo with the credit and a full-size download, and its contact with phone and e-mail links', async () => {
    const res = await get(`/press/${withPhoto.slug}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Foto: Jens Holm');
    expect(res.body).toMatch(new RegExp(`<img src="/press/${withPhoto.slug}/photo\\?v=[0-9a-f-]+" alt="Pædagoger demonstrerer"`));
    expect(res.body).toContain('Hent foto i fuld størrelse (JPEG, 1 kB)');
    expect(res.body).toContain('href="tel:+4511223344"');
    expect(res.body).toContain('<strong>glæder sig</strong>');
  });

  it('that is a draft or under embargo is not found, for visitors and members alike; staff see it marked', async () => {
    for (const slug of [draft.slug, embargoed.slug]) {
      for (const cookie of ['', memberCookie]) {
        const res = await get(`/press/${slug}`, cookie);
        expect(res.statusCode, slug).toBe(404);
        expect(isLoginRedirect(res)).toBe(false);
      }
      expect((await get(`/press/${slug}`, staffCookie)).statusCode).toBe(200);
    }
    expect((await get(`/press/${embargoed.slug}`, staffCookie)).body).toContain('Embargo til');
    expect((await get('/press/findes-ikke')).statusCode).toBe(404);
  });

  it('has its photo served in full size in its checked type, inline or as a download', async () => {
    const res = await get(`/press/${withPhoto.slug}/photo`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['content-disposition']).toBe('inline; filename="demo.jpg"; filename*=UTF-8\'\'demo.jpg');
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    expect(res.rawPayload.equals(JPEG)).toBe(true);
    const download = await get(`/press/${withPhoto.slug}/photo?download=1`);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="demo\.jpg"/);
    expect((await get(`/press/${plain.slug}/photo`)).statusCode).toBe(404);
  });
});

describe('the feeds', () => {
  it('are Atom and RSS that parse, with only released releases and absolute links', async () => {
    const atom = await get('/press/feed.atom');
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const doc = parseXml(atom.body);
    const links = elementsNamed(doc, 'entry').map((e) => elementsNamed(e, 'link')[0].attributes?.href);
    expect(links.sort()).toEqual([`http://forening.test/press/${plain.slug}`, `http://forening.test/press/${withPhoto.slug}`].sort());
    expect(atom.body).not.toContain('embargo');
    expect(atom.body).not.toContain('Hemmelig');
    // The photo travels with its credit, at an absolute address.
    expect(atom.body).toContain(`http://forening.test/press/${withPhoto.slug}/photo?v=`);
    expect(atom.body).toContain('Foto: Jens Holm');

    const rss = await get('/press/feed.rss');
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const channel = parseXml(rss.body);
    const items = elementsNamed(channel, 'item');
    expect(items.map((i) => textOf(elementsNamed(i, 'link')[0])).sort()).toEqual([`http://forening.test/press/${plain.slug}`, `http://forening.test/press/${withPhoto.slug}`].sort());
  });
});

describe('the API', () => {
  it('lists only released releases, with the contact from the directory and absolute URLs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/press-releases' });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: { slug: string; url: string; contact: unknown; photo: { url: string; credit: string } | null }[] }).items;
    expect(items.map((i) => i.slug).sort()).toEqual([plain.slug, withPhoto.slug].sort());
    const photo = items.find((i) => i.slug === withPhoto.slug)!;
    expect(photo.url).toBe(`http://forening.test/press/${withPhoto.slug}`);
    expect(photo.photo?.credit).toBe('Jens Holm');
    expect(photo.contact).toEqual({ name: expect.any(String), title: 'Pressechef', phone: '+45 11 22 33 44', email: 'presse@forbund.example' });
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/press-releases?limit=0' });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(doc.paths['/api/v1/press-releases']).toBeDefined();
  });
});

describe('the staff form', () => {
  const send = async (url: string, fields: Record<string, string>, photo?: { name: string; type: string; bytes: Buffer }) => {
    const session = await formSession(t.app, '/press/new', staffCookie);
    return postMultipart(t.app, url, session, fields, photo ? [{ field: 'photo', ...photo }] : []);
  };
  const fields = () => ({ title: 'Fra formularen', summary: 'Kort', content: 'Tekst', contactPersonId: w.staff.id });

  it('refuses a photo without its credit, naming the field, and writes nothing', async () => {
    const before = await counts();
    const res = await send('/press', { ...fields(), photoCredit: '', photoAlt: 'Et billede' }, { name: 'a.jpg', type: 'image/jpeg', bytes: JPEG });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Skriv fotografens navn, når pressemeddelelsen har et foto.');
    expect(res.body).toContain('href="#field-photoCredit"');
    expect(await counts()).toEqual(before);
  });

  it('tells every problem at once when the text is refused too', async () => {
    const res = await send('/press', { ...fields(), title: '', photoCredit: '' }, { name: 'a.jpg', type: 'image/jpeg', bytes: JPEG });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#field-title"');
    expect(res.body).toContain('href="#field-photoCredit"');
    expect(res.body).toContain('href="#field-photoAlt"');
  });

  it('refuses a photo that is not an image, or too large, and an embargo without a time', async () => {
    const before = await counts();
    const wrong = await send('/press', { ...fields(), photoCredit: 'Jens', photoAlt: 'x' }, { name: 'a.jpg', type: 'image/jpeg', bytes: HTML });
    expect(wrong.body).toContain('Fotoet skal være et billede i JPEG, PNG eller WebP.');
    const big = await send('/press', { ...fields(), photoCredit: 'Jens', photoAlt: 'x' }, { name: 'a.png', type: 'image/png', bytes: Buffer.concat([PNG, Buffer.alloc(PHOTO_MAX_BYTES)]) });
    expect(big.statusCode).toBe(422);
    expect(big.body).toContain('Fotoet må højst fylde 10 MB.');
    const embargo = await send('/press', { ...fields(), embargoDate: dateInDays(30), embargoTime: '' });
    expect(embargo.body).toContain('href="#field-embargoTime"');
    const contact = await send('/press', { ...fields(), contactPersonId: w.member.id });
    expect(contact.body).toContain('Vælg en pressekontakt fra medarbejderoversigten.');
    expect(await counts()).toEqual(before);
  });

  it('creates a draft with its photo and an embargo in Copenhagen time', async () => {
    // A coming 1 June: summer time, so 10:00 in Copenhagen is 08:00 UTC.
    const day = nextDayOfYear(6, 1);
    const res = await send('/press', { ...fields(), title: 'Med foto og embargo', photoCredit: 'Foto: Mette Lund', photoAlt: 'Et billede', embargoDate: day, embargoTime: '10:00' }, { name: 'b.png', type: 'image/png', bytes: PNG });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/press/med-foto-og-embargo/edit');
    const [row] = await queryRows<{ status: string; embargo: string; credit: string }>(
      t.database.db,
      sql`select r.status, to_char(r.embargo_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as embargo, p.credit from press_releases r join press_release_photos p on p.release_id = r.id where r.slug = 'med-foto-og-embargo'`,
    );
    expect(row).toEqual({ status: 'draft', embargo: `${day}T08:00`, credit: 'Mette Lund' });
    const edit = await get('/press/med-foto-og-embargo/edit', staffCookie);
    expect(edit.body).toContain(`value="${day}"`);
    expect(edit.body).toContain('value="10:00"');
  });
});
