import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createPerson, createWorkplace, formSession, loginAs, postForm, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { mailOutbox } from '../../platform/mail/tables.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { anonymous } from '../../platform/actor.js';
import { consents, memberships, membershipEvents, membershipTypes } from '../members/tables.js';
import { joinConfirmations } from './tables.js';
import { persons, roleAssignments, employments } from '../../kernel/tables.js';
import { applyForMembership, confirmApplication } from './join.js';
import { joinInput } from './schema.js';

let t: TestApp;
let org: Org;
let typeId = '';
let workplaceId = '';
const cookies = { staffNorth: '', staffSouth: '', staffNational: '', admin: '' };
const staffIds = { staffNorth: '' };
const ctx = { baseUrl: 'http://forening.test', organisationName: 'Testforbundet', organisationEmail: 'kontakt@testforbundet.example' };

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  [{ id: typeId }] = await t.database.db.insert(membershipTypes).values({ code: 'ordinary', name: 'Ordinært medlem' }).returning();
  workplaceId = (await createWorkplace(t.database, org.north, 'Værestedet Havnen')).id;
  const staffNorth = await createPerson(t.database, [['staff', org.north]], { firstName: 'Birgitte', lastName: 'Dahl' });
  staffIds.staffNorth = staffNorth.id;
  cookies.staffNorth = (await loginAs(t.database, staffNorth.id)).cookie;
  cookies.staffSouth = (await loginAs(t.database, (await createPerson(t.database, [['staff', org.south]])).id)).cookie;
  cookies.staffNational = (await loginAs(t.database, (await createPerson(t.database, [['staff', org.national]])).id)).cookie;
  cookies.admin = (await loginAs(t.database, (await createPerson(t.database, [['admin', null]])).id)).cookie;
});
afterAll(() => t.close());

let n = 0;
/** An application made and (unless told otherwise) confirmed through the use cases. */
async function application(opts: { district?: string; confirm?: boolean; firstName?: string; locale?: 'da' | 'sv' | 'en' } = {}) {
  n++;
  const email = `ansoger.${n}@example.org`;
  const input = joinInput.parse({
    firstName: opts.firstName ?? `Ansøger${n}`,
    lastName: 'Hansen',
    email,
    addressLine: 'Engvej 1',
    postalCode: '9000',
    city: 'Aalborg',
    districtId: opts.district ?? org.north,
    membershipTypeId: typeId,
    preferredLocale: opts.locale ?? 'da',
    privacyConsent: 'on',
  });
  await applyForMembership(t.database.db, anonymous, input, ctx);
  const [mail] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)).orderBy(desc(mailOutbox.createdAt));
  const token = /\/join\/confirm\/([A-Za-z0-9_-]+)/.exec(mail.textBody)![1];
  if (opts.confirm !== false) await confirmApplication(t.database.db, anonymous, token);
  const [person] = await t.database.db.select().from(persons).where(eq(persons.email, email));
  const [membership] = await t.database.db.select().from(memberships).where(eq(memberships.personId, person.id));
  return { email, person, membership, name: `${person.firstName} ${person.lastName}` };
}

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html' } });

async function post(url: string, cookie: string, fields: Record<string, string> = {}) {
  const s = await formSession(t.app, '/admin/applications', cookie);
  return postForm(t.app, url, s, fields);
}

/** Follows a 303 with the cookies the response set (the flash message rides in one). */
async function follow(res: LightMyRequestResponse, cookie: string): Promise<LightMyRequestResponse> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
  const jar = new Map(cookie.split('; ').filter(Boolean).map((c) => [c.split('=')[0], c.slice(c.indexOf('=') + 1)] as const));
  for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
    const [pair] = c.split(';');
    jar.set(pair.split('=')[0], pair.slice(pair.indexOf('=') + 1));
  }
  return get(String(res.headers.location), [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
}

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(`
    select json_build_object(
      'persons', (select coalesce(json_agg(json_build_array(id, updated_at) order by id), '[]') from persons),
      'memberships', (select coalesce(json_agg(json_build_array(id, status, status_since, joined_on, email_confirmed_at, updated_at) order by id), '[]') from memberships),
      'events', (select count(*) from membership_events),
      'confirmations', (select count(*) from join_confirmations),
      'links', (select count(*) from login_links),
      'audit', (select count(*) from audit_events),
      'mail', (select count(*) from mail_outbox)
    )::text as f`);
  return String(r.rows[0].f);
}

const today = async () => String((await t.database.executeSql('select current_date::text as d')).rows[0].d);

