import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../platform/db/database.js';
import { translator } from '../../platform/i18n/i18n.js';
import { testDatabase } from '../../test/database.js';
import { fileReport, reportRound } from './payouts.js';
import { grantMailSubject } from './labels.js';
import { day, grantPagesWorld, paidOut, type GrantPagesWorld, type Someone } from './application-pages.fixture.js';

/*
 * The daily report round (`grants.report-round`): a paid-out application whose activity is over falls
 * due for its report; an applicant whose report is overdue is reminded by mail in their language —
 * once, not again the same week, again the week after, never once the report is in — and rounds run
 * at the same time (two workers) remind once. On PGlite transactions run one at a time; on
 * PostgreSQL (TEST_DATABASE_URL) the rounds truly overlap and `for update skip locked` keeps them apart.
 */

let database: Database;
let w: GrantPagesWorld;
const mail = { baseUrl: 'http://forening.test' };

beforeAll(async () => {
  database = await testDatabase();
  w = await grantPagesWorld(database);
  // The other member reads their mail in Swedish.
  await database.db.execute(sql`update persons set preferred_locale = 'sv' where id = ${w.otherMember.id}`);
}, 180_000);
afterAll(() => database?.close());

const statusOf = async (id: string) => (await queryRows<{ status: string; reportDueOn: string | null; remindedAt: Date | string | null }>(database.db, sql`select status, report_due_on::text as "reportDueOn", report_reminded_at as "remindedAt" from grant_applications where id = ${id}`))[0];
const mailsAbout = (title: string) => queryRows<{ toAddress: string; subject: string; textBody: string }>(database.db, sql`select to_address as "toAddress", subject, text_body as "textBody" from mail_outbox where subject like ${`%${title}%`} order by created_at`);
const remindersAbout = async (title: string, locale: 'da' | 'sv' | 'en') => (await mailsAbout(title)).filter((m) => m.subject === translator(locale)(grantMailSubject.report_reminder, { title }));
const emailOf = async (who: Someone) => (await queryRows<{ email: string }>(database.db, sql`select email from persons where id = ${who.id}`))[0].email;
/** Time passes for one application: its activity and its report's day move `days` back, as if they had been that much earlier. */
const movedBack = (id: string, days: number) => database.db.execute(sql`update grant_applications set activity_date = activity_date - ${days}::int, report_due_on = report_due_on - ${days}::int where id = ${id}`);

describe('the report round', () => {
  it('makes a paid-out application due for its report once its activity is over, and leaves one still ahead alone', async () => {
    const today = await paidOut(w, { title: 'Foredrag i dag', activityDate: day(0) });
    const ahead = await paidOut(w, { title: 'Foredrag om en uge', activityDate: day(7) });
    expect((await statusOf(today)).status).toBe('paid_out');
    await reportRound(database.db, mail);
    // The activity's own day is not over yet.
    expect((await statusOf(today)).status).toBe('paid_out');

    await movedBack(today, 1);
    const round = await reportRound(database.db, mail);
    expect(round.due).toBeGreaterThanOrEqual(1);
    const after = await statusOf(today);
    expect(after).toMatchObject({ status: 'report_due', reportDueOn: day(29), remindedAt: null });
    expect((await statusOf(ahead)).status).toBe('paid_out');
    // Due is not overdue: nobody is reminded of a report whose day has not come.
    expect(await remindersAbout('Foredrag i dag', 'da')).toEqual([]);
  });

  it('reminds an overdue applicant once, in their language; not again the same week, again the week after, never after the report', async () => {
    const title = 'Workshop med en overskredet frist';
    const id = await paidOut(w, { by: w.otherMember, co: [], title, activityDate: day(-40) });
    expect(await statusOf(id)).toMatchObject({ status: 'report_due', reportDueOn: day(-10) });

    const first = await reportRound(database.db, mail);
    const second = await reportRound(database.db, mail);
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    expect(second.reminded).toBe(0);
    const reminders = await remindersAbout(title, 'sv');
    expect(reminders).toHaveLength(1);
    expect(reminders[0].toAddress).toBe(await emailOf(w.otherMember));
    expect(reminders[0].textBody).toContain(translator('sv')('grant_mail.greeting', { name: 'Olga' }));
    expect(reminders[0].textBody).toContain(`http://forening.test/grants/applications/${id}`);
    expect((await statusOf(id)).remindedAt).not.toBeNull();

    // A week later the report is still missing: one more reminder.
    await database.db.execute(sql`update grant_applications set report_reminded_at = report_reminded_at - interval '8 days' where id = ${id}`);
    await reportRound(database.db, mail);
    expect(await remindersAbout(title, 'sv')).toHaveLength(2);

    // The report comes in; however long since the last reminder, there is no other.
    expect((await fileReport(database.db, w.otherMember.actor, id, { summary: 'Det blev en god dag.', participants: 12, actualCosts: [] })).ok).toBe(true);
    await database.db.execute(sql`update grant_applications set report_reminded_at = report_reminded_at - interval '30 days' where id = ${id}`);
    await reportRound(database.db, mail);
    expect(await remindersAbout(title, 'sv')).toHaveLength(2);
  });

  it('reminds once when several rounds run at the same time', async () => {
    const title = 'Netværksmøde hvor to runder mødes';
    const id = await paidOut(w, { title, activityDate: day(-45) });
    expect((await statusOf(id)).status).toBe('report_due');
    const rounds = await Promise.all([reportRound(database.db, mail), reportRound(database.db, mail), reportRound(database.db, mail)]);
    expect(rounds.reduce((s, r) => s + r.reminded, 0)).toBe(1);
    const reminders = await remindersAbout(title, 'da');
    expect(reminders).toHaveLength(1);
    expect(reminders[0].toAddress).toBe(await emailOf(w.applicant));
  });
});
