import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, testApp, type TestApp } from '../../test/app.js';
import { submitResponse } from './answering.js';
import { answersFor, openWaveOf, surveyOf, surveyWorld, type SurveyWorld } from './surveys.fixture.js';
import { closeWave, type WaveRow } from './waves.js';
import type { SurveyView } from './surveys.js';

/*
 * The results pages through the app, against hand-counted answers: the figures in the charts'
 * tables, suppressed cells that show no number anywhere, the filter by background variables and its
 * refusal of a small group, the trend across waves with its means, and the printable report.
 */

let t: TestApp;
let w: SurveyWorld;
let cookie: { staff: string; board: string };
const get = (url: string, who: string = cookie.staff) => t.app.inject({ method: 'GET', url, headers: { cookie: who, accept: 'text/html' } });

/** The markup of one question's card on the page. */
function questionCard(html: string, key: string): string {
  const start = html.indexOf(`aria-labelledby="q-${key}"`);
  if (start < 0) throw new Error(`no question ${key} on the page`);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}

/** The cells of a chart table's row: the row heading, then each cell's text. */
function tableRow(html: string, heading: string): string[] {
  const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1].replace(/<[^>]+>/g, '').trim()));
  const row = rows.find((r) => r[0] === heading);
  if (!row) throw new Error(`no row ${heading}`);
  return row;
}

/** A share as the Danish pages write it: "58 %" with a no-break space. */
const pct = (n: number) => `${n}\u00a0%`;

let survey: SurveyView;
let wave: WaveRow;
const NOTE = 'færre end 5 svar – vises ikke';

/*
 * Twelve responses (members 0–11; members 10 and 11 are of the other membership type), counted by hand:
 * satisfaction (scale 1–5): 5 ×7, 4 ×5                         → 5: 7 (58 %), 4: 5 (42 %), mean 55/12 = 4,6
 * workload (single): for lav ×2, passende ×7, for høj ×3        → passende 7 (58 %); 2 and 3 hidden
 * workload_why (text, asked when "for høj"): 3 answers          → hidden
 * priorities (multiple): pay ×9, hours ×4, pension ×6           → pay 9 (75 %), pension 6 (50 %); hours hidden (33 %)
 * climate (matrix 1–5): respect 4 ×6, 5 ×6; voice 1 ×2, 3 ×10   → respect 50/50; voice hidden entirely (2 and its complement)
 * hours (number): 30 ×4, 37 ×8                                 → mean 34,7, median 37
 * comments (text): 12 answers, one of them markup               → listed, escaped
 */
function answersOf(i: number): Record<string, unknown> {
  const workload = i < 2 ? 'for-lav' : i < 9 ? 'passende' : 'for-hoej';
  return {
    satisfaction: i < 7 ? 5 : 4,
    workload,
    ...(workload === 'for-hoej' ? { workload_why: `Grund nummer ${i}` } : {}),
    priorities: [...(i < 9 ? ['pay'] : []), ...(i >= 8 ? ['hours'] : []), ...(i % 2 === 0 ? ['pension'] : [])],
    climate: { respect: i < 6 ? 4 : 5, voice: i < 2 ? 1 : 3 },
    hours: i < 4 ? 30 : 37,
    comments: i === 0 ? '<script>alert("x")</script> for travlt' : `Kommentar nummer ${i}`,
  };
}

beforeAll(async () => {
  t = await testApp();
  w = await surveyWorld(t.database);
  cookie = { staff: (await loginAs(t.database, w.staff.id)).cookie, board: (await loginAs(t.database, w.board.id)).cookie };
  survey = await surveyOf(w, { title: 'Trivsel 2026' });
  wave = await openWaveOf(w, survey.id, { name: 'Forår 2026' });
  for (let i = 0; i < 12; i++) {
    const done = await submitResponse(t.database.db, { personId: w.members[i].id, via: 'session' }, wave.id, answersOf(i));
    if (!done.ok) throw new Error(JSON.stringify(done));
  }
}, 120_000);
afterAll(() => t?.close());

