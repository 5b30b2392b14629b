import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/platform/db/database.js';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { anonymous } from '../src/platform/actor.js';
import { startSession } from '../src/kernel/auth/sessions.js';
import { SESSION_COOKIE } from '../src/kernel/request-context.js';
import { assemblyWorld, calledAssembly, inSession, type AssemblyWorld, type Someone } from '../src/features/assemblies/assemblies.fixture.js';
import { castBallot } from '../src/features/assemblies/ballots.js';
import { createPoll } from '../src/features/assemblies/polls.js';
import { pollInput } from '../src/features/assemblies/poll-schema.js';
import type { AssemblyView } from '../src/features/assemblies/queries.js';
import { axe, clickAndWait, desktop, newContext, phone, serverAndBrowserForFile, watchConsole, type E2eServer, checkPageIn } from './helpers.js';

/**
 * The hall on the day: the big screen shows the poll's turnout, a member votes from their phone and
 * the projector's "x af y har stemt" moves without a reload (Server-Sent Events over LISTEN/NOTIFY);
 * the member asks to speak and the projector lists them; the chair closes and publishes the poll from
 * the console and the projector shows the result, still without a reload. Every page passes axe.
 */

let server: E2eServer;
let browser: Browser;
let w: AssemblyWorld;
let chair: Someone;
let voter: Someone;
let a: AssemblyView;
let pollId = '';
let voterName = '';

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
  w = await assemblyWorld(server.database, { members: 4 });
  [voter, , , chair] = w.members;
  a = await calledAssembly(w, { chairPersonId: chair.id });
  await inSession(w, a.id, w.members);
  await server.database.db.execute(sql`update assemblies set current_item_id = ${a.agenda[1].id} where id = ${a.id}`);
  [{ name: voterName }] = await queryRows<{ name: string }>(server.database.db, sql`select first_name || ' ' || last_name as name from persons where id = ${voter.id}`);
  const created = await createPoll(server.database.db, chair.actor, a.id, pollInput.parse({ itemId: a.agenda[1].id, title: 'Beretningen godkendes', method: 'yes_no_abstain', secret: true }));
  if (!created.ok) throw new Error(JSON.stringify(created));
  pollId = created.poll.id;
});

/** A browser context logged in as the person (a session as the log-in would make it). */
async function loggedIn(who: Someone, options: BrowserContextOptions): Promise<BrowserContext> {
  const context = await newContext(browser, options);
  const token = await startSession(server.database.db, anonymous, who.id);
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.baseUrl }]);
  return context;
}

const checkPage = (page: Page, name: string, problems: string[]) => checkPageIn('assembly-hall', page, name, problems);

const turnout = (page: Page) => page.locator(`.projector-turnout [data-live-count="voted-${pollId}"]`);

describe('the hall: a member votes from the phone while the projector follows', () => {
  it('moves the projector’s turnout and speakers without a reload, then shows the published result', async () => {
    const chairContext = await loggedIn(chair, desktop);
    const console_ = await chairContext.newPage();
    const consoleProblems = watchConsole(console_);
    await console_.goto(`${server.baseUrl}/assemblies/${a.id}/console`);
    await clickAndWait(console_, console_.locator(`form[action$="/console/polls/${pollId}"] button`, { hasText: 'Åbn afstemningen' }));
    await checkPage(console_, 'console', consoleProblems);

    const screenContext = await loggedIn(w.staffNorth, desktop);
    const projector = await screenContext.newPage();
    const projectorProblems = watchConsole(projector);
    await projector.goto(`${server.baseUrl}/assemblies/${a.id}/projector`);
    await expect.poll(() => turnout(projector).textContent()).toBe('0');
    expect(await projector.locator(`[data-live-count="eligible-${pollId}"]`).first().textContent()).toBe('4');
    // Wait for the stream to be connected (the first state arrived), and mark the page: a reload would lose the mark.
    await projector.waitForFunction("document.body.hasAttribute('data-live-at')");
    await projector.evaluate('window.notReloaded = true');
    await checkPage(projector, 'projector-open', projectorProblems);

    const phoneContext = await loggedIn(voter, phone);
    const hall = await phoneContext.newPage();
    const phoneProblems = watchConsole(hall);
    await hall.goto(`${server.baseUrl}/assemblies/${a.id}/hall`);
    await checkPage(hall, 'phone-ballot', phoneProblems);
    await hall.getByLabel('For', { exact: true }).check();
    const cast = Date.now();
    await clickAndWait(hall, hall.getByRole('button', { name: 'Afgiv stemme' }));
    await expect.poll(() => hall.locator('.hall-notice-done').first().textContent()).toBe('Din stemme er afgivet');
    await expect.poll(() => turnout(projector).textContent(), { timeout: 5_000 }).toBe('1');
    const seenAfter = Date.now() - cast;
    expect(seenAfter, 'the projector shows the ballot within 2 s').toBeLessThan(2_000);
    await checkPage(hall, 'phone-voted', phoneProblems);

    // Ballots cast elsewhere (another process, the API) show the same way.
    for (const m of w.members.slice(1, 3)) expect((await castBallot(server.database.db, m.actor, pollId, { choice: 'no' })).ok).toBe(true);
    await expect.poll(() => turnout(projector).textContent()).toBe('3');

    // The member asks to speak; the projector's list takes the name in.
    await clickAndWait(hall, hall.getByRole('button', { name: 'Bed om ordet' }));
    await expect.poll(() => hall.locator('.hall-notice').filter({ hasText: 'nummer 1' }).count()).toBe(1);
    await expect.poll(() => projector.locator('.projector-speakers .hall-speaker-name').allTextContents()).toEqual([voterName]);

    // The chair's console shows the turnout live too, then closes and publishes.
    await expect.poll(() => console_.locator(`.console-turnout [data-live-count="voted-${pollId}"]`).textContent()).toBe('3');
    await clickAndWait(console_, console_.locator(`form[action$="/console/polls/${pollId}"] button`, { hasText: 'Luk afstemningen' }));
    await clickAndWait(console_, console_.locator(`form[action$="/console/polls/${pollId}"] button`, { hasText: 'Offentliggør resultatet' }));
    await expect.poll(() => projector.locator('.projector-polls .hall-outcome').textContent(), { timeout: 5_000 }).toBe('Forkastet');
    expect(await projector.evaluate('window.notReloaded === true')).toBe(true);
    // The phone, still open, swaps its poll for the result too.
    await expect.poll(() => hall.locator('.hall-poll .hall-outcome').textContent(), { timeout: 5_000 }).toBe('Forkastet');
    await checkPage(projector, 'projector-result', projectorProblems);
    expect(consoleProblems).toEqual([]);

    await Promise.all([chairContext.close(), screenContext.close(), phoneContext.close()]);
  });
});
