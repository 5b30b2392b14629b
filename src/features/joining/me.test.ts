import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createPerson, createWorkplace, formSession, loginAs, postForm, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { mailOutbox } from '../../platform/mail/tables.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { audit } from '../../platform/audit/audit.js';
import { anonymous, type Actor } from '../../platform/actor.js';
import { consents, memberships, membershipEvents, membershipSections, membershipTypes } from '../members/tables.js';
import { persons, employments } from '../../kernel/tables.js';

let t: TestApp;
let org: Org;
let member: { id: string; email: string; cookie: string; membershipId: string; memberNumber: string };
let other: { id: string; email: string };
let staff: { id: string; email: string; actor: Actor };

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  const [type] = await t.database.db.insert(membershipTypes).values({ code: 'leader', name: 'Ledermedlem' }).returning();
  const workplace = await createWorkplace(t.database, org.north, 'Botilbuddet Solsikken');
  const p = await createPerson(t.database, [['steward', null, workplace.id]], {
    firstName: 'Signe',
    lastName: 'Krogh',
    email: 'signe.krogh@example.org',
    phone: '+45 11 22 33 44',
    addressLine: 'Engvej 7',
    postalCode: '9000',
    city: 'Aalborg',
    dateOfBirth: '1985-03-09',
    preferredLocale: 'da',
  });
  const [m] = await t.database.db.insert(memberships).values({ personId: p.id, typeId: type.id, unitId: org.north, status: 'active', joinedOn: '2020-01-01', statusSince: '2020-01-01' }).returning();
  await t.database.db.insert(membershipSections).values({ membershipId: m.id, unitId: org.leaders, since: '2021-05-01' });
  await t.database.db.insert(employments).values({ personId: p.id, workplaceId: workplace.id, jobTitle: 'Afdelingsleder', isLeader: true, startsOn: '2019-08-01' });
  await t.database.db.insert(consents).values([
    { personId: p.id, purpose: 'privacy_terms', granted: true, source: 'join' },
    { personId: p.id, purpose: 'newsletter', granted: true, source: 'join' },
  ]);
  // The join form recorded the consents; the office looked at and changed the person later.
  await audit(t.database.db, anonymous, { action: 'create', entityType: 'consent', entityId: p.id, fields: ['privacy_terms', 'newsletter'] });
  const s = await createPerson(t.database, [['staff', org.north]], { firstName: 'Kasper', lastName: 'Kontormand', email: 'kasper.kontormand@example.org' });
  staff = { id: s.id, email: s.email!, actor: { kind: 'person', personId: s.id, firstName: 'Kasper', lastName: 'Kontormand', grants: [], ip: '10.9.8.7' } };
  await audit(t.database.db, staff.actor, { action: 'view', entityType: 'person', entityId: p.id });
  await audit(t.database.db, staff.actor, { action: 'update', entityType: 'membership', entityId: m.id, fields: ['typeId'] });
  await t.database.db.insert(membershipEvents).values({ membershipId: m.id, onDate: '2020-01-01', status: 'active', typeId: type.id, unitId: org.north, actorPersonId: s.id });

  const o = await createPerson(t.database, [], { firstName: 'Ottilia', lastName: 'Andersdotter', email: 'ottilia@example.org' });
  await t.database.db.insert(memberships).values({ personId: o.id, typeId: type.id, unitId: org.north, status: 'active' });
  await audit(t.database.db, staff.actor, { action: 'view', entityType: 'person', entityId: o.id });
  other = { id: o.id, email: o.email! };

  member = { id: p.id, email: p.email!, cookie: (await loginAs(t.database, p.id)).cookie, membershipId: m.id, memberNumber: m.memberNumber };
});
afterAll(() => t.close());

const get = (url: string, cookie = member.cookie) => t.app.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html' } });

async function post(url: string, fields: Record<string, string>, cookie = member.cookie) {
  const s = await formSession(t.app, url, cookie);
  return postForm(t.app, url, s, fields);
}

async function follow(res: LightMyRequestResponse): Promise<LightMyRequestResponse> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
  const flash = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
  return get(String(res.headers.location), [member.cookie, ...flash].join('; '));
}

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(`
    select json_build_object(
      'persons', (select coalesce(json_agg(json_build_array(id, email, phone, address_line, postal_code, city, preferred_locale, updated_at) order by id), '[]') from persons),
      'consents', (select coalesce(json_agg(json_build_array(person_id, purpose, granted, source, changed_at) order by person_id, purpose), '[]') from consents),
      'audit', (select count(*) from audit_events),
      'mail', (select count(*) from mail_outbox)
    )::text as f`);
  return String(r.rows[0].f);
}

