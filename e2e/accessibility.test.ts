import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { units } from '../src/kernel/tables.js';
import { mailOutbox } from '../src/platform/mail/tables.js';
import { personalLinkToken } from '../src/features/mailings/index.js';
import { axe, clickAndWait, DEMO_ADMIN_EMAIL, desktop, formatViolations, latestLoginLink, logInWithLink, newContext, phone, screenshot, watchConsole, serverAndBrowserForFile, type E2eServer } from './helpers.js';

/**
 * axe-core finds no serious or critical violation on any page, in Danish, on a desktop and on a phone:
 * public pages logged out, the rest as the demo admin, and forms re-rendered with their errors.
 */

let server: E2eServer;
let browser: Browser;
/** Ids the admin pages need, read from the seeded database. */
const ids = { unit: '', mail: '', linkPath: '', pool: '', application: '', survey: '', wave: '', answerPath: '' };

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
  const [district] = await server.database.db.select({ id: units.id }).from(units).where(eq(units.kind, 'district')).orderBy(units.position).limit(1);
  ids.unit = district.id;
  // The demo's initiative pool of the first district, and one of its decided applications.
  const pool = await server.database.executeSql(`select p.id, (select a.id from grant_applications a where a.pool_id = p.id and a.status = 'granted' limit 1) as application from grant_pools p where p.public order by p.period_start desc limit 1`);
  ids.pool = String(pool.rows[0].id);
  ids.application = String(pool.rows[0].application);
  // The demo's recurring anonymous survey, its open wave, and the answer link of an invitee who has not answered.
  const survey = await server.database.executeSql(
    `select s.id, w.id as wave, (select i.person_id from survey_invitees i join persons p on p.id = i.person_id where i.wave_id = w.id and not i.answered and p.preferred_locale = 'da' and not exists (select 1 from survey_drafts d where d.wave_id = w.id and d.person_id = i.person_id) order by p.email limit 1) as person
     from surveys s join survey_waves w on w.survey_id = s.id where s.anonymous and w.status = 'open' order by s.created_at limit 1`,
  );
  ids.survey = String(survey.rows[0].id);
  ids.wave = String(survey.rows[0].wave);
  ids.answerPath = `/s/${await personalLinkToken(server.database.db, 'survey', ids.wave, String(survey.rows[0].person))}`;
});

interface PageCase {
  name: string;
  /** The path to open; a function when it needs an id known only after seeding. */
  path: string | (() => string);
  status?: number;
  /** What a person does on the page before it is checked, e.g. submitting a form with mistakes. */
  act?: (page: Page, expect: ExpectStatic) => Promise<void>;
  /** The path the browser should end on, when acting moves it elsewhere. */
  endsOn?: string;
}

const submit = (page: Page, formAction: string) => clickAndWait(page, page.locator(`main form[action="${formAction}"] button[type="submit"]`).first());

const publicPages: PageCase[] = [
  { name: 'front page', path: '/' },
  { name: 'privacy notice', path: '/privacy' },
  { name: 'log-in page', path: '/login' },
  {
    name: 'log-in page with a bad e-mail in the link form',
    path: '/login',
    act: async (page, expect) => {
      await page.locator('#link-email').fill('not-an-email');
      await submit(page, '/login/link');
      expect(await page.locator('#link-email').getAttribute('aria-invalid')).toBe('true');
    },
    endsOn: '/login/link',
  },
  {
    name: 'log-in page with a wrong password',
    path: '/login',
    act: async (page, expect) => {
      await page.locator('#pw-email').fill(DEMO_ADMIN_EMAIL);
      await page.locator('#pw-password').fill('wrong password');
      await submit(page, '/login/password');
      expect(await page.locator('#pw-password').getAttribute('aria-invalid')).toBe('true');
    },
    endsOn: '/login/password',
  },
  { name: 'link sent page', path: '/login/sent' },
  { name: 'log-in link confirmation page', path: () => ids.linkPath },
  { name: 'unknown log-in link page', path: '/login/link/this-link-does-not-exist', status: 404 },
  { name: 'a survey from the personal link', path: () => ids.answerPath },
  {
    name: 'a survey from the personal link, sent with a required answer missing',
    path: () => ids.answerPath,
    act: async (page, expect) => {
      await page.locator('form button[type="submit"]').last().click();
      await page.waitForLoadState('load');
      expect(await page.locator('.error-summary').count()).toBe(1);
    },
  },
  { name: 'not found page', path: '/no-such-page', status: 404 },
];

