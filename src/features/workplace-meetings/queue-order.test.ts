import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, testApp, type TestApp } from '../../test/app.js';
import { anonymous } from '../../platform/actor.js';
import { ctx, meetingWorld, requestInput, type MeetingWorld } from './meetings.fixture.js';
import { requestWorkplaceMeeting } from './requests.js';
import { listMeetingRequests } from './queries.js';
import { meetingFilter } from './schema.js';

/**
 * The office works from the top of its queue: new requests must come first, not the meetings held
 * long ago (which were first when the queue was sorted by date alone).
 */

let t: TestApp;
let w: MeetingWorld;
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** A request made `createdDays` from now, then put in `status` with its meeting `startsDays` from now. */
async function meeting(name: string, status: string, createdDays: number, startsDays: number | null): Promise<[string, string]> {
  const result = await requestWorkplaceMeeting(t.database.db, anonymous, requestInput(w, { contactEmail: `${name}@example.org` }), ctx);
  if (!result.ok) throw new Error(JSON.stringify(result));
  const id = result.meeting.id;
  const starts = startsDays === null ? null : at(startsDays);
  const ends = startsDays === null ? null : at(startsDays + 0.1);
  await t.database.executeSql(
    `update workplace_meetings set status = $2, created_at = $3, starts_at = $4, ends_at = $5,
       politician_id = case when $4::timestamptz is null then null else $6::uuid end,
       consultant_id = case when $4::timestamptz is null then null else $7::uuid end,
       decline_reason = case when $2 = 'declined' then 'Ikke muligt' end
     where id = $1`,
    [id, status, at(createdDays), starts, ends, w.politician.personId, w.consultant.personId],
  );
  return [id, name];
}

let expected: [string, string][];

beforeAll(async () => {
  t = await testApp();
  w = await meetingWorld(t.database);
  // Made in an order that differs from the queue's, so neither insertion order nor date alone passes.
  const heldLongAgo = await meeting('heldLongAgo', 'held', -60, -50);
  const newOlder = await meeting('newOlder', 'new', -3, null);
  const scheduledLater = await meeting('scheduledLater', 'scheduled', -20, 30);
  const heldRecently = await meeting('heldRecently', 'held', -30, -5);
  const newest = await meeting('newest', 'new', -0.01, null);
  const takenSoon = await meeting('takenSoon', 'in_progress', -10, null);
  const cancelled = await meeting('cancelled', 'cancelled', -40, -20);
  expected = [newest, newOlder, takenSoon, scheduledLater, heldRecently, cancelled, heldLongAgo];
});
afterAll(() => t?.close());

describe('the office’s queue order', () => {
  it('lists new requests first (newest first), then taken and scheduled (soonest first), then held and closed (latest first)', async () => {
    const list = await listMeetingRequests(t.database.db, w.staffNorth, meetingFilter.parse({}));
    const names = new Map(expected.map(([id, name]) => [id, name]));
    expect(list.items.map((m) => names.get(m.id))).toEqual(expected.map(([, name]) => name));
    expect(list.items.map((m) => m.status)).toEqual(['new', 'new', 'in_progress', 'scheduled', 'held', 'cancelled', 'held']);
  });

  it('shows the queue page’s rows in that order', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/workplace-meetings', headers: { cookie: (await loginAs(t.database, w.consultant.personId)).cookie } });
    expect(res.statusCode).toBe(200);
    const linked = [...res.body.matchAll(/<a href="\/workplace-meetings\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(linked).toEqual(expected.map(([id]) => id));
  });
});
