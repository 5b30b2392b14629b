import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { system } from '../../platform/actor.js';
import { queryRows } from '../../platform/db/database.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { employments } from '../../kernel/tables.js';
import { testApp, type TestApp } from '../../test/app.js';
import { day, grantPagesWorld, granted, QUESTION, submitted, type GrantPagesWorld, type Someone } from './application-pages.fixture.js';

/*
 * The initiative pool over the API, as an integration uses it: the contract's paths, fields and
 * status codes, the whole workflow from a pool to a closed application, and every bad input of the
 * issue answered as a problem that names the field or the rule, with nothing written.
 */

let t: TestApp;
let w: GrantPagesWorld;
const auth: Record<string, { authorization: string }> = {};

async function tokenOf(s: Someone) {
  const made = await createPersonalToken(t.database.db, system, { personId: s.id, name: 'test' });
  if (!made.ok) throw new Error('no token');
  return { authorization: `Bearer ${made.token.value}` };
}
const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: string, payload?: unknown, lang = 'da') =>
  t.app.inject({ method, url, headers: { ...(auth[who] ?? {}), 'accept-language': lang }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const count = async (table: string) => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0].n;
const answers = () => Object.fromEntries(w.pool.questions.map((q) => [q.id, 'Opslag på arbejdspladsen.']));
const body = (overrides: Record<string, unknown> = {}) => ({
  title: 'Netværksmøde for pædagoger',
  purpose: 'network_meeting',
  description: 'Et aftenmøde om arbejdsmiljø.',
  activityDate: day(20),
  requested: 4_000_00,
  costLines: [
    { description: 'Lokale', amount: 1_500_00 },
    { description: 'Forplejning', amount: 3_000_00 },
  ],
  answers: answers(),
  ...overrides,
});

beforeAll(async () => {
  t = await testApp();
  w = await grantPagesWorld(t.database);
  for (const who of ['applicant', 'otherMember', 'memberElsewhere', 'staff', 'board', 'boardElsewhere', 'conflictedBoard', 'admin'] as const) auth[who] = await tokenOf(w[who]);
}, 120_000);
afterAll(async () => t?.close());

describe('the workflow over the API', () => {
  it('opens a pool, applies, reviews, decides with a reason, pays out, reports and closes — the figures exact at each step', async () => {
    const made = await call('POST', '/api/v1/grant-pools', 'staff', { unitId: w.org.north, name: 'Initiativpuljen API', periodStart: day(-10), periodEnd: day(300), budget: 20_000_00, maxPerApplication: 10_000_00, currency: 'DKK', questions: [QUESTION] });
    expect(made.statusCode).toBe(201);
    const pool = made.json();
    expect(pool).toMatchObject({ budget: 20_000_00, granted: 0, paidOut: 0, left: 20_000_00, currency: 'DKK' });
    const q = pool.questions[0].id;

    const applied = await call('POST', `/api/v1/grant-pools/${pool.id}/applications`, 'applicant', { applicantId: w.applicant.id, ...body({ answers: { [q]: 'Vi inviterer nye kolleger.' } }) });
    expect(applied.statusCode).toBe(201);
    const a = applied.json();
    expect(a).toMatchObject({ status: 'draft', requested: 4_000_00, totalCost: 4_500_00, applicantId: w.applicant.id });

    expect((await call('POST', `/api/v1/grant-applications/${a.id}/submit`, 'applicant')).json()).toMatchObject({ status: 'submitted' });
    expect((await call('POST', `/api/v1/grant-applications/${a.id}/reviews`, 'board', { body: 'Et godt initiativ.', recommendation: 'grant_less', amount: 3_000_00 })).statusCode).toBe(201);
    expect((await call('GET', `/api/v1/grant-applications/${a.id}`, 'applicant')).json()).toMatchObject({ status: 'in_review', reviews: [] });

    const decided = await call('POST', `/api/v1/grant-applications/${a.id}/decision`, 'board', { outcome: 'granted', amount: 3_000_00, reason: 'Vi dækker lokale og en del af maden.' });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'granted', granted: 3_000_00, decisionReason: 'Vi dækker lokale og en del af maden.', decidedByName: w.board.name });
    expect((await call('GET', `/api/v1/grant-pools/${pool.id}`, 'board')).json()).toMatchObject({ budget: 20_000_00, granted: 3_000_00, paidOut: 0, left: 17_000_00 });

    expect((await call('POST', `/api/v1/grant-applications/${a.id}/payout`, 'staff', { reference: 'Bilag 2026-77' })).json()).toMatchObject({ status: 'paid_out', paymentReference: 'Bilag 2026-77' });
    expect((await call('GET', `/api/v1/grant-pools/${pool.id}`, 'staff')).json()).toMatchObject({ granted: 3_000_00, paidOut: 3_000_00, left: 17_000_00 });
    const reported = await call('POST', `/api/v1/grant-applications/${a.id}/report`, 'applicant', { summary: 'Vi var 24.', participants: 24, actualCosts: [{ description: 'Lokale', amount: 1_500_00 }] });
    expect(reported.json()).toMatchObject({ status: 'reported', reportParticipants: 24, actualCost: 1_500_00 });
    expect((await call('POST', `/api/v1/grant-applications/${a.id}/close`, 'board')).json()).toMatchObject({ status: 'closed' });

    // The applicant's list, the pool's queue, and the bookkeeper's CSV.
    expect((await call('GET', '/api/v1/grant-applications/mine', 'applicant')).json().items.map((i: { id: string }) => i.id)).toContain(a.id);
    expect((await call('GET', `/api/v1/grant-pools/${pool.id}/applications?status=closed`, 'board')).json().items).toHaveLength(1);
    const csv = await call('GET', `/api/v1/grant-pools/${pool.id}/export.csv`, 'staff', undefined, 'en');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Granted (kr)');
    expect(csv.body).toContain('3000.00');
    expect(csv.body).toContain('Bilag 2026-77');

    // The decision reached the applicant by mail, with the reason.
    const mails = await queryRows<{ subject: string; textBody: string }>(t.database.db, sql`select subject, text_body as "textBody" from mail_outbox where to_address = (select email from persons where id = ${w.applicant.id}) order by created_at`);
    expect(mails.some((m) => m.subject.includes('delvist bevilget') && m.textBody.includes('Vi dækker lokale og en del af maden.'))).toBe(true);
  });

  it('rejects with a reason, and the applicant withdraws before a decision', async () => {
    const a = await submitted(w);
    const rejected = await call('POST', `/api/v1/grant-applications/${a}/decision`, 'staff', { outcome: 'rejected', reason: 'Aktiviteten er allerede dækket af kursusbudgettet.' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', granted: null, decisionReason: 'Aktiviteten er allerede dækket af kursusbudgettet.' });
    const b = await submitted(w);
    expect((await call('POST', `/api/v1/grant-applications/${b}/withdraw`, 'applicant', {})).json()).toMatchObject({ status: 'withdrawn' });
  });
});

describe('bad input: a clear problem naming the field or the rule, and nothing written', () => {
  const expectProblem = async (res: Awaited<ReturnType<typeof call>>, status: number, code: string, field?: string) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = res.json();
    if (field) expect(p.errors).toContainEqual(expect.objectContaining({ path: field }));
    expect(p.code === code || p.errors?.some((e: { code: string }) => e.code === code)).toBe(true);
    return p;
  };

  it('refuses amounts over the maximum or the cost total, negative or fractional', async () => {
    const before = await count('grant_applications');
    const over = await expectProblem(await call('POST', `/api/v1/grant-pools/${w.pool.id}/applications`, 'applicant', body({ requested: 12_000_00, costLines: [{ description: 'Leje', amount: 20_000_00 }] })), 422, 'grant.over_max', 'requested');
    expect(over.errors[0].message.replace(/\u00a0/g, ' ')).toContain('10.000,00 kr.');
    await expectProblem(await call('POST', `/api/v1/grant-pools/${w.pool.id}/applications`, 'applicant', body({ requested: 5_000_00 })), 422, 'grant.over_cost_total', 'requested');
    await expectProblem(await call('POST', `/api/v1/grant-pools/${w.pool.id}/applications`, 'applicant', body({ requested: -100 })), 422, 'validation.too_small', 'requested');
    const fractional = await call('POST', `/api/v1/grant-pools/${w.pool.id}/applications`, 'applicant', body({ requested: 100.5 }));
    expect(fractional.statusCode).toBe(422);
    expect(fractional.json().errors).toContainEqual(expect.objectContaining({ path: 'requested' }));
    const english = await call('POST', `/api/v1/grant-pools/${w.pool.id}/applications`, 'applicant', body({ requested: 12_000_00, costLines: [{ description: 'Leje', amount: 20_000_00 }] }), 'en');
    expect(english.json().errors[0].message).toContain('at most');
    expect(await count('grant_applications')).toBe(before);
  });

  it('refuses applying outside the window, or to another unit’s pool', async () => {
    const before = await count('grant_applications');
    await expectProblem(await call('POST', `/api/v1/grant-pools/${w.closedPool.id}/applications`, 'applicant', body()), 409, 'grant.window_closed');
    const elsewhere = await expectProblem(await call('POST', `/api/v1/grant-pools/${w.pool.id}/applications`, 'memberElsewhere', body()), 403, 'grant.not_eligible');
    expect(elsewhere.detail ?? elsewhere.title).toBeTruthy();
    expect(await count('grant_applications')).toBe(before);
  });

  it('refuses a decision without a reason, over the budget, or by a conflicted reviewer', async () => {
    const a = await submitted(w);
    await expectProblem(await call('POST', `/api/v1/grant-applications/${a}/decision`, 'board', { outcome: 'granted' }), 422, 'validation.required', 'reason');
    await expectProblem(await call('POST', `/api/v1/grant-applications/${a}/decision`, 'board', { outcome: 'granted', reason: '   ' }), 422, 'validation.required', 'reason');
    // The conflicted board member works where the applicant works.
    await expectProblem(await call('POST', `/api/v1/grant-applications/${a}/decision`, 'conflictedBoard', { outcome: 'granted', reason: 'Fint' }), 403, 'grant.conflicted');
    await t.database.db.insert(employments).values({ personId: w.board.id, workplaceId: w.workplaceId }).onConflictDoNothing();
    const colleague = await call('POST', `/api/v1/grant-applications/${a}/decision`, 'board', { outcome: 'granted', reason: 'Fint' });
    await t.database.db.execute(sql`delete from employments where person_id = ${w.board.id}`);
    await expectProblem(colleague, 403, 'grant.conflicted');
    expect((await call('GET', `/api/v1/grant-applications/${a}`, 'board')).json()).toMatchObject({ status: 'submitted', granted: null });

    // A small pool: one grant fits, the second would overspend it.
    const small = (await call('POST', '/api/v1/grant-pools', 'staff', { unitId: w.org.north, name: 'Lille pulje', periodStart: day(-10), periodEnd: day(100), budget: 5_000_00, maxPerApplication: 4_000_00 })).json();
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const made = (await call('POST', `/api/v1/grant-pools/${small.id}/applications`, 'applicant', body({ answers: {} }))).json();
      await call('POST', `/api/v1/grant-applications/${made.id}/submit`, 'applicant');
      ids.push(made.id);
    }
    expect((await call('POST', `/api/v1/grant-applications/${ids[0]}/decision`, 'board', { outcome: 'granted', reason: 'Fint' })).statusCode).toBe(200);
    const over = await expectProblem(await call('POST', `/api/v1/grant-applications/${ids[1]}/decision`, 'board', { outcome: 'granted', reason: 'Fint' }), 409, 'grant.over_budget', 'amount');
    expect(JSON.stringify(over).replace(/\u00a0/g, ' ')).toContain('1.000,00 kr.');
    expect((await call('GET', `/api/v1/grant-pools/${small.id}`, 'board')).json()).toMatchObject({ budget: 5_000_00, granted: 4_000_00, left: 1_000_00 });
  });

  it('refuses a report before the payout, an attachment that is not what its name says, unknown routes and malformed ids', async () => {
    const a = await granted(w);
    await expectProblem(await call('POST', `/api/v1/grant-applications/${a}/report`, 'applicant', { summary: 'For tidligt', participants: 3, actualCosts: [] }), 409, 'grant.wrong_status', 'status');
    expect((await call('GET', `/api/v1/grant-applications/${a}`, 'applicant')).json()).toMatchObject({ status: 'granted', reportSummary: null });

    const d = (await call('POST', `/api/v1/grant-pools/${w.pool.id}/applications`, 'applicant', body())).json();
    const boundary = 'x-grants-boundary';
    const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="program.pdf"\r\nContent-Type: application/pdf\r\n\r\n<html><script>alert(1)</script></html>\r\n--${boundary}--\r\n`);
    const before = await count('grant_attachments');
    const upload = await t.app.inject({ method: 'POST', url: `/api/v1/grant-applications/${d.id}/attachments`, headers: { ...auth.applicant, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    await expectProblem(upload, 422, 'grant.file_wrong_type', 'file');
    expect(await count('grant_attachments')).toBe(before);

    for (const url of ['/api/v1/grant-pools/not-a-uuid', '/api/v1/grant-applications/123/decision', '/api/v1/grant-pools/00000000-0000-4000-8000-000000000000/nothing']) {
      const res = await call('GET', url, 'staff');
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
