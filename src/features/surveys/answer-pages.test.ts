import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.js';
import { formSession, loginAs, testApp, type TestApp } from '../../test/app.js';
import { answersFromForm, valuesFromAnswers } from './pages/answer-input.js';
import { answersFor, linkTokenOf, openWaveOf, surveyOf, surveyWorld, type Someone, type SurveyWorld } from './surveys.fixture.js';
import { saveDraft } from './answering.js';
import { closeWave } from './waves.js';
import type { SurveyView } from './surveys.js';
import type { WaveRow } from './waves.js';

/*
 * The answering pages through the app, as a browser without JavaScript uses them: the personal link
 * from the invitation answers without logging in, the whole form of every question type posted as
 * the browser sends it, a draft saved and continued, errors beside their questions with nothing
 * written, a second answer refused, a closed wave, a link of another wave or of someone not
 * invited, a link that is not genuine, answering from my page, and the surveys section of my page
 * with a steward's workplace rate.
 */

let t: TestApp;
let w: SurveyWorld;
const cookies = new Map<string, string>();

type Pairs = [string, string][];

async function cookieOf(who: Someone): Promise<string> {
  if (!cookies.has(who.id)) cookies.set(who.id, (await loginAs(t.database, who.id)).cookie);
  return cookies.get(who.id)!;
}
const get = (url: string, cookie = '') => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
/** A POST of the form as a browser sends it: the CSRF token and cookie from the page the form is on, a field repeated for each ticked box. */
async function post(formPage: string, url: string, pairs: Pairs, cookie = '') {
  const session = await formSession(t.app, formPage, cookie);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams([['_csrf', session.csrf], ...pairs]).toString(),
  });
}

const responsesOf = (waveId: string) => queryRows<{ personId: string | null; answers: Record<string, unknown> }>(t.database.db, sql`select person_id as "personId", answers from survey_responses where wave_id = ${waveId}::uuid`);
const draftOf = async (waveId: string, personId: string) =>
  (await queryRows<{ answers: Record<string, unknown> }>(t.database.db, sql`select answers from survey_drafts where wave_id = ${waveId}::uuid and person_id = ${personId}::uuid`))[0]?.answers ?? null;
const answered = async (waveId: string, personId: string) =>
  (await queryRows<{ answered: boolean }>(t.database.db, sql`select answered from survey_invitees where wave_id = ${waveId}::uuid and person_id = ${personId}::uuid`))[0]?.answered;
const counts = async () =>
  JSON.stringify(await queryRows(t.database.db, sql`select (select count(*) from survey_responses)::int as r, (select count(*) from survey_drafts)::int as d, (select count(*) from survey_invitees where answered)::int as a, (select coalesce(string_agg(answers::text, '|' order by person_id), '') from survey_drafts) as drafts`));
/** The text of a field's error (the form writes it beside its question as `field-error-<field>`). */
const fieldErrorOf = (html: string, name: string) => new RegExp(`id="field-error-${name.replace(/\./g, '\\.')}"[^>]*>([^<]*)<`).exec(html)?.[1] ?? null;
const checkedValues = (html: string, name: string) => [...html.matchAll(new RegExp(`<input[^>]*name="${name.replace(/\./g, '\\.')}"[^>]*>`, 'g'))].filter((m) => / checked/.test(m[0])).map((m) => /value="([^"]*)"/.exec(m[0])![1]);

/** Every question of the fixture's survey answered, as the form's fields send them. */
const FULL: Pairs = [
  ['satisfaction', '4'],
  ['workload', 'for-hoej'],
  ['workload_why', 'For mange vagter alene.'],
  ['priorities', 'pay'],
  ['priorities', 'pension'],
  ['climate.respect', '4'],
  ['climate.voice', '2'],
  ['hours', '37,5'],
  ['comments', 'Tak for at spørge & lytte.'],
];