describe('the whole way in: form, mail, confirmation, queue, approval, welcome link, my page', () => {
  it('makes a visitor a member who can log in with the welcome link and sees their membership', async () => {
    const email = 'karin.lund@example.org';
    const s = await formSession(t.app, '/join');
    const sent = await postForm(t.app, '/join', s, {
      firstName: 'Karin',
      lastName: 'Lund',
      email,
      phone: '',
      addressLine: 'Havnegade 4',
      postalCode: '9000',
      city: 'Aalborg',
      dateOfBirth: '',
      districtId: org.north,
      membershipTypeId: typeId,
      workplaceId,
      preferredLocale: 'en',
      privacyConsent: 'on',
    });
    expect(sent.headers.location).toBe('/join/sent');

    // Not in the queue before the e-mail is confirmed: only counted among the unconfirmed.
    const early = await get('/admin/applications', cookies.staffNorth);
    expect(early.body).toMatch(/1 ansøgning uden bekræftet e-mail|ansøgninger uden bekræftet e-mail/);
    expect(early.body.indexOf('Karin Lund')).toBeGreaterThan(early.body.indexOf('id="unconfirmed-title"'));

    const [confirmMail] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
    expect(confirmMail.subject).toMatch(/^Confirm your application to /);
    const path = /http:\/\/forening\.test(\/join\/confirm\/\S+)/.exec(confirmMail.textBody)![1];
    const page = await t.app.inject({ method: 'GET', url: path });
    expect(page.body).toContain('<form method="post"');
    const cs = await formSession(t.app, path);
    expect((await postForm(t.app, path, cs, {})).headers.location).toBe('/join/confirmed');

    const queue = await get('/admin/applications', cookies.staffNorth);
    expect(queue.statusCode).toBe(200);
    const confirmedPart = queue.body.slice(queue.body.indexOf('id="confirmed-title"'), queue.body.indexOf('id="unconfirmed-title"'));
    expect(confirmedPart).toContain('Karin Lund');
    expect(confirmedPart).toContain('Kreds Nord');
    expect(confirmedPart).toContain('Ordinært medlem');
    expect(confirmedPart).toContain('Værestedet Havnen');
    const [person] = await t.database.db.select().from(persons).where(eq(persons.email, email));
    const [membership] = await t.database.db.select().from(memberships).where(eq(memberships.personId, person.id));
    expect(confirmedPart).toContain(`/admin/applications/${membership.id}`);

    const detail = await get(`/admin/applications/${membership.id}`, cookies.staffNorth);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain(email);
    expect(detail.headers['cache-control']).toBe('no-store');
    const [viewed] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'view'), eq(auditEvents.entityId, person.id)));
    expect(viewed).toMatchObject({ entityType: 'person', actorPersonId: staffIds.staffNorth });

    const approved = await post(`/admin/applications/${membership.id}/approve`, cookies.staffNorth);
    const after = await follow(approved, cookies.staffNorth);
    expect(after.body).toContain(`Karin Lund er nu medlem med nummer ${membership.memberNumber}`);
    expect(after.body).not.toContain(`/admin/applications/${membership.id}"`);

    const [active] = await t.database.db.select().from(memberships).where(eq(memberships.id, membership.id));
    expect(active).toMatchObject({ status: 'active', joinedOn: await today(), statusSince: await today() });
    const [event] = await t.database.db.select().from(membershipEvents).where(and(eq(membershipEvents.membershipId, membership.id), eq(membershipEvents.status, 'active')));
    expect(event).toMatchObject({ reason: 'join:approved', actorPersonId: staffIds.staffNorth, unitId: org.north });
    const [audited] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, membership.id), eq(auditEvents.actorPersonId, staffIds.staffNorth)));
    expect(audited).toMatchObject({ action: 'update', entityType: 'membership', fields: ['status', 'statusSince', 'joinedOn'] });

    const [welcome] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)).orderBy(desc(mailOutbox.createdAt));
    expect(welcome.subject).toMatch(/^Welcome to /);
    expect(welcome.textBody).toContain(`Your member number is ${membership.memberNumber}`);
    const loginPath = /http:\/\/forening\.test(\/login\/link\/[A-Za-z0-9_-]+)/.exec(welcome.textBody)![1];
    const linkExpiry = (await t.database.executeSql(`select extract(epoch from expires_at - now()) / 3600 as h from login_links where person_id = '${person.id}'`)).rows[0].h;
    expect(Number(linkExpiry)).toBeGreaterThan(23.9);

    const ls = await formSession(t.app, loginPath);
    const loggedIn = await postForm(t.app, loginPath, ls, {});
    expect(loggedIn.statusCode).toBe(303);
    const session = ([] as string[]).concat(loggedIn.headers['set-cookie'] ?? []).find((c) => c.startsWith('forening_session='))!.split(';')[0];
    const me = await get('/me', session);
    expect(me.statusCode).toBe(200);
    expect(me.body).toContain(membership.memberNumber);
    expect(me.body).toContain('Active');
    expect(me.body).toContain('Værestedet Havnen');
    expect(me.body).toContain('<html lang="en"');
  });
});

