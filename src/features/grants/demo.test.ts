import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, loginAs, testApp, type TestApp } from '../../test/app.js';
import { seedDemo } from '../../demo/seed.js';
import { applicationStatuses } from './tables.js';
import { isConflicted } from './eligibility.js';
import { today } from './access.js';

/**
 * The demo's initiative pools, played through the use cases: each district's pool for this year
 * (Kreds Nord's public) and Kreds Nord's pool of last year, with an application in every state, the
 * budgets adding up, decisions by people who were not conflicted, and nothing of the real people or
 * organisations from the seed article.
 */

let t: TestApp;
type Row = Record<string, unknown>;
const rows = async (q: string, p: unknown[] = []) => (await t.database.executeSql(q, p)).rows as Row[];

beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.database.db);
}, 180_000);
afterAll(() => t?.close());

describe('the demo initiative pools', () => {
  it('have an application in every state, in each district’s pool for this year and in Kreds Nord’s of last year', async () => {
    const states = await rows('select status, count(*)::int as n from grant_applications group by status');
    expect(states.map((s) => s.status).sort()).toEqual([...applicationStatuses].sort());
    const pools = await rows(`select p.id::text, p.name, u.name as unit, p.public, p.period_start::text as start, p.period_end::text as "end",
        coalesce(p.closes_on, p.period_end)::text as closes, (select count(*)::int from grant_applications a where a.pool_id = p.id) as applications
      from grant_pools p join units u on u.id = p.unit_id order by p.period_start, u.name`);
    expect(pools).toHaveLength(4);
    const [last, ...current] = pools;
    expect(last.unit).toBe('Kreds Nord');
    expect(String(last.closes) < today()).toBe(true);
    expect(current.map((p) => p.unit)).toEqual(['Kreds Midt', 'Kreds Nord', 'Kreds Syd']);
    for (const p of current) {
      expect(String(p.start) < today() && String(p.closes) > today(), String(p.name)).toBe(true);
      expect(p.applications).toBeGreaterThanOrEqual(4);
      expect(p.public).toBe(p.unit === 'Kreds Nord');
    }
    // Last year's pool is done: every application decided, and the granted ones reported or closed.
    const lastStates = await rows('select distinct status from grant_applications where pool_id = $1', [last.id]);
    expect(lastStates.map((s) => s.status).sort()).toEqual(['closed', 'rejected', 'reported']);
    // Overdue: paid, the activity past, the report's day past, not reported.
    const [overdue] = await rows("select count(*)::int as n from grant_applications where status = 'report_due' and report_due_on < $1::date and paid_on is not null and activity_date < $1::date", [today()]);
    expect(overdue.n).toBeGreaterThan(0);
    const all = await rows('select count(*)::int as n from grant_applications');
    expect(all[0].n).toBeLessThanOrEqual(40);
  });

  it('keep the budgets: granted within the budget, left = budget − granted, read through the API', async () => {
    const api = await bearer(t.database, 'admin');
    const pools = await rows('select id::text from grant_pools');
    for (const { id } of pools) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/grant-pools/${id}`, headers: api });
      expect(res.statusCode).toBe(200);
      const p = res.json() as { budget: number; granted: number; paidOut: number; left: number };
      const [sum] = await rows(
        "select coalesce(sum(granted), 0)::bigint as granted, coalesce(sum(granted) filter (where paid_on is not null), 0)::bigint as paid from grant_applications where pool_id = $1 and status in ('granted','paid_out','report_due','reported','closed')",
        [id],
      );
      expect(p.granted).toBe(Number(sum.granted));
      expect(p.paidOut).toBe(Number(sum.paid));
      expect(p.granted).toBeGreaterThan(0);
      expect(p.granted).toBeLessThanOrEqual(p.budget);
      expect(p.left).toBe(p.budget - p.granted);
      expect(p.paidOut).toBeLessThanOrEqual(p.granted);
    }
    // Every grant within the maximum and the request; a lower grant and every rejection say why.
    const bad = await rows(`select a.title from grant_applications a join grant_pools p on p.id = a.pool_id
      where a.granted > a.requested or a.granted > p.max_per_application or a.requested > a.total_cost
         or (a.status in ('granted','rejected','paid_out','report_due','reported','closed') and coalesce(a.decision_reason, '') = '')`);
    expect(bad).toEqual([]);
    const [lower] = await rows("select count(*)::int as n from grant_applications where granted < requested");
    expect(lower.n).toBeGreaterThan(0);
    // The history of Kreds Midt's budget: opened, then raised with a reason.
    const changes = await rows("select c.old_budget, c.new_budget, c.reason from grant_pool_budget_changes c join grant_pools p on p.id = c.pool_id join units u on u.id = p.unit_id where u.name = 'Kreds Midt' order by c.changed_at");
    expect(changes.map((c) => [c.old_budget === null ? null : Number(c.old_budget), Number(c.new_budget)])).toEqual([[null, 125_000_00], [125_000_00, 150_000_00]]);
    expect(changes[1].reason).toBeTruthy();
  });

  it('were decided by the district’s board or staff, never by someone conflicted, in an order that happened', async () => {
    const decided = await rows(`select a.id::text, a.applicant_id::text as "applicantId", a.workplace_id::text as "workplaceId", a.decided_by::text as "decidedBy", p.unit_id::text as unit,
        (select coalesce(array_agg(c.person_id::text), '{}') from grant_co_applicants c where c.application_id = a.id) as co,
        a.created_at <= a.submitted_at and a.submitted_at <= a.decided_at and a.decided_at <= now() as ordered,
        a.paid_on is null or a.paid_on >= (a.decided_at at time zone 'Europe/Copenhagen')::date as paid_after
      from grant_applications a join grant_pools p on p.id = a.pool_id where a.decided_at is not null`);
    expect(decided.length).toBeGreaterThan(10);
    for (const a of decided) {
      const co = (typeof a.co === 'string' ? String(a.co).replace(/^\{|\}$/g, '').split(',').filter(Boolean) : (a.co as string[])) ?? [];
      expect(await isConflicted(t.database.db, String(a.decidedBy), { applicantId: String(a.applicantId), coApplicantIds: co, workplaceId: (a.workplaceId as string | null) ?? null })).toBe(false);
      const [role] = await rows("select count(*)::int as n from role_assignments where person_id = $1 and role in ('board','staff') and unit_id = $2", [a.decidedBy, a.unit]);
      expect(role.n).toBeGreaterThan(0);
      expect(a.ordered).toBe(true);
      expect(a.paid_after).toBe(true);
    }
    // The conflict the demo shows: a board member who works where the applicant works commented without recommending, and someone else decided.
    const reviews = await rows(`select r.author_id::text as author, r.recommendation, a.applicant_id::text as applicant, a.decided_by::text as "decidedBy", a.workplace_id::text as "workplaceId"
      from grant_reviews r join grant_applications a on a.id = r.application_id`);
    const conflicted = [];
    for (const r of reviews) if (await isConflicted(t.database.db, String(r.author), { applicantId: String(r.applicant), coApplicantIds: [], workplaceId: (r.workplaceId as string | null) ?? null })) conflicted.push(r);
    expect(conflicted.length).toBeGreaterThan(0);
    for (const r of conflicted) {
      expect(r.recommendation).toBeNull();
      expect(r.decidedBy).not.toBe(r.author);
    }
  });

  it('turned a granted talk into a published event, and shows the granted activities on Kreds Nord’s public page, never the applicant', async () => {
    const [made] = await rows("select a.title, e.status, e.kind from grant_applications a join events e on e.id = a.event_id where a.purpose = 'talk'");
    expect(made).toMatchObject({ status: 'published', kind: 'member_meeting' });
    const [pool] = await rows("select p.id::text from grant_pools p join units u on u.id = p.unit_id where p.public and u.name = 'Kreds Nord'");
    const granted = await rows("select a.title, p.first_name || ' ' || p.last_name as applicant from grant_applications a join persons p on p.id = a.applicant_id where a.pool_id = $1 and a.status in ('granted','paid_out','report_due','reported','closed')", [pool.id]);
    const refused = await rows("select title from grant_applications where pool_id = $1 and status in ('draft','rejected','withdrawn','submitted','in_review')", [pool.id]);
    expect(granted.length).toBeGreaterThan(4);
    const page = await t.app.inject({ method: 'GET', url: `/grants/public/${pool.id}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    const html = page.body.replaceAll('&#39;', "'").replaceAll('&amp;', '&');
    for (const g of granted) {
      expect(html).toContain(String(g.title));
      expect(html).not.toContain(String(g.applicant));
    }
    for (const r of refused) expect(html).not.toContain(String(r.title));
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/grant-pools/${pool.id}/public` });
    expect(api.statusCode).toBe(200);
    expect((api.json() as { activities: unknown[] }).activities).toHaveLength(granted.length);
    // Another district's pool is not public.
    const [midt] = await rows("select p.id::text from grant_pools p join units u on u.id = p.unit_id where u.name = 'Kreds Midt'");
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/grant-pools/${midt.id}/public` })).statusCode).toBe(404);
  });

  it('give an applicant their own applications on their page and the bookkeeper a CSV with the payouts', async () => {
    const [mine] = await rows("select applicant_id::text as id, title from grant_applications where status = 'report_due' order by report_due_on limit 1");
    const { cookie } = await loginAs(t.database, String(mine.id));
    const own = await t.app.inject({ method: 'GET', url: '/me', headers: { cookie, accept: 'text/html' } });
    expect(own.statusCode).toBe(200);
    expect(own.body.replaceAll('&#39;', "'").replaceAll('&amp;', '&')).toContain(String(mine.title));
    const [pool] = await rows("select p.id::text from grant_pools p join units u on u.id = p.unit_id where p.public and u.name = 'Kreds Nord'");
    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/grant-pools/${pool.id}/export.csv`, headers: await bearer(t.database, 'admin') });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Bilag 1187');
  });

  it('name none of the real people or organisations of the seed article', async () => {
    const dump = await rows(`select string_agg(x, ' ') as text from (
        select row_to_json(p)::text as x from grant_pools p union all select row_to_json(a)::text from grant_applications a
        union all select row_to_json(l)::text from grant_cost_lines l union all select row_to_json(r)::text from grant_reviews r
        union all select row_to_json(e)::text from events e where e.id in (select event_id from grant_applications)
        union all select first_name || ' ' || last_name from persons where id in (select applicant_id from grant_applications union select author_id from grant_reviews union select person_id from grant_co_applicants)) s`);
    const text = String(dump[0].text);
    expect(text.length).toBeGreaterThan(5_000);
    for (const real of ['Ellegaard', 'Birkmose', 'Rosenvold', 'Socialpædagogerne', 'Vi er Socialpædagogerne']) expect(text).not.toContain(real);
  });
});
