import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { axe, clickAndWait, DEMO_ADMIN_EMAIL, desktop, formatViolations, latestLoginLink, logInWithLink, newContext, phone, screenshot, watchConsole, serverAndBrowserForFile, type E2eServer } from './helpers.js';

let server: E2eServer;
let browser: Browser;

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
});

const pathname = (page: Page) => new URL(page.url()).pathname;
const codeFor = (secret: string, steps = 0) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + steps * 30_000 });

/** No serious or critical axe violation, and nothing wider than the screen. */
async function accessible(page: Page, where: string, width: number): Promise<void> {
  expect(await page.evaluate('document.documentElement.scrollWidth'), `${where}: page width`).toBeLessThanOrEqual(width);
  const violations = await axe(page);
  expect(violations, formatViolations(where, violations)).toEqual([]);
}

describe('two-factor log-in in a browser', () => {
  it('sets it up from the account page, then asks for a code at the next log-in; every page axe-clean', async () => {
    const context = await newContext(browser, desktop);
    const page = await context.newPage();
    const consoleProblems = watchConsole(page);
    await logInWithLink(page, server, DEMO_ADMIN_EMAIL);

    await page.goto(`${server.baseUrl}/account`);
    await clickAndWait(page, page.getByRole('link', { name: 'Slå totrinsbekræftelse til' }));
    expect(pathname(page)).toBe('/account/two-factor');
    expect(await page.getByRole('img', { name: /QR-kode/ }).isVisible()).toBe(true);
    await screenshot(page, 'two-factor-01-setup');
    // Before axe is injected (the page's CSP refuses the first try, and says so in the console).
    expect(consoleProblems).toEqual([]);
    await accessible(page, 'set-up', 1280);
    const secret = (await page.locator('main code.token-value').innerText()).replace(/\s/g, '');

    await page.locator('#field-totpCode').fill('12');
    await clickAndWait(page, page.getByRole('button', { name: 'Slå totrinsbekræftelse til' }));
    expect(await page.locator('#field-totpCode').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.error-summary').innerText()).toContain('Godkendelseskode skal være seks cifre.');
    await accessible(page, 'set-up with an error', 1280);

    await page.locator('#field-totpCode').fill(codeFor(secret));
    await clickAndWait(page, page.getByRole('button', { name: 'Slå totrinsbekræftelse til' }));
    expect(await page.locator('main ol code.token-value').count()).toBe(10);
    await screenshot(page, 'two-factor-02-recovery-codes');
    await accessible(page, 'recovery codes', 1280);

    await page.goto(`${server.baseUrl}/account/two-factor`);
    await accessible(page, 'managing two-factor', 1280);

    await clickAndWait(page, page.locator('header.site-header').getByRole('button', { name: 'Log ud' }));

    // The next log-in: the link alone leads to the second step.
    await page.goto(`${server.baseUrl}/login`);
    await page.locator('#link-email').fill(DEMO_ADMIN_EMAIL);
    await clickAndWait(page, page.locator('form[action="/login/link"] button[type="submit"]'));
    const { path } = await latestLoginLink(server.database, DEMO_ADMIN_EMAIL);
    await page.goto(`${server.baseUrl}${path}`);
    await clickAndWait(page, page.locator(`form[action="${path}"] button[type="submit"]`));
    expect(pathname(page)).toBe('/login/two-factor');
    await screenshot(page, 'two-factor-03-second-step');
    await accessible(page, 'second step', 1280);

    const near = [-2, -1, 0, 1, 2].map((n) => codeFor(secret, n));
    await page.locator('#totp-totpCode').fill(['000000', '111111', '222222', '333333', '444444', '555555'].find((c) => !near.includes(c))!);
    await clickAndWait(page, page.locator('form[action="/login/two-factor"] button[type="submit"]'));
    expect(await page.locator('#totp-totpCode').getAttribute('aria-invalid')).toBe('true');
    await page.locator('main details summary').click();
    await accessible(page, 'second step with an error, recovery open', 1280);

    // On a phone too.
    const phoneContext = await newContext(browser, { ...phone, storageState: await context.storageState() });
    const phonePage = await phoneContext.newPage();
    await phonePage.goto(`${server.baseUrl}/login/two-factor`);
    expect(pathname(phonePage)).toBe('/login/two-factor');
    await accessible(phonePage, 'second step on a phone', 390);
    await phoneContext.close();

    await page.locator('#totp-totpCode').fill(codeFor(secret, 1));
    await clickAndWait(page, page.locator('form[action="/login/two-factor"] button[type="submit"]'));
    expect(pathname(page)).toBe('/start');
    await context.close();
  });
});
