import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { queryRows } from '../src/platform/db/database.js';
import type { Actor } from '../src/platform/actor.js';
import { loadGrants } from '../src/kernel/grants.js';
import { dispatchMailingBatch } from '../src/features/mailings/dispatch.js';
import { captureTransport } from '../src/features/mailings/transport.js';
import { addNetworkMember } from '../src/features/networks/membership.js';
import { createNetworkMeeting, networkMeetingInput } from '../src/features/networks/meetings.js';
import { createNetwork } from '../src/features/networks/networks.js';
import { axe, clickAndWait, desktop, formatViolations, logInWithLink, newContext, phone, screenshot, serverAndBrowserForFile, watchConsole, type E2eServer } from './helpers.js';

/**
 * The networks' journey from the issue: the contact person of a member company in Kreds Nord opens
 * the networks, asks to join a network of competing companies for their company, the coordinator
 * approves; the contact reads the competition-law notice and starts a thread through the page's form;
 * the staff expert attached to the network replies in another browser; the contact gets the reply by
 * mail (threaded under the opening post), follows its link and registers for the network's meeting
 * on the event page. Screenshots of each step on a desktop and a phone; every page fits the phone.
 */

const COORDINATOR = 'birgitte.dahl@omsorgsforbundet.example';
const EXPERT = 'kasper.bach@omsorgsforbundet.example';
const COMPANY = 'Opholdsstedet Kragereden A/S';
const NETWORK = 'Erfa-netværk for opholdssteder i Nord';
const MEETING = 'Netværksmøde: nattevagter og arbejdsmiljø';
const THREAD = 'Hviletid mellem aftenvagt og dagvagt';
const BODY = 'Hvordan planlægger I, så der er **11 timers hvil** mellem en aftenvagt og en dagvagt?';
const REPLY = 'Efter overenskomsten skal der som hovedregel være 11 timers hvil. Afvigelser kræver en lokalaftale – ring gerne.';

let server: E2eServer;
let browser: Browser;
const ids = { network: '', meeting: '', meetingSlug: '', contact: '', contactEmail: '', company: '', thread: '' };

async function actorOf(email: string): Promise<Actor> {
  const [p] = await queryRows<{ id: string; first_name: string; last_name: string }>(server.database.db, sql`select id, first_name, last_name from persons where lower(email) = ${email}`);
  if (!p) throw new Error(`no person ${email} in the demo`);
  return { kind: 'person', personId: p.id, firstName: p.first_name, lastName: p.last_name, grants: await loadGrants(server.database.db, p.id) };
}

