import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bearer, createPerson, formSession, loginAs, postForm, seedUnits, testApp, type Org, type TestApp } from '../test/app.js';
import { queryRows } from '../platform/db/database.js';
import { fieldError } from '../platform/errors.js';
import { translator } from '../platform/i18n/i18n.js';
import { addMember, seedMembershipTypes } from '../features/members/members.fixture.js';
import { dateInDays } from '../test/time.js';
import { birthDateProblem, isCountryCode, isDanishOrSwedishPostalCode, isPhoneNumber, isPostalCode, postalCodeFitsCountry } from './person-fields.js';

/**
 * One rule per person field (`person-fields.ts`): the same bad value gets the same code and the same
 * message on every form that has the field — the staff's new member form and its API, the member
 * edit form, /join and /me/edit — and nothing is written. The staff form used to take phone "abc",
 * postal code "ABCDEFG" and country "DA", which /join and /me/edit refused, and a birth date in the
 * future had two different messages.
 */

let t: TestApp;
let org: Org;
let types: Awaited<ReturnType<typeof seedMembershipTypes>>;
let staffCookie: string;
let memberCookie: string;
let editedId: string;
let staffApi: Record<string, string>;
let n = 0;
const da = translator('da');

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  types = await seedMembershipTypes(t.database);
  staffCookie = (await loginAs(t.database, (await createPerson(t.database, [['staff', org.north]], { firstName: 'Stine', lastName: 'Nord' })).id)).cookie;
  staffApi = await bearer(t.database, 'staff', org.north);
  const member = await addMember(t.database, { firstName: 'Mia', lastName: 'Medlem', unitId: org.north, typeId: types.ordinary, email: 'mia@example.org', postalCode: '9000' });
  memberCookie = (await loginAs(t.database, member.id)).cookie;
  editedId = (await addMember(t.database, { firstName: 'Erik', lastName: 'Redigeret', unitId: org.north, typeId: types.ordinary, email: 'erik@example.org' })).id;
});
afterAll(() => t?.close());

async function snapshot(): Promise<string> {
  const [row] = await queryRows<{ s: string }>(
    t.database.db,
    sql`select json_build_object(
      'persons', (select coalesce(json_agg(json_build_array(p.id, p.last_name, p.phone, p.postal_code, p.country, p.date_of_birth, p.updated_at) order by p.id), '[]') from persons p),
      'memberships', (select count(*) from memberships))::text as s`,
  );
  return row.s;
}

/** Each member form with a valid submission of its own fields; `bad` replaces some of them. */
const forms = {
  'staff new member': {
    fields: ['firstName', 'lastName', 'phone', 'postalCode', 'country', 'dateOfBirth'],
    post: async (bad: Record<string, string>) => {
      const session = await formSession(t.app, '/members/new', staffCookie);
      return postForm(t.app, '/members', session, {
        firstName: 'Ny',
        lastName: 'Medlemsen',
        email: `ny${++n}@example.org`,
        phone: '',
        extraEmails: '',
        addressLine: 'Havnegade 1',
        postalCode: '9000',
        city: 'Aalborg',
        country: 'DK',
        dateOfBirth: '',
        preferredLocale: '',
        unitId: org.north,
        typeId: types.ordinary,
        memberNumber: '',
        joinedOn: '',
        status: 'active',
        ...bad,
      });
    },
  },
  'member edit': {
    fields: ['firstName', 'lastName', 'phone', 'postalCode', 'country', 'dateOfBirth'],
    post: async (bad: Record<string, string>) => {
      const session = await formSession(t.app, `/members/${editedId}/edit`, staffCookie);
      return postForm(t.app, `/members/${editedId}/edit`, session, {
        firstName: 'Erik',
        lastName: 'Redigeret',
        email: 'erik@example.org',
        phone: '',
        extraEmails: '',
        addressLine: '',
        postalCode: '',
        city: '',
        country: 'DK',
        dateOfBirth: '',
        preferredLocale: '',
        unitId: org.north,
        typeId: types.ordinary,
        memberNumber: '',
        joinedOn: '',
        ...bad,
      });
    },
  },
  '/join': {
    fields: ['firstName', 'lastName', 'phone', 'postalCode', 'dateOfBirth'],
    post: async (bad: Record<string, string>) => {
      const session = await formSession(t.app, '/join');
      return postForm(t.app, '/join', session, {
        firstName: 'Åse',
        lastName: 'Østergård',
        email: `ase${++n}@example.org`,
        phone: '+45 20 30 40 50',
        addressLine: 'Kirkevej 3',
        postalCode: '8000',
        city: 'Aarhus C',
        dateOfBirth: '1990-04-17',
        districtId: org.north,
        membershipTypeId: types.ordinary,
        workplaceId: '',
        preferredLocale: 'da',
        privacyConsent: 'on',
        ...bad,
      });
    },
  },
  '/me/edit': {
    fields: ['phone', 'postalCode'],
    post: async (bad: Record<string, string>) => {
      const session = await formSession(t.app, '/me/edit', memberCookie);
      return postForm(t.app, '/me/edit', session, { email: 'mia@example.org', phone: '', addressLine: '', postalCode: '9000', city: '', preferredLocale: 'da', ...bad });
    },
  },
} as const;

