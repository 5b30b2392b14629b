import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { createWorkplace, formSession, postForm, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { mailOutbox } from '../../platform/mail/tables.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { sha256 } from '../../platform/secrets.js';
import { consents, memberships, membershipEvents, membershipTypes } from '../members/tables.js';
import { joinConfirmations } from './tables.js';
import { persons, employments } from '../../kernel/tables.js';
import { anonymous } from '../../platform/actor.js';
import { applyForMembership } from './join.js';
import { joinInput } from './schema.js';
import { dateInDays } from '../../test/time.js';

let t: TestApp;
let org: Org;
const ids = { ordinary: '', retired: '', workplace: '' };

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  const [ordinary, retired] = await t.database.db
    .insert(membershipTypes)
    .values([
      { code: 'ordinary', name: 'Ordinært medlem', position: 1 },
      { code: 'retired', name: 'Pensionist (lukket)', position: 2, active: false },
    ])
    .returning();
  ids.ordinary = ordinary.id;
  ids.retired = retired.id;
  ids.workplace = (await createWorkplace(t.database, org.north, 'Børnehuset Mælkebøtten')).id;
});
afterAll(() => t.close());

let n = 0;
/** A complete, valid join form; each call a new address. */
function validForm(fields: Record<string, string> = {}): Record<string, string> {
  n++;
  return {
    firstName: 'Åse',
    lastName: 'Østergård',
    email: `ase.${n}@example.org`,
    phone: '+45 20 30 40 50',
    addressLine: 'Kirkevej 3',
    postalCode: '8000',
    city: 'Aarhus C',
    dateOfBirth: '1990-04-17',
    districtId: org.north,
    membershipTypeId: ids.ordinary,
    workplaceId: ids.workplace,
    preferredLocale: 'da',
    privacyConsent: 'on',
    newsletterConsent: 'on',
    ...fields,
  };
}

async function join(fields: Record<string, string>) {
  const s = await formSession(t.app, '/join');
  return postForm(t.app, '/join', s, fields);
}

async function mailsTo(address: string) {
  return t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, address)).orderBy(desc(mailOutbox.createdAt));
}

const confirmLink = (text: string) => /http:\/\/forening\.test(\/join\/confirm\/[A-Za-z0-9_-]+)/.exec(text)?.[1];

/** Every row a join or a confirmation could write: a refused request must leave it as it was. */
async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(`
    select json_build_object(
      'persons', (select coalesce(json_agg(json_build_array(id, email, updated_at) order by id), '[]') from persons),
      'memberships', (select coalesce(json_agg(json_build_array(id, status, email_confirmed_at, joined_on, updated_at) order by id), '[]') from memberships),
      'events', (select count(*) from membership_events),
      'consents', (select coalesce(json_agg(json_build_array(person_id, purpose, granted, source, changed_at) order by person_id, purpose), '[]') from consents),
      'confirmations', (select coalesce(json_agg(json_build_array(token_hash, used_at) order by token_hash), '[]') from join_confirmations),
      'employments', (select count(*) from employments),
      'audit', (select count(*) from audit_events),
      'mail', (select count(*) from mail_outbox)
    )::text as f`);
  return String(r.rows[0].f);
}

