import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../platform/actor.js';
import { createPerson, loginAs, testApp, type TestApp } from '../../test/app.js';
import { checkRow, everyone, expectEveryRouteListed, type Expected, type PageRow, type SessionCookies } from '../../test/page-matrix.js';
import { localParts } from '../../platform/i18n/zoned-time.js';
import { ctx, meetingWorld, requestInput, type MeetingWorld } from './meetings.fixture.js';
import { requestWorkplaceMeeting } from './requests.js';
import { scheduleMeeting } from './schedule.js';
import { scheduleInput } from './schema.js';

/**
 * Every page route of workplace meetings with every kind of caller: nobody, a member elsewhere, the
 * steward of the meeting's workplace, a steward elsewhere, staff of the unit, staff of another unit,
 * the unit's board and an admin. The meeting is a request for workplace A in the north, sent from the
 * public form. A refused caller changes nothing; a caller who may act changes the database.
 */

const CALLERS = ['anonymous', 'member', 'stewardHere', 'stewardElsewhere', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
type Who = (typeof CALLERS)[number];
type Expectations = Record<Who, Expected>;

type Row = PageRow<Who>;

let t: TestApp;
let w: MeetingWorld;
const cookies = {} as SessionCookies<Who>;
let n = 0;
const DAY = 86_400_000;
const dateIn = (d: number) => localParts(new Date(Date.now() + d * DAY), 'Europe/Copenhagen').date;

const all = (e: Expected): Expectations => everyone(CALLERS, e);
const view: Expectations = { anonymous: 'login', member: 404, stewardHere: 200, stewardElsewhere: 404, staffNorth: 200, staffSouth: 404, board: 200, admin: 200 };
const act: Expectations = { ...view, stewardHere: 403, board: 403, staffNorth: 303, admin: 303 };
/**
 * The catalogue: staff of the unit (and admins) edit it; staff of another unit asking for the north's are
 * refused (403: units are public, their catalogues' editing is not), may not add to it (403) and do not
 * find its topics (404); everyone else 403.
 */
const topics = (ok: number): Expectations => ({ anonymous: 'login', member: 403, stewardHere: 403, stewardElsewhere: 403, staffNorth: ok, staffSouth: 403, board: 403, admin: ok });
const staffOnly = (ok: number): Expectations => ({ anonymous: 'login', member: 403, stewardHere: 403, stewardElsewhere: 403, staffNorth: ok, staffSouth: ok, board: ok, admin: ok });

/** A fresh public request for workplace A, with its follow token. */
async function freshMeeting(): Promise<{ id: string; token: string }> {
  const r = await requestWorkplaceMeeting(t.database.db, { kind: 'anonymous' } as never, requestInput(w, { contactEmail: `matrix${++n}@a.example` }), ctx);
  if (!r.ok) throw new Error('request failed');
  return { id: r.meeting.id, token: r.followToken };
}

/** A fresh meeting scheduled (by the system) and moved into the past, ready for its report. */
async function startedMeeting(): Promise<string> {
  const { id } = await freshMeeting();
  const start = new Date(Date.now() + (100 + ++n) * DAY);
  const r = await scheduleMeeting(t.database.db, system, id, scheduleInput.parse({ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3600_000).toISOString(), politicianId: w.politician.personId, consultantId: w.consultant.personId }), ctx);
  if (!r.ok) throw new Error(`schedule failed: ${r.reason}`);
  await t.database.executeSql(`update workplace_meetings set starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' where id = $1`, [id]);
  return id;
}

