import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { axe, clickAndWait, DEMO_ADMIN_EMAIL, desktop, formatViolations, logInWithLink, menuLink, newContext, phone, screenshot, watchConsole, serverAndBrowserForFile, type E2eServer } from './helpers.js';

/**
 * The public staff directory in a browser: a visitor finds who to call about their pension; a
 * staff member keeps their own entry with a photo; every page passes axe on a desktop and a phone.
 */

let server: E2eServer;
let browser: Browser;

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
});

/** A 1×1 PNG, as a portrait would arrive from a file picker. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

/** The page as it is now: no console errors, nothing wider than the screen, no serious axe finding. */
async function checkPage(page: Page, name: string, width: number, problems: string[]): Promise<void> {
  expect(problems, `${name}: browser console`).toEqual([]);
  expect(await page.evaluate('document.documentElement.scrollWidth'), `${name}: page width`).toBeLessThanOrEqual(width);
  const violations = await axe(page);
  // Injecting axe trips the page's CSP (that is the CSP working); what the page itself logged was checked above.
  problems.length = 0;
  if (violations.length) await screenshot(page, `axe-directory-${name}`);
  expect(violations, formatViolations(name, violations)).toEqual([]);
}

const sizes: [string, BrowserContextOptions][] = [
  ['desktop', desktop],
  ['phone', phone],
];

describe('a visitor looks for the right person', () => {
  it.each(sizes)('finds the pension adviser by topic and sees a tel: link (%s)', async (size, options) => {
    const context = await newContext(browser, options);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${server.baseUrl}/`);
    await clickAndWait(page, await menuLink(page, 'Find medarbejder'));
    expect(new URL(page.url()).pathname).toBe('/directory');
    expect(await page.locator('.staff-card').count()).toBeGreaterThan(5);
    await checkPage(page, `${size}-directory`, options.viewport!.width, problems);

    await page.locator('#field-q').fill('pension');
    await clickAndWait(page, page.locator('form[action="/directory"] button[type="submit"]'));
    const cards = page.locator('.staff-card');
    expect(await cards.count()).toBe(1);
    expect(await cards.locator('.staff-name').innerText()).toBe('Henrik Vestergaard');
    expect(await cards.locator('.staff-title').innerText()).toBe('Pensionsrådgiver');
    const tel = cards.locator('a[href^="tel:"]');
    expect(await tel.getAttribute('href')).toBe('tel:+4512345701');
    expect(await tel.innerText()).toBe('+45 12 34 5701');
    expect(await cards.locator('a[href^="mailto:"]').getAttribute('href')).toBe('mailto:henrik.vestergaard@omsorgsforbundet.example');
    await screenshot(page, `directory-pension-${size}`);
    await checkPage(page, `${size}-directory-pension`, options.viewport!.width, problems);

    // A topic is a link to everyone who handles it.
    await page.goto(`${server.baseUrl}/directory?q=afskedigelse`);
    const names = await page.locator('.staff-name').allInnerTexts();
    expect(names).toEqual(['Signe Krogh', 'Helle Sandberg']);
    await page.goto(`${server.baseUrl}/directory?q=tilsynsbes%C3%B8g`);
    expect(await page.locator('.staff-name').allInnerTexts()).toEqual(['Birgitte Dahl', 'Helle Sandberg']);
    await page.goto(`${server.baseUrl}/directory?q=ingen-kender-dette-emne`);
    expect(await page.locator('.empty-state').count()).toBe(1);
    await checkPage(page, `${size}-directory-empty`, options.viewport!.width, problems);
    await context.close();
  });
});

describe('a staff member keeps their entry', () => {
  it('adds a topic and a photo, and is then found by it', async () => {
    const context = await newContext(browser, desktop);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInWithLink(page, server, 'henrik.vestergaard@omsorgsforbundet.example');
    await page.goto(`${server.baseUrl}/directory`);
    await clickAndWait(page, page.getByRole('link', { name: 'Redigér min profil' }));
    expect(new URL(page.url()).pathname).toBe('/directory/me');
    await checkPage(page, 'my-entry', 1280, problems);

    // A phone number nobody can dial is refused and named.
    await page.locator('#field-directPhone').fill('ring til mig');
    await clickAndWait(page, page.locator('form[action="/directory/me"] button[type="submit"]'));
    expect(await page.locator('.error-summary').innerText()).toContain('Direkte telefon må kun indeholde cifre');
    expect(await page.locator('#field-directPhone').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'my-entry-with-errors', 1280, problems);

    await page.locator('#field-directPhone').fill('+45 12 34 57 01');
    await page.locator('#field-topics').fill('pension, efterløn, forsikring, seniorordning');
    await clickAndWait(page, page.locator('form[action="/directory/me"] button[type="submit"]'));
    expect(await page.locator('.flash-success').count()).toBe(1);

    await page.locator('#photo-photo').setInputFiles({ name: 'henrik.png', mimeType: 'image/png', buffer: PNG });
    await clickAndWait(page, page.locator('form[action="/directory/me/photo"] button[type="submit"]'));
    expect(await page.locator('.flash-success').innerText()).toContain('Fotoet er gemt');
    await screenshot(page, 'directory-my-entry');

    await page.goto(`${server.baseUrl}/directory?q=seniorordning`);
    expect(await page.locator('.staff-name').allInnerTexts()).toEqual(['Henrik Vestergaard']);
    const photo = page.locator('.staff-card img.staff-photo');
    expect(await photo.getAttribute('alt')).toBe('Foto af Henrik Vestergaard');
    expect(await photo.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)).toBe(1);
    await checkPage(page, 'directory-with-photo', 1280, problems);
    await context.close();
  });

  it.each(sizes)('admins see every staff member and their entry (%s)', async (size, options) => {
    const context = await newContext(browser, options);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInWithLink(page, server, DEMO_ADMIN_EMAIL);
    await page.goto(`${server.baseUrl}/admin/directory`);
    expect(await page.locator('tbody tr').count()).toBe(10);
    await checkPage(page, `${size}-admin-directory`, options.viewport!.width, problems);
    await clickAndWait(page, page.getByRole('link', { name: 'Signe Krogh' }));
    expect(await page.locator('#field-title').inputValue()).toBe('Juridisk konsulent');
    await checkPage(page, `${size}-admin-directory-entry`, options.viewport!.width, problems);
    await context.close();
  });
});
