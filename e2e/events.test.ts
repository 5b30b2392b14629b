import { describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { queryRows } from '../src/platform/db/database.js';
import type { Actor } from '../src/platform/actor.js';
import { mailOutbox } from '../src/platform/mail/tables.js';
import { loadGrants } from '../src/kernel/grants.js';
import { createEvent, publishEvent, registerForEvent, eventInput, registrationInput } from '../src/features/events/index.js';
import { axe, clickAndWait, DEMO_ADMIN_EMAIL, desktop, formatViolations, logInWithLink, newContext, openMenu, phone, screenshot, watchConsole, serverAndBrowserForFile, type E2eServer } from './helpers.js';

/**
 * Events in a browser, the journey: a member registers for a full event and lands on the
 * waiting list; another member cancels their place; the first is promoted at once and sees it on
 * "My events". Then a visitor registers for a public event, confirms from the mailed link and sees
 * the seat. Every page on the way passes axe on a desktop and on a phone, and fits the phone.
 */

let server: E2eServer;
let browser: Browser;

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
});

const pathname = (page: Page) => new URL(page.url()).pathname;

/** Console problems per page, so that checkAxe can drop the one it causes itself. */
const watched = new Map<Page, string[]>();
function watch(page: Page): string[] {
  const problems = watchConsole(page);
  watched.set(page, problems);
  return problems;
}

/** axe first tries a script tag, which the CSP blocks and Chromium reports: that report is ours, not the page's. */
async function checkAxe(page: Page, name: string): Promise<void> {
  const problems = watched.get(page);
  const mark = problems?.length ?? 0;
  const violations = await axe(page);
  if (problems) {
    const added = problems.splice(mark);
    problems.push(...added.filter((p) => !p.includes("Executing inline script violates the following Content Security Policy directive 'script-src 'self''")));
  }
  expect(violations, formatViolations(name, violations)).toEqual([]);
}

/**
 * The page as it is now and the same address in the other size with the same cookies: axe on both,
 * nothing wider than the phone's 390 px, a screenshot of each.
 */
async function bothSizes(page: Page, name: string, current: 'desktop' | 'phone' = 'desktop'): Promise<void> {
  const path = new URL(page.url()).pathname + new URL(page.url()).search;
  const otherSize = current === 'desktop' ? 'phone' : 'desktop';
  await checkAxe(page, `${name} (${current})`);
  await screenshot(page, `events-${name}-${current}`);
  const other = await newContext(browser, { ...(otherSize === 'phone' ? phone : desktop), storageState: await page.context().storageState() });
  const p = await other.newPage();
  const problems = watch(p);
  await p.goto(`${server.baseUrl}${path}`);
  await checkAxe(p, `${name} (${otherSize})`);
  await screenshot(p, `events-${name}-${otherSize}`);
  const onPhone = current === 'phone' ? page : p;
  expect(await onPhone.evaluate('document.documentElement.scrollWidth'), `${name} is wider than the phone`).toBeLessThanOrEqual(390);
  expect(problems).toEqual([]);
  await other.close();
}

async function actorOf(email: string): Promise<Actor> {
  const [p] = await queryRows<{ id: string; first_name: string; last_name: string }>(server.database.db, sql`select id, first_name, last_name from persons where lower(email) = ${email.toLowerCase()}`);
  return { kind: 'person', personId: p.id, firstName: p.first_name, lastName: p.last_name, grants: await loadGrants(server.database.db, p.id) };
}

/** Two active members of Kreds Nord with an e-mail address who read Danish (the demo has many). */
async function northMembers(): Promise<{ email: string; name: string }[]> {
  return queryRows<{ email: string; name: string }>(
    server.database.db,
    sql`select p.email, p.first_name || ' ' || p.last_name as name from persons p join memberships m on m.person_id = p.id join units u on u.id = m.unit_id
        where u.name = 'Kreds Nord' and m.status = 'active' and p.email is not null and coalesce(p.preferred_locale, 'da') = 'da'
        order by m.member_number desc limit 2`,
  );
}

async function latestMail(to: string): Promise<{ subject: string; textBody: string }> {
  const [mail] = await server.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to)).orderBy(desc(mailOutbox.createdAt)).limit(1);
  if (!mail) throw new Error(`no mail to ${to}`);
  return mail;
}

