import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { queryRows } from '../src/platform/db/database.js';
import { localParts } from '../src/platform/i18n/zoned-time.js';
import { axe, clickAndWait, desktop, openMenu, logInWithLink, newContext, phone, watchConsole, serverAndBrowserForFile, type E2eServer, checkPageIn } from './helpers.js';

/**
 * From the public request form to a scheduled meeting in the requester's view: a workplace asks
 * (anonymously, on a phone) for a workplace meeting; the receipt with the follow link lies in the
 * outbox; the office (a staff member of Kreds Nord) logs in, takes the request and schedules it;
 * the requester opens the follow link and sees the meeting scheduled. Every page passes axe and fits
 * a 390 px phone; Danish and Swedish screenshots are written for a person to look at.
 */

const STAFF_NORTH = 'birgitte.dahl@omsorgsforbundet.example';
const CONTACT = 'tillidsrepraesentant@e2e-fyraften.example';

let server: E2eServer;
let browser: Browser;
let north = '';
/** Far enough ahead that the demo's own meetings do not clash. */
const day = localParts(new Date(Date.now() + 75 * 86_400_000), 'Europe/Copenhagen').date;
const later = localParts(new Date(Date.now() + 76 * 86_400_000), 'Europe/Copenhagen').date;

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
  [{ id: north }] = await queryRows<{ id: string }>(server.database.db, sql`select id from units where name = 'Kreds Nord'`);
});

const checkPage = (page: Page, name: string, problems: string[]) => checkPageIn('workplace-meetings', page, name, problems);

let followPath = '';

