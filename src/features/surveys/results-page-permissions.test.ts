import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, testApp, type TestApp } from '../../test/app.js';
import { checkRow, everyone, expectEveryRouteListed, type Expectations, type PageRow, type SessionCookies } from '../../test/page-matrix.js';
import { submitResponse } from './answering.js';
import { waveInput } from './schema.js';
import { answersFor, mail, openWaveOf, surveyOf, surveyWorld, type SurveyWorld } from './surveys.fixture.js';
import { createWave, type WaveRow } from './waves.js';
import type { SurveyView } from './surveys.js';

/**
 * Every results page route with every kind of caller: nobody, a member the wave invited, a member it
 * did not (of the south), the steward of a workplace it asked, staff and board of the survey's unit
 * and of another, an admin. The survey's unit's staff and board and admins see the results, the
 * report and the trend; everyone else is told they do not exist; nobody logged in is sent to log in.
 * A wave not yet opened has no results for anyone. Nothing here writes.
 */

const CALLERS = ['anonymous', 'member', 'memberNotInvited', 'steward', 'staff', 'staffElsewhere', 'board', 'boardElsewhere', 'admin'] as const;
type Who = (typeof CALLERS)[number];

let t: TestApp;
let w: SurveyWorld;
let survey: SurveyView;
let open: WaveRow;
let scheduled: WaveRow;
let south: { survey: SurveyView; wave: WaveRow };
const cookies = {} as SessionCookies<Who>;
const MISSING = '00000000-0000-4000-8000-000000000000';

const person = (who: Exclude<Who, 'anonymous'>) => (who === 'member' ? w.members[0] : who === 'memberNotInvited' ? w.memberElsewhere : w[who]);

async function fingerprint(): Promise<string> {
  const counts = await t.database.executeSql(
    `select (select count(*) from surveys) as surveys, (select count(*) from survey_waves) as waves, (select count(*) from survey_invitees where answered) as answered,
            (select count(*) from survey_responses) as responses, (select count(*) from survey_drafts) as drafts, (select count(*) from audit_events) as audit`,
  );
  return JSON.stringify(counts.rows);
}

/** The north's survey: its staff, board and admins see it; the rest are told it is not there. */
const north: Expectations<Who> = {
  anonymous: 'login',
  member: 404,
  memberNotInvited: 404,
  steward: 404,
  staff: 200,
  staffElsewhere: 404,
  board: 200,
  boardElsewhere: 404,
  admin: 200,
};

/** The south's survey: the mirror image. */
const southern: Expectations<Who> = { ...north, staff: 404, board: 404, staffElsewhere: 200, boardElsewhere: 200 };
const nobody: Expectations<Who> = { ...everyone(CALLERS, 404), anonymous: 'login' };

const ROWS = (): PageRow<Who>[] => [
  { method: 'GET', route: '/surveys/waves/:id/results', url: async () => `/surveys/waves/${open.id}/results`, expect: north },
  { method: 'GET', route: '/surveys/waves/:id/results', url: async () => `/surveys/waves/${open.id}/results?membershipType=${w.typeId}`, expect: north },
  { method: 'GET', route: '/surveys/waves/:id/results', url: async () => `/surveys/waves/${south.wave.id}/results`, expect: southern },
  { method: 'GET', route: '/surveys/waves/:id/results', url: async () => `/surveys/waves/${scheduled.id}/results`, expect: nobody },
  { method: 'GET', route: '/surveys/waves/:id/results', url: async () => `/surveys/waves/${MISSING}/results`, expect: nobody },
  { method: 'GET', route: '/surveys/waves/:id/results', url: async () => '/surveys/waves/not-an-id/results', expect: nobody },
  { method: 'GET', route: '/surveys/waves/:id/report', url: async () => `/surveys/waves/${open.id}/report`, expect: north },
  { method: 'GET', route: '/surveys/waves/:id/report', url: async () => `/surveys/waves/${south.wave.id}/report`, expect: southern },
  { method: 'GET', route: '/surveys/waves/:id/report', url: async () => `/surveys/waves/${scheduled.id}/report`, expect: nobody },
  { method: 'GET', route: '/surveys/waves/:id/report', url: async () => `/surveys/waves/${MISSING}/report`, expect: nobody },
  { method: 'GET', route: '/surveys/:id/trend', url: async () => `/surveys/${survey.id}/trend?question=satisfaction`, expect: north },
  // A question that does not exist is refused as the survey is: those who may not see it do not learn it has no such question.
  { method: 'GET', route: '/surveys/:id/trend', url: async () => `/surveys/${survey.id}/trend?question=nope`, expect: { ...north, staff: 422, board: 422, admin: 422 } },
  { method: 'GET', route: '/surveys/:id/trend', url: async () => `/surveys/${south.survey.id}/trend`, expect: southern },
  { method: 'GET', route: '/surveys/:id/trend', url: async () => `/surveys/${MISSING}/trend?question=satisfaction`, expect: nobody },
];