async function freshWave(overrides: Record<string, unknown> = {}): Promise<{ survey: SurveyView; wave: WaveRow }> {
  const survey = await surveyOf(w, overrides);
  return { survey, wave: await openWaveOf(w, survey.id) };
}

beforeAll(async () => {
  t = await testApp();
  w = await surveyWorld(t.database);
}, 180_000);
afterAll(() => t?.close());

describe('the form’s fields and the answers', () => {
  it('reads every question type from the fields a browser sends, and writes saved answers back into them', async () => {
    const { survey } = await freshWave({ title: 'Felter' });
    const body = { satisfaction: '4', workload: 'for-hoej', workload_why: ' Vagter ', priorities: ['pay', 'pension'], 'climate.respect': '4', 'climate.voice': '', hours: '37,5', comments: '', unrelated: 'x' };
    const answers = answersFromForm(survey.questions, body);
    expect(answers).toEqual({ satisfaction: '4', workload: 'for-hoej', workload_why: ' Vagter ', priorities: ['pay', 'pension'], climate: { respect: '4' }, hours: '37,5' });
    expect(answersFromForm(survey.questions, { priorities: 'hours' })).toEqual({ priorities: ['hours'] });
    expect(valuesFromAnswers(survey.questions, { satisfaction: 4, priorities: ['pay'], climate: { respect: 4, voice: 2 }, hours: 37.5 })).toEqual({ satisfaction: '4', priorities: ['pay'], 'climate.respect': '4', 'climate.voice': '2', hours: '37.5' });
  });
});