describe('the join form', () => {
  it('shows districts, active membership types and workplaces, and a required privacy checkbox', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/join' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Kreds Nord');
    expect(res.body).not.toContain('Ledersektionen');
    expect(res.body).toContain('Ordinært medlem');
    expect(res.body).not.toContain('Pensionist (lukket)');
    expect(res.body).toContain('Børnehuset Mælkebøtten');
    expect(res.body).toMatch(/<input[^>]*name="privacyConsent"[^>]*required/);
    expect(res.body).toContain('name="_csrf"');
  });

  it('creates an applicant waiting for confirmation, with consents and a mail in their language, all in one go', async () => {
    const form = validForm({ preferredLocale: 'sv', postalCode: '211 45', city: 'Malmö', newsletterConsent: '' });
    delete (form as Partial<typeof form>).newsletterConsent;
    const res = await join(form);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/join/sent');

    const [person] = await t.database.db.select().from(persons).where(eq(persons.email, form.email));
    expect(person).toMatchObject({ firstName: 'Åse', lastName: 'Østergård', postalCode: '211 45', city: 'Malmö', country: 'SE', dateOfBirth: '1990-04-17', preferredLocale: 'sv' });
    const [membership] = await t.database.db.select().from(memberships).where(eq(memberships.personId, person.id));
    expect(membership).toMatchObject({ status: 'applicant', unitId: org.north, typeId: ids.ordinary, emailConfirmedAt: null, joinedOn: null });
    expect(membership.memberNumber).toMatch(/^\d+$/);
    const events = await t.database.db.select().from(membershipEvents).where(eq(membershipEvents.membershipId, membership.id));
    expect(events.map((e) => [e.status, e.reason])).toEqual([['applicant', 'join:applied']]);
    const given = await t.database.db.select().from(consents).where(eq(consents.personId, person.id)).orderBy(consents.purpose);
    expect(given.map((c) => [c.purpose, c.granted, c.source])).toEqual([
      ['event_photos', false, 'join'],
      ['newsletter', false, 'join'],
      ['privacy_terms', true, 'join'],
      ['surveys', false, 'join'],
    ]);
    const [employment] = await t.database.db.select().from(employments).where(eq(employments.personId, person.id));
    expect(employment.workplaceId).toBe(ids.workplace);

    const [mail] = await mailsTo(form.email);
    expect(mail.subject).toContain('Bekräfta din ansökan');
    const path = confirmLink(mail.textBody)!;
    expect(path).toBeTruthy();
    // Only the hash of the token is stored, valid for 48 hours.
    const [confirmation] = await t.database.db.select().from(joinConfirmations).where(eq(joinConfirmations.membershipId, membership.id));
    expect(confirmation.tokenHash).toBe(sha256(path.split('/').pop()!));
    const hours = (confirmation.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(47.9);
    expect(hours).toBeLessThanOrEqual(48);

    const audited = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, person.id));
    expect(audited.map((a) => `${a.action}:${a.entityType}`).sort()).toEqual(['create:consent', 'create:person']);
    expect(JSON.stringify(audited)).not.toContain('Østergård');
  });

  it('ticks the newsletter when asked, and answers in Danish by default', async () => {
    const form = validForm();
    await join(form);
    const [person] = await t.database.db.select().from(persons).where(eq(persons.email, form.email));
    const [newsletter] = await t.database.db.select().from(consents).where(and(eq(consents.personId, person.id), eq(consents.purpose, 'newsletter')));
    expect(newsletter.granted).toBe(true);
    const [mail] = await mailsTo(form.email);
    expect(mail.subject).toContain('Bekræft din indmeldelse');
    expect(mail.textBody).toContain('Hej Åse');
  });

  it('says "check your e-mail" on the next page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/join/sent' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Tjek din e-mail');
  });
});

