import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, testApp, type TestApp } from '../../test/app.js';
import { checkRow, everyone, expectEveryRouteListed, type Expectations, type PageRow, type SessionCookies } from '../../test/page-matrix.js';
import { questionInput } from './schema.js';
import { loadQuestions, updateSurvey, type SurveyView } from './surveys.js';
import { openWaveOf, surveyOf, surveyWorld, type SurveyWorld } from './surveys.fixture.js';
import { localTime, questionAsInput } from './pages/survey-input.js';

/**
 * Every staff page route of the surveys with every kind of caller: nobody, a member a wave of the
 * survey invited, a member it did not (of the south), the steward of a workplace it asked, staff
 * and board of the survey's unit and of another, an admin. The north's staff and admins build and
 * run it; its board sees the list and the survey and is refused the rest; everyone else is told it
 * is not there; nobody logged in is sent to log in. A refused caller writes nothing; one who may act
 * writes.
 */

const CALLERS = ['anonymous', 'member', 'memberNotInvited', 'steward', 'staff', 'staffElsewhere', 'board', 'boardElsewhere', 'admin'] as const;
type Who = (typeof CALLERS)[number];

let t: TestApp;
let w: SurveyWorld;
let survey: SurveyView;
let south: SurveyView;
const cookies = {} as SessionCookies<Who>;
const MISSING = '00000000-0000-4000-8000-000000000000';

const person = (who: Exclude<Who, 'anonymous'>) => (who === 'member' ? w.members[0] : who === 'memberNotInvited' ? w.memberElsewhere : w[who]);

/** What the builder can write: the surveys' settings, their questions in order, their waves. */
async function fingerprint(): Promise<string> {
  const rows = await t.database.executeSql(
    `select (select count(*) from surveys) as surveys,
       (select md5(coalesce(string_agg(id::text || title::text || archived || updated_at::text, '|' order by id), '')) from surveys) as settings,
       (select md5(coalesce(string_agg(survey_id::text || key || position || help::text || retired, '|' order by survey_id, position), '')) from survey_questions) as questions,
       (select md5(coalesce(string_agg(id::text || status, '|' order by id), '')) from survey_waves) as waves`,
  );
  return JSON.stringify(rows.rows);
}

/** On the north's survey: staff and admins get `manage`, its board `view`; the rest do not see it. */
const onSurvey = (x: { manage: number; view: number }): Expectations<Who> => ({
  anonymous: 'login',
  member: 404,
  memberNotInvited: 404,
  steward: 404,
  staff: x.manage,
  staffElsewhere: 404,
  board: x.view,
  boardElsewhere: 404,
  admin: x.manage,
});

/** Starting a survey is staff's (of some unit: the survey's unit must be theirs) and admins'. */
const creating = (ok: number, elsewhere: number): Expectations<Who> => ({
  anonymous: 'login',
  member: 403,
  memberNotInvited: 403,
  steward: 403,
  staff: ok,
  staffElsewhere: elsewhere,
  board: 403,
  boardElsewhere: 403,
  admin: ok,
});

let n = 0;
const inDays = (days: number) => localTime(new Date(Date.now() + days * 86_400_000));

/** A question added through the use case, for a row that removes one each call. */
async function freshQuestion(): Promise<string> {
  const key = `tmp_${++n}`;
  const current = (await loadQuestions(t.database.db, survey.id)).filter((q) => !q.retired).map((q) => questionInput.parse(questionAsInput(q)));
  const made = await updateSurvey(t.database.db, w.staff.actor, survey.id, { questions: [...current, questionInput.parse({ key, type: 'text', text: `Midlertidig ${n}` })] });
  if (!made.ok) throw new Error(JSON.stringify(made));
  return key;
}

