import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createPerson, createWorkplace, formSession, loginAs, postForm, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { system } from '../../platform/actor.js';
import { sha256 } from '../../platform/secrets.js';
import { organisation } from '../tables.js';
import { forgetBrand } from '../organisation.js';
import { SESSION_COOKIE } from '../request-context.js';
import { hashPassword } from './passwords.js';
import { createPersonalToken } from './api-tokens.js';
import { accounts, recoveryCodes, sessions } from './tables.js';
import { Secret, TOTP } from 'otpauth';
import { codeFor, html, PASSWORD, sessionCookie, twoFactorSteps, wrongCode } from './two-factor.fixture.js';

/* Logging in with two-factor, the requirement for staff, and the limit on guesses. */

let t: TestApp;
let org: Org;
let steps: ReturnType<typeof twoFactorSteps>;
const setUp: ReturnType<typeof twoFactorSteps>['setUp'] = (...a) => steps.setUp(...a);
const personWithTwoFactor: ReturnType<typeof twoFactorSteps>['personWithTwoFactor'] = (...a) => steps.personWithTwoFactor(...a);
const passwordLogin: ReturnType<typeof twoFactorSteps>['passwordLogin'] = (...a) => steps.passwordLogin(...a);

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  steps = twoFactorSteps(t);
});
afterAll(() => t.close());

