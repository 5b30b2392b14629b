import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sql, type SQL } from 'drizzle-orm';
import { system } from '../../platform/actor.js';
import { queryRows } from '../../platform/db/database.js';
import { testApp, type TestApp } from '../../test/app.js';
import { createSegment, segmentInput } from '../segments/index.js';
import { answersFor, linkTokenOf, QUESTIONS, surveyWorld, tokenOf, type Someone, type SurveyWorld } from './surveys.fixture.js';

/*
 * The surveys' API as an integration uses it, with personal bearer tokens: the contract's paths,
 * bodies and status codes from building a survey to its trend across three waves, answering as the
 * signed-in person and with the personal link's token alone, results against hand-counted answers,
 * changing a survey and a wave, closing, the form and the draft, the CSV with and without person
 * columns (and its export audited), the member's own open waves and the steward's workplace rate.
 * Every refusal is application/problem+json. Bad input and the permission matrix have their own files.
 */

let t: TestApp;
let w: SurveyWorld;
const auth = new Map<string, { authorization: string }>();
let n = 0;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
const call = (method: Method, url: string, who: Someone | null, payload?: unknown, lang = 'da') =>
  t.app.inject({ method, url, headers: { ...(who ? auth.get(who.id) : {}), 'accept-language': lang }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

/** A refusal: its status, problem+json, and its code (the problem's own or a field's). */
function problem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const p = res.json() as { code: string; errors?: { path: string; code: string; message: string }[] };
  expect(p.code === code || p.errors?.some((e) => e.code === code), res.body).toBe(true);
  return p;
}

const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const rows = <T>(q: SQL) => queryRows<T>(t.database.db, q);

/** A survey of the north built over the API (the fixture's questions: one of each type). */
async function surveyViaApi(overrides: Record<string, unknown> = {}): Promise<{ id: string }> {
  const res = await call('POST', '/api/v1/surveys', w.staff, { unitId: w.org.north, title: `Trivsel ${++n}`, anonymous: true, background: ['unit', 'membership_type', 'workplace_kind'], questions: QUESTIONS, ...overrides });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A wave opening now (an hour ago) for the survey's whole unit, over the API. */
async function waveViaApi(surveyId: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; status: string; invitees: number }> {
  const res = await call('POST', `/api/v1/surveys/${surveyId}/waves`, w.staff, { opensAt: hours(-1), closesAt: hours(24 * 7), ...overrides });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function answer(waveId: string, who: Someone, answers: Record<string, unknown>) {
  const res = await call('POST', `/api/v1/survey-waves/${waveId}/responses`, who, { answers });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  t = await testApp();
  w = await surveyWorld(t.database);
  for (const s of [...w.members, w.memberElsewhere, w.steward, w.staff, w.staffElsewhere, w.board, w.boardElsewhere, w.admin, w.outsider]) auth.set(s.id, await tokenOf(t.database, s.id));
}, 120_000);
afterAll(async () => t?.close());

describe('building a survey', () => {
  it('POST /api/v1/surveys takes the contract’s body and answers 201 with the survey, its questions and no waves', async () => {
    // The body as it stands: no unit (staff of one district build for it), plain Danish texts.
    const res = await call('POST', '/api/v1/surveys', w.staff, {
      title: 'Arbejdsmiljø 2026',
      anonymous: true,
      questions: [
        { key: 'satisfaction', type: 'scale', text: 'Hvor tilfreds er du med dit arbejde?', required: true },
        { key: 'workload', type: 'single', text: 'Hvordan er din arbejdsbyrde?', options: ['For lav', 'Passende', 'For høj'], required: true },
        { key: 'comments', type: 'text', text: 'Andre kommentarer', required: false },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({
      unitId: w.org.north,
      unitName: 'Kreds Nord',
      title: { da: 'Arbejdsmiljø 2026' },
      anonymous: true,
      background: [],
      minGroup: 5,
      archived: false,
      waves: [],
      retiredQuestions: [],
    });
    expect(s.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.questions).toEqual([
      expect.objectContaining({ key: 'satisfaction', type: 'scale', text: { da: 'Hvor tilfreds er du med dit arbejde?' }, required: true, min: 1, max: 5, position: 1 }),
      expect.objectContaining({
        key: 'workload',
        type: 'single',
        required: true,
        options: [
          { value: 'for-lav', label: { da: 'For lav' } },
          { value: 'passende', label: { da: 'Passende' } },
          { value: 'for-hoej', label: { da: 'For høj' } },
        ],
      }),
      expect.objectContaining({ key: 'comments', type: 'text', required: false }),
    ]);
    // Read back, and in the list of the north's surveys for its board.
    expect((await call('GET', `/api/v1/surveys/${s.id}`, w.board)).json()).toMatchObject({ id: s.id, questions: [{ key: 'satisfaction' }, { key: 'workload' }, { key: 'comments' }] });
    const list = (await call('GET', '/api/v1/surveys', w.board)).json().items as { id: string; questionCount: number }[];
    expect(list.find((x) => x.id === s.id)).toMatchObject({ questionCount: 3 });
    expect(((await call('GET', '/api/v1/surveys', w.boardElsewhere)).json().items as { id: string }[]).map((x) => x.id)).not.toContain(s.id);
  });

  it('keeps every question type, texts in three languages, the condition and the declared background', async () => {
    const s = (await call('GET', `/api/v1/surveys/${(await surveyViaApi()).id}`, w.staff)).json();
    expect(s.questions.map((q: { key: string }) => q.key)).toEqual(QUESTIONS.map((q) => q.key));
    expect(s.background).toEqual(['unit', 'membership_type', 'workplace_kind']);
    const byKey = Object.fromEntries(s.questions.map((q: { key: string }) => [q.key, q]));
    expect(byKey.satisfaction).toMatchObject({ text: { da: 'Hvor tilfreds er du med dit arbejde?', sv: 'Hur nöjd är du med ditt arbete?', en: 'How satisfied are you with your work?' }, section: { da: 'Dit arbejde' }, minLabel: { da: 'Meget utilfreds' } });
    expect(byKey.workload_why.condition).toEqual({ key: 'workload', values: ['for-hoej'] });
    expect(byKey.climate.statements).toEqual([
      { key: 'respect', label: { da: 'Vi behandler hinanden med respekt' } },
      { key: 'voice', label: { da: 'Jeg bliver hørt' } },
    ]);
    expect(byKey.hours).toMatchObject({ type: 'number', min: 0, max: 80 });
  });
});

describe('waves', () => {
  it('POST /api/v1/surveys/{id}/waves with an opening that has come opens at once: its invitees frozen, invited by mail', async () => {
    const s = await surveyViaApi();
    const res = await call('POST', `/api/v1/surveys/${s.id}/waves`, w.staff, { opensAt: hours(-1), closesAt: hours(24 * 14) });
    expect(res.statusCode, res.body).toBe(201);
    const wave = res.json();
    // Twelve members of the north and its steward; not the south's member, not staff or board.
    expect(wave).toMatchObject({ surveyId: s.id, status: 'open', invitees: 13, responses: 0, rate: 0, segmentId: null, reminders: [], remindersSent: 0, questionKeys: QUESTIONS.map((q) => q.key) });
    expect(wave.invitationMailingId).toMatch(/^[0-9a-f-]{36}$/);
    const invited = await rows<{ personId: string }>(sql`select person_id as "personId" from survey_invitees where wave_id = ${wave.id}::uuid`);
    expect(invited.map((r) => r.personId).sort()).toEqual([...w.members.map((m) => m.id), w.steward.id].sort());
    expect((await call('GET', `/api/v1/survey-waves/${wave.id}`, w.board)).json()).toMatchObject({ id: wave.id, status: 'open', invitees: 13 });
    // The survey lists the wave.
    expect((await call('GET', `/api/v1/surveys/${s.id}`, w.staff)).json().waves).toEqual([expect.objectContaining({ id: wave.id, status: 'open', invitees: 13, responses: 0 })]);
  });

  it('a wave for a segment asks only the segment’s members', async () => {
    const seg = await createSegment(t.database.db, system, segmentInput.parse({ name: `Solsikken ${++n}`, unitId: w.org.north, filter: { conditions: [{ field: 'workplace', values: [w.workplaceId] }] } }));
    if (!seg.ok) throw new Error(JSON.stringify(seg));
    const s = await surveyViaApi();
    const wave = await waveViaApi(s.id, { segmentId: seg.segment.id });
    expect(wave).toMatchObject({ status: 'open', invitees: 9, segmentId: seg.segment.id });
    const invited = await rows<{ personId: string }>(sql`select person_id as "personId" from survey_invitees where wave_id = ${wave.id}::uuid`);
    expect(invited.map((r) => r.personId).sort()).toEqual([...w.members.slice(0, 8).map((m) => m.id), w.steward.id].sort());
    // A member of the north outside the segment is not asked: their answer is refused as if the wave were not there.
    problem(await call('POST', `/api/v1/survey-waves/${wave.id}/responses`, w.members[9], { answers: answersFor(9) }), 404, 'http.not_found');
  });

  it('a wave opening later is scheduled, with nobody invited yet', async () => {
    const s = await surveyViaApi();
    const wave = await waveViaApi(s.id, { opensAt: hours(24), closesAt: hours(24 * 8), name: 'Efterår' });
    expect(wave).toMatchObject({ status: 'scheduled', invitees: 0, name: 'Efterår', invitationMailingId: null });
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from survey_invitees where wave_id = ${wave.id}::uuid`))[0].n).toBe(0);
  });
});

describe('answering', () => {
  it('POST /api/v1/survey-waves/{id}/responses: as the signed-in person, and with only the personal link’s token', async () => {
    const s = await surveyViaApi();
    const wave = await waveViaApi(s.id);
    const signedIn = await call('POST', `/api/v1/survey-waves/${wave.id}/responses`, w.members[0], { answers: answersFor(0) });
    expect(signedIn.statusCode, signedIn.body).toBe(201);
    expect(signedIn.json()).toEqual({ accepted: true, anonymous: true });
    const token = await linkTokenOf(w, wave.id, w.members[1].id);
    const viaLink = await t.app.inject({ method: 'POST', url: `/api/v1/survey-waves/${wave.id}/responses`, payload: { answers: answersFor(1), token } });
    expect(viaLink.statusCode, viaLink.body).toBe(201);
    expect(viaLink.json()).toEqual({ accepted: true, anonymous: true });
    // Two responses without a person; the two who answered are marked, nobody else.
    const held = await rows<{ personId: string | null }>(sql`select person_id as "personId" from survey_responses where wave_id = ${wave.id}::uuid`);
    expect(held).toEqual([{ personId: null }, { personId: null }]);
    const answered = await rows<{ personId: string }>(sql`select person_id as "personId" from survey_invitees where wave_id = ${wave.id}::uuid and answered`);
    expect(answered.map((r) => r.personId).sort()).toEqual([w.members[0].id, w.members[1].id].sort());
    expect((await call('GET', `/api/v1/survey-waves/${wave.id}`, w.staff)).json()).toMatchObject({ responses: 2, invitees: 13, rate: 2 / 13 });
  });

  it('keeps the person on a response to a survey that is not anonymous, and says so', async () => {
    const s = await surveyViaApi({ anonymous: false });
    const wave = await waveViaApi(s.id);
    const res = await call('POST', `/api/v1/survey-waves/${wave.id}/responses`, w.members[2], { answers: answersFor(2) });
    expect(res.json()).toEqual({ accepted: true, anonymous: false });
    expect(await rows(sql`select person_id as "personId" from survey_responses where wave_id = ${wave.id}::uuid`)).toEqual([{ personId: w.members[2].id }]);
  });

  it('the form and the draft: GET …/form, PUT …/draft, then the response deletes the draft', async () => {
    const s = await surveyViaApi();
    const wave = await waveViaApi(s.id);
    const me = w.members[3];
    const form = await call('GET', `/api/v1/survey-waves/${wave.id}/form`, me);
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toMatchObject({ waveId: wave.id, title: { da: expect.stringMatching(/^Trivsel/) }, anonymous: true, state: 'open', answered: false, draft: {} });
    expect(form.json().questions.map((q: { key: string }) => q.key)).toEqual(QUESTIONS.map((q) => q.key));

    expect((await call('PUT', `/api/v1/survey-waves/${wave.id}/draft`, me, { answers: { satisfaction: 3, workload: 'passende' } })).json()).toEqual({ saved: true });
    // A draft need not hold the required answers, but what it holds is checked.
    problem(await call('PUT', `/api/v1/survey-waves/${wave.id}/draft`, me, { answers: { satisfaction: 6 } }), 422, 'survey.answer_outside_scale');
    expect((await call('GET', `/api/v1/survey-waves/${wave.id}/form`, me)).json().draft).toEqual({ satisfaction: 3, workload: 'passende' });
    // The personal link's token opens the same form without signing in.
    const token = await linkTokenOf(w, wave.id, me.id);
    const viaLink = await t.app.inject({ method: 'GET', url: `/api/v1/survey-waves/${wave.id}/form?token=${encodeURIComponent(token)}` });
    expect(viaLink.json()).toMatchObject({ waveId: wave.id, draft: { satisfaction: 3, workload: 'passende' } });

    const mine = (await call('GET', '/api/v1/me/survey-waves', me)).json().items as Record<string, unknown>[];
    expect(mine.find((x) => x.waveId === wave.id)).toMatchObject({ answered: false, hasDraft: true, surveyTitle: { da: expect.stringMatching(/^Trivsel/) } });

    await answer(wave.id, me, answersFor(3));
    expect((await call('GET', `/api/v1/survey-waves/${wave.id}/form`, me)).json()).toMatchObject({ answered: true, draft: {} });
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from survey_drafts where wave_id = ${wave.id}::uuid`))[0].n).toBe(0);
    expect(((await call('GET', '/api/v1/me/survey-waves', me)).json().items as Record<string, unknown>[]).find((x) => x.waveId === wave.id)).toMatchObject({ answered: true, hasDraft: false });
  });

  it('GET /api/v1/me/survey-waves lists the open waves the caller is invited to, and only those', async () => {
    const s = await surveyViaApi();
    const open = await waveViaApi(s.id, { name: 'Åben runde' });
    const later = await waveViaApi(s.id, { opensAt: hours(48), closesAt: hours(24 * 9), name: 'Senere runde' });
    const items = (await call('GET', '/api/v1/me/survey-waves', w.members[4])).json().items as { waveId: string; waveName: string; closesAt: string; answered: boolean }[];
    const found = items.find((x) => x.waveId === open.id)!;
    expect(found).toMatchObject({ waveName: 'Åben runde', answered: false });
    expect(new Date(found.closesAt).getTime()).toBeGreaterThan(Date.now());
    expect(items.map((x) => x.waveId)).not.toContain(later.id);
    // Neither the south's member nor staff is invited to the north's wave.
    for (const who of [w.memberElsewhere, w.staff]) expect(((await call('GET', '/api/v1/me/survey-waves', who)).json().items as { waveId: string }[]).map((x) => x.waveId)).not.toContain(open.id);
    problem(await call('GET', '/api/v1/me/survey-waves', null), 401, 'auth.required');
  });
});

describe('results', () => {
  it('GET /api/v1/survey-waves/{id}/results: `{ responses, rate, questions: [{ key, counts }] }` against hand-counted answers', async () => {
    const s = await surveyViaApi();
    const wave = await waveViaApi(s.id);
    // Twelve of the thirteen invitees answer (the steward does not):
    //   satisfaction 5 ×6, 4 ×5, 2 ×1 → "2" is under five and alone, so the next smallest ("4") is hidden with it; mean 52/12
    //   workload passende ×7, for-hoej ×5; workload_why (shown after for-hoej) ×5
    //   priorities: pay+pension ×6, hours ×6; climate.respect 3 ×6, 4 ×6; climate.voice ×3 only
    //   hours 30 ×6, 37 ×6; comments ×4 only (under five: no texts shown)
    for (let i = 0; i < 12; i++) {
      await answer(wave.id, w.members[i], {
        satisfaction: i < 6 ? 5 : i < 11 ? 4 : 2,
        workload: i < 7 ? 'passende' : 'for-hoej',
        ...(i >= 7 ? { workload_why: `Grund ${i}` } : {}),
        priorities: i % 2 === 0 ? ['pay', 'pension'] : ['hours'],
        climate: { respect: i < 6 ? 3 : 4, ...(i < 3 ? { voice: 5 } : {}) },
        hours: i < 6 ? 30 : 37,
        ...(i < 4 ? { comments: `Kommentar ${i}` } : {}),
      });
    }
    const res = await call('GET', `/api/v1/survey-waves/${wave.id}/results`, w.board);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ responses: 12, invitees: 13, minGroup: 5, suppressed: false });
    expect(r.rate).toBeCloseTo(12 / 13, 10);
    const q = (key: string) => r.questions.find((x: { key: string }) => x.key === key);
    expect(r.questions.map((x: { key: string }) => x.key)).toEqual(QUESTIONS.map((x) => x.key));
    expect(q('satisfaction')).toMatchObject({ answered: 12, counts: { 1: 0, 2: null, 3: 0, 4: null, 5: 6 }, shares: { 5: 0.5, 2: null, 4: null } });
    expect(q('satisfaction').mean).toBeCloseTo(52 / 12, 10);
    expect(q('workload')).toMatchObject({ answered: 12, counts: { 'for-lav': 0, passende: 7, 'for-hoej': 5 } });
    expect(q('workload').shares.passende).toBeCloseTo(7 / 12, 10);
    expect(q('workload_why').answered).toBe(5);
    expect([...q('workload_why').texts].sort()).toEqual(['Grund 10', 'Grund 11', 'Grund 7', 'Grund 8', 'Grund 9']);
    expect(q('priorities')).toMatchObject({ answered: 12, counts: { pay: 6, hours: 6, pension: 6 }, shares: { pay: 0.5, hours: 0.5, pension: 0.5 } });
    expect(q('climate')).toMatchObject({ answered: 12, counts: { respect: { 1: 0, 2: 0, 3: 6, 4: 6, 5: 0 }, voice: { 1: null, 2: null, 3: null, 4: null, 5: null } }, mean: { respect: 3.5, voice: null } });
    expect(q('hours')).toMatchObject({ answered: 12, counts: { 30: 6, 37: 6 }, mean: 33.5, median: 33.5 });
    expect(q('comments')).toMatchObject({ answered: null, texts: null });
    // The filters the declared background offers: everyone shares the north and the municipality; two have the other type.
    expect(r.filters.unit).toEqual([{ value: w.org.north, responses: 12, enough: true }]);
    expect(r.filters.membershipType).toEqual(expect.arrayContaining([{ value: w.typeId, responses: 10, enough: true }, { value: w.otherTypeId, responses: 2, enough: false }]));

    // A filter by a declared variable: the ten of the first membership type, without a rate (invitees have no background).
    const filtered = (await call('GET', `/api/v1/survey-waves/${wave.id}/results?membershipType=${w.typeId}`, w.staff)).json();
    expect(filtered).toMatchObject({ responses: 10, rate: null, filter: { membershipType: w.typeId } });
    // Members 0..9: satisfaction 5 ×6, 4 ×4 → "4" alone under five, hidden with nothing left to hide but "5".
    expect(filtered.questions.find((x: { key: string }) => x.key === 'satisfaction').counts).toEqual({ 1: 0, 2: 0, 3: 0, 4: null, 5: null });
  });

  it('GET /api/v1/surveys/{id}/trend?question=KEY follows the question across three waves, hand-counted', async () => {
    const s = await surveyViaApi();
    // Spring: 5 × "4" (mean 4). Autumn: 5 × "5" and one "3" (3 is hidden, and 5 with it; mean 28/6). Winter: 5 × "1", 5 × "5" (mean 3).
    const plan: [string, number[]][] = [
      ['Forår', [4, 4, 4, 4, 4]],
      ['Efterår', [5, 5, 5, 5, 5, 3]],
      ['Vinter', [1, 1, 1, 1, 1, 5, 5, 5, 5, 5]],
    ];
    for (const [k, [name, values]] of plan.entries()) {
      const wave = await waveViaApi(s.id, { name, opensAt: hours(-3 + k) });
      for (const [i, v] of values.entries()) await answer(wave.id, w.members[i], { satisfaction: v, workload: 'passende' });
      const closed = await call('POST', `/api/v1/survey-waves/${wave.id}/close`, w.staff);
      expect(closed.json()).toMatchObject({ id: wave.id, status: 'closed', responses: values.length });
    }
    const res = await call('GET', `/api/v1/surveys/${s.id}/trend?question=satisfaction`, w.board);
    expect(res.statusCode, res.body).toBe(200);
    const trend = res.json();
    expect(trend.question).toMatchObject({ key: 'satisfaction', type: 'scale' });
    expect(trend.waves.map((p: { name: string }) => p.name)).toEqual(['Forår', 'Efterår', 'Vinter']);
    expect(trend.waves.map((p: { responses: number }) => p.responses)).toEqual([5, 6, 10]);
    expect(trend.waves[0]).toMatchObject({ mean: 4, counts: { 1: 0, 2: 0, 3: 0, 4: 5, 5: 0 }, shares: { 4: 1 } });
    expect(trend.waves[1].counts).toEqual({ 1: 0, 2: 0, 3: null, 4: 0, 5: null });
    expect(trend.waves[1].mean).toBeCloseTo(28 / 6, 10);
    expect(trend.waves[2]).toMatchObject({ mean: 3, counts: { 1: 5, 2: 0, 3: 0, 4: 0, 5: 5 }, shares: { 1: 0.5, 5: 0.5 } });
    expect(trend.waves.every((p: { opensAt: string }) => !Number.isNaN(Date.parse(p.opensAt)))).toBe(true);
    // A choice question's trend has counts and shares, no mean.
    const workload = (await call('GET', `/api/v1/surveys/${s.id}/trend?question=workload`, w.staff)).json();
    expect(workload.waves.map((p: { counts: Record<string, number> }) => p.counts.passende)).toEqual([5, 6, 10]);
  });
});

