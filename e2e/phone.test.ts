import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { busiestDemoPages } from '../src/demo/demo.fixture.js';
import { axe, DEMO_ADMIN_EMAIL, desktop, formatViolations, logInWithLink, newContext, phone, watchConsole, serverAndBrowserForFile, type E2eServer } from './helpers.js';

/**
 * Staff on a phone (390 × 844): the header is one compact row with a menu button; the menu opens on
 * a tap and holds every entry; the wide lists (an event's participants, the members, a workplace's
 * colleagues, the applications) become cards, every value under its column's name, so the page
 * never scrolls sideways and every button is on the screen; at the door the search box comes first.
 * On a desktop the menu is the row of links it was. Screenshots go to /tmp/phone-shots.
 */

const SHOTS = process.env.PHONE_SHOTS_DIR ?? '/tmp/phone-shots';
const WIDTH = 390;

let server: E2eServer;
let browser: Browser;
let staffState: Awaited<ReturnType<BrowserContext['storageState']>>;
const demo = { slug: '', workplaceId: '' };

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
  Object.assign(demo, await busiestDemoPages(server.database));
  const context = await newContext(browser, desktop);
  await logInWithLink(await context.newPage(), server, DEMO_ADMIN_EMAIL);
  staffState = await context.storageState();
  await context.close();
});

/** The first screen as a phone shows it, and the whole page. */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  await page.screenshot({ path: join(SHOTS, `${name}-full.png`), fullPage: true });
}

/** A phone's screenful from where the element starts, e.g. the first cards of a list. */
async function shotAt(page: Page, target: Locator, name: string): Promise<void> {
  const box = (await target.boundingBox())!;
  const top = box.y + (await page.evaluate('window.scrollY') as number);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, clip: { x: 0, y: Math.max(0, top - 16), width: WIDTH, height: 844 } });
}

/** The document never scrolls sideways, and no table scrolls inside its box either. */
async function fits(page: Page, name: string): Promise<void> {
  expect(await page.evaluate('document.documentElement.scrollWidth'), `${name} scrolls sideways`).toBeLessThanOrEqual(WIDTH);
  const wraps = await page.locator('.table-wrap').evaluateAll((els) => els.map((e) => e.scrollWidth - e.clientWidth));
  for (const overflow of wraps) expect(overflow, `${name}: a table scrolls sideways inside its box`).toBeLessThanOrEqual(0);
}

/** The element lies wholly within the phone's width (further down the page is fine). */
async function withinWidth(target: Locator, name: string): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  expect(box, `${name} is not shown`).not.toBeNull();
  expect(box!.x, `${name} starts left of the screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${name} ends right of the screen`).toBeLessThanOrEqual(WIDTH);
}

/**
 * Every card-mode table: its cells are cards with their column's name showing (the data-label, the
 * same text as the column's header), and the row's name on top.
 */
async function tablesAreCards(page: Page, name: string): Promise<number> {
  const tables = page.locator('main table.table-cards');
  const count = await tables.count();
  expect(count, `${name}: no table turns into cards`).toBeGreaterThan(0);
  const report = await tables.evaluateAll((els) =>
    els.map((table) => {
      const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
      const mismatches: string[] = [];
      let rows = 0;
      for (const tr of table.querySelectorAll('tbody tr')) {
        rows += 1;
        [...tr.children].forEach((cell, i) => {
          if (cell.tagName === 'TD' && cell.getAttribute('data-label') !== heads[i]) mismatches.push(`${cell.getAttribute('data-label')} ≠ ${heads[i]}`);
        });
      }
      const firstCell = table.querySelector('tbody td[data-label]:not(:empty)');
      const style = (el: typeof table, pseudo?: string) => el.ownerDocument.defaultView!.getComputedStyle(el, pseudo);
      const label = firstCell ? style(firstCell, '::before').content : '';
      const display = firstCell ? style(firstCell).display : '';
      const rowHeader = table.querySelector('tbody th[scope="row"]');
      const firstInRow = table.querySelector('tbody tr');
      const headerOnTop = rowHeader && firstInRow ? rowHeader.getBoundingClientRect().top <= Math.min(...[...firstInRow.children].map((c) => c.getBoundingClientRect().top)) : false;
      return { rows, mismatches, label, display, headerOnTop, theadShown: table.querySelector('thead')!.getBoundingClientRect().height > 1 };
    }),
  );
  for (const t of report) {
    expect(t.rows, `${name}: an empty table`).toBeGreaterThan(0);
    expect(t.mismatches, `${name}: cells labelled otherwise than their column`).toEqual([]);
    expect(t.display, `${name}: a cell is not a card line`).toBe('grid');
    expect(t.label, `${name}: a cell's column name is not shown`).toMatch(/^".+"$/);
    expect(t.headerOnTop, `${name}: the row's name is not on top of its card`).toBe(true);
    expect(t.theadShown, `${name}: the column headers still take room`).toBe(false);
  }
  return report.reduce((n, t) => n + t.rows, 0);
}

