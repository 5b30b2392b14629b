import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { employments } from '../../kernel/tables.js';
import { multipartForm, testApp, type TestApp } from '../../test/app.js';
import { registeredRoutes } from '../../test/routes.js';
import { applicationBody, day, draft, grantCounts, granted, grantWorld, paidOut, poolOf, submitted, submittedIn, type GrantWorld, type Holder } from './grants.fixture.js';
import type { PoolView } from './pools.js';

/*
 * Every bad input of the issue over the API: a clear problem (application/problem+json) naming the
 * field or the rule, in the caller's language, and nothing written — no row, no audit, no mail, no
 * change of state. And no input at all makes the API answer 5xx.
 */

let t: TestApp;
let w: GrantWorld;
/** A pool of 5.000 kr. with at most 4.000 kr. an application: one grant fits, a second does not. */
let small: PoolView;

type Problem = { code: string; title: string; detail?: string; errors?: { path: string; code: string; message: string }[] };

const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: Holder, payload?: unknown, lang = 'da') =>
  t.app.inject({ method, url, headers: { ...w.headers[who], 'accept-language': lang }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

/** The answer is a problem of this status naming the rule (`code`) — on the field, when one is given. */
function problem(res: LightMyRequestResponse, status: number, code: string, field?: string): Problem {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const p = res.json() as Problem;
  if (field) expect(p.errors, res.body).toContainEqual(expect.objectContaining({ path: field, code }));
  else expect(p.code, res.body).toBe(code);
  return p;
}

/** What the reader is told: the field's message, or the problem's own words. */
const told = (p: Problem, field?: string) => (field ? p.errors!.find((e) => e.path === field)!.message : `${p.title} ${p.detail ?? ''}`);

/** Runs the bad requests and shows that none of them wrote anything. */
async function nothingWritten(run: () => Promise<void>): Promise<void> {
  const before = await grantCounts(t.database);
  await run();
  expect(await grantCounts(t.database)).toEqual(before);
}

/** The same bad request in Danish, English and Swedish: the same problem, told in three languages. */
async function inEveryLanguage(make: (lang: string) => Promise<LightMyRequestResponse>, status: number, code: string, field?: string): Promise<Record<string, string>> {
  const said: Record<string, string> = {};
  for (const lang of ['da', 'en', 'sv']) said[lang] = told(problem(await make(lang), status, code, field), field);
  expect(said.en).not.toBe(said.da);
  expect(said.sv).not.toBe(said.da);
  expect(said.sv).not.toBe(said.en);
  return said;
}

const apply = (pool: PoolView, overrides: Record<string, unknown>, who: Holder = 'applicant', lang = 'da') => send('POST', `/api/v1/grant-pools/${pool.id}/applications`, who, applicationBody(pool, overrides), lang);
const decide = (id: string, who: Holder, body: Record<string, unknown>, lang = 'da') => send('POST', `/api/v1/grant-applications/${id}/decision`, who, body, lang);
const statusOf = async (id: string) => (await send('GET', `/api/v1/grant-applications/${id}`, 'staff')).json() as { status: string; granted: number | null };

beforeAll(async () => {
  t = await testApp();
  w = await grantWorld(t.database);
  small = await poolOf(w, w.staff, { name: 'Lille pulje', budget: 5_000_00, maxPerApplication: 4_000_00 });
}, 120_000);
afterAll(async () => t?.close());

describe('amounts', () => {
  it('a request over the pool’s maximum names `requested` and the maximum, in the caller’s language', async () => {
    await nothingWritten(async () => {
      const said = await inEveryLanguage((lang) => apply(w.pool, { requested: 12_000_00, costLines: [{ description: 'Leje', amount: 20_000_00 }] }, 'applicant', lang), 422, 'grant.over_max', 'requested');
      expect(said.da).toMatch(/10\.000,00\skr\./);
    });
  });

  it('a request over the cost total names `requested`, on applying and on changing a draft', async () => {
    const draft = (await apply(w.pool, {})).json() as { id: string };
    await nothingWritten(async () => {
      await inEveryLanguage((lang) => apply(w.pool, { requested: 5_000_00 }, 'applicant', lang), 422, 'grant.over_cost_total', 'requested');
      problem(await send('PATCH', `/api/v1/grant-applications/${draft.id}`, 'applicant', { requested: 4_600_00 }), 422, 'grant.over_cost_total', 'requested');
      problem(await send('PATCH', `/api/v1/grant-applications/${draft.id}`, 'applicant', { costLines: [{ description: 'Lokale', amount: 1_000_00 }] }), 422, 'grant.over_cost_total', 'requested');
    });
    expect((await send('GET', `/api/v1/grant-applications/${draft.id}`, 'applicant')).json()).toMatchObject({ requested: 4_000_00, totalCost: 4_500_00, costLines: [{ amount: 1_500_00 }, { amount: 3_000_00 }] });
  });

  it('negative and fractional amounts name their field: the request, a cost line, the decision’s amount, the report’s figures', async () => {
    const a = await submitted(w);
    const p = await paidOut(w);
    await nothingWritten(async () => {
      problem(await apply(w.pool, { requested: -100 }), 422, 'validation.too_small', 'requested');
      problem(await apply(w.pool, { requested: 100.5 }), 422, 'validation.not_whole_number', 'requested');
      for (const amount of [-1, 99.99]) {
        const res = await apply(w.pool, { requested: 1_000_00, costLines: [{ description: 'Lokale', amount }] });
        expect(res.statusCode).toBe(422);
        expect((res.json() as Problem).errors!.map((e) => e.path)).toContain('costLines.0.amount');
      }
      for (const amount of [-5_00, 1_000.5, 0]) {
        const res = await decide(a, 'board', { outcome: 'granted', amount, reason: 'Fint.' });
        expect(res.statusCode, String(amount)).toBe(422);
        expect((res.json() as Problem).errors!.map((e) => e.path), String(amount)).toContain('amount');
      }
      // A string of kroner is not an amount: the API takes integers in øre.
      expect((await apply(w.pool, { requested: '1.500' })).statusCode).toBe(422);
      const report = (body: Record<string, unknown>) => send('POST', `/api/v1/grant-applications/${p}/report`, 'applicant', { summary: 'Godt.', participants: 10, actualCosts: [], ...body });
      problem(await report({ participants: 10.5 }), 422, 'validation.not_whole_number', 'participants');
      problem(await report({ participants: -1 }), 422, 'validation.too_small', 'participants');
      expect(((await report({ actualCosts: [{ description: 'Lokale', amount: -1 }] })).json() as Problem).errors!.map((e) => e.path)).toContain('actualCosts.0.amount');
    });
    expect(await statusOf(p)).toMatchObject({ status: 'paid_out' });
    expect(await statusOf(a)).toMatchObject({ status: 'submitted', granted: null });
  });

  it('a grant that would take the pool past its budget is refused as `grant.over_budget`, naming what is left', async () => {
    const first = await submittedIn(w, small, { requested: 4_000_00 });
    const second = await submittedIn(w, small, { requested: 4_000_00 });
    expect((await decide(first, 'board', { outcome: 'granted', reason: 'Fint.' })).statusCode).toBe(200);
    await nothingWritten(async () => {
      const said = await inEveryLanguage((lang) => decide(second, 'board', { outcome: 'granted', reason: 'Fint.' }, lang), 409, 'grant.over_budget', 'amount');
      expect(said.da).toMatch(/1\.000,00\skr\./);
    });
    expect(await statusOf(second)).toMatchObject({ status: 'submitted', granted: null });
    expect((await send('GET', `/api/v1/grant-pools/${small.id}`, 'board')).json()).toMatchObject({ budget: 5_000_00, granted: 4_000_00, left: 1_000_00 });
    // What is left can still be granted: the exact amount, not a krone more.
    problem(await decide(second, 'board', { outcome: 'granted', amount: 1_000_01, reason: 'Resten.' }), 409, 'grant.over_budget', 'amount');
    expect((await decide(second, 'board', { outcome: 'granted', amount: 1_000_00, reason: 'Resten.' })).json()).toMatchObject({ status: 'granted', granted: 1_000_00 });
    expect((await send('GET', `/api/v1/grant-pools/${small.id}`, 'board')).json()).toMatchObject({ granted: 5_000_00, left: 0 });
  });

  it('a budget below what is granted is refused as `grant.below_granted`', async () => {
    await nothingWritten(async () => {
      // Whatever the tests before granted from the small pool (at least 4.000 kr.), 3.000 kr. is below it.
      problem(await send('PATCH', `/api/v1/grant-pools/${small.id}`, 'staff', { budget: 3_000_00, maxPerApplication: 3_000_00, budgetReason: 'Sparerunde' }), 409, 'grant.below_granted', 'budget');
    });
  });
});

describe('a PATCH writes only what it sends', () => {
  it('a pool’s other fields keep their values (no default fills in what was left out)', async () => {
    const before = (await send('GET', `/api/v1/grant-pools/${w.pool.id}`, 'staff')).json();
    const res = await send('PATCH', `/api/v1/grant-pools/${w.pool.id}`, 'staff', { description: 'Ny beskrivelse.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...before, description: 'Ny beskrivelse.' });
  });

  it('a draft keeps its cost lines, answers and co-applicants when only its title changes', async () => {
    const id = await draft(w);
    const before = (await send('GET', `/api/v1/grant-applications/${id}`, 'applicant')).json();
    const res = await send('PATCH', `/api/v1/grant-applications/${id}`, 'applicant', { title: 'Nyt navn' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...before, title: 'Nyt navn' });
  });
});

describe('decisions', () => {
  it('a decision without a reason, or with a blank one, names `reason`', async () => {
    const a = await submitted(w);
    await nothingWritten(async () => {
      await inEveryLanguage((lang) => decide(a, 'board', { outcome: 'granted' }, lang), 422, 'validation.required', 'reason');
      problem(await decide(a, 'board', { outcome: 'rejected', reason: '   ' }), 422, 'validation.required', 'reason');
      problem(await decide(a, 'board', { outcome: 'maybe', reason: 'Hm.' }), 422, 'validation.invalid_choice', 'outcome');
    });
    expect(await statusOf(a)).toMatchObject({ status: 'submitted' });
  });

  it('a conflicted reviewer may not decide: the board member who applied, one who works where the applicant works', async () => {
    const own = await submitted(w, { by: w.board, co: [] });
    const colleague = await submitted(w);
    await nothingWritten(async () => {
      await inEveryLanguage((lang) => decide(own, 'board', { outcome: 'granted', reason: 'Fint.' }, lang), 403, 'grant.conflicted');
      // The fixture's conflicted board member is employed at the applicant's workplace.
      problem(await decide(colleague, 'conflictedBoard', { outcome: 'granted', reason: 'Fint.' }), 403, 'grant.conflicted');
    });
    // Staff who start working at the applicant's workplace are conflicted from that day.
    await t.database.db.insert(employments).values({ personId: w.staff.id, workplaceId: w.workplaceId, startsOn: day(-1) });
    try {
      await nothingWritten(async () => void problem(await decide(colleague, 'staff', { outcome: 'rejected', reason: 'Nej.' }), 403, 'grant.conflicted'));
    } finally {
      await t.database.db.execute(sql`delete from employments where person_id = ${w.staff.id}`);
    }
    expect(await statusOf(own)).toMatchObject({ status: 'submitted' });
    expect(await statusOf(colleague)).toMatchObject({ status: 'submitted' });
    // Someone not conflicted may decide it, and the decision names who decided.
    expect((await decide(colleague, 'board', { outcome: 'granted', reason: 'Fint.' })).json()).toMatchObject({ status: 'granted', decidedByName: w.board.name });
  });
});

describe('the pool’s door', () => {
  it('applying outside the window is refused as `grant.window_closed`, naming the window', async () => {
    await nothingWritten(async () => {
      const said = await inEveryLanguage((lang) => apply(w.closedPool, {}, 'applicant', lang), 409, 'grant.window_closed');
      expect(said.da).toMatch(/\d{4}/);
    });
  });

  it('applying to another unit’s pool is refused as `grant.not_eligible`', async () => {
    await nothingWritten(async () => {
      await inEveryLanguage((lang) => apply(w.southPool, {}, 'applicant', lang), 403, 'grant.not_eligible');
      problem(await apply(w.pool, {}, 'memberElsewhere'), 403, 'grant.not_eligible');
      // Nor may a member apply in someone else's name.
      const res = await send('POST', `/api/v1/grant-pools/${w.pool.id}/applications`, 'otherMember', { applicantId: w.applicant.id, ...applicationBody(w.pool) });
      expect([403, 404]).toContain(res.statusCode);
    });
  });
});

describe('the application’s state', () => {
  it('a report before the payout is refused as `grant.wrong_status`, naming the state', async () => {
    const a = await granted(w);
    await nothingWritten(async () => {
      await inEveryLanguage((lang) => send('POST', `/api/v1/grant-applications/${a}/report`, 'applicant', { summary: 'For tidligt', participants: 3, actualCosts: [] }, lang), 409, 'grant.wrong_status', 'status');
    });
    expect(await statusOf(a)).toMatchObject({ status: 'granted' });
  });

  it('an attachment that is not what its name says is refused as `grant.file_wrong_type`', async () => {
    const d = (await apply(w.pool, {})).json() as { id: string };
    await nothingWritten(async () => {
      const form = multipartForm({ kind: 'application' }, [{ field: 'file', name: 'program.pdf', type: 'application/pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>') }]);
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/grant-applications/${d.id}/attachments`, headers: { ...w.headers.applicant, 'content-type': form.contentType }, payload: form.payload });
      problem(res, 422, 'grant.file_wrong_type', 'file');
      const none = multipartForm({ kind: 'application' });
      const missing = await t.app.inject({ method: 'POST', url: `/api/v1/grant-applications/${d.id}/attachments`, headers: { ...w.headers.applicant, 'content-type': none.contentType }, payload: none.payload });
      expect(missing.statusCode).toBe(422);
      expect((missing.json() as Problem).errors!.map((e) => e.path)).toContain('file');
    });
  });
});

describe('routes and ids', () => {
  const NOBODY = '00000000-0000-4000-8000-000000000000';

  it('an unknown route under the API is a 404 problem; a known path with a method it lacks, 405', async () => {
    for (const [method, url] of [['GET', `/api/v1/grant-pools/${NOBODY}/nothing`], ['POST', `/api/v1/grant-pools/${w.pool.id}/approve`], ['GET', '/api/v1/grant-applications'], ['GET', '/api/v1/grant-pools/x/y/z']] as const) {
      const res = await send(method, url, 'staff');
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const wrongMethod = await send('DELETE', `/api/v1/grant-pools/${w.pool.id}`, 'staff');
    expect([404, 405]).toContain(wrongMethod.statusCode);
    expect(wrongMethod.headers['content-type']).toContain('application/problem+json');
  });

  it('a malformed or unknown id is a problem, never a server error', async () => {
    for (const url of ['/api/v1/grant-pools/not-a-uuid', `/api/v1/grant-pools/${NOBODY}`, '/api/v1/grant-applications/123', `/api/v1/grant-applications/${NOBODY}`, '/api/v1/grant-attachments/%27%3B--']) {
      const res = await send('GET', url, 'staff');
      expect([404, 422], `${url}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('no body, however wrong, makes any route of the API answer 5xx', async () => {
    const garbage: unknown[] = [null, [], 'text', 42, { nonsense: true }, { requested: 1e300, amount: '1', outcome: ['granted'], reason: { a: 1 }, title: 'x'.repeat(100_000) }, { costLines: [null], answers: [], status: 'x' }];
    const routes = registeredRoutes(t.app, (p) => p.startsWith('/api/v1/grant-'));
    const wrong: string[] = [];
    for (const r of routes) {
      for (const id of ['not-a-uuid', w.pool.id, await submitted(w)]) {
        const url = r.path.replace(':id', id);
        for (const body of r.method === 'GET' || r.method === 'DELETE' ? [undefined] : garbage) {
          const res = await t.app.inject({ method: r.method as 'GET', url, headers: { ...w.headers.staff, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
          if (res.statusCode >= 500) wrong.push(`${r.method} ${url} ${JSON.stringify(body)?.slice(0, 60)}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          else if (res.statusCode >= 400 && !String(res.headers['content-type']).includes('application/problem+json')) wrong.push(`${r.method} ${url}: ${res.statusCode} not problem+json`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