describe('the queue', () => {
  it('lists confirmed applications oldest first, each district only to its own staff, all to admins and national staff', async () => {
    const older = await application();
    const newer = await application();
    const south = await application({ district: org.south });
    const unconfirmed = await application({ confirm: false });

    const north = (await get('/admin/applications', cookies.staffNorth)).body;
    expect(north.indexOf(older.name)).toBeGreaterThan(0);
    expect(north.indexOf(older.name)).toBeLessThan(north.indexOf(newer.name));
    expect(north).not.toContain(south.name);
    expect(north.indexOf(unconfirmed.name)).toBeGreaterThan(north.indexOf('id="unconfirmed-title"'));

    const southPage = (await get('/admin/applications', cookies.staffSouth)).body;
    expect(southPage).toContain(south.name);
    for (const other of [older, newer, unconfirmed]) expect(southPage).not.toContain(other.name);

    for (const who of ['admin', 'staffNational'] as const) {
      const all = (await get('/admin/applications', cookies[who])).body;
      for (const a of [older, newer, south, unconfirmed]) expect(all, who).toContain(a.name);
    }
  });

  it('hides another district’s application from staff (404), changes nothing and leaks nothing', async () => {
    const a = await application({ firstName: 'Hemmelige' });
    const before = await fingerprint();
    for (const url of [`/admin/applications/${a.membership.id}`]) {
      const res = await get(url, cookies.staffSouth);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Hemmelige');
    }
    for (const action of ['approve', 'reject', 'resend', 'remove']) {
      const res = await post(`/admin/applications/${a.membership.id}/${action}`, cookies.staffSouth, action === 'reject' ? { rejectionReason: 'Nej' } : {});
      expect(res.statusCode, action).toBe(404);
      expect(res.body).not.toContain('Hemmelige');
    }
    expect(await fingerprint()).toBe(before);
    expect((await get('/admin/applications/00000000-0000-4000-8000-000000000000', cookies.admin)).statusCode).toBe(404);
    expect((await get('/admin/applications/not-an-id', cookies.admin)).statusCode).toBe(404);
  });
});

describe('rejecting', () => {
  it('needs a reason (422, nothing written), then rejects with an internal reason and a polite mail', async () => {
    const a = await application({ locale: 'sv' });
    const before = await fingerprint();
    const empty = await post(`/admin/applications/${a.membership.id}/reject`, cookies.staffNorth, { rejectionReason: '   ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Begrundelse (intern) skal udfyldes.');
    expect(empty.body).toMatch(/<textarea[^>]*id="field-rejectionReason"[^>]*aria-invalid="true"/);
    const tooLong = await post(`/admin/applications/${a.membership.id}/reject`, cookies.staffNorth, { rejectionReason: 'x'.repeat(1001) });
    expect(tooLong.statusCode).toBe(422);
    const extra = await post(`/admin/applications/${a.membership.id}/reject`, cookies.staffNorth, { rejectionReason: 'Nej', status: 'active' });
    expect(extra.statusCode).toBe(422);
    // The detail page shown again is a view of the person, and so audited; nothing else changes.
    const withoutAudit = (f: string) => f.replace(/"audit" ?: ?\d+/, '');
    expect(withoutAudit(await fingerprint())).toBe(withoutAudit(before));

    const res = await post(`/admin/applications/${a.membership.id}/reject`, cookies.staffNorth, { rejectionReason: 'Ikke ansat i vores område' });
    expect((await follow(res, cookies.staffNorth)).body).toContain(`Ansøgningen fra ${a.name} er afvist.`);
    const [rejected] = await t.database.db.select().from(memberships).where(eq(memberships.id, a.membership.id));
    expect(rejected.status).toBe('rejected');
    const [event] = await t.database.db.select().from(membershipEvents).where(and(eq(membershipEvents.membershipId, a.membership.id), eq(membershipEvents.status, 'rejected')));
    expect(event.reason).toBe('Ikke ansat i vores område');
    const [mail] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, a.email)).orderBy(desc(mailOutbox.createdAt));
    expect(mail.subject).toMatch(/^Din ansökan till /);
    // Without an organisation e-mail in the settings, the contact is the site itself.
    expect(mail.textBody).toContain('http://forening.test');
    expect(mail.textBody).not.toContain('Ikke ansat');
    expect((await get('/admin/applications', cookies.staffNorth)).body).not.toContain(`/admin/applications/${a.membership.id}"`);

    // Someone pressing "approve" on a stale page is told, and nothing changes.
    const stale = await fingerprint();
    const late = await post(`/admin/applications/${a.membership.id}/approve`, cookies.staffNorth);
    expect((await follow(late, cookies.staffNorth)).body).toContain('Der var allerede truffet en afgørelse');
    expect(await fingerprint()).toBe(stale);
  });
});