const MINE = (p: string) => p === '/surveys/waves/:id/results' || p === '/surveys/waves/:id/report' || p === '/surveys/:id/trend';

beforeAll(async () => {
  t = await testApp();
  w = await surveyWorld(t.database);
  survey = await surveyOf(w, { title: 'Matrixundersøgelsen' });
  open = await openWaveOf(w, survey.id, { name: 'Åben runde' });
  for (let i = 0; i < 10; i++) await submitResponse(t.database.db, { personId: w.members[i].id, via: 'session' }, open.id, answersFor(i));
  const day = 86_400_000;
  scheduled = await openWaveOf(w, survey.id, { name: 'Senere runde', opensAt: new Date(Date.now() + 30 * day).toISOString(), closesAt: new Date(Date.now() + 40 * day).toISOString() });
  const southSurvey = await surveyOf(w, { unitId: w.org.south, title: 'Sydundersøgelsen' }, w.staffElsewhere);
  const made = await createWave(t.database.db, w.staffElsewhere.actor, southSurvey.id, waveInput.parse({ opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 7 * day).toISOString() }), mail);
  if (!made.ok) throw new Error(JSON.stringify(made));
  south = { survey: southSurvey, wave: made.wave };
  for (const who of CALLERS) if (who !== 'anonymous') cookies[who] = (await loginAs(t.database, person(who).id)).cookie;
}, 120_000);
afterAll(() => t?.close());

describe('the results pages’ permission matrix', () => {
  it('lists every results page route', () => {
    expectEveryRouteListed(t.app, ROWS(), MINE);
  });

  it('walks a member the wave invited and one it did not', async () => {
    const invited = await t.database.executeSql('select person_id from survey_invitees where wave_id = $1', [open.id]);
    const ids = invited.rows.map((r) => r.person_id);
    expect(ids).toContain(w.members[0].id);
    expect(ids).toContain(w.steward.id);
    expect(ids).not.toContain(w.memberElsewhere.id);
  });

  for (const [i, row] of ROWS().entries()) {
    it(`${row.method} ${row.route} (${i + 1})`, async () => {
      expect(await checkRow({ app: t.app, callers: CALLERS, cookies, fingerprint }, ROWS()[i])).toEqual([]);
    }, 60_000);
  }

  it('shows nothing of the survey to a refused caller, and the CSV link only to those who may export', async () => {
    for (const who of ['member', 'steward', 'staffElsewhere', 'boardElsewhere'] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/surveys/waves/${open.id}/results`, headers: { cookie: cookies[who], accept: 'text/html' } });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Matrixundersøgelsen');
      expect(res.body).not.toContain('Kommentar');
    }
    const page = async (who: 'staff' | 'board' | 'admin') => (await t.app.inject({ method: 'GET', url: `/surveys/waves/${open.id}/results`, headers: { cookie: cookies[who], accept: 'text/html' } })).body;
    expect(await page('staff')).toContain(`/api/v1/survey-waves/${open.id}/export.csv`);
    expect(await page('admin')).toContain(`/api/v1/survey-waves/${open.id}/export.csv`);
    expect(await page('board')).not.toContain('export.csv');
  });
});