async function accessible(page: Page, name: string, problems: string[]): Promise<void> {
  expect(problems, `${name}: browser console`).toEqual([]);
  const violations = await axe(page);
  problems.length = 0; // injecting axe trips the page's CSP, which is the CSP working
  expect(violations, formatViolations(name, violations)).toEqual([]);
}

/** The first enabled, visible form control inside the page's main content. */
const firstControl = (page: Page) => page.locator('main').locator('input:not([type="hidden"]), select, textarea, button').first();

describe('staff on a phone', () => {
  it('open the menu from a compact header, and it holds every entry', async () => {
    // The entries staff have, as a desktop shows them: the row of links, no menu button.
    const wide = await (await newContext(browser, { ...desktop, storageState: staffState })).newPage();
    await wide.goto(`${server.baseUrl}/start`);
    expect(await wide.locator('header .site-menu-button').isVisible(), 'a desktop shows a menu button').toBe(false);
    const entries = await wide.locator('header nav.main-nav a').allInnerTexts();
    expect(entries.length).toBeGreaterThanOrEqual(10);
    for (const link of await wide.locator('header nav.main-nav a').all()) expect(await link.isVisible()).toBe(true);
    await wide.screenshot({ path: join(SHOTS, '00-desktop-header.png'), clip: { x: 0, y: 0, width: 1280, height: 200 } });
    await wide.context().close();

    const context = await newContext(browser, { ...phone, storageState: staffState });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${server.baseUrl}/start`);
    const button = page.locator('header summary.site-menu-button');
    expect(await button.isVisible(), 'no menu button').toBe(true);
    expect((await button.innerText()).trim()).toBe('Menu');
    // Closed: no entry, no language choice, no log-out takes room; the header is one row.
    expect(await page.locator('header details.site-menu').getAttribute('open')).toBeNull();
    expect(await page.locator('header nav.main-nav').isVisible()).toBe(false);
    expect(await page.locator('header .header-tools').isVisible()).toBe(false);
    await shot(page, '01-menu-closed');
    expect((await page.locator('header.site-header').boundingBox())!.height, 'the closed header is taller than one row').toBeLessThanOrEqual(80);
    await fits(page, 'start');

    await button.tap();
    expect(await page.locator('header details.site-menu').getAttribute('open')).not.toBeNull();
    const links = page.locator('header nav.main-nav a');
    expect(await links.allInnerTexts()).toEqual(entries);
    for (const [i, link] of (await links.all()).entries()) {
      expect(await link.isVisible(), `${entries[i]} is hidden`).toBe(true);
      await withinWidth(link, entries[i]);
    }
    for (const name of ['Dansk', 'Svenska', 'English', 'Log ud']) await withinWidth(page.locator('header').getByRole('button', { name, exact: true }), name);
    await fits(page, 'start, menu open');
    await shot(page, '02-menu-open');
    await accessible(page, 'start, menu open', problems);

    // The menu's links work from the open menu; the next page starts closed again.
    const loaded = page.waitForEvent('load');
    await links.filter({ hasText: 'Medlemmer' }).first().tap();
    await loaded;
    expect(new URL(page.url()).pathname).toBe('/members');
    expect(await page.locator('header details.site-menu').getAttribute('open')).toBeNull();
    await context.close();

    // A visitor's menu holds the language links and the log-in.
    const visitor = await newContext(browser, phone);
    const front = await visitor.newPage();
    await front.goto(`${server.baseUrl}/`);
    expect(await front.locator('header').getByRole('link', { name: 'Log ind' }).isVisible()).toBe(false);
    await front.locator('header summary.site-menu-button').tap();
    await withinWidth(front.locator('header').getByRole('link', { name: 'Log ind' }), '“Log ind”');
    await withinWidth(front.locator('header').getByRole('link', { name: 'English' }), '“English”');
    await fits(front, 'front page, menu open');
    await shot(front, '02-visitor-menu-open');
    await visitor.close();
  });

  it('see the wide lists as cards that fit the screen, with every button on it', async () => {
    const context = await newContext(browser, { ...phone, storageState: staffState });
    const page = await context.newPage();
    const problems = watchConsole(page);

    await page.goto(`${server.baseUrl}/events/${demo.slug}/participants`);
    await tablesAreCards(page, 'participants');
    await fits(page, 'participants');
    const first = page.locator('main table.table-cards tbody tr').first();
    await withinWidth(first.locator('td[data-label="Mødt"]'), '“Mødt”');
    await withinWidth(first.getByRole('button', { name: /Afmeld/ }), '“Afmeld”');
    await shot(page, '03-participants');
    await shotAt(page, page.locator('main .table-wrap').first(), '03-participants-cards');
    await accessible(page, 'participants', problems);

    for (const [name, path] of [
      ['04-members', '/members'],
      ['05-workplace', `/workplaces/${demo.workplaceId}`],
      ['06-applications', '/admin/applications'],
      ['07-workplace-meetings', '/workplace-meetings'],
    ] as const) {
      await page.goto(`${server.baseUrl}${path}`);
      await tablesAreCards(page, name);
      await fits(page, name);
      for (const control of await page.locator('main table.table-cards tbody :is(a, button)').all()) {
        const box = await control.boundingBox();
        expect(box!.x + box!.width, `${name}: ${await control.innerText()} ends right of the screen`).toBeLessThanOrEqual(WIDTH);
      }
      await shot(page, name);
      await shotAt(page, page.locator('main .table-wrap').first(), `${name}-cards`);
      await accessible(page, name, problems);
    }
    await context.close();
  });

  it('at the door, the search box comes first and the “Mødt” buttons are on the screen', async () => {
    const context = await newContext(browser, { ...phone, storageState: staffState });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${server.baseUrl}/events/${demo.slug}/check-in`);
    expect(await firstControl(page).getAttribute('id')).toBe('door-q');
    const search = (await page.locator('#door-q').boundingBox())!;
    expect(search.y + search.height, 'the search box is below the first screen').toBeLessThanOrEqual(844);
    await fits(page, 'check-in');
    await withinWidth(page.locator('.door-list').getByRole('button', { name: /er mødt$/ }).first(), '“Mødt”');
    await shot(page, '08-check-in');
    await accessible(page, 'check-in', problems);
    await context.close();
  });

  it('the header and the administration’s tiles break no word from a small phone to a tablet, and the segment form’s hint fits a phone', async () => {
    const context = await newContext(browser, { ...phone, storageState: staffState });
    const page = await context.newPage();
    // From a small phone to a tablet, two tiles side by side included.
    for (const width of [320, 390, 600, 700, 800, 1024]) {
      await page.setViewportSize({ width, height: 844 });
      await page.goto(`${server.baseUrl}/admin`);
      const broken = await page.locator('.tile-title').evaluateAll((els) =>
        els.flatMap((el) => {
          const style = el.ownerDocument.defaultView!.getComputedStyle(el);
          const ctx = el.ownerDocument.createElement('canvas').getContext('2d')!;
          ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          return el.textContent!.split(/\s+/).filter((w: string) => ctx.measureText(w).width > el.clientWidth + 0.5);
        }),
      );
      expect(broken, `words broken at ${width} px`).toEqual([]);
      expect(await page.evaluate('document.documentElement.scrollWidth'), `${width} px scrolls sideways`).toBeLessThanOrEqual(width);
      if (width < 768) {
        // The header's one row: the whole brand, then the menu button beside it, not over it.
        const brand = (await page.locator('.brand-name').boundingBox())!;
        const button = (await page.locator('.site-menu-button').boundingBox())!;
        expect(brand.x + brand.width, `the name runs under the menu button at ${width} px`).toBeLessThanOrEqual(button.x);
        expect(await page.locator('.brand-name').evaluate((el) => el.scrollWidth <= el.clientWidth), `the name is cut at ${width} px`).toBe(true);
        expect(Math.abs(brand.y - button.y), `the menu button is not beside the name at ${width} px`).toBeLessThan(40);
      }
      if (width === 320) await shot(page, '09-admin-320');
    }
    await page.setViewportSize({ width: WIDTH, height: 844 });
    await page.goto(`${server.baseUrl}/segments/new`);
    const hints = await page.locator('main .hint').allInnerTexts();
    expect(hints.some((h) => /Ctrl/.test(h) && /telefon/.test(h)), 'the multi-select hint speaks of a computer only').toBe(true);
    await fits(page, 'segment form');
    await shotAt(page, page.locator('#field-c\\.workplace').locator('xpath=..'), '10-segment-multi-select');
    await context.close();
  });

  it('every page has the one width, on a wide screen too', async () => {
    const context = await newContext(browser, { ...desktop, viewport: { width: 1600, height: 900 }, storageState: staffState });
    const page = await context.newPage();
    const widths: Record<string, number> = {};
    for (const path of ['/start', '/members', '/admin', `/events/${demo.slug}/check-in`, '/admin/applications']) {
      await page.goto(`${server.baseUrl}${path}`);
      widths[path] = (await page.locator('main.container').boundingBox())!.width;
      expect((await page.locator('.header-inner').boundingBox())!.width, `${path}: header and page differ`).toBe(widths[path]);
      expect((await page.locator('.site-footer .container').boundingBox())!.width, `${path}: footer and page differ`).toBe(widths[path]);
    }
    expect(new Set(Object.values(widths)).size, JSON.stringify(widths)).toBe(1);
    await context.close();
  });
});