const contact = { email: 'signe.krogh@example.org', phone: '+45 11 22 33 44', addressLine: 'Engvej 7', postalCode: '9000', city: 'Aalborg', preferredLocale: 'da' };

describe('my page', () => {
  it('shows the person’s own details, membership with sections, roles and workplace', async () => {
    const res = await get('/me');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    for (const text of ['Signe Krogh', 'signe.krogh@example.org', 'Engvej 7, 9000 Aalborg', '9. marts 1985', member.memberNumber, 'Ledermedlem', 'Kreds Nord', 'Ledersektionen', 'Aktiv', 'siden 1. januar 2020', 'Tillidsrepræsentant på Botilbuddet Solsikken', 'Afdelingsleder', 'href="/me/export.json"']) {
      expect(res.body, text).toContain(text);
    }
    expect(res.body).not.toContain('Ottilia');
    expect(res.body).not.toContain('Kontormand');
  });

  it('sends visitors to log in, and shows a person without membership or workplace their own page too', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/me' });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toBe('/login?next=%2Fme');
    const staffCookie = (await loginAs(t.database, staff.id)).cookie;
    for (const url of ['/me', '/me/edit', '/me/consents', '/me/export.json']) {
      const res = await get(url, staffCookie);
      expect(res.statusCode, url).toBe(200);
    }
    const exported = JSON.parse((await get('/me/export.json', staffCookie)).body);
    expect(JSON.stringify(exported)).toContain(staff.id);
    expect(exported.membership ?? null).toBeNull();
  });
});