const ROWS: Row[] = [
  { method: 'GET', route: '/request-meeting', url: async () => '/request-meeting', expect: all(301) },
  { method: 'GET', route: '/workplace-meetings/request', url: async () => '/workplace-meetings/request', expect: all(200) },
  {
    method: 'POST',
    route: '/workplace-meetings/request',
    url: async () => '/workplace-meetings/request',
    expect: all(303),
    changes: true,
    body: () => ({
      unitId: w.org.north,
      workplaceId: w.wpA.id,
      contactName: 'Matrix',
      contactEmail: `form${++n}@a.example`,
      'proposed.0.date': dateIn(30),
      'proposed.0.start': '16:00',
      'proposed.0.end': '17:00',
      [`topic.${w.topics.workEnvironment}`]: 'on',
    }),
  },
  { method: 'GET', route: '/workplace-meetings/requested', url: async () => '/workplace-meetings/requested', expect: all(200) },
  { method: 'GET', route: '/workplace-meetings/follow/:token', url: async () => `/workplace-meetings/follow/${(await freshMeeting()).token}`, expect: all(200) },
  { method: 'GET', route: '/workplace-meetings', url: async () => '/workplace-meetings', expect: { ...all(200), anonymous: 'login' } },
  { method: 'GET', route: '/workplace-meetings/mine', url: async () => '/workplace-meetings/mine', expect: staffOnly(200) },
  { method: 'POST', route: '/workplace-meetings/mine/feed', url: async () => '/workplace-meetings/mine/feed', expect: staffOnly(200), changes: true },
  { method: 'GET', route: '/workplace-meetings/:id', url: async () => `/workplace-meetings/${(await freshMeeting()).id}`, expect: view },
  { method: 'POST', route: '/workplace-meetings/:id/take', url: async () => `/workplace-meetings/${(await freshMeeting()).id}/take`, expect: act, changes: true },
  { method: 'POST', route: '/workplace-meetings/:id/decline', url: async () => `/workplace-meetings/${(await freshMeeting()).id}/decline`, expect: act, changes: true, body: () => ({ reason: 'Ingen tid' }) },
  { method: 'POST', route: '/workplace-meetings/:id/cancel', url: async () => `/workplace-meetings/${(await freshMeeting()).id}/cancel`, expect: act, changes: true, body: () => ({ reason: '' }) },
  {
    method: 'POST',
    route: '/workplace-meetings/:id/schedule',
    url: async () => `/workplace-meetings/${(await freshMeeting()).id}/schedule`,
    expect: act,
    changes: true,
    body: () => ({ date: dateIn(40 + ++n), startTime: '16:00', endTime: '17:00', politicianId: w.politician.personId, consultantId: w.consultant.personId }),
  },
  {
    method: 'POST',
    route: '/workplace-meetings/:id/report',
    url: async () => `/workplace-meetings/${await startedMeeting()}/report`,
    expect: act,
    changes: true,
    body: () => ({ note: 'Godt møde', participants: '10', membersRecruited: '2' }),
  },
  { method: 'GET', route: '/workplace-meetings/topics', url: async () => `/workplace-meetings/topics?unit=${w.org.north}`, expect: topics(200) },
  { method: 'POST', route: '/workplace-meetings/topics', url: async () => '/workplace-meetings/topics', expect: topics(303), changes: true, body: () => ({ unitId: w.org.north, name: `Emne ${++n}` }) },
  {
    method: 'POST',
    route: '/workplace-meetings/topics/:topicId',
    url: async () => `/workplace-meetings/topics/${w.topics.pay}`,
    expect: { ...topics(303), staffSouth: 404 },
    changes: true,
    body: () => ({ name: `Løn ${++n}`, active: 'on' }),
  },
];

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(
    `select (select count(*) from audit_events where action <> 'view')::int as a, (select count(*) from workplace_meetings)::int as m,
       (select string_agg(status, ',' order by id) from workplace_meetings) as s`,
  );
  return JSON.stringify(r.rows[0]);
}

const matrix = () => ({ app: t.app, callers: CALLERS, cookies, fingerprint });

beforeAll(async () => {
  t = await testApp();
  w = await meetingWorld(t.database);
  const stewardElsewhere = await createPerson(t.database, [['steward', w.org.north, w.wpB.id]]);
  const personOf = (a: { kind: string; personId?: string }) => a.personId!;
  const ids: Record<Exclude<Who, 'anonymous'>, string> = {
    member: w.outsider.id,
    stewardHere: w.stewardA.id,
    stewardElsewhere: stewardElsewhere.id,
    staffNorth: w.consultant.personId,
    staffSouth: personOf(w.staffSouth as never),
    board: w.boardNorth.personId,
    admin: personOf(w.admin as never),
  };
  for (const [who, id] of Object.entries(ids) as [Exclude<Who, 'anonymous'>, string][]) cookies[who] = (await loginAs(t.database, id)).cookie;
});
afterAll(() => t?.close());

describe('the workplace-meeting pages’ permission matrix', () => {
  it('lists every page route of the feature, and only those', () => {
    const mine = (p: string) => (p.startsWith('/workplace-meetings') || p.startsWith('/request-meeting')) && !p.startsWith('/workplace-meetings/calendar/');
    expectEveryRouteListed(t.app, ROWS, mine);
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      expect(await checkRow(matrix(), row)).toEqual([]);
    });
  }
});
