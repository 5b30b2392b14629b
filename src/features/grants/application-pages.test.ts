import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.js';
import { formSession, loginAs, postForm, postMultipart, testApp, type TestApp } from '../../test/app.js';
import { money } from './mails.js';
import { addReview } from './decisions.js';
import { kronerToOre } from './pages/application-input.js';
import { attachment, day, draft, grantPagesWorld, granted, paidOut, QUESTION, submitted, type GrantPagesWorld, type Someone } from './application-pages.fixture.js';

/*
 * The application pages through the app, as a browser without JavaScript uses them: a member applies
 * (a draft, then sent), the form names the field of every error in Danish, the board decides with a
 * reason that the applicant then reads with the amount and the decider, the reviewers' comments stay
 * theirs, a conflicted reviewer gets no decision form, the report after the payout, an attachment
 * that is not what its name says, and the public page that never names the applicant.
 */

let t: TestApp;
let w: GrantPagesWorld;
const cookies = new Map<string, string>();
const kr = (ore: number) => money('da', ore, 'DKK');

async function cookieOf(who: Someone): Promise<string> {
  if (!cookies.has(who.id)) cookies.set(who.id, (await loginAs(t.database, who.id)).cookie);
  return cookies.get(who.id)!;
}
async function get(who: Someone | null, url: string) {
  return t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(who ? { cookie: await cookieOf(who) } : {}) } });
}
async function post(who: Someone, url: string, fields: Record<string, string>) {
  const session = await formSession(t.app, '/', await cookieOf(who));
  return postForm(t.app, url, session, fields);
}
const count = async (table: string) => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0].n;
/** The text of the field error shown by a field (its id is the form's, `field-error-<name>`). */
const fieldErrorOf = (html: string, name: string, prefix = 'field') => new RegExp(`id="${prefix}-error-${name.replace(/\./g, '\\.')}"[^>]*>([^<]*)<`).exec(html)?.[1] ?? null;

/** A filled-in application form as the browser sends it. */
function applicationForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    purpose: 'talk',
    title: 'Foredrag om stress',
    description: 'Et aftenforedrag for kolleger.',
    activityDate: day(20),
    place: 'Fagforeningshuset',
    expectedParticipants: '30',
    'costLines.0.description': 'Foredragsholder',
    'costLines.0.amount': '2500',
    'costLines.1.description': '',
    'costLines.1.amount': '',
    'costLines.2.description': 'Kaffe og kage',
    'costLines.2.amount': '600,50',
    requested: '3000',
    [`answers.${w.pool.questions[0].id}`]: 'Vi hænger plakater op.',
    intent: 'draft',
    ...overrides,
  };
}

beforeAll(async () => {
  t = await testApp();
  w = await grantPagesWorld(t.database);
}, 180_000);
afterAll(() => t?.close());

describe('kroner in a form', () => {
  it('reads kroner as øre, and refuses what could be read two ways or has more than two decimals', () => {
    expect(kronerToOre('1500')).toEqual({ ok: true, ore: 150_000 });
    expect(kronerToOre('1500,5')).toEqual({ ok: true, ore: 150_050 });
    expect(kronerToOre('1 500,25 kr.')).toEqual({ ok: true, ore: 150_025 });
    expect(kronerToOre('')).toEqual({ ok: true, ore: null });
    expect(kronerToOre('1.500')).toEqual({ ok: false });
    expect(kronerToOre('12,345')).toEqual({ ok: false });
    expect(kronerToOre('0,001')).toEqual({ ok: false });
    expect(kronerToOre('mange')).toEqual({ ok: false });
  });
});

