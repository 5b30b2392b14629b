import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gte, inArray } from 'drizzle-orm';
import { testDatabase, onPostgres } from '../../test/database.js';
import { createPerson, seedUnits, type Org } from '../../test/app.js';
import type { Database } from '../../platform/db/database.js';
import { mailOutbox } from '../../platform/mail/tables.js';
import { Jobs } from '../../platform/jobs/jobs.js';
import { events, registrations, type RegistrationStatus } from './tables.js';
import { REMINDER_CRON, REMINDER_JOB, registerEventReminders, sendDueReminders } from './reminders.js';
import { insertEvent } from './events.fixture.js';

let database: Database;
let org: Org;
const HOUR = 3600_000;
const ctx = { baseUrl: 'http://forening.test' };

/**
 * Each test works in its own year, so that one test's due reminders are never inside another's
 * 24-hour window (sendDueReminders looks at the whole database, as the job does).
 */
const yearStart = (year: number) => new Date(Date.UTC(year, 4, 6, 8, 0, 0));

function event(fields: Partial<typeof events.$inferInsert> & { startsAt: Date }) {
  return insertEvent(database, {
    unitId: org.north,
    endsAt: new Date(fields.startsAt.getTime() + 2.5 * HOUR),
    publishedAt: new Date(fields.startsAt.getTime() - 30 * 24 * HOUR),
    placeName: 'Fagforeningshuset',
    ...fields,
  });
}

async function place(eventId: string, status: RegistrationStatus, who: { personId: string } | { name: string; email: string; locale?: 'da' | 'sv' | 'en' }, guests = 0) {
  const [row] = await database.db
    .insert(registrations)
    .values({ eventId, status, guests, ...('personId' in who ? { personId: who.personId } : { name: who.name, email: who.email, locale: who.locale ?? null }) })
    .returning();
  return row;
}

async function member(fields: { preferredLocale?: 'da' | 'sv' | 'en'; firstName?: string } = {}) {
  return createPerson(database, [['member', org.north]], fields);
}

async function mailsTo(addresses: string[]) {
  return addresses.length ? database.db.select().from(mailOutbox).where(inArray(mailOutbox.toAddress, addresses)) : [];
}

beforeAll(async () => {
  database = await testDatabase(12);
  org = await seedUnits(database);
});
afterAll(() => database?.close());