function must<T extends { ok: boolean }>(what: string, r: T): T & { ok: true } {
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r)}`);
  return r as T & { ok: true };
}

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
  const db = server.database.db;
  // The demo's company of Kreds Nord and its contact person (a member who reads Danish).
  const [contact] = await queryRows<{ id: string; email: string; company: string; locale: string | null }>(
    db,
    sql`select p.id, p.email, c.company_id as company, p.preferred_locale as locale from member_company_contacts c
        join member_companies mc on mc.id = c.company_id join persons p on p.id = c.person_id
        where mc.name = ${COMPANY} and p.email is not null order by c.is_primary desc limit 1`,
  );
  if (!contact) throw new Error(`the demo has no contact person of ${COMPANY}`);
  if ((contact.locale ?? 'da') !== 'da') throw new Error(`the contact of ${COMPANY} reads ${contact.locale}; the journey reads Danish pages`);
  Object.assign(ids, { contact: contact.id, contactEmail: contact.email, company: contact.company });

  // A network of member companies of Kreds Nord, on request, run by the district's secretary with the
  // district's safety adviser attached as expert, and a meeting called with its agenda.
  const coordinator = await actorOf(COORDINATOR);
  const [{ id: north }] = await queryRows<{ id: string }>(db, sql`select id from units where name = 'Kreds Nord'`);
  const network = must(
    'createNetwork',
    await createNetwork(db, coordinator, {
      unitId: north,
      name: NETWORK,
      description: 'Ledere af private opholdssteder i Kreds Nord deler erfaringer med vagtplaner, tilsyn og arbejdsmiljø.',
      kind: 'companies',
      visibility: 'listed',
      joinPolicy: 'request',
    }),
  ).network;
  ids.network = network.id;
  const [expert] = await queryRows<{ id: string }>(db, sql`select id from persons where lower(email) = ${EXPERT}`);
  must('attach expert', await addNetworkMember(db, coordinator, network.id, { memberId: expert.id, role: 'expert' }));
  const startsAt = new Date(Date.now() + 14 * 86_400_000);
  startsAt.setUTCHours(14, 0, 0, 0);
  const meeting = must(
    'createNetworkMeeting',
    await createNetworkMeeting(
      db,
      coordinator,
      network.id,
      networkMeetingInput.parse({
        title: MEETING,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
        placeName: 'Kredskontoret',
        city: 'Aalborg',
        capacity: 12,
        agenda: '1. Velkommen\n2. Nattevagter: rekruttering og hviletid\n3. Arbejdsmiljø: vold og trusler\n4. Eventuelt',
      }),
    ),
  ).meeting;
  ids.meeting = meeting.eventId;
  ids.meetingSlug = meeting.slug;
});

const pathname = (page: Page) => new URL(page.url()).pathname;

/** Console problems per page; axe's own (a refused script tag) is taken out again. */
const watched = new Map<Page, string[]>();
function watch(page: Page): string[] {
  const problems = watchConsole(page);
  watched.set(page, problems);
  return problems;
}

async function checkAxe(page: Page, name: string): Promise<void> {
  const problems = watched.get(page);
  const mark = problems?.length ?? 0;
  const violations = await axe(page);
  if (problems) {
    const added = problems.splice(mark);
    problems.push(...added.filter((p) => !p.includes('Content Security Policy')));
  }
  // Soft: the journey goes on, so one page's violation does not hide the rest of the story.
  expect.soft(violations, formatViolations(name, violations)).toEqual([]);
}

/**
 * The page as it is and the same address on the other size with the same cookies: no console
 * errors, axe on both, nothing wider than the phone, a screenshot of each (`networks-<name>-<size>`).
 */
async function bothSizes(page: Page, name: string, current: 'desktop' | 'phone' = 'desktop'): Promise<void> {
  const url = new URL(page.url());
  const otherSize = current === 'desktop' ? 'phone' : 'desktop';
  await checkAxe(page, `${name} (${current})`);
  await screenshot(page, `networks-${name}-${current}`);
  const other = await newContext(browser, { ...(otherSize === 'phone' ? phone : desktop), storageState: await page.context().storageState() });
  const p = await other.newPage();
  const problems = watch(p);
  await p.goto(`${server.baseUrl}${url.pathname}${url.search}`);
  await checkAxe(p, `${name} (${otherSize})`);
  await screenshot(p, `networks-${name}-${otherSize}`);
  const onPhone = current === 'phone' ? page : p;
  expect.soft(await onPhone.evaluate('document.documentElement.scrollWidth'), `${name} is wider than the phone`).toBeLessThanOrEqual(390);
  expect(problems, `${name} (${otherSize}): browser console`).toEqual([]);
  expect(watched.get(page) ?? [], `${name} (${current}): browser console`).toEqual([]);
  await other.close();
}

/** The newest mail to the contact about the thread, once the mailings' dispatcher has delivered it (the test server runs no jobs). */
async function replyMail(): Promise<{ subject: string; text: string; headers: Record<string, string> | null }> {
  const transport = captureTransport(server.database.db);
  for (let i = 0; i < 20; i++) {
    const [mail] = await queryRows<{ subject: string; text: string; headers: Record<string, string> | null }>(
      server.database.db,
      sql`select subject, text_body as text, headers from mail_outbox where to_address = ${ids.contactEmail} and subject like ${`Re: %${THREAD}%`} order by created_at desc limit 1`,
    );
    if (mail) return mail;
    await dispatchMailingBatch(server.database.db, transport, { from: server.config.MAIL_FROM, baseUrl: server.baseUrl, batchSize: 1000, defaultRate: 10_000 });
  }
  throw new Error('the mail about the reply did not reach the outbox');
}

let contactContext: BrowserContext;
let contactPage: Page;

describe('a member company joins a network, talks with the expert and registers for the meeting', () => {
  it('the contact asks to join for the company on a phone, and the coordinator approves', async () => {
    contactContext = await newContext(browser, phone);
    contactPage = await contactContext.newPage();
    const page = contactPage;
    watch(page);
    await logInWithLink(page, server, ids.contactEmail);
    await page.goto(`${server.baseUrl}/networks`);
    expect(await page.locator('h1').innerText()).toBe('Netværk');
    const card = page.locator('li.card', { hasText: NETWORK });
    await bothSizes(page, 'list', 'phone');
    // The company is the reader's only one: the form carries it, and asks for an optional note.
    await card.locator('textarea[name="note"]').fill('Vi driver to opholdssteder i Hjørring og vil gerne sparre om nattevagter.');
    await clickAndWait(page, card.getByRole('button', { name: 'Anmod om at blive medlem' }));
    expect(await page.locator('.flash-success').innerText()).toContain('Din anmodning er sendt');
    const [row] = await queryRows<{ id: string; status: string; person: string | null }>(
      server.database.db,
      sql`select id, status, person_id as person from network_members where network_id = ${ids.network}::uuid and member_company_id = ${ids.company}::uuid`,
    );
    expect(row).toMatchObject({ status: 'requested', person: null });

    const coordinator = await newContext(browser, desktop);
    const cpage = await coordinator.newPage();
    watch(cpage);
    await logInWithLink(cpage, server, COORDINATOR);
    await cpage.goto(`${server.baseUrl}/networks/${ids.network}`);
    await clickAndWait(cpage, cpage.getByRole('link', { name: '1 anmodning venter på svar' }));
    expect(pathname(cpage)).toBe(`/networks/${ids.network}/members`);
    const request = cpage.locator(`#requests #member-${row.id}`);
    expect(await request.innerText()).toContain(COMPANY);
    await bothSizes(cpage, 'members-request');
    await clickAndWait(cpage, request.getByRole('button', { name: 'Godkend' }));
    expect(await cpage.locator('.flash-success').innerText()).toContain('Anmodningen er godkendt.');
    await bothSizes(cpage, 'members-approved');
    await coordinator.close();
    const [after] = await queryRows<{ status: string }>(server.database.db, sql`select status from network_members where id = ${row.id}::uuid`);
    expect(after.status).toBe('active');
  });

  it('the contact reads the competition-law notice and starts a thread', async () => {
    const page = contactPage;
    await page.goto(`${server.baseUrl}/networks/${ids.network}`);
    const notice = page.locator('aside.network-notice[role="note"]');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.innerText()).toMatch(/priser/);
    // The notice comes before the network's name: it is the first thing read.
    expect(await page.evaluate(`Boolean(document.querySelector('main aside.network-notice').compareDocumentPosition(document.querySelector('main h1')) & Node.DOCUMENT_POSITION_FOLLOWING)`)).toBe(true);
    // The meeting called with its agenda is on the network's page.
    expect(await page.locator('#meetings').innerText()).toContain(MEETING);
    await bothSizes(page, 'network', 'phone');

    await page.locator('#new-thread summary').click();
    await page.getByLabel('Titel').fill(THREAD);
    await page.locator('#new-thread textarea[name="body"]').fill(BODY);
    await clickAndWait(page, page.getByRole('button', { name: 'Start tråden' }));
    expect(pathname(page)).toMatch(/^\/networks\/threads\/[0-9a-f-]{36}$/);
    ids.thread = pathname(page).split('/').pop()!;
    expect(await page.locator('.flash-success').innerText()).toContain('Tråden er startet.');
    expect(await page.locator('h1').innerText()).toBe(THREAD);
    expect(await page.locator('main').innerText()).toContain('11 timers hvil');
    await bothSizes(page, 'thread-started', 'phone');
    const [post] = await queryRows<{ author: string; seq: number }>(server.database.db, sql`select author_id as author, seq from network_posts where thread_id = ${ids.thread}::uuid`);
    expect(post).toEqual({ author: ids.contact, seq: 1 });
  });

  it('the staff expert replies in the thread from a desktop', async () => {
    const expert = await newContext(browser, desktop);
    const page = await expert.newPage();
    watch(page);
    await logInWithLink(page, server, EXPERT);
    await page.goto(`${server.baseUrl}/networks/${ids.network}`);
    await clickAndWait(page, page.locator('#threads').getByRole('link', { name: THREAD }));
    expect(pathname(page)).toBe(`/networks/threads/${ids.thread}`);
    await page.getByLabel('Dit indlæg').fill(REPLY);
    await clickAndWait(page, page.getByRole('button', { name: 'Send svar' }));
    expect(await page.locator('.flash-success').innerText()).toContain('Dit svar er sendt.');
    expect(await page.locator('main').innerText()).toContain('Besvaret af ekspert');
    await bothSizes(page, 'thread-replied');
    await expert.close();
    const [reply] = await queryRows<{ byExpert: boolean; seq: number }>(server.database.db, sql`select by_expert as "byExpert", seq from network_posts where thread_id = ${ids.thread}::uuid and seq = 2`);
    expect(reply).toEqual({ byExpert: true, seq: 2 });
  });

  it('the contact gets the reply by mail, follows its link and registers for the meeting', async () => {
    const mail = await replyMail();
    expect(mail.subject).toContain(THREAD);
    expect(mail.subject).toContain(NETWORK);
    expect(mail.text).toContain('11 timers hvil');
    // Threaded under the opening post, so mail programs put the reply below it.
    const [opening] = await queryRows<{ id: string }>(server.database.db, sql`select id from network_posts where thread_id = ${ids.thread}::uuid and seq = 1`);
    const [replied] = await queryRows<{ id: string }>(server.database.db, sql`select id from network_posts where thread_id = ${ids.thread}::uuid and seq = 2`);
    expect(mail.headers?.['In-Reply-To']).toMatch(new RegExp(`^<network-post-${opening.id}@[^>]+>$`));
    expect(mail.headers?.['Message-ID']).toMatch(new RegExp(`^<network-post-${replied.id}@[^>]+>$`));
    const link = /https?:\/\/[^\s/)]+(\/networks\/threads\/[0-9a-f-]{36})/.exec(mail.text);
    expect(link?.[1]).toBe(`/networks/threads/${ids.thread}`);

    const page = contactPage;
    await page.goto(`${server.baseUrl}${link![1]}`);
    const main = page.locator('main');
    expect(await main.innerText()).toContain(REPLY.slice(0, 40));
    expect(await main.innerText()).toContain('Besvaret af ekspert');
    await bothSizes(page, 'thread-from-mail', 'phone');

    await clickAndWait(page, page.locator('nav.breadcrumbs').getByRole('link', { name: NETWORK }));
    expect(pathname(page)).toBe(`/networks/${ids.network}`);
    await clickAndWait(page, page.locator(`#meeting-${ids.meeting}`).getByRole('link', { name: MEETING }));
    expect(pathname(page)).toBe(`/events/${ids.meetingSlug}`);
    await bothSizes(page, 'meeting', 'phone');
    await clickAndWait(page, page.locator('.registration-box').getByRole('button', { name: 'Tilmeld' }));
    expect(await page.locator('.flash-success').innerText()).toContain('Du er tilmeldt.');
    expect(await page.locator('.registration-box').innerText()).toContain('Du er tilmeldt.');
    await bothSizes(page, 'meeting-registered', 'phone');
    const [registration] = await queryRows<{ status: string }>(
      server.database.db,
      sql`select status from event_registrations where event_id = ${ids.meeting}::uuid and person_id = ${ids.contact}::uuid and status <> 'cancelled'`,
    );
    expect(registration?.status).toBe('confirmed');
    await contactContext.close();
  });
});
