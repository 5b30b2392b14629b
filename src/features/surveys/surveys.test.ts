import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../platform/db/database.js';
import { testDatabase } from '../../test/database.js';
import { prepareMailing } from '../mailings/index.js';
import { answerForm, myOpenWaves, saveDraft, submitResponse, type Respondent } from './answering.js';
import { questionTrend, suppress, waveResults, workplaceRate } from './results.js';
import { surveyInput } from './schema.js';
import { createSurvey, findSurvey, updateSurvey } from './surveys.js';
import { answersFor, linkTokenOf, mail, openWaveOf, QUESTIONS, surveyOf, surveyWorld, type SurveyWorld } from './surveys.fixture.js';
import { closeWave, findWave, mixRound, remindWave } from './waves.js';
import { respondentFor } from './answering.js';

/*
 * Surveys through their use cases: the builder's rules, a wave from opening (invitees frozen,
 * invitation with personal links) to closing, answering once, results counted against hand-counted
 * data with small groups suppressed, the trend across three waves, and what the tables hold of an
 * anonymous response. The API, the pages and PostgreSQL's concurrency have their own tests.
 */

let database: Database;
let w: SurveyWorld;
const me = (id: string): Respondent => ({ personId: id, via: 'session' });

beforeAll(async () => {
  database = await testDatabase();
  w = await surveyWorld(database);
}, 120_000);
afterAll(async () => database?.close());

