import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, clickAndWait, desktop, logInWithLink, menuLink, newContext, openMenu, phone, serverAndBrowserForFile, watchConsole, type E2eServer, checkPageIn } from './helpers.js';

/**
 * The board's dashboard as a district's staff member uses it: from the menu to the figures of the
 * units they may see, a unit and a range chosen in the plain form, a figure's CSV downloaded, the
 * year's board pack opened; and the same dashboard on a phone in Swedish. Every page passes axe and
 * fits the screen.
 */

const STAFF_NORTH = 'birgitte.dahl@omsorgsforbundet.example';

let server: E2eServer;
let browser: Browser;

serverAndBrowserForFile((s, b) => {
  [server, browser] = [s, b];
});

const checkPage = (page: Page, name: string, problems: string[]) => checkPageIn('insights', page, name, problems);

describe('insights in the browser', () => {
  it('a district’s staff member follows the figures, picks a unit and a range, downloads a CSV and opens the board pack', async () => {
    const context = await newContext(browser, desktop);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInWithLink(page, server, STAFF_NORTH);
    await clickAndWait(page, await menuLink(page, 'Nøgletal'));
    expect(new URL(page.url()).pathname).toBe('/insights');
    const main = page.locator('main');
    expect(await main.locator('h1').innerText()).toBe('Nøgletal');
    // Every figure is a chart named for screen readers, with its numbers in a table beside it.
    expect(await main.locator('figure svg[role="img"]').count()).toBeGreaterThanOrEqual(8);
    expect(await main.locator('table').count()).toBeGreaterThanOrEqual(8);
    // The unit filter offers Kreds Nord (and what is below it), not the other districts.
    const units = await page.locator('select[name="unit"] option').allInnerTexts();
    expect(units.some((u) => u.includes('Kreds Nord'))).toBe(true);
    expect(units.some((u) => u.includes('Kreds Syd'))).toBe(false);
    await checkPage(page, 'dashboard-desktop', problems);

    // Kreds Nord over two years, cohorts by month: the form is a plain GET.
    const year = new Date().getFullYear();
    await page.selectOption('select[name="unit"]', { label: units.find((u) => u.includes('Kreds Nord'))!.trim() });
    await page.fill('input[name="from"]', `${year - 2}-01-01`);
    await page.selectOption('select[name="grain"]', 'month');
    await clickAndWait(page, main.locator('form button[type="submit"]').first());
    const url = new URL(page.url());
    expect(url.searchParams.get('from')).toBe(`${year - 2}-01-01`);
    expect(url.searchParams.get('grain')).toBe('month');
    expect(url.searchParams.get('unit')).toBeTruthy();
    expect(await main.locator('#retention table tbody tr').count()).toBeGreaterThan(0);

    // A figure's CSV: the same range, semicolons and a BOM for the spreadsheet.
    const href = await main.locator('a[href^="/insights/flows.csv"]').getAttribute('href');
    expect(href).toContain(`from=${year - 2}-01-01`);
    const csv = await page.request.get(`${server.baseUrl}${href}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const text = (await csv.body()).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n')[0] ?? text.split('\n')[0]).toContain(';');

    // The year's board pack: a page of its own, every figure with its table.
    await clickAndWait(page, main.locator('a[href^="/insights/pack"]').first());
    expect(new URL(page.url()).pathname).toBe('/insights/pack');
    expect(await page.locator('h1').innerText()).toContain(String(year));
    expect(await page.locator('header.site-header').count()).toBe(0);
    expect(await page.locator('main table').count()).toBeGreaterThanOrEqual(8);
    await checkPage(page, 'pack-desktop', problems);
    await context.close();
  });

  it('the dashboard on a phone, in Swedish', async () => {
    const context = await newContext(browser, phone);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInWithLink(page, server, STAFF_NORTH);
    // The staff member's choice of language is saved and the pages follow it.
    await openMenu(page);
    await clickAndWait(page, page.getByRole('button', { name: 'Svenska' }));
    await page.goto(`${server.baseUrl}/insights`);
    expect(await page.locator('main h1').innerText()).toBe('Nyckeltal');
    expect(await page.locator('main figure svg[role="img"]').count()).toBeGreaterThanOrEqual(8);
    await checkPage(page, 'dashboard-phone-sv', problems);
    await context.close();
  });
});
