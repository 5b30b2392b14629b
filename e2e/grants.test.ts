import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { queryRows } from '../src/platform/db/database.js';
import { loadGrants } from '../src/kernel/grants.js';
import type { Actor } from '../src/platform/actor.js';
import { createPool } from '../src/features/grants/pools.js';
import { recordPayout } from '../src/features/grants/payouts.js';
import { poolInput } from '../src/features/grants/schema.js';
import { today } from '../src/features/grants/access.js';
import { axe, clickAndWait, desktop, logInWithLink, newContext, phone, serverAndBrowserForFile, watchConsole, type E2eServer, checkPageIn } from './helpers.js';

/**
 * The initiative pool as people use it: a member of Kreds Nord applies from a phone (the pool from
 * the start page, the form, the cost lines in kroner, "send"); a board member of the district grants
 * a lower amount with a reason on a desktop; the office pays out; the member sees the decision and
 * the reason on the phone and files the report. Every page passes axe and fits a 390 px phone.
 */

let server: E2eServer;
let browser: Browser;
let poolId = '';
let poolName = '';
let memberEmail = '';
let boardEmail = '';
let staffActor: Actor;
let applicationId = '';

const day = (offset: number) => new Date(Date.parse(`${today()}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
const actorOf = async (id: string): Promise<Actor> => ({ kind: 'person', personId: id, firstName: 'E', lastName: '2E', grants: await loadGrants(server.database.db, id) });

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
  const db = server.database.db;
  const [{ id: north }] = await queryRows<{ id: string }>(db, sql`select id from units where name = 'Kreds Nord'`);
  const [staff] = await queryRows<{ id: string }>(db, sql`select person_id as id from role_assignments where role = 'staff' and unit_id = ${north} order by created_at limit 1`);
  staffActor = await actorOf(staff.id);
  // A member of the north with no office, who works nowhere a board member works (so the board is not conflicted).
  const [member] = await queryRows<{ id: string; email: string }>(
    db,
    sql`select p.id, p.email from persons p join memberships m on m.person_id = p.id
        where m.unit_id = ${north} and m.status = 'active' and p.email is not null and p.preferred_locale = 'da'
          and not exists (select 1 from role_assignments r where r.person_id = p.id)
          and not exists (select 1 from grant_applications a where a.applicant_id = p.id)
        order by m.member_number limit 1`,
  );
  const [board] = await queryRows<{ email: string }>(
    db,
    sql`select p.email from persons p join role_assignments r on r.person_id = p.id
        where r.role = 'board' and r.unit_id = ${north} and p.email is not null and (r.ends_on is null or r.ends_on >= current_date)
          and not exists (select 1 from employments e join employments me on me.workplace_id = e.workplace_id where e.person_id = p.id and me.person_id = ${member.id})
        order by p.email limit 1`,
  );
  memberEmail = member.email;
  boardEmail = board.email;
  poolName = 'Rejsepuljen for arbejdspladsbesøg';
  const made = await createPool(
    db,
    staffActor,
    poolInput.parse({ unitId: north, name: poolName, periodStart: day(-30), periodEnd: day(300), budget: 50_000_00, maxPerApplication: 10_000_00, questions: ['Hvordan når aktiviteten ud til nye medlemmer?'], public: true }),
  );
  if (!made.ok) throw new Error(JSON.stringify(made));
  poolId = made.pool.id;
});

const checkPage = (page: Page, name: string, problems: string[]) => checkPageIn('grants', page, name, problems);

describe('a member applies, the board grants, the member reports', () => {
  it('the member applies from a phone', async () => {
    const context = await newContext(browser, phone);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInWithLink(page, server, memberEmail);
    await page.goto(`${server.baseUrl}/grants`);
    await checkPage(page, 'start-phone', problems);
    await clickAndWait(page, page.locator(`a[href="/grants/pools/${poolId}/apply"]`).first());
    await checkPage(page, 'apply-phone', problems);
    await page.check('input[name="purpose"][value="workplace_visit"]');
    await page.fill('[name="title"]', 'Besøg på bostedet Kildevang');
    await page.fill('[name="description"]', 'Vi besøger kollegerne på nattevagten og fortæller om overenskomsten.');
    await page.fill('[name="activityDate"]', day(21));
    await page.fill('[name="place"]', 'Bostedet Kildevang');
    await page.fill('[name="expectedParticipants"]', '15');
    await page.fill('[name="costLines.0.description"]', 'Kørsel');
    await page.fill('[name="costLines.0.amount"]', '800');
    await page.fill('[name="costLines.1.description"]', 'Morgenbrød');
    await page.fill('[name="costLines.1.amount"]', '450,50');
    await page.fill('[name="requested"]', '1250,50');
    await page.locator('textarea[name^="answers."]').first().fill('Vi inviterer de ansatte, der endnu ikke er medlemmer.');
    await clickAndWait(page, page.locator('button[name="intent"][value="submit"]'));
    expect(page.url()).toMatch(/\/grants\/applications\/[0-9a-f-]{36}$/);
    applicationId = page.url().split('/').pop()!;
    const text = await page.locator('main').innerText();
    expect(text).toContain('Besøg på bostedet Kildevang');
    expect(text).toContain('Indsendt');
    expect(text.replace(/\u00a0/g, ' ')).toContain('1.250,50 kr.');
    await checkPage(page, 'submitted-phone', problems);
    await context.close();
  });

  it('a board member grants a lower amount with a reason', async () => {
    const context = await newContext(browser, desktop);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInWithLink(page, server, boardEmail);
    await page.goto(`${server.baseUrl}/grants/pools/${poolId}`);
    expect(await page.locator('main').innerText()).toContain('Besøg på bostedet Kildevang');
    await checkPage(page, 'pool-board', problems);
    await clickAndWait(page, page.locator(`main a[href="/grants/applications/${applicationId}"]`).first());
    await page.check('input[name="outcome"][value="granted"]');
    await page.fill('form[action$="/decision"] [name="amount"]', '1000');
    await page.fill('form[action$="/decision"] [name="reason"]', 'Vi dækker kørslen og en del af morgenbrødet.');
    await clickAndWait(page, page.locator('form[action$="/decision"] button[type="submit"]'));
    const text = (await page.locator('main').innerText()).replace(/\u00a0/g, ' ');
    expect(text).toContain('Bevilget');
    expect(text).toContain('1.000,00 kr.');
    await checkPage(page, 'decided-board', problems);
    await context.close();
    const [a] = await queryRows<{ status: string; granted: string }>(server.database.db, sql`select status, granted from grant_applications where id = ${applicationId}`);
    expect(a).toEqual({ status: 'granted', granted: expect.anything() });
    expect(Number(a.granted)).toBe(1_000_00);
  });

  it('the member sees the decision and its reason, and files the report after the payout', async () => {
    const paid = await recordPayout(server.database.db, staffActor, applicationId, { reference: 'Bilag 2026-901' }, { baseUrl: server.baseUrl });
    expect(paid.ok).toBe(true);
    const context = await newContext(browser, phone);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInWithLink(page, server, memberEmail);
    await page.goto(`${server.baseUrl}/me`);
    await clickAndWait(page, page.locator(`a[href="/grants/applications/${applicationId}"]`).first());
    const text = (await page.locator('main').innerText()).replace(/\u00a0/g, ' ');
    expect(text).toContain('Vi dækker kørslen og en del af morgenbrødet.');
    expect(text).toContain('1.000,00 kr.');
    await checkPage(page, 'decision-phone', problems);
    await clickAndWait(page, page.locator(`a[href="/grants/applications/${applicationId}/report"]`));
    await page.fill('[name="summary"]', 'Vi mødte 12 kolleger på nattevagten; tre meldte sig ind samme morgen.');
    await page.fill('[name="participants"]', '12');
    await page.fill('[name="actualCosts.0.description"]', 'Kørsel');
    await page.fill('[name="actualCosts.0.amount"]', '780');
    // The budget's lines are filled in to start from; the second cost less than planned.
    expect(await page.inputValue('[name="actualCosts.1.description"]')).toBe('Morgenbrød');
    await page.fill('[name="actualCosts.1.amount"]', '400');
    await checkPage(page, 'report-phone', problems);
    await clickAndWait(page, page.locator('form[action$="/report"] button[type="submit"]'));
    expect(page.url()).toContain(`/grants/applications/${applicationId}`);
    expect(await page.locator('main').innerText()).toContain('Afrapporteret');
    await checkPage(page, 'reported-phone', problems);
    await context.close();
    const [a] = await queryRows<{ status: string; actualCost: string; participants: number }>(server.database.db, sql`select status, actual_cost as "actualCost", report_participants as participants from grant_applications where id = ${applicationId}`);
    expect(a.status).toBe('reported');
    expect(Number(a.actualCost)).toBe(1_180_00);
    expect(a.participants).toBe(12);
  });
});
