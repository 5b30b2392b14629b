import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { day, grantWorld, poolOf, type GrantWorld } from './grants.fixture.js';
import { applicationIn } from './pages.fixture.js';
import { money } from './mails.js';
import type { PoolView } from './pools.js';

let t: TestApp;
let w: GrantWorld;
const rows = async (q: string, p: unknown[] = []) => (await t.database.executeSql(q, p)).rows as Record<string, unknown>[];
const cookieOf = async (personId: string) => (await loginAs(t.database, personId)).cookie;
const get = async (url: string, personId: string) => t.app.inject({ method: 'GET', url, headers: { cookie: await cookieOf(personId), accept: 'text/html' } });
const kr = (minor: number) => money('da', minor, 'DKK');

/** What a person types into the new pool's form. */
const newPoolForm = (overrides: Record<string, string | string[]> = {}): Record<string, string> => ({
  unitId: w.org.north,
  name: 'Initiativpuljen 2030',
  description: 'Penge til medlemmernes egne aktiviteter.',
  rules: 'Puljen støtter **foredrag**.',
  periodStart: day(-10),
  periodEnd: day(300),
  currency: 'DKK',
  budget: '150000',
  maxPerApplication: '10000,50',
  opensOn: '',
  closesOn: '',
  questions: 'Hvem er aktiviteten for?\n\nHvordan når I ud til kollegerne?\n',
  reportDays: '30',
  public: 'on',
  ...(overrides as Record<string, string>),
});

/** A urlencoded body with repeated checkbox fields, as a browser sends it. */
async function postPoolForm(url: string, personId: string, fields: Record<string, string>, checks: Record<string, string[]>) {
  const session = await formSession(t.app, url, await cookieOf(personId));
  const body = new URLSearchParams({ _csrf: session.csrf, ...fields });
  for (const [k, vs] of Object.entries(checks)) for (const v of vs) body.append(k, v);
  return t.app.inject({ method: 'POST', url, headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: body.toString() });
}

/**
 * The pool whose page the tests read: 50.000 kr.; one activity granted in full and paid out (4.000),
 * one granted lower than asked (3.000 of 4.000), one submitted (2.500), one rejected, and one paid
 * out whose activity was long ago, so its report is overdue (1.500).
 */
let pool: PoolView;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  w = await grantWorld(t.database);
  pool = await poolOf(w, w.staff, { name: 'Tallenes pulje', budget: 50_000_00, periodStart: day(-100), opensOn: day(-10), closesOn: day(60), reportDays: 30 });
  ids.paid = await applicationIn(w, pool, 'paid_out', { title: 'Foredrag om stress', requested: 4_000_00, activityDate: day(20) });
  ids.lower = await applicationIn(w, pool, 'granted', { title: 'Workshop om trivsel', requested: 4_000_00, granted: 3_000_00 });
  ids.waiting = await applicationIn(w, pool, 'submitted', { title: 'Netværksmøde for nye', requested: 2_500_00 });
  ids.rejected = await applicationIn(w, pool, 'rejected', { title: 'Julefrokost', requested: 5_000_00 });
  ids.overdue = await applicationIn(w, pool, 'paid_out', { title: 'Arbejdspladsbesøg i foråret', requested: 1_500_00, activityDate: day(-40), by: w.otherMember });
}, 90_000);
afterAll(() => t?.close());

