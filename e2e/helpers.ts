import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { buildApp } from '../src/app.js';
import type { Config } from '../src/config.js';
import { seedDemo } from '../src/demo/seed.js';
import type { Database } from '../src/platform/db/database.js';
import { mailOutbox } from '../src/platform/mail/tables.js';
import { testConfig } from '../src/test/app.js';
import { testDatabase } from '../src/test/database.js';

export { DEMO_ADMIN_EMAIL } from '../src/demo/seed.js';

export const SHOTS_DIR = process.env.E2E_SHOTS_DIR ?? '/tmp/e2e-shots';

/** Browser contexts: Danish browser languages, so pages open in Danish as for most of the demo's readers. */
export const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'da-DK', timezoneId: 'Europe/Copenhagen' };
export const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'da-DK',
  timezoneId: 'Europe/Copenhagen',
};

export interface E2eServer {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** Where the browser reaches the app, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  close(): Promise<void>;
}

/** The real app, listening on a free local port, on a fresh database with the demo union seeded. */
export async function startServer(): Promise<E2eServer> {
  const database = await testDatabase();
  try {
    await seedDemo(database.db);
    const config = testConfig();
    const app = await buildApp({ config, database, secret: 'e2e-secret-e2e-secret-e2e-secret-0123456', logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    return {
      app,
      database,
      config,
      baseUrl: `http://127.0.0.1:${port}`,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Debian's Chromium (never a downloaded browser): headless, no network of its own. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: install Debian's chromium or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * The demo server and Chromium for one test file: both start together before its tests, `ready`
 * receives them (and may do the file's own set-up), and both close after the file.
 */
export function serverAndBrowserForFile(ready: (server: E2eServer, browser: Browser) => void | Promise<void>): void {
  let started: [E2eServer, Browser] | undefined;
  beforeAll(async () => {
    started = await Promise.all([startServer(), launchBrowser()]);
    await ready(...started);
  });
  afterAll(async () => {
    await started?.[1].close();
    await started?.[0].close();
  });
}

/** A browser context that gives up on a missing element after 10 s instead of Playwright's 30 s. */
export async function newContext(browser: Browser, options: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  return context;
}

/** Chromium prints this for every 4xx/5xx response, including the error pages we open on purpose. */
const expectedConsoleNoise = /^Failed to load resource: the server responded with a status of (404|410|422)/;

/**
 * Collects what would show in the browser's console as an error: script errors and CSP violations.
 * A journey ends by asserting the list is empty.
 */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !expectedConsoleNoise.test(msg.text())) problems.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${page.url()}: ${err.message}`));
  return problems;
}

/** Clicks something that submits a form or follows a link, and waits until the next page has loaded. */
export async function clickAndWait(page: Page, target: Locator): Promise<void> {
  const loaded = page.waitForEvent('load');
  await target.click();
  await loaded;
}

/**
 * Opens the header's menu where it is folded behind its button (on a phone), as a person does; on a
 * desktop, where the menu is always shown, it does nothing.
 */
export async function openMenu(page: Page): Promise<void> {
  const button = page.locator('header.site-header .site-menu-button');
  if ((await button.isVisible()) && (await page.locator('header.site-header details.site-menu').getAttribute('open')) === null) await button.click();
}

/** An entry of the header's menu by its name, the menu opened first. */
export async function menuLink(page: Page, name: string): Promise<Locator> {
  await openMenu(page);
  return page.locator('header.site-header nav.main-nav').getByRole('link', { name });
}

/** A full-page screenshot in SHOTS_DIR, named `<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const path = join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const loginLinkPattern = /(https?:\/\/[^\s/]+)(\/login\/link\/[A-Za-z0-9_-]+)/;

/**
 * The newest log-in link mailed to an address, read from the outbox. Returns the link as mailed and
 * its path, which the test opens on the server's real port (the mail carries PUBLIC_URL).
 */
export async function latestLoginLink(database: Database, email: string, timeoutMs = 5_000): Promise<{ link: string; path: string }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [mail] = await database.db
      .select({ textBody: mailOutbox.textBody })
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, email))
      .orderBy(desc(mailOutbox.createdAt))
      .limit(1);
    const match = mail ? loginLinkPattern.exec(mail.textBody) : null;
    if (match) return { link: match[0], path: match[2] };
    if (Date.now() > until) throw new Error(`no log-in link mailed to ${email}${mail ? ` (newest mail: ${JSON.stringify(mail.textBody.slice(0, 200))})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Logs in the way a person does: asks for a link on /login, opens it from the mail, presses the button. */
export async function logInWithLink(page: Page, server: E2eServer, email: string): Promise<void> {
  await page.goto(`${server.baseUrl}/login`);
  await page.locator('#link-email').fill(email);
  await clickAndWait(page, page.locator('form[action="/login/link"] button[type="submit"]'));
  if (new URL(page.url()).pathname !== '/login/sent') throw new Error(`asking for a link ended on ${page.url()}`);
  const { path } = await latestLoginLink(server.database, email);
  await page.goto(`${server.baseUrl}${path}`);
  await clickAndWait(page, page.locator(`form[action="${path}"] button[type="submit"]`));
  if (new URL(page.url()).pathname !== '/start') throw new Error(`logging in ended on ${page.url()}`);
}

export interface AxeNode {
  target: string[];
  html: string;
  failureSummary: string;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

interface AxeGlobal {
  axe?: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
  document: unknown;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page as it is now and returns the serious and critical violations.
 * The page's CSP forbids inline scripts, so axe is injected through a tag only where the context
 * was made with `bypassCSP: true`; otherwise it is evaluated through DevTools, which CSP does not govern.
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  const present = () => page.evaluate(() => Boolean((globalThis as unknown as AxeGlobal).axe));
  if (!(await present())) {
    await page.addScriptTag({ content: axeSource }).catch(() => undefined);
    if (!(await present())) await page.evaluate(axeSource);
    if (!(await present())) throw new Error(`axe-core could not be loaded into ${page.url()}`);
  }
  const violations = await page.evaluate(async () => {
    const g = globalThis as unknown as AxeGlobal;
    const result = await g.axe!.run(g.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, failureSummary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Violations as lines a developer can act on: rule, impact, what to do, and where. */
export function formatViolations(where: string, violations: AxeViolation[]): string {
  if (violations.length === 0) return `${where}: no serious or critical violations`;
  const lines = [`${where}: ${violations.length} serious or critical axe violation(s)`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes.slice(0, 10)) {
      lines.push(`    at ${n.target.join(' ')}  ${n.html.slice(0, 160)}`);
      if (n.failureSummary) lines.push(`       ${n.failureSummary.replace(/\n/g, '\n       ')}`);
    }
    if (v.nodes.length > 10) lines.push(`    … and ${v.nodes.length - 10} more`);
  }
  return lines.join('\n');
}

/**
 * A page as a person meets it: no script errors, no sideways scrolling, no serious or critical axe
 * violation; and a screenshot `<prefix>-<name>.png` to look at, taken first so that a failing page
 * leaves one too. Injecting axe trips the page's CSP once (its inline script): that is the test's,
 * not the page's, so what the console says after it is forgotten.
 */
export async function checkPageIn(prefix: string, page: Page, name: string, problems: string[]): Promise<void> {
  await screenshot(page, `${prefix}-${name}`);
  expect(problems, `${name}: browser console`).toEqual([]);
  const width = page.viewportSize()!.width;
  expect(await page.evaluate('document.documentElement.scrollWidth'), `${name}: page width`).toBeLessThanOrEqual(width);
  const violations = await axe(page);
  problems.length = 0;
  expect(violations, formatViolations(name, violations)).toEqual([]);
}