describe('editing my contact details', () => {
  it('saves phone, address and language at once; a new e-mail waits for the link sent to it, and the old address is told', async () => {
    const form = await get('/me/edit');
    expect(form.body).toMatch(/<input[^>]*name="email"[^>]*value="signe.krogh@example.org"/);
    expect(form.body).not.toContain('name="firstName"');

    const res = await post('/me/edit', { ...contact, email: 'signe@krogh.example', phone: '+45 99 88 77 66', city: 'Nørresundby', preferredLocale: 'sv' });
    expect(res.headers.location).toBe('/me');
    expect((await follow(res)).body).toContain('Vi har skickat en länk till signe@krogh.example.');
    const [p] = await t.database.db.select().from(persons).where(eq(persons.id, member.id));
    // The log-in is still the old address: a typo in the new one cannot lock her out.
    expect(p).toMatchObject({ email: 'signe.krogh@example.org', phone: '+45 99 88 77 66', city: 'Nørresundby', preferredLocale: 'sv', firstName: 'Signe' });
    const [audited] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, member.id), eq(auditEvents.action, 'update'), eq(auditEvents.entityType, 'person')));
    expect(audited.fields?.sort()).toEqual(['city', 'phone', 'preferredLocale']);
    expect(audited.actorPersonId).toBe(member.id);
    const [told] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'signe.krogh@example.org')).orderBy(desc(mailOutbox.createdAt));
    expect(told.subject).toContain('byta din e-postadress');
    const [link] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'signe@krogh.example')).orderBy(desc(mailOutbox.createdAt));
    const url = /\/me\/email\/confirm\/[A-Za-z0-9_-]+/.exec(link.textBody)![0];
    expect((await get('/me/edit')).body).toContain('Väntar på bekräftelse: signe@krogh.example');

    // Opening the link (a mail scanner may) changes nothing; the button does, without a session.
    const opened = await t.app.inject({ method: 'GET', url });
    expect(opened.statusCode).toBe(200);
    expect((await t.database.db.select().from(persons).where(eq(persons.id, member.id)))[0].email).toBe('signe.krogh@example.org');
    const confirmed = await postForm(t.app, url, await formSession(t.app, url), {});
    expect(confirmed.statusCode).toBe(200);
    expect((await t.database.db.select().from(persons).where(eq(persons.id, member.id)))[0].email).toBe('signe@krogh.example');
    const emailAudit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, member.id), eq(auditEvents.entityType, 'person'), eq(auditEvents.action, 'update')));
    expect(emailAudit.some((a) => a.fields?.includes('email') && a.actorPersonId === member.id)).toBe(true);
    const [changed] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'signe.krogh@example.org')).orderBy(desc(mailOutbox.createdAt));
    expect(changed.subject).toContain('har ändrats');
    // A used link is used up.
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(410);

    // Back as it was, for the tests below.
    await post('/me/edit', contact);
    const [again] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'signe.krogh@example.org')).orderBy(desc(mailOutbox.createdAt));
    const back = /\/me\/email\/confirm\/[A-Za-z0-9_-]+/.exec(again.textBody)![0];
    await postForm(t.app, back, await formSession(t.app, back), {});
    expect((await t.database.db.select().from(persons).where(eq(persons.id, member.id)))[0].email).toBe('signe.krogh@example.org');
  });

  it('refuses a link for an address someone else took meanwhile, and keeps the old one', async () => {
    await post('/me/edit', { ...contact, email: 'signe.ny@example.org' });
    const [link] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'signe.ny@example.org')).orderBy(desc(mailOutbox.createdAt));
    const url = /\/me\/email\/confirm\/[A-Za-z0-9_-]+/.exec(link.textBody)![0];
    await t.database.db.update(persons).set({ email: 'signe.ny@example.org' }).where(eq(persons.id, other.id));
    const res = await postForm(t.app, url, await formSession(t.app, url), {});
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Adressen bruges af en anden');
    expect((await t.database.db.select().from(persons).where(eq(persons.id, member.id)))[0].email).toBe('signe.krogh@example.org');
    await t.database.db.update(persons).set({ email: other.email }).where(eq(persons.id, other.id));
    expect((await t.app.inject({ method: 'GET', url: '/me/email/confirm/not-a-real-token-at-all' })).statusCode).toBe(404);
  });

  it('says so when nothing changed, and writes nothing', async () => {
    const before = await fingerprint();
    const res = await post('/me/edit', contact);
    expect((await follow(res)).body).toContain('Der var ingen ændringer at gemme.');
    expect(await fingerprint()).toBe(before);
  });

  const bad: [string, Record<string, string>, string, string][] = [
    ['an address someone else has', { email: 'OTTILIA@example.org' }, 'email', 'Den e-mailadresse bruges allerede af en anden.'],
    ['no e-mail', { email: '' }, 'email', 'E-mail skal udfyldes.'],
    ['a malformed e-mail', { email: 'signe@' }, 'email', 'E-mail skal være en gyldig e-mailadresse'],
    ['a bad postal code', { postalCode: 'ABC' }, 'postalCode', 'Postnummer skal være et postnummer'],
    ['a postal code that does not fit the country (DK)', { postalCode: 'DK-9000' }, 'postalCode', 'Postnummer passer ikke til landet DK'],
    ['an unknown language', { preferredLocale: 'fi' }, 'preferredLocale', 'Foretrukket sprog skal være et af de mulige valg.'],
    ['a new name (that goes through the office)', { firstName: 'Sigrid' }, 'firstName', 'Feltet firstName kendes ikke.'],
  ];
  it.each(bad)('refuses %s with 422 naming the field, and writes nothing', async (_name, change, field, message) => {
    const before = await fingerprint();
    const res = await post('/me/edit', { ...contact, ...change });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(message);
    if (field !== 'firstName') expect(res.body).toMatch(new RegExp(`<(input|select)[^>]*id="field-${field}"[^>]*aria-invalid="true"`));
    expect(await fingerprint()).toBe(before);
  });
});