/** The bad values, the field each concerns and the code every form must answer with. */
const bad: [string, string, string, string, Record<string, unknown>?][] = [
  ['phone "abc"', 'phone', 'abc', 'person.invalid_phone'],
  ['postal code "ABCDEFG"', 'postalCode', 'ABCDEFG', 'person.invalid_postal_code'],
  ['country "DA"', 'country', 'DA', 'person.invalid_country'],
  ['country "Danmark" (not cut to "Da")', 'country', 'Danmark', 'person.invalid_country'],
  ['a birth date in the future', 'dateOfBirth', dateInDays(30), 'person.birth_date_in_future'],
  ['a surname of 300 characters (not cut)', 'lastName', 'Ø'.repeat(300), 'validation.too_long', { max: 100 }],
];

/** The message shown beside a field, as the page writes it. */
function messageBeside(body: string, field: string): string | undefined {
  const m = new RegExp(`<p class="field-error" id="field-error-${field.replace('.', '\\.')}">([^<]*)</p>`).exec(body);
  return m?.[1].replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

describe('the same bad value on every member form', () => {
  it.each(bad)('%s: the same code and message everywhere, nothing written', async (_name, field, value, code, params) => {
    const expected = fieldError(da, field, code, params).message;
    const seen: Record<string, string | undefined> = {};
    for (const [name, form] of Object.entries(forms)) {
      if (!(form.fields as readonly string[]).includes(field)) continue;
      const before = await snapshot();
      const res = await form.post({ [field]: value });
      expect(res.statusCode, `${name}: ${res.body.slice(0, 200)}`).toBe(422);
      seen[name] = messageBeside(res.body, field);
      expect(await snapshot(), name).toBe(before);
    }
    expect(Object.keys(seen).length).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((k) => [k, expected])));

    // The staff's API answers the same code and message.
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/members',
      headers: { ...staffApi, 'content-type': 'application/json', 'accept-language': 'da' },
      payload: JSON.stringify({ firstName: 'Api', lastName: 'Person', unitId: org.north, typeId: types.ordinary, [field]: value }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: field, code, message: expected }]);
  });

  it('refuses a country on /join and /me/edit, which have no such field', async () => {
    for (const name of ['/join', '/me/edit'] as const) {
      const before = await snapshot();
      const res = await forms[name].post({ country: 'DA' });
      expect(res.statusCode, name).toBe(422);
      expect(res.body).toContain('Feltet country kendes ikke.');
      expect(await snapshot()).toBe(before);
    }
  });

  it('checks a postal code against the country: a British one in Britain, not in Denmark; /join only Danish or Swedish', async () => {
    const post = (body: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/members',
        headers: { ...staffApi, 'content-type': 'application/json', 'accept-language': 'da' },
        payload: JSON.stringify({ firstName: 'Post', lastName: 'Nummer', unitId: org.north, typeId: types.ordinary, ...body }),
      });
    const before = await snapshot();
    for (const body of [{ postalCode: 'SW1A 1AA' }, { postalCode: '80000', country: 'DK' }, { postalCode: '8000', country: 'SE' }]) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([['postalCode', 'person.postal_code_for_country']]);
    }
    expect(await snapshot()).toBe(before);
    const wrong = await post({ postalCode: '80000' });
    expect(wrong.json().errors[0].message).toBe('Postnummer passer ikke til landet DK: et postnummer dér har en fast form (i Danmark 4 cifre, i Sverige 5).');
    expect((await post({ postalCode: 'SW1A 1AA', country: 'GB', email: 'post.gb@example.org' })).statusCode).toBe(201);
    expect((await post({ postalCode: '211 45', country: 'SE', email: 'post.se@example.org' })).statusCode).toBe(201);

    const join = await forms['/join'].post({ postalCode: 'SW1A 1AA' });
    expect(join.statusCode).toBe(422);
    expect(messageBeside(join.body, 'postalCode')).toBe('Postnummer skal være et postnummer med 4 cifre (Danmark) eller 5 cifre (Sverige), fx 8000 eller 211 45.');
  });

  it('shows every bad field of the staff form at once, with a taken e-mail and an unknown type', async () => {
    const session = await formSession(t.app, '/members/new', staffCookie);
    const res = await postForm(t.app, '/members', session, {
      firstName: 'Ny',
      lastName: 'x'.repeat(300),
      email: 'MIA@example.org',
      phone: 'abc',
      extraEmails: '',
      addressLine: '',
      postalCode: 'ABCDEFG',
      city: '',
      country: 'Danmark',
      dateOfBirth: dateInDays(3),
      preferredLocale: '',
      unitId: org.north,
      typeId: '00000000-0000-4000-8000-000000000000',
      memberNumber: '',
      joinedOn: '',
      status: 'active',
    });
    expect(res.statusCode).toBe(422);
    const links = [...res.body.matchAll(/<li><a href="#field-([^"]+)"/g)].map((m) => m[1]).sort();
    expect(links).toEqual(['country', 'dateOfBirth', 'email', 'lastName', 'phone', 'postalCode', 'typeId']);
    expect(messageBeside(res.body, 'email')).toBe('E-mail bruges allerede af en anden person.');
  });

  it('answers the API with the schema errors and the register’s together', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/members',
      headers: { ...staffApi, 'content-type': 'application/json', 'accept-language': 'en' },
      payload: JSON.stringify({ firstName: 'Api', lastName: 'Person', email: 'mia@example.org', phone: 'abc', unitId: org.south, typeId: types.ordinary }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['phone', 'person.invalid_phone'],
      ['unitId', 'member.unit_not_allowed'],
      ['email', 'member.email_taken'],
    ]);
  });
});

