import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../platform/db/database.js';
import { formSession, loginAs, testApp, type TestApp } from '../../test/app.js';
import { openWaveOf, surveyOf, surveyWorld, type Someone, type SurveyWorld } from './surveys.fixture.js';
import { findSurvey, loadQuestions } from './surveys.js';
import { localTime } from './pages/survey-input.js';

/*
 * The staff pages through the app, as a browser without JavaScript uses them: a survey built
 * through its forms with a question of every type, changed, reordered and trimmed; a wave planned
 * (it opens and invites when its time has come), closed, and one cancelled; a question asked by a
 * wave that keeps its meaning (refused with the question named) or is retired; and every form's bad
 * input, told beside its field in the reader's language, with nothing written.
 */

let t: TestApp;
let w: SurveyWorld;
const cookies = new Map<string, string>();

async function cookieOf(who: Someone): Promise<string> {
  if (!cookies.has(who.id)) cookies.set(who.id, (await loginAs(t.database, who.id)).cookie);
  return cookies.get(who.id)!;
}
const get = async (url: string, who: Someone = w.staff) => t.app.inject({ method: 'GET', url, headers: { cookie: await cookieOf(who), accept: 'text/html' } });

/** A urlencoded POST as a browser sends it, repeated fields (checkboxes) as arrays. */
async function post(url: string, fields: Record<string, string | string[]>, who: Someone = w.staff): Promise<LightMyRequestResponse> {
  const session = await formSession(t.app, '/', await cookieOf(who));
  const body = new URLSearchParams({ _csrf: session.csrf });
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return t.app.inject({ method: 'POST', url, headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: body.toString() });
}

/** The message a page shows beside a field (`field-error-<name>`), or null. */
const fieldErrorOf = (html: string, name: string): string | null => {
  const m = new RegExp(`id="field-error-${name.replace(/\./g, '\\.')}"[^>]*>([^<]*)<`).exec(html);
  return m ? m[1].replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&') : null;
};
/** The flash message the page after a redirect shows. */
async function flashAfter(res: LightMyRequestResponse, who: Someone = w.staff): Promise<string> {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
  const flash = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('forening_flash'));
  const page = await t.app.inject({ method: 'GET', url: String(res.headers.location).split('#')[0], headers: { cookie: `${await cookieOf(who)}${flash ? `; ${flash}` : ''}`, accept: 'text/html' } });
  return /class="flash flash-[a-z]+"[^>]*>\s*<p>([^<]*)<\/p>/.exec(page.body)?.[1] ?? '';
}

/** Everything the builder writes, to show that a refused form wrote nothing. */
async function fingerprint(): Promise<string> {
  const rows = await queryRows<Record<string, unknown>>(
    t.database.db,
    sql`select (select count(*)::int from surveys) as surveys,
      (select md5(coalesce(string_agg(s.id::text || s.title::text || s.anonymous || s.archived || s.min_group || array_to_string(s.background, ','), '|' order by s.id), '')) from surveys s) as settings,
      (select md5(coalesce(string_agg(q.survey_id::text || q.key || q.position || q.text::text || q.options::text || q.retired || coalesce(q.condition::text, ''), '|' order by q.survey_id, q.position), '')) from survey_questions q) as questions,
      (select md5(coalesce(string_agg(v.id::text || v.status, '|' order by v.id), '')) from survey_waves v) as waves,
      (select count(*)::int from audit_events) as audit`,
  );
  return JSON.stringify(rows[0]);
}

const inDays = (days: number, hours = 0) => localTime(new Date(Date.now() + days * 86_400_000 + hours * 3_600_000));
const idFrom = (res: LightMyRequestResponse) => String(res.headers.location).split('#')[0].split('/').pop()!;
const questionsOf = (surveyId: string) => loadQuestions(t.database.db, surveyId);