describe('applications whose e-mail is not confirmed', () => {
  it('cannot be approved before confirmation', async () => {
    const a = await application({ confirm: false });
    const before = await fingerprint();
    const res = await post(`/admin/applications/${a.membership.id}/approve`, cookies.staffNorth);
    expect((await follow(res, cookies.staffNorth)).body).toContain('kan ikke godkendes, før ansøgeren har bekræftet');
    expect(await fingerprint()).toBe(before);
    const detail = await get(`/admin/applications/${a.membership.id}`, cookies.staffNorth);
    expect(detail.body).not.toContain('/approve"');
    expect(detail.body).toContain(`/admin/applications/${a.membership.id}/resend`);
  });

  it('can get a fresh link (audited), but not an endless number of them', async () => {
    const a = await application({ confirm: false });
    const res = await post(`/admin/applications/${a.membership.id}/resend`, cookies.staffNorth);
    expect((await follow(res, cookies.staffNorth)).body).toContain(`Et nyt bekræftelseslink er sendt til ${a.name}.`);
    const mails = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, a.email));
    expect(mails).toHaveLength(2);
    expect(await t.database.db.select().from(joinConfirmations).where(eq(joinConfirmations.membershipId, a.membership.id))).toHaveLength(2);
    const [audited] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'join_confirmation'), eq(auditEvents.entityId, a.membership.id)));
    expect(audited.action).toBe('create');

    await post(`/admin/applications/${a.membership.id}/resend`, cookies.staffNorth);
    const before = await fingerprint();
    const fourth = await post(`/admin/applications/${a.membership.id}/resend`, cookies.staffNorth);
    expect((await follow(fourth, cookies.staffNorth)).body).toContain('Der er allerede sendt flere links');
    expect(await fingerprint()).toBe(before);
  });

  it('can be removed with everything the form created; a confirmed one cannot', async () => {
    const a = await application({ confirm: false });
    await t.database.db.insert(employments).values({ personId: a.person.id, workplaceId });
    const res = await post(`/admin/applications/${a.membership.id}/remove`, cookies.staffNorth);
    expect((await follow(res, cookies.staffNorth)).body).toContain(`Ansøgningen fra ${a.name} er fjernet.`);
    expect(await t.database.db.select().from(persons).where(eq(persons.id, a.person.id))).toEqual([]);
    expect(await t.database.db.select().from(memberships).where(eq(memberships.id, a.membership.id))).toEqual([]);
    expect(await t.database.db.select().from(consents).where(eq(consents.personId, a.person.id))).toEqual([]);
    const deleted = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'delete'));
    expect(deleted.map((d) => `${d.entityType}:${d.entityId}`)).toEqual(expect.arrayContaining([`membership:${a.membership.id}`, `person:${a.person.id}`]));

    const confirmed = await application();
    const before = await fingerprint();
    const refused = await post(`/admin/applications/${confirmed.membership.id}/remove`, cookies.staffNorth);
    expect((await follow(refused, cookies.staffNorth)).body).toContain('Ansøgeren har allerede bekræftet');
    expect(await fingerprint()).toBe(before);
  });

  it('keeps a person the register knows for something else when their application is removed', async () => {
    const a = await application({ confirm: false });
    await t.database.db.insert(roleAssignments).values({ personId: a.person.id, role: 'board', unitId: org.north });
    await post(`/admin/applications/${a.membership.id}/remove`, cookies.staffNorth);
    expect(await t.database.db.select().from(memberships).where(eq(memberships.id, a.membership.id))).toEqual([]);
    expect(await t.database.db.select().from(persons).where(eq(persons.id, a.person.id))).toHaveLength(1);
  });
});