describe('sendDueReminders', () => {
  it('queues one mail per confirmed place, in the recipient’s language, with time, place and link — and never a second', async () => {
    // 21 hours before Wednesday 7 May 2031, 17:00 Copenhagen summer time.
    const now = new Date('2031-05-06T18:00:00Z');
    const e = await event({ title: 'Generalforsamling i Kreds Nord', startsAt: new Date('2031-05-07T15:00:00Z'), endsAt: new Date('2031-05-07T17:30:00Z') });
    const danish = await member({ firstName: 'Dorthe' });
    const swede = await member({ firstName: 'Sven', preferredLocale: 'sv' });
    const english = await member({ firstName: 'Emma', preferredLocale: 'en' });
    await place(e.id, 'confirmed', { personId: danish.id });
    await place(e.id, 'confirmed', { personId: swede.id }, 2);
    await place(e.id, 'confirmed', { personId: english.id }, 1);
    await place(e.id, 'confirmed', { name: 'Pia Public', email: 'pia.public@example.org' });
    await place(e.id, 'confirmed', { name: 'Sara Svensson', email: 'sara@example.se', locale: 'sv' });

    expect(await sendDueReminders(database.db, ctx, now)).toBe(5);

    const mails = await mailsTo([danish.email!, swede.email!, english.email!, 'pia.public@example.org', 'sara@example.se']);
    expect(mails).toHaveLength(5);
    const to = (address: string) => mails.find((m) => m.toAddress === address)!;
    const da = to(danish.email!);
    expect(da.subject).toBe('Påmindelse: Generalforsamling i Kreds Nord, 7. maj 2031, 17.00');
    expect(da.textBody).toContain('Hej Dorthe');
    expect(da.textBody).toContain('Tidspunkt: onsdag den 7. maj 2031 17.00–19.30');
    expect(da.textBody).toContain('Sted: Fagforeningshuset, Nørregade 1, 8000 Aarhus C');
    expect(da.textBody).toContain(`Læs mere: http://forening.test/events/${e.slug}`);
    expect(da.textBody).toContain('Meld fra på arrangementets side');
    expect(da.textBody).toContain('Venlig hilsen\nForening');
    expect(da.textBody).not.toContain('gæst');
    expect(da.kind).toBe('service');

    const sv = to(swede.email!);
    expect(sv.subject).toMatch(/^Påminnelse: Generalforsamling i Kreds Nord, /);
    expect(sv.textBody).toContain('Hej Sven');
    expect(sv.textBody).toContain('Tid: onsdag 7 maj 2031 17:00–19:30');
    expect(sv.textBody).toContain('Du har med dig 2 gäster.');

    const en = to(english.email!);
    expect(en.subject).toMatch(/^Reminder: Generalforsamling i Kreds Nord, /);
    expect(en.textBody).toContain('When: Wednesday, 7 May 2031, 17:00–19:30');
    expect(en.textBody).toContain('You are bringing 1 guest.');

    // A public registrant: the organisation's language, their own name, and their confirmation mail's cancel link.
    const pub = to('pia.public@example.org');
    expect(pub.textBody).toContain('Hej Pia Public');
    expect(pub.textBody).toContain('linket i din bekræftelsesmail');
    // One who signed up in Swedish is reminded in Swedish.
    const sara = to('sara@example.se');
    expect(sara.subject).toMatch(/^Påminnelse: /);
    expect(sara.textBody).toContain('länken i ditt bekräftelsemejl');

    const marked = await database.db.select({ remindedAt: registrations.remindedAt }).from(registrations).where(eq(registrations.eventId, e.id));
    expect(marked.map((r) => r.remindedAt?.toISOString())).toEqual(Array(5).fill(now.toISOString()));

    // The next run, and a run a quarter of an hour later, find nothing left to send.
    expect(await sendDueReminders(database.db, ctx, now)).toBe(0);
    expect(await sendDueReminders(database.db, ctx, new Date(now.getTime() + 0.25 * HOUR))).toBe(0);
    expect(await mailsTo([danish.email!, swede.email!, english.email!, 'pia.public@example.org', 'sara@example.se'])).toHaveLength(5);
  });

  it('skips cancelled and draft events, waiting-list, pending and cancelled places, events further away and those already begun', async () => {
    const now = yearStart(2032);
    const people = await Promise.all(Array.from({ length: 8 }, () => member()));
    const soon = new Date(now.getTime() + 20 * HOUR);
    const cancelledEvent = await event({ startsAt: soon, status: 'cancelled', cancelledAt: now });
    const draft = await event({ startsAt: soon, status: 'draft', publishedAt: null });
    const published = await event({ startsAt: soon });
    const later = await event({ startsAt: new Date(now.getTime() + 25 * HOUR) });
    const begun = await event({ startsAt: new Date(now.getTime() - 0.5 * HOUR) });
    await place(cancelledEvent.id, 'confirmed', { personId: people[0].id });
    await place(draft.id, 'confirmed', { personId: people[1].id });
    await place(published.id, 'waitlisted', { personId: people[2].id });
    await place(published.id, 'pending', { name: 'Afventende', email: 'pending@example.org' });
    await place(published.id, 'cancelled', { personId: people[3].id });
    const laterPlace = await place(later.id, 'confirmed', { personId: people[4].id });
    await place(begun.id, 'confirmed', { personId: people[5].id });

    expect(await sendDueReminders(database.db, ctx, now)).toBe(0);
    expect(await mailsTo([...people.map((p) => p.email!), 'pending@example.org'])).toEqual([]);

    // Two hours on, the later event is less than 24 hours away: its place is reminded, and only it.
    expect(await sendDueReminders(database.db, ctx, new Date(now.getTime() + 2 * HOUR))).toBe(1);
    expect((await mailsTo(people.map((p) => p.email!))).map((m) => m.toAddress)).toEqual([people[4].email]);
    const [row] = await database.db.select({ remindedAt: registrations.remindedAt }).from(registrations).where(eq(registrations.id, laterPlace.id));
    expect(row.remindedAt).not.toBeNull();
  });

  it('says the time in the event’s own zone, and gives the online link of an online event', async () => {
    const now = yearStart(2033);
    const london = await event({
      title: 'Webinar om pension',
      startsAt: new Date('2033-05-06T17:00:00Z'),
      endsAt: new Date('2033-05-06T18:00:00Z'),
      timeZone: 'Europe/London',
      placeName: null,
      addressLine: null,
      postalCode: null,
      city: null,
      onlineUrl: 'https://meet.example/pension',
    });
    const person = await member({ preferredLocale: 'en' });
    await place(london.id, 'confirmed', { personId: person.id });
    expect(await sendDueReminders(database.db, ctx, now)).toBe(1);
    const [mail] = await mailsTo([person.email!]);
    // 17:00 UTC is 18:00 in London (summer time); in Copenhagen it would be 19:00.
    expect(mail.textBody).toContain('When: Friday, 6 May 2033, 18:00–19:00');
    expect(mail.textBody).toContain('Online: https://meet.example/pension');
    expect(mail.textBody).not.toContain('Where:');
  });

  it('works through more places than one batch holds, each once', async () => {
    const now = yearStart(2034);
    const e = await event({ startsAt: new Date(now.getTime() + 3 * HOUR) });
    const people = await Promise.all(Array.from({ length: 7 }, () => member()));
    for (const p of people) await place(e.id, 'confirmed', { personId: p.id });
    expect(await sendDueReminders(database.db, { ...ctx, batchSize: 2 }, now)).toBe(7);
    const mails = await mailsTo(people.map((p) => p.email!));
    expect(mails.map((m) => m.toAddress).sort()).toEqual(people.map((p) => p.email!).sort());
    expect(await sendDueReminders(database.db, { ...ctx, batchSize: 2 }, now)).toBe(0);
  });

  it('writes nothing when its batch fails half-way: the places stay due and the next run sends them', async () => {
    const now = yearStart(2035);
    const e = await event({ startsAt: new Date(now.getTime() + 5 * HOUR) });
    const people = [await member(), await member()];
    for (const p of people) await place(e.id, 'confirmed', { personId: p.id });
    // The first mail is written, then making the second one fails: the whole batch must roll back.
    let reads = 0;
    const failing = {
      get baseUrl(): string {
        if (++reads > 1) throw new Error('boom');
        return ctx.baseUrl;
      },
    };
    await expect(sendDueReminders(database.db, failing, now)).rejects.toThrow('boom');
    expect(reads).toBe(2);
    expect(await mailsTo(people.map((p) => p.email!))).toEqual([]);
    const rows = await database.db.select({ remindedAt: registrations.remindedAt }).from(registrations).where(eq(registrations.eventId, e.id));
    expect(rows.map((r) => r.remindedAt)).toEqual([null, null]);

    expect(await sendDueReminders(database.db, ctx, now)).toBe(2);
    expect(await mailsTo(people.map((p) => p.email!))).toHaveLength(2);
  });

  it.runIf(onPostgres)('sends each reminder exactly once when several workers run at the same time (PostgreSQL)', async () => {
    const now = yearStart(2036);
    const e1 = await event({ startsAt: new Date(now.getTime() + 4 * HOUR) });
    const e2 = await event({ startsAt: new Date(now.getTime() + 8 * HOUR) });
    const people = await Promise.all(Array.from({ length: 60 }, () => member()));
    for (const [i, p] of people.entries()) await place(i % 2 ? e1.id : e2.id, 'confirmed', { personId: p.id });

    const runs = await Promise.all(Array.from({ length: 6 }, () => sendDueReminders(database.db, { ...ctx, batchSize: 4 }, now)));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(60);
    // More than one worker did a share: the runs really overlapped.
    expect(runs.filter((r) => r > 0).length).toBeGreaterThan(1);
    const mails = await mailsTo(people.map((p) => p.email!));
    expect(mails).toHaveLength(60);
    expect(new Set(mails.map((m) => m.toAddress)).size).toBe(60);
    expect(await sendDueReminders(database.db, ctx, now)).toBe(0);
  });
});

