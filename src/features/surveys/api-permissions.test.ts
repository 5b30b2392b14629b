import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { registeredRoutes } from '../../test/routes.js';
import { submitResponse } from './answering.js';
import { answersFor, linkTokenOf, openWaveOf, surveyOf, surveyWorld, tokenOf, type Someone, type SurveyWorld } from './surveys.fixture.js';
import type { WaveRow } from './waves.js';

/**
 * Every route of the surveys' API with every kind of caller, each with their own personal token:
 * nobody, a member the wave invites, a member it does not (the south's), the north's steward (a
 * member too, so invited), staff of the north and of the south, the north's board and the south's,
 * an admin. Staff of the unit build and run surveys and export; the board sees them and their
 * results but changes nothing; those out of sight get 404; the invited answer; a steward sees their
 * own workplace's rate; a personal link's token answers for its person whoever sends it. A refused
 * caller changes nothing and is answered with problem+json; a caller let through has written what
 * the route writes.
 */

const CALLERS = ['anonymous', 'invited', 'notInvited', 'steward', 'staff', 'staffElsewhere', 'board', 'boardElsewhere', 'admin'] as const;
type Who = (typeof CALLERS)[number];
type Expect = Record<Who, number>;

let t: TestApp;
let w: SurveyWorld;
let surveyId: string;
/** An open wave of the north with five responses (not by the invited member or the steward). */
let wave: WaveRow;
const headers = {} as Record<Who, Record<string, string>>;
const person = {} as Record<Exclude<Who, 'anonymous'>, Someone>;
let n = 0;

/** Out of sight (404) for everyone but the named callers, 401 for nobody. */
function seenBy(allowed: Partial<Record<Who, number>>, inSight: Partial<Record<Who, number>> = {}): Expect {
  return Object.fromEntries(CALLERS.map((c) => [c, c === 'anonymous' ? 401 : (allowed[c] ?? inSight[c] ?? 404)])) as Expect;
}
const everyone = (status: number): Expect => Object.fromEntries(CALLERS.map((c) => [c, status])) as Expect;
const readers = { staff: 200, board: 200, admin: 200 };
const answerers = (status: number) => ({ invited: status, steward: status });

interface Row {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  route: string;
  url: () => Promise<string>;
  body?: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  expect: Expect;
  /** A route that succeeds must have written something. */
  writes?: boolean;
}

const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
/** A wave open now, for a route that a caller's success uses up (answering, closing). */
let fresh: WaveRow;
const freshWave = async () => {
  fresh = await openWaveOf(w, surveyId);
  return fresh.id;
};

