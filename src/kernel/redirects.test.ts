import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, formSession, loginAs, postForm, testApp, type TestApp } from '../test/app.js';
import { safeNext } from '../platform/http/forms.js';
import { createLoginLink } from './auth/login-links.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** `next` values a browser would follow to another site, %-escaped as in a query string; or that broke the header (500). */
const offSite = [
  '%2F%09%2Fevil.example', // tab: browsers drop it, leaving //evil.example
  '%2F%0A%2Fevil.example', // newline: was a 500 from the Location header
  '%2F%0D%0A%2Fevil.example',
  '%2F%5Cevil.example', // /\ : a backslash is a slash to browsers
  '%2F%2Fevil.example',
  '%2F%20%2Fevil.example',
  '%2Fok%5C..%5C%5Cevil.example',
  'https%3A%2F%2Fevil.example',
  '%09%2F%2Fevil.example',
  'evil.example',
];

describe('safeNext', () => {
  it.each(offSite.map((n) => decodeURIComponent(n)))('refuses %j', (next) => {
    expect(safeNext(next)).toBe('/');
    expect(safeNext(next, '/start')).toBe('/start');
  });

  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeNext('/events/medlemsmode?view=list#programme')).toBe('/events/medlemsmode?view=list#programme');
    expect(safeNext('/login?next=%2Fme')).toBe('/login?next=%2Fme');
    // Letters beyond ASCII come back escaped, so the Location header can carry them.
    expect(safeNext('/søg')).toBe('/s%C3%B8g');
    expect(safeNext(undefined)).toBe('/');
    expect(safeNext(['/me'])).toBe('/');
  });
});

describe('redirects after language, log-in and log-in link go only to this site', () => {
  it.each(offSite)('/language sends next=%s home', async (next) => {
    const viaLink = await t.app.inject({ url: `/language?locale=en&next=${next}` });
    expect(viaLink.statusCode).toBe(303);
    expect(viaLink.headers.location).toBe('/');
    const s = await formSession(t.app, '/login');
    const viaForm = await t.app.inject({
      method: 'POST',
      url: '/language',
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(s.csrf)}&locale=sv&next=${next}`,
    });
    expect(viaForm.statusCode).toBe(303);
    expect(viaForm.headers.location).toBe('/');
  });

  it.each(offSite)('/login sends a logged-in person with next=%s to the start page', async (next) => {
    const { cookie } = await loginAs(t.database, (await createPerson(t.database)).id);
    const res = await t.app.inject({ url: `/login?next=${next}`, headers: { cookie } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/start');
    const form = await t.app.inject({ url: `/login?next=${next}` });
    expect(form.statusCode).toBe(200);
    // Both forms carry the safe value on, not the one given.
    expect(form.body.match(/name="next" value="[^"]*"/g)).toEqual(['name="next" value="/start"', 'name="next" value="/start"']);
  });

  it.each(offSite)('/login/link/{token} with next=%s logs in and goes to the start page', async (next) => {
    const person = await createPerson(t.database);
    const path = `/login/link/${await createLoginLink(t.database.db, person.id, 10)}`;
    const page = await formSession(t.app, `${path}?next=${next}`);
    expect(page.page.body).toContain('name="next" value="/start"');
    const res = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { cookie: page.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(page.csrf)}&next=${next}`,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/start');
  });

  it('still follows a next on this site', async () => {
    expect((await t.app.inject({ url: '/language?locale=en&next=%2Fevents%3Fpast%3D1' })).headers.location).toBe('/events?past=1');
    const person = await createPerson(t.database);
    const path = `/login/link/${await createLoginLink(t.database.db, person.id, 10)}`;
    const s = await formSession(t.app, path);
    const res = await postForm(t.app, path, s, { next: '/account' });
    expect(res.headers.location).toBe('/account');
  });
});
