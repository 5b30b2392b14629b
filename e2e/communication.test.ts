import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { queryRows } from '../src/platform/db/database.js';
import { dispatchMailingBatch } from '../src/features/mailings/dispatch.js';
import { captureTransport } from '../src/features/mailings/transport.js';
import { unsubscribeToken } from '../src/features/mailings/unsubscribe.js';
import { axe, clickAndWait, desktop, logInWithLink, newContext, phone, watchConsole, serverAndBrowserForFile, type E2eServer, checkPageIn } from './helpers.js';

/**
 * Targeted mail from segment to registration: a staff member of Kreds Nord builds a segment of the
 * district's leaders on the segment pages, composes an invitation to the leaders' network meeting,
 * previews it and sends it after the confirmation step; the dispatcher delivers it (the capture
 * transport writes each message to the outbox, as without SMTP); a leader opens the personal link
 * from the mail on a phone, without logging in, presses "Tilmeld mig" and is registered. Every page
 * passes axe and fits a 390 px phone; screenshots are written for a person to look at.
 */

const STAFF_NORTH = 'birgitte.dahl@omsorgsforbundet.example';
const SEGMENT = 'Ledere i Kreds Nord (netværksmøde)';
const SUBJECT = 'Kom til netværksmøde, {{firstName}}';

let server: E2eServer;
let browser: Browser;
let north = '';
let eventId = '';
let mailingId = '';

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
  [{ id: north }] = await queryRows<{ id: string }>(server.database.db, sql`select id from units where name = 'Kreds Nord'`);
  [{ id: eventId }] = await queryRows<{ id: string }>(server.database.db, sql`select id from events where title like 'Netværksmøde%' and status = 'published'`);
});

const checkPage = (page: Page, name: string, problems: string[]) => checkPageIn('communication', page, name, problems);