describe('changing and closing', () => {
  it('PATCH /api/v1/surveys/{id} changes the title and the questions; after a wave, a question left out is retired', async () => {
    const s = await surveyViaApi();
    const renamed = await call('PATCH', `/api/v1/surveys/${s.id}`, w.staff, { title: { da: 'Trivsel i kredsen', en: 'Well-being in the district' }, minGroup: 7 });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ title: { da: 'Trivsel i kredsen', en: 'Well-being in the district' }, minGroup: 7 });
    // Before any wave a question may change freely.
    const changed = QUESTIONS.map((q) => (q.key === 'workload' ? { ...q, text: 'Hvor travlt har du?' } : q));
    expect((await call('PATCH', `/api/v1/surveys/${s.id}`, w.staff, { questions: changed })).json().questions.find((q: { key: string }) => q.key === 'workload').text).toEqual({ da: 'Hvor travlt har du?' });
    await waveViaApi(s.id);
    const fewer = await call('PATCH', `/api/v1/surveys/${s.id}`, w.staff, { questions: [...changed.filter((q) => q.key !== 'hours'), { key: 'hours_2027', type: 'number', text: 'Hvor mange timer er du ansat til?', min: 0, max: 60 }] });
    expect(fewer.statusCode, fewer.body).toBe(200);
    const after = fewer.json();
    expect(after.questions.map((q: { key: string }) => q.key)).toEqual([...QUESTIONS.map((q) => q.key).filter((k) => k !== 'hours'), 'hours_2027']);
    expect(after.retiredQuestions.map((q: { key: string }) => q.key)).toEqual(['hours']);
    // The open wave still asks what it asked when it opened.
    expect(after.waves[0]).toMatchObject({ status: 'open' });
    const audits = await rows<{ action: string; fields: string[] }>(sql`select action, fields from audit_events where entity_type = 'survey' and entity_id = ${s.id} order by id`);
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update']);
  });

  it('PATCH /api/v1/survey-waves/{id} renames, moves the closing and sets reminders', async () => {
    const s = await surveyViaApi();
    const wave = await waveViaApi(s.id);
    const closesAt = hours(24 * 10);
    const reminder = hours(24 * 3);
    const res = await call('PATCH', `/api/v1/survey-waves/${wave.id}`, w.staff, { name: 'Trivsel 2026', closesAt, reminders: [reminder] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: wave.id, name: 'Trivsel 2026', closesAt: new Date(closesAt).toISOString(), reminders: [new Date(reminder).toISOString()], status: 'open' });
    expect((await call('GET', `/api/v1/survey-waves/${wave.id}`, w.board)).json()).toMatchObject({ name: 'Trivsel 2026', reminders: [new Date(reminder).toISOString()] });
  });

  it('POST /api/v1/survey-waves/{id}/close closes an open wave once; a scheduled wave is deleted', async () => {
    const s = await surveyViaApi();
    const wave = await waveViaApi(s.id);
    await answer(wave.id, w.members[0], answersFor(0));
    const closed = await call('POST', `/api/v1/survey-waves/${wave.id}/close`, w.staff);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ id: wave.id, status: 'closed', responses: 1 });
    problem(await call('POST', `/api/v1/survey-waves/${wave.id}/close`, w.staff), 409, 'survey.wave_closed');
    problem(await call('PATCH', `/api/v1/survey-waves/${wave.id}`, w.staff, { name: 'For sent' }), 409, 'survey.wave_closed');
    expect((await call('GET', `/api/v1/survey-waves/${wave.id}/form`, w.members[1])).json()).toMatchObject({ state: 'closed', answered: false });
    problem(await call('POST', `/api/v1/survey-waves/${wave.id}/responses`, w.members[1], { answers: answersFor(1) }), 409, 'survey.wave_closed');

    const later = await waveViaApi(s.id, { opensAt: hours(24), closesAt: hours(48) });
    expect((await call('POST', `/api/v1/survey-waves/${later.id}/close`, w.staff)).statusCode).toBe(200);
    problem(await call('GET', `/api/v1/survey-waves/${later.id}`, w.staff), 404, 'http.not_found');
  });
});

