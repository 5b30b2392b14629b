import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { queryRows } from '../src/platform/db/database.js';
import { localParts } from '../src/platform/i18n/zoned-time.js';
import { axe, clickAndWait, desktop, formatViolations, logInWithLink, newContext, openMenu, phone, screenshot, watchConsole, serverAndBrowserForFile, type E2eServer } from './helpers.js';

/**
 * Staff run an event in a browser: a faglig sekretær of Kreds Nord creates a members' meeting with
 * a programme (adding a programme row on the way), publishes it; a member registers on the event
 * page; at the door, on a phone, the sekretær finds the member, taps "Mødt" and sees the attendance
 * count go up. Every staff page passes axe on a desktop and on a phone, and fits the phone.
 */

const STAFF_NORTH = 'birgitte.dahl@omsorgsforbundet.example';
const TITLE = 'Fyraftensmøde om arbejdsmiljø';

let server: E2eServer;
let browser: Browser;
let attendee: { email: string; first_name: string; last_name: string };
/** Three weeks ahead, as Copenhagen's calendar shows it. */
const day = localParts(new Date(Date.now() + 21 * 86_400_000), 'Europe/Copenhagen').date;

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
  // An active member of Kreds Nord who reads Danish, with a name nobody else in the demo has.
  [attendee] = await queryRows<typeof attendee>(
    server.database.db,
    sql`select p.email, p.first_name, p.last_name from persons p join memberships m on m.person_id = p.id join units u on u.id = m.unit_id
      where u.name = 'Kreds Nord' and m.status = 'active' and p.email is not null and p.preferred_locale = 'da'
        and not exists (select 1 from role_assignments r where r.person_id = p.id)
        and (select count(*) from persons o where o.first_name = p.first_name and o.last_name = p.last_name) = 1
      order by m.member_number limit 1`,
  );
});

/** No script errors, no sideways scrolling, no serious axe violations. */
async function checkPage(page: Page, name: string, problems: string[]): Promise<void> {
  expect(problems, `${name}: browser console`).toEqual([]);
  const width = page.viewportSize()!.width;
  expect(await page.evaluate('document.documentElement.scrollWidth'), `${name}: page width`).toBeLessThanOrEqual(width);
  const violations = await axe(page);
  // Injecting axe trips the page's CSP (that is the CSP working); what the page itself logged was checked above.
  problems.length = 0;
  if (violations.length) await screenshot(page, `axe-events-staff-${name}`);
  expect(violations, formatViolations(name, violations)).toEqual([]);
}

let slug = '';
let staffState: Awaited<ReturnType<BrowserContext['storageState']>>;