describe('applying', () => {
  it('shows the pool’s maximum and window above the form, and a member saves a draft, then sends it', async () => {
    const form = await get(w.otherMember, `/grants/pools/${w.pool.id}/apply`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(kr(10_000_00));
    expect(form.body).toContain(QUESTION);
    expect(form.body).toContain('name="costLines.5.amount"');
    // A member with no steward's office is not offered a workplace.
    expect(form.body).not.toContain('name="workplaceId"');

    const saved = await post(w.otherMember, `/grants/pools/${w.pool.id}/apply`, applicationForm());
    expect(saved.statusCode).toBe(303);
    const url = String(saved.headers.location);
    expect(url).toMatch(/^\/grants\/applications\/[0-9a-f-]{36}$/);
    const id = url.split('/').pop()!;
    const [row] = await queryRows<{ status: string; requested: number; total: number }>(t.database.db, sql`select status, requested::int as requested, total_cost::int as total from grant_applications where id = ${id}`);
    // 2500 + 600,50 kr., the blank row left out; 3000 kr. asked for.
    expect(row).toEqual({ status: 'draft', requested: 3_000_00, total: 3_100_50 });
    const page = await get(w.otherMember, url);
    expect(page.body).toContain('Foredrag om stress');
    expect(page.body).toContain(kr(3_100_50));
    expect(page.body).toContain(`action="/grants/applications/${id}/submit"`);
    expect(page.body).toContain(`href="/grants/applications/${id}/edit"`);

    const sent = await post(w.otherMember, `${url}/submit`, {});
    expect(sent.statusCode).toBe(303);
    const after = await get(w.otherMember, url);
    expect(after.body).toContain('Indsendt');
    expect(after.body).not.toContain(`action="/grants/applications/${id}/submit"`);
    expect(after.body).toContain(`action="/grants/applications/${id}/withdraw"`);
  });

  it('"Send application" saves and sends in one go', async () => {
    const before = await count('grant_applications');
    const res = await post(w.otherMember, `/grants/pools/${w.pool.id}/apply`, applicationForm({ intent: 'submit', title: 'Workshop om trivsel' }));
    expect(res.statusCode).toBe(303);
    expect(await count('grant_applications')).toBe(before + 1);
    const id = String(res.headers.location).split('/').pop()!;
    expect((await queryRows<{ status: string }>(t.database.db, sql`select status from grant_applications where id = ${id}`))[0].status).toBe('submitted');
  });

  it('keeps the draft when sending fails, and says why by the field', async () => {
    const before = await count('grant_applications');
    const res = await post(w.otherMember, `/grants/pools/${w.pool.id}/apply`, applicationForm({ intent: 'submit', [`answers.${w.pool.questions[0].id}`]: '' }));
    expect(res.statusCode).toBe(422);
    expect(await count('grant_applications')).toBe(before + 1);
    expect(res.body).toContain('Din kladde er gemt, men ansøgningen er ikke sendt.');
    expect(fieldErrorOf(res.body, `answers.${w.pool.questions[0].id}`)).toContain(`Besvar spørgsmålet: ${QUESTION}`);
    // The form now changes that draft rather than making another.
    expect(res.body).toMatch(/action="\/grants\/applications\/[0-9a-f-]{36}\/edit"/);
  });

  it('tells over the maximum and over the cost total by the amount asked for, in Danish, writing nothing', async () => {
    const before = await count('grant_applications');
    const overMax = await post(w.otherMember, `/grants/pools/${w.pool.id}/apply`, applicationForm({ 'costLines.0.amount': '15000', requested: '12000' }));
    expect(overMax.statusCode).toBe(422);
    expect(fieldErrorOf(overMax.body, 'requested')).toBe(`Puljen giver højst ${kr(10_000_00)} pr. ansøgning.`);
    expect(overMax.body).toContain('Ansøgt beløb i kr.');
    expect(overMax.body).toContain('href="#field-requested"');

    const overTotal = await post(w.otherMember, `/grants/pools/${w.pool.id}/apply`, applicationForm({ requested: '5000' }));
    expect(overTotal.statusCode).toBe(422);
    expect(fieldErrorOf(overTotal.body, 'requested')).toBe(`Beløbet kan ikke være større end de samlede udgifter (${kr(3_100_50)}).`);
    // What was typed is kept.
    expect(overTotal.body).toContain('value="5000"');
    expect(await count('grant_applications')).toBe(before);
  });

  it('tells every problem in one round: a field the schema refuses and the pool’s maximum', async () => {
    const res = await post(w.otherMember, `/grants/pools/${w.pool.id}/apply`, applicationForm({ activityDate: '', 'costLines.0.amount': '15000', requested: '12000' }));
    expect(res.statusCode).toBe(422);
    expect(fieldErrorOf(res.body, 'activityDate')).toBe('Dato for aktiviteten skal udfyldes.');
    expect(fieldErrorOf(res.body, 'requested')).toBe(`Puljen giver højst ${kr(10_000_00)} pr. ansøgning.`);
  });

  it('names the row of a cost line in error, and refuses kroner it cannot read', async () => {
    const res = await post(w.otherMember, `/grants/pools/${w.pool.id}/apply`, applicationForm({ 'costLines.2.amount': '', 'costLines.4.description': 'Leje', 'costLines.4.amount': '1.500' }));
    expect(res.statusCode).toBe(422);
    expect(fieldErrorOf(res.body, 'costLines.2.amount')).toBe('Udgiftspost 3: Beløb skal udfyldes.');
    expect(fieldErrorOf(res.body, 'costLines.4.amount')).toContain('Udgiftspost 5: Skriv beløbet i kroner');
    expect(res.body).toContain('href="#field-costLines.4.amount"');
  });

  it('says so, with no form, to someone who may not apply or when the window is closed', async () => {
    const elsewhere = await get(w.memberElsewhere, `/grants/pools/${w.pool.id}/apply`);
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.body).toContain('Du kan ikke søge puljen');
    expect(elsewhere.body).not.toContain('name="requested"');
    const closed = await get(w.otherMember, `/grants/pools/${w.closedPool.id}/apply`);
    expect(closed.statusCode).toBe(409);
    expect(closed.body).toContain('Puljen modtager ikke ansøgninger nu.');
    expect(closed.body).not.toContain('name="requested"');
  });

  it('offers a steward the workplaces where they are steward', async () => {
    const form = await get(w.steward, `/grants/pools/${w.pool.id}/apply`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="${w.stewardWorkplaceId}"`);
    expect(form.body).toContain('Plejecenter Egely');
    const res = await post(w.steward, `/grants/pools/${w.pool.id}/apply`, applicationForm({ workplaceId: w.stewardWorkplaceId }));
    expect(res.statusCode).toBe(303);
    const id = String(res.headers.location).split('/').pop()!;
    expect((await queryRows<{ w: string }>(t.database.db, sql`select workplace_id as w from grant_applications where id = ${id}`))[0].w).toBe(w.stewardWorkplaceId);
  });

  it('opens a draft for editing with what was saved, and saves the change', async () => {
    const id = await draft(w);
    const form = await get(w.applicant, `/grants/applications/${id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="4000"');
    expect(form.body).toContain('value="Forplejning"');
    const res = await post(w.applicant, `/grants/applications/${id}/edit`, applicationForm({ title: 'Nyt navn', requested: '2000' }));
    expect(res.statusCode).toBe(303);
    expect((await queryRows<{ title: string; requested: number }>(t.database.db, sql`select title, requested::int as requested from grant_applications where id = ${id}`))[0]).toEqual({ title: 'Nyt navn', requested: 2_000_00 });
  });
});

describe('review and decision', () => {
  it('the board grants a lower amount with a reason, and the applicant reads amount, reason and decider', async () => {
    const id = await submitted(w);
    const board = await get(w.board, `/grants/applications/${id}`);
    expect(board.body).toContain(`action="/grants/applications/${id}/decision"`);
    // The amount starts as the amount asked for.
    expect(board.body).toContain('value="4000"');
    const res = await post(w.board, `/grants/applications/${id}/decision`, { outcome: 'granted', amount: '3500', reason: 'Vi dækker foredragsholderen og en del af forplejningen.' });
    expect(res.statusCode).toBe(303);
    const page = await get(w.applicant, `/grants/applications/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Bevilget: ${kr(3_500_00)} af de ansøgte ${kr(4_000_00)}`);
    expect(page.body).toContain('Vi dækker foredragsholderen og en del af forplejningen.');
    expect(page.body).toContain('Bente Bestyrelse');
    expect(page.body).toContain('aria-current="step"');
  });

  it('refuses a decision without a reason by its field, writing nothing', async () => {
    const id = await submitted(w);
    const res = await post(w.board, `/grants/applications/${id}/decision`, { outcome: 'rejected', amount: '4000', reason: '' });
    expect(res.statusCode).toBe(422);
    expect(fieldErrorOf(res.body, 'reason', 'decision')).toBeTruthy();
    expect((await queryRows<{ status: string }>(t.database.db, sql`select status from grant_applications where id = ${id}`))[0].status).toBe('submitted');
  });

  it('shows the reviewers’ comments to the reviewers and never to the applicant', async () => {
    const id = await submitted(w);
    const comment = await post(w.staff, `/grants/applications/${id}/reviews`, { body: 'Intern note: ansøgeren har fået støtte før.', recommendation: 'grant_less', amount: '3000' });
    expect(comment.statusCode).toBe(303);
    const reviewer = await get(w.board, `/grants/applications/${id}`);
    expect(reviewer.body).toContain('Intern note: ansøgeren har fået støtte før.');
    for (const who of [w.applicant, w.coApplicant]) {
      const page = await get(who, `/grants/applications/${id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('Intern note');
      expect(page.body).not.toContain(`action="/grants/applications/${id}/reviews"`);
      expect(page.body).not.toContain(`action="/grants/applications/${id}/decision"`);
    }
  });

  it('tells a conflicted reviewer why there is no decision form, and refuses their decision', async () => {
    const id = await submitted(w);
    await addReview(t.database.db, w.board.actor, id, { body: 'Ser fint ud.', recommendation: 'grant', amount: null });
    const page = await get(w.conflictedBoard, `/grants/applications/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Du er inhabil i denne ansøgning og kan ikke afgøre den.');
    expect(page.body).not.toContain(`action="/grants/applications/${id}/decision"`);
    // They may still comment (without recommending).
    expect(page.body).toContain(`action="/grants/applications/${id}/reviews"`);
    expect(page.body).not.toContain('name="recommendation"');
    const res = await post(w.conflictedBoard, `/grants/applications/${id}/decision`, { outcome: 'granted', amount: '4000', reason: 'Fint.' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('inhabil');
    expect((await queryRows<{ status: string }>(t.database.db, sql`select status from grant_applications where id = ${id}`))[0].status).toBe('in_review');
  });
});

describe('payout and report', () => {
  it('staff record the payout, and the applicant files the report with participants and actual costs', async () => {
    const id = await granted(w);
    const pay = await post(w.staff, `/grants/applications/${id}/payout`, { paidOn: day(0), reference: 'BILAG-4711' });
    expect(pay.statusCode).toBe(303);
    const page = await get(w.applicant, `/grants/applications/${id}`);
    expect(page.body).toContain(`href="/grants/applications/${id}/report"`);
    expect(page.body).toContain('Afrapportering senest');

    const form = await get(w.applicant, `/grants/applications/${id}/report`);
    expect(form.statusCode).toBe(200);
    // Not an event: the expected participants fill it in.
    expect(form.body).toMatch(/name="participants"[^>]*value="25"|value="25"[^>]*name="participants"/);
    const res = await post(w.applicant, `/grants/applications/${id}/report`, {
      summary: 'Fyldt sal og gode spørgsmål bagefter.',
      participants: '31',
      'actualCosts.0.description': 'Foredragsholder',
      'actualCosts.0.amount': '3000',
      'actualCosts.1.description': 'Kaffe',
      'actualCosts.1.amount': '850',
    });
    expect(res.statusCode).toBe(303);
    const [row] = await queryRows<{ status: string; participants: number; actual: number }>(t.database.db, sql`select status, report_participants as participants, actual_cost::int as actual from grant_applications where id = ${id}`);
    expect(row).toEqual({ status: 'reported', participants: 31, actual: 3_850_00 });
    const after = await get(w.applicant, `/grants/applications/${id}`);
    expect(after.body).toContain('Fyldt sal og gode spørgsmål bagefter.');
    expect(after.body).toContain(kr(3_850_00));
  });

  it('sends someone who reports before the payout back to the application with the reason', async () => {
    const id = await submitted(w);
    const res = await get(w.applicant, `/grants/applications/${id}/report`);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Det kan ikke lade sig gøre, når ansøgningen er: Indsendt.');
  });
});

describe('attachments', () => {
  it('refuses a file named x.pdf that is really HTML, by the file field, and keeps nothing', async () => {
    const id = await draft(w);
    const before = await count('grant_attachments');
    const session = await formSession(t.app, '/', await cookieOf(w.applicant));
    const res = await postMultipart(t.app, `/grants/applications/${id}/attachments`, session, { kind: 'application' }, [
      { field: 'file', name: 'x.pdf', type: 'application/pdf', bytes: Buffer.from('<!doctype html><script>alert(1)</script>') },
    ]);
    expect(res.statusCode).toBe(422);
    expect(fieldErrorOf(res.body, 'file')).toContain('Filen er ikke det, dens navn siger');
    expect(await count('grant_attachments')).toBe(before);
  });

  it('takes a real PDF and serves it with the session as a download that is never sniffed or cached', async () => {
    const id = await draft(w);
    const session = await formSession(t.app, '/', await cookieOf(w.applicant));
    const res = await postMultipart(t.app, `/grants/applications/${id}/attachments`, session, { kind: 'application' }, [
      { field: 'file', name: 'program.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') },
    ]);
    expect(res.statusCode).toBe(303);
    const page = await get(w.applicant, `/grants/applications/${id}`);
    const href = /href="(\/grants\/attachments\/[0-9a-f-]{36})"/.exec(page.body)?.[1];
    expect(href).toBeTruthy();
    const file = await get(w.applicant, href!);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(String(file.headers['content-disposition'])).toMatch(/^attachment; filename="program.pdf"/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['cache-control']).toBe('no-store');
    expect((await get(w.otherMember, href!)).statusCode).toBe(404);
  });

  it('takes a photo for the report after the payout', async () => {
    const id = await paidOut(w);
    const photo = await attachment(w, id, 'report');
    const page = await get(w.coApplicant, `/grants/applications/${id}`);
    expect(page.body).toContain(`href="/grants/attachments/${photo}"`);
    expect(page.body).toContain(`action="/grants/attachments/${photo}/delete"`);
  });
});

describe('the public page', () => {
  it('lists what the pool has granted, with amount and unit, never the applicant', async () => {
    const id = await granted(w, { title: 'Netværksmøde for nye tillidsfolk', purpose: 'network_meeting' });
    expect(id).toBeTruthy();
    const page = await get(null, `/grants/public/${w.pool.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Netværksmøde for nye tillidsfolk');
    expect(page.body).toContain(kr(4_000_00));
    expect(page.body).toContain('Kreds Nord');
    expect(page.body).toContain('<strong>foredrag</strong>');
    expect(page.body).toContain(`href="/grants/pools/${w.pool.id}/apply"`);
    expect(page.body).not.toContain('Ansøgersen');
    expect(page.body).not.toContain('Medansøgersen');
  });

  it('is not found for visitors when the pool is not public', async () => {
    expect((await get(null, `/grants/public/${w.hiddenPool.id}`)).statusCode).toBe(404);
    expect((await get(w.otherMember, `/grants/public/${w.hiddenPool.id}`)).statusCode).toBe(404);
    expect((await get(w.board, `/grants/public/${w.hiddenPool.id}`)).statusCode).toBe(200);
  });
});

describe('my page', () => {
  it('shows my applications with their state, and the pools I may apply to', async () => {
    const id = await submitted(w, { title: 'Mit eget foredrag' });
    const me = await get(w.applicant, '/me');
    expect(me.statusCode).toBe(200);
    expect(me.body).toContain('Mine ansøgninger');
    expect(me.body).toContain(`href="/grants/applications/${id}"`);
    expect(me.body).toContain('Mit eget foredrag');
    expect(me.body).toContain(`href="/grants/pools/${w.pool.id}/apply"`);
    // A member of the south has neither an application nor a pool open to them here.
    const south = await get(w.memberElsewhere, '/me');
    expect(south.statusCode).toBe(200);
    expect(south.body).not.toContain('Mine ansøgninger');
  });
});
