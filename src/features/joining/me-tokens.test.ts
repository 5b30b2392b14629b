import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { adminSession, bearer, createPerson, formSession, loginAs, postForm, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { system } from '../../platform/actor.js';
import { accounts } from '../../kernel/auth/tables.js';
import { createPersonalToken, MAX_PERSONAL_TOKENS } from '../../kernel/auth/api-tokens.js';
import { memberships, membershipTypes } from '../members/tables.js';

let t: TestApp;
let org: Org;
let mette: { id: string; cookie: string; memberNumber: string };
let ole: { id: string };
let sofie: { id: string; cookie: string };

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  const [type] = await t.database.db.insert(membershipTypes).values({ code: 'ordinary', name: 'Ordinært medlem' }).returning();
  const m = await createPerson(t.database, [], { firstName: 'Mette', lastName: 'Møller', email: 'mette@example.org' });
  const [membership] = await t.database.db.insert(memberships).values({ personId: m.id, typeId: type.id, unitId: org.north, status: 'active' }).returning();
  mette = { id: m.id, cookie: (await loginAs(t.database, m.id)).cookie, memberNumber: membership.memberNumber };
  const o = await createPerson(t.database, [], { firstName: 'Ole', lastName: 'Olsen', email: 'ole@example.org' });
  await t.database.db.insert(memberships).values({ personId: o.id, typeId: type.id, unitId: org.north, status: 'active' });
  ole = { id: o.id };
  const s = await createPerson(t.database, [['staff', org.north]], { firstName: 'Sofie', lastName: 'Sekretær', email: 'sofie@example.org' });
  sofie = { id: s.id, cookie: (await loginAs(t.database, s.id)).cookie };
});
afterAll(() => t.close());

const page = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html', 'accept-language': 'en' } });
const api = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } });

/** Creates a token on /me/tokens as a browser does; returns the response and the value it showed. */
async function createOnPage(cookie: string, name: string): Promise<{ res: LightMyRequestResponse; value: string }> {
  const session = await formSession(t.app, '/me/tokens', cookie);
  const res = await postForm(t.app, '/me/tokens', session, { name });
  const value = /<code class="token-value">(fo_[^<]+)<\/code>/.exec(res.body)?.[1] ?? '';
  return { res, value };
}