describe('bad input on the join form', () => {
  const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
  /** What is changed in a valid form (undefined: the field is left out), the field named, and part of the message. */
  const cases: [string, () => Record<string, string | undefined>, string, string][] = [
    ['a missing first name', () => ({ firstName: '  ' }), 'firstName', 'Fornavn skal udfyldes.'],
    ['a missing e-mail', () => ({ email: '' }), 'email', 'E-mail skal udfyldes.'],
    ['a malformed e-mail', () => ({ email: 'ikke-en-adresse' }), 'email', 'E-mail skal være en gyldig e-mailadresse'],
    ['a bad postal code', () => ({ postalCode: '12' }), 'postalCode', 'Postnummer skal være et postnummer: 3–10 bogstaver, cifre og mellemrum med mindst ét ciffer'],
    ['a phone number with letters', () => ({ phone: 'ring mig' }), 'phone', 'Telefon skal være et telefonnummer med 6 til 15 cifre, fx +45 12 34 56 78.'],
    ['a date that does not exist', () => ({ dateOfBirth: '1990-02-30' }), 'dateOfBirth', 'Fødselsdato skal være en gyldig dato, fx 2026-03-31.'],
    ['a birthday in the future', () => ({ dateOfBirth: dateInDays(7) }), 'dateOfBirth', 'Fødselsdato kan ikke ligge i fremtiden.'],
    ['a birthday before 1900', () => ({ dateOfBirth: '1890-05-01' }), 'dateOfBirth', 'Fødselsdato kan ikke ligge før 1900.'],
    ['no district', () => ({ districtId: '' }), 'districtId', 'Kreds skal udfyldes.'],
    ['a unit that is not a district', () => ({ districtId: org.leaders }), 'districtId', 'Kreds skal være en af kredsene på listen.'],
    ['a membership type that does not exist', () => ({ membershipTypeId: NO_SUCH_ID }), 'membershipTypeId', 'Medlemstype skal være en af de medlemstyper'],
    ['a closed membership type', () => ({ membershipTypeId: ids.retired }), 'membershipTypeId', 'Medlemstype skal være en af de medlemstyper'],
    ['an unknown workplace', () => ({ workplaceId: NO_SUCH_ID }), 'workplaceId', 'Arbejdsplads skal være en arbejdsplads fra listen'],
    ['a workplace that is not an id', () => ({ workplaceId: 'Solsikken' }), 'workplaceId', 'Arbejdsplads er ikke et gyldigt id.'],
    ['an unknown language', () => ({ preferredLocale: 'de' }), 'preferredLocale', 'Foretrukket sprog skal være et af de mulige valg.'],
    ['the privacy terms not accepted', () => ({ privacyConsent: undefined }), 'privacyConsent', 'Du skal acceptere vilkårene'],
    ['a newsletter answer that is not a checkbox', () => ({ newsletterConsent: 'ja' }), 'newsletterConsent', 'skal være et af de mulige valg'],
    ['a field the form does not have', () => ({ memberNumber: '1' }), 'memberNumber', 'Feltet memberNumber kendes ikke.'],
  ];

  it.each(cases)('refuses %s with 422, names the field and writes nothing', async (_name, change, field, message) => {
    const fields = Object.fromEntries(Object.entries({ ...validForm(), ...change() }).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const before = await fingerprint();
    const res = await join(fields);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain(message);
    if (field !== 'memberNumber') expect(res.body).toMatch(new RegExp(`<(input|select)[^>]*id="field-${field}"[^>]*aria-invalid="true"`));
    // What was typed comes back, so nobody types it twice.
    expect(res.body).toContain('value="Kirkevej 3"');
    expect(await fingerprint()).toBe(before);
  });

  it('is refused without a CSRF token', async () => {
    const before = await fingerprint();
    const res = await t.app.inject({
      method: 'POST',
      url: '/join',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams(validForm()).toString(),
    });
    expect(res.statusCode).toBe(403);
    expect(await fingerprint()).toBe(before);
  });
});

describe('an e-mail address the register already knows', () => {
  it('answers exactly as for a new one, creates no one, and mails only the address’s owner', async () => {
    const first = validForm();
    await join(first);
    const [existing] = await t.database.db.select().from(persons).where(eq(persons.email, first.email));
    // The applicant is approved meanwhile, so a second form meets a member.
    await t.database.db.update(memberships).set({ status: 'active' }).where(eq(memberships.personId, existing.id));
    const [{ count: personsBefore }] = (await t.database.executeSql('select count(*)::int as count from persons')).rows as { count: number }[];

    const fresh = await join(validForm());
    const again = await join(validForm({ email: first.email.toUpperCase(), firstName: 'Mallory', lastName: 'Impostor', districtId: org.south }));
    expect(again.statusCode).toBe(fresh.statusCode);
    expect(again.headers.location).toBe(fresh.headers.location);
    expect(again.body).toBe(fresh.body);

    const [{ count: personsAfter }] = (await t.database.executeSql('select count(*)::int as count from persons')).rows as { count: number }[];
    expect(personsAfter).toBe(personsBefore + 1);
    const [unchanged] = await t.database.db.select().from(persons).where(eq(persons.id, existing.id));
    expect(unchanged.firstName).toBe('Åse');
    const [latest] = await mailsTo(first.email);
    expect(latest.subject).toContain('allerede registreret');
    expect(latest.textBody).toContain('http://forening.test/login');
    expect(latest.textBody).not.toContain('Mallory');
    expect(latest.textBody).not.toContain('/join/confirm/');
  });

  it('sends an applicant who lost the mail a fresh confirmation link instead, at most a few', async () => {
    const form = validForm();
    await join(form);
    await join(form);
    const mails = await mailsTo(form.email);
    expect(mails).toHaveLength(2);
    expect(mails.every((m) => confirmLink(m.textBody))).toBe(true);
    expect(confirmLink(mails[0].textBody)).not.toBe(confirmLink(mails[1].textBody));
    await join(form);
    await join(form);
    expect(await mailsTo(form.email)).toHaveLength(3);
  });

  it('lets two simultaneous forms with one address make one person', async () => {
    const form = joinInput.parse(validForm());
    const ctx = { baseUrl: 'http://forening.test', organisationName: 'Testforbundet', organisationEmail: null };
    const results = await Promise.all([applyForMembership(t.database.db, anonymous, form, ctx), applyForMembership(t.database.db, anonymous, form, ctx)]);
    expect(results.map((r) => r.ok && r.outcome).sort()).toEqual(['already_known', 'applied']);
    const found = await t.database.db.select().from(persons).where(eq(persons.email, form.email));
    expect(found).toHaveLength(1);
    // The one who came second met an unconfirmed applicant: a second confirmation link, no second person.
    expect(await mailsTo(form.email)).toHaveLength(2);
  });
});

describe('confirming the e-mail address', () => {
  async function applicant() {
    const form = validForm();
    await join(form);
    const [mail] = await mailsTo(form.email);
    const [person] = await t.database.db.select().from(persons).where(eq(persons.email, form.email));
    const [membership] = await t.database.db.select().from(memberships).where(eq(memberships.personId, person.id));
    return { path: confirmLink(mail.textBody)!, person, membership };
  }

  it('shows a button first (a mail scanner opening the link confirms nothing), then confirms on POST', async () => {
    const { path, person, membership } = await applicant();
    const page = await t.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain(`action="${path}"`);
    const [still] = await t.database.db.select().from(memberships).where(eq(memberships.id, membership.id));
    expect(still.emailConfirmedAt).toBeNull();

    const s = await formSession(t.app, path);
    const res = await postForm(t.app, path, s, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/join/confirmed');
    const [confirmed] = await t.database.db.select().from(memberships).where(eq(memberships.id, membership.id));
    expect(confirmed.emailConfirmedAt).toBeInstanceOf(Date);
    expect(confirmed.status).toBe('applicant');
    const events = await t.database.db.select().from(membershipEvents).where(eq(membershipEvents.membershipId, membership.id)).orderBy(membershipEvents.createdAt);
    expect(events.map((e) => e.reason)).toEqual(['join:applied', 'join:email_confirmed']);
    expect(events[1].actorPersonId).toBe(person.id);
    const [audited] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, membership.id), eq(auditEvents.action, 'update')));
    expect(audited).toMatchObject({ entityType: 'membership', fields: ['emailConfirmedAt'], actorPersonId: person.id });

    const done = await t.app.inject({ method: 'GET', url: '/join/confirmed' });
    expect(done.body).toContain('din e-mailadresse er bekræftet');
  });

  it('tells a used link, an expired link and an unknown link apart, and changes nothing', async () => {
    const used = await applicant();
    const s = await formSession(t.app, used.path);
    await postForm(t.app, used.path, s, {});
    const again = await postForm(t.app, used.path, s, {});
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('Linket er allerede brugt');
    expect((await t.app.inject({ method: 'GET', url: used.path })).statusCode).toBe(410);

    const expired = await applicant();
    const s2 = await formSession(t.app, expired.path);
    await t.database.db.update(joinConfirmations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(joinConfirmations.membershipId, expired.membership.id));
    const page = await t.app.inject({ method: 'GET', url: expired.path });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('Linket er udløbet');
    const before = await fingerprint();
    const post = await postForm(t.app, expired.path, s2, {});
    expect(post.statusCode).toBe(410);
    expect(await fingerprint()).toBe(before);

    const unknown = `/join/confirm/${'x'.repeat(43)}`;
    expect((await t.app.inject({ method: 'GET', url: unknown })).statusCode).toBe(404);
    const post404 = await postForm(t.app, unknown, s2, {});
    expect(post404.statusCode).toBe(404);
    expect(post404.body).toContain('Linket findes ikke');
    expect((await t.app.inject({ method: 'GET', url: '/join/confirm/short' })).statusCode).toBe(404);
    expect(await fingerprint()).toBe(before);
  });

  it('answers in Swedish for a Swedish browser', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/join/confirm/${'y'.repeat(43)}`, headers: { 'accept-language': 'sv-SE' } });
    expect(res.body).toContain('Länken finns inte');
  });
});

describe('the rate limit', () => {
  it('stops a flood of join forms from one address (429) before anything is written', async () => {
    const limited = await testApp({ LOGIN_RATE_LIMIT: '2' }, t.database);
    try {
      const s = await formSession(limited.app, '/join');
      const answers: number[] = [];
      for (let i = 0; i < 3; i++) answers.push((await postForm(limited.app, '/join', s, { email: 'not valid' })).statusCode);
      expect(answers).toEqual([422, 422, 429]);
      const before = await fingerprint();
      const flood = await postForm(limited.app, '/join', s, validForm());
      expect(flood.statusCode).toBe(429);
      expect(await fingerprint()).toBe(before);
    } finally {
      await limited.app.close();
    }
  });
});