describe('a wave’s results page', () => {
  it('shows the wave’s figures and the hand-counted counts, shares and means in the charts’ tables', async () => {
    const res = await get(`/surveys/waves/${wave.id}/results`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('Trivsel 2026');
    expect(html).toContain('Forår 2026');
    // 12 of 13 invited (twelve members and the steward of the north): 92 %.
    expect(html).toMatch(/<dt>Inviterede<\/dt>\s*<dd>13<\/dd>/);
    expect(html).toMatch(/<dt>Besvarelser<\/dt>\s*<dd>12<\/dd>/);
    expect(html).toContain(pct(92));

    const sat = questionCard(html, 'satisfaction');
    expect(tableRow(sat, '5 – Meget tilfreds')).toEqual(['5 – Meget tilfreds', '7', pct(58)]);
    expect(tableRow(sat, '4')).toEqual(['4', '5', pct(42)]);
    expect(tableRow(sat, '1 – Meget utilfreds')).toEqual(['1 – Meget utilfreds', '0', pct(0)]);
    expect(sat).toContain('Gennemsnit: 4,6');
    expect(sat).toContain('12 har svaret');

    const workload = questionCard(html, 'workload');
    expect(tableRow(workload, 'Passende')).toEqual(['Passende', '7', pct(58)]);
    expect(tableRow(workload, 'For lav')).toEqual(['For lav', NOTE]);
    expect(tableRow(workload, 'For høj')).toEqual(['For høj', NOTE]);

    const priorities = questionCard(html, 'priorities');
    expect(tableRow(priorities, 'Løn')).toEqual(['Løn', '9', pct(75)]);
    expect(tableRow(priorities, 'Pension')).toEqual(['Pension', '6', pct(50)]);
    expect(tableRow(priorities, 'Arbejdstid')).toEqual(['Arbejdstid', NOTE]);
    // The total of a multiple choice is those who answered, not the sum of the choices.
    expect(tableRow(priorities, 'Har svaret')).toEqual(['Har svaret', '12', '']);

    const climate = questionCard(html, 'climate');
    const none = `${pct(0)} (0)`;
    expect(tableRow(climate, 'Vi behandler hinanden med respekt')).toEqual(['Vi behandler hinanden med respekt', none, none, none, `${pct(50)} (6)`, `${pct(50)} (6)`, '12']);
    expect(tableRow(climate, 'Jeg bliver hørt')).toEqual(['Jeg bliver hørt', NOTE, NOTE, NOTE, NOTE, NOTE, '']);

    const hours = questionCard(html, 'hours');
    expect(hours).toMatch(/<dt>Gennemsnit<\/dt>\s*<dd>34,7<\/dd>/);
    expect(hours).toMatch(/<dt>Median<\/dt>\s*<dd>37<\/dd>/);
    expect(hours).toMatch(/<dt>Antal svar<\/dt>\s*<dd>12<\/dd>/);

    const comments = questionCard(html, 'comments');
    expect((comments.match(/<li>/g) ?? []).length).toBe(12);
    expect(comments).toContain('Kommentar nummer 11');
    expect(comments).toContain('&lt;script>alert(&#34;x&#34;)&lt;/script> for travlt');
    expect(html).not.toContain('<script>alert');

    // Three answered the conditional question: too few to list.
    const why = questionCard(html, 'workload_why');
    expect(why).toContain('Færre end 5 har svaret');
    expect(why).not.toContain('Grund nummer');
    // The rule is stated, with the threshold.
    expect(html).toContain('vises intet tal for en gruppe på færre end 5 svar');
  });

  it('shows a suppressed cell’s number nowhere: not in the table, the drawing, a share or a mean', async () => {
    const html = (await get(`/surveys/waves/${wave.id}/results`)).body;
    const workload = questionCard(html, 'workload');
    // For lav 2 (17 %), for høj 3 (25 %): neither count nor share appears in the question.
    expect(workload).not.toMatch(/\(2\)|\(3\)|>2<|>3</);
    expect(workload).not.toContain(pct(17));
    expect(workload).not.toContain(pct(25));
    const priorities = questionCard(html, 'priorities');
    // Arbejdstid 4 of 12 (33 %).
    expect(priorities).not.toMatch(/\(4\)|>4</);
    expect(priorities).not.toContain(pct(33));
    // Jeg bliver hørt: 1 ×2, 3 ×10 (17 %, 83 %): neither cell (its mean is a figure of all twelve, and shown).
    const climate = questionCard(html, 'climate');
    expect(climate).not.toContain('(10)');
    expect(climate).not.toContain('(2)');
    expect(climate).not.toContain(pct(83));
    // Nor anywhere on the page.
    for (const s of [pct(17), pct(25), pct(33), pct(83)]) expect(html).not.toContain(s);
  });

  it('links to the CSV for staff only, to the report for both, and to the trend only where another wave asked the question', async () => {
    const staff = (await get(`/surveys/waves/${wave.id}/results`)).body;
    const board = (await get(`/surveys/waves/${wave.id}/results`, cookie.board)).body;
    expect(staff).toContain(`/api/v1/survey-waves/${wave.id}/export.csv`);
    expect(board).not.toContain('export.csv');
    expect(board).toContain(`/surveys/waves/${wave.id}/report`);
    expect(staff).not.toContain('/trend?question=');
  });

  it('filters by membership type, marks the type with too few answers, and refuses it with the message', async () => {
    const page = (await get(`/surveys/waves/${wave.id}/results`)).body;
    // The other type has two responses: offered, but disabled and marked.
    expect(page).toMatch(new RegExp(`<option value="${w.otherTypeId}" disabled>Studerende \\(for få svar\\)</option>`));
    expect(page).toMatch(new RegExp(`<option value="${w.typeId}">Ordinært medlem</option>`));

    const filtered = await get(`/surveys/waves/${wave.id}/results?unit=&membershipType=${w.typeId}&workplaceKind=`);
    expect(filtered.statusCode).toBe(200);
    // Members 0–9: satisfaction 5 ×7, 4 ×3 → 4 hidden, and 5 with it (one hidden count would be given away by the total).
    const sat = questionCard(filtered.body, 'satisfaction');
    expect(sat).toContain('10 har svaret');
    expect(tableRow(sat, '5 – Meget tilfreds')).toEqual(['5 – Meget tilfreds', NOTE]);
    // Workload among them: for lav 2, passende 7, for høj 1.
    expect(tableRow(questionCard(filtered.body, 'workload'), 'Passende')).toEqual(['Passende', '7', pct(70)]);
    expect(filtered.body).toContain('10 besvarelser fra Ordinært medlem');
    // The whole wave's figures stay as they are; the report link keeps the filter.
    expect(filtered.body).toMatch(/<dt>Besvarelser<\/dt>\s*<dd>12<\/dd>/);
    expect(filtered.body).toContain(`/surveys/waves/${wave.id}/report?membershipType=${w.typeId}`);
    expect(filtered.body).toMatch(new RegExp(`<option value="${w.typeId}" selected>`));

    const small = await get(`/surveys/waves/${wave.id}/results?membershipType=${w.otherTypeId}`);
    expect(small.statusCode).toBe(422);
    expect(small.body).toContain('role="alert"');
    expect(small.body).toContain('Gruppen har færre end 5 svar, så resultatet vises ikke');
    expect(small.body).not.toContain('aria-labelledby="q-satisfaction"');
    expect(small.body).not.toContain('Kommentar nummer');

    const bad = await get(`/surveys/waves/${wave.id}/results?unit=not-a-unit`);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).not.toContain('aria-labelledby="q-satisfaction"');
    // Said in words on the field it concerns, not as a bare key.
    expect(bad.body).toMatch(/<div class="field field-invalid"><label for="filter-unit">Kreds<\/label><p class="field-error" id="filter-unit-error">[^<.]*\p{L}/u);
    expect(bad.body).not.toMatch(/>(validation|survey|fields)\.[a-z_]+</);
  });

  it('says plainly when the whole wave is under the smallest group, and shows only its counts', async () => {
    const s = await surveyOf(w, { title: 'Lille runde' });
    const small = await openWaveOf(w, s.id, { name: 'Prøverunde' });
    for (let i = 0; i < 4; i++) await submitResponse(t.database.db, { personId: w.members[i].id, via: 'session' }, small.id, answersFor(i));
    const res = await get(`/surveys/waves/${small.id}/results`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Runden har 4 besvarelser. Det er færre end 5, så resultaterne vises ikke');
    expect(res.body).not.toContain('aria-labelledby="q-');
    expect(res.body).not.toContain('<figure');
    expect(res.body).not.toContain('Kommentar');
    const report = await get(`/surveys/waves/${small.id}/report`);
    expect(report.statusCode).toBe(200);
    expect(report.body).not.toContain('<figure');
  });
});

describe('the trend page', () => {
  let trendSurvey: SurveyView;
  const waves: WaveRow[] = [];
  /*
   * satisfaction in four waves, by hand:
   * Runde 1: 5 ×5, 4 ×1          → mean 29/6 = 4,8; the top two (4 or 5) are everyone: 100 %
   * Runde 2: 1, 2, 3, 4, 5, 3, 3 → mean 21/7 = 3,0; every count hidden, so no share of the top two
   * Runde 3: 2 ×5, 4 ×6          → mean 34/11 = 3,1; 4 or 5: 6 of 11 = 55 %
   * Runde 4: 5 ×3                → under the smallest group: a gap
   */
  const plan = [[5, 5, 5, 5, 5, 4], [1, 2, 3, 4, 5, 3, 3], [2, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4], [5, 5, 5]];

  beforeAll(async () => {
    trendSurvey = await surveyOf(w, { title: 'Trivsel over tid' });
    for (const [n, values] of plan.entries()) {
      const wv = await openWaveOf(w, trendSurvey.id, { name: `Runde ${n + 1}` });
      for (const [i, v] of values.entries()) await submitResponse(t.database.db, { personId: w.members[i].id, via: 'session' }, wv.id, { satisfaction: v, workload: 'passende' });
      if (n < plan.length - 1) await closeWave(t.database.db, wv.id);
      waves.push(wv);
    }
  }, 60_000);

  it('shows the mean per wave, the share of the top two, and a gap for the small wave, in its table and its charts', async () => {
    const res = await get(`/surveys/${trendSurvey.id}/trend?question=satisfaction`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    const table = html.slice(html.indexOf('survey-trend-table'));
    expect(tableRow(table, 'Runde 1').slice(2)).toEqual(['6', '6', '4,8', pct(100)]);
    expect(tableRow(table, 'Runde 2').slice(2)).toEqual(['7', '7', '3,0', NOTE]);
    expect(tableRow(table, 'Runde 3').slice(2)).toEqual(['11', '11', '3,1', pct(55)]);
    expect(tableRow(table, 'Runde 4').slice(2)).toEqual(['3', NOTE, NOTE, NOTE]);
    // The mean's line chart on the scale's own axis, with the same figures in its table.
    const meanChart = html.slice(html.indexOf('id="trend-satisfaction-mean"'), html.indexOf('id="trend-satisfaction-top"'));
    expect(tableRow(meanChart, 'Runde 1')).toEqual(['Runde 1', '4,83']);
    expect(tableRow(meanChart, 'Runde 3')).toEqual(['Runde 3', '3,09']);
    expect(tableRow(meanChart, 'Runde 4')).toEqual(['Runde 4', NOTE]);
    expect(html).toContain('Andel der svarer 4 eller 5');
    expect(html).toContain('I runden Runde 4 var der færre end 5 svar');
    // The picker offers the questions the waves asked, this one chosen.
    expect(html).toMatch(/<option value="satisfaction" selected>1\. Hvor tilfreds er du med dit arbejde\? \(4 runder\)<\/option>/);
  });

  it('follows a choice question’s shares, picks a question by default, and links the results to it', async () => {
    const shares = await get(`/surveys/${trendSurvey.id}/trend?question=workload`);
    expect(shares.statusCode).toBe(200);
    // Everyone answered "passende" in the first three waves: 100 % of them.
    const chart = shares.body.slice(shares.body.indexOf('id="trend-workload-shares"'));
    expect(tableRow(chart, 'Runde 1')).toEqual(['Runde 1', pct(0), pct(100), pct(0)]);
    const first = await get(`/surveys/${trendSurvey.id}/trend`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('id="trend-satisfaction-mean"');
    const results = await get(`/surveys/waves/${waves[2].id}/results`);
    expect(results.body).toContain(`/surveys/${trendSurvey.id}/trend?question=satisfaction`);
  });

  it('refuses a question the survey does not have, naming it', async () => {
    const res = await get(`/surveys/${trendSurvey.id}/trend?question=nope`);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Spørgsmålet «nope» findes ikke i undersøgelsen.');
    expect(res.body).not.toContain('<figure');
  });
});

describe('the printable report', () => {
  it('renders the organisation, survey, wave, rate, rule, date and every question with its chart and figures, without the menu or the filter', async () => {
    const res = await get(`/surveys/waves/${wave.id}/report`, cookie.board);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('Trivsel 2026');
    expect(html).toContain('Rapport over runden Forår 2026');
    expect(html).toContain(pct(92));
    expect(html).toContain('vises intet tal for en gruppe på færre end 5 svar');
    expect(html).toMatch(/Udskrevet \d{1,2}\. \p{L}+ \d{4}/u);
    expect(html).not.toContain('class="main-nav"');
    expect(html).not.toContain('<form');
    // Four charts (three bars, one matrix), with their figures on the bars.
    expect((html.match(/<figure class="chart /g) ?? []).length).toBe(4);
    expect(questionCard(html, 'satisfaction')).toContain(`${pct(58)}</tspan><tspan class="chart-value-count"> (7)`);
    expect(tableRow(questionCard(html, 'satisfaction'), '5 – Meget tilfreds')).toEqual(['5 – Meget tilfreds', '7', pct(58)]);
    expect(questionCard(html, 'comments')).toContain('Kommentar nummer 3');
  });

  it('reports a filtered group, and sends a refused filter back to the results page', async () => {
    const res = await get(`/surveys/waves/${wave.id}/report?membershipType=${w.typeId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('10 besvarelser fra Ordinært medlem');
    const small = await get(`/surveys/waves/${wave.id}/report?membershipType=${w.otherTypeId}`);
    expect(small.statusCode).toBe(303);
    expect(small.headers.location).toBe(`/surveys/waves/${wave.id}/results?membershipType=${w.otherTypeId}`);
  });

  it('is in the reader’s language', async () => {
    await t.database.executeSql(`update persons set preferred_locale = 'en' where id = $1`, [w.admin.id]);
    const en = await get(`/surveys/waves/${wave.id}/report`, (await loginAs(t.database, w.admin.id)).cookie);
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('How satisfied are you with your work?');
    expect(en.body).toContain('Report of the wave Forår 2026');
  });
});
