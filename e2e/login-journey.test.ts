import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { clickAndWait, DEMO_ADMIN_EMAIL, desktop, latestLoginLink, logInWithLink, newContext, phone, screenshot, watchConsole, serverAndBrowserForFile, type E2eServer } from './helpers.js';

let server: E2eServer;
let browser: Browser;

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
});

const lang = (page: Page) => page.locator('html').getAttribute('lang');
const pathname = (page: Page) => new URL(page.url()).pathname;
const header = (page: Page) => page.locator('header.site-header');

describe('the log-in journey in a browser', () => {
  it('logs in with a mailed link, switches to Swedish and back, and logs out', async () => {
    const context = await newContext(browser, desktop);
    const page = await context.newPage();
    const consoleProblems = watchConsole(page);

    await page.goto(`${server.baseUrl}/login`);
    expect(await lang(page)).toBe('da');
    await screenshot(page, '01-login');
    await page.locator('#link-email').fill(DEMO_ADMIN_EMAIL);
    await clickAndWait(page, page.getByRole('button', { name: 'Send login-link' }));
    expect(pathname(page)).toBe('/login/sent');

    const { link, path } = await latestLoginLink(server.database, DEMO_ADMIN_EMAIL);
    expect(link.startsWith(`${server.config.publicUrl}/login/link/`)).toBe(true);
    await page.goto(`${server.baseUrl}${path}`);
    await screenshot(page, '02-confirm-link');
    // Opening the link alone does not log in: the header still offers "Log ind".
    expect(await header(page).getByRole('link', { name: 'Log ind' }).count()).toBe(1);
    await clickAndWait(page, page.getByRole('button', { name: 'Log mig ind' }));

    expect(pathname(page)).toBe('/start');
    expect(await lang(page)).toBe('da');
    expect(await page.locator('h1').innerText()).toBe('Hej Astrid');
    expect(await header(page).getByRole('button', { name: 'Log ud' }).isVisible()).toBe(true);
    expect(await header(page).getByRole('link', { name: 'Log ind' }).count()).toBe(0);
    await screenshot(page, '03-start-da');

    // The same session on a phone: nothing wider than the screen.
    const phoneContext = await newContext(browser, { ...phone, storageState: await context.storageState() });
    const phonePage = await phoneContext.newPage();
    await phonePage.goto(`${server.baseUrl}/start`);
    expect(pathname(phonePage)).toBe('/start');
    expect(await phonePage.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(phonePage, '04-start-phone');
    await phoneContext.close();

    // Swedish, from the header's language switcher.
    await clickAndWait(page, header(page).getByRole('button', { name: 'Svenska' }));
    expect(pathname(page)).toBe('/start');
    expect(await lang(page)).toBe('sv');
    expect(await page.getByText('Välkommen till Omsorgsforbundet.').isVisible()).toBe(true);
    expect(await header(page).getByRole('button', { name: 'Logga ut' }).isVisible()).toBe(true);
    expect(await header(page).getByRole('button', { name: 'Svenska' }).getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, '05-start-sv');

    // Remembered on the next page.
    await page.goto(`${server.baseUrl}/account`);
    expect(await lang(page)).toBe('sv');
    expect(await page.locator('h1').innerText()).toBe('Mitt konto');

    await clickAndWait(page, header(page).getByRole('button', { name: 'Dansk' }));
    expect(pathname(page)).toBe('/account');
    expect(await lang(page)).toBe('da');
    expect(await page.locator('h1').innerText()).toBe('Min konto');
    await page.goto(`${server.baseUrl}/start`);
    expect(await lang(page)).toBe('da');
    expect(await page.getByText('Velkommen til Omsorgsforbundet.').isVisible()).toBe(true);

    await clickAndWait(page, header(page).getByRole('button', { name: 'Log ud' }));
    expect(pathname(page)).toBe('/');
    expect(await page.getByText('Du er logget ud.').isVisible()).toBe(true);
    expect(await header(page).getByRole('link', { name: 'Log ind' }).isVisible()).toBe(true);
    expect(await header(page).getByRole('button', { name: 'Log ud' }).count()).toBe(0);
    await screenshot(page, '06-logged-out');

    await page.goto(`${server.baseUrl}/start`);
    expect(pathname(page)).toBe('/login');

    // The used link cannot log in again.
    await page.goto(`${server.baseUrl}${path}`);
    expect(await page.getByRole('button', { name: 'Log mig ind' }).count()).toBe(0);

    expect(consoleProblems).toEqual([]);
    await context.close();
  });

  it('sets a password on the account page and logs in with it', async () => {
    const password = 'korrekt hest batteri hæfteklamme';
    const context = await newContext(browser, desktop);
    const page = await context.newPage();
    const consoleProblems = watchConsole(page);
    await logInWithLink(page, server, DEMO_ADMIN_EMAIL);

    await page.goto(`${server.baseUrl}/account`);
    await page.getByRole('textbox', { name: 'Ny adgangskode', exact: true }).fill(password);
    await page.getByRole('textbox', { name: 'Gentag ny adgangskode', exact: true }).fill(password);
    await clickAndWait(page, page.getByRole('button', { name: 'Gem adgangskode' }));
    expect(pathname(page)).toBe('/account');
    expect(await page.getByText('Din adgangskode er gemt.').isVisible()).toBe(true);
    await screenshot(page, '07-password-saved');

    await clickAndWait(page, header(page).getByRole('button', { name: 'Log ud' }));
    expect(await header(page).getByRole('link', { name: 'Log ind' }).isVisible()).toBe(true);

    // A wrong password is refused on the form, which keeps the e-mail.
    await page.goto(`${server.baseUrl}/login`);
    await page.locator('#pw-email').fill(DEMO_ADMIN_EMAIL);
    await page.locator('#pw-password').fill('not the password');
    await clickAndWait(page, page.locator('form[action="/login/password"] button[type="submit"]'));
    expect(pathname(page)).toBe('/login/password');
    expect(await page.locator('#pw-password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#pw-email').inputValue()).toBe(DEMO_ADMIN_EMAIL);
    await screenshot(page, '08-wrong-password');

    await page.locator('#pw-password').fill(password);
    await clickAndWait(page, page.locator('form[action="/login/password"] button[type="submit"]'));
    expect(pathname(page)).toBe('/start');
    expect(await page.locator('h1').innerText()).toBe('Hej Astrid');
    expect(await header(page).getByRole('button', { name: 'Log ud' }).isVisible()).toBe(true);

    expect(consoleProblems).toEqual([]);
    await context.close();
  });
});
