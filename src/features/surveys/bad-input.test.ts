import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { testApp, type TestApp } from '../../test/app.js';
import { registeredRoutes } from '../../test/routes.js';
import { answersFor, linkTokenOf, QUESTIONS, surveyWorld, tokenOf, type Someone, type SurveyWorld } from './surveys.fixture.js';

/*
 * Every bad input of the issue over the API: a clear problem (application/problem+json) naming the
 * question — in Danish by default, in English when asked — and nothing written (no survey, question,
 * wave, invitee, response, draft, mail or audit row; no change of a wave or a survey). And no input
 * at all makes a route of the surveys' API answer 5xx.
 */

let t: TestApp;
let w: SurveyWorld;
const auth = new Map<string, { authorization: string }>();
let surveyId: string;
let waveId: string;
let otherWaveId: string;
let closedWaveId: string;
let n = 0;

type Problem = { code: string; title: string; status: number; errors?: { path: string; code: string; message: string }[] };
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

const call = (method: Method, url: string, who: Someone | null, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { ...(who ? auth.get(who.id) : {}), ...headers }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const respond = (wave: string, who: Someone | null, body: unknown, headers: Record<string, string> = {}) => call('POST', `/api/v1/survey-waves/${wave}/responses`, who, body, headers);

/** The answer is a problem of this status and code — on the field, when one is given — and the problem. */
function problem(res: LightMyRequestResponse, status: number, code: string, field?: string): Problem {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const p = res.json() as Problem;
  if (field) expect(p.errors, res.body).toContainEqual(expect.objectContaining({ path: field, code }));
  else expect(p.code, res.body).toBe(code);
  return p;
}
const messageOf = (p: Problem, field: string) => p.errors!.find((e) => e.path === field)!.message;

/** Everything a bad request could have written, as one value to compare before and after. */
async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(
    `select (select count(*) from surveys)::int as surveys, (select count(*) from survey_questions)::int as questions,
       (select count(*) from survey_waves)::int as waves, (select count(*) from survey_invitees)::int as invitees,
       (select count(*) from survey_invitees where answered)::int as answered, (select count(*) from survey_responses)::int as responses,
       (select count(*) from survey_drafts)::int as drafts, (select count(*) from mailings)::int as mailings,
       (select count(*) from audit_events where action <> 'view')::int as audits,
       (select md5(coalesce(string_agg(status || name || closes_at::text || array_to_string(reminders, ','), '|' order by id), '')) from survey_waves) as wave_state,
       (select md5(coalesce(string_agg(title::text || updated_at::text, '|' order by id), '')) from surveys) as survey_state`,
  );
  return JSON.stringify(r.rows[0]);
}

/** Runs the bad requests and shows that none of them wrote anything. */
async function nothingWritten(run: () => Promise<void>): Promise<void> {
  const before = await fingerprint();
  await run();
  expect(await fingerprint()).toBe(before);
}

