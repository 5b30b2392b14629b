import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { axe, clickAndWait, DEMO_ADMIN_EMAIL, desktop, formatViolations, logInWithLink, menuLink, newContext, phone, screenshot, watchConsole, serverAndBrowserForFile, type E2eServer } from './helpers.js';

/**
 * Workplaces and member companies in a browser: a shop steward opens their workplace and sees its
 * coverage and colleagues; staff find a workplace without a steward and appoint one; forms show
 * their errors. Every page passes axe on a desktop and a phone.
 */

let server: E2eServer;
let browser: Browser;
/** A steward of the demo union with a log-in, their workplace, and a colleague there who is not a member. */
const demo = { stewardEmail: '', stewardName: '', workplaceId: '', workplaceName: '', nonMember: '', otherWorkplaceId: '' };

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
  const { rows } = await server.database.executeSql(`
    select p.email, p.first_name || ' ' || p.last_name as name, w.id as workplace_id, w.name as workplace_name,
      (select c.first_name || ' ' || c.last_name from employments e join persons c on c.id = e.person_id
        left join memberships m on m.person_id = c.id
        where e.workplace_id = w.id and (m.status is null or m.status <> 'active') order by c.last_name limit 1) as non_member,
      (select o.id from workplaces o where o.id <> w.id order by o.name limit 1) as other_id
    from role_assignments r join persons p on p.id = r.person_id join workplaces w on w.id = r.workplace_id
    where r.role = 'steward' and r.ends_on is null and p.email is not null and p.preferred_locale = 'da'
      and not exists (select 1 from role_assignments r2 where r2.person_id = p.id and r2.role = 'safety_rep')
      and exists (select 1 from employments e join persons c on c.id = e.person_id left join memberships m on m.person_id = c.id
        where e.workplace_id = w.id and (m.status is null or m.status <> 'active'))
    order by w.name limit 1`);
  const row = rows[0] as Record<string, string>;
  Object.assign(demo, { stewardEmail: row.email, stewardName: row.name, workplaceId: row.workplace_id, workplaceName: row.workplace_name, nonMember: row.non_member, otherWorkplaceId: row.other_id });
});

async function checkPage(page: Page, name: string, width: number, problems: string[]): Promise<void> {
  expect(problems, `${name}: browser console`).toEqual([]);
  expect(await page.evaluate('document.documentElement.scrollWidth'), `${name}: page width`).toBeLessThanOrEqual(width);
  const violations = await axe(page);
  // Injecting axe trips the page's CSP (that is the CSP working); what the page itself logged was checked above.
  problems.length = 0;
  if (violations.length) await screenshot(page, `axe-workplaces-${name}`);
  expect(violations, formatViolations(name, violations)).toEqual([]);
}

const sizes: [string, BrowserContextOptions][] = [
  ['desktop', desktop],
  ['phone', phone],
];

describe('a shop steward and their workplace', () => {
  it.each(sizes)('opens their workplace and sees its coverage and colleagues, and nothing else (%s)', async (size, options) => {
    const width = options.viewport!.width;
    const context = await newContext(browser, options);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInWithLink(page, server, demo.stewardEmail);
    await clickAndWait(page, await menuLink(page, 'Arbejdspladser'));
    expect(await page.locator('tbody tr').count()).toBe(1);
    await checkPage(page, `${size}-steward-list`, width, problems);

    await clickAndWait(page, page.getByRole('link', { name: demo.workplaceName }));
    expect(await page.locator('h1').innerText()).toBe(demo.workplaceName);
    const coverage = page.locator('section[aria-labelledby="coverage-title"]');
    expect(await coverage.innerText()).toContain(demo.stewardName);
    expect(await coverage.innerText()).toContain('Arbejdsmiljørepræsentant');
    const people = page.locator('section[aria-labelledby="people-title"] table');
    expect(await people.innerText()).toContain(demo.nonMember);
    // The steward reaches their colleagues: phone and e-mail in the list, every name a link to the contact page.
    expect(await people.locator('thead th').allInnerTexts()).toEqual(['Navn', 'Stilling', 'Leder', 'Medlem', 'Telefon', 'E-mail']);
    expect(await people.getByRole('link', { name: demo.nonMember }).count()).toBe(1);
    // A steward changes nothing here.
    expect(await page.getByRole('link', { name: 'Tilføj ansættelse' }).count()).toBe(0);
    await screenshot(page, `workplaces-steward-${size}`);
    await checkPage(page, `${size}-steward-workplace`, width, problems);

    const other = await page.goto(`${server.baseUrl}/workplaces/${demo.otherWorkplaceId}`);
    expect(other?.status()).toBe(404);
    await context.close();
  });
});