describe('the CSV of the answers', () => {
  const header = (csv: string) => csv.split(/\r?\n/)[0];
  const questionHeaders = 'Hvor tilfreds er du med dit arbejde?;Hvordan er din arbejdsbyrde?;Hvad gør arbejdsbyrden for høj?;Hvad skal vi prioritere ved overenskomsten?;Hvor enig er du? — Vi behandler hinanden med respekt;Hvor enig er du? — Jeg bliver hørt;Hvor mange timer arbejder du om ugen?;Andre kommentarer';

  it('an anonymous survey’s file has no person columns, and its export is audited', async () => {
    const s = await surveyViaApi();
    const wave = await waveViaApi(s.id);
    for (let i = 0; i < 6; i++) await answer(wave.id, w.members[i], answersFor(i));
    const res = await call('GET', `/api/v1/survey-waves/${wave.id}/export.csv`, w.staff);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment;.*\.csv/);
    expect(header(res.body)).toBe(`\ufeffKreds;Medlemstype;Type arbejdsplads;${questionHeaders}`);
    const lines = res.body.trim().split(/\r?\n/);
    expect(lines).toHaveLength(7);
    // Six answers share the north and the municipality: those categories are filled in.
    expect(lines.slice(1).every((l) => l.startsWith('Kreds Nord;'))).toBe(true);
    for (const m of w.members.slice(0, 6)) expect(res.body).not.toContain(m.name);
    const numbers = await rows<{ n: string }>(sql`select member_number as n from memberships where person_id in ${w.members.slice(0, 6).map((m) => m.id)}`);
    for (const { n: number } of numbers) expect(res.body).not.toContain(number);
    const audited = await rows<{ actor: string; fields: string[] }>(sql`select actor_person_id as actor, fields from audit_events where action = 'export' and entity_type = 'survey_wave' and entity_id = ${wave.id}`);
    expect(audited).toEqual([{ actor: w.staff.id, fields: ['answers'] }]);
  });

  it('a named survey’s file carries the member number and the name; in English when asked', async () => {
    const s = await surveyViaApi({ anonymous: false, background: [] });
    const wave = await waveViaApi(s.id);
    await answer(wave.id, w.members[0], { satisfaction: 4, workload: 'passende', priorities: ['pay', 'hours'], climate: { respect: 5, voice: 2 }, hours: 37, comments: 'Godt' });
    const res = await call('GET', `/api/v1/survey-waves/${wave.id}/export.csv`, w.staff);
    expect(header(res.body)).toBe(`\ufeffMedlemsnummer;Navn;${questionHeaders}`);
    const [{ n: number }] = await rows<{ n: string }>(sql`select member_number as n from memberships where person_id = ${w.members[0].id}::uuid`);
    expect(res.body.trim().split(/\r?\n/)[1]).toBe(`${number};Anna Medlemsen;4;Passende;;"Løn; Arbejdstid";5;2;37;Godt`);
    const english = await call('GET', `/api/v1/survey-waves/${wave.id}/export.csv`, w.staff, undefined, 'en');
    expect(header(english.body)).toMatch(/^\ufeffMember number;Name;How satisfied are you with your work\?;/);
    const audited = await rows<{ fields: string[] }>(sql`select fields from audit_events where action = 'export' and entity_type = 'survey_wave' and entity_id = ${wave.id}`);
    expect(audited).toEqual([{ fields: ['memberNumber', 'name', 'answers'] }, { fields: ['memberNumber', 'name', 'answers'] }]);
  });
});

describe('the steward’s workplace rate', () => {
  it('GET /api/v1/survey-waves/{id}/workplaces/{workplaceId}/rate: invited, answered and rate of their own workplace', async () => {
    const s = await surveyViaApi();
    const wave = await waveViaApi(s.id);
    // Three of the nine at Solsikken answer (members 0–7 and the steward work there), and one elsewhere.
    for (const i of [0, 1, 2, 9]) await answer(wave.id, w.members[i], answersFor(i));
    const url = `/api/v1/survey-waves/${wave.id}/workplaces/${w.workplaceId}/rate`;
    const res = await call('GET', url, w.steward);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ invitees: 9, answered: 3, rate: 3 / 9 });
    expect((await call('GET', url, w.staff)).json()).toEqual({ invitees: 9, answered: 3, rate: 3 / 9 });
    // Another workplace is not the steward's; for staff its four invitees are under the smallest group.
    const other = `/api/v1/survey-waves/${wave.id}/workplaces/${w.otherWorkplaceId}/rate`;
    problem(await call('GET', other, w.steward), 404, 'http.not_found');
    problem(await call('GET', other, w.staff), 422, 'survey.group_too_small');
    problem(await call('GET', url, w.members[0]), 404, 'http.not_found');
  });
});