describe('staff run an event', () => {
  it('create a members’ meeting with a programme and publish it', async () => {
    const context = await newContext(browser, desktop);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInWithLink(page, server, STAFF_NORTH);
    staffState = await context.storageState();

    await page.goto(`${server.baseUrl}/events/new`);
    await checkPage(page, 'new-desktop', problems);
    // Staff of Kreds Nord organise for Kreds Nord only: it is chosen already.
    expect(await page.locator('#field-unitId option:checked').innerText()).toContain('Kreds Nord');
    await page.locator('#field-kind').selectOption('member_meeting');
    await page.locator('#field-title').fill(TITLE);
    await page.getByLabel('Beskrivelse').fill('Vi taler om **stress** og arbejdsmiljø.\n\n- Kaffe og kage\n- Spørgsmål til sidst');
    await page.locator('#field-startDate').fill(day);
    await page.locator('#field-startTime').fill('17:00');
    await page.locator('#field-endTime').fill('19:30');
    await page.getByLabel('Sted', { exact: true }).fill('Kredskontoret');
    await page.getByLabel('Adresse').fill('Havnegade 4');
    await page.getByLabel('Postnummer').fill('9000');
    await page.getByLabel('By', { exact: true }).fill('Aalborg');
    await page.getByLabel('Antal pladser').fill('30');
    const rows = page.locator('.programme-row');
    expect(await rows.count()).toBe(3);
    for (const [i, time, title, speaker] of [
      [0, '17:00', 'Velkomst', 'Birgitte Dahl'],
      [1, '17:15', 'Stress i hverdagen', 'Kasper Bach'],
      [2, '18:30', 'Gruppearbejde', ''],
    ] as const) {
      await rows.nth(i).getByLabel('Klokkeslæt').fill(time);
      await rows.nth(i).getByLabel('Titel').fill(title);
      await rows.nth(i).getByLabel('Oplægsholder').fill(speaker);
    }
    // A fourth item: the form comes back with one more row, everything typed kept, nothing saved yet.
    await clickAndWait(page, page.getByRole('button', { name: 'Tilføj programpunkt' }));
    expect(await rows.count()).toBe(4);
    expect(await page.locator('#field-title').inputValue()).toBe(TITLE);
    await rows.nth(3).getByLabel('Klokkeslæt').fill('19:15');
    await rows.nth(3).getByLabel('Titel').fill('Tak for i aften');
    await screenshot(page, 'events-staff-01-form-da');
    await clickAndWait(page, page.getByRole('button', { name: 'Gem som kladde' }));

    expect(new URL(page.url()).pathname).toMatch(/^\/events\/[a-z0-9-]+\/manage$/);
    slug = new URL(page.url()).pathname.split('/')[2];
    expect(await page.getByRole('status').first().innerText()).toContain('er oprettet som kladde');
    expect(await page.locator('h1').innerText()).toBe(TITLE);
    expect(await page.locator('.lead').innerText()).toContain('kl. 17.00–19.30');
    expect(await page.locator('.facts').innerText()).toContain('4 punkter');
    await checkPage(page, 'manage-draft-desktop', problems);

    await clickAndWait(page, page.getByRole('button', { name: 'Offentliggør' }));
    expect(await page.getByRole('status').first().innerText()).toContain('Arrangementet er offentliggjort.');
    expect(await page.locator('.lead').innerText()).toContain('Offentliggjort');
    await screenshot(page, 'events-staff-02-manage-da');
    await context.close();
  });

  it('a member registers on the event page', async () => {
    const context = await newContext(browser, phone);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInWithLink(page, server, attendee.email);
    await page.goto(`${server.baseUrl}/events/${slug}`);
    expect(await page.locator('h1').innerText()).toBe(TITLE);
    expect(await page.locator('main').innerText()).toContain('Stress i hverdagen');
    await clickAndWait(page, page.getByRole('button', { name: 'Tilmeld', exact: true }));
    expect(await page.locator('main').innerText()).toContain('Du er tilmeldt.');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('at the door, on a phone, staff find the member, mark them as attended and see the count go up', async () => {
    const context = await newContext(browser, { ...phone, storageState: staffState });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${server.baseUrl}/events/${slug}/manage`);
    expect(await page.locator('.event-counts').innerText()).toContain('1 af 30');
    await checkPage(page, 'manage-phone', problems);

    await clickAndWait(page, page.getByRole('navigation', { name: 'Administrér arrangementet' }).getByRole('link', { name: 'Indtjekning' }));
    const count = page.locator('#attendance');
    expect(await count.innerText()).toBe('Mødt: 0 af 1');
    await checkPage(page, 'check-in-phone', problems);

    await page.getByLabel('Find deltager').fill(attendee.first_name.toLowerCase());
    await clickAndWait(page, page.getByRole('button', { name: 'Søg' }));
    const name = `${attendee.first_name} ${attendee.last_name}`;
    const row = page.locator('.door-row').filter({ hasText: name });
    expect(await row.count()).toBe(1);
    // htmx swaps the row and the count in place: no page load.
    let loads = 0;
    page.on('load', () => loads++);
    await row.getByRole('button', { name: `${name} er mødt` }).click();
    await expect.poll(() => count.innerText()).toBe('Mødt: 1 af 1');
    expect(loads).toBe(0);
    expect(await page.locator('.door-row').filter({ hasText: name }).innerText()).toMatch(/Mødt kl\. \d\d\.\d\d/);
    // The new button has the focus the tapped one had, so a keyboard or screen reader stays on the person.
    expect(await page.evaluate('document.activeElement?.getAttribute("aria-label")')).toBe(`Fortryd, at ${name} er mødt`);
    await screenshot(page, 'events-staff-03-check-in-phone-da');
    await checkPage(page, 'check-in-after-phone', problems);

    for (const path of ['participants', 'material', 'edit', 'message', 'cancel-event']) {
      await page.goto(`${server.baseUrl}/events/${slug}/${path}`);
      await checkPage(page, `${path}-phone`, problems);
    }
    await screenshot(page, 'events-staff-04-cancel-phone-da');
    await page.goto(`${server.baseUrl}/events/${slug}/participants`);
    expect(await page.getByRole('region', { name: 'Tilmeldte i den rækkefølge, de tilmeldte sig' }).innerText()).toContain(name);
    await screenshot(page, 'events-staff-05-participants-phone-da');

    // In Swedish: the staff member's choice of language is saved and the pages follow it.
    await openMenu(page);
    await clickAndWait(page, page.getByRole('button', { name: 'Svenska' }));
    await page.goto(`${server.baseUrl}/events/${slug}/check-in`);
    expect(await count.innerText()).toBe('Närvarande: 1 av 1');
    await screenshot(page, 'events-staff-06-check-in-phone-sv');
    await checkPage(page, 'check-in-phone-sv', problems);
    await page.goto(`${server.baseUrl}/events/${slug}/manage`);
    await screenshot(page, 'events-staff-07-manage-phone-sv');
    const swedish = await context.storageState();
    await context.close();

    const wide = await newContext(browser, { ...desktop, storageState: swedish });
    const desk = await wide.newPage();
    const deskProblems = watchConsole(desk);
    for (const path of ['manage', 'participants', 'check-in', 'material', 'edit']) {
      await desk.goto(`${server.baseUrl}/events/${slug}/${path}`);
      await checkPage(desk, `${path}-desktop`, deskProblems);
    }
    await desk.goto(`${server.baseUrl}/events/${slug}/edit`);
    await screenshot(desk, 'events-staff-08-edit-desktop-sv');
    await wide.close();
  });
});
