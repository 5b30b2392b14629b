import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, clickAndWait, desktop, formatViolations, logInWithLink, newContext, phone, screenshot, watchConsole, serverAndBrowserForFile, type E2eServer } from './helpers.js';

/**
 * A district's staff member imports members from a spreadsheet: a dry run, a file with mistakes shown
 * row by row, the corrected file applied, and an imported member found in the member list. The
 * import pages pass axe on a desktop and on a phone.
 */

/** A faglig sekretær of Kreds Nord in the demo union. */
const STAFF_NORTH = 'birgitte.dahl@omsorgsforbundet.example';

let server: E2eServer;
let browser: Browser;
let dir: string;
const files = { good: '', bad: '' };

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
  dir = mkdtempSync(join(tmpdir(), 'forening-e2e-import-'));
  // As Danish Excel saves "CSV UTF-8": a byte-order mark, semicolons, Danish headers and dates.
  const header = 'medlemsnummer;fornavn;efternavn;e-mail;kreds;indmeldt;p-nummer;stilling';
  files.good = join(dir, 'medlemmer.csv');
  writeFileSync(files.good, `\uFEFF${header}\r\n;Ingeborg;Quistgaard;ingeborg.quistgaard@example.org;Nord;01-09-2021;1000000000;Pædagog\r\n;Valdemar;Quistgaard;valdemar.quistgaard@example.org;Nord;;;\r\n`);
  files.bad = join(dir, 'med-fejl.csv');
  writeFileSync(files.bad, `\uFEFF${header}\r\n;Ingeborg;Quistgaard;ingeborg.quistgaard@;Nord;31-09-2021;1000000000;Pædagog\r\n;Valdemar;Quistgaard;valdemar.quistgaard@example.org;Syd;;;\r\n`);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function expectAccessible(page: Page, where: string) {
  const violations = await axe(page);
  expect(violations, formatViolations(where, violations)).toEqual([]);
}

const dryRun = (page: Page, file: string) =>
  page
    .getByLabel('CSV-fil')
    .setInputFiles(file)
    .then(() => clickAndWait(page, page.getByRole('button', { name: 'Prøvekør' })));

describe('importing members in a browser', () => {
  it('staff dry-run a file, see its mistakes row by row, apply the corrected file and find the new member', async () => {
    const context = await newContext(browser, desktop);
    const page = await context.newPage();
    const consoleProblems = watchConsole(page);
    await logInWithLink(page, server, STAFF_NORTH);

    // The import is a tool of the member list: its button sits beside "new member" and the export.
    await page.goto(`${server.baseUrl}/members`);
    await clickAndWait(page, page.locator('main').getByRole('link', { name: 'Import' }));
    expect(new URL(page.url()).pathname).toBe('/members/import');
    expect(await page.locator('h1').innerText()).toBe('Importér medlemmer');

    await dryRun(page, files.bad);
    const errors = page.getByRole('region', { name: 'Fejl i filen' });
    expect(await errors.getByRole('row').filter({ hasText: 'skal være en gyldig e-mailadresse' }).innerText()).toMatch(/^2\s+e-mail/);
    expect(await errors.getByRole('row').filter({ hasText: 'skal være en dato, der findes' }).innerText()).toMatch(/^2\s+indmeldt/);
    expect(await errors.getByRole('row').filter({ hasText: 'du kan ikke importere til »Syd«' }).innerText()).toMatch(/^3\s+kreds/);
    expect(await page.getByRole('button', { name: 'Gennemfør importen' }).count()).toBe(0);
    await screenshot(page, 'import-01-errors');

    await dryRun(page, files.good);
    const counts = page.getByLabel('Hvad importen vil gøre');
    expect(await counts.innerText()).toMatch(/Nye\s+2\s+Opdateres\s+0\s+Uændrede\s+0\s+Fejl\s+0/);
    await screenshot(page, 'import-02-dry-run');
    await clickAndWait(page, page.getByRole('button', { name: 'Gennemfør importen' }));
    expect(new URL(page.url()).pathname).toBe('/members/import');
    expect(await page.getByRole('status').first().innerText()).toContain('Importen er gennemført: 2 nye, 0 opdaterede og 0 uændrede.');

    // The same file again has nothing left to do.
    await dryRun(page, files.good);
    expect(await page.getByRole('status').first().innerText()).toContain('Alt i filen står allerede i registret.');

    await clickAndWait(page, page.locator('header').getByRole('link', { name: 'Medlemmer' }));
    await page.getByLabel('Søg', { exact: true }).fill('ingeborg quist');
    await clickAndWait(page, page.getByRole('button', { name: 'Filtrér' }));
    const link = page.getByRole('link', { name: 'Quistgaard, Ingeborg' });
    expect(await link.count()).toBe(1);
    await clickAndWait(page, link);
    expect(await page.locator('h1').innerText()).toBe('Ingeborg Quistgaard');
    expect(await page.locator('main').innerText()).toContain('Botilbuddet Solsikken');
    await screenshot(page, 'import-03-member');

    expect(consoleProblems).toEqual([]);
    await context.close();
  });

  it('the import pages pass axe on a desktop and on a phone, and fit a phone', async () => {
    for (const [device, options] of [['desktop', desktop], ['phone', phone]] as const) {
      // axe is injected as a script tag, which the CSP would otherwise refuse.
      const context = await newContext(browser, { ...options, bypassCSP: true });
      const page = await context.newPage();
      await logInWithLink(page, server, STAFF_NORTH);
      const check = async (where: string) => {
        if (device === 'phone') expect(await page.evaluate('document.documentElement.scrollWidth'), where).toBeLessThanOrEqual(390);
        await expectAccessible(page, `${where} on a ${device}`);
      };
      await page.goto(`${server.baseUrl}/members/import`);
      await check('the members import');
      await dryRun(page, files.bad);
      await check('a dry run with errors');
      await page.goto(`${server.baseUrl}/members/import/workplaces`);
      await check('the workplaces import');
      await page.getByLabel('CSV-fil').setInputFiles({ name: 'arbejdspladser.csv', mimeType: 'text/csv', buffer: Buffer.from('navn;arbejdsgivertype;kreds\nBotilbuddet Havbrisen;kommune;Nord\n') });
      await clickAndWait(page, page.getByRole('button', { name: 'Prøvekør' }));
      await check('a dry run ready to apply');
      if (device === 'phone') await screenshot(page, 'import-04-workplaces-phone');
      await context.close();
    }
  });
});