describe('from the public request form to a scheduled meeting in the requester’s view', () => {
  it('a workplace asks on a phone and gets a receipt with the follow link', async () => {
    const context = await newContext(browser, phone);
    const page = await context.newPage();
    const problems = watchConsole(page);
    // The way in is the front page's link; the district comes first.
    await page.goto(`${server.baseUrl}/`);
    await clickAndWait(page, page.locator('a[href="/workplace-meetings/request"]'));
    await checkPage(page, 'request-start-phone', problems);
    await page.locator('#pick-unit').selectOption(north);
    await clickAndWait(page, page.locator('form[method="get"][action="/workplace-meetings/request"] button[type="submit"]'));
    expect(new URL(page.url()).search).toBe(`?unit=${north}`);
    await checkPage(page, 'request-phone', problems);
    // Bad input first: no topic and no time; the errors name the fields and nothing is sent.
    await page.locator('#field-contactName').fill('Tove Tillid');
    await page.locator('#field-contactEmail').fill(CONTACT);
    await clickAndWait(page, page.locator('form[method="post"][action="/workplace-meetings/request"] button[type="submit"]'));
    expect(await page.locator('.error-summary a[href="#field-topicIds"]').count()).toBe(1);
    await checkPage(page, 'request-errors-phone', problems);

    await page.locator('#field-workplaceId').selectOption({ index: 1 });
    await page.locator('#field-proposed\\.0\\.date').fill(day);
    await page.locator('#field-proposed\\.0\\.start').fill('15:30');
    await page.locator('#field-proposed\\.0\\.end').fill('17:00');
    await page.locator('#field-topicIds input[type="checkbox"]').first().check();
    await page.locator('#field-questions').fill('Hvordan taler vi om alenearbejde?');
    await page.locator('#field-nonMembersWelcome').check();
    await clickAndWait(page, page.locator('form[method="post"][action="/workplace-meetings/request"] button[type="submit"]'));
    expect(new URL(page.url()).pathname).toBe('/workplace-meetings/requested');
    await checkPage(page, 'requested-phone', problems);

    const [mail] = await queryRows<{ text: string }>(server.database.db, sql`select text_body as text from mail_outbox where to_address = ${CONTACT}`);
    followPath = /\/workplace-meetings\/follow\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0];
    await page.goto(`${server.baseUrl}${followPath}`);
    expect(await page.locator('.badge').first().innerText()).toContain('ny');
    await context.close();
  });

  it('the office takes the request and schedules it', async () => {
    const context = await newContext(browser, desktop);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInWithLink(page, server, STAFF_NORTH);
    await page.goto(`${server.baseUrl}/workplace-meetings?status=new`);
    await checkPage(page, 'queue-desktop', problems);
    const [{ id }] = await queryRows<{ id: string }>(server.database.db, sql`select id from workplace_meetings where contact_email = ${CONTACT}`);
    await page.goto(`${server.baseUrl}/workplace-meetings/${id}`);
    await checkPage(page, 'detail-desktop', problems);
    expect(await page.content()).toContain('Hvordan taler vi om alenearbejde?');
    await clickAndWait(page, page.locator(`form[action="/workplace-meetings/${id}/take"] button`));

    const [{ me }] = await queryRows<{ me: string }>(server.database.db, sql`select id as me from persons where email = ${STAFF_NORTH}`);
    // The form comes filled in with the workplace's proposal; the office moves it a day.
    expect(await page.locator('#schedule-date').inputValue()).toBe(day);
    expect(await page.locator('#schedule-startTime').inputValue()).toBe('15:30');
    expect(await page.locator('#schedule-endTime').inputValue()).toBe('17:00');
    await page.locator('#schedule-date').fill(later);
    await page.locator('#schedule-consultantId').selectOption(me);
    const politician = await page.locator('#schedule-politicianId option').evaluateAll((os, self) => (os as { value: string }[]).map((o) => o.value).find((v) => v && v !== self), me);
    await page.locator('#schedule-politicianId').selectOption(politician!);
    await clickAndWait(page, page.locator(`form[action="/workplace-meetings/${id}/schedule"] button[type="submit"]`));
    expect(await page.locator('.badge').first().innerText()).toContain('planlagt');
    await checkPage(page, 'scheduled-desktop', problems);

    await page.goto(`${server.baseUrl}/workplace-meetings/mine`);
    await checkPage(page, 'mine-desktop', problems);
    await clickAndWait(page, page.locator('form[action="/workplace-meetings/mine/feed"] button'));
    expect(await page.locator('code').innerText()).toMatch(/\/workplace-meetings\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    await checkPage(page, 'mine-feed-desktop', problems);
    await page.goto(`${server.baseUrl}/workplace-meetings/topics`);
    await checkPage(page, 'topics-desktop', problems);
    await page.goto(`${server.baseUrl}/workplace-meetings`);
    expect(await page.locator('svg[role="img"]').count()).toBe(1);

    // The same pages on a phone, in Danish and Swedish.
    const state = await context.storageState();
    const phoneContext = await newContext(browser, { ...phone, storageState: state });
    const p = await phoneContext.newPage();
    const pp = watchConsole(p);
    await p.goto(`${server.baseUrl}/workplace-meetings/${id}`);
    await checkPage(p, 'detail-phone-da', pp);
    await p.goto(`${server.baseUrl}/workplace-meetings`);
    // On a phone the language choice is in the header's menu.
    await openMenu(p);
    await clickAndWait(p, p.locator('.language-switcher button[lang="sv"]'));
    expect(await p.locator('h1').innerText()).toBe('Arbetsplatsträffar');
    await checkPage(p, 'queue-phone-sv', pp);
    await p.goto(`${server.baseUrl}/workplace-meetings/${id}`);
    await checkPage(p, 'detail-phone-sv', pp);
    await phoneContext.close();
    await context.close();
  });

  it('the requester opens the follow link and sees the meeting scheduled', async () => {
    const context = await newContext(browser, phone);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${server.baseUrl}${followPath}`);
    expect(await page.locator('.badge').first().innerText()).toContain('planlagt');
    expect(await page.locator('dl.facts').innerText()).toContain('15.30–17.00');
    await checkPage(page, 'follow-scheduled-phone', problems);
    await context.close();
  });
});

describe('a steward finds the request form where they look for it', () => {
  it('opens their own page and their workplace on a phone, follows the link and finds the workplace chosen', async () => {
    const [steward] = await queryRows<{ email: string; workplaceId: string }>(
      server.database.db,
      sql`select p.email, r.workplace_id as "workplaceId" from role_assignments r join persons p on p.id = r.person_id
          where r.role = 'steward' and p.email is not null and exists (select 1 from workplace_meetings m where m.workplace_id = r.workplace_id)
          order by p.email limit 1`,
    );
    const context = await newContext(browser, phone);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInWithLink(page, server, steward.email);
    await page.goto(`${server.baseUrl}/me`);
    expect(await page.locator('a[href="/workplace-meetings/request"]').count()).toBe(1);
    await checkPage(page, 'steward-me-phone', problems);
    await page.goto(`${server.baseUrl}/workplaces/${steward.workplaceId}`);
    await clickAndWait(page, page.locator(`a[href="/workplace-meetings/request?workplace=${steward.workplaceId}"]`));
    expect(await page.locator('#field-workplaceId').inputValue()).toBe(steward.workplaceId);
    await checkPage(page, 'steward-request-phone', problems);
    await page.goto(`${server.baseUrl}/workplace-meetings`);
    await openMenu(page);
    await clickAndWait(page, page.locator('.language-switcher [lang="sv"]'));
    expect(await page.locator('h1').innerText()).toBe('Arbetsplatsträffar');
    expect(await page.locator('table.wm-queue-table tbody tr').count()).toBeGreaterThan(0);
    await checkPage(page, 'steward-queue-phone-sv', problems);
    await context.close();
  });
});
