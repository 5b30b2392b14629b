import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../platform/actor.js';
import { bearer, createPerson, loginAs, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { expectEveryRouteListed } from '../../test/page-matrix.js';
import { workplaces } from '../../kernel/tables.js';
import { ctx } from '../events/events.fixture.js';
import { meetingTopics } from './tables.js';
import { meetingRequestInput, scheduleInput } from './schema.js';
import { requestWorkplaceMeeting } from './requests.js';
import { scheduleMeeting } from './schedule.js';

/**
 * Every /api/v1/workplace-meetings route (and the calendar feed) with every kind of caller. The API
 * is Bearer-only: each kind of person calls with a token of their role, and a session cookie counts
 * for nothing. Out of sight is 404 (never the data), in sight but not theirs to change 403, anonymous 401.
 */
const CALLERS = ['anonymous', 'cookie', 'member', 'steward', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
type Caller = (typeof CALLERS)[number];

let t: TestApp;
let org: Org;
let headers: Record<Caller, Record<string, string>>;
let wpA: string;
let wpB: string;
let topic: string;
let politician: string;
let consultant: string;
let slot = 0;

const HOUR = 3600_000;
const at = (h: number) => new Date(Math.floor((Date.now() + h * HOUR) / 1000) * 1000).toISOString();

async function newMeeting(workplaceId = wpA): Promise<string> {
  const r = await requestWorkplaceMeeting(
    t.database.db,
    system,
    meetingRequestInput.parse({ workplaceId, contactName: 'Kontakt', contactEmail: 'kontakt@example.org', proposedTimes: [{ startsAt: at(48), endsAt: at(50) }], topicIds: [topic] }),
    ctx,
  );
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.meeting.id;
}

/** A scheduled meeting that has begun: ready for its report. */
async function startedMeeting(): Promise<string> {
  const id = await newMeeting();
  const h = 24 * 400 + 10 * slot++;
  const s = await scheduleMeeting(t.database.db, system, id, scheduleInput.parse({ startsAt: at(h), endsAt: at(h + 2), politicianId: politician, consultantId: consultant }), ctx);
  if (!s.ok) throw new Error(JSON.stringify(s));
  await t.database.executeSql(`update workplace_meetings set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where id = $1`, [id]);
  return id;
}

const statusOf = async (id: string) => ((await t.database.executeSql(`select status from workplace_meetings where id = $1`, [id])).rows[0] as { status: string }).status;

interface Row {
  method: 'GET' | 'POST';
  route: string;
  /** Makes what the call acts on (fresh for each caller) and returns its URL. */
  url: () => Promise<string>;
  body?: () => Record<string, unknown>;
  expect: Record<Caller, number>;
}

const api = (e: Omit<Record<Caller, number>, 'anonymous' | 'cookie'>, anon = 401): Record<Caller, number> => ({ anonymous: anon, cookie: anon, ...e });

const ROWS: Row[] = [
  {
    method: 'POST',
    route: '/api/v1/workplace-meetings',
    url: async () => '/api/v1/workplace-meetings',
    body: () => ({ workplaceId: wpA, contactName: 'K', contactEmail: 'k@example.org', proposedTimes: [{ startsAt: at(30), endsAt: at(32) }], freeTopic: 'Løn' }),
    expect: api({ member: 201, steward: 201, staffNorth: 201, staffSouth: 201, board: 201, admin: 201 }),
  },
  { method: 'GET', route: '/api/v1/workplace-meetings', url: async () => '/api/v1/workplace-meetings', expect: api({ member: 200, steward: 200, staffNorth: 200, staffSouth: 200, board: 200, admin: 200 }) },
  {
    method: 'GET',
    route: '/api/v1/workplace-meetings/:id',
    url: async () => `/api/v1/workplace-meetings/${await newMeeting()}`,
    expect: api({ member: 404, steward: 404, staffNorth: 200, staffSouth: 404, board: 200, admin: 200 }),
  },
  {
    method: 'POST',
    route: '/api/v1/workplace-meetings/:id/take',
    url: async () => `/api/v1/workplace-meetings/${await newMeeting()}/take`,
    expect: api({ member: 404, steward: 404, staffNorth: 200, staffSouth: 404, board: 403, admin: 200 }),
  },
  {
    method: 'POST',
    route: '/api/v1/workplace-meetings/:id/schedule',
    url: async () => `/api/v1/workplace-meetings/${await newMeeting()}/schedule`,
    body: () => {
      const h = 24 * 200 + 10 * slot++;
      return { startsAt: at(h), endsAt: at(h + 2), politicianId: politician, consultantId: consultant };
    },
    expect: api({ member: 404, steward: 404, staffNorth: 200, staffSouth: 404, board: 403, admin: 200 }),
  },
  {
    method: 'POST',
    route: '/api/v1/workplace-meetings/:id/decline',
    url: async () => `/api/v1/workplace-meetings/${await newMeeting()}/decline`,
    body: () => ({ reason: 'Ingen kapacitet' }),
    expect: api({ member: 404, steward: 404, staffNorth: 200, staffSouth: 404, board: 403, admin: 200 }),
  },
  {
    method: 'POST',
    route: '/api/v1/workplace-meetings/:id/cancel',
    url: async () => `/api/v1/workplace-meetings/${await newMeeting()}/cancel`,
    body: () => ({ reason: null }),
    expect: api({ member: 404, steward: 404, staffNorth: 200, staffSouth: 404, board: 403, admin: 200 }),
  },
  {
    method: 'POST',
    route: '/api/v1/workplace-meetings/:id/report',
    url: async () => `/api/v1/workplace-meetings/${await startedMeeting()}/report`,
    body: () => ({ note: 'Godt møde', participants: 12, membersRecruited: 2 }),
    expect: api({ member: 404, steward: 404, staffNorth: 200, staffSouth: 404, board: 403, admin: 200 }),
  },
  {
    method: 'GET',
    route: '/workplace-meetings/calendar/:file',
    url: async () => `/workplace-meetings/calendar/${'A'.repeat(43)}.ics`,
    expect: { anonymous: 404, cookie: 404, member: 404, steward: 404, staffNorth: 404, staffSouth: 404, board: 404, admin: 404 },
  },
];

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  const rows = await t.database.db
    .insert(workplaces)
    .values([
      { name: 'Bofællesskabet Lærkereden', unitId: org.north, employerKind: 'municipality', addressLine: 'Skovvej 4', postalCode: '9000', city: 'Aalborg' },
      { name: 'Dagtilbuddet Solsikken', unitId: org.north, employerKind: 'municipality' },
    ])
    .returning({ id: workplaces.id });
  [wpA, wpB] = rows.map((r) => r.id);
  [{ id: topic }] = await t.database.db.insert(meetingTopics).values({ unitId: org.north, name: 'Arbejdsmiljø' }).returning({ id: meetingTopics.id });
  politician = (await createPerson(t.database, [['board', org.north]])).id;
  consultant = (await createPerson(t.database, [['staff', org.north]])).id;
  const staffPerson = await createPerson(t.database, [['staff', org.north]]);
  headers = {
    anonymous: {},
    cookie: { cookie: (await loginAs(t.database, staffPerson.id)).cookie },
    member: await bearer(t.database, 'member', org.north),
    steward: await bearer(t.database, 'steward', org.north),
    staffNorth: await bearer(t.database, 'staff', org.north),
    staffSouth: await bearer(t.database, 'staff', org.south),
    board: await bearer(t.database, 'board', null),
    admin: await bearer(t.database, 'admin', null),
  };
});
afterAll(async () => t?.close());

