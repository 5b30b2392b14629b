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
import { codeFor, html, PASSWORD, sessionCookie, twoFactorSteps, wrongCode } from './two-factor.fixture.js';

/* Setting two-factor log-in up and turning it off, through the account pages. */

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

describe('setting up two-factor log-in', () => {
  it('shows a QR code and the key, confirms with a first code, then shows ten recovery codes once', async () => {
    const person = await createPerson(t.database, [['member', org.north]]);
    const { cookie } = await loginAs(t.database, person.id);

    const account = await t.app.inject({ url: '/account', headers: html(cookie) });
    expect(account.body).toContain('href="/account/two-factor"');
    expect(account.body).toContain('Slå totrinsbekræftelse til');

    const first = await formSession(t.app, '/account/two-factor', cookie);
    expect(first.page.statusCode).toBe(200);
    expect(first.page.headers['cache-control']).toBe('no-store');
    const img = /<img src="data:image\/svg\+xml;base64,([^"]+)"[^>]*alt="([^"]+)"/.exec(first.page.body);
    expect(img).not.toBeNull();
    expect(Buffer.from(img![1], 'base64').toString('utf8')).toContain('<svg');
    expect(img![2]).toContain('QR-kode');
    const secret = /<code class="token-value"[^>]*>([A-Z2-7 ]+)<\/code>/.exec(first.page.body)![1].replace(/ /g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Reloading shows the same key, so a scan made a moment ago still fits.
    const again = await t.app.inject({ url: '/account/two-factor', headers: html(cookie) });
    expect(again.body).toContain(secret.slice(0, 4));
    expect(/<code class="token-value"[^>]*>([A-Z2-7 ]+)<\/code>/.exec(again.body)![1].replace(/ /g, '')).toBe(secret);

    const badFormat = await postForm(t.app, '/account/two-factor', first, { totpCode: '12ab' });
    expect(badFormat.statusCode).toBe(422);
    expect(badFormat.body).toContain('Godkendelseskode skal være seks cifre.');
    const wrong = await postForm(t.app, '/account/two-factor', first, { totpCode: wrongCode(secret) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Godkendelseskode er forkert eller allerede brugt.');
    expect(wrong.body).toContain('aria-invalid="true"');
    const [still] = await t.database.db.select().from(accounts).where(eq(accounts.personId, person.id));
    expect(still.totpConfirmedAt).toBeNull();

    // The app shows the code with a space in the middle; that is fine.
    const code = codeFor(secret);
    const ok = await postForm(t.app, '/account/two-factor', first, { totpCode: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    const codes = [...ok.body.matchAll(/<code class="token-value"[^>]*>([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})<\/code>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    const [saved] = await t.database.db.select().from(accounts).where(eq(accounts.personId, person.id));
    expect(saved.totpConfirmedAt).not.toBeNull();
    expect(saved.totpSecret).toBe(secret);
    const stored = await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.personId, person.id));
    expect(stored.map((r) => r.codeHash).sort()).toEqual(codes.map((c) => sha256(c.replace(/-/g, ''))).sort());

    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'account'), eq(auditEvents.entityId, person.id)));
    expect(events.map((e) => [e.action, e.fields])).toEqual([['create', ['totp', 'recoveryCodes']]]);
    expect(JSON.stringify(events)).not.toContain(secret);

    // Shown once: the page now manages two-factor and shows no key and no codes.
    const status = await t.app.inject({ url: '/account/two-factor', headers: html(cookie) });
    expect(status.body).toContain('Du har 10 ubrugte gendannelseskoder.');
    expect(status.body).not.toContain(codes[0]);
    expect(status.body).not.toContain('data:image/svg+xml');
    const after = await t.app.inject({ url: '/account', headers: html(cookie) });
    expect(after.body).toContain('Administrér totrinsbekræftelse');

    // My data export says two-factor is on and how many codes are left, and holds neither key nor codes.
    const exported = await t.app.inject({ url: '/me/export.json', headers: { cookie } });
    expect(exported.statusCode).toBe(200);
    expect(exported.json().account.twoFactor).toEqual({ enabled: true, enabledAt: saved.totpConfirmedAt!.toISOString(), recoveryCodesLeft: 10 });
    expect(exported.body).not.toContain(secret);
    for (const c of codes) expect(exported.body).not.toContain(c);
  });

  it('is texted in Swedish and English too', async () => {
    const person = await createPerson(t.database, [], { preferredLocale: 'sv' });
    const { cookie } = await loginAs(t.database, person.id);
    const sv = await t.app.inject({ url: '/account/two-factor', headers: html(cookie) });
    expect(sv.body).toContain('Tvåstegsverifiering');
    const en = await createPerson(t.database, [], { preferredLocale: 'en' });
    const page = await t.app.inject({ url: '/account/two-factor', headers: html((await loginAs(t.database, en.id)).cookie) });
    expect(page.body).toContain('Two-factor authentication');
  });

  it('makes new recovery codes on a current code; the old ones stop working', async () => {
    const { person, secret, codes } = await personWithTwoFactor();
    const { cookie } = await loginAs(t.database, person.id);
    const s = await formSession(t.app, '/account/two-factor', cookie);
    const wrong = await postForm(t.app, '/account/two-factor/recovery-codes', s, { totpCode: wrongCode(secret) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Godkendelseskode er forkert');
    const res = await postForm(t.app, '/account/two-factor/recovery-codes', s, { totpCode: codeFor(secret) });
    expect(res.statusCode).toBe(200);
    const fresh = [...res.body.matchAll(/<code class="token-value"[^>]*>([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})<\/code>/g)].map((m) => m[1]);
    expect(fresh).toHaveLength(10);
    const stored = await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.personId, person.id));
    expect(stored.map((r) => r.codeHash)).not.toContain(sha256(codes[0].replace(/-/g, '')));
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, person.id), eq(auditEvents.action, 'update')));
    expect(events.map((e) => e.fields)).toContainEqual(['recoveryCodes']);

    const { cookie: pending } = await passwordLogin(person.email!);
    const p = await formSession(t.app, '/login/two-factor', pending);
    const old = await postForm(t.app, '/login/two-factor/recovery', p, { recoveryCode: codes[0] });
    expect(old.statusCode).toBe(422);
  });
});

describe('turning two-factor off', () => {
  it('takes a current code or a recovery code, then the password alone logs in again', async () => {
    const { person, secret, codes } = await personWithTwoFactor([['member', org.north]]);
    const { cookie } = await loginAs(t.database, person.id);
    const s = await formSession(t.app, '/account/two-factor', cookie);
    expect(s.page.body).toContain('action="/account/two-factor/disable"');
    const wrong = await postForm(t.app, '/account/two-factor/disable', s, { totpCode: wrongCode(secret) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Godkendelseskode er forkert eller allerede brugt.');
    const off = await postForm(t.app, '/account/two-factor/disable', s, { totpCode: codes[0] });
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe('/account');

    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.personId, person.id));
    expect(account.totpSecret).toBeNull();
    expect(account.totpConfirmedAt).toBeNull();
    expect(await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.personId, person.id))).toEqual([]);
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, person.id), eq(auditEvents.action, 'delete')));
    expect(events.map((e) => [e.entityType, e.fields])).toEqual([['account', ['totp', 'recoveryCodes']]]);

    const { res } = await passwordLogin(person.email!);
    expect(res.headers.location).toBe('/start');
  });
});