describe('the reminder job', () => {
  it('is scheduled every 15 minutes and, when it runs, queues the due reminders', async () => {
    const jobs = new Jobs(database, { error: () => {}, warn: () => {}, info: () => {} });
    registerEventReminders(jobs, database.db, ctx);
    const e = await event({ title: 'Jobmøde', startsAt: new Date(Date.now() + 6 * HOUR) });
    const person = await member();
    await place(e.id, 'confirmed', { personId: person.id });
    await jobs.start({ work: true });
    try {
      const { rows } = await database.executeSql('select cron, timezone from pgboss.schedule where name = $1', [REMINDER_JOB]);
      expect(rows).toEqual([{ cron: REMINDER_CRON, timezone: 'UTC' }]);
      expect(REMINDER_CRON).toBe('*/15 * * * *');
      await jobs.send(REMINDER_JOB, {});
      const deadline = Date.now() + 20_000;
      let mails = await mailsTo([person.email!]);
      while (mails.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        mails = await mailsTo([person.email!]);
      }
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toMatch(/^Påmindelse: Jobmøde, /);
      const reminded = await database.db
        .select({ id: registrations.id })
        .from(registrations)
        .where(and(eq(registrations.eventId, e.id), gte(registrations.remindedAt, new Date(Date.now() - HOUR))));
      expect(reminded).toHaveLength(1);
    } finally {
      await jobs.stop();
    }
  }, 40_000);
});