describe('logging in with two-factor', () => {
  it('asks for the code after the password; the waiting session opens nothing else', async () => {
    const { person, secret } = await personWithTwoFactor([['staff', org.north]]);
    const { res, cookie } = await passwordLogin(person.email!, '/account');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login/two-factor?next=%2Faccount');
    const [row] = await t.database.db.select().from(sessions).where(eq(sessions.idHash, sha256(cookie.split('=')[1])));
    expect(row.secondFactorPending).toBe(true);

    for (const url of ['/me', '/members', '/account', '/account/two-factor', '/start']) {
      const page = await t.app.inject({ url, headers: html(cookie) });
      expect(page.statusCode, url).toBe(303);
      expect(page.headers.location, url).toMatch(/^\/login\?next=/);
    }
    const api = await t.app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const members = await t.app.inject({ url: '/api/v1/members', headers: { cookie } });
    expect(members.statusCode).toBe(401);
    // The log-in page leads on to the second step.
    const login = await t.app.inject({ url: '/login?next=%2Fme', headers: html(cookie) });
    expect(login.headers.location).toBe('/login/two-factor?next=%2Fme');

    const s = await formSession(t.app, '/login/two-factor?next=%2Faccount', cookie);
    expect(s.page.statusCode).toBe(200);
    expect(s.page.body).toContain('Skriv din godkendelseskode');
    expect(s.page.body).toContain('name="recoveryCode"');

    const empty = await postForm(t.app, '/login/two-factor', s, { totpCode: '', next: '/account' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Godkendelseskode');
    const wrong = await postForm(t.app, '/login/two-factor', s, { totpCode: wrongCode(secret), next: '/account' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Godkendelseskode er forkert eller allerede brugt.');
    expect(wrong.body).toContain('id="totp-totpCode"');
    // The wrong guess is in the audit log against the account, by the (still anonymous) caller.
    const failed = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'login_failed'), eq(auditEvents.entityId, person.id)));
    expect(failed.map((e) => ({ type: e.entityType, fields: e.fields, by: e.actorPersonId }))).toEqual([{ type: 'account', fields: ['totp'], by: null }]);

    const code = codeFor(secret);
    const ok = await postForm(t.app, '/login/two-factor', s, { totpCode: code, next: '/account' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/account');
    const full = sessionCookie(ok)!;
    expect(full).not.toBe(cookie);
    const account = await t.app.inject({ url: '/account', headers: html(full) });
    expect(account.statusCode).toBe(200);
    // The waiting session's token is spent.
    const old = await t.app.inject({ url: '/account', headers: html(cookie) });
    expect(old.statusCode).toBe(303);
    const logins = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'login'), eq(auditEvents.entityId, person.id)));
    // The set-up session of the fixture logged in without; this log-in names its second factor.
    expect(logins.map((e) => e.fields).filter(Boolean)).toEqual([['totp']]);

    // The same code again, on a new log-in: refused, it has been used.
    const second = await passwordLogin(person.email!);
    const s2 = await formSession(t.app, '/login/two-factor', second.cookie);
    const replay = await postForm(t.app, '/login/two-factor', s2, { totpCode: code });
    expect(replay.statusCode).toBe(422);
    expect(replay.body).toContain('Godkendelseskode er forkert eller allerede brugt.');
    // The next code from the app works.
    const next = await postForm(t.app, '/login/two-factor', s2, { totpCode: codeFor(secret, 1) });
    expect(next.statusCode).toBe(303);
  });

  it('asks for the code after a log-in link too', async () => {
    const { person } = await personWithTwoFactor();
    const { createLoginLink } = await import('./login-links.js');
    const token = await createLoginLink(t.database.db, person.id, 15);
    const s = await formSession(t.app, `/login/link/${token}`);
    const res = await postForm(t.app, `/login/link/${token}`, s, { next: '/me' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login/two-factor?next=%2Fme');
    const cookie = sessionCookie(res)!;
    const me = await t.app.inject({ url: '/me', headers: html(cookie) });
    expect(me.statusCode).toBe(303);
    expect(me.headers.location).toMatch(/^\/login\?next=/);
  });

  it('takes a recovery code once', async () => {
    const { person, codes } = await personWithTwoFactor();
    const first = await passwordLogin(person.email!);
    const s = await formSession(t.app, '/login/two-factor', first.cookie);
    // Case and dashes do not matter.
    const ok = await postForm(t.app, '/login/two-factor/recovery', s, { recoveryCode: codes[3].toLowerCase().replace(/-/g, ' ') });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/start');
    const logins = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'login'), eq(auditEvents.entityId, person.id)));
    // The set-up session of the fixture logged in without; this log-in names its second factor.
    expect(logins.map((e) => e.fields).filter(Boolean)).toEqual([['recoveryCode']]);

    const second = await passwordLogin(person.email!);
    const s2 = await formSession(t.app, '/login/two-factor', second.cookie);
    const again = await postForm(t.app, '/login/two-factor/recovery', s2, { recoveryCode: codes[3] });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('Gendannelseskode er forkert eller allerede brugt.');
    const failed = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'login_failed'), eq(auditEvents.entityId, person.id)));
    expect(failed.map((e) => e.fields)).toEqual([['recoveryCode']]);
    const [{ left }] = await t.database.db
      .select({ left: sql<number>`count(*)::int` })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.personId, person.id), sql`${recoveryCodes.usedAt} is null`));
    expect(left).toBe(9);
  });

  it('lets a waiting session log out', async () => {
    const { person } = await personWithTwoFactor();
    const { cookie } = await passwordLogin(person.email!);
    const s = await formSession(t.app, '/login/two-factor', cookie);
    const out = await postForm(t.app, '/logout', s, {});
    expect(out.statusCode).toBe(303);
    const rows = await t.database.db.select().from(sessions).where(eq(sessions.personId, person.id));
    expect(rows).toEqual([]);
    const page = await t.app.inject({ url: '/login/two-factor', headers: html(cookie) });
    expect(page.headers.location).toBe('/login');
  });

  it('logs in without a second step for an account without two-factor', async () => {
    const person = await createPerson(t.database);
    await t.database.db.insert(accounts).values({ personId: person.id, passwordHash: await hashPassword(PASSWORD) });
    const { res } = await passwordLogin(person.email!);
    expect(res.headers.location).toBe('/start');
  });
});