const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function newSurvey(): Promise<string> {
  const res = await call('POST', '/api/v1/surveys', w.staff, { unitId: w.org.north, title: `Trivsel ${++n}`, anonymous: true, background: ['membership_type'], questions: QUESTIONS });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
async function newWave(survey: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await call('POST', `/api/v1/surveys/${survey}/waves`, w.staff, { opensAt: hours(-1), closesAt: hours(24 * 7), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
const surveyBody = (questions: unknown[], extra: Record<string, unknown> = {}) => ({ unitId: w.org.north, title: `Forkert ${++n}`, anonymous: true, questions, ...extra });

beforeAll(async () => {
  t = await testApp();
  w = await surveyWorld(t.database);
  for (const s of [...w.members, w.steward, w.staff, w.board, w.admin]) auth.set(s.id, await tokenOf(t.database, s.id));
  surveyId = await newSurvey();
  waveId = await newWave(surveyId, { name: 'Hovedrunden' });
  otherWaveId = await newWave(surveyId, { name: 'Anden runde' });
  closedWaveId = await newWave(surveyId, { name: 'Lukket runde' });
  expect((await call('POST', `/api/v1/survey-waves/${closedWaveId}/close`, w.staff)).statusCode).toBe(200);
}, 120_000);
afterAll(async () => t?.close());

describe('answers that do not fit their question', () => {
  it('a missing required answer names the question by its text, in Danish by default and in English when asked', async () => {
    await nothingWritten(async () => {
      const { satisfaction: _, ...rest } = answersFor(0);
      const da = problem(await respond(waveId, w.members[0], { answers: rest }), 422, 'survey.answer_required', 'answers.satisfaction');
      expect(messageOf(da, 'answers.satisfaction')).toBe('«Hvor tilfreds er du med dit arbejde?» skal besvares.');
      const en = problem(await respond(waveId, w.members[0], { answers: rest }, { 'accept-language': 'en' }), 422, 'survey.answer_required', 'answers.satisfaction');
      expect(messageOf(en, 'answers.satisfaction')).toBe('“How satisfied are you with your work?” must be answered.');
      // A required question with only Danish text: named in Danish in every language.
      const { workload: __, ...noWorkload } = answersFor(0);
      const other = problem(await respond(waveId, w.members[0], { answers: noWorkload }, { 'accept-language': 'en' }), 422, 'survey.answer_required', 'answers.workload');
      expect(messageOf(other, 'answers.workload')).toContain('Hvordan er din arbejdsbyrde?');
      // Nothing at all: each required question named, one problem.
      const none = problem(await respond(waveId, w.members[0], { answers: {} }), 422, 'survey.answer_required', 'answers.satisfaction');
      expect(none.errors!.map((e) => e.path)).toEqual(['answers.satisfaction', 'answers.workload']);
    });
  });

  it('a value outside the scale names the question and the scale’s ends; in a matrix, the statement', async () => {
    await nothingWritten(async () => {
      for (const value of [9, 0, 3.5, '6', -1]) {
        const p = problem(await respond(waveId, w.members[0], { answers: { ...answersFor(0), satisfaction: value } }), 422, 'survey.answer_outside_scale', 'answers.satisfaction');
        expect(messageOf(p, 'answers.satisfaction')).toBe('Svaret på «Hvor tilfreds er du med dit arbejde?» skal være et helt tal fra 1 til 5.');
      }
      const matrix = problem(await respond(waveId, w.members[0], { answers: { ...answersFor(0), climate: { respect: 0, voice: 3 } } }), 422, 'survey.answer_outside_scale', 'answers.climate.respect');
      expect(messageOf(matrix, 'answers.climate.respect')).toContain('«Hvor enig er du?»');
      problem(await respond(waveId, w.members[0], { answers: { ...answersFor(0), climate: { respect: 3, nobody: 2 } } }), 422, 'survey.answer_unknown_question', 'answers.climate.nobody');
      const hours = problem(await respond(waveId, w.members[0], { answers: { ...answersFor(0), hours: 200 } }), 422, 'survey.answer_outside_bounds', 'answers.hours');
      expect(messageOf(hours, 'answers.hours')).toBe('Svaret på «Hvor mange timer arbejder du om ugen?» skal ligge mellem 0 og 80.');
      problem(await respond(waveId, w.members[0], { answers: { ...answersFor(0), hours: 'mange' } }), 422, 'survey.answer_not_a_number', 'answers.hours');
    });
  });

  it('a value not among the options names the question, for a single and a multiple choice', async () => {
    await nothingWritten(async () => {
      const single = problem(await respond(waveId, w.members[0], { answers: { ...answersFor(0), workload: 'meget' } }), 422, 'survey.answer_not_an_option', 'answers.workload');
      expect(messageOf(single, 'answers.workload')).toBe('Svaret på «Hvordan er din arbejdsbyrde?» er ikke en af svarmulighederne.');
      problem(await respond(waveId, w.members[0], { answers: { ...answersFor(0), workload: ['passende'] } }), 422, 'survey.answer_not_an_option', 'answers.workload');
      const multiple = problem(await respond(waveId, w.members[0], { answers: { ...answersFor(0), priorities: ['pay', 'cars'] } }, { 'accept-language': 'en' }), 422, 'survey.answer_not_an_option', 'answers.priorities');
      expect(messageOf(multiple, 'answers.priorities')).toBe('The answer to “Hvad skal vi prioritere ved overenskomsten?” is not one of the choices.');
      problem(await respond(waveId, w.members[0], { answers: { ...answersFor(0), nonsense: 1 } }), 422, 'survey.answer_unknown_question', 'answers.nonsense');
      problem(await respond(waveId, w.members[0], { answers: { ...answersFor(0), comments: 5 } }), 422, 'survey.answer_not_text', 'answers.comments');
      problem(await respond(waveId, w.members[0], { answers: { ...answersFor(0), comments: 'x'.repeat(5001) } }), 422, 'survey.answer_too_long', 'answers.comments');
    });
  });
});

describe('a required free-text question', () => {
  it('answered with nothing but spaces is missing, not answered', async () => {
    const res = await call('POST', '/api/v1/surveys', w.staff, { unitId: w.org.north, title: `Fritekst ${++n}`, anonymous: true, questions: [{ key: 'why', type: 'text', text: 'Hvorfor har du svaret sådan?', required: true }] });
    expect(res.statusCode, res.body).toBe(201);
    const wave = await newWave(res.json().id);
    await nothingWritten(async () => {
      problem(await respond(wave, w.members[0], { answers: { why: '' } }), 422, 'survey.answer_required', 'answers.why');
      const blank = problem(await respond(wave, w.members[0], { answers: { why: '   \n ' } }), 422, 'survey.answer_required', 'answers.why');
      expect(messageOf(blank, 'answers.why')).toBe('«Hvorfor har du svaret sådan?» skal besvares.');
    });
  });
});

describe('answering at the wrong time, twice, or with the wrong link', () => {
  it('an answer after closing is refused as `survey.wave_closed`, signed in or by link, and a draft too', async () => {
    await nothingWritten(async () => {
      const p = problem(await respond(closedWaveId, w.members[0], { answers: answersFor(0) }), 409, 'survey.wave_closed');
      expect(p.title).toBe('Runden er lukket, så der kan ikke længere svares.');
      const token = await linkTokenOf(w, closedWaveId, w.members[1].id);
      problem(await respond(closedWaveId, null, { answers: answersFor(1), token }), 409, 'survey.wave_closed');
      problem(await call('PUT', `/api/v1/survey-waves/${closedWaveId}/draft`, w.members[1], { answers: { satisfaction: 3 } }), 409, 'survey.wave_closed');
    });
  });

  it('a second response is refused as `survey.already_answered`, however it comes', async () => {
    expect((await respond(waveId, w.members[5], { answers: answersFor(5) })).statusCode).toBe(201);
    await nothingWritten(async () => {
      problem(await respond(waveId, w.members[5], { answers: answersFor(6) }), 409, 'survey.already_answered');
      const token = await linkTokenOf(w, waveId, w.members[5].id);
      const p = problem(await respond(waveId, null, { answers: answersFor(7), token }, { 'accept-language': 'en' }), 409, 'survey.already_answered');
      expect(p.title).toBe('You have already answered this wave. Each person answers once.');
      problem(await call('PUT', `/api/v1/survey-waves/${waveId}/draft`, w.members[5], { answers: { satisfaction: 2 } }), 409, 'survey.already_answered');
    });
  });

  it('a link token of another wave is refused on `token`; a forged one reads as a link that does not work', async () => {
    const other = await linkTokenOf(w, otherWaveId, w.members[2].id);
    const genuine = await linkTokenOf(w, waveId, w.members[2].id);
    // The same ids signed with another key, a changed signature, a token for someone else's ids.
    const [payload, mac] = genuine.split('.');
    const flipped = `${payload}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    const [, otherMac] = other.split('.');
    const spliced = `${payload}.${otherMac}`;
    await nothingWritten(async () => {
      const p = problem(await respond(waveId, null, { answers: answersFor(2), token: other }), 422, 'survey.link_other_wave', 'token');
      expect(messageOf(p, 'token')).toBe('Linket hører til en anden runde end denne.');
      for (const token of [flipped, spliced, 'abc', `${payload}.`, genuine.toUpperCase()]) {
        const forged = problem(await respond(waveId, null, { answers: answersFor(2), token }), 404, 'survey.link_invalid');
        expect(forged.title).toContain('Linket virker ikke');
      }
      problem(await t.app.inject({ method: 'GET', url: `/api/v1/survey-waves/${waveId}/form?token=${encodeURIComponent(flipped)}` }), 404, 'survey.link_invalid');
      // Without a token and without signing in: 401.
      problem(await respond(waveId, null, { answers: answersFor(2) }), 401, 'auth.required');
    });
  });
});

describe('surveys and waves that cannot be', () => {
  it('a condition that refers to a later question names both questions', async () => {
    await nothingWritten(async () => {
      const res = await call('POST', '/api/v1/surveys', w.staff, surveyBody([{ key: 'why', type: 'text', text: 'Hvorfor?', condition: { key: 'happy' } }, { key: 'happy', type: 'scale', text: 'Er du glad?' }]));
      const p = problem(res, 422, 'survey.condition_later', 'questions.0.condition');
      expect(messageOf(p, 'questions.0.condition')).toBe('Betingelsen i «why» henviser til «happy», som kommer senere. Et spørgsmål kan kun afhænge af et tidligere.');
      // And on changing a survey.
      problem(await call('PATCH', `/api/v1/surveys/${surveyId}`, w.staff, { questions: [{ key: 'why', type: 'text', text: 'Hvorfor?', condition: { key: 'happy' } }, { key: 'happy', type: 'scale', text: 'Er du glad?' }] }), 422, 'survey.condition_later', 'questions.0.condition');
    });
  });

  it('a question key with spaces, a 0–7 scale, a choice without choices, a repeated key', async () => {
    await nothingWritten(async () => {
      const spaced = problem(await call('POST', '/api/v1/surveys', w.staff, surveyBody([{ key: 'min nøgle', type: 'text', text: 'Tekst' }])), 422, 'survey.key_format', 'questions.0.key');
      expect(messageOf(spaced, 'questions.0.key')).toContain('små bogstaver, tal og _');
      const scale = problem(await call('POST', '/api/v1/surveys', w.staff, surveyBody([{ key: 'mood', type: 'scale', text: 'Humør', min: 0, max: 7 }])), 422, 'survey.scale_ends', 'questions.0.max');
      expect(messageOf(scale, 'questions.0.max')).toBe('Skalaen i «mood» skal gå fra 1 til 5 eller fra 0 til 10.');
      const english = problem(await call('POST', '/api/v1/surveys', w.staff, surveyBody([{ key: 'mood', type: 'scale', text: 'Humør', min: 0, max: 7 }]), { 'accept-language': 'en' }), 422, 'survey.scale_ends', 'questions.0.max');
      expect(messageOf(english, 'questions.0.max')).toBe('The scale of “mood” must run from 1 to 5 or from 0 to 10.');
      problem(await call('POST', '/api/v1/surveys', w.staff, surveyBody([{ key: 'pick', type: 'single', text: 'Vælg', options: ['Kun én'] }])), 422, 'survey.options_needed', 'questions.0.options');
      problem(await call('POST', '/api/v1/surveys', w.staff, surveyBody([{ key: 'a', type: 'text', text: 'A' }, { key: 'a', type: 'text', text: 'B' }])), 422, 'survey.key_taken', 'questions.1.key');
      problem(await call('POST', '/api/v1/surveys', w.staff, surveyBody([])), 422, 'validation.too_few', 'questions');
    });
  });

  it('a wave closing before it opens names `closesAt`; reminders outside the wave name the reminder', async () => {
    await nothingWritten(async () => {
      const before = problem(await call('POST', `/api/v1/surveys/${surveyId}/waves`, w.staff, { opensAt: hours(48), closesAt: hours(24) }), 422, 'survey.closes_before_opens', 'closesAt');
      expect(messageOf(before, 'closesAt')).toBe('Lukketidspunktet skal være efter åbningen.');
      problem(await call('POST', `/api/v1/surveys/${surveyId}/waves`, w.staff, { opensAt: hours(24), closesAt: hours(24) }), 422, 'survey.closes_before_opens', 'closesAt');
      const reminder = problem(await call('POST', `/api/v1/surveys/${surveyId}/waves`, w.staff, { opensAt: hours(24), closesAt: hours(72), reminders: [hours(48), hours(100)] }), 422, 'survey.reminder_outside', 'reminders.1');
      expect(messageOf(reminder, 'reminders.1')).toBe('En påmindelse skal ligge mellem åbning og lukning.');
      problem(await call('POST', `/api/v1/surveys/${surveyId}/waves`, w.staff, { opensAt: hours(24), closesAt: hours(72), reminders: [hours(12)] }), 422, 'survey.reminder_outside', 'reminders.0');
      problem(await call('POST', `/api/v1/surveys/${surveyId}/waves`, w.staff, { opensAt: hours(24), closesAt: hours(72), reminders: [hours(30), hours(40), hours(50)] }), 422, 'validation.too_many', 'reminders');
      problem(await call('POST', `/api/v1/surveys/${surveyId}/waves`, w.staff, { opensAt: hours(-48), closesAt: hours(-24) }), 422, 'survey.closes_in_past', 'closesAt');
      problem(await call('POST', `/api/v1/surveys/${surveyId}/waves`, w.staff, { opensAt: '2026-13-01T10:00:00Z', closesAt: hours(24) }), 422, 'validation.invalid_datetime', 'opensAt');
      problem(await call('POST', `/api/v1/surveys/${surveyId}/waves`, w.staff, { opensAt: '2026-05-01T10:00:00', closesAt: hours(24) }), 422, 'validation.invalid_datetime', 'opensAt');
      problem(await call('POST', `/api/v1/surveys/${surveyId}/waves`, w.staff, { opensAt: hours(1), closesAt: hours(24), segmentId: '00000000-0000-4000-8000-000000000000' }), 422, 'survey.segment_unknown', 'segmentId');
      // On an open wave: a reminder after the closing, a closing before the opening or in the past.
      problem(await call('PATCH', `/api/v1/survey-waves/${waveId}`, w.staff, { reminders: [hours(24 * 30)] }), 422, 'survey.reminder_outside', 'reminders.0');
      problem(await call('PATCH', `/api/v1/survey-waves/${waveId}`, w.staff, { closesAt: hours(-2) }), 422, 'survey.closes_before_opens', 'closesAt');
      problem(await call('PATCH', `/api/v1/survey-waves/${waveId}`, w.staff, { closesAt: hours(-0.5) }), 422, 'survey.closes_in_past', 'closesAt');
      problem(await call('PATCH', `/api/v1/survey-waves/${waveId}`, w.staff, { opensAt: hours(1) }), 422, 'validation.unknown_field', 'opensAt');
    });
  });

  it('changing a question a wave has asked is refused: it must come under a new key', async () => {
    await nothingWritten(async () => {
      const changed = QUESTIONS.map((q) => (q.key === 'workload' ? { ...q, options: [...q.options, 'Alt for høj'] } : q));
      const p = problem(await call('PATCH', `/api/v1/surveys/${surveyId}`, w.staff, { questions: changed }), 422, 'survey.question_in_use', 'questions.1.key');
      expect(messageOf(p, 'questions.1.key')).toContain('«Hvordan er din arbejdsbyrde?»');
      problem(await call('PATCH', `/api/v1/surveys/${surveyId}`, w.staff, { anonymous: false }), 422, 'survey.fixed_after_opening', 'anonymous');
    });
  });
});

describe('results', () => {
  it('results for a group under the threshold are refused, naming the smallest group; an undeclared variable too', async () => {
    // Ten more answers: with member 5's before, nine of the first membership type (members 0–8) and two of the other (10, 11).
    for (const i of [0, 1, 2, 3, 4, 6, 7, 8, 10, 11]) expect((await respond(waveId, w.members[i], { answers: answersFor(i) })).statusCode).toBe(201);
    await nothingWritten(async () => {
      const small = problem(await call('GET', `/api/v1/survey-waves/${waveId}/results?membershipType=${w.otherTypeId}`, w.staff), 422, 'survey.group_too_small', 'membershipType');
      expect(messageOf(small, 'membershipType')).toBe('Gruppen har færre end 5 svar, så resultatet vises ikke (ingen må kunne genkendes).');
      problem(await call('GET', `/api/v1/survey-waves/${waveId}/results?membershipType=00000000-0000-4000-8000-000000000000`, w.staff), 422, 'survey.group_too_small', 'membershipType');
      problem(await call('GET', `/api/v1/survey-waves/${waveId}/results?unit=${w.org.north}`, w.staff), 422, 'survey.filter_not_declared', 'unit');
      problem(await call('GET', `/api/v1/survey-waves/${waveId}/results?membershipType=nope`, w.staff), 422, 'validation.invalid_id', 'membershipType');
      problem(await call('GET', `/api/v1/survey-waves/${waveId}/results?colour=red`, w.staff), 422, 'validation.unknown_field', 'colour');
      const trend = problem(await call('GET', `/api/v1/surveys/${surveyId}/trend?question=nobody`, w.staff), 422, 'survey.question_unknown', 'question');
      expect(messageOf(trend, 'question')).toBe('Spørgsmålet «nobody» findes ikke i undersøgelsen.');
      problem(await call('GET', `/api/v1/surveys/${surveyId}/trend`, w.staff), 422, 'validation.required', 'question');
    });
    // The whole group is big enough.
    expect((await call('GET', `/api/v1/survey-waves/${waveId}/results?membershipType=${w.typeId}`, w.staff)).json()).toMatchObject({ responses: 9 });
  });
});

describe('bodies that are not what the API takes', () => {
  it('malformed JSON is a 400 problem, on answering and on building', async () => {
    await nothingWritten(async () => {
      for (const url of [`/api/v1/survey-waves/${waveId}/responses`, '/api/v1/surveys', `/api/v1/surveys/${surveyId}/waves`]) {
        const res = await t.app.inject({ method: 'POST', url, headers: { ...auth.get(w.members[9].id), 'content-type': 'application/json' }, payload: '{"answers": {"satisfaction": 4,' });
        problem(res, 400, 'request.invalid_json');
      }
      const put = await t.app.inject({ method: 'PUT', url: `/api/v1/survey-waves/${waveId}/draft`, headers: { ...auth.get(w.members[9].id), 'content-type': 'application/json' }, payload: 'answers=1' });
      problem(put, 400, 'request.invalid_json');
    });
  });

  it('unknown fields are named, on every body', async () => {
    await nothingWritten(async () => {
      problem(await respond(waveId, w.members[9], { answers: answersFor(9), personId: w.members[0].id }), 422, 'validation.unknown_field', 'personId');
      problem(await call('POST', '/api/v1/surveys', w.staff, surveyBody([QUESTIONS[0]], { colour: 'red' })), 422, 'validation.unknown_field', 'colour');
      problem(await call('POST', `/api/v1/surveys/${surveyId}/waves`, w.staff, { opensAt: hours(1), closesAt: hours(24), audience: 'all' }), 422, 'validation.unknown_field', 'audience');
      problem(await call('PATCH', `/api/v1/surveys/${surveyId}`, w.staff, { owner: 'me' }), 422, 'validation.unknown_field', 'owner');
      problem(await respond(waveId, w.members[9], { answer: answersFor(9) }), 422, 'validation.unknown_field', 'answer');
      problem(await respond(waveId, w.members[9], { answers: 'alle' }), 422, 'validation.invalid_type', 'answers');
    });
  });

  it('an unknown field inside a question names where it is: the question, not only the key', async () => {
    await nothingWritten(async () => {
      const q = problem(await call('POST', '/api/v1/surveys', w.staff, surveyBody([QUESTIONS[0], { ...QUESTIONS[1], weight: 2 }])), 422, 'validation.unknown_field', 'questions.1.weight');
      expect(messageOf(q, 'questions.1.weight')).toContain('weight');
      problem(await call('POST', `/api/v1/surveys/${surveyId}/waves`, w.staff, { opensAt: hours(1), closesAt: hours(24), invitation: { subject: 'Hej', body: 'Svar', from: 'x' } }), 422, 'validation.unknown_field', 'invitation.from');
    });
  });

  it('no body, however wrong, makes any route of the surveys’ API answer 5xx', async () => {
    const garbage: unknown[] = [
      null,
      [],
      'text',
      42,
      { nonsense: true },
      { answers: null },
      { answers: { satisfaction: { a: 1 }, workload: ['x', 'y'], priorities: 'pay', climate: [1, 2], hours: {}, comments: ['x'] }, token: 'x'.repeat(150) },
      { answers: { satisfaction: 1e300, hours: -1e300, climate: { respect: '3', voice: null } } },
      { title: { da: '' }, anonymous: 'yes', questions: [{ key: 'a', type: 'matrix', text: 'A', statements: [] }], minGroup: 2 },
      { title: 'x', anonymous: true, questions: [{ key: 'a', type: 'single', text: 'A', options: [{ value: 'x', label: 'X' }, { value: 'x', label: 'Y' }], condition: { key: 'a', values: [] } }] },
      { opensAt: '9999-12-31T23:59:59Z', closesAt: '0000-01-01T00:00:00Z', reminders: ['nope'], segmentId: 'x' },
      { opensAt: 1, closesAt: true, name: '' },
      { questions: [{ key: 'hours', type: 'number', text: 'T', min: 10, max: 5 }] },
    ];
    // A survey and waves of its own: the sweep may close a wave (the close route takes no body).
    const sweepSurvey = await newSurvey();
    const sweepWave = await newWave(sweepSurvey);
    const routes = registeredRoutes(t.app, (p) => p.startsWith('/api/v1/surveys') || p.startsWith('/api/v1/survey-waves') || p.startsWith('/api/v1/me/survey-waves'));
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const wrong: string[] = [];
    const queries = ['', '?token=abc', '?question=a%20b', '?membershipType=x&unit=y', '?archived=maybe'];
    for (const r of routes) {
      for (const id of ['not-a-uuid', sweepSurvey, sweepWave, closedWaveId]) {
        const url = r.path.replace(':id', id).replace(':workplaceId', id === sweepWave ? w.workplaceId : 'x');
        for (const who of [w.staff, w.members[9], null]) {
          for (const body of r.method === 'GET' ? queries : garbage) {
            const get = r.method === 'GET';
            const res = await t.app.inject({ method: r.method as Method, url: get ? `${url}${body as string}` : url, headers: { ...(who ? auth.get(who.id) : {}), ...(get ? {} : { 'content-type': 'application/json' }) }, ...(get ? {} : { payload: JSON.stringify(body) }) });
            const label = `${r.method} ${url} ${get ? body : JSON.stringify(body)?.slice(0, 60)} as ${who?.name ?? 'nobody'}`;
            if (res.statusCode >= 500) wrong.push(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
            else if (res.statusCode >= 400 && !String(res.headers['content-type']).includes('application/problem+json')) wrong.push(`${label}: ${res.statusCode} not problem+json`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 180_000);
});