describe('the workplace meetings permission matrix', () => {
  it('lists every route under its prefixes, and only those', () => {
    // The pages (the rest of /workplace-meetings and /request-meeting) have their own matrix in page-permissions.test.ts.
    const prefixes = ['/api/v1/workplace-meetings', '/workplace-meetings/calendar/'];
    expectEveryRouteListed(t.app, ROWS, (p) => prefixes.some((x) => p.startsWith(x)));
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      const wrong: string[] = [];
      for (const who of CALLERS) {
        const url = await row.url();
        const id = /workplace-meetings\/([0-9a-f-]{36})/.exec(url)?.[1];
        const before = id ? await statusOf(id) : null;
        const body = row.body?.();
        const res = await t.app.inject({
          method: row.method,
          url,
          headers: { ...headers[who], ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { payload: JSON.stringify(body) } : {}),
        });
        if (res.statusCode !== row.expect[who]) wrong.push(`${who}: ${res.statusCode} (expected ${row.expect[who]}) ${res.body.slice(0, 200)}`);
        if (res.statusCode >= 400 && row.method === 'POST' && id && (await statusOf(id)) !== before) wrong.push(`${who}: refused but changed the meeting`);
        if (res.statusCode >= 400 && url.startsWith('/api/')) expect(res.headers['content-type']).toContain('application/problem+json');
        if (res.statusCode === 404) expect(res.body).not.toContain('kontakt@example.org');
      }
      expect(wrong).toEqual([]);
    });
  }

  it('scopes the list: staff of another unit and tokens without reach see none of the north’s meetings', async () => {
    const id = await newMeeting();
    for (const who of ['member', 'steward', 'staffSouth'] as const) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/workplace-meetings', headers: headers[who] });
      expect(res.json().items, who).toEqual([]);
    }
    for (const who of ['staffNorth', 'board', 'admin'] as const) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/workplace-meetings', headers: headers[who] });
      expect(res.json().items.map((m: { id: string }) => m.id), who).toContain(id);
    }
  });
});