describe('answering through the personal link', () => {
  it('shows the whole form without logging in: every question type as real controls, required ones said in words, the condition in words', async () => {
    const { wave } = await freshWave({ title: 'Arbejdsmiljø i Nord' });
    const token = await linkTokenOf(w, wave.id, w.members[0].id);
    const res = await get(`/s/${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    // No session is started by the link; the page sets only the CSRF secret its form needs.
    expect(String(res.headers['set-cookie'] ?? '')).not.toContain('forening_session');
    const html = res.body;
    expect(html).toContain('<h1>Arbejdsmiljø i Nord</h1>');
    expect(html).toContain('Undersøgelsen er anonym');
    expect(html).toContain(`action="/s/${token}"`);
    expect(html).toContain(`formaction="/s/${token}/save"`);
    expect(html).toContain('name="_csrf"');
    // Sections as headings.
    expect(html).toMatch(/<h2 id="survey-section-0"[^>]*>Dit arbejde<\/h2>/);
    expect(html).toMatch(/<h2 id="survey-section-\d"[^>]*>Arbejdsmiljø<\/h2>/);
    // single: a radio group in a fieldset with its question as legend, marked required in words.
    expect(html).toMatch(/<fieldset id="field-workload"[^>]*>\s*<legend><span class="survey-question-text">Hvordan er din arbejdsbyrde\?<\/span><span class="survey-required">Skal besvares<\/span><\/legend>/);
    expect(html.match(/type="radio"[^>]*name="workload"/g)).toHaveLength(3);
    // multiple: checkboxes.
    expect(html.match(/type="checkbox"[^>]*name="priorities"/g)).toHaveLength(3);
    // scale 1–5 with its end labels in the end points' names.
    expect(html.match(/type="radio"[^>]*name="satisfaction"/g)).toHaveLength(5);
    expect(html).toContain('class="survey-scale survey-scale-5"');
    expect(html).toContain(' – Meget utilfreds');
    expect(html).toContain(' – Meget tilfreds');
    // matrix: each statement its own group of radios.
    expect(html).toMatch(/<fieldset id="field-climate\.respect"[^>]*>\s*<legend>Vi behandler hinanden med respekt<\/legend>/);
    expect(html.match(/type="radio"[^>]*name="climate\.voice"/g)).toHaveLength(5);
    // number with its bounds, text as a textarea.
    expect(html).toMatch(/<input type="number" id="field-hours" name="hours"[^>]*min="0" max="80"/);
    expect(html).toContain('Et tal fra 0 til 80.');
    expect(html).toMatch(/<textarea id="field-comments" name="comments"/);
    // The conditional question is there with its condition in words, and the data the optional script reads.
    expect(html).toContain('Besvar kun, hvis du valgte «For høj» i «Hvordan er din arbejdsbyrde?» ovenfor.');
    expect(html).toContain('data-show-if="workload"');
    expect(html).toContain('<script src="/public/survey-answer.js" defer></script>');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('reads in Swedish for a visitor who chose Swedish', async () => {
    const { wave } = await freshWave({ title: { da: 'Trivsel', sv: 'Trivsel på jobbet' }, intro: { da: 'Hej', sv: 'Hej alla' } });
    const token = await linkTokenOf(w, wave.id, w.members[1].id);
    const res = await get(`/s/${token}`, 'forening_lang=sv');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="sv">');
    expect(res.body).toContain('Trivsel på jobbet');
    expect(res.body).toContain('Hur nöjd är du med ditt arbete?');
    expect(res.body).toContain('Skicka svar');
    expect(res.body).toContain('Måste besvaras');
  });

  it('reads in the language of the person the link is for (their invitation was in it), unless the visitor chose one', async () => {
    const { wave } = await freshWave({ title: { da: 'Sprogundersøgelsen', sv: 'Språkenkäten' } });
    const who = w.members[11];
    await t.database.db.execute(sql`update persons set preferred_locale = 'sv' where id = ${who.id}::uuid`);
    const token = await linkTokenOf(w, wave.id, who.id);
    const res = await get(`/s/${token}`);
    expect(res.body).toContain('<html lang="sv">');
    expect(res.body).toContain('Språkenkäten');
    const chosen = await get(`/s/${token}`, 'forening_lang=da');
    expect(chosen.body).toContain('<html lang="da">');
    expect(chosen.body).toContain('Sprogundersøgelsen');
  });

  it('takes the whole form of every question type as a browser sends it, and thanks with what anonymous means here', async () => {
    const { wave } = await freshWave();
    const who = w.members[2];
    const token = await linkTokenOf(w, wave.id, who.id);
    const res = await post(`/s/${token}`, `/s/${token}`, FULL);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Tak for dit svar');
    expect(res.body).toContain('Undersøgelsen er anonym: dit svar gemmes uden dit navn');
    expect(res.body).toContain('grupper på mindst 5 svar');
    expect(res.body).not.toContain('data-survey-form');
    const rows = await responsesOf(wave.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].personId).toBeNull();
    expect(rows[0].answers).toEqual({
      satisfaction: 4,
      workload: 'for-hoej',
      workload_why: 'For mange vagter alene.',
      priorities: ['pay', 'pension'],
      climate: { respect: 4, voice: 2 },
      hours: 37.5,
      comments: 'Tak for at spørge & lytte.',
    });
    expect(await answered(wave.id, who.id)).toBe(true);
  });

  it('drops the answer to a question its condition hides', async () => {
    const { wave } = await freshWave();
    const token = await linkTokenOf(w, wave.id, w.members[3].id);
    const res = await post(`/s/${token}`, `/s/${token}`, [['satisfaction', '3'], ['workload', 'passende'], ['workload_why', 'Skulle ikke være med']]);
    expect(res.statusCode).toBe(200);
    const [row] = await responsesOf(wave.id);
    expect(row.answers).toEqual({ satisfaction: 3, workload: 'passende' });
  });

  it('saves a draft and continues where it was left: the link opens the form filled in, and sending deletes the draft', async () => {
    const { wave } = await freshWave();
    const who = w.members[4];
    const token = await linkTokenOf(w, wave.id, who.id);
    const saved = await post(`/s/${token}`, `/s/${token}/save`, [['satisfaction', '2'], ['priorities', 'hours'], ['climate.voice', '5'], ['hours', '30']]);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/s/${token}`);
    expect(await draftOf(wave.id, who.id)).toEqual({ satisfaction: 2, priorities: ['hours'], climate: { voice: 5 }, hours: 30 });
    expect(await responsesOf(wave.id)).toHaveLength(0);
    // The redirect carries the message; the form opens with the saved answers.
    const flash = String(([] as string[]).concat(saved.headers['set-cookie'] ?? []).find((c) => c.startsWith('forening_flash=')) ?? '').split(';')[0];
    const again = await get(`/s/${token}`, flash);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Dine svar er gemt, men ikke sendt. Linket i din mail fører dig tilbage hertil, hvor du slap.');
    expect(again.body).toContain('Dine gemte svar fra sidst er udfyldt nedenfor.');
    expect(checkedValues(again.body, 'satisfaction')).toEqual(['2']);
    expect(checkedValues(again.body, 'priorities')).toEqual(['hours']);
    expect(checkedValues(again.body, 'climate.voice')).toEqual(['5']);
    expect(checkedValues(again.body, 'climate.respect')).toEqual([]);
    expect(again.body).toMatch(/name="hours"[^>]*value="30"/);
    // Finished and sent later: the response is written and the draft is gone.
    const sent = await post(`/s/${token}`, `/s/${token}`, [['satisfaction', '2'], ['workload', 'for-lav'], ['priorities', 'hours'], ['climate.voice', '5'], ['hours', '30']]);
    expect(sent.statusCode).toBe(200);
    expect(await draftOf(wave.id, who.id)).toBeNull();
    expect(await responsesOf(wave.id)).toHaveLength(1);
  });

  it('shows each error beside its question and in a summary linking to it, keeps what was given, and writes nothing', async () => {
    const { wave } = await freshWave();
    const who = w.members[5];
    const token = await linkTokenOf(w, wave.id, who.id);
    const before = await counts();
    const res = await post(`/s/${token}`, `/s/${token}`, [['priorities', 'pay'], ['climate.respect', '9'], ['hours', '200'], ['comments', 'Mit svar <b>her</b>']]);
    expect(res.statusCode).toBe(422);
    const html = res.body;
    expect(fieldErrorOf(html, 'satisfaction')).toBe('«Hvor tilfreds er du med dit arbejde?» skal besvares.');
    expect(fieldErrorOf(html, 'workload')).toBe('«Hvordan er din arbejdsbyrde?» skal besvares.');
    expect(fieldErrorOf(html, 'climate.respect')).toBe('Svaret på «Hvor enig er du? – Vi behandler hinanden med respekt» skal være et helt tal fra 1 til 5.');
    expect(fieldErrorOf(html, 'hours')).toBe('Svaret på «Hvor mange timer arbejder du om ugen?» skal ligge mellem 0 og 80.');
    // The summary at the top links to each field.
    const summary = html.slice(html.indexOf('class="error-summary"'), html.indexOf('data-survey-form'));
    for (const f of ['satisfaction', 'workload', 'climate.respect', 'hours']) expect(summary).toContain(`href="#field-${f}"`);
    expect(html).toMatch(/<fieldset id="field-satisfaction" class="survey-question field-invalid"/);
    // What was given stays filled in (the text escaped as text).
    expect(checkedValues(html, 'priorities')).toEqual(['pay']);
    expect(checkedValues(html, 'climate.respect')).toEqual([]);
    expect(html).toMatch(/name="hours"[^>]*value="200"/);
    expect(html).toContain('Mit svar &lt;b>her&lt;/b></textarea>');
    // Nothing written: no response, no draft, the invitee still to answer.
    expect(await counts()).toBe(before);
    expect(await answered(wave.id, who.id)).toBe(false);
    // A draft with a value out of bounds is refused the same way, and saves nothing.
    const draft = await post(`/s/${token}`, `/s/${token}/save`, [['hours', '-3']]);
    expect(draft.statusCode).toBe(422);
    expect(fieldErrorOf(draft.body, 'hours')).toBe('Svaret på «Hvor mange timer arbejder du om ugen?» skal ligge mellem 0 og 80.');
    expect(await draftOf(wave.id, who.id)).toBeNull();
  });

  it('refuses a second answer: the thank-you page says it was answered already, without a form, and nothing more is written', async () => {
    const { wave } = await freshWave();
    const who = w.members[6];
    const token = await linkTokenOf(w, wave.id, who.id);
    expect((await post(`/s/${token}`, `/s/${token}`, FULL)).statusCode).toBe(200);
    const page = await get(`/s/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Du har allerede svaret');
    expect(page.body).not.toContain('data-survey-form');
    // A second POST (a second tab, the back button) is refused.
    const session = await formSession(t.app, '/login');
    const before = await counts();
    const again = await t.app.inject({
      method: 'POST',
      url: `/s/${token}`,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams([['_csrf', session.csrf], ...FULL]).toString(),
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Du har allerede svaret på denne runde af undersøgelsen. Man kan kun svare én gang.');
    const draft = await t.app.inject({
      method: 'POST',
      url: `/s/${token}/save`,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams([['_csrf', session.csrf], ['hours', '12']]).toString(),
    });
    expect(draft.statusCode).toBe(409);
    expect(await counts()).toBe(before);
    expect(await responsesOf(wave.id)).toHaveLength(1);
  });

  it('says a closed wave is closed, with its time, and takes no answer to it', async () => {
    const { wave } = await freshWave();
    const token = await linkTokenOf(w, wave.id, w.members[7].id);
    // Its form was open in the person's browser when the staff closed the wave.
    const session = await formSession(t.app, `/s/${token}`);
    await closeWave(t.database.db, wave.id);
    const page = await get(`/s/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Undersøgelsen er lukket');
    expect(page.body).toMatch(/Runden lukkede \d/);
    expect(page.body).not.toContain('data-survey-form');
    const before = await counts();
    const res = await t.app.inject({
      method: 'POST',
      url: `/s/${token}`,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams([['_csrf', session.csrf], ...FULL]).toString(),
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Undersøgelsen er lukket');
    expect(await counts()).toBe(before);
  });

  it('says a wave not open yet opens later, with its times', async () => {
    const { wave } = await freshWave();
    const token = await linkTokenOf(w, wave.id, w.members[8].id);
    // A wave whose opening was moved past now while its invitees stood (the state the page must still explain).
    await t.database.db.execute(sql`update survey_waves set opens_at = now() + interval '2 days', closes_at = now() + interval '9 days' where id = ${wave.id}::uuid`);
    const page = await get(`/s/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Undersøgelsen er ikke åbnet endnu');
    expect(page.body).toMatch(/Runden åbner \d.* og lukker \d/);
    expect(page.body).not.toContain('data-survey-form');
  });

  it('answers the wave its link is for: a link of another wave writes nothing to this one', async () => {
    const a = await freshWave({ title: 'Runde A-undersøgelsen' });
    const b = await freshWave({ title: 'Runde B-undersøgelsen' });
    const who = w.members[9];
    const tokenA = await linkTokenOf(w, a.wave.id, who.id);
    const page = await get(`/s/${tokenA}`);
    expect(page.body).toContain('Runde A-undersøgelsen');
    expect(page.body).not.toContain('Runde B-undersøgelsen');
    expect((await post(`/s/${tokenA}`, `/s/${tokenA}`, FULL)).statusCode).toBe(200);
    expect(await answered(a.wave.id, who.id)).toBe(true);
    expect(await answered(b.wave.id, who.id)).toBe(false);
    expect(await responsesOf(b.wave.id)).toHaveLength(0);
    // B's own link still opens B's form.
    const tokenB = await linkTokenOf(w, b.wave.id, who.id);
    expect((await get(`/s/${tokenB}`)).body).toContain('Runde B-undersøgelsen');
  });

  it('answers a link that is not genuine, or of someone the wave does not ask, with a plain not-found page that says the link does not work', async () => {
    const { wave } = await freshWave();
    const token = await linkTokenOf(w, wave.id, w.members[10].id);
    const broken = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    for (const bad of [broken, 'not-a-token', await linkTokenOf(w, wave.id, w.outsider.id)]) {
      const res = await get(`/s/${bad}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('Linket virker ikke. Brug linket fra din mail, eller log ind og svar fra din side.');
      expect(res.body).not.toContain('data-survey-form');
    }
    const before = await counts();
    const res = await post('/login', `/s/${broken}`, FULL);
    expect(res.statusCode).toBe(404);
    expect((await post('/login', `/s/${broken}/save`, FULL)).statusCode).toBe(404);
    expect(await counts()).toBe(before);
  });

  it('refuses a POST without the CSRF token of the page', async () => {
    const { wave } = await freshWave();
    const token = await linkTokenOf(w, wave.id, w.members[11].id);
    const res = await t.app.inject({ method: 'POST', url: `/s/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: new URLSearchParams(FULL).toString() });
    expect(res.statusCode).toBe(403);
    expect(await responsesOf(wave.id)).toHaveLength(0);
  });
});

describe('answering from my page', () => {
  it('shows the form to the signed-in invitee, saves a draft, and takes the answer; not invited is not found, not signed in is sent to log in', async () => {
    const { wave } = await freshWave({ title: 'Min side-undersøgelsen', anonymous: false });
    const who = w.members[0];
    const cookie = await cookieOf(who);
    const url = `/surveys/answer/${wave.id}`;
    const page = await get(url, cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Min side-undersøgelsen');
    expect(page.body).toContain('Undersøgelsen er ikke anonym');
    expect(page.body).toContain(`action="${url}"`);
    expect(page.body).toContain('href="/me"');
    const saved = await post(url, `${url}/save`, [['satisfaction', '5']], cookie);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(url);
    expect(await draftOf(wave.id, who.id)).toEqual({ satisfaction: 5 });
    const sent = await post(url, url, FULL, cookie);
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Tak for dit svar');
    expect(sent.body).toContain('href="/me"');
    const rows = await responsesOf(wave.id);
    expect(rows).toHaveLength(1);
    // Not anonymous: the response carries its person.
    expect(rows[0].personId).toBe(who.id);
    expect(await draftOf(wave.id, who.id)).toBeNull();
    expect((await get(url, cookie)).body).toContain('Du har allerede svaret');
    expect((await get(url, await cookieOf(w.memberElsewhere))).statusCode).toBe(404);
    expect((await get(url, await cookieOf(w.staff))).statusCode).toBe(404);
    expect((await get('/surveys/answer/not-a-uuid', cookie)).statusCode).toBe(404);
    const anonymous = await get(url);
    expect([302, 303]).toContain(anonymous.statusCode);
    expect(String(anonymous.headers.location)).toMatch(/^\/login/);
  });
});

describe('my page', () => {
  it('lists the open waves I am invited to: answer, continue a draft, answered', async () => {
    const fresh = await freshWave({ title: 'Ubesvaret undersøgelse' });
    const drafted = await freshWave({ title: 'Påbegyndt undersøgelse' });
    const done = await freshWave({ title: 'Besvaret undersøgelse' });
    const who = w.members[1];
    await saveDraft(t.database.db, { personId: who.id, via: 'session' }, drafted.wave.id, { satisfaction: 3 });
    const token = await linkTokenOf(w, done.wave.id, who.id);
    expect((await post(`/s/${token}`, `/s/${token}`, FULL)).statusCode).toBe(200);
    const me = await get('/me', await cookieOf(who));
    expect(me.statusCode).toBe(200);
    expect(me.body).toContain('<h2 id="me-surveys">Undersøgelser</h2>');
    const section = me.body.slice(me.body.indexOf('id="me-surveys"'));
    const rowOf = (title: string) => {
      const start = section.indexOf(`>${title}</th>`);
      return section.slice(start, section.indexOf('</tr>', start));
    };
    expect(rowOf('Ubesvaret undersøgelse')).toContain(`href="/surveys/answer/${fresh.wave.id}"`);
    expect(rowOf('Ubesvaret undersøgelse')).toContain('>Svar</span>');
    expect(rowOf('Påbegyndt undersøgelse')).toContain(`href="/surveys/answer/${drafted.wave.id}"`);
    expect(rowOf('Påbegyndt undersøgelse')).toContain('>Fortsæt</span>');
    expect(rowOf('Besvaret undersøgelse')).toContain('Besvaret ✓');
    expect(rowOf('Besvaret undersøgelse')).not.toContain('href=');
    // A closed wave is no longer listed.
    await closeWave(t.database.db, fresh.wave.id);
    expect((await get('/me', await cookieOf(who))).body).not.toContain('Ubesvaret undersøgelse');
  });

  it('shows nothing about surveys to a member no open wave asks', async () => {
    const me = await get('/me', await cookieOf(w.memberElsewhere));
    expect(me.statusCode).toBe(200);
    expect(me.body).not.toContain('id="me-surveys"');
  });

  it('shows a steward their workplace’s response rate in each open wave, hidden when fewer than the smallest group were invited there', async () => {
    const shown = await freshWave({ title: 'Svarprocent vises' });
    const hidden = await freshWave({ title: 'Svarprocent skjules', minGroup: 10 });
    // Three of the nine invited at the steward's workplace answer (eight members and the steward); one elsewhere.
    for (const who of [w.members[2], w.members[3], w.members[4], w.members[9]]) {
      const token = await linkTokenOf(w, shown.wave.id, who.id);
      expect((await post(`/s/${token}`, `/s/${token}`, Object.entries(answersFor(1)).flatMap(([k, v]) => pairsOf(k, v)))).statusCode).toBe(200);
    }
    const me = await get('/me', await cookieOf(w.steward));
    expect(me.statusCode).toBe(200);
    const section = me.body.slice(me.body.indexOf('id="me-surveys"'));
    expect(section).toContain('Svarprocent på din arbejdsplads');
    expect(section).toContain('Du ser kun hvor mange – aldrig hvem eller hvad de har svaret.');
    const rowOf = (title: string) => {
      const start = section.indexOf(`>${title} · `);
      return section.slice(start, section.indexOf('</tr>', start));
    };
    expect(rowOf('Svarprocent vises')).toContain('Botilbuddet Solsikken');
    expect(rowOf('Svarprocent vises')).toContain('3 af 9 har svaret (33');
    expect(rowOf('Svarprocent skjules')).toContain('Skjult: færre end 10 inviteret');
    expect(rowOf('Svarprocent skjules')).not.toMatch(/af 9/);
    // The steward is invited too, and answers like anyone else.
    expect(section).toContain(`href="/surveys/answer/${hidden.wave.id}"`);
    // A member who is no steward sees no rates.
    const member = await get('/me', await cookieOf(w.members[5]));
    expect(member.body).toContain('id="me-surveys"');
    expect(member.body).not.toContain('Svarprocent på din arbejdsplads');
  });
});

/** An answer as the form's fields send it. */
function pairsOf(key: string, value: unknown): Pairs {
  if (Array.isArray(value)) return value.map((v) => [key, String(v)]);
  if (value && typeof value === 'object') return Object.entries(value).map(([s, v]) => [`${key}.${s}`, String(v)]);
  return [[key, String(value)]];
}