describe('personal API tokens on /me/tokens', () => {
  it('is linked from my page and has a labelled form; a new token is shown once and acts as its person', async () => {
    expect((await page('/me', mette.cookie)).body).toContain('href="/me/tokens"');
    const empty = await page('/me/tokens', mette.cookie);
    expect(empty.statusCode).toBe(200);
    expect(empty.headers['cache-control']).toBe('no-store');
    expect(empty.body).toContain('You have no API tokens.');
    expect(empty.body).toMatch(/<label for="field-name">/);

    const { res, value } = await createOnPage(mette.cookie, 'Mit script');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(value).toMatch(/^fo_/);
    // Forms post without Accept-Language: the organisation's Danish.
    expect(res.body).toContain('Tokenet &#34;Mit script&#34; er oprettet. Kopiér det nu');

    // Listed with its name and dates, never with its value again.
    const again = await page('/me/tokens', mette.cookie);
    expect(again.body).toContain('Mit script');
    expect(again.body).toContain('Never used');
    expect(again.body).not.toContain(value);

    const me = await api('/api/v1/me', value);
    expect(me.statusCode, me.body).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    expect(me.json()).toMatchObject({ id: mette.id, firstName: 'Mette', lastName: 'Møller', email: 'mette@example.org', membership: { memberNumber: mette.memberNumber, status: 'active' }, roles: [] });
    // Another member's record is out of a member's sight: 404, as the register answers.
    const others = await api(`/api/v1/members/${ole.id}`, value);
    expect(others.statusCode).toBe(404);
    expect(others.json().code).toBe('http.not_found');
    expect((await api('/api/v1/members', value)).statusCode).toBe(403);
    expect((await page('/me/tokens', mette.cookie)).body).not.toContain('Never used');

    const [made] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'api_token'), eq(auditEvents.actorPersonId, mette.id)));
    expect(made).toMatchObject({ action: 'create', actorKind: 'person' });
  });

  it('refuses a form without CSRF token or name, and more than the limit', async () => {
    const noCsrf = await t.app.inject({ method: 'POST', url: '/me/tokens', headers: { cookie: mette.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=x' });
    expect(noCsrf.statusCode).toBe(403);
    const blank = await createOnPage(mette.cookie, ' ');
    expect(blank.res.statusCode).toBe(422);
    expect(blank.value).toBe('');
    expect(blank.res.body).toContain('id="field-error-name"');

    const p = await createPerson(t.database, [], { firstName: 'Many' });
    for (let i = 0; i < MAX_PERSONAL_TOKENS; i++) await createPersonalToken(t.database.db, system, { personId: p.id, name: `t${i}` });
    const full = await createOnPage((await loginAs(t.database, p.id)).cookie, 'one more');
    expect(full.res.statusCode).toBe(422);
    expect(full.value).toBe('');
    expect(full.res.body).toContain(`Du kan højst have ${MAX_PERSONAL_TOKENS} aktive tokens.`);
  });

  it('revokes a token at once; another person’s token is not theirs to revoke', async () => {
    const { value } = await createOnPage(mette.cookie, 'Telefon');
    expect((await api('/api/v1/me', value)).statusCode).toBe(200);
    const listing = await page('/me/tokens', mette.cookie);
    const id = new RegExp(`<td>Telefon</td>[\\s\\S]*?action="/me/tokens/([0-9a-f-]{36})/revoke"`).exec(listing.body)?.[1];
    expect(id).toBeDefined();

    // Sofie cannot revoke Mette's token: 404, and it keeps working.
    const hers = await formSession(t.app, '/me/tokens', sofie.cookie);
    expect((await postForm(t.app, `/me/tokens/${id}/revoke`, hers, {})).statusCode).toBe(404);
    expect((await api('/api/v1/me', value)).statusCode).toBe(200);

    const session = await formSession(t.app, '/me/tokens', mette.cookie);
    const revoked = await postForm(t.app, `/me/tokens/${id}/revoke`, session, {});
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe('/me/tokens');
    const refused = await api('/api/v1/me', value);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('auth.invalid_token');
    expect((await page('/me/tokens', mette.cookie)).body).not.toContain('<td>Telefon</td>');
  });

  it('carries exactly the person’s rights, read at each request, and the audit names person and token', async () => {
    const { value } = await createOnPage(sofie.cookie, 'Kontorets script');
    const list = await api('/api/v1/members', value);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((m: { firstName: string }) => m.firstName).sort()).toEqual(['Mette', 'Ole']);
    const read = await api(`/api/v1/members/${ole.id}`, value);
    expect(read.statusCode).toBe(200);
    const [view] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'view'), eq(auditEvents.entityId, ole.id), eq(auditEvents.actorPersonId, sofie.id)));
    expect(view).toMatchObject({ actorKind: 'person', actorTokenId: expect.any(String) });

    // A disabled account opens nothing, by token as by session.
    await t.database.db.update(accounts).set({ disabledAt: new Date() }).where(eq(accounts.personId, sofie.id));
    expect((await api('/api/v1/me', value)).statusCode).toBe(401);
    await t.database.db.update(accounts).set({ disabledAt: null }).where(eq(accounts.personId, sofie.id));
    expect((await api('/api/v1/me', value)).statusCode).toBe(200);
  });

  it('GET /api/v1/me is for a person: an integration’s token is refused with 403, no token with 401', async () => {
    const integration = (await bearer(t.database, 'admin')).authorization.replace('Bearer ', '');
    expect((await api('/api/v1/me', integration)).statusCode).toBe(403);
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(none.statusCode).toBe(401);
  });

  it('shows personal tokens with their person on the admins’ token page', async () => {
    const admin = await adminSession(t.database);
    const res = await page('/admin/tokens', admin.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Personal (Mette Møller)');
  });
});