const adminPages: PageCase[] = [
  { name: 'start page', path: '/start' },
  { name: 'account page', path: '/account' },
  {
    name: 'account page with password errors',
    path: '/account',
    act: async (page, expect) => {
      await page.locator('#field-newPassword').fill('short');
      await page.locator('#field-confirmPassword').fill('different');
      await submit(page, '/account/password');
      expect(await page.locator('.error-summary').count()).toBe(1);
    },
    endsOn: '/account/password',
  },
  { name: 'administration', path: '/admin' },
  { name: 'organisation settings', path: '/admin/organisation' },
  {
    name: 'organisation settings with a privacy notice that is too long',
    path: '/admin/organisation',
    act: async (page, expect) => {
      await page.locator('#field-privacyNotice_sv').fill('a'.repeat(20_001));
      await submit(page, '/admin/organisation');
      expect(await page.locator('#field-privacyNotice_sv').getAttribute('aria-invalid')).toBe('true');
    },
  },
  { name: 'privacy notice, as an admin', path: '/privacy' },
  { name: 'units', path: '/admin/units' },
  { name: 'new unit', path: '/admin/units/new' },
  {
    name: 'new unit with errors',
    path: '/admin/units/new',
    act: async (page, expect) => {
      await page.locator('#field-name').fill('');
      await submit(page, '/admin/units');
      expect(await page.locator('.error-summary').count()).toBe(1);
    },
    endsOn: '/admin/units',
  },
  { name: 'a unit', path: () => `/admin/units/${ids.unit}` },
  { name: 'initiative pools', path: '/grants' },
  { name: 'an initiative pool', path: () => `/grants/pools/${ids.pool}` },
  { name: 'new initiative pool', path: '/grants/pools/new' },
  { name: 'a grant application, as a reviewer', path: () => `/grants/applications/${ids.application}` },
  { name: 'a public initiative pool', path: () => `/grants/public/${ids.pool}` },
  { name: 'surveys', path: '/surveys' },
  { name: 'a survey', path: () => `/surveys/${ids.survey}` },
  { name: 'new survey', path: '/surveys/new' },
  { name: 'new survey question', path: () => `/surveys/${ids.survey}/questions/new` },
  { name: 'new survey wave', path: () => `/surveys/${ids.survey}/waves/new` },
  { name: 'survey results', path: () => `/surveys/waves/${ids.wave}/results` },
  { name: 'survey trend', path: () => `/surveys/${ids.survey}/trend` },
  { name: 'survey report', path: () => `/surveys/waves/${ids.wave}/report` },
  { name: 'insights', path: '/insights' },
  { name: 'insights with a range that runs backwards', path: '/insights?from=2026-06-01&to=2026-01-01', status: 422 },
  { name: 'insights over five years, cohorts by month', path: () => `/insights?from=${Number(new Date().getFullYear()) - 5}-01-01&grain=month` },
  { name: 'the board pack', path: '/insights/pack' },
  { name: 'audit log', path: '/admin/audit' },
  { name: 'mail outbox', path: '/admin/mail' },
  { name: 'a mail', path: () => `/admin/mail/${ids.mail}` },
  { name: 'API tokens', path: '/admin/tokens' },
  {
    name: 'API tokens with a new token shown',
    path: '/admin/tokens',
    act: async (page, expect) => {
      await page.locator('#field-name').fill('Medlemssystem');
      await submit(page, '/admin/tokens');
      expect(await page.locator('table').count()).toBeGreaterThan(0);
    },
    endsOn: '/admin/tokens',
  },
  { name: 'not found page, logged in', path: '/admin/no-such-page', status: 404 },
];

// ——— networks: the demo admin made the demo's network of member companies and coordinates it ———

const networkIds = { network: '', thread: '' };

// Runs after the server has started (hooks run in the order they are registered).
beforeAll(async () => {
  const found = await server.database.executeSql(
    `select n.id, (select t.id from network_threads t where t.network_id = n.id and not t.locked order by t.last_post_at desc limit 1) as thread
     from networks n where n.kind = 'companies' and n.name = 'Erfa-netværk for private bosteder'`,
  );
  networkIds.network = String(found.rows[0].id);
  networkIds.thread = String(found.rows[0].thread);
});

