import { describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { persons } from '../src/kernel/tables.js';
import { mailOutbox } from '../src/platform/mail/tables.js';
import { clickAndWait, desktop, logInWithLink, newContext, phone, screenshot, watchConsole, serverAndBrowserForFile, type E2eServer } from './helpers.js';

/**
 * Changing one's e-mail address in a browser: the address is the log-in, so a new one only takes
 * effect from a link mailed to it. The old address is told, before and after; until the link is
 * used the member logs in with the old one, and afterwards only with the new.
 */

let server: E2eServer;
let browser: Browser;

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
});

/** Henrik Vestergaard is a member (and shop steward) of the demo union. */
const OLD = 'henrik.vestergaard@omsorgsforbundet.example';
const NEW = 'henrik.ny-adresse@example.org';

const pathname = (page: Page) => new URL(page.url()).pathname;

async function mailsTo(to: string): Promise<{ subject: string; textBody: string }[]> {
  return server.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to)).orderBy(desc(mailOutbox.createdAt));
}

async function emailOf(name: string): Promise<string | null> {
  const [row] = await server.database.db.select({ email: persons.email }).from(persons).where(eq(persons.firstName, name));
  return row?.email ?? null;
}

describe('changing my e-mail address in a browser', () => {
  it('waits for the link mailed to the new address, tells the old one, and then logs in with the new', async () => {
    const context = await newContext(browser, desktop);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInWithLink(page, server, OLD);

    await page.goto(`${server.baseUrl}/me/edit`);
    await page.locator('#field-email').fill(NEW);
    await clickAndWait(page, page.locator('main form button[type="submit"]'));
    expect(await page.locator('.flash-success').innerText()).toContain(`Vi har sendt et link til ${NEW}`);
    await screenshot(page, 'email-change-01-requested');
    // Nothing has changed yet: the log-in is still the old address, and the form says a change waits.
    expect(await emailOf('Henrik')).toBe(OLD);
    await page.goto(`${server.baseUrl}/me/edit`);
    expect(await page.locator('main').innerText()).toContain(NEW);

    // The new address gets the link; the old one is told someone asked.
    const [confirm] = await mailsTo(NEW);
    expect(confirm.subject).toContain('Bekræft din nye e-mailadresse');
    const [warning] = await mailsTo(OLD);
    expect(warning.subject).toContain('Nogen har bedt om at skifte din e-mailadresse');
    expect(warning.textBody).toContain(NEW);
    const link = /https?:\/\/[^\s/]+(\/me\/email\/confirm\/[A-Za-z0-9_-]+)/.exec(confirm.textBody);
    expect(link).not.toBeNull();

    // Opened on a phone, where the mail is read, without being logged in: opening alone changes nothing.
    const mailApp = await newContext(browser, phone);
    const onPhone = await mailApp.newPage();
    const phoneProblems = watchConsole(onPhone);
    await onPhone.goto(`${server.baseUrl}${link![1]}`);
    expect(await onPhone.locator('h1').innerText()).toBe('Bekræft din nye e-mailadresse');
    expect(await onPhone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(onPhone, 'email-change-02-confirm-phone');
    expect(await emailOf('Henrik')).toBe(OLD);
    await clickAndWait(onPhone, onPhone.getByRole('button', { name: 'Bekræft den nye adresse' }));
    expect(await onPhone.locator('h1').innerText()).toBe('Din e-mailadresse er skiftet');
    await screenshot(onPhone, 'email-change-03-confirmed-phone');
    expect(await emailOf('Henrik')).toBe(NEW);
    const told = await mailsTo(OLD);
    expect(told[0].subject).toContain('er ændret');

    // The link works once.
    await onPhone.goto(`${server.baseUrl}${link![1]}`);
    expect(await onPhone.locator('h1').innerText()).not.toBe('Bekræft din nye e-mailadresse');
    expect(phoneProblems).toEqual([]);
    await mailApp.close();

    // My page shows the new address, and a new log-in goes by it; the old one gets no link.
    await page.goto(`${server.baseUrl}/me`);
    expect(await page.locator('main').innerText()).toContain(NEW);
    await context.clearCookies();
    const before = (await mailsTo(OLD)).length;
    await logInWithLink(page, server, NEW);
    expect(pathname(page)).toBe('/start');
    await page.goto(`${server.baseUrl}/login`);
    expect((await mailsTo(OLD)).length).toBe(before);
    expect(problems).toEqual([]);
    await context.close();
  });
});