describe('the builder', () => {
  it('keeps every question type with its choices, scale and condition, and makes option values from their texts', async () => {
    const s = await surveyOf(w);
    expect(s.questions.map((q) => q.key)).toEqual(QUESTIONS.map((q) => q.key));
    const workload = s.questions.find((q) => q.key === 'workload')!;
    expect(workload.options.map((o) => o.value)).toEqual(['for-lav', 'passende', 'for-hoej']);
    expect(s.questions.find((q) => q.key === 'satisfaction')).toMatchObject({ min: 1, max: 5, required: true, section: { da: 'Dit arbejde' } });
    expect(s.questions.find((q) => q.key === 'workload_why')!.condition).toEqual({ key: 'workload', values: ['for-hoej'] });
    expect(s.minGroup).toBe(5);
  });

  it('refuses a condition on a later question, a nested condition, a choice question without choices and an odd scale, naming each question', async () => {
    const made = await createSurvey(
      database.db,
      w.staff.actor,
      surveyInput.parse({
        unitId: w.org.north,
        title: 'Forkert',
        anonymous: true,
        questions: [
          { key: 'a', type: 'text', text: 'A', condition: { key: 'b' } },
          { key: 'b', type: 'single', text: 'B', options: ['Kun én'] },
          { key: 'c', type: 'scale', text: 'C', min: 1, max: 7 },
          { key: 'd', type: 'text', text: 'D', condition: { key: 'c' } },
          { key: 'e', type: 'text', text: 'E', condition: { key: 'd' } },
        ],
      }),
    );
    expect(made.ok).toBe(false);
    if (made.ok || made.reason !== 'invalid') throw new Error('expected invalid');
    expect(made.errors.map((e) => [e.path, e.code])).toEqual([
      ['questions.0.condition', 'survey.condition_later'],
      ['questions.1.options', 'survey.options_needed'],
      ['questions.2.max', 'survey.scale_ends'],
      ['questions.4.condition', 'survey.condition_nested'],
    ]);
    const count = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from surveys where title->>'da' = 'Forkert'`);
    expect(count[0].n).toBe(0);
  });

  it('lets staff of another district not build a survey for the north', async () => {
    const made = await createSurvey(database.db, w.staffElsewhere.actor, surveyInput.parse({ unitId: w.org.north, title: 'Nej', anonymous: true, questions: [QUESTIONS[0]] }));
    expect(made).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('keeps a question asked in a wave: a changed meaning is refused, a question left out is retired, and anonymity is fixed', async () => {
    const s = await surveyOf(w);
    await openWaveOf(w, s.id);
    const changed = QUESTIONS.map((q) => (q.key === 'workload' ? { ...q, text: 'Hvor travlt har du?' } : q));
    const refused = await updateSurvey(database.db, w.staff.actor, s.id, { questions: surveyInput.shape.questions.parse(changed) });
    expect(refused).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'questions.1.key', code: 'survey.question_in_use' }] });
    const fewer = await updateSurvey(database.db, w.staff.actor, s.id, { questions: surveyInput.shape.questions.parse(QUESTIONS.filter((q) => q.key !== 'hours')) });
    if (!fewer.ok) throw new Error(JSON.stringify(fewer));
    expect(fewer.survey.questions.map((q) => q.key)).not.toContain('hours');
    expect(fewer.survey.retiredQuestions.map((q) => q.key)).toEqual(['hours']);
    const anonymity = await updateSurvey(database.db, w.staff.actor, s.id, { anonymous: false });
    expect(anonymity).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'anonymous', code: 'survey.fixed_after_opening' }] });
  });
});

describe('a wave', () => {
  it('freezes the active members of the unit as invitees and sends each an invitation with their own answer link', async () => {
    const s = await surveyOf(w);
    const wave = await openWaveOf(w, s.id);
    expect(wave.status).toBe('open');
    expect(wave.invitees).toBe(13); // twelve members and the steward; not the south's member, not staff
    expect(wave.invitationMailingId).not.toBeNull();
    const recipients = await queryRows<{ personId: string }>(database.db, sql`select person_id as "personId" from mailing_recipients where mailing_id = ${wave.invitationMailingId}::uuid`);
    expect(recipients.map((r) => r.personId).sort()).toEqual([...w.members.map((m) => m.id), w.steward.id].sort());
    const prepared = await prepareMailing(database.db, wave.invitationMailingId!, mail);
    const rendered = prepared.render({ recipientId: 1, personId: w.members[0].id, email: 'a@example.org', locale: 'da', firstName: 'Anna', lastName: 'Medlemsen', memberNumber: null });
    const token = await linkTokenOf(w, wave.id, w.members[0].id);
    expect(rendered.text).toContain(`http://forening.test/s/${token}`);
    expect(rendered.text).toContain('Hej Anna');
    expect(rendered.text).toContain('anonym');
  });

  it('takes one response per person, by link or signed in, and refuses a second and one after closing', async () => {
    const s = await surveyOf(w);
    const wave = await openWaveOf(w, s.id);
    const viaLink = await respondentFor(database.db, { kind: 'anonymous' }, wave.id, await linkTokenOf(w, wave.id, w.members[0].id));
    if (!viaLink.ok) throw new Error('link');
    expect(await submitResponse(database.db, viaLink.respondent, wave.id, answersFor(0))).toEqual({ ok: true, anonymous: true });
    expect(await submitResponse(database.db, me(w.members[0].id), wave.id, answersFor(1))).toEqual({ ok: false, reason: 'already_answered' });
    expect(await submitResponse(database.db, me(w.memberElsewhere.id), wave.id, answersFor(1))).toEqual({ ok: false, reason: 'not_found' });
    const other = await openWaveOf(w, s.id);
    expect(await respondentFor(database.db, { kind: 'anonymous' }, wave.id, await linkTokenOf(w, other.id, w.members[1].id))).toEqual({ ok: false, reason: 'link_other_wave' });
    await closeWave(database.db, wave.id);
    expect(await submitResponse(database.db, me(w.members[1].id), wave.id, answersFor(1))).toEqual({ ok: false, reason: 'wave_closed' });
    const n = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from survey_responses where wave_id = ${wave.id}::uuid`);
    expect(n[0].n).toBe(1);
  });

  it('refuses bad answers naming the question, and writes nothing', async () => {
    const s = await surveyOf(w);
    const wave = await openWaveOf(w, s.id);
    const bad = await submitResponse(database.db, me(w.members[2].id), wave.id, { satisfaction: 9, workload: 'meget', priorities: ['pay', 'cars'], climate: { respect: 0 }, hours: 'mange', nonsense: 1 });
    if (bad.ok || bad.reason !== 'invalid') throw new Error(JSON.stringify(bad));
    expect(bad.errors.map((e) => [e.path, e.code])).toEqual([
      ['answers.nonsense', 'survey.answer_unknown_question'],
      ['answers.satisfaction', 'survey.answer_outside_scale'],
      ['answers.workload', 'survey.answer_not_an_option'],
      ['answers.priorities', 'survey.answer_not_an_option'],
      ['answers.climate.respect', 'survey.answer_outside_scale'],
      ['answers.hours', 'survey.answer_not_a_number'],
    ]);
    const missing = await submitResponse(database.db, me(w.members[2].id), wave.id, { workload: 'passende' });
    expect(missing).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'answers.satisfaction', code: 'survey.answer_required' }] });
    const rows = await queryRows<{ n: number; answered: number }>(database.db, sql`select (select count(*)::int from survey_responses where wave_id = ${wave.id}::uuid) as n, (select count(*)::int from survey_invitees where wave_id = ${wave.id}::uuid and answered) as answered`);
    expect(rows[0]).toEqual({ n: 0, answered: 0 });
  });

  it('drops the answer to a question its condition hides, and keeps a draft until the response is in', async () => {
    const s = await surveyOf(w);
    const wave = await openWaveOf(w, s.id);
    const who = me(w.members[3].id);
    expect(await saveDraft(database.db, who, wave.id, { satisfaction: 4 })).toEqual({ ok: true });
    const form = await answerForm(database.db, who, wave.id);
    expect(form.ok && form.form.draft).toEqual({ satisfaction: 4 });
    expect((await myOpenWaves(database.db, who.personId)).find((x) => x.waveId === wave.id)).toMatchObject({ answered: false, hasDraft: true });
    await submitResponse(database.db, who, wave.id, { satisfaction: 4, workload: 'passende', workload_why: 'skjult' });
    const [row] = await queryRows<{ answers: Record<string, unknown> }>(database.db, sql`select answers from survey_responses where wave_id = ${wave.id}::uuid`);
    expect(row.answers).toEqual({ satisfaction: 4, workload: 'passende' });
    const drafts = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from survey_drafts where wave_id = ${wave.id}::uuid`);
    expect(drafts[0].n).toBe(0);
  });

  it('reminds only those who have not answered', async () => {
    const s = await surveyOf(w);
    const now = Date.now();
    const wave = await openWaveOf(w, s.id, { reminders: [new Date(now + 1000).toISOString()] });
    for (let i = 0; i < 4; i++) await submitResponse(database.db, me(w.members[i].id), wave.id, answersFor(i));
    await new Promise((r) => setTimeout(r, 1100));
    expect(await remindWave(database.db, wave.id)).toBe(true);
    expect(await remindWave(database.db, wave.id)).toBe(false);
    const [m] = await queryRows<{ id: string }>(database.db, sql`select id from mailings where audience_ref = ${wave.id}::uuid and service_reason = 'survey.reminder'`);
    const recipients = await queryRows<{ personId: string }>(database.db, sql`select person_id as "personId" from mailing_recipients where mailing_id = ${m.id}::uuid`);
    expect(recipients.map((r) => r.personId).sort()).toEqual([...w.members.slice(4).map((x) => x.id), w.steward.id].sort());
    expect((await findWave(database.db, wave.id))!.remindersSent).toBe(1);
  });
});