describe('two-factor required for staff', () => {
  const requireIt = async (on: boolean) => {
    await t.database.db.update(organisation).set({ requireTwoFactorForStaff: on }).where(eq(organisation.id, 1));
    forgetBrand();
  };
  afterEach(() => requireIt(false));

  it('sends staff to the set-up until it is done; members are not affected', async () => {
    await t.app.inject({ url: '/' }); // the organisation row exists
    await requireIt(true);
    const staff = await createPerson(t.database, [['staff', org.north]]);
    const { cookie } = await loginAs(t.database, staff.id);
    for (const url of ['/members', '/me', '/start', '/account', '/me/tokens']) {
      const page = await t.app.inject({ url, headers: html(cookie) });
      expect(page.statusCode, url).toBe(303);
      expect(page.headers.location, url).toBe('/account/two-factor');
    }
    const s = await formSession(t.app, '/account/two-factor', cookie);
    expect(s.page.statusCode).toBe(200);
    expect(s.page.body).toContain('Din organisation kræver totrinsbekræftelse');

    // A personal API token is no session: it works as before.
    const token = await createPersonalToken(t.database.db, system, { personId: staff.id, name: 'script' });
    if (!token.ok) throw new Error('no token');
    const api = await t.app.inject({ url: '/api/v1/members', headers: { authorization: `Bearer ${token.token.value}` } });
    expect(api.statusCode).toBe(200);

    const member = await createPerson(t.database, [['member', org.north]]);
    const memberCookie = (await loginAs(t.database, member.id)).cookie;
    const mine = await t.app.inject({ url: '/account', headers: html(memberCookie) });
    expect(mine.statusCode).toBe(200);
    const workplace = await createWorkplace(t.database, org.north);
    const steward = await createPerson(t.database, [['steward', org.north, workplace.id]]);
    expect((await t.app.inject({ url: '/start', headers: html((await loginAs(t.database, steward.id)).cookie) })).statusCode).toBe(200);

    const { secret } = await setUp(cookie);
    const members = await t.app.inject({ url: '/members', headers: html(cookie) });
    expect(members.statusCode).toBe(200);

    // Required for the role: it cannot be turned off.
    const manage = await formSession(t.app, '/account/two-factor', cookie);
    expect(manage.page.body).not.toContain('action="/account/two-factor/disable"');
    expect(manage.page.body).toContain('kan ikke slå den fra');
    const off = await postForm(t.app, '/account/two-factor/disable', manage, { totpCode: codeFor(secret, 1) });
    expect(off.statusCode).toBe(403);
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.personId, staff.id));
    expect(account.totpConfirmedAt).not.toBeNull();
  });

  it('still lets the person log out', async () => {
    await requireIt(true);
    const admin = await createPerson(t.database, [['admin', null]]);
    const { cookie } = await loginAs(t.database, admin.id);
    expect((await t.app.inject({ url: '/admin/organisation', headers: html(cookie) })).headers.location).toBe('/account/two-factor');
    const s = await formSession(t.app, '/account/two-factor', cookie);
    const out = await postForm(t.app, '/logout', s, {});
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/');
    expect(await t.database.db.select().from(sessions).where(eq(sessions.personId, admin.id))).toEqual([]);
  });
});

describe('the limit on code guesses', () => {
  it('answers 429 after too many tries for one waiting log-in', async () => {
    const limited = await testApp({ LOGIN_RATE_LIMIT: '3' });
    try {
      const person = await createPerson(limited.database);
      await limited.database.db.insert(accounts).values({
        personId: person.id,
        passwordHash: await hashPassword(PASSWORD),
        totpSecret: new Secret({ size: 20 }).base32,
        totpConfirmedAt: new Date(),
      });
      const s = await formSession(limited.app, '/login');
      const login = await postForm(limited.app, '/login/password', s, { email: person.email!, password: PASSWORD });
      const cookie = sessionCookie(login)!;
      const step = await formSession(limited.app, '/login/two-factor', cookie);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await postForm(limited.app, '/login/two-factor', step, { totpCode: '000000' })).statusCode);
      expect(statuses.slice(0, 3).every((c) => c === 422 || c === 303)).toBe(true);
      expect(statuses[3]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