describe('my consents', () => {
  it('shows each purpose as a yes/no choice with the stored answer, and the privacy terms as accepted', async () => {
    const res = await get('/me/consents');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<input id="field-newsletter" type="radio" name="newsletter" value="yes" checked/);
    expect(res.body).not.toMatch(/name="surveys" value="(yes|no)" checked/);
    expect(res.body).toContain('Du accepterede vilkårene');
    expect(res.body).toContain('Ved indmeldelsen');
  });

  it('stores each change with source "me", audits the purposes by name and shows the history', async () => {
    const res = await post('/me/consents', { newsletter: 'no', surveys: 'yes', eventPhotos: 'no' });
    expect(res.headers.location).toBe('/me/consents');
    const page = await follow(res);
    expect(page.body).toContain('Dine samtykker er gemt.');
    const rows = await t.database.db.select().from(consents).where(eq(consents.personId, member.id)).orderBy(consents.purpose);
    expect(rows.map((c) => [c.purpose, c.granted, c.source])).toEqual([
      ['event_photos', false, 'me'],
      ['newsletter', false, 'me'],
      ['privacy_terms', true, 'join'],
      ['surveys', true, 'me'],
    ]);
    const audited = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'consent'), eq(auditEvents.entityId, member.id), eq(auditEvents.actorPersonId, member.id)));
    expect(audited.map((a) => `${a.action}:${a.fields?.sort().join(',')}`).sort()).toEqual(['create:event_photos,surveys', 'update:newsletter']);
    expect(page.body).toContain('Dig på Min side');
    expect(page.body).toMatch(/name="surveys" value="yes" checked/);

    // The same answers again change nothing.
    const before = await fingerprint();
    const same = await post('/me/consents', { newsletter: 'no', surveys: 'yes', eventPhotos: 'no' });
    expect((await follow(same)).body).toContain('Der var ingen ændringer at gemme.');
    expect(await fingerprint()).toBe(before);

    // A change back is a new row in the history.
    await post('/me/consents', { newsletter: 'yes', surveys: 'yes', eventPhotos: 'no' });
    const [newsletter] = await t.database.db.select().from(consents).where(and(eq(consents.personId, member.id), eq(consents.purpose, 'newsletter')));
    expect(newsletter.granted).toBe(true);
    const history = (await get('/me/consents')).body;
    expect(history.match(/Dig på Min side/g)).toHaveLength(3);
  });

  it.each([
    ['a missing answer', { newsletter: 'yes', eventPhotos: 'no' }, 'surveys', 'Medlemsundersøgelser'],
    ['an answer that is neither yes nor no', { newsletter: 'maybe', surveys: 'yes', eventPhotos: 'no' }, 'newsletter', 'Nyhedsbrev skal være et af de mulige valg.'],
    ['a purpose that is not on the form', { newsletter: 'yes', surveys: 'yes', eventPhotos: 'no', privacy_terms: 'no' }, 'privacy_terms', 'Feltet privacy_terms kendes ikke.'],
  ])('refuses %s with 422 naming it, and writes nothing', async (_name, fields, field, message) => {
    const before = await fingerprint();
    const res = await post('/me/consents', fields);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(message);
    if (field !== 'privacy_terms') expect(res.body).toMatch(new RegExp(`id="field-${field}"[^>]*aria-invalid="true"`));
    expect(await fingerprint()).toBe(before);
  });
});

describe('downloading my data', () => {
  it('is an attachment with everything the register holds on the person, and nothing about anyone else', async () => {
    const res = await get('/me/export.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.json();
    expect(data.person).toMatchObject({ id: member.id, firstName: 'Signe', lastName: 'Krogh', email: 'signe.krogh@example.org', dateOfBirth: '1985-03-09', postalCode: '9000' });
    expect(data.account.lastLoginAt).toMatch(/^\d{4}-/);
    expect(data.account).not.toHaveProperty('passwordHash');
    expect(data.membership).toMatchObject({ memberNumber: member.memberNumber, type: 'Ledermedlem', district: 'Kreds Nord', status: 'active', joinedOn: '2020-01-01' });
    expect(data.membership.sections).toEqual([{ name: 'Ledersektionen', since: '2021-05-01' }]);
    expect(data.membership.events).toEqual([expect.objectContaining({ onDate: '2020-01-01', status: 'active', by: 'organisation' })]);
    expect(data.employments).toEqual([{ workplace: 'Botilbuddet Solsikken', jobTitle: 'Afdelingsleder', isLeader: true, startsOn: '2019-08-01', endsOn: null }]);
    expect(data.roles).toEqual([expect.objectContaining({ role: 'steward', workplace: 'Botilbuddet Solsikken' })]);
    expect(data.consents.map((c: { purpose: string }) => c.purpose)).toEqual(['event_photos', 'newsletter', 'privacy_terms', 'surveys']);
    const trail = data.auditTrail as { action: string; record: string; by: string; fields: string[] }[];
    expect(trail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'view', record: 'person', by: 'organisation' }),
        expect.objectContaining({ action: 'update', record: 'membership', by: 'organisation', fields: ['typeId'] }),
        expect.objectContaining({ action: 'login', record: 'session', by: 'you' }),
        expect.objectContaining({ action: 'create', record: 'consent', by: 'join_form' }),
        expect.objectContaining({ action: 'update', record: 'consent', by: 'you' }),
      ]),
    );
    // Only the views of this person: the view of the other member is not theirs to see.
    expect(trail.filter((a) => a.action === 'view')).toHaveLength(1);

    const text = res.body;
    for (const secret of ['Ottilia', 'Andersdotter', other.email, other.id, 'Kasper', 'Kontormand', staff.email, staff.id, '10.9.8.7']) expect(text, secret).not.toContain(secret);
  });

  it('is audited as an export of the person', async () => {
    await get('/me/export.json');
    const [exported] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'export'), eq(auditEvents.entityId, member.id)));
    expect(exported).toMatchObject({ entityType: 'person', actorPersonId: member.id });
  });
});