const ROWS: Row[] = [
  {
    method: 'POST',
    route: '/api/v1/surveys',
    url: async () => '/api/v1/surveys',
    body: () => ({ unitId: w.org.north, title: `Trivsel ${++n}`, anonymous: true, questions: [{ key: 'satisfaction', type: 'scale', text: 'Hvor tilfreds er du?', required: true }] }),
    expect: { anonymous: 401, invited: 403, notInvited: 403, steward: 403, staff: 201, staffElsewhere: 403, board: 403, boardElsewhere: 403, admin: 201 },
    writes: true,
  },
  { method: 'GET', route: '/api/v1/surveys', url: async () => '/api/v1/surveys', expect: { anonymous: 401, invited: 403, notInvited: 403, steward: 403, staff: 200, staffElsewhere: 200, board: 200, boardElsewhere: 200, admin: 200 } },
  { method: 'GET', route: '/api/v1/surveys/:id', url: async () => `/api/v1/surveys/${surveyId}`, expect: seenBy(readers) },
  { method: 'PATCH', route: '/api/v1/surveys/:id', url: async () => `/api/v1/surveys/${surveyId}`, body: () => ({ title: `Ændret ${++n}` }), expect: seenBy({ staff: 200, admin: 200 }, { board: 403 }), writes: true },
  { method: 'POST', route: '/api/v1/surveys/:id/waves', url: async () => `/api/v1/surveys/${surveyId}/waves`, body: () => ({ opensAt: hours(24), closesAt: hours(48), name: `Runde ${++n}` }), expect: seenBy({ staff: 201, admin: 201 }, { board: 403 }), writes: true },
  { method: 'GET', route: '/api/v1/surveys/:id/trend', url: async () => `/api/v1/surveys/${surveyId}/trend?question=satisfaction`, expect: seenBy(readers) },
  { method: 'GET', route: '/api/v1/survey-waves/:id', url: async () => `/api/v1/survey-waves/${wave.id}`, expect: seenBy(readers) },
  { method: 'PATCH', route: '/api/v1/survey-waves/:id', url: async () => `/api/v1/survey-waves/${wave.id}`, body: () => ({ name: `Runde ${++n}` }), expect: seenBy({ staff: 200, admin: 200 }, { board: 403 }), writes: true },
  { method: 'POST', route: '/api/v1/survey-waves/:id/close', url: async () => `/api/v1/survey-waves/${await freshWave()}/close`, expect: seenBy({ staff: 200, admin: 200 }, { board: 403 }), writes: true },
  { method: 'GET', route: '/api/v1/survey-waves/:id/form', url: async () => `/api/v1/survey-waves/${wave.id}/form`, expect: seenBy(answerers(200)) },
  {
    method: 'GET',
    route: '/api/v1/survey-waves/:id/form',
    // With the invited member's link: whoever holds it sees that member's form.
    url: async () => `/api/v1/survey-waves/${wave.id}/form?token=${encodeURIComponent(await linkTokenOf(w, wave.id, person.invited.id))}`,
    expect: everyone(200),
  },
  { method: 'PUT', route: '/api/v1/survey-waves/:id/draft', url: async () => `/api/v1/survey-waves/${wave.id}/draft`, body: () => ({ answers: { satisfaction: 1 + (++n % 5) } }), expect: seenBy(answerers(200)), writes: true },
  { method: 'POST', route: '/api/v1/survey-waves/:id/responses', url: async () => `/api/v1/survey-waves/${await freshWave()}/responses`, body: () => ({ answers: answersFor(++n) }), expect: seenBy(answerers(201)), writes: true },
  {
    method: 'POST',
    route: '/api/v1/survey-waves/:id/responses',
    url: async () => `/api/v1/survey-waves/${await freshWave()}/responses`,
    body: async () => ({ answers: answersFor(++n), token: await linkTokenOf(w, fresh.id, person.invited.id) }),
    expect: everyone(201),
    writes: true,
  },
  { method: 'GET', route: '/api/v1/survey-waves/:id/results', url: async () => `/api/v1/survey-waves/${wave.id}/results`, expect: seenBy(readers) },
  { method: 'GET', route: '/api/v1/survey-waves/:id/export.csv', url: async () => `/api/v1/survey-waves/${wave.id}/export.csv`, expect: seenBy({ staff: 200, admin: 200 }, { board: 403 }), writes: true },
  {
    method: 'GET',
    route: '/api/v1/survey-waves/:id/workplaces/:workplaceId/rate',
    url: async () => `/api/v1/survey-waves/${wave.id}/workplaces/${w.workplaceId}/rate`,
    expect: seenBy({ steward: 200, staff: 200, board: 200, admin: 200 }),
  },
  {
    method: 'GET',
    route: '/api/v1/survey-waves/:id/workplaces/:workplaceId/rate',
    // Not the steward's workplace: out of their sight. Staff and board see it is under the smallest group.
    url: async () => `/api/v1/survey-waves/${wave.id}/workplaces/${w.otherWorkplaceId}/rate`,
    expect: seenBy({}, { staff: 422, board: 422, admin: 422 }),
  },
  { method: 'GET', route: '/api/v1/me/survey-waves', url: async () => '/api/v1/me/survey-waves', expect: { ...everyone(200), anonymous: 401 } },
];

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(
    `select (select count(*) from audit_events where action <> 'view')::int as audits,
       (select count(*) from surveys)::int as surveys, (select count(*) from survey_waves)::int as waves,
       (select count(*) from survey_responses)::int as responses, (select count(*) from survey_invitees where answered)::int as answered,
       (select md5(coalesce(string_agg(person_id::text || answers::text || saved_at::text, '|' order by person_id), '')) from survey_drafts) as drafts,
       (select md5(coalesce(string_agg(status || name || closes_at::text, '|' order by id), '')) from survey_waves) as waves_state,
       (select md5(coalesce(string_agg(title::text, '|' order by id), '')) from surveys) as titles`,
  );
  return JSON.stringify(r.rows[0]);
}

