import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../platform/actor.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { bearer, testApp, type TestApp } from '../../test/app.js';
import { registeredRoutes } from '../../test/routes.js';
import { attachment, day, draft, grantPagesWorld, granted, paidOut, reported, submitted, type GrantPagesWorld } from './application-pages.fixture.js';

/**
 * Every route of the initiative pool's API with every kind of caller, each with their own personal
 * token: nobody, the applicant, the co-applicant, another member of the unit, a member elsewhere, a
 * steward of the unit, staff of the unit and of another, the unit's board and another's, an admin.
 * Applicants see only their own; the board of another unit sees nothing; the board reviews and
 * decides but does not pay; staff manage and pay. A refused caller changes nothing and is answered
 * with problem+json.
 */

const CALLERS = ['anonymous', 'applicant', 'coApplicant', 'otherMember', 'memberElsewhere', 'steward', 'staff', 'staffElsewhere', 'board', 'boardElsewhere', 'admin'] as const;
type Who = (typeof CALLERS)[number];
type Expect = Record<Who, number>;

let t: TestApp;
let w: GrantPagesWorld;
const headers = {} as Record<Who, Record<string, string>>;

/** Out of sight for everyone but the named callers (404), 401 for nobody. */
function seenBy(allowed: Partial<Record<Who, number>>, inSight: Partial<Record<Who, number>> = {}): Expect {
  return Object.fromEntries(CALLERS.map((c) => [c, c === 'anonymous' ? 401 : (allowed[c] ?? inSight[c] ?? 404)])) as Expect;
}
const signedIn = (status: number): Expect => Object.fromEntries(CALLERS.map((c) => [c, c === 'anonymous' ? 401 : status])) as Expect;

const reviewers = { staff: 200, board: 200, admin: 200 };
const applicants = { applicant: 403, coApplicant: 403 };

interface Row {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  route: string;
  url: () => Promise<string>;
  body?: () => Record<string, unknown>;
  expect: Expect;
  /** A route that succeeds must have written something. */
  writes?: boolean;
}

let n = 0;
const poolBody = () => ({ unitId: w.org.north, name: `Ny pulje ${++n}`, periodStart: day(-1), periodEnd: day(100), budget: 50_000_00, maxPerApplication: 5_000_00 });
const appBody = () => ({ title: `Workshop ${++n}`, purpose: 'workshop', activityDate: day(20), requested: 1_000_00, costLines: [{ description: 'Lokale', amount: 1_000_00 }] });