adminPages.push(
  { name: 'networks', path: '/networks' },
  { name: 'a network of member companies, with the competition-law notice', path: () => `/networks/${networkIds.network}` },
  {
    name: 'a network with the new thread form sent empty',
    path: () => `/networks/${networkIds.network}`,
    act: async (page, expect) => {
      await page.locator('#new-thread summary').click();
      await submit(page, `/networks/${networkIds.network}/threads`);
      expect(await page.locator('#new-thread .error-summary').count()).toBe(1);
    },
    // A getter: the network's id is known only once the server has seeded it.
    get endsOn() {
      return `/networks/${networkIds.network}/threads`;
    },
  },
  { name: 'a network thread', path: () => `/networks/threads/${networkIds.thread}` },
  { name: 'network members, as the coordinator', path: () => `/networks/${networkIds.network}/members` },
  { name: 'network files', path: () => `/networks/${networkIds.network}/files` },
  { name: 'network search', path: () => `/networks/${networkIds.network}/search?q=tilsyn` },
);

async function check(expect: ExpectStatic, context: BrowserContext, viewportName: string, width: number, c: PageCase): Promise<void> {
  const path = typeof c.path === 'function' ? c.path() : c.path;
  const page = await context.newPage();
  const consoleProblems = watchConsole(page);
  const response = await page.goto(`${server.baseUrl}${path}`);
  expect(response?.status(), `${c.name}: status of ${path}`).toBe(c.status ?? 200);
  if (c.act) await c.act(page, expect);
  expect(new URL(page.url()).pathname, `${c.name}: where the browser ended`).toBe(c.endsOn ?? path.split('?')[0]);
  expect(await page.locator('html').getAttribute('lang')).toBe('da');
  // Before axe is injected: the page's CSP may refuse the injection, and that is not the page's fault.
  expect(consoleProblems, `${c.name} (${path}): browser console`).toEqual([]);

  // Reflow (WCAG 1.4.10): nothing makes the page wider than the screen; wide tables scroll in their own box.
  expect(await page.evaluate('document.documentElement.scrollWidth'), `${c.name} (${path}): page width`).toBeLessThanOrEqual(width);

  const violations = await axe(page);
  const where = `${c.name} (${new URL(page.url()).pathname}, ${viewportName})`;
  if (violations.length > 0) {
    console.error(formatViolations(where, violations));
    await screenshot(page, `axe-${viewportName}-${c.name.replace(/[^a-z0-9]+/gi, '-')}`);
  }
  expect(violations, formatViolations(where, violations)).toEqual([]);
  await page.close();
}

const viewports: [string, BrowserContextOptions][] = [
  ['desktop', desktop],
  ['phone', phone],
];

describe.each(viewports)('accessibility on %s', (viewportName, options) => {
  let anonymous: BrowserContext;
  let admin: BrowserContext;

  beforeAll(async () => {
    anonymous = await newContext(browser, options);
    admin = await newContext(browser, options);
    // A valid log-in link for the confirmation page, and a mail for the outbox's detail page.
    const asker = await anonymous.newPage();
    await asker.goto(`${server.baseUrl}/login`);
    await asker.locator('#link-email').fill(DEMO_ADMIN_EMAIL);
    await submit(asker, '/login/link');
    ids.linkPath = (await latestLoginLink(server.database, DEMO_ADMIN_EMAIL)).path;
    await asker.close();
    const [mail] = await server.database.db.select({ id: mailOutbox.id }).from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(1);
    ids.mail = mail.id;

    const login = await admin.newPage();
    await logInWithLink(login, server, DEMO_ADMIN_EMAIL);
    await login.close();
  });

  afterAll(async () => {
    await anonymous?.close();
    await admin?.close();
  });

  // Each check has its own tab, so a few run at once; `expect` comes from each test's own context.
  describe.concurrent('logged out', () => {
    it.for(publicPages.map((c) => [c.name, c] as const))('%s', async ([, c], { expect }) => check(expect, anonymous, viewportName, options.viewport!.width, c));
  });

  describe.concurrent('as the demo admin', () => {
    it.for(adminPages.map((c) => [c.name, c] as const))('%s', async ([, c], { expect }) => check(expect, admin, viewportName, options.viewport!.width, c));
  });
});
