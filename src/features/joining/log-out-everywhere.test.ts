import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createPerson, formSession, loginAs, postForm, seedUnits, testApp, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { sessions } from '../../kernel/auth/tables.js';
import { SESSION_COOKIE } from '../../kernel/request-context.js';
import { memberships, membershipTypes } from '../members/tables.js';

let t: TestApp;
let typeId: string;
let unitId: string;

beforeAll(async () => {
  t = await testApp();
  const org = await seedUnits(t.database);
  unitId = org.north;
  const [type] = await t.database.db.insert(membershipTypes).values({ code: 'ordinary', name: 'Ordinært medlem' }).returning();
  typeId = type.id;
});
afterAll(() => t.close());

async function memberWithRecord() {
  const p = await createPerson(t.database, [], { preferredLocale: 'en' });
  await t.database.db.insert(memberships).values({ personId: p.id, typeId, unitId, status: 'active' });
  return p;
}

const html = (cookie: string) => ({ cookie, accept: 'text/html' });
const sessionCount = async (personId: string) => (await t.database.db.select().from(sessions).where(eq(sessions.personId, personId))).length;

describe('log out everywhere, from my page', () => {
  it('ends every session of the person, on every device, with a message, and writes it to the audit log', async () => {
    const person = await memberWithRecord();
    const phone = await loginAs(t.database, person.id);
    const laptop = await loginAs(t.database, person.id);
    const someoneElse = await loginAs(t.database, (await memberWithRecord()).id);

    const s = await formSession(t.app, '/me', laptop.cookie);
    // A plain form with a CSRF token: it works without JavaScript.
    expect(s.page.body).toMatch(/<form method="post" action="\/me\/log-out-everywhere"[^>]*>\s*<input type="hidden" name="_csrf"/);
    expect(s.page.body).toContain('Log out everywhere');

    const res = await postForm(t.app, '/me/log-out-everywhere', s, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const setCookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=;`))).toBe(true);

    expect(await sessionCount(person.id)).toBe(0);
    for (const device of [phone, laptop]) {
      const me = await t.app.inject({ url: '/me', headers: html(device.cookie) });
      expect(me.statusCode).toBe(303);
      expect(me.headers.location).toMatch(/^\/login/);
    }
    // Only this person's sessions.
    expect((await t.app.inject({ url: '/me', headers: html(someoneElse.cookie) })).statusCode).toBe(200);

    const flash = setCookies.find((c) => c.startsWith('forening_flash='))!.split(';')[0];
    const front = await t.app.inject({ url: '/', headers: { cookie: flash, 'accept-language': 'en' } });
    expect(front.body).toContain('You are logged out on all devices.');

    const logged = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'sessions'), eq(auditEvents.entityId, person.id)));
    expect(logged).toMatchObject([{ action: 'logout', actorPersonId: person.id }]);
  });

  it('refuses a post without the CSRF token (another site’s form) and keeps the sessions', async () => {
    const person = await memberWithRecord();
    const { cookie } = await loginAs(t.database, person.id);
    const res = await t.app.inject({
      method: 'POST',
      url: '/me/log-out-everywhere',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: '',
    });
    expect(res.statusCode).toBe(403);
    expect(await sessionCount(person.id)).toBe(1);
  });

  it('sends someone not logged in to log in', async () => {
    const s = await formSession(t.app, '/login');
    const res = await postForm(t.app, '/me/log-out-everywhere', s, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });
});