describe('results', () => {
  it('counts and shares against hand-counted answers, with small groups suppressed', async () => {
    const s = await surveyOf(w);
    const wave = await openWaveOf(w, s.id);
    // Ten answers: satisfaction 5,5,5,5,5,4,4,4,4,1; workload passende ×7, for-høj ×3; priorities pay ×6.
    const sat = [5, 5, 5, 5, 5, 4, 4, 4, 4, 1];
    for (let i = 0; i < 10; i++) {
      await submitResponse(database.db, me(w.members[i].id), wave.id, {
        satisfaction: sat[i],
        workload: i < 7 ? 'passende' : 'for-hoej',
        ...(i >= 7 ? { workload_why: `Grund ${i}` } : {}),
        priorities: i < 6 ? ['pay'] : ['hours'],
        comments: `Kommentar ${i}`,
      });
    }
    const r = await waveResults(database.db, w.board.actor, wave.id);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.results.responses).toBe(10);
    expect(r.results.rate).toBeCloseTo(10 / 13);
    const q = (key: string) => r.results.questions.find((x) => x.key === key)!;
    // 1 is under five: hidden, and with it the next smallest (4 × "4"), so neither can be worked out.
    expect(q('satisfaction').counts).toEqual({ 1: null, 2: 0, 3: 0, 4: null, 5: 5 });
    expect(q('satisfaction').shares).toMatchObject({ 5: 0.5 });
    expect(q('satisfaction').mean).toBeCloseTo(4.2);
    // Three is hidden; with the total shown it could be worked out from seven, so seven is hidden too.
    expect(q('workload').counts).toEqual({ 'for-lav': 0, passende: null, 'for-hoej': null });
    // Choices of a multiple choice do not add up to the total, so a hidden one cannot be worked out: six stays.
    expect(q('priorities')).toMatchObject({ answered: 10, counts: { pay: 6, hours: null, pension: 0 } });
    expect(q('workload_why')).toMatchObject({ answered: null, texts: null });
    expect(q('comments').texts?.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Kommentar ${i}`).sort());
    expect(q('climate').answered).toBeNull();
  });

  it('refuses a filter that leaves a group under five, and one on a variable the survey did not declare', async () => {
    const s = await surveyOf(w, { background: ['membership_type'] });
    const wave = await openWaveOf(w, s.id);
    for (let i = 0; i < 12; i++) await submitResponse(database.db, me(w.members[i].id), wave.id, answersFor(i));
    const small = await waveResults(database.db, w.staff.actor, wave.id, { membershipType: w.otherTypeId });
    expect(small).toMatchObject({ ok: false, reason: 'group_too_small', params: { min: 5 } });
    const big = await waveResults(database.db, w.staff.actor, wave.id, { membershipType: w.typeId });
    expect(big.ok && big.results.responses).toBe(10);
    expect(big.ok && big.results.rate).toBeNull();
    const undeclared = await waveResults(database.db, w.staff.actor, wave.id, { workplaceKind: 'municipality' });
    expect(undeclared).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'workplaceKind' }] });
  });

  it('shows nothing but the count while a wave has fewer than five responses', async () => {
    const s = await surveyOf(w);
    const wave = await openWaveOf(w, s.id);
    for (let i = 0; i < 4; i++) await submitResponse(database.db, me(w.members[i].id), wave.id, answersFor(i));
    const r = await waveResults(database.db, w.staff.actor, wave.id);
    if (!r.ok) throw new Error('results');
    expect(r.results).toMatchObject({ responses: 4, suppressed: true });
    const leaves = (v: unknown): unknown[] => (v !== null && typeof v === 'object' ? Object.values(v).flatMap(leaves) : [v]);
    expect(r.results.questions.flatMap((q) => leaves([q.counts, q.shares, q.answered, q.mean ?? null, q.texts ?? null])).filter((v) => v !== null)).toEqual([]);
  });

  it('hides results from staff and board of another district, and from members', async () => {
    const s = await surveyOf(w);
    const wave = await openWaveOf(w, s.id);
    for (const who of [w.staffElsewhere, w.boardElsewhere, w.members[0], w.steward]) expect(await waveResults(database.db, who.actor, wave.id)).toEqual({ ok: false, reason: 'not_found' });
    expect((await waveResults(database.db, w.admin.actor, wave.id)).ok).toBe(true);
  });

  it('counts again when a response has come in since the results were last counted', async () => {
    const s = await surveyOf(w);
    const wave = await openWaveOf(w, s.id);
    for (let i = 0; i < 5; i++) await submitResponse(database.db, me(w.members[i].id), wave.id, { satisfaction: 3, workload: 'passende' });
    const first = await waveResults(database.db, w.staff.actor, wave.id);
    const again = await waveResults(database.db, w.staff.actor, wave.id);
    expect(first.ok && again.ok && again.results).toEqual(first.ok && first.results);
    await submitResponse(database.db, me(w.members[5].id), wave.id, { satisfaction: 3, workload: 'passende' });
    const after = await waveResults(database.db, w.staff.actor, wave.id);
    expect(after.ok && after.results.responses).toBe(6);
    expect(after.ok && after.results.questions.find((q) => q.key === 'satisfaction')!.counts).toMatchObject({ 3: 6 });
  });

  it('suppresses a lone small count together with the next smallest', () => {
    expect(suppress({ a: 10, b: 3, c: 6 }, 5)).toEqual({ a: 10, b: null, c: null });
    expect(suppress({ a: 10, b: 3, c: 2 }, 5)).toEqual({ a: 10, b: null, c: null });
    expect(suppress({ a: 10, b: 0, c: 7 }, 5)).toEqual({ a: 10, b: 0, c: 7 });
  });

  it('follows a question across three waves, against hand-counted shares and means', async () => {
    const s = await surveyOf(w);
    const plan = [
      [5, 5, 5, 5, 5, 5], // wave 1: mean 5
      [1, 2, 3, 4, 5, 3, 3], // wave 2: mean 3, "3" ×3
      [2, 2, 2, 2, 2, 4, 4, 4, 4, 4], // wave 3: mean 3, "2" ×5, "4" ×5
    ];
    const waves = [];
    for (const [n, values] of plan.entries()) {
      const wave = await openWaveOf(w, s.id, { name: `Runde ${n + 1}` });
      for (const [i, v] of values.entries()) await submitResponse(database.db, me(w.members[i].id), wave.id, { satisfaction: v, workload: 'passende' });
      await closeWave(database.db, wave.id);
      waves.push(wave);
    }
    const t = await questionTrend(database.db, w.staff.actor, s.id, 'satisfaction');
    if (!t.ok) throw new Error(JSON.stringify(t));
    expect(t.trend.waves.map((p) => p.name)).toEqual(['Runde 1', 'Runde 2', 'Runde 3']);
    expect(t.trend.waves.map((p) => p.responses)).toEqual([6, 7, 10]);
    expect(t.trend.waves.map((p) => p.mean)).toEqual([5, 3, 3]);
    expect(t.trend.waves[0].shares).toMatchObject({ 5: 1 });
    expect(t.trend.waves[2].counts).toEqual({ 1: 0, 2: 5, 3: 0, 4: 5, 5: 0 });
    expect(t.trend.waves[2].shares).toMatchObject({ 2: 0.5, 4: 0.5 });
    expect(t.trend.waves[1].counts).toEqual({ 1: null, 2: null, 3: null, 4: null, 5: null });
  });

  it('gives a steward their workplace’s rate from who has answered, hidden under five invitees', async () => {
    const s = await surveyOf(w);
    const wave = await openWaveOf(w, s.id);
    for (let i = 0; i < 3; i++) await submitResponse(database.db, me(w.members[i].id), wave.id, answersFor(i));
    const survey = (await findSurvey(database.db, s.id))!;
    // The steward's workplace: eight members and the steward invited, three answered.
    expect(await workplaceRate(database.db, survey, wave.id, w.workplaceId)).toEqual({ invitees: 9, answered: 3, rate: 3 / 9 });
    // The other workplace has four invitees: under the smallest group.
    expect(await workplaceRate(database.db, survey, wave.id, w.otherWorkplaceId)).toBeNull();
  });
});

describe('anonymity', () => {
  it('leaves nothing in the tables that links a person to an anonymous answer, also after reminders and mixing', async () => {
    const s = await surveyOf(w);
    const wave = await openWaveOf(w, s.id, { reminders: [new Date(Date.now() + 500).toISOString()] });
    for (let i = 0; i < 6; i++) await submitResponse(database.db, me(w.members[i].id), wave.id, answersFor(i));
    await new Promise((r) => setTimeout(r, 600));
    await remindWave(database.db, wave.id);
    for (let i = 6; i < 9; i++) await submitResponse(database.db, me(w.members[i].id), wave.id, answersFor(i));
    const columns = await queryRows<{ column_name: string; data_type: string }>(database.db, sql`select column_name, data_type from information_schema.columns where table_name = 'survey_responses' order by ordinal_position`);
    expect(columns.filter((c) => /time|date/.test(c.data_type))).toEqual([]);
    const before = await queryRows<{ id: string; personId: string | null; xmin: string }>(database.db, sql`select id, person_id as "personId", xmin::text as xmin from survey_responses where wave_id = ${wave.id}::uuid`);
    expect(before.every((r) => r.personId === null)).toBe(true);
    const invitees = await queryRows<{ xmin: string }>(database.db, sql`select xmin::text as xmin from survey_invitees where wave_id = ${wave.id}::uuid and answered`);
    // Before mixing, each response shares its transaction with an invitee row; the mix ends that.
    expect(before.some((r) => invitees.some((i) => i.xmin === r.xmin))).toBe(true);
    await mixRound(database.db);
    const after = await queryRows<{ id: string; xmin: string; fresh: boolean; answers: Record<string, unknown> }>(database.db, sql`select id, xmin::text as xmin, fresh, answers from survey_responses where wave_id = ${wave.id}::uuid`);
    expect(after).toHaveLength(9);
    expect(new Set(after.map((r) => r.xmin)).size).toBe(1);
    expect(after.some((r) => invitees.some((i) => i.xmin === r.xmin))).toBe(false);
    expect(after.some((r) => before.some((b) => b.id === r.id))).toBe(false);
    expect(after.every((r) => !r.fresh)).toBe(true);
    // No answer holds a person's id, name or e-mail anywhere in it.
    const people = await queryRows<{ id: string; email: string; first_name: string }>(database.db, sql`select id, email, first_name from persons where id in ${w.members.map((m) => m.id)}`);
    const blob = JSON.stringify(after.map((r) => r.answers));
    for (const p of people) for (const v of [p.id, p.email]) expect(blob).not.toContain(v);
    const invitedCols = await queryRows<{ column_name: string }>(database.db, sql`select column_name from information_schema.columns where table_name = 'survey_invitees'`);
    expect(invitedCols.map((c) => c.column_name).sort()).toEqual(['answered', 'person_id', 'wave_id', 'workplace_id']);
  });

  it('keeps the person on a response of a survey that is not anonymous', async () => {
    const s = await surveyOf(w, { anonymous: false });
    const wave = await openWaveOf(w, s.id);
    await submitResponse(database.db, me(w.members[0].id), wave.id, answersFor(0));
    const [row] = await queryRows<{ personId: string }>(database.db, sql`select person_id as "personId" from survey_responses where wave_id = ${wave.id}::uuid`);
    expect(row.personId).toBe(w.members[0].id);
  });
});