describe('the rules themselves', () => {
  it('take what people write and refuse the rest', () => {
    expect(['+45 20 30 40 50', '20304050', '+46 (0)70-123 45 67'].map(isPhoneNumber)).toEqual([true, true, true]);
    expect(['abc', '12345', '+45 20 30 40 50 60 70 80 90', '<b>1234567</b>'].map(isPhoneNumber)).toEqual([false, false, false, false]);
    expect(['8000', '211 45', '21145', '0150', 'SW1A 1AA', 'D02 X285', '101'].map(isPostalCode)).toEqual([true, true, true, true, true, true, true]);
    expect(['ABCDEFG', '12', '-9000', '9000 ', '<b>1</b>', '12345678901'].map(isPostalCode)).toEqual([false, false, false, false, false, false]);
    // A country with one form of postal code takes only that form; others take any postal code.
    expect([postalCodeFitsCountry('8000', 'DK'), postalCodeFitsCountry('80000', 'DK'), postalCodeFitsCountry('211 45', 'SE'), postalCodeFitsCountry('2114', 'SE')]).toEqual([true, false, true, false]);
    expect([postalCodeFitsCountry('SW1A 1AA', 'GB'), postalCodeFitsCountry('SW1A 1AA', 'DK'), postalCodeFitsCountry('0150', 'NO')]).toEqual([true, false, true]);
    expect(['8000', '211 45', '0150', 'SW1A 1AA'].map(isDanishOrSwedishPostalCode)).toEqual([true, true, true, false]);
    expect(['DK', 'SE', 'NO', 'GB', 'XK'].map(isCountryCode)).toEqual([true, true, true, true, true]);
    expect(['DA', 'EU', 'UK', 'ZZ', 'dk', 'Danmark'].map(isCountryCode)).toEqual([false, false, false, false, false, false]);
    expect([birthDateProblem('1990-02-30'), birthDateProblem('1899-12-31'), birthDateProblem(dateInDays(1)), birthDateProblem('1984-02-29')]).toEqual([
      'validation.invalid_date',
      'person.birth_date_too_early',
      'person.birth_date_in_future',
      null,
    ]);
  });
});