const ROWS = (): PageRow<Who>[] => [
  { method: 'GET', route: '/surveys', url: async () => '/surveys', expect: { ...creating(200, 200), board: 200, boardElsewhere: 200 } },
  { method: 'GET', route: '/surveys', url: async () => '/surveys?archived=true', expect: { ...creating(200, 200), board: 200, boardElsewhere: 200 } },
  { method: 'GET', route: '/surveys/new', url: async () => '/surveys/new', expect: creating(200, 200) },
  {
    method: 'POST',
    route: '/surveys',
    url: async () => '/surveys',
    body: () => ({ unitId: w.org.north, 'title.da': `Matrix ${++n}`, anonymous: 'yes', 'text.da': 'Hvordan har du det?', type: 'text', key: '' }),
    expect: creating(303, 403),
    changes: true,
  },
  { method: 'GET', route: '/surveys/:id', url: async () => `/surveys/${survey.id}`, expect: onSurvey({ manage: 200, view: 200 }) },
  { method: 'GET', route: '/surveys/:id', url: async () => `/surveys/${south.id}`, expect: { ...onSurvey({ manage: 404, view: 404 }), staffElsewhere: 200, boardElsewhere: 200, admin: 200 } },
  { method: 'GET', route: '/surveys/:id', url: async () => `/surveys/${MISSING}`, expect: { ...everyone(CALLERS, 404), anonymous: 'login' } },
  { method: 'GET', route: '/surveys/:id', url: async () => '/surveys/not-a-survey', expect: { ...everyone(CALLERS, 404), anonymous: 'login' } },
  { method: 'GET', route: '/surveys/:id/edit', url: async () => `/surveys/${survey.id}/edit`, expect: onSurvey({ manage: 200, view: 403 }) },
  { method: 'POST', route: '/surveys/:id', url: async () => `/surveys/${survey.id}`, body: () => ({ 'title.da': `Matrixundersøgelsen ${++n}`, minGroup: '5' }), expect: onSurvey({ manage: 303, view: 403 }), changes: true },
  { method: 'POST', route: '/surveys/:id', url: async () => `/surveys/${survey.id}`, body: () => ({ intent: 'archive' }), expect: onSurvey({ manage: 303, view: 403 }), changes: true },
  { method: 'POST', route: '/surveys/:id', url: async () => `/surveys/${survey.id}`, body: () => ({ intent: 'unarchive' }), expect: onSurvey({ manage: 303, view: 403 }), changes: true },
  { method: 'GET', route: '/surveys/:id/questions/new', url: async () => `/surveys/${survey.id}/questions/new`, expect: onSurvey({ manage: 200, view: 403 }) },
  {
    method: 'POST',
    route: '/surveys/:id/questions',
    url: async () => `/surveys/${survey.id}/questions`,
    body: () => ({ key: `added_${++n}`, type: 'text', 'text.da': `Tilføjet ${n}` }),
    expect: onSurvey({ manage: 303, view: 403 }),
    changes: true,
  },
  { method: 'GET', route: '/surveys/:id/questions/:key/edit', url: async () => `/surveys/${survey.id}/questions/comments/edit`, expect: onSurvey({ manage: 200, view: 403 }) },
  { method: 'GET', route: '/surveys/:id/questions/:key/edit', url: async () => `/surveys/${survey.id}/questions/no_such_question/edit`, expect: onSurvey({ manage: 404, view: 403 }) },
  {
    method: 'POST',
    route: '/surveys/:id/questions/:key',
    url: async () => `/surveys/${survey.id}/questions/comments`,
    // Help is not part of a question's meaning: a question the open wave asked may take it.
    body: () => ({ key: 'comments', type: 'text', 'text.da': 'Andre kommentarer', 'help.da': `Hjælp ${++n}` }),
    expect: onSurvey({ manage: 303, view: 403 }),
    changes: true,
  },
  { method: 'POST', route: '/surveys/:id/questions/:key/move', url: async () => `/surveys/${survey.id}/questions/satisfaction/move`, body: () => ({ direction: 'down' }), expect: onSurvey({ manage: 303, view: 403 }), changes: true },
  { method: 'POST', route: '/surveys/:id/questions/:key/delete', url: async () => `/surveys/${survey.id}/questions/${await freshQuestion()}/delete`, expect: onSurvey({ manage: 303, view: 403 }), changes: true },
  { method: 'GET', route: '/surveys/:id/waves/new', url: async () => `/surveys/${survey.id}/waves/new`, expect: onSurvey({ manage: 200, view: 403 }) },
  {
    method: 'POST',
    route: '/surveys/:id/waves',
    url: async () => `/surveys/${survey.id}/waves`,
    body: () => ({ name: `Runde ${++n}`, opensAt: inDays(10), closesAt: inDays(20) }),
    expect: onSurvey({ manage: 303, view: 403 }),
    changes: true,
  },
  { method: 'POST', route: '/surveys/waves/:id/close', url: async () => `/surveys/waves/${(await openWaveOf(w, survey.id)).id}/close`, expect: onSurvey({ manage: 303, view: 403 }), changes: true },
  { method: 'POST', route: '/surveys/waves/:id/close', url: async () => `/surveys/waves/${MISSING}/close`, expect: { ...everyone(CALLERS, 404), anonymous: 'login' } },
];

/** The staff pages' routes; the results, the report, the trend and answering are walked by their own matrices. */
const MINE = (p: string) => p.startsWith('/surveys') && !p.startsWith('/surveys/answer') && !/\/(results|report|trend)$/.test(p);

beforeAll(async () => {
  t = await testApp();
  w = await surveyWorld(t.database);
  survey = await surveyOf(w, { title: 'Matrixundersøgelsen' });
  // The member is invited by this open wave; the member of the south is not.
  await openWaveOf(w, survey.id);
  south = await surveyOf(w, { unitId: w.org.south, title: 'Sydens undersøgelse' }, w.staffElsewhere);
  for (const who of CALLERS) if (who !== 'anonymous') cookies[who] = (await loginAs(t.database, person(who).id)).cookie;
}, 120_000);
afterAll(() => t?.close());

describe('the surveys’ staff pages’ permission matrix', () => {
  it('lists every staff page route', () => {
    expectEveryRouteListed(t.app, ROWS(), MINE);
  });

  for (const [i, row] of ROWS().entries()) {
    it(`${row.method} ${row.route} (${i + 1})`, async () => {
      expect(await checkRow({ app: t.app, callers: CALLERS, cookies, fingerprint }, ROWS()[i])).toEqual([]);
    }, 120_000);
  }

  it('tells a refused caller nothing of the survey', async () => {
    for (const who of ['member', 'steward', 'staffElsewhere', 'boardElsewhere'] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/surveys/${survey.id}`, headers: { cookie: cookies[who], accept: 'text/html' } });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Matrixundersøgelsen');
    }
    const list = await t.app.inject({ method: 'GET', url: '/surveys', headers: { cookie: cookies.boardElsewhere, accept: 'text/html' } });
    expect(list.body).not.toContain('Matrixundersøgelsen');
    expect(list.body).toContain('Sydens undersøgelse');
  });
});