const ROWS: Row[] = [
  { method: 'POST', route: '/api/v1/grant-pools', url: async () => '/api/v1/grant-pools', body: poolBody, expect: { ...seenBy({ staff: 201, admin: 201 }), applicant: 403, coApplicant: 403, otherMember: 403, memberElsewhere: 403, steward: 403, staffElsewhere: 403, board: 403, boardElsewhere: 403 }, writes: true },
  { method: 'GET', route: '/api/v1/grant-pools', url: async () => '/api/v1/grant-pools', expect: signedIn(200) },
  { method: 'GET', route: '/api/v1/grant-pools/open', url: async () => '/api/v1/grant-pools/open', expect: signedIn(200) },
  { method: 'GET', route: '/api/v1/grant-pools/:id', url: async () => `/api/v1/grant-pools/${w.hiddenPool.id}`, expect: seenBy(reviewers) },
  { method: 'PATCH', route: '/api/v1/grant-pools/:id', url: async () => `/api/v1/grant-pools/${w.hiddenPool.id}`, body: () => ({ description: `Ændret ${++n}` }), expect: seenBy({ staff: 200, admin: 200 }, { board: 403 }), writes: true },
  { method: 'GET', route: '/api/v1/grant-pools/:id/budget-history', url: async () => `/api/v1/grant-pools/${w.pool.id}/budget-history`, expect: seenBy(reviewers) },
  { method: 'GET', route: '/api/v1/grant-pools/:id/applications', url: async () => `/api/v1/grant-pools/${w.pool.id}/applications`, expect: seenBy(reviewers) },
  {
    method: 'POST',
    route: '/api/v1/grant-pools/:id/applications',
    url: async () => `/api/v1/grant-pools/${w.pool.id}/applications`,
    body: appBody,
    // Members and stewards of the unit apply; anyone else is told they may not (the pool is public, so in sight).
    expect: { anonymous: 401, applicant: 201, coApplicant: 201, otherMember: 201, memberElsewhere: 403, steward: 201, staff: 403, staffElsewhere: 403, board: 201, boardElsewhere: 403, admin: 403 },
    writes: true,
  },
  { method: 'GET', route: '/api/v1/grant-pools/:id/export.csv', url: async () => `/api/v1/grant-pools/${w.pool.id}/export.csv`, expect: seenBy(reviewers) },
  { method: 'GET', route: '/api/v1/grant-pools/:id/public', url: async () => `/api/v1/grant-pools/${w.pool.id}/public`, expect: Object.fromEntries(CALLERS.map((c) => [c, 200])) as Expect },
  { method: 'GET', route: '/api/v1/grant-pools/:id/public', url: async () => `/api/v1/grant-pools/${w.hiddenPool.id}/public`, expect: { ...seenBy(reviewers), anonymous: 404 } },
  { method: 'GET', route: '/api/v1/grant-applications/mine', url: async () => '/api/v1/grant-applications/mine', expect: signedIn(200) },
  { method: 'GET', route: '/api/v1/grant-applications/:id', url: async () => `/api/v1/grant-applications/${await submitted(w)}`, expect: seenBy({ ...reviewers, applicant: 200, coApplicant: 200 }) },
  { method: 'PATCH', route: '/api/v1/grant-applications/:id', url: async () => `/api/v1/grant-applications/${await draft(w)}`, body: () => ({ title: `Nyt navn ${++n}` }), expect: seenBy({ applicant: 200 }, { coApplicant: 403, staff: 403, board: 403, admin: 403 }), writes: true },
  { method: 'POST', route: '/api/v1/grant-applications/:id/submit', url: async () => `/api/v1/grant-applications/${await draft(w)}/submit`, expect: seenBy({ applicant: 200, staff: 200, admin: 200 }, { coApplicant: 403, board: 403 }), writes: true },
  { method: 'POST', route: '/api/v1/grant-applications/:id/withdraw', url: async () => `/api/v1/grant-applications/${await submitted(w)}/withdraw`, body: () => ({}), expect: seenBy({ applicant: 200 }, { coApplicant: 403, staff: 403, board: 403, admin: 403 }), writes: true },
  { method: 'POST', route: '/api/v1/grant-applications/:id/reviews', url: async () => `/api/v1/grant-applications/${await submitted(w)}/reviews`, body: () => ({ body: 'En kommentar' }), expect: seenBy({ staff: 201, board: 201, admin: 201 }, applicants), writes: true },
  { method: 'POST', route: '/api/v1/grant-applications/:id/decision', url: async () => `/api/v1/grant-applications/${await submitted(w)}/decision`, body: () => ({ outcome: 'granted', reason: 'Fint' }), expect: seenBy(reviewers, applicants), writes: true },
  { method: 'POST', route: '/api/v1/grant-applications/:id/payout', url: async () => `/api/v1/grant-applications/${await granted(w)}/payout`, body: () => ({ reference: `B-${++n}` }), expect: seenBy({ staff: 200, admin: 200 }, { ...applicants, board: 403 }), writes: true },
  {
    method: 'POST',
    route: '/api/v1/grant-applications/:id/report',
    url: async () => `/api/v1/grant-applications/${await paidOut(w)}/report`,
    body: () => ({ summary: 'Det gik godt', participants: 12, actualCosts: [] }),
    expect: seenBy({ applicant: 200, coApplicant: 200, staff: 200, admin: 200 }, { board: 403 }),
    writes: true,
  },
  { method: 'POST', route: '/api/v1/grant-applications/:id/close', url: async () => `/api/v1/grant-applications/${await reported(w)}/close`, expect: seenBy(reviewers, applicants), writes: true },
  { method: 'POST', route: '/api/v1/grant-applications/:id/event', url: async () => `/api/v1/grant-applications/${await granted(w)}/event`, expect: seenBy({ staff: 201, admin: 201 }, { ...applicants, board: 403 }), writes: true },
  { method: 'GET', route: '/api/v1/grant-attachments/:id', url: async () => `/api/v1/grant-attachments/${await attachment(w, await draft(w))}`, expect: seenBy({ ...reviewers, applicant: 200, coApplicant: 200 }) },
  { method: 'DELETE', route: '/api/v1/grant-attachments/:id', url: async () => `/api/v1/grant-attachments/${await attachment(w, await draft(w))}`, expect: seenBy({ applicant: 204 }, { coApplicant: 403, staff: 403, board: 403, admin: 403 }), writes: true },
];

const UPLOAD: Expect = seenBy({ applicant: 201 }, { coApplicant: 403, staff: 403, board: 403, admin: 403 });

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(
    `select (select count(*) from audit_events where action <> 'view')::int as a,
       (select count(*) from grant_pools)::int as p, (select count(*) from grant_attachments)::int as f, (select count(*) from grant_reviews)::int as r,
       (select string_agg(status || title || coalesce(payment_reference, ''), ',' order by id) from grant_applications) as s`,
  );
  return JSON.stringify(r.rows[0]);
}