/** The new survey's form with its first question: a scale with its ends, a section and a Swedish text. */
const newSurvey = (overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  unitId: w.org.north,
  'title.da': 'Arbejdsmiljø 2030',
  'title.sv': 'Arbetsmiljö 2030',
  'intro.da': 'Fortæl os, hvordan du har det på arbejdet.',
  anonymous: 'yes',
  background: ['unit', 'membership_type'],
  minGroup: '5',
  'text.da': 'Hvor tilfreds er du med dit arbejde?',
  'text.sv': 'Hur nöjd är du med ditt arbete?',
  key: '',
  type: 'scale',
  scale: '1-5',
  'minLabel.da': 'Meget utilfreds',
  'maxLabel.da': 'Meget tilfreds',
  'section.da': 'Dit arbejde',
  required: 'on',
  ...overrides,
});

beforeAll(async () => {
  t = await testApp();
  w = await surveyWorld(t.database);
}, 120_000);
afterAll(async () => t?.close());

describe('building a survey through the forms', () => {
  let id: string;

  it('creates a survey with its first question, the key made from the text', async () => {
    const form = await get('/surveys/new');
    expect(form.statusCode).toBe(200);
    // Only the units the staff grant reaches are offered.
    expect(form.body).toContain('Kreds Nord');
    expect(form.body).not.toContain('Kreds Syd');
    const res = await post('/surveys', newSurvey());
    expect(await flashAfter(res)).toContain('Arbejdsmiljø 2030');
    id = idFrom(res);
    const s = await findSurvey(t.database.db, id);
    expect(s).toMatchObject({ unitId: w.org.north, title: { da: 'Arbejdsmiljø 2030', sv: 'Arbetsmiljö 2030' }, anonymous: true, background: ['unit', 'membership_type'], minGroup: 5 });
    const [q] = await questionsOf(id);
    expect(q).toMatchObject({ key: 'hvor_tilfreds_er_du_med_dit', type: 'scale', min: 1, max: 5, required: true, text: { da: 'Hvor tilfreds er du med dit arbejde?', sv: 'Hur nöjd är du med ditt arbete?' }, minLabel: { da: 'Meget utilfreds' }, section: { da: 'Dit arbejde' } });
  });

  it('adds a question of every other type: choices as lines, a matrix, bounds, a condition by the answer’s text, translations', async () => {
    const add = (fields: Record<string, string>) => post(`/surveys/${id}/questions`, { key: '', 'condition.key': '', 'condition.values': '', ...fields });
    expect((await get(`/surveys/${id}/questions/new`)).statusCode).toBe(200);
    expect(await flashAfter(await add({ type: 'single', key: 'workload', 'text.da': 'Hvordan er din arbejdsbyrde?', options: 'For lav\nPassende\n\nFor høj\n', 'options.en': 'Too low\nAbout right\nToo high', required: 'on' }))).toContain('Hvordan er din arbejdsbyrde?');
    await add({ type: 'text', key: 'workload_why', 'text.da': 'Hvad gør arbejdsbyrden for høj?', 'condition.key': 'workload', 'condition.values': 'For høj' });
    await add({ type: 'multiple', key: 'priorities', 'text.da': 'Hvad skal vi prioritere?', options: 'pay | Løn\nhours | Arbejdstid\npension | Pension', 'options.sv': 'Lön\nArbetstid\nPension' });
    await add({ type: 'matrix', key: 'climate', 'text.da': 'Hvor enig er du?', scale: '0-10', statements: 'Vi behandler hinanden med respekt\nvoice | Jeg bliver hørt', 'minLabel.da': 'Helt uenig', 'maxLabel.da': 'Helt enig', 'section.da': 'Arbejdsmiljø' });
    await add({ type: 'number', key: 'hours', 'text.da': 'Hvor mange timer arbejder du om ugen?', numberMin: '0', numberMax: '80', help: 'Gennemsnit' });
    // Fields another type needs are ignored: the choices typed here do not make a text question invalid.
    await add({ type: 'text', 'text.da': 'Andre kommentarer', options: 'Glemt | fra før' });
    const qs = await questionsOf(id);
    expect(qs.map((q) => [q.key, q.type])).toEqual([
      ['hvor_tilfreds_er_du_med_dit', 'scale'],
      ['workload', 'single'],
      ['workload_why', 'text'],
      ['priorities', 'multiple'],
      ['climate', 'matrix'],
      ['hours', 'number'],
      ['andre_kommentarer', 'text'],
    ]);
    const byKey = new Map(qs.map((q) => [q.key, q]));
    expect(byKey.get('workload')!.options).toEqual([
      { value: 'for-lav', label: { da: 'For lav', en: 'Too low' } },
      { value: 'passende', label: { da: 'Passende', en: 'About right' } },
      { value: 'for-hoej', label: { da: 'For høj', en: 'Too high' } },
    ]);
    expect(byKey.get('workload_why')!.condition).toEqual({ key: 'workload', values: ['for-hoej'] });
    expect(byKey.get('priorities')!.options.map((o) => [o.value, o.label.sv])).toEqual([
      ['pay', 'Lön'],
      ['hours', 'Arbetstid'],
      ['pension', 'Pension'],
    ]);
    expect(byKey.get('climate')).toMatchObject({ min: 0, max: 10, statements: [{ key: 's1', label: { da: 'Vi behandler hinanden med respekt' } }, { key: 'voice', label: { da: 'Jeg bliver hørt' } }], maxLabel: { da: 'Helt enig' }, section: { da: 'Arbejdsmiljø' } });
    expect(byKey.get('hours')).toMatchObject({ min: 0, max: 80, options: [] });
    expect(byKey.get('andre_kommentarer')!.options).toEqual([]);
  });

  it('shows the survey with its questions in order, their types, choices, condition and sections', async () => {
    const page = await get(`/surveys/${id}`);
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain('7 spørgsmål');
    for (const label of ['Skala', 'Ét valg', 'Flere valg', 'Matrix', 'Tal', 'Fritekst']) expect(html).toContain(label);
    expect(html).toContain('når «Hvordan er din arbejdsbyrde?» er besvaret med For høj');
    expect(html).toContain('Nyt afsnit: Arbejdsmiljø');
    expect(html).toContain('1 (Meget utilfreds) til 5 (Meget tilfreds)');
    expect(html.indexOf('Hvordan er din arbejdsbyrde?')).toBeLessThan(html.indexOf('Hvad skal vi prioritere?'));
    expect(html).toContain(`action="/surveys/${id}/questions/workload/move"`);
    expect(html).toContain(`href="/surveys/${id}/questions/new"`);
    expect(html).toContain('Undersøgelsen har ingen runder endnu.');
  });

  it('changes a question through its form, which shows it as saved', async () => {
    const form = await get(`/surveys/${id}/questions/priorities/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('pay | Løn');
    expect(form.body).toContain('value="multiple" checked');
    const res = await post(`/surveys/${id}/questions/priorities`, { key: 'priorities', type: 'multiple', 'text.da': 'Hvad skal vi prioritere ved overenskomsten?', options: 'pay | Løn\nhours | Arbejdstid\npension | Pension\nNy ferie', 'options.sv': '', 'condition.key': '' });
    expect(await flashAfter(res)).toContain('Hvad skal vi prioritere ved overenskomsten?');
    const q = (await questionsOf(id)).find((x) => x.key === 'priorities')!;
    expect(q.text).toEqual({ da: 'Hvad skal vi prioritere ved overenskomsten?' });
    expect(q.options.map((o) => o.value)).toEqual(['pay', 'hours', 'pension', 'ny-ferie']);
    expect(q.position).toBe(4);
  });

  it('moves a question up and down, and refuses a move that would put a condition before its question', async () => {
    expect(await flashAfter(await post(`/surveys/${id}/questions/hours/move`, { direction: 'up' }))).toContain('flyttet op');
    expect((await questionsOf(id)).map((q) => q.key).slice(3, 6)).toEqual(['priorities', 'hours', 'climate']);
    await post(`/surveys/${id}/questions/hours/move`, { direction: 'down' });
    expect((await questionsOf(id)).map((q) => q.key).slice(3, 6)).toEqual(['priorities', 'climate', 'hours']);
    const before = await fingerprint();
    const refused = await flashAfter(await post(`/surveys/${id}/questions/workload_why/move`, { direction: 'up' }));
    expect(refused).toContain('workload_why');
    expect(refused).toContain('kommer senere');
    expect(await fingerprint()).toBe(before);
    expect(await flashAfter(await post(`/surveys/${id}/questions/hvor_tilfreds_er_du_med_dit/move`, { direction: 'up' }))).toContain('kan ikke flyttes længere');
  });

  it('removes a question no wave has asked, but not one that another’s condition names, nor the last', async () => {
    expect(await flashAfter(await post(`/surveys/${id}/questions/andre_kommentarer/delete`, {}))).toContain('er fjernet');
    expect((await questionsOf(id)).map((q) => q.key)).not.toContain('andre_kommentarer');
    const before = await fingerprint();
    expect(await flashAfter(await post(`/surveys/${id}/questions/workload/delete`, {}))).toContain('workload');
    expect(await fingerprint()).toBe(before);
    const single = await surveyOf(w, { questions: [{ key: 'only', type: 'text', text: 'Eneste spørgsmål' }] });
    expect(await flashAfter(await post(`/surveys/${single.id}/questions/only/delete`, {}))).toContain('mindst ét spørgsmål');
    expect((await questionsOf(single.id)).map((q) => q.key)).toEqual(['only']);
  });

  it('changes the settings and archives the survey, and brings it back', async () => {
    const form = await get(`/surveys/${id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="anonymous"');
    const res = await post(`/surveys/${id}`, { 'title.da': 'Arbejdsmiljø og trivsel 2030', 'title.en': 'Working environment 2030', 'intro.da': '', anonymous: 'no', background: 'workplace_kind', minGroup: '8' });
    expect(await flashAfter(res)).toContain('Indstillingerne er gemt');
    expect(await findSurvey(t.database.db, id)).toMatchObject({ title: { da: 'Arbejdsmiljø og trivsel 2030', en: 'Working environment 2030' }, intro: {}, anonymous: false, background: ['workplace_kind'], minGroup: 8 });
    expect(await flashAfter(await post(`/surveys/${id}`, { intent: 'archive' }))).toContain('arkiveret');
    expect((await get('/surveys')).body).not.toContain('Arbejdsmiljø og trivsel 2030');
    expect((await get('/surveys?archived=true')).body).toContain('Arbejdsmiljø og trivsel 2030');
    await post(`/surveys/${id}`, { intent: 'unarchive' });
    expect((await findSurvey(t.database.db, id))!.archived).toBe(false);
  });
});

describe('waves from the survey’s page', () => {
  it('plans a wave whose time has come: it opens at once and invites the unit’s active members', async () => {
    const s = await surveyOf(w);
    const form = await get(`/surveys/${s.id}/waves/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Alle aktive medlemmer i Kreds Nord og underliggende enheder');
    const res = await post(`/surveys/${s.id}/waves`, { name: 'Forår 2030', opensAt: inDays(0, -1), closesAt: inDays(14), segmentId: '', 'reminders.0': inDays(7), 'reminders.1': '' });
    expect(await flashAfter(res)).toContain('13 er inviteret');
    const [wave] = await queryRows<{ status: string; invitees: number; reminders: number; mailing: string | null; name: string }>(
      t.database.db,
      sql`select name, status, invitees, cardinality(reminders)::int as reminders, invitation_mailing_id as mailing from survey_waves where survey_id = ${s.id}::uuid`,
    );
    expect(wave).toMatchObject({ name: 'Forår 2030', status: 'open', invitees: 13, reminders: 1 });
    expect(wave.mailing).not.toBeNull();
    const page = (await get(`/surveys/${s.id}`)).body;
    expect(page).toContain('Forår 2030');
    expect(page).toContain('Åben');
    expect(page).toContain('/results"');
    expect(page).toContain('Luk nu');
  });

  it('plans a wave for later, which waits; cancelling it deletes it, closing an open one closes it', async () => {
    const s = await surveyOf(w);
    await post(`/surveys/${s.id}/waves`, { name: 'Senere', opensAt: inDays(3), closesAt: inDays(20) });
    const [planned] = await queryRows<{ id: string; status: string; invitees: number }>(t.database.db, sql`select id, status, invitees from survey_waves where survey_id = ${s.id}::uuid`);
    expect(planned).toMatchObject({ status: 'scheduled', invitees: 0 });
    expect((await get(`/surveys/${s.id}`)).body).toContain('Planlagt');
    expect(await flashAfter(await post(`/surveys/waves/${planned.id}/close`, {}))).toContain('aflyst');
    expect(await queryRows(t.database.db, sql`select 1 from survey_waves where id = ${planned.id}::uuid`)).toHaveLength(0);
    const open = await openWaveOf(w, s.id);
    expect(await flashAfter(await post(`/surveys/waves/${open.id}/close`, {}))).toContain('er lukket');
    const [closed] = await queryRows<{ status: string }>(t.database.db, sql`select status from survey_waves where id = ${open.id}::uuid`);
    expect(closed.status).toBe('closed');
    // Closing it again is told, not done.
    expect(await flashAfter(await post(`/surveys/waves/${open.id}/close`, {}))).toContain('lukket');
  });
});

describe('a question a wave has asked', () => {
  it('keeps its meaning: a changed Danish text is refused on the key, naming the question, and nothing changes', async () => {
    const s = await surveyOf(w);
    await openWaveOf(w, s.id);
    const form = await get(`/surveys/${s.id}/questions/workload/edit`);
    expect(form.body).toContain('Spørgsmålet er stillet i');
    const before = await fingerprint();
    const res = await post(`/surveys/${s.id}/questions/workload`, { key: 'workload', type: 'single', 'text.da': 'Hvor travlt har du?', options: 'for-lav | For lav\npassende | Passende\nfor-hoej | For høj', required: 'on' });
    expect(res.statusCode).toBe(422);
    expect(fieldErrorOf(res.body, 'key')).toContain('«Hvordan er din arbejdsbyrde?» er allerede stillet i en runde');
    expect(await fingerprint()).toBe(before);
    // A translation and help may be added to it.
    const ok = await post(`/surveys/${s.id}/questions/workload`, { key: 'workload', type: 'single', 'text.da': 'Hvordan er din arbejdsbyrde?', 'text.en': 'How is your workload?', 'help.da': 'Tænk på den seneste måned.', options: 'for-lav | For lav\npassende | Passende\nfor-hoej | For høj', required: 'on' });
    expect(ok.statusCode).toBe(303);
    // Under a new key it is a new question, and the old one is retired.
    const renamed = await post(`/surveys/${s.id}/questions/workload`, { key: 'busy', type: 'single', 'text.da': 'Hvor travlt har du?', options: 'Lidt\nMeget', required: 'on' });
    // workload_why's condition names workload: the change is refused above the form, naming that question.
    expect(renamed.statusCode).toBe(422);
    expect(renamed.body).toContain('Betingelsen i «workload_why» henviser til «workload», som ikke findes.');
    expect(await questionsOf(s.id).then((qs) => qs.find((q) => q.key === 'workload')!.text)).toEqual({ da: 'Hvordan er din arbejdsbyrde?', en: 'How is your workload?' });
    // A question nothing depends on takes its new key in its place, and the old one is retired with its answers.
    const hours = await post(`/surveys/${s.id}/questions/hours`, { key: 'hours_week', type: 'number', 'text.da': 'Hvor mange timer er du ansat til om ugen?', numberMin: '0', numberMax: '60' });
    expect(await flashAfter(hours)).toContain('Hvor mange timer er du ansat til om ugen?');
    const qs = await questionsOf(s.id);
    expect(qs.filter((q) => !q.retired).map((q) => q.key)).toEqual(['satisfaction', 'workload', 'workload_why', 'priorities', 'climate', 'hours_week', 'comments']);
    expect(qs.filter((q) => q.retired).map((q) => q.key)).toEqual(['hours']);
  });

  it('is retired, not removed, and listed apart; anonymity is then shown, not offered', async () => {
    const s = await surveyOf(w);
    await openWaveOf(w, s.id);
    const detail = (await get(`/surveys/${s.id}`)).body;
    expect(detail).toContain('Træk tilbage');
    expect(await flashAfter(await post(`/surveys/${s.id}/questions/hours/delete`, {}))).toContain('trukket tilbage');
    const qs = await questionsOf(s.id);
    expect(qs.find((q) => q.key === 'hours')).toMatchObject({ retired: true });
    const page = (await get(`/surveys/${s.id}`)).body;
    expect(page).toContain('Tilbagetrukne spørgsmål');
    const settings = (await get(`/surveys/${s.id}/edit`)).body;
    expect(settings).not.toContain('name="anonymous"');
    expect(settings).toContain('ligger fast');
    // A changed anonymity is not even read from the form.
    await post(`/surveys/${s.id}`, { 'title.da': 'Ny titel', anonymous: 'no', background: [] });
    expect(await findSurvey(t.database.db, s.id)).toMatchObject({ title: { da: 'Ny titel' }, anonymous: true, background: ['unit', 'membership_type', 'workplace_kind'] });
  });
});

describe('bad input on every form: told beside the field, in the reader’s language, nothing written', () => {
  it('the new survey', async () => {
    const before = await fingerprint();
    const res = await post('/surveys', newSurvey({ 'title.da': '', 'title.sv': 'Bara svenska', anonymous: '', type: 'single', options: 'Kun én\nBAD VALUE | Noget', 'text.da': '', 'text.sv': '' }));
    expect(res.statusCode).toBe(422);
    expect(fieldErrorOf(res.body, 'title.da')).toBe('Skriv også teksten på dansk: den vises, når en oversættelse mangler.');
    expect(fieldErrorOf(res.body, 'anonymous')).toBe('Vælg, om undersøgelsen er anonym.');
    expect(fieldErrorOf(res.body, 'options')).toContain('Linje 2: værdien «BAD VALUE»');
    expect(fieldErrorOf(res.body, 'text.da')).toBe('Spørgsmålets tekst skal udfyldes.');
    // What was typed stays.
    expect(res.body).toContain('Bara svenska');
    expect(await fingerprint()).toBe(before);
    const small = await post('/surveys', newSurvey({ minGroup: '2' }));
    expect(small.statusCode).toBe(422);
    expect(fieldErrorOf(small.body, 'minGroup')).toContain('Mindste gruppe');
    const one = await post('/surveys', newSurvey({ type: 'single', options: 'Kun én' }));
    expect(fieldErrorOf(one.body, 'options')).toContain('mindst to svarmuligheder');
    expect(await fingerprint()).toBe(before);
  });

  it('a question: each type’s own rules on its own field, a Swedish text too long on the Swedish field', async () => {
    const s = await surveyOf(w);
    const before = await fingerprint();
    const add = (fields: Record<string, string>) => post(`/surveys/${s.id}/questions`, { key: '', 'condition.key': '', 'condition.values': '', ...fields });
    const matrix = await add({ type: 'matrix', 'text.da': 'Hvor enig er du?', statements: '', scale: '1-7' });
    expect(matrix.statusCode).toBe(422);
    expect(fieldErrorOf(matrix.body, 'scale')).toContain('Skala');
    const noStatements = await add({ type: 'matrix', 'text.da': 'Hvor enig er du?', statements: '', scale: '1-5' });
    expect(fieldErrorOf(noStatements.body, 'statements')).toContain('mindst ét udsagn');
    const bounds = await add({ type: 'number', 'text.da': 'Hvor mange timer?', numberMin: '40', numberMax: '10' });
    expect(fieldErrorOf(bounds.body, 'numberMax')).toContain('største tal være større end mindste');
    const notNumber = await add({ type: 'number', 'text.da': 'Hvor mange timer?', numberMin: 'ti' });
    expect(fieldErrorOf(notNumber.body, 'numberMin')).toContain('Mindste tal');
    const long = await add({ type: 'text', 'text.da': 'Kort', 'text.sv': 'x'.repeat(501) });
    expect(long.statusCode).toBe(422);
    expect(fieldErrorOf(long.body, 'text.sv')).toContain('Spørgsmålets tekst (svensk)');
    // The Swedish texts fold open to show their error.
    expect(long.body).toMatch(/<details class="history" open/);
    const condition = await add({ type: 'text', 'text.da': 'Hvorfor?', 'condition.key': 'workload', 'condition.values': 'Alt for høj' });
    expect(fieldErrorOf(condition.body, 'condition.values')).toContain('«Alt for høj»');
    const taken = await add({ type: 'text', key: 'comments', 'text.da': 'Igen' });
    expect(fieldErrorOf(taken.body, 'key')).toContain('«comments» er brugt');
    const badKey = await add({ type: 'text', key: 'Ikke Gyldig', 'text.da': 'Igen' });
    expect(fieldErrorOf(badKey.body, 'key')).toContain('Nøgle skal være små bogstaver');
    const translation = await add({ type: 'single', 'text.da': 'Valg', options: 'Ja\nNej', 'options.sv': 'Ja\nNej\nKanske' });
    expect(fieldErrorOf(translation.body, 'options.sv')).toContain('de 2 på dansk');
    const noType = await add({ 'text.da': 'Uden type' });
    expect(fieldErrorOf(noType.body, 'type')).not.toBeNull();
    // A key left blank is suggested from the text on the form that comes back.
    expect(noType.body).toContain('value="uden_type"');
    expect(await fingerprint()).toBe(before);
  });

  it('the settings', async () => {
    const s = await surveyOf(w);
    const before = await fingerprint();
    const res = await post(`/surveys/${s.id}`, { 'title.da': '', 'intro.da': 'x'.repeat(5001), anonymous: 'yes', minGroup: '2' });
    expect(res.statusCode).toBe(422);
    expect(fieldErrorOf(res.body, 'title.da')).toBe('Titel skal udfyldes.');
    expect(fieldErrorOf(res.body, 'intro.da')).toContain('Indledning');
    expect(fieldErrorOf(res.body, 'minGroup')).toContain('Mindste gruppe');
    expect(await fingerprint()).toBe(before);
  });

  it('the wave: times on the organisation’s clock, their order, reminders between them, a closing already past', async () => {
    const s = await surveyOf(w);
    const before = await fingerprint();
    const order = await post(`/surveys/${s.id}/waves`, { opensAt: inDays(5), closesAt: inDays(2), 'reminders.0': '', 'reminders.1': '' });
    expect(order.statusCode).toBe(422);
    expect(fieldErrorOf(order.body, 'closesAt')).toBe('Lukketidspunktet skal være efter åbningen.');
    const reminder = await post(`/surveys/${s.id}/waves`, { opensAt: inDays(1), closesAt: inDays(10), 'reminders.0': '', 'reminders.1': inDays(12) });
    expect(fieldErrorOf(reminder.body, 'reminders.1')).toBe('En påmindelse skal ligge mellem åbning og lukning.');
    const garbled = await post(`/surveys/${s.id}/waves`, { opensAt: 'i morgen', closesAt: '' });
    expect(fieldErrorOf(garbled.body, 'opensAt')).toContain('Åbner');
    expect(fieldErrorOf(garbled.body, 'closesAt')).toContain('Lukker');
    const past = await post(`/surveys/${s.id}/waves`, { opensAt: inDays(-10), closesAt: inDays(-2) });
    expect(fieldErrorOf(past.body, 'closesAt')).toBe('Lukketidspunktet er allerede passeret.');
    const segment = await post(`/surveys/${s.id}/waves`, { opensAt: inDays(1), closesAt: inDays(10), segmentId: '00000000-0000-4000-8000-000000000000' });
    expect(fieldErrorOf(segment.body, 'segmentId')).toBe('Segmentet findes ikke, eller du må ikke bruge det.');
    const subject = await post(`/surveys/${s.id}/waves`, { opensAt: inDays(1), closesAt: inDays(10), 'invitation.subject.da': 'Svar venligst', 'invitation.body.da': '' });
    expect(fieldErrorOf(subject.body, 'invitation.body.da')).toContain('Tekst');
    expect(await fingerprint()).toBe(before);
  });

  it('in the reader’s language: a Swedish-speaking administrator reads the same errors in Swedish', async () => {
    await t.database.db.execute(sql`update persons set preferred_locale = 'sv' where id = ${w.admin.id}::uuid`);
    const s = await surveyOf(w);
    await cookieOf(w.admin);
    const before = await fingerprint();
    const survey = await post('/surveys', newSurvey({ 'title.da': '', 'title.sv': '', anonymous: '' }), w.admin);
    expect(survey.statusCode).toBe(422);
    expect(fieldErrorOf(survey.body, 'anonymous')).toBe('Välj om enkäten är anonym.');
    expect(fieldErrorOf(survey.body, 'title.da')).toContain('Titel');
    const wave = await post(`/surveys/${s.id}/waves`, { opensAt: inDays(5), closesAt: inDays(2) }, w.admin);
    expect(fieldErrorOf(wave.body, 'closesAt')).not.toBe('Lukketidspunktet skal være efter åbningen.');
    expect(fieldErrorOf(wave.body, 'closesAt')).toMatch(/stäng/i);
    const question = await post(`/surveys/${s.id}/questions`, { type: 'single', 'text.da': 'Valg', options: 'Kun én' }, w.admin);
    expect(fieldErrorOf(question.body, 'options')).toMatch(/minst två svarsalternativ/);
    expect(await fingerprint()).toBe(before);
  });
});

describe('the list, and the board’s view', () => {
  it('lists the surveys of the reader’s units with their waves and rates; staff elsewhere see none of the north’s', async () => {
    const s = await surveyOf(w, { title: 'Listens undersøgelse' });
    await openWaveOf(w, s.id, { name: 'Listens runde' });
    const list = (await get('/surveys')).body;
    expect(list).toContain('Listens undersøgelse');
    expect(list).toContain('Listens runde');
    expect(list).toContain('Svarprocent 0');
    expect(list).toContain('href="/surveys/new"');
    expect(list).toContain('href="/surveys?archived=true"');
    const elsewhere = (await get('/surveys', w.staffElsewhere)).body;
    expect(elsewhere).not.toContain('Listens undersøgelse');
  });

  it('shows the board a survey read-only: no changing, no planning, but the results', async () => {
    const s = await surveyOf(w, { title: 'Bestyrelsens blik' });
    await openWaveOf(w, s.id);
    const list = (await get('/surveys', w.board)).body;
    expect(list).toContain('Bestyrelsens blik');
    expect(list).not.toContain('href="/surveys/new"');
    const page = (await get(`/surveys/${s.id}`, w.board)).body;
    expect(page).toContain('Bestyrelsens blik');
    expect(page).toContain('/results"');
    for (const action of ['/edit"', '/move"', '/delete"', '/waves/new"', '/close"', '/questions/new"']) expect(page).not.toContain(action);
  });
});