describe('events in a browser', () => {
  it('a member lands on the waiting list of a full event, another cancels, and the first is promoted and sees it on "My events"', async () => {
    const [waiter, holder] = await northMembers();
    // A small member meeting in Kreds Nord a week ahead, with one seat, already taken by the holder.
    const admin = await actorOf(DEMO_ADMIN_EMAIL);
    const [north] = await queryRows<{ id: string }>(server.database.db, sql`select id from units where name = 'Kreds Nord'`);
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    startsAt.setUTCHours(16, 0, 0, 0);
    const created = await createEvent(
      server.database.db,
      admin,
      eventInput.parse({
        kind: 'member_meeting',
        title: 'Fyraftensmøde om nattevagter',
        description: 'Vi taler om **nattevagter** og hviletid.\n\n- Hvad siger overenskomsten?\n- Hvad gør vi lokalt?',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
        unitId: north.id,
        audience: 'members',
        capacity: 1,
        waitlist: true,
        placeName: 'Nordby Medborgerhus',
        addressLine: 'Stationsvej 4',
        postalCode: '9000',
        city: 'Nordby',
        programme: [
          { startsAt: startsAt.toISOString(), title: 'Velkomst', speaker: 'Kredsformanden' },
          { startsAt: new Date(startsAt.getTime() + 15 * 60_000).toISOString(), title: 'Nattevagter og hviletid', speaker: 'Faglig konsulent' },
        ],
      }),
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    const event = created.event;
    await publishEvent(server.database.db, admin, event.id);
    const ctx = { baseUrl: server.config.publicUrl, organisationName: 'Omsorgsforbundet', defaultLocale: 'da' as const };
    const held = await registerForEvent(server.database.db, await actorOf(holder.email), event.id, registrationInput.parse({}), ctx);
    expect(held).toMatchObject({ ok: true, registration: { status: 'confirmed' } });

    // The first member finds the event through the menu: it is full, with a waiting list.
    const first = await newContext(browser, desktop);
    const page = await first.newPage();
    const problems = watch(page);
    await logInWithLink(page, server, waiter.email);
    await clickAndWait(page, page.locator('header').getByRole('link', { name: 'Arrangementer' }));
    expect(pathname(page)).toBe('/events');
    const card = page.locator('.event-card', { hasText: event.title });
    expect(await card.innerText()).toContain('Fuldt – venteliste');
    await bothSizes(page, 'list');
    await clickAndWait(page, card.getByRole('link', { name: event.title, exact: true }));
    expect(pathname(page)).toBe(`/events/${event.slug}`);
    expect(await page.locator('main').innerText()).toContain('1 af 1 plads er taget');
    await bothSizes(page, 'event-full');

    await clickAndWait(page, page.getByRole('button', { name: 'Skriv mig på ventelisten' }));
    expect(pathname(page)).toBe(`/events/${event.slug}`);
    expect(await page.locator('.flash-success').innerText()).toContain('Du er nr. 1 på ventelisten.');
    expect(await page.locator('.registration-box').innerText()).toContain('Du er nr. 1 på ventelisten.');
    await bothSizes(page, 'event-waitlisted');
    await clickAndWait(page, page.locator('header').getByRole('link', { name: 'Min side' }));
    await clickAndWait(page, page.getByRole('link', { name: 'Mine arrangementer' }));
    expect(pathname(page)).toBe('/me/events');
    expect(await page.locator('.event-card', { hasText: event.title }).innerText()).toContain('Nr. 1 på ventelisten');

    // The holder cancels from "My events": a page asks first, then the seat is given back.
    const second = await newContext(browser, desktop);
    const other = await second.newPage();
    const otherProblems = watch(other);
    await logInWithLink(other, server, holder.email);
    await other.goto(`${server.baseUrl}/me/events`);
    await bothSizes(other, 'mine-holder');
    await clickAndWait(other, other.locator('.event-card', { hasText: event.title }).getByRole('link', { name: `Afmeld: ${event.title}` }));
    expect(pathname(other)).toBe(`/events/${event.slug}/cancel`);
    await bothSizes(other, 'cancel-ask');
    await clickAndWait(other, other.getByRole('button', { name: 'Ja, afmeld mig' }));
    expect(pathname(other)).toBe('/me/events');
    expect(await other.locator('.flash-success').innerText()).toContain('Du er afmeldt.');
    expect(await other.locator('main').innerText()).not.toContain(event.title);
    expect(otherProblems).toEqual([]);
    await second.close();

    // The first in line got the seat at once, was told by e-mail, and sees it on "My events".
    expect((await latestMail(waiter.email)).subject).toBe(`Du har fået en plads: ${event.title}`);
    await page.reload();
    const mine = page.locator('.event-card', { hasText: event.title });
    expect(await mine.innerText()).toContain('Tilmeldt');
    expect(await mine.innerText()).not.toContain('ventelisten');
    await bothSizes(page, 'mine-promoted');
    await clickAndWait(page, mine.getByRole('link', { name: event.title, exact: true }));
    expect(await page.locator('.registration-box').innerText()).toContain('Du er tilmeldt.');
    await bothSizes(page, 'event-confirmed');

    // The same page in Swedish.
    await clickAndWait(page, page.getByRole('button', { name: 'Svenska' }));
    expect(await page.locator('.registration-box').innerText()).toContain('Du är anmäld.');
    await screenshot(page, 'events-event-confirmed-sv-desktop');
    await page.goto(`${server.baseUrl}/me/events`);
    expect(await page.locator('h1').innerText()).toBe('Mina evenemang');
    await bothSizes(page, 'mine-sv');
    expect(problems).toEqual([]);
    await first.close();
  });

  it('a visitor registers for a public event, confirms from the mail and sees the seat', async () => {
    const [webinar] = await queryRows<{ slug: string; title: string }>(server.database.db, sql`select slug, title from events where audience = 'public' and status = 'published' order by starts_at limit 1`);
    const visitor = await newContext(browser, phone);
    const page = await visitor.newPage();
    const problems = watch(page);
    await page.goto(`${server.baseUrl}/events`);
    await checkAxe(page, 'public list (phone)');
    await clickAndWait(page, page.getByRole('link', { name: webinar.title }));
    expect(pathname(page)).toBe(`/events/${webinar.slug}`);
    // The online link is for confirmed participants.
    expect(await page.locator('main').innerText()).toContain('Linket står her og i din bekræftelse');
    await bothSizes(page, 'public-event', 'phone');

    // Sent empty, both fields are named; nothing is registered.
    await clickAndWait(page, page.getByRole('button', { name: 'Tilmeld' }));
    expect(await page.locator('#register-name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#register-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.error-summary').innerText()).toContain('Navn skal udfyldes.');
    await checkAxe(page, 'public form with errors (phone)');
    await screenshot(page, 'events-public-errors-phone');

    const email = 'ida.udefra@example.org';
    await page.locator('#register-name').fill('Ida Udefra');
    await page.locator('#register-email').fill(email);
    await clickAndWait(page, page.getByRole('button', { name: 'Tilmeld' }));
    expect(pathname(page)).toBe(`/events/${webinar.slug}/sent`);
    expect(await page.locator('h1').innerText()).toBe('Tjek din e-mail');
    await checkAxe(page, 'check your e-mail (phone)');
    await screenshot(page, 'events-public-sent-phone');

    const optIn = await latestMail(email);
    expect(optIn.subject).toBe(`Bekræft din tilmelding: ${webinar.title}`);
    const confirmPath = /https?:\/\/[^\s/]+(\/events\/confirm\/[A-Za-z0-9_-]+)/.exec(optIn.textBody)![1];
    await page.goto(`${server.baseUrl}${confirmPath}`);
    expect(await page.locator('h1').innerText()).toBe('Bekræft din tilmelding');
    await checkAxe(page, 'confirm (phone)');
    await screenshot(page, 'events-public-confirm-phone');
    await clickAndWait(page, page.getByRole('button', { name: 'Bekræft tilmeldingen' }));
    expect(pathname(page)).toBe(confirmPath);
    expect(await page.locator('h1').innerText()).toBe('Din plads er bekræftet');
    const main = await page.locator('main').innerText();
    expect(main).toContain(`Du er tilmeldt »${webinar.title}«.`);
    expect(main).toContain('https://meet.omsorgsforbundet.example/pension');
    await bothSizes(page, 'public-confirmed', 'phone');
    expect((await latestMail(email)).subject).toBe(`Du er tilmeldt: ${webinar.title}`);

    // In Swedish, the visitor's language switch is a plain link.
    await page.goto(`${server.baseUrl}/events/${webinar.slug}`);
    await openMenu(page);
    await clickAndWait(page, page.getByRole('link', { name: 'Svenska' }));
    expect(await page.locator('.registration-box h2').innerText()).toBe('Anmälan');
    await checkAxe(page, 'public event in Swedish (phone)');
    await screenshot(page, 'events-public-event-sv-phone');
    await page.goto(`${server.baseUrl}/events`);
    await screenshot(page, 'events-list-sv-phone');
    expect(problems).toEqual([]);
    await visitor.close();
  });
});
