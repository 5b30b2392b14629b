import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, formSession, loginAs, postForm, seedUnits, testApp, type TestApp } from '../test/app.js';
import { findPersonById } from './persons.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const cookieOf = (res: { headers: Record<string, unknown> }, name: string) =>
  ([] as string[]).concat((res.headers['set-cookie'] as string[] | string | undefined) ?? []).find((c) => c.startsWith(`${name}=`));

describe('languages', () => {
  it('answers a visitor in the language of Accept-Language, else Danish', async () => {
    expect((await t.app.inject({ url: '/', headers: { 'accept-language': 'sv-SE,sv;q=0.9' } })).body).toContain('<html lang="sv">');
    expect((await t.app.inject({ url: '/', headers: { 'accept-language': 'fr' } })).body).toContain('<html lang="da">');
  });

  it('lets a visitor switch by link: a cookie that wins over Accept-Language, and no CSRF cookie for a page without forms', async () => {
    const front = await t.app.inject({ url: '/' });
    expect(cookieOf(front, 'forening_csrf')).toBeUndefined();
    expect(front.body).toContain('href="/language?locale=en&next=%2F"');
    const res = await t.app.inject({ url: '/language?locale=en&next=%2Flogin' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login');
    const cookie = cookieOf(res, 'forening_lang')!.split(';')[0];
    const page = await t.app.inject({ url: '/login', headers: { cookie, 'accept-language': 'da' } });
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Get a log-in link');
  });

  it('refuses to redirect elsewhere and ignores an unknown language', async () => {
    const res = await t.app.inject({ url: '/language?locale=xx&next=https%3A%2F%2Fevil.example' });
    expect(res.headers.location).toBe('/');
    expect(cookieOf(res, 'forening_lang')).toBeUndefined();
  });

  it('saves a logged-in person’s choice on the person, so it follows them to another browser', async () => {
    const org = await seedUnits(t.database);
    const person = await createPerson(t.database, [['member', org.north]]);
    const { cookie } = await loginAs(t.database, person.id);
    const s = await formSession(t.app, '/start', cookie);
    const res = await postForm(t.app, '/language', s, { locale: 'sv', next: '/start' });
    expect(res.statusCode).toBe(303);
    expect((await findPersonById(t.database.db, person.id))?.preferredLocale).toBe('sv');
    const elsewhere = await loginAs(t.database, person.id);
    const page = await t.app.inject({ url: '/start', headers: { cookie: elsewhere.cookie, 'accept-language': 'en' } });
    expect(page.body).toContain('<html lang="sv">');
  });
});
