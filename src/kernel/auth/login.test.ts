import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import { createPerson, formSession, postForm, seedUnits, testApp, type TestApp } from '../../test/app.js';
import { mailOutbox } from '../../platform/mail/tables.js';
import { loginLinks, sessions } from './tables.js';
import { SESSION_COOKIE } from '../request-context.js';
import { sha256 } from '../../platform/secrets.js';

let t: TestApp;
let email: string;

beforeAll(async () => {
  t = await testApp();
  const org = await seedUnits(t.database);
  email = (await createPerson(t.database, [['member', org.north]], { firstName: 'Karin', preferredLocale: 'sv' })).email!;
});
afterAll(() => t.close());

async function latestLink(to: string): Promise<string> {
  const [mail] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to)).orderBy(desc(mailOutbox.createdAt)).limit(1);
  const url = /http:\/\/forening\.test(\/login\/link\/[A-Za-z0-9_-]+)/.exec(mail.textBody)?.[1];
  if (!url) throw new Error('no link in mail');
  return url;
}

describe('log-in by e-mail link', () => {
  it('mails a link in the person’s language; opening it shows a button and logs in only on POST', async () => {
    const s = await formSession(t.app, '/login');
    const res = await postForm(t.app, '/login/link', s, { email: email.toUpperCase() });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login/sent');
    const path = await latestLink(email);
    const [mail] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
    expect(mail.subject).toContain('inloggningslänk');

    // A mail scanner following the link twice does not use it up.
    for (let i = 0; i < 2; i++) {
      const page = await t.app.inject({ method: 'GET', url: path, headers: { cookie: s.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`action="${path}"`);
      expect(page.headers['set-cookie']?.toString() ?? '').not.toContain(SESSION_COOKIE);
    }
    const confirm = await formSession(t.app, path, s.cookie);
    const login = await postForm(t.app, path, confirm, { next: '/account' });
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/account');
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith(SESSION_COOKIE))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const account = await t.app.inject({ method: 'GET', url: '/account', headers: { cookie: cookie.split(';')[0] } });
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Karin');

    // Single use: a second POST is refused and makes no session.
    const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(sessions);
    const again = await postForm(t.app, path, confirm, {});
    expect(again.statusCode).toBe(410);
    const after = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(sessions);
    expect(after[0].n).toBe(before[0].n);
  });

  it('answers the same for an unknown e-mail and sends nothing', async () => {
    const s = await formSession(t.app, '/login');
    const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox);
    const res = await postForm(t.app, '/login/link', s, { email: 'nobody@example.org' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login/sent');
    const after = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox);
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses an expired link with 410 and a translated page', async () => {
    const s = await formSession(t.app, '/login');
    await postForm(t.app, '/login/link', s, { email });
    const path = await latestLink(email);
    const token = path.split('/').pop()!;
    await t.database.db.update(loginLinks).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(loginLinks.tokenHash, sha256(token)));
    const page = await t.app.inject({ method: 'GET', url: path, headers: { 'accept-language': 'en' } });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('The link has expired');
  });

  it('rejects a form without a CSRF token and writes nothing', async () => {
    const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox);
    const res = await t.app.inject({
      method: 'POST',
      url: '/login/link',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: `email=${encodeURIComponent(email)}`,
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Formularen er udløbet');
    const after = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox);
    expect(after[0].n).toBe(before[0].n);
  });

  it('re-renders the form with a translated error naming the field for a bad e-mail', async () => {
    const s = await formSession(t.app, '/login');
    const res = await postForm(t.app, '/login/link', s, { email: 'not-an-email' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('E-mail skal være en gyldig e-mailadresse');
    expect(res.body).toContain('aria-invalid="true"');
  });
});