describe('from a segment of leaders to a leader registered through the invitation', () => {
  it('staff build the segment, compose the invitation, preview it and send it', async () => {
    const context = await newContext(browser, desktop);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInWithLink(page, server, STAFF_NORTH);

    // The segment: leaders, in Kreds Nord.
    await page.goto(`${server.baseUrl}/segments/new`);
    await page.locator('#field-name').fill(SEGMENT);
    await page.locator('#field-unitId').selectOption(north);
    await page.locator('input[name="c.role"][value="leader"]').check();
    await clickAndWait(page, page.locator('button[name="intent"][value="save"]'));
    expect(new URL(page.url()).pathname).toMatch(/^\/segments\/[0-9a-f-]{36}$/);
    const [segment] = await queryRows<{ id: string; n: number }>(server.database.db, sql`select id from segments where name = ${SEGMENT}`);

    // The mailing, through the nav item; a mistake first (service mail without its reason).
    await page.goto(`${server.baseUrl}/start`);
    await clickAndWait(page, page.locator('nav a[href="/mailings"]').first());
    await checkPage(page, 'mailings', problems);
    await clickAndWait(page, page.locator('a[href="/mailings/new"]').first());
    await page.locator('#field-segmentId').selectOption(segment.id);
    await page.locator('input[name="kind"][value="service"]').check();
    await page.locator('#field-eventId').selectOption(eventId);
    await page.locator('#field-subject_da').fill(SUBJECT);
    await page.locator('#field-body_da').fill('Kære {{firstName}}\n\nVi ses til **netværksmøde** for ledere. Tilmeld dig med knappen herunder.');
    await page.locator('#segment-count').getByText(/Modtagere/).waitFor();
    await checkPage(page, 'compose', problems);
    await clickAndWait(page, page.locator('form[action="/mailings"] button[type="submit"]'));
    expect(await page.locator('.error-summary a[href="#field-serviceReason"]').count()).toBe(1);
    await checkPage(page, 'compose-errors', problems);
    await page.locator('#field-serviceReason').fill('Invitation til ledernes netværksmøde i kredsen');
    await clickAndWait(page, page.locator('form[action="/mailings"] button[type="submit"]'));
    mailingId = new URL(page.url()).pathname.split('/').pop()!;
    expect(mailingId).toMatch(/^[0-9a-f-]{36}$/);
    await checkPage(page, 'mailing', problems);

    // The preview is the mail itself, with the reader's own name and the register button.
    await page.frameLocator('iframe[src$="/preview/da"]').locator('a', { hasText: 'Tilmeld mig' }).waitFor();

    // Send now: the confirmation step names the number of recipients.
    await clickAndWait(page, page.locator(`form[action="/mailings/${mailingId}/send"] button[type="submit"]`).first());
    const confirmText = await page.locator('main').innerText();
    const count = Number(/til (\d+) modtagere/.exec(confirmText)?.[1]);
    expect(count).toBeGreaterThan(0);
    await checkPage(page, 'confirm', problems);
    await clickAndWait(page, page.locator(`form[method="post"][action="/mailings/${mailingId}/send"] button[type="submit"]`));
    expect(await page.locator('#mailing-progress').innerText()).toContain(`0 / ${count} sendt`);
    await checkPage(page, 'sending', problems);

    // The dispatcher delivers; the progress block (polled by htmx) shows it.
    const transport = captureTransport(server.database.db);
    await dispatchMailingBatch(server.database.db, transport, { from: server.config.MAIL_FROM, baseUrl: server.config.publicUrl, batchSize: 500, defaultRate: 10_000 });
    await page.locator('#mailing-progress').getByText(`${count} / ${count} sendt`).waitFor({ timeout: 8_000 });
    await page.locator('#mailing-progress').getByRole('button', { name: 'Sæt på pause' }).waitFor({ state: 'detached' });
    await page.frameLocator('iframe[src$="/preview/da"]').locator('a', { hasText: 'Tilmeld mig' }).waitFor();
    await checkPage(page, 'sent', problems);

    const phonePage = await (await newContext(browser, phone)).newPage();
    const phoneProblems = watchConsole(phonePage);
    await logInWithLink(phonePage, server, STAFF_NORTH);
    await phonePage.goto(`${server.baseUrl}/mailings/${mailingId}`);
    await phonePage.frameLocator('iframe[src$="/preview/da"]').locator('a', { hasText: 'Tilmeld mig' }).waitFor();
    await checkPage(phonePage, 'mailing-phone', phoneProblems);
    await phonePage.goto(`${server.baseUrl}/mailings/new`);
    await checkPage(phonePage, 'compose-phone', phoneProblems);
    await context.close();
  });

  it('a leader opens the link from the mail on a phone and registers with one click', async () => {
    const [recipient] = await queryRows<{ personId: string; email: string }>(
      server.database.db,
      sql`select r.person_id as "personId", r.email from mailing_recipients r
          where r.mailing_id = ${mailingId} and r.status = 'sent' and r.locale = 'da'
            and not exists (select 1 from event_registrations g where g.event_id = ${eventId} and g.person_id = r.person_id and g.status <> 'cancelled')
          order by r.id limit 1`,
    );
    const [mail] = await queryRows<{ subject: string; text: string; html: string }>(
      server.database.db,
      // The demo sends other mail to the same people (an assembly's notice): the invitation is the one about the network meeting.
      sql`select subject, text_body as text, html_body as html from mail_outbox where to_address = ${recipient.email} and status = 'captured' and subject like 'Kom til netværksmøde, %' order by created_at desc limit 1`,
    );
    expect(mail.subject).toMatch(/^Kom til netværksmøde, /);
    expect(mail.html).toContain('Tilmeld mig</a>');
    const link = /https?:\/\/[^\s/]+(\/invitations\/[A-Za-z0-9_.-]+)/.exec(mail.text)!;

    const context = await newContext(browser, phone);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${server.baseUrl}${link[1]}`);
    await checkPage(page, 'invitation-phone', problems);
    expect(await queryRows(server.database.db, sql`select 1 from event_registrations where event_id = ${eventId} and person_id = ${recipient.personId} and status <> 'cancelled'`)).toEqual([]);
    await clickAndWait(page, page.getByRole('button', { name: 'Tilmeld mig' }));
    await page.getByText(/Du er tilmeldt|ventelisten/).waitFor();
    await checkPage(page, 'registered-phone', problems);
    const regs = await queryRows<{ status: string }>(server.database.db, sql`select status from event_registrations where event_id = ${eventId} and person_id = ${recipient.personId}`);
    expect(regs.map((r) => r.status)).toEqual([expect.stringMatching(/^(confirmed|waitlisted)$/)]);
    await context.close();
  });

  it('the topic catalogue, a member’s newsletter choices and the unsubscribe page pass axe on a phone', async () => {
    const staff = await (await newContext(browser, phone)).newPage();
    const staffProblems = watchConsole(staff);
    await logInWithLink(staff, server, STAFF_NORTH);
    await staff.goto(`${server.baseUrl}/mailings/topics`);
    await checkPage(staff, 'topics-phone', staffProblems);

    const [leader] = await queryRows<{ personId: string; email: string }>(server.database.db, sql`select person_id as "personId", email from mailing_recipients where mailing_id = ${mailingId} order by id limit 1`);
    const [topic] = await queryRows<{ id: string }>(server.database.db, sql`select id from newsletter_topics where slug = 'nyt-om-loen-og-overenskomst'`);
    const context = await newContext(browser, phone);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${server.baseUrl}/unsubscribe/${await unsubscribeToken(server.database.db, leader.personId, topic.id)}`);
    await checkPage(page, 'unsubscribe-phone', problems);
    await clickAndWait(page, page.locator('main form button[type="submit"]'));
    await checkPage(page, 'unsubscribed-phone', problems);
    await logInWithLink(page, server, leader.email);
    await page.goto(`${server.baseUrl}/me`);
    await clickAndWait(page, page.locator('a[href="/me/newsletters"]'));
    expect(await page.locator(`input[name="subscribed"][value="${topic.id}"]`).isChecked()).toBe(false);
    await checkPage(page, 'newsletters-phone', problems);
  });
});