describe('the pool pages', () => {
  it('opens a pool from the form, in øre, with its first budget line', async () => {
    const form = await get('/grants/pools/new', w.staff.id);
    expect(form.statusCode).toBe(200);
    // Only the units the staff grant reaches are offered.
    expect(form.body).toContain('Kreds Nord');
    expect(form.body).not.toContain('Kreds Syd');
    const res = await postPoolForm('/grants/pools/new', w.staff.id, newPoolForm(), { purposes: ['talk', 'workshop'], applicantKinds: ['members'] });
    expect(res.statusCode).toBe(303);
    const id = String(res.headers.location).split('/').pop()!;
    const [p] = await rows('select name, budget, max_per_application as max, purposes, applicant_kinds as kinds, questions, public, opens_on from grant_pools where id = $1', [id]);
    expect(p).toMatchObject({ name: 'Initiativpuljen 2030', public: true, opens_on: null });
    expect(Number(p.budget)).toBe(150_000_00);
    expect(Number(p.max)).toBe(10_000_50);
    expect(p.purposes).toEqual(['talk', 'workshop']);
    expect(p.kinds).toEqual(['members']);
    expect((p.questions as { text: string }[]).map((q) => q.text)).toEqual(['Hvem er aktiviteten for?', 'Hvordan når I ud til kollegerne?']);
    const history = await rows('select old_budget, new_budget from grant_pool_budget_changes where pool_id = $1', [id]);
    expect(history).toHaveLength(1);
    expect(history[0].old_budget).toBeNull();
    expect(Number(history[0].new_budget)).toBe(150_000_00);
    const page = await get(String(res.headers.location), w.staff.id);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Initiativpuljen 2030');
  });

  it('re-renders the form with 422, each error naming its field in Danish, and writes nothing', async () => {
    const before = await rows('select (select count(*) from grant_pools)::int as p, (select count(*) from grant_pool_budget_changes)::int as c');
    const res = await postPoolForm('/grants/pools/new', w.staff.id, newPoolForm({ name: '', budget: '1.500', maxPerApplication: '12,345', periodEnd: day(-20), reportDays: 'tre' }), { purposes: [], applicantKinds: ['members'] });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Navn skal udfyldes.');
    expect(res.body).toContain('id="field-error-budget"');
    expect(res.body).toContain('id="field-error-maxPerApplication"');
    expect(res.body).toContain('Skriv beløbet i kroner med højst to decimaler');
    expect(res.body).toContain('Perioden skal slutte efter den begynder.');
    expect(res.body).toContain('Dage til afrapportering skal være et tal');
    expect(res.body).toContain('Vælg mindst ét formål, som puljen støtter.');
    // What was typed stays in the form.
    expect(res.body).toContain('value="1.500"');
    expect(res.body).toContain('Hvordan når I ud til kollegerne?');
    expect(await rows('select (select count(*) from grant_pools)::int as p, (select count(*) from grant_pool_budget_changes)::int as c')).toEqual(before);
  });

  it('shows the budget at a glance: exact figures, the SVG bar and the same figures in its table', async () => {
    const res = await get(`/grants/pools/${pool.id}`, w.board.id);
    expect(res.statusCode).toBe(200);
    expect(kr(43_000_00)).toBe('43.000,00\u00a0kr.');
    // Granted: 4.000 + 3.000 + 1.500; paid out 4.000 + 1.500; left 50.000 − 8.500.
    const figure = (key: string) => new RegExp(`data-figure="${key}"[\\s\\S]*?<td class="numeric nowrap">([^<]+)</td>`).exec(res.body)?.[1];
    expect(figure('budget')).toBe(kr(50_000_00));
    expect(figure('granted')).toBe(kr(8_500_00));
    expect(figure('paid')).toBe(kr(5_500_00));
    expect(figure('unpaid')).toBe(kr(3_000_00));
    expect(figure('left')).toBe(kr(41_500_00));
    const svg = /<svg class="grant-bar"[^>]*>/.exec(res.body)?.[0] ?? '';
    expect(svg).toContain('role="img"');
    expect(svg).toContain(`aria-label="Budget ${kr(50_000_00)}: bevilget ${kr(8_500_00)}, heraf udbetalt ${kr(5_500_00)}; tilbage ${kr(41_500_00)}"`);
    // The paid part is 11 % of the bar and the granted-but-unpaid part 6 % after it.
    expect(res.body).toContain('<rect class="grant-bar-paid" x="0" y="0" width="11%"');
    expect(res.body).toContain('<rect class="grant-bar-unpaid" x="11%" y="0" width="6%"');
    expect(res.body).toContain('<caption class="visually-hidden">Budgettet i tal</caption>');
  });

  it('lists the queue by state and the overdue report', async () => {
    const res = await get(`/grants/pools/${pool.id}`, w.staff.id);
    const section = (from: string, to: string) => res.body.slice(res.body.indexOf(`id="${from}"`), res.body.indexOf(`id="${to}"`));
    const submitted = section('queue-submitted', 'queue-in_review');
    expect(submitted).toContain('Indsendt (1)');
    expect(submitted).toContain(`href="/grants/applications/${ids.waiting}"`);
    expect(submitted).toContain('Netværksmøde for nye');
    expect(submitted).toContain(kr(2_500_00));
    expect(section('queue-granted', 'queue-paid_out')).toContain('Workshop om trivsel');
    const paid = section('queue-paid_out', 'queue-reported');
    expect(paid).toContain('Foredrag om stress');
    expect(paid).toContain('Arbejdspladsbesøg i foråret');
    expect(section('queue-done', 'pool-history')).toContain('Julefrokost');
    const overdue = section('pool-overdue', 'pool-queue');
    expect(overdue).toContain(`href="/grants/applications/${ids.overdue}"`);
    expect(overdue).toContain('Andetmedlem');
    expect(overdue).not.toContain('Foredrag om stress');
    expect(overdue).toContain('Over tid');
    // Staff see the links to change the pool and to the bookkeeper's file; the board only the file.
    expect(res.body).toContain(`href="/grants/pools/${pool.id}/edit"`);
    const board = await get(`/grants/pools/${pool.id}`, w.board.id);
    expect(board.body).not.toContain(`href="/grants/pools/${pool.id}/edit"`);
    expect(board.body).toContain(`href="/grants/pools/${pool.id}/export.csv"`);
  });

  it('exports the decided applications as CSV for the bookkeeper, in kroner, headers in Danish', async () => {
    const res = await get(`/grants/pools/${pool.id}/export.csv`, w.board.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="grants-\d{4}-[0-9a-f]{8}\.csv"$/);
    const lines = res.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0].split(';').slice(0, 4)).toEqual(['Id', 'Aktivitet', 'Ansøger', 'Formål']);
    expect(lines[0]).toContain('Bevilget (kr.)');
    // Four decided (two paid, one granted lower, one rejected); the submitted one is not decided.
    expect(lines).toHaveLength(5);
    expect(res.body).not.toContain('Netværksmøde for nye');
    const lower = lines.find((l) => l.includes('Workshop om trivsel'))!.split(';');
    expect(lower).toContain('4000.00');
    expect(lower).toContain('3000.00');
    expect(lines.find((l) => l.includes('Julefrokost'))).toContain('Afslået');
  });

  it('changes the budget from the edit form and keeps the reason in the history; refuses one below what is granted', async () => {
    const edit = await get(`/grants/pools/${pool.id}/edit`, w.staff.id);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="50000"');
    // Money is granted: the currency is fixed, and the form says so.
    expect(edit.body).not.toContain('name="currency"');
    const fields = {
      name: 'Tallenes pulje',
      description: '',
      rules: '',
      periodStart: day(-100),
      periodEnd: day(300),
      budget: '60000',
      maxPerApplication: '10000',
      opensOn: day(-10),
      closesOn: day(60),
      questions: 'Hvordan når I ud til kollegerne?',
      reportDays: '30',
      budgetReason: 'Ekstra midler fra hovedbestyrelsen',
    };
    const checks = { purposes: ['talk', 'workshop', 'network_meeting', 'workplace_visit'], applicantKinds: ['members', 'stewards'] };
    const res = await postPoolForm(`/grants/pools/${pool.id}/edit`, w.staff.id, fields, checks);
    expect(res.statusCode).toBe(303);
    const [p] = await rows('select budget, public from grant_pools where id = $1', [pool.id]);
    expect(Number(p.budget)).toBe(60_000_00);
    expect(p.public).toBe(false);
    const history = await rows('select old_budget, new_budget, reason from grant_pool_budget_changes where pool_id = $1 order by changed_at', [pool.id]);
    expect(history.at(-1)).toMatchObject({ reason: 'Ekstra midler fra hovedbestyrelsen' });
    expect(Number(history.at(-1)!.old_budget)).toBe(50_000_00);
    const page = await get(`/grants/pools/${pool.id}`, w.staff.id);
    const shown = page.body.slice(page.body.indexOf('id="pool-history"'));
    expect(shown).toContain(`${kr(50_000_00)} → ${kr(60_000_00)}`);
    expect(shown).toContain('Ekstra midler fra hovedbestyrelsen');
    expect(shown).toContain('Sanne Sekretær');

    const below = await postPoolForm(`/grants/pools/${pool.id}/edit`, w.staff.id, { ...fields, budget: '5000', maxPerApplication: '5000' }, checks);
    expect(below.statusCode).toBe(409);
    expect(below.body).toContain('id="field-error-budget"');
    expect(below.body).toContain(`allerede er bevilget (${kr(8_500_00)})`);
    expect(Number((await rows('select budget from grant_pools where id = $1', [pool.id]))[0].budget)).toBe(60_000_00);
  });

  it('gives everyone signed in the pools they can apply to and their own applications', async () => {
    const res = await get('/grants', w.otherMember.id);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('id="pools-reviewed"');
    expect(res.body).toContain(`href="/grants/pools/${w.pool.id}/apply"`);
    expect(res.body).toContain(`href="/grants/applications/${ids.overdue}"`);
    expect(res.body).toContain('Afrapportering mangler');
    expect(res.body).not.toContain('Ny pulje');
    const staff = await get('/grants', w.staff.id);
    expect(staff.body).toContain('id="pools-reviewed"');
    expect(staff.body).toContain(`href="/grants/pools/${pool.id}"`);
    expect(staff.body).toContain('Ny pulje');
    // The south's board reviews only the south's pools.
    const south = await get('/grants', w.boardElsewhere.id);
    expect(south.body).not.toContain(`href="/grants/pools/${pool.id}"`);
    expect(south.body).toContain('Sydpuljen');
  });
});
