import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { queryRows } from '../src/platform/db/database.js';
import { loadGrants } from '../src/kernel/grants.js';
import type { Actor } from '../src/platform/actor.js';
import { dispatchMailingBatch } from '../src/features/mailings/dispatch.js';
import { captureTransport } from '../src/features/mailings/transport.js';
import { submitResponse } from '../src/features/surveys/answering.js';
import { surveyInput, waveInput } from '../src/features/surveys/schema.js';
import { createSurvey } from '../src/features/surveys/surveys.js';
import { createWave } from '../src/features/surveys/waves.js';
import { axe, clickAndWait, desktop, logInWithLink, newContext, phone, serverAndBrowserForFile, watchConsole, type E2eServer, checkPageIn } from './helpers.js';

/**
 * A survey as people meet it: Kreds Nord's staff open a wave of a short anonymous survey; a member
 * opens the personal link from the invitation mail on a phone, answers every question and sends;
 * the staff member sees the results as a chart with its figures on a desktop. Every page passes axe
 * and fits a 390 px phone.
 */

const STAFF_NORTH = 'birgitte.dahl@omsorgsforbundet.example';
const TITLE = 'Hvordan har du det på jobbet?';

let server: E2eServer;
let browser: Browser;
let waveId = '';
let memberEmail = '';
let memberId = '';

serverAndBrowserForFile(async (s, b) => {
  [server, browser] = [s, b];
  const db = server.database.db;
  const [{ id: north }] = await queryRows<{ id: string }>(db, sql`select id from units where name = 'Kreds Nord'`);
  const [staff] = await queryRows<{ id: string }>(db, sql`select p.id from persons p where p.email = ${STAFF_NORTH}`);
  const actor: Actor = { kind: 'person', personId: staff.id, firstName: 'E', lastName: '2E', grants: await loadGrants(db, staff.id) };
  const made = await createSurvey(
    db,
    actor,
    surveyInput.parse({
      unitId: north,
      title: TITLE,
      anonymous: true,
      questions: [
        { key: 'mood', type: 'scale', text: 'Hvor godt trives du på din arbejdsplads?', required: true, minLabel: 'Meget dårligt', maxLabel: 'Meget godt' },
        { key: 'time', type: 'single', text: 'Har du tid nok til dine opgaver?', options: ['Ja', 'Nogle gange', 'Nej'], required: true },
        { key: 'wish', type: 'text', text: 'Hvad skal kredsen arbejde for?' },
      ],
    }),
  );
  if (!made.ok) throw new Error(JSON.stringify(made));
  const now = Date.now();
  const wave = await createWave(db, actor, made.survey.id, waveInput.parse({ name: 'December', opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 14 * 86_400_000).toISOString() }), { baseUrl: server.baseUrl });
  if (!wave.ok) throw new Error(JSON.stringify(wave));
  waveId = wave.wave.id;
  // Fourteen colleagues have answered already (so the results are above the smallest group); the member is the fifteenth.
  const invitees = await queryRows<{ id: string; email: string | null; locale: string }>(
    db,
    sql`select i.person_id as id, p.email, p.preferred_locale as locale from survey_invitees i join persons p on p.id = i.person_id where i.wave_id = ${waveId}::uuid order by p.email nulls last`,
  );
  const member = invitees.find((i) => i.email && i.locale === 'da' && !i.email.startsWith('birgitte'))!;
  memberEmail = member.email!;
  memberId = member.id;
  for (const [n, other] of invitees.filter((i) => i.id !== member.id).slice(0, 14).entries()) {
    const done = await submitResponse(db, { personId: other.id, via: 'session' }, waveId, { mood: n < 8 ? 4 : 2, time: n < 7 ? 'ja' : 'nej' });
    if (!done.ok) throw new Error(JSON.stringify(done));
  }
});

const checkPage = (page: Page, name: string, problems: string[]) => checkPageIn('surveys', page, name, problems);

/** The member's invitation as the outbox captured it, once the mailings' dispatcher has delivered the wave's invitation (the test server runs no jobs: one batch here). */
async function invitationMail(): Promise<string> {
  const transport = captureTransport(server.database.db);
  // The demo's own mail is in the queue too; batches until the member's invitation is out.
  for (let i = 0; i < 20; i++) {
    const [mail] = await queryRows<{ text: string }>(server.database.db, sql`select text_body as text from mail_outbox where to_address = ${memberEmail} and subject like ${`%${TITLE}%`} order by created_at desc limit 1`);
    if (mail) return mail.text;
    await dispatchMailingBatch(server.database.db, transport, { from: server.config.MAIL_FROM, baseUrl: server.baseUrl, batchSize: 1000, defaultRate: 10_000 });
  }
  throw new Error('the invitation did not reach the outbox');
}

describe('a member answers from the mail link, staff see the chart', () => {
  it('the member follows the link on a phone and answers', async () => {
    const text = await invitationMail();
    const link = /https?:\/\/[^\s/]+(\/s\/[A-Za-z0-9_.-]+)/.exec(text);
    expect(link, 'the invitation carries a personal answer link').not.toBeNull();
    const context = await newContext(browser, phone);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${server.baseUrl}${link![1]}`);
    expect(await page.locator('main').innerText()).toContain(TITLE);
    await checkPage(page, 'answer-phone', problems);
    await page.locator('input[name="mood"][value="4"]').check({ force: true });
    await page.locator('input[name="time"][value="ja"]').check({ force: true });
    await page.fill('textarea[name="wish"]', 'Flere hænder om aftenen.');
    await clickAndWait(page, page.locator('form button[type="submit"]').last());
    await checkPage(page, 'answered-phone', problems);
    expect(await page.locator('main').innerText()).toMatch(/Tak/);
    await context.close();
    const [invitee] = await queryRows<{ answered: boolean }>(server.database.db, sql`select answered from survey_invitees where wave_id = ${waveId}::uuid and person_id = ${memberId}::uuid`);
    expect(invitee.answered).toBe(true);
    const [{ n }] = await queryRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from survey_responses where wave_id = ${waveId}::uuid and person_id is null and answers->>'wish' = 'Flere hænder om aftenen.'`);
    expect(n).toBe(1);
  });

  it('staff see the results as a chart with its figures', async () => {
    const context = await newContext(browser, desktop);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInWithLink(page, server, STAFF_NORTH);
    await page.goto(`${server.baseUrl}/surveys/waves/${waveId}/results`);
    const main = page.locator('main');
    expect(await main.innerText()).toContain(TITLE);
    expect(await main.locator('figure svg[role="img"]').count()).toBeGreaterThanOrEqual(2);
    // Fifteen responses: "4" nine times and "2" six times on the scale; "Ja" eight and "Nej" seven.
    await main.locator('figure details summary').first().click();
    const table = (await main.locator('figure table').first().innerText()).replace(/\s+/g, ' ');
    expect(table).toMatch(/\b9\b/);
    expect(table).toMatch(/\b6\b/);
    expect(await main.innerText()).toContain('15');
    await checkPage(page, 'results-desktop', problems);
    await context.close();
  });
});
