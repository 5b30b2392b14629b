import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { fieldErrorsFromZod } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/i18n.js';
import { adminSession, createPerson, formSession, loginAs, postForm, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { loadGrants } from '../../kernel/grants.js';
import { roleAssignments } from '../../kernel/tables.js';
import { staffProfiles } from './tables.js';
import { profileInput, type ProfileInput } from './schema.js';
import { saveProfile, searchDirectory } from './profiles.js';
import { setPhoto } from './photo.js';
import { dateInDays } from '../../test/time.js';

let app: TestApp;
let org: Org;
const ids = {} as Record<'henrik' | 'signe' | 'birgitte' | 'helle' | 'rasmus' | 'skjult' | 'tidligere' | 'nyansat', string>;
let adminCookie: string;

/** A 1×1 PNG, and the first bytes of a JPEG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

const actorOf = async (personId: string): Promise<Actor> => ({ kind: 'person', personId, firstName: 'T', lastName: 'P', grants: await loadGrants(app.database.db, personId) });
const input = (fields: Partial<Record<keyof ProfileInput, unknown>>): ProfileInput => profileInput.parse({ title: 'Konsulent', unitId: org.national, published: true, ...fields });

beforeAll(async () => {
  app = await testApp();
  org = await seedUnits(app.database);
  const staff = async (key: keyof typeof ids, firstName: string, lastName: string, unitId: string, profile: Partial<typeof staffProfiles.$inferInsert> | null) => {
    const p = await createPerson(app.database, [['staff', unitId]], { firstName, lastName });
    ids[key] = p.id;
    if (profile) await app.database.db.insert(staffProfiles).values({ personId: p.id, unitId, title: 'Konsulent', ...profile });
  };
  await staff('henrik', 'Henrik', 'Vestergaard', org.national, { title: 'Pensionsrådgiver', topics: ['pension', 'efterløn', 'forsikring'], directPhone: '+45 12 34 57 01', publicEmail: 'henrik@example.org' });
  await staff('signe', 'Signe', 'Krogh', org.national, { title: 'Juridisk konsulent', topics: ['afskedigelse', 'ansættelseskontrakt'] });
  await staff('birgitte', 'Birgitte', 'Dahl', org.north, { title: 'Faglig sekretær', topics: ['løn', 'tilsynsbesøg'] });
  await staff('rasmus', 'Rasmus', 'Østergaard', org.north, { title: 'Organisationskonsulent', topics: ['tillidsrepræsentant'] });
  await staff('helle', 'Helle', 'Aagaard', org.north, { title: 'Faglig sekretær', topics: ['afskedigelse', 'tilsynsbesøg', '100% sikkert'] });
  await staff('skjult', 'Skjult', 'Pension', org.national, { title: 'Pensionsekspert', topics: ['pension'], published: false });
  await staff('nyansat', 'Ny', 'Ansat', org.north, null);
  // A colleague who has left: the entry stays, but not in the public directory.
  await staff('tidligere', 'Tidligere', 'Pensionist', org.national, { title: 'Pensionsrådgiver', topics: ['pension'] });
  await app.database.db.update(roleAssignments).set({ startsOn: dateInDays(-3650), endsOn: dateInDays(-365) }).where(eq(roleAssignments.personId, ids.tidligere));
  adminCookie = (await adminSession(app.database)).cookie;
});
afterAll(() => app.close());

const names = async (q?: string, unit?: string) => (await searchDirectory(app.database.db, { q, unit })).map((e) => `${e.firstName} ${e.lastName}`);

describe('searching the directory', () => {
  it('finds who to call about a topic', async () => {
    expect(await names('pension')).toEqual(['Henrik Vestergaard']);
    expect(await names('afskedigelse')).toEqual(['Signe Krogh', 'Helle Aagaard']);
    expect(await names('tilsynsbesøg')).toEqual(['Birgitte Dahl', 'Helle Aagaard']);
    expect(await names('TILSYNSBESØG')).toEqual(['Birgitte Dahl', 'Helle Aagaard']);
  });

  it('finds by name, by title, and by every word together', async () => {
    expect(await names('krogh')).toEqual(['Signe Krogh']);
    expect(await names('Østergaard')).toEqual(['Rasmus Østergaard']);
    expect(await names('sekretær')).toEqual(['Birgitte Dahl', 'Helle Aagaard']);
    expect(await names('helle afskedigelse')).toEqual(['Helle Aagaard']);
    expect(await names('signe tilsynsbesøg')).toEqual([]);
    // What is typed is text, never a pattern.
    expect(await names('100%')).toEqual(['Helle Aagaard']);
    expect(await names('_')).toEqual([]);
  });

  it('lists by office, then by name in Danish order (Aagaard as Å, after Ø), without hidden entries or former staff', async () => {
    expect(await names()).toEqual(['Signe Krogh', 'Henrik Vestergaard', 'Birgitte Dahl', 'Rasmus Østergaard', 'Helle Aagaard']);
    expect(await names(undefined, org.north)).toEqual(['Birgitte Dahl', 'Rasmus Østergaard', 'Helle Aagaard']);
  });

  it('reads the whole directory in ONE database call', async () => {
    let calls = 0;
    const db = new Proxy(app.database.db, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) as Db;
    expect((await searchDirectory(db, { q: 'afskedigelse' })).length).toBe(2);
    expect(calls).toBe(1);
  });
});

describe('the entry form’s rules', () => {
  const t = translator('da');
  it('takes topics as one comma-separated field, trimmed and without repeats', () => {
    expect(input({ topics: ' pension,  efterløn ,,Pension, forsikring ' }).topics).toEqual(['pension', 'efterløn', 'forsikring']);
    expect(input({ topics: ['løn', 'ferie'] }).topics).toEqual(['løn', 'ferie']);
    expect(input({}).topics).toEqual([]);
  });

  it('names the field when the topics, the phone or the e-mail are wrong', () => {
    const errors = (fields: Record<string, unknown>) => {
      const r = profileInput.safeParse({ title: 'X', unitId: '00000000-0000-4000-8000-000000000001', ...fields });
      return r.success ? [] : fieldErrorsFromZod(r.error, t).map((e) => `${e.path}: ${e.message}`);
    };
    expect(errors({ topics: Array.from({ length: 21 }, (_, i) => `emne ${i}`).join(',') })).toEqual(['topics: Emner må højst være 20.']);
    expect(errors({ topics: 'x'.repeat(61) })).toEqual(['topics: Hvert emne må højst være 60 tegn.']);
    expect(errors({ directPhone: 'ring mig' })).toEqual(['directPhone: Direkte telefon må kun indeholde cifre, mellemrum og evt. + foran, fx +45 12 34 56 78.']);
    expect(errors({ publicEmail: 'ikke-en-mail' })).toEqual(['publicEmail: Offentlig e-mail skal være en gyldig e-mailadresse, fx navn@eksempel.dk.']);
    expect(errors({ title: '' })).toEqual(['title: Titel skal udfyldes.']);
  });
});

describe('keeping an entry', () => {
  it('a staff member creates their own entry in their own unit, audited; not in another unit', async () => {
    const me = await actorOf(ids.nyansat);
    expect(await saveProfile(app.database.db, me, ids.nyansat, input({ unitId: org.south }))).toEqual({ ok: false, reason: 'unit_not_allowed', field: 'unitId' });
    expect(await saveProfile(app.database.db, me, ids.nyansat, input({ unitId: org.north, title: 'Faglig konsulent', topics: 'barsel, ferie' }))).toEqual({ ok: true, created: true });
    expect(await names('barsel')).toEqual(['Ny Ansat']);
    const [event] = await app.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'staff_profile'), eq(auditEvents.entityId, ids.nyansat)));
    expect(event.action).toBe('create');
    expect(await saveProfile(app.database.db, me, ids.nyansat, input({ unitId: org.north, title: 'Faglig konsulent', topics: 'barsel, ferie', directPhone: '+45 11 22 33 44' }))).toEqual({ ok: true, created: false });
    const [update] = await app.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, ids.nyansat), eq(auditEvents.action, 'update')));
    expect(update.fields).toEqual(['directPhone']);
  });

  it('nobody else’s entry but their own; admins anyone’s, but only for staff', async () => {
    const me = await actorOf(ids.nyansat);
    expect(await saveProfile(app.database.db, me, ids.signe, input({}))).toEqual({ ok: false, reason: 'forbidden' });
    const admin = await actorOf((await createPerson(app.database, [['admin', null]])).id);
    expect(await saveProfile(app.database.db, admin, ids.signe, input({ title: 'Chefjurist', topics: 'afskedigelse' }))).toEqual({ ok: true, created: false });
    const outsider = await createPerson(app.database, [['member', org.north]]);
    expect(await saveProfile(app.database.db, admin, outsider.id, input({}))).toEqual({ ok: false, reason: 'not_staff', field: 'title' });
    expect(await saveProfile(app.database.db, admin, '00000000-0000-4000-8000-000000000000', input({}))).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('photos', () => {
  it('takes a PNG or JPEG of at most 1 MB whose bytes match its type', async () => {
    const me = await actorOf(ids.henrik);
    expect(await setPhoto(app.database.db, me, ids.henrik, { bytes: Buffer.alloc(0), mime: 'image/png' })).toEqual({ ok: false, reason: 'empty' });
    expect(await setPhoto(app.database.db, me, ids.henrik, { bytes: Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]), mime: 'image/png' })).toEqual({ ok: false, reason: 'too_large' });
    expect(await setPhoto(app.database.db, me, ids.henrik, { bytes: JPEG, mime: 'image/png' })).toEqual({ ok: false, reason: 'wrong_type' });
    expect(await setPhoto(app.database.db, me, ids.henrik, { bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), mime: 'image/svg+xml' })).toEqual({ ok: false, reason: 'wrong_type' });
    expect(await setPhoto(app.database.db, me, ids.henrik, { bytes: Buffer.from('<script>alert(1)</script>'), mime: 'image/jpeg' })).toEqual({ ok: false, reason: 'wrong_type' });
    expect(await setPhoto(app.database.db, me, ids.signe, { bytes: PNG, mime: 'image/png' })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await setPhoto(app.database.db, me, ids.henrik, { bytes: JPEG, mime: 'image/jpeg' })).toEqual({ ok: true });
    expect(await setPhoto(app.database.db, me, ids.henrik, { bytes: PNG, mime: 'image/png' })).toEqual({ ok: true });
  });

  it('serves a published photo to anyone, as an image that can never run', async () => {
    const [entry] = await searchDirectory(app.database.db, { q: 'pension' });
    expect(entry.photoUrl).toMatch(new RegExp(`^/directory/${ids.henrik}/photo\\?v=`));
    const res = await app.app.inject({ method: 'GET', url: entry.photoUrl! });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.rawPayload.equals(PNG)).toBe(true);
  });

  it('hides the photo of a hidden entry, except from its owner', async () => {
    const owner = await actorOf(ids.skjult);
    expect(await setPhoto(app.database.db, owner, ids.skjult, { bytes: PNG, mime: 'image/png' })).toEqual({ ok: true });
    expect((await app.app.inject({ method: 'GET', url: `/directory/${ids.skjult}/photo` })).statusCode).toBe(404);
    const cookie = (await loginAs(app.database, ids.skjult)).cookie;
    const own = await app.app.inject({ method: 'GET', url: `/directory/${ids.skjult}/photo`, headers: { cookie } });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, no-store');
  });
});

/** A multipart form with the CSRF token and one file, as a browser sends it. */
function multipart(csrf: string, file: { name: string; type: string; bytes: Buffer }): { payload: Buffer; contentType: string } {
  const boundary = '----forening-test-boundary';
  const parts = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('directory pages', () => {
  it('a visitor finds the pension adviser with a tel: and a mailto: link', async () => {
    const res = await app.app.inject({ method: 'GET', url: '/directory?q=pension', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Henrik Vestergaard');
    expect(res.body).toContain('href="tel:+4512345701"');
    expect(res.body).toContain('href="mailto:henrik@example.org"');
    expect(res.body).not.toContain('Signe Krogh');
    expect(res.body).toContain('Find medarbejder');
  });

  it('the API answers the same search, with absolute photo links', async () => {
    const res = await app.app.inject({ method: 'GET', url: '/api/v1/directory?q=pension' });
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ personId: ids.henrik, firstName: 'Henrik', title: 'Pensionsrådgiver', directPhone: '+45 12 34 57 01', topics: ['pension', 'efterløn', 'forsikring'] });
    expect(items[0].photoUrl).toMatch(/^http:\/\/forening\.test\/directory\//);
    const bad = await app.app.inject({ method: 'GET', url: '/api/v1/directory?unit=kontoret' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('unit');
  });

  it('a staff member edits their own entry: a bad phone is 422 with nothing written, then it is saved', async () => {
    const cookie = (await loginAs(app.database, ids.birgitte)).cookie;
    const s = await formSession(app.app, '/directory/me', cookie);
    expect(s.page.body).toContain('value="løn, tilsynsbesøg"');
    const [before] = await app.database.db.select().from(staffProfiles).where(eq(staffProfiles.personId, ids.birgitte));
    const bad = await postForm(app.app, '/directory/me', s, { title: 'Faglig sekretær', unitId: org.north, directPhone: 'ring på kontoret', topics: 'løn', published: 'on' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Direkte telefon må kun indeholde cifre');
    expect(bad.body).toContain('value="ring på kontoret"');
    const [unchanged] = await app.database.db.select().from(staffProfiles).where(eq(staffProfiles.personId, ids.birgitte));
    expect(unchanged).toEqual(before);
    const ok = await postForm(app.app, '/directory/me', s, { title: 'Faglig sekretær', unitId: org.north, directPhone: '+45 98 76 54 32', topics: 'løn, tilsynsbesøg, overenskomst', published: 'on' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/directory/me');
    expect(await names('overenskomst')).toEqual(['Birgitte Dahl']);
  });

  it('uploads a photo through the form; a wrong file is refused with the reason', async () => {
    const cookie = (await loginAs(app.database, ids.birgitte)).cookie;
    const s = await formSession(app.app, '/directory/me', cookie);
    const post = (file: { name: string; type: string; bytes: Buffer }) => {
      const body = multipart(s.csrf, file);
      return app.app.inject({ method: 'POST', url: '/directory/me/photo', headers: { cookie: s.cookie, 'content-type': body.contentType, accept: 'text/html' }, payload: body.payload });
    };
    const wrong = await post({ name: 'evil.png', type: 'image/png', bytes: Buffer.from('<html><script>alert(1)</script></html>') });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Foto skal være en PNG-, JPEG- eller WebP-fil');
    const big = await post({ name: 'big.png', type: 'image/png', bytes: Buffer.concat([PNG, Buffer.alloc(1536 * 1024)]) });
    expect(big.statusCode).toBe(422);
    expect(big.body).toContain('Foto må højst fylde 1024 kB');
    // Far too large never reaches the use case: the upload itself is cut off.
    const huge = await post({ name: 'huge.png', type: 'image/png', bytes: Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)]) });
    expect(huge.statusCode).toBe(413);
    const ok = await post({ name: 'me.png', type: 'image/png', bytes: PNG });
    expect(ok.statusCode).toBe(303);
    const [row] = await app.database.db.select().from(staffProfiles).where(eq(staffProfiles.personId, ids.birgitte));
    expect(row.photoMime).toBe('image/png');
  });

  it('a person who is not staff has no entry to edit; admins list the staff and create entries', async () => {
    const member = await createPerson(app.database, [['member', org.north]]);
    const memberCookie = (await loginAs(app.database, member.id)).cookie;
    expect((await app.app.inject({ method: 'GET', url: '/directory/me', headers: { cookie: memberCookie, accept: 'text/html' } })).statusCode).toBe(403);
    const list = await app.app.inject({ method: 'GET', url: '/admin/directory', headers: { cookie: adminCookie, accept: 'text/html' } });
    expect(list.body).toContain('Ny Ansat');
    expect(list.body).not.toContain('Tidligere Pensionist');
    const staffer = await createPerson(app.database, [['staff', org.south]], { firstName: 'Frida', lastName: 'Frisk' });
    const s = await formSession(app.app, `/admin/directory/${staffer.id}`, adminCookie);
    const res = await postForm(app.app, `/admin/directory/${staffer.id}`, s, { title: 'Arbejdsmiljøkonsulent', unitId: org.south, topics: 'stress, arbejdsmiljø', published: 'on' });
    expect(res.statusCode).toBe(303);
    expect(await names('stress')).toEqual(['Frida Frisk']);
    expect((await app.app.inject({ method: 'GET', url: `/admin/directory/${member.id}`, headers: { cookie: adminCookie, accept: 'text/html' } })).statusCode).toBe(404);
  });
});
