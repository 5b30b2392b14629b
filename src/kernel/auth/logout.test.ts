import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createPerson, formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { sha256 } from '../../platform/secrets.js';
import { isBare, SESSION_COOKIE } from '../request-context.js';
import { sessions } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const tokenOf = (cookie: string) => cookie.split('=')[1];

describe('log-out', () => {
  it('ends the session on the server: the old cookie no longer opens /me and its row is gone', async () => {
    const person = await createPerson(t.database);
    const { cookie } = await loginAs(t.database, person.id);
    const before = await t.app.inject({ url: '/me', headers: { cookie, accept: 'text/html' } });
    // Logged in: the page answers (403 for a person without a record), it does not send to log-in.
    expect(before.statusCode).not.toBe(303);

    const s = await formSession(t.app, '/account', cookie);
    const res = await postForm(t.app, '/logout', s, {});
    expect(res.statusCode).toBe(303);
    expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => c.startsWith(`${SESSION_COOKIE}=;`))).toBe(true);

    const rows = await t.database.db.select().from(sessions).where(eq(sessions.idHash, sha256(tokenOf(cookie))));
    expect(rows).toEqual([]);
    const after = await t.app.inject({ url: '/me', headers: { cookie, accept: 'text/html' } });
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/login\?next=%2Fme/);
    const logged = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'logout'), eq(auditEvents.entityId, person.id)));
    expect(logged).toHaveLength(1);
  });
});

describe('requests that skip the session look-up', () => {
  it.each(['/logo', '/logo?v=3', '/theme.css', '/theme.css?v=abc', '/healthz', '/healthz?probe=1', '/public/app.css', '/public/htmx.min.js', '/api/docs/static/index.css'])('%s is a bare file or health request', (url) => {
    expect(isBare(url)).toBe(true);
  });

  it.each(['/logout', '/logos', '/logo/x', '/theme.cssx', '/healthz/deep', '/public', '/api/docs', '/api/docs/staticx', '/me'])('%s loads the session', (url) => {
    expect(isBare(url)).toBe(false);
  });
});