beforeAll(async () => {
  t = await testApp();
  w = await grantPagesWorld(t.database);
  headers.anonymous = {};
  for (const who of CALLERS) {
    if (who === 'anonymous') continue;
    const token = await createPersonalToken(t.database.db, system, { personId: w[who].id, name: 'matrix' });
    if (!token.ok) throw new Error('token');
    headers[who] = { authorization: `Bearer ${token.token.value}` };
  }
}, 120_000);
afterAll(async () => t?.close());

describe('the initiative pool API’s permission matrix', () => {
  it('lists every route of the API', () => {
    const mine = (p: string) => p.startsWith('/api/v1/grant-');
    const listed = new Set([...ROWS.map((r) => `${r.method} ${r.route}`), 'POST /api/v1/grant-applications/:id/attachments']);
    const missing = registeredRoutes(t.app, mine).filter((r) => !listed.has(`${r.method} ${r.path}`));
    expect(missing).toEqual([]);
  });

  for (const [i, row] of ROWS.entries()) {
    it(`${row.method} ${row.route} (row ${i + 1})`, async () => {
      const wrong: string[] = [];
      for (const who of CALLERS) {
        const url = await row.url();
        const before = await fingerprint();
        const res = await t.app.inject({ method: row.method, url, headers: headers[who], ...(row.body ? { payload: row.body() } : {}) });
        const after = await fingerprint();
        if (res.statusCode !== row.expect[who]) wrong.push(`${who}: expected ${row.expect[who]}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        if (res.statusCode >= 400 && after !== before) wrong.push(`${who}: refused but something was written`);
        if (res.statusCode >= 400 && !String(res.headers['content-type']).includes('application/problem+json')) wrong.push(`${who}: a refusal that is not problem+json`);
        if (row.writes && res.statusCode < 400 && after === before) wrong.push(`${who}: succeeded but nothing was written`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('POST /api/v1/grant-applications/:id/attachments', async () => {
    const wrong: string[] = [];
    const boundary = 'matrix-boundary';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="program.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), Buffer.from('%PDF-1.4\n%%EOF\n'), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    for (const who of CALLERS) {
      const id = await draft(w);
      const before = await fingerprint();
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/grant-applications/${id}/attachments`, headers: { ...headers[who], 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      if (res.statusCode !== UPLOAD[who]) wrong.push(`${who}: expected ${UPLOAD[who]}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
      if (res.statusCode >= 400 && (await fingerprint()) !== before) wrong.push(`${who}: refused but something was written`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('what each caller sees in the lists and the application', () => {
  it('another unit’s board sees none of this unit’s pools; a member sees the pools open to them, not the figures', async () => {
    const ids = async (who: Who, url: string) => ((await t.app.inject({ url, headers: headers[who] })).json().items as { id: string }[]).map((p) => p.id);
    expect(await ids('boardElsewhere', '/api/v1/grant-pools')).not.toContain(w.pool.id);
    expect(await ids('board', '/api/v1/grant-pools')).toContain(w.pool.id);
    expect(await ids('applicant', '/api/v1/grant-pools')).toEqual([]);
    expect(await ids('applicant', '/api/v1/grant-pools/open')).toContain(w.pool.id);
    expect(await ids('applicant', '/api/v1/grant-pools/open')).not.toContain(w.closedPool.id);
    expect(await ids('memberElsewhere', '/api/v1/grant-pools/open')).not.toContain(w.pool.id);
    const mine = await ids('applicant', '/api/v1/grant-applications/mine');
    const other = await ids('otherMember', '/api/v1/grant-applications/mine');
    expect(mine.length).toBeGreaterThan(0);
    expect(other.some((id) => mine.includes(id))).toBe(false);
  });

  it('the applicant never sees the reviewers’ comments, and an integration token cannot decide', async () => {
    const id = await submitted(w);
    await t.app.inject({ method: 'POST', url: `/api/v1/grant-applications/${id}/reviews`, headers: headers.board, payload: { body: 'Intern bemærkning', recommendation: 'reject' } });
    const seen = (who: Who) => t.app.inject({ url: `/api/v1/grant-applications/${id}`, headers: headers[who] });
    expect((await seen('applicant')).json().reviews).toEqual([]);
    expect((await seen('coApplicant')).body).not.toContain('Intern bemærkning');
    expect((await seen('board')).json().reviews).toEqual([expect.objectContaining({ body: 'Intern bemærkning', recommendation: 'reject' })]);
    const integration = await bearer(t.database, 'admin');
    const decided = await t.app.inject({ method: 'POST', url: `/api/v1/grant-applications/${id}/decision`, headers: integration, payload: { outcome: 'granted', reason: 'Maskinen siger ja' } });
    expect(decided.statusCode).toBe(403);
    expect((await seen('board')).json().status).toBe('in_review');
  });
});
