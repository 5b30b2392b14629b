import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createPerson, formSession, loginAs, postForm, testApp, type TestApp } from '../test/app.js';
import { testDatabase } from '../test/database.js';
import type { Database } from '../platform/db/database.js';
import { createLoginLink } from './auth/login-links.js';
import { FLASH_COOKIE, LOCALE_COOKIE, SESSION_COOKIE } from './request-context.js';

let database: Database;
let https: TestApp;
let http: TestApp;

beforeAll(async () => {
  // One database, two apps: PGlite is heavy to start.
  database = await testDatabase();
  // TRUST_PROXY is off: behind a TLS-terminating proxy every request looks like plain http.
  https = await testApp({ PUBLIC_URL: 'https://forening.example.org' }, database);
  http = await testApp({ PUBLIC_URL: 'http://forening.test' }, database);
});
afterAll(async () => {
  await https.close();
  await http.close();
  await database.close();
});

function setCookie(res: LightMyRequestResponse, name: string): string {
  const found = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie set (status ${res.statusCode})`);
  return found;
}

/** Logs in by e-mail link: the confirm page sets the CSRF cookie, its POST the session cookie. */
async function logInByLink(t: TestApp) {
  const person = await createPerson(database);
  const path = `/login/link/${await createLoginLink(database.db, person.id, 10)}`;
  const confirm = await formSession(t.app, path);
  const login = await postForm(t.app, path, confirm, { next: '/account' });
  expect(login.statusCode).toBe(303);
  return { confirm: confirm.page, login };
}

/** Every cookie we set, from one app: CSRF, session, language, flash. */
async function cookiesOf(t: TestApp): Promise<string[]> {
  const { confirm, login } = await logInByLink(t);
  const language = await t.app.inject({ url: '/language?locale=en&next=%2F' });
  const { cookie } = await loginAs(database, (await createPerson(database)).id);
  const s = await formSession(t.app, '/account', cookie);
  const logout = await postForm(t.app, '/logout', s, {});
  return [setCookie(confirm, 'forening_csrf'), setCookie(login, SESSION_COOKIE), setCookie(language, LOCALE_COOKIE), setCookie(logout, FLASH_COOKIE)];
}

describe('Secure cookies', () => {
  it('marks every cookie Secure when PUBLIC_URL is https, even though the request came as http', async () => {
    for (const c of await cookiesOf(https)) expect(c, c.split('=')[0]).toMatch(/;\s*Secure/i);
  });

  it('leaves Secure off when PUBLIC_URL is http (a browser would drop the cookie on http://localhost)', async () => {
    for (const c of await cookiesOf(http)) expect(c, c.split('=')[0]).not.toMatch(/;\s*Secure/i);
  });
});
