import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { clickAndWait, desktop, logInWithLink, newContext, phone, screenshot, watchConsole, serverAndBrowserForFile, type E2eServer, checkPageIn } from './helpers.js';

const STAFF_NORTH = 'birgitte.dahl@omsorgsforbundet.example';
let server: E2eServer;
let browser: Browser;

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
});
const checkPage = (page: Page, name: string, problems: string[]) => checkPageIn('segments', page, name, problems);

describe('segments in a browser', () => {
  for (const [label, options] of [['desktop', desktop], ['phone', phone], ['sv', { ...desktop, locale: 'sv-SE' }]] as const) {
    it(`builds a segment of leaders with the live count (${label})`, async () => {
      const context = await newContext(browser, options);
      const page = await context.newPage();
      const problems = watchConsole(page);
      await logInWithLink(page, server, STAFF_NORTH);
      await page.goto(`${server.baseUrl}/segments`);
      await checkPage(page, `list-${label}`, problems);
      await page.goto(`${server.baseUrl}/segments/new`);
      await checkPage(page, `new-${label}`, problems);
      await page.locator('input[name="c.role"][value="leader"]').check();
      await expect.poll(() => page.locator('#segment-live').innerText()).toMatch(/(Modtagere|Mottagare): \d+/);
      await clickAndWait(page, page.locator('button[value="preview"]'));
      await checkPage(page, `preview-${label}`, problems);
      await page.locator('section.card').screenshot({ path: `/tmp/seg/shots/part-recipients-${label}.png` });
      await page.locator('form.card').screenshot({ path: `/tmp/seg/shots/part-form-${label}.png` });
      await page.locator('#field-name').fill(`Ledere i Nord ${label}`);
      await clickAndWait(page, page.locator('button[value="save"]'));
      expect(new URL(page.url()).pathname).toMatch(/^\/segments\/[0-9a-f-]{36}$/);
      await checkPage(page, `detail-${label}`, problems);
      await clickAndWait(page, page.locator('a[href$="/delete"]'));
      await checkPage(page, `delete-${label}`, problems);
      await context.close();
    });
  }
});
