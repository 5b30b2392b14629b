import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { queryRows } from '../src/platform/db/database.js';
import { dateInDays } from '../src/test/time.js';
import { axe, clickAndWait, DEMO_ADMIN_EMAIL, desktop, formatViolations, logInWithLink, newContext, phone, screenshot, watchConsole, serverAndBrowserForFile, type E2eServer } from './helpers.js';

/**
 * A district's staff member works the register in a browser: searches for a member, opens the
 * record, changes the phone number, records a resignation and sees both in the record's history
 * and audit trail. Every page of the register passes axe on a desktop and on a phone.
 */

/** A faglig sekretær of Kreds Nord in the demo union. */
const STAFF_NORTH = 'birgitte.dahl@omsorgsforbundet.example';

let server: E2eServer;
let browser: Browser;
let member: { id: string; first_name: string; last_name: string; member_number: string };

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
  // An active member of Kreds Nord with a name nobody else in the demo has.
  [member] = await queryRows<typeof member>(
    server.database.db,
    sql`select p.id, p.first_name, p.last_name, m.member_number from persons p join memberships m on m.person_id = p.id join units u on u.id = m.unit_id
      where u.name = 'Kreds Nord' and m.status = 'active'
        and (select count(*) from persons o where o.first_name = p.first_name and o.last_name = p.last_name) = 1
      order by m.member_number limit 1`,
  );
});

async function expectAccessible(page: Page, where: string) {
  const violations = await axe(page);
  expect(violations, formatViolations(where, violations)).toEqual([]);
}

describe('the member register in a browser', () => {
  it('staff find a member, edit the phone number, resign them, and see it all in the record', async () => {
    const context = await newContext(browser, desktop);
    const page = await context.newPage();
    const consoleProblems = watchConsole(page);
    await logInWithLink(page, server, STAFF_NORTH);

    await clickAndWait(page, page.locator('header').getByRole('link', { name: 'Medlemmer' }));
    expect(new URL(page.url()).pathname).toBe('/members');
    // Staff of Kreds Nord see only their district's members (about a third of the demo's 320).
    const count = Number((await page.locator('.result-count').innerText()).replace(/\D/g, ''));
    expect(count).toBeGreaterThan(50);
    expect(count).toBeLessThan(200);

    // Searching by the beginnings of both names, as a person types them.
    await page.getByLabel('Søg', { exact: true }).fill(`${member.first_name.slice(0, 3)} ${member.last_name.slice(0, 4)}`);
    await clickAndWait(page, page.getByRole('button', { name: 'Filtrér' }));
    await screenshot(page, 'members-01-search');
    const link = page.getByRole('link', { name: `${member.last_name}, ${member.first_name}` });
    expect(await link.count()).toBe(1);
    await clickAndWait(page, link);
    expect(new URL(page.url()).pathname).toBe(`/members/${member.id}`);
    expect(await page.locator('h1').innerText()).toBe(`${member.first_name} ${member.last_name}`);

    await clickAndWait(page, page.getByRole('link', { name: 'Redigér' }));
    await page.getByLabel('Telefon').fill('+45 88 77 66 55');
    await clickAndWait(page, page.getByRole('button', { name: 'Gem' }));
    expect(new URL(page.url()).pathname).toBe(`/members/${member.id}`);
    expect(await page.getByRole('status').first().innerText()).toContain('Ændringerne er gemt.');
    expect(await page.locator('#contact').locator('..').innerText()).toContain('+45 88 77 66 55');
    const trail = page.getByRole('region', { name: 'Revisionsspor' });
    expect(await trail.getByRole('row').filter({ hasText: 'Ændret' }).filter({ hasText: 'Telefon' }).count()).toBe(1);
    expect(await trail.getByRole('row').filter({ hasText: 'Birgitte Dahl' }).filter({ hasText: 'Læst' }).count()).toBeGreaterThanOrEqual(2);

    await clickAndWait(page, page.getByRole('link', { name: 'Skift status' }));
    await page.getByLabel('Handling').selectOption('resign');
    await page.getByLabel('Begrundelse').fill('Går på pension');
    await clickAndWait(page, page.getByRole('button', { name: 'Skift status' }));
    expect(await page.getByRole('status').first().innerText()).toContain('Status er ændret til Udmeldt.');
    const history = page.getByRole('region', { name: 'Medlemskabets historik' });
    const resigned = history.getByRole('row').filter({ hasText: 'Udmeldt' });
    expect(await resigned.count()).toBe(1);
    expect(await resigned.innerText()).toContain('Går på pension');
    expect(await resigned.innerText()).toContain('Birgitte Dahl');
    await screenshot(page, 'members-02-detail-after');

    // No script errors or CSP violations on the way (axe, injected below, would cause some of its own).
    expect(consoleProblems).toEqual([]);

    // Every page of the register passes axe, on a desktop and on a phone, where the page itself does not scroll sideways.
    const state = await context.storageState();
    for (const [device, options] of [['desktop', desktop], ['phone', phone]] as const) {
      const checkContext = await newContext(browser, { ...options, storageState: state, bypassCSP: true });
      const checkPage = await checkContext.newPage();
      for (const path of ['/members', '/members?q=zzzz', `/members/${member.id}`, `/members/${member.id}/edit`, `/members/${member.id}/status`, '/members/new']) {
        await checkPage.goto(`${server.baseUrl}${path}`);
        if (device === 'phone') expect(await checkPage.evaluate('document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(390);
        await expectAccessible(checkPage, `${path} on a ${device}`);
      }
      if (device === 'phone') await screenshot(checkPage, 'members-03-new-phone');
      await checkContext.close();
    }
    await context.close();
  });

  it('a new member with mistakes is told what to fix, and the export downloads a CSV', async () => {
    const context = await newContext(browser, { ...desktop, bypassCSP: true });
    const page = await context.newPage();
    await logInWithLink(page, server, STAFF_NORTH);
    await page.goto(`${server.baseUrl}/members/new`);
    await page.getByLabel('Fornavn').fill('Nanna');
    await page.getByLabel('Fødselsdato').fill(dateInDays(7));
    await clickAndWait(page, page.getByRole('button', { name: 'Opret medlem' }));
    const summary = page.getByRole('alert');
    expect(await summary.innerText()).toContain('Efternavn skal udfyldes.');
    expect(await summary.innerText()).toContain('Fødselsdato kan ikke ligge i fremtiden.');
    expect(await page.getByLabel('Fornavn').inputValue()).toBe('Nanna');
    await expectAccessible(page, 'new member with errors');

    await page.goto(`${server.baseUrl}/members?status=resigned`);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Eksportér som CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^medlemmer-\d{4}-\d{2}-\d{2}\.csv$/);
    await context.close();
  });

  it('admins keep the list of membership types', async () => {
    const context = await newContext(browser, { ...desktop, bypassCSP: true });
    const page = await context.newPage();
    await logInWithLink(page, server, DEMO_ADMIN_EMAIL);
    await page.goto(`${server.baseUrl}/admin`);
    await clickAndWait(page, page.getByRole('link', { name: /Medlemstyper/ }));
    await expectAccessible(page, 'membership types');
    await page.locator('#new-code').fill('honorary');
    await page.locator('#new-name').fill('Æresmedlem');
    await clickAndWait(page, page.getByRole('button', { name: 'Tilføj medlemstype' }));
    expect(await page.getByRole('status').first().innerText()).toContain('Medlemstypen Æresmedlem er oprettet.');
    await screenshot(page, 'members-04-types');
    await context.close();
  });
});
