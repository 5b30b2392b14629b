import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { createPerson, formSession, loginAs, postForm, type TestApp } from '../../test/app.js';
import { SESSION_COOKIE } from '../request-context.js';
import { hashPassword } from './passwords.js';
import { accounts, sessions } from './tables.js';

/* What the two-factor tests share: codes as an authenticator app makes them, and set-up and log-in through the pages. */

export const PASSWORD = 'a-long-enough-password';

/** The code an authenticator app shows for the secret, `steps` periods from now. */
export function codeFor(secret: string, steps = 0): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + steps * 30_000 });
}

/** Six digits no step around now accepts. */
export function wrongCode(secret: string): string {
  const near = new Set([-2, -1, 0, 1, 2].map((s) => codeFor(secret, s)));
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, '0');
    if (!near.has(c)) return c;
  }
}

export const sessionCookie = (res: LightMyRequestResponse) =>
  ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
    ?.split(';')[0];

export const html = (cookie: string) => ({ cookie, accept: 'text/html' });

/** Set-up and log-in through the pages of one test app. */
export function twoFactorSteps(t: TestApp) {
  /** Sets two-factor up through the pages, as the person would: returns the secret and the recovery codes shown. */
  async function setUp(cookie: string): Promise<{ secret: string; codes: string[] }> {
    const s = await formSession(t.app, '/account/two-factor', cookie);
    const secret = /<code class="token-value"[^>]*>([A-Z2-7 ]+)<\/code>/.exec(s.page.body)![1].replace(/ /g, '');
    const res = await postForm(t.app, '/account/two-factor', s, { totpCode: codeFor(secret) });
    expect(res.statusCode).toBe(200);
    const codes = [...res.body.matchAll(/<code class="token-value"[^>]*>([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})<\/code>/g)].map((m) => m[1]);
    return { secret, codes };
  }

  /** A person with a password and two-factor set up; their set-up session is ended. */
  async function personWithTwoFactor(roles: Parameters<typeof createPerson>[1] = []) {
    const person = await createPerson(t.database, roles);
    await t.database.db.insert(accounts).values({ personId: person.id, passwordHash: await hashPassword(PASSWORD) });
    const { cookie } = await loginAs(t.database, person.id);
    const { secret, codes } = await setUp(cookie);
    await t.database.db.delete(sessions).where(eq(sessions.personId, person.id));
    // A new log-in may use the codes around now again: as if the set-up code were minutes old.
    await t.database.db.update(accounts).set({ totpLastStep: null }).where(eq(accounts.personId, person.id));
    return { person, secret, codes };
  }

  /** Logs in with the password: the answer, and the waiting session's cookie. */
  async function passwordLogin(email: string, next = '/start') {
    const s = await formSession(t.app, '/login');
    const res = await postForm(t.app, '/login/password', s, { email, password: PASSWORD, next });
    return { res, cookie: sessionCookie(res)! };
  }

  return { setUp, personWithTwoFactor, passwordLogin };
}