describe('staff at work on workplaces and member companies', () => {
  it.each(sizes)('find a workplace without a steward, appoint one, and meet form errors (%s)', async (size, options) => {
    const width = options.viewport!.width;
    const context = await newContext(browser, options);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInWithLink(page, server, DEMO_ADMIN_EMAIL);
    await page.goto(`${server.baseUrl}/workplaces`);
    await checkPage(page, `${size}-list`, width, problems);

    await page.locator('#field-vacancy').selectOption('steward');
    await clickAndWait(page, page.locator('form[action="/workplaces"] button[type="submit"]'));
    const vacant = page.locator('tbody tr');
    const before = await vacant.count();
    expect(before).toBeGreaterThan(0);
    // The steward column (after name, unit, employer and three numbers) says vacant on every row.
    expect(await vacant.locator('td:nth-child(7)').allInnerTexts()).toEqual(Array(before).fill('Ubesat'));
    await checkPage(page, `${size}-vacancies`, width, problems);

    await clickAndWait(page, vacant.first().locator('th a'));
    const workplaceUrl = page.url();
    await checkPage(page, `${size}-workplace`, width, problems);
    await clickAndWait(page, page.getByRole('link', { name: 'Udpeg TR eller AMR' }));
    await checkPage(page, `${size}-appoint`, width, problems);
    // Sent without choosing anyone: the field is named.
    await clickAndWait(page, page.locator('main form button[type="submit"]'));
    expect(await page.locator('.error-summary').innerText()).toContain('Person skal udfyldes');
    await checkPage(page, `${size}-appoint-errors`, width, problems);
    const choice = await page.locator('#field-personId option').nth(1).innerText();
    await page.locator('#field-personId').selectOption({ label: choice });
    await clickAndWait(page, page.locator('main form button[type="submit"]'));
    expect(page.url()).toBe(workplaceUrl);
    expect(await page.locator('section[aria-labelledby="coverage-title"]').innerText()).toContain(choice);

    await page.goto(`${server.baseUrl}/workplaces?vacancy=steward`);
    expect(await page.locator('tbody tr').count()).toBe(before - 1);

    await page.goto(`${server.baseUrl}/workplaces/new`);
    await page.locator('#field-name').fill('Botilbuddet Kildevæld');
    await page.locator('#field-pNumber').fill('12 34');
    await clickAndWait(page, page.locator('main form button[type="submit"]'));
    expect(await page.locator('.error-summary').innerText()).toContain('P-nummer skal være 10 cifre');
    expect(await page.locator('#field-pNumber').inputValue()).toBe('12 34');
    await checkPage(page, `${size}-workplace-form-errors`, width, problems);

    await page.goto(`${server.baseUrl}/member-companies`);
    await checkPage(page, `${size}-companies`, width, problems);
    await clickAndWait(page, page.locator('tbody tr').first().locator('th a'));
    await checkPage(page, `${size}-company`, width, problems);
    await page.goto(`${server.baseUrl}/member-companies/new`);
    await page.locator('#field-name').fill('Fejlfirma ApS');
    await page.locator('#field-cvr').fill('DK 12 34 56 78');
    await clickAndWait(page, page.locator('main form button[type="submit"]'));
    expect(await page.locator('.error-summary').innerText()).toContain('CVR-nummer skal være et gyldigt CVR-nummer');
    await checkPage(page, `${size}-company-form-errors`, width, problems);
    await context.close();
  });
});
