import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { bearer, formSession, postForm, testApp, type TestApp } from '../../test/app.js';
import { mailOutbox } from '../../platform/mail/tables.js';
import { eventWorld, member, publishedEvent, type EventWorld } from './events.fixture.js';
import { registrations } from './tables.js';

const LIMIT = 3;
let t: TestApp;
let w: EventWorld;

beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_LIMIT: String(LIMIT) });
  w = await eventWorld(t.database);
});
afterAll(() => t.close());

const mails = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox))[0].n;
const registered = async (eventId: string) => (await t.database.db.select().from(registrations).where(eq(registrations.eventId, eventId))).length;

describe('the rate limit on registering for an event', () => {
  it('stops a flood of anonymous public registrations through the API (429 problem) before anything is written or mailed', async () => {
    const open = await publishedEvent(w, { audience: 'public', capacity: 100 });
    const post = (i: number) =>
      t.app.inject({ method: 'POST', url: `/api/v1/events/${open.id}/registrations`, remoteAddress: '198.51.100.20', payload: { name: `Gæst ${i}`, email: `flood${i}@example.org`, guests: 0 } });
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await post(i)).statusCode);
    expect(statuses).toEqual(Array(LIMIT).fill(201));
    const mailsBefore = await mails();

    const flood = await post(99);
    expect(flood.statusCode).toBe(429);
    expect(flood.headers['content-type']).toContain('application/problem+json');
    expect(flood.json()).toMatchObject({ status: 429, code: 'http.rate_limited' });
    expect(await registered(open.id)).toBe(LIMIT);
    expect(await mails()).toBe(mailsBefore);

    // Per address: someone else can still register.
    const other = await t.app.inject({ method: 'POST', url: `/api/v1/events/${open.id}/registrations`, remoteAddress: '198.51.100.21', payload: { name: 'Ida', email: 'ida@example.org' } });
    expect(other.statusCode).toBe(201);
  });

  it('gives the page form the same limit', async () => {
    const open = await publishedEvent(w, { audience: 'public', capacity: 100 });
    const s = await formSession(t.app, `/events/${open.slug}`);
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push((await postForm(t.app, `/events/${open.slug}/register`, s, { name: `Gæst ${i}`, email: `page${i}@example.org` })).statusCode);
    expect(statuses).toEqual([...Array(LIMIT).fill(303), 429]);
  });

  it('leaves the organisation’s own API tokens unlimited: integrations register members in bulk', async () => {
    const event = await publishedEvent(w, { capacity: 100 });
    const auth = await bearer(t.database, 'staff', w.org.north);
    for (let i = 0; i <= LIMIT + 1; i++) {
      const m = await member(w);
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/events/${event.id}/registrations`, headers: auth, payload: { memberId: m.id } });
      expect(res.statusCode).toBe(201);
    }
  });
});
