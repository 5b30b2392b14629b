import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { queryRows } from '../src/platform/db/database.js';
import { axe, clickAndWait, DEMO_ADMIN_EMAIL, desktop, formatViolations, logInWithLink, newContext, phone, screenshot, watchConsole, serverAndBrowserForFile, type E2eServer } from './helpers.js';

/**
 * The member magazine and the press room in a browser, in Danish, on a desktop and a phone: what a
 * visitor sees (a members-only issue behind its lock, the press room, a release with its photo and
 * credit), what staff see (the issue's edit page, the release form with its errors), each page
 * checked by axe-core and photographed.
 */

let server: E2eServer;
let browser: Browser;
const slugs = { members: '', open: '', article: '', release: '' };

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
  const issues = await queryRows<{ slug: string; audience: string }>(server.database.db, sql`select slug, audience from magazine_issues order by published_on desc`);
  slugs.members = issues.find((i) => i.audience === 'members')!.slug;
  slugs.open = issues.find((i) => i.audience === 'public')!.slug;
  const [article] = await queryRows<{ slug: string }>(server.database.db, sql`select a.slug from magazine_articles a join magazine_issues i on i.id = a.issue_id where i.slug = ${slugs.open} order by a.position limit 1`);
  slugs.article = article.slug;
  const [release] = await queryRows<{ slug: string }>(server.database.db, sql`select r.slug from press_releases r join press_release_photos p on p.release_id = r.id limit 1`);
  slugs.release = release.slug;
});

/** Opens a page, with no script error or CSP violation of its own, then checks it with axe and photographs it. */
async function look(page: Page, path: string, shot: string): Promise<void> {
  const problems = watchConsole(page);
  const res = await page.goto(`${server.baseUrl}${path}`);
  expect(res?.status(), path).toBe(200);
  // Read before axe is injected: injecting it trips the CSP on purpose.
  expect(problems).toEqual([]);
  page.removeAllListeners('console');
  page.removeAllListeners('pageerror');
  expect(formatViolations(path, await axe(page))).toBe(`${path}: no serious or critical violations`);
  // Nothing may stick out sideways on a phone: the page is as wide as the window.
  const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
  expect(overflow, `${path} is wider than the window`).toBeLessThanOrEqual(0);
  await screenshot(page, shot);
}

for (const [size, options] of [
  ['1280', desktop],
  ['390', phone],
] as [string, BrowserContextOptions][]) {
  describe(`publications at ${size} px`, () => {
    it('a visitor sees the covers, a locked members-only issue, an article, the press room and a release', async () => {
      const context = await newContext(browser, options);
      const page = await context.newPage();
      await look(page, '/magazine', `publications-magazine-${size}`);
      expect(await page.locator('.issue-card').count()).toBe(2);
      await look(page, `/magazine/${slugs.members}`, `publications-issue-locked-${size}`);
      expect(await page.locator('.lock-notice').isVisible()).toBe(true);
      expect(await page.locator('a[href*="/pdf"]').count()).toBe(0);
      await look(page, `/magazine/${slugs.open}`, `publications-issue-${size}`);
      await look(page, `/magazine/${slugs.open}/${slugs.article}`, `publications-article-${size}`);
      await look(page, '/press', `publications-press-${size}`);
      await look(page, `/press/${slugs.release}`, `publications-release-${size}`);
      expect(await page.locator('figcaption').innerText()).toContain('Foto: Sofie Engberg');
      await context.close();
    });
  });
}

describe('staff', () => {
  it('edit an issue and are told in words what is wrong with a release', async () => {
    const context = await newContext(browser, desktop);
    const page = await context.newPage();
    await logInWithLink(page, server, DEMO_ADMIN_EMAIL);
    await look(page, `/magazine/${slugs.members}/edit`, 'publications-issue-edit-1280');
    await look(page, '/press/new', 'publications-release-new-1280');
    await page.locator('#field-title').fill('Udtalelse om finansloven');
    await clickAndWait(page, page.locator('main form[action="/press"] button[type="submit"]'));
    expect(await page.locator('.error-summary').innerText()).toContain('Resumé skal udfyldes.');
    expect(formatViolations('/press (errors)', await axe(page))).toBe('/press (errors): no serious or critical violations');
    await screenshot(page, 'publications-release-errors-1280');
    await context.close();
  });
});