beforeAll(async () => {
  t = await testApp();
  w = await surveyWorld(t.database);
  Object.assign(person, { invited: w.members[0], notInvited: w.memberElsewhere, steward: w.steward, staff: w.staff, staffElsewhere: w.staffElsewhere, board: w.board, boardElsewhere: w.boardElsewhere, admin: w.admin });
  headers.anonymous = {};
  for (const who of CALLERS) if (who !== 'anonymous') headers[who] = await tokenOf(t.database, person[who].id);
  surveyId = (await surveyOf(w)).id;
  wave = await openWaveOf(w, surveyId);
  for (let i = 3; i < 8; i++) {
    const r = await submitResponse(t.database.db, { personId: w.members[i].id, via: 'session' }, wave.id, answersFor(i));
    if (!r.ok) throw new Error(JSON.stringify(r));
  }
}, 120_000);
afterAll(async () => t?.close());

describe('the surveys API’s permission matrix', () => {
  it('lists every route of the API', () => {
    const mine = (p: string) => p.startsWith('/api/v1/surveys') || p.startsWith('/api/v1/survey-waves') || p.startsWith('/api/v1/me/survey-waves');
    const listed = new Set(ROWS.map((r) => `${r.method} ${r.route}`));
    const registered = registeredRoutes(t.app, mine);
    expect(registered.filter((r) => !listed.has(`${r.method} ${r.path}`))).toEqual([]);
    // And nothing listed that the app does not have.
    const actual = new Set(registered.map((r) => `${r.method} ${r.path}`));
    expect([...listed].filter((r) => !actual.has(r))).toEqual([]);
  });

  for (const [i, row] of ROWS.entries()) {
    it(`${row.method} ${row.route} (row ${i + 1})`, async () => {
      const wrong: string[] = [];
      for (const who of CALLERS) {
        const url = await row.url();
        const body = row.body ? await row.body() : undefined;
        const before = await fingerprint();
        const res = await t.app.inject({ method: row.method, url, headers: headers[who], ...(body ? { payload: body } : {}) });
        const after = await fingerprint();
        if (res.statusCode !== row.expect[who]) wrong.push(`${who}: expected ${row.expect[who]}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        if (res.statusCode >= 400 && after !== before) wrong.push(`${who}: refused but something was written`);
        if (res.statusCode >= 400 && !String(res.headers['content-type']).includes('application/problem+json')) wrong.push(`${who}: a refusal that is not problem+json`);
        if (row.writes && res.statusCode < 400 && after === before) wrong.push(`${who}: succeeded but nothing was written`);
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe('what each caller sees', () => {
  it('the list of surveys holds the north’s survey for its staff, board and admin only', async () => {
    const ids = async (who: Who) => ((await t.app.inject({ url: '/api/v1/surveys', headers: headers[who] })).json().items as { id: string }[]).map((s) => s.id);
    for (const who of ['staff', 'board', 'admin'] as const) expect(await ids(who), who).toContain(surveyId);
    for (const who of ['staffElsewhere', 'boardElsewhere'] as const) expect(await ids(who), who).not.toContain(surveyId);
  });

  it('my open waves hold the wave for the invited and the steward, not for the others', async () => {
    const ids = async (who: Who) => ((await t.app.inject({ url: '/api/v1/me/survey-waves', headers: headers[who] })).json().items as { waveId: string }[]).map((x) => x.waveId);
    for (const who of ['invited', 'steward'] as const) expect(await ids(who), who).toContain(wave.id);
    for (const who of ['notInvited', 'staff', 'staffElsewhere', 'board', 'boardElsewhere', 'admin'] as const) expect(await ids(who), who).not.toContain(wave.id);
  });
});