describe('the workflow through the API', () => {
  const post = (url: string, body: unknown, who: Caller = 'staffNorth', lang = 'da') =>
    t.app.inject({ method: 'POST', url, headers: { ...headers[who], 'content-type': 'application/json', 'accept-language': lang }, payload: JSON.stringify(body) });

  it('requests, filters, schedules, refuses a double booking by name, reports and counts', async () => {
    const requested = await post('/api/v1/workplace-meetings', {
      workplaceId: wpB,
      contactName: 'Leder Lene',
      contactEmail: 'lene@example.org',
      proposedTimes: [{ startsAt: at(24 * 10), endsAt: at(24 * 10 + 2) }, { startsAt: at(24 * 11), endsAt: at(24 * 11 + 2) }],
      topicIds: [topic],
      freeTopic: 'Ny overenskomst',
      questions: 'Hvad betyder OK26 for os?',
      nonMembersWelcome: true,
      expectedParticipants: 20,
    });
    expect(requested.statusCode).toBe(201);
    const id = requested.json().id as string;
    expect(requested.json()).toEqual({ id, status: 'new' });

    const month = at(24 * 10).slice(0, 7);
    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/workplace-meetings?unit=${org.north}&status=new&month=${month}`, headers: headers.staffNorth });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((m: { id: string }) => m.id)).toContain(id);
    const badMonth = await t.app.inject({ method: 'GET', url: '/api/v1/workplace-meetings?month=2026-13', headers: headers.staffNorth });
    expect(badMonth.statusCode).toBe(422);
    expect(badMonth.json().errors[0]).toMatchObject({ path: 'month', code: 'workplace_meeting.invalid_month' });

    const h = 24 * 30;
    const scheduled = await post(`/api/v1/workplace-meetings/${id}/schedule`, { startsAt: at(h), endsAt: at(h + 2), politicianId: politician, consultantId: consultant });
    expect(scheduled.statusCode).toBe(200);
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', workplaceName: 'Dagtilbuddet Solsikken', politician: { id: politician }, consultant: { id: consultant } });
    expect(scheduled.json().eventSlug).toMatch(/^fyraftensmoede-paa-dagtilbuddet-solsikken/);

    const other = await newMeeting();
    const clash = await post(`/api/v1/workplace-meetings/${other}/schedule`, { startsAt: at(h + 1), endsAt: at(h + 3), politicianId: politician, consultantId: consultant }, 'staffNorth', 'en');
    expect(clash.statusCode).toBe(409);
    expect(clash.headers['content-type']).toContain('application/problem+json');
    const problem = clash.json();
    expect(problem.code).toBe('workplace_meeting.double_booked');
    expect(problem.errors[0].path).toBe('politicianId');
    expect(problem.errors[0].message).toContain('This person is already assigned to a meeting at Dagtilbuddet Solsikken');
    expect(await statusOf(other)).toBe('new');

    const declineScheduled = await post(`/api/v1/workplace-meetings/${id}/decline`, { reason: 'For sent' });
    expect(declineScheduled.statusCode).toBe(409);
    expect(declineScheduled.json().errors[0].message).toBe('Det kan ikke lade sig gøre, når mødet er planlagt.');

    const early = await post(`/api/v1/workplace-meetings/${id}/report`, { note: 'x', participants: 1, membersRecruited: 0 });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0]).toMatchObject({ path: 'note', code: 'workplace_meeting.not_started' });

    await t.database.executeSql(`update workplace_meetings set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where id = $1`, [id]);
    const reported = await post(`/api/v1/workplace-meetings/${id}/report`, { note: 'Mange spørgsmål om løn', participants: 18, membersRecruited: 4 }, 'admin');
    expect(reported.statusCode).toBe(200);
    expect(reported.json()).toMatchObject({ status: 'held', participants: 18, membersRecruited: 4 });
  });

  it('names the field of bad input in the reader’s language and writes nothing', async () => {
    const before = ((await t.database.executeSql('select count(*)::int as n from workplace_meetings')).rows[0] as { n: number }).n;
    const past = await post('/api/v1/workplace-meetings', { workplaceId: wpA, contactName: 'K', contactEmail: 'k@example.org', proposedTimes: [{ startsAt: at(-5), endsAt: at(-4) }], topicIds: [topic] }, 'member', 'sv');
    expect(past.statusCode).toBe(422);
    expect(past.json().errors).toEqual([{ path: 'proposedTimes.0.startsAt', code: 'workplace_meeting.in_past', message: expect.stringContaining('måste ligga i framtiden') }]);
    const noTopic = await post('/api/v1/workplace-meetings', { workplaceId: wpA, contactName: 'K', contactEmail: 'k@example.org', proposedTimes: [{ startsAt: at(5), endsAt: at(6) }] }, 'member', 'en');
    expect(noTopic.statusCode).toBe(422);
    expect(noTopic.json().errors).toEqual([{ path: 'topicIds', code: 'workplace_meeting.topic_required', message: 'Choose at least one topic, or write your own.' }]);
    const noWorkplace = await post('/api/v1/workplace-meetings', { contactName: 'K', contactEmail: 'k@example.org', proposedTimes: [{ startsAt: at(5), endsAt: at(6) }], freeTopic: 'Løn' }, 'member');
    expect(noWorkplace.json().errors[0]).toMatchObject({ path: 'newWorkplaceName', code: 'workplace_meeting.workplace_required' });
    const id = await newMeeting();
    const notStaff = await post(`/api/v1/workplace-meetings/${id}/schedule`, { startsAt: at(24 * 300), endsAt: at(24 * 300 + 2), politicianId: politician, consultantId: politician });
    expect(notStaff.json().errors[0]).toMatchObject({ path: 'consultantId', code: 'workplace_meeting.same_person' });
    const member = (await createPerson(t.database, [['member', org.north]])).id;
    const memberAsConsultant = await post(`/api/v1/workplace-meetings/${id}/schedule`, { startsAt: at(24 * 300), endsAt: at(24 * 300 + 2), politicianId: politician, consultantId: member });
    expect(memberAsConsultant.statusCode).toBe(422);
    expect(memberAsConsultant.json().errors[0]).toMatchObject({ path: 'consultantId', code: 'workplace_meeting.not_staff', message: 'Konsulenten skal være ansat i sekretariatet.' });
    const declined = await post(`/api/v1/workplace-meetings/${id}/decline`, { reason: '' });
    expect(declined.statusCode).toBe(422);
    expect(declined.json().errors[0].path).toBe('reason');
    expect(((await t.database.executeSql('select count(*)::int as n from workplace_meetings')).rows[0] as { n: number }).n).toBe(before + 1);
    expect(await statusOf(id)).toBe('new');
    expect((await post(`/api/v1/workplace-meetings/${id}/decline`, { reason: 'Ingen tid' })).statusCode).toBe(200);
    const scheduleDeclined = await post(`/api/v1/workplace-meetings/${id}/schedule`, { startsAt: at(24 * 300), endsAt: at(24 * 300 + 2), politicianId: politician, consultantId: consultant });
    expect(scheduleDeclined.statusCode).toBe(409);
    expect(scheduleDeclined.json().code).toBe('workplace_meeting.wrong_status');
  });
});
