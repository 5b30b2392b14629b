import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp, type TestApp } from '../../test/app.js';
import { days, eventWorld, publishedEvent, type EventWorld } from './events.fixture.js';

/* An event cannot be created, moved or published with a start in the past (a 2025 event was once published "today"). */

let t: TestApp;
let w: EventWorld;
let staff: { authorization: string };
beforeAll(async () => {
  t = await testApp();
  w = await eventWorld(t.database);
  staff = await bearer(t.database, 'staff', w.org.north);
});
afterAll(() => t.close());

const body = (startsAt: string) => ({ kind: 'member_meeting', title: 'Medlemsmøde', startsAt, endsAt: new Date(new Date(startsAt).getTime() + 7_200_000).toISOString(), unitId: w.org.north, audience: 'members' });

describe('a start in the past', () => {
  it('is refused when creating, naming startsAt, and nothing is written', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/events', headers: staff, payload: body(days(-1)) });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(res.json().errors)).toContain('startsAt');
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/events', headers: staff, payload: body(days(3)) });
    expect(ok.statusCode).toBe(201);
  });

  it('is refused when moving an event into the past, but a past event can still be corrected', async () => {
    const future = await publishedEvent(w, { startsAt: days(5), endsAt: days(5.1) });
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/events/${future.id}`, headers: staff, payload: { startsAt: days(-2), endsAt: days(-1.9) } });
    expect(moved.statusCode).toBe(422);
    const past = await publishedEvent(w, { startsAt: days(-10), endsAt: days(-9.9) });
    const corrected = await t.app.inject({ method: 'PATCH', url: `/api/v1/events/${past.id}`, headers: staff, payload: { title: 'Medlemsmøde (referat vedlagt)' } });
    expect(corrected.statusCode).toBe(200);
  });

  it('is refused when publishing a draft that has already started', async () => {
    const draft = await publishedEvent(w, { startsAt: days(-3), endsAt: days(-2.9) }, false);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/events/${draft.id}/publish`, headers: staff });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('event.starts_in_past');
  });
});
