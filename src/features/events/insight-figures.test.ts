import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { seededRandom } from '../../platform/demo-names.js';
import { persons } from '../../kernel/tables.js';
import { monthsOf, type FigureRange, type FigureUnits } from '../../kernel/insights.js';
import { seedUnits } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { dateInDays } from '../../test/time.js';
import { checkIn } from './check-in.js';
import { cancelRegistration, registerForEvent } from './registrations.js';
import { cancelEvent } from './events.js';
import { registrationInput } from './schema.js';
import { registrations, eventKinds, type EventKind } from './tables.js';
import { ctx, eventWorld, insertEvent, member, publishedEvent, type EventWorld } from './events.fixture.js';
import { eventDemand, eventDemandByMonth, type EventDemand, type EventDemandMonth } from './insight-figures.js';

let database: Database;
let w: EventWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await eventWorld(database);
});
afterAll(() => database.close());

const H = 3600_000;
const D = 24 * H;
const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });
const localDay = (d: Date) => local.format(d);
const reg = (guests = 0) => registrationInput.parse({ guests });
const range = (from: string, to: string, units: FigureUnits): FigureRange => ({ from, to, units });

async function registered(eventId: string, m: { actor: EventWorld['admin'] }, guests = 0): Promise<string> {
  const r = await registerForEvent(database.db, m.actor, eventId, reg(guests), ctx);
  if (!r.ok || !('registration' in r)) throw new Error(`register: ${JSON.stringify(r)}`);
  return r.registration.id;
}

describe('an event that ran: seats, the waiting list at the start, check-in', () => {
  it('counts through the use cases what happened before and after the start', async () => {
    const meeting = await publishedEvent(w, { kind: 'member_meeting', capacity: 3, maxGuests: 1 });
    const course = await publishedEvent(w, { kind: 'course', capacity: null });
    const draft = await publishedEvent(w, { kind: 'member_meeting' }, false);
    const cancelled = await publishedEvent(w, { kind: 'member_meeting' });
    const future = await publishedEvent(w, { kind: 'member_meeting' });
    const m = await Promise.all(Array.from({ length: 7 }, () => member(w)));
    const r1 = await registered(meeting.id, m[0]);
    const r2 = await registered(meeting.id, m[1], 1); // with a guest: the meeting is full (3 seats)
    const r3 = await registered(meeting.id, m[2]); // waiting 1
    const r4 = await registered(meeting.id, m[3]); // waiting 2
    const r5 = await registered(meeting.id, m[4]); // waiting 3, leaves before the start
    expect((await cancelRegistration(database.db, m[4].actor, meeting.id, r5, ctx)).ok).toBe(true);
    await registered(course.id, m[5]);
    await registered(course.id, m[6]);
    await registered(cancelled.id, m[0]);
    await registered(future.id, m[1]);
    expect((await cancelEvent(database.db, w.staffNorth, cancelled.id, { reason: null }, ctx)).ok).toBe(true);

    // Time passes: the events (not the future one) started an hour ago, two days after the registrations.
    const ran = [meeting.id, course.id, draft.id, cancelled.id];
    await database.db.execute(sql`update events set starts_at = now() - interval '1 hour', ends_at = now() + interval '1 hour' where id in (${sql.join(ran.map((id) => sql`${id}::uuid`), sql`, `)})`);
    await database.db.execute(sql`update event_registrations set created_at = created_at - interval '2 days', confirmed_at = confirmed_at - interval '2 days',
      cancelled_at = cancelled_at - interval '2 days' where event_id in (${sql.join(ran.map((id) => sql`${id}::uuid`), sql`, `)})`);
    // After the start: m1 cancels (m3 moves up from the list), m4 gives up waiting, m2 is checked in.
    expect(await cancelRegistration(database.db, m[0].actor, meeting.id, r1, ctx)).toEqual({ ok: true, promoted: 1 });
    expect((await cancelRegistration(database.db, m[3].actor, meeting.id, r4, ctx)).ok).toBe(true);
    expect((await checkIn(database.db, w.staffNorth, meeting.id, r2)).ok).toBe(true);
    const [promoted] = await database.db.select().from(registrations).where(sql`id = ${r3}`);
    expect(promoted.status).toBe('confirmed');

    const r = range(dateInDays(-2), dateInDays(0), [w.org.north]);
    const demand = await eventDemand(database.db, r);
    expect(demand).toEqual<EventDemand[]>([
      { kind: 'course', events: 1, capacity: 0, confirmedSeats: 2, fillRate: null, waitingAtStart: 0, checkedIn: 0, noShows: 0, noShowRate: null },
      // m2 (with a guest) and m3 hold the three seats; m3 and m4 were waiting at the start, m5 was not; m3 did not come.
      { kind: 'member_meeting', events: 1, capacity: 3, confirmedSeats: 3, fillRate: 1, waitingAtStart: 2, checkedIn: 1, noShows: 1, noShowRate: 0.5 },
    ]);
    const months = await eventDemandByMonth(database.db, r);
    expect(months.map((x) => x.month)).toEqual(monthsOf(r));
    const startMonth = localDay(new Date(Date.now() - H)).slice(0, 7);
    expect(months.find((x) => x.month === startMonth)).toEqual({ month: startMonth, events: 2, confirmedSeats: 5, capacity: 3, waitingAtStart: 2 });
    expect(months.filter((x) => x.month !== startMonth).every((x) => x.events === 0 && x.confirmedSeats === 0)).toBe(true);

    // Another unit's events count nothing; no units, nothing.
    expect(await eventDemand(database.db, { ...r, units: [w.org.south] })).toEqual([]);
    expect(await eventDemand(database.db, { ...r, units: [] })).toEqual([]);
    expect((await eventDemandByMonth(database.db, { ...r, units: [w.org.south] })).every((x) => x.events === 0)).toBe(true);
  });

  it('reads the waiting list at the start from the registrations’ traces, and buckets by the Copenhagen day', async () => {
    const y = new Date().getUTCFullYear() - 2;
    const org = await seedUnits(database);
    // 22:30 UTC on 31 January is still January in Copenhagen; 23:30 UTC is 1 February there.
    const january = await insertEvent(database, { unitId: org.north, kind: 'webinar', audience: 'public', startsAt: new Date(`${y}-01-31T22:30:00Z`), capacity: 10, confirmedSeats: 0 });
    const s = new Date(`${y}-01-31T23:30:00Z`);
    const february = await insertEvent(database, { unitId: org.north, kind: 'webinar', audience: 'public', startsAt: s, capacity: 3, confirmedSeats: 3 });
    const people = await database.db
      .insert(persons)
      .values(Array.from({ length: 6 }, (_, i) => ({ firstName: 'Deltager', lastName: `Nr ${i}`, email: `deltager${i}.${Date.now()}@example.org` })))
      .returning({ id: persons.id });
    const at = (h: number) => new Date(s.getTime() + h * H);
    let k = 0;
    const row = (fields: Omit<typeof registrations.$inferInsert, 'eventId'>): typeof registrations.$inferInsert => ({
      eventId: february.id,
      ...(fields.personId ? {} : { name: 'Offentlig Deltager', email: `offentlig${++k}.${Date.now()}@example.org` }),
      createdAt: at(-72),
      ...fields,
    });
    await database.db.insert(registrations).values([
      row({ personId: people[0].id, status: 'confirmed', confirmedAt: at(-72), checkedInAt: at(0.1) }), // confirmed at once, came
      row({ status: 'confirmed', confirmedAt: at(-24), promotedAt: at(-24), cancelTokenHash: 'c1' }), // moved up before the start
      row({ status: 'pending' }), // never opened the link
      row({ status: 'cancelled', cancelledAt: at(2) }), // pending, withdrawn after the start
      row({ status: 'cancelled', cancelledAt: at(1), cancelTokenHash: 'c2' }), // WAITING: public, on the list, left after the start
      row({ personId: people[1].id, status: 'cancelled', cancelledAt: at(-24) }), // left the list before the start
      row({ personId: people[2].id, status: 'waitlisted' }), // WAITING still
      row({ personId: people[3].id, status: 'waitlisted', createdAt: at(0.2) }), // joined the list after the start
      row({ personId: people[4].id, status: 'confirmed', confirmedAt: at(0.5), promotedAt: at(0.5) }), // WAITING: moved up after the start, did not come
      row({ personId: people[5].id, status: 'cancelled', confirmedAt: at(-72), cancelledAt: at(1) }), // had a seat, cancelled after the start
    ]);
    const feb = range(`${y}-02-01`, `${y}-02-28`, [org.north]);
    expect(await eventDemand(database.db, feb)).toEqual<EventDemand[]>([
      { kind: 'webinar', events: 1, capacity: 3, confirmedSeats: 3, fillRate: 1, waitingAtStart: 3, checkedIn: 1, noShows: 2, noShowRate: 2 / 3 },
    ]);
    expect(await eventDemandByMonth(database.db, feb)).toEqual([{ month: `${y}-02`, events: 1, confirmedSeats: 3, capacity: 3, waitingAtStart: 3 }]);
    const jan = range(`${y}-01-01`, `${y}-01-31`, [org.north]);
    expect(await eventDemand(database.db, jan)).toEqual([
      { kind: 'webinar', events: 1, capacity: 10, confirmedSeats: 0, fillRate: 0, waitingAtStart: 0, checkedIn: 0, noShows: 0, noShowRate: null },
    ]);
    const both = await eventDemandByMonth(database.db, range(`${y}-01-31`, `${y}-02-01`, [org.north]));
    expect(both.map((x) => [x.month, x.events])).toEqual([
      [`${y}-01`, 1],
      [`${y}-02`, 1],
    ]);
    expect(january.id).not.toBe(february.id);
  });
});

describe('a random history, recomputed naively from the raw rows', () => {
  it('agrees exactly with the SQL for several unit sets', async () => {
    const rnd = seededRandom(20240917);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const org = await seedUnits(database);
    const people = await database.db
      .insert(persons)
      .values(Array.from({ length: 15 }, (_, i) => ({ firstName: 'Tilfældig', lastName: `Nr ${i}`, email: `tilfaeldig${i}.${Date.now()}@example.org` })))
      .returning({ id: persons.id });
    const now = Date.now();
    let k = 0;
    for (let e = 0; e < 45; e++) {
      // Mostly within the last 400 days, some before, some still to come; kept a minute away from now.
      let start = now + (-450 + rnd() * 470) * D;
      if (Math.abs(start - now) < 60_000) start -= 120_000;
      const startsAt = new Date(Math.floor(start / 1000) * 1000);
      const capacity = rnd() < 0.3 ? null : 5 + Math.floor(rnd() * 15);
      const rows: (typeof registrations.$inferInsert)[] = [];
      const usedPersons = new Set<string>();
      const usesCheckIn = rnd() < 0.5;
      let seats = 0;
      const n = Math.floor(rnd() * 16);
      const event = await insertEvent(database, {
        unitId: pick([org.north, org.north, org.south, org.leaders]),
        kind: pick(eventKinds),
        startsAt,
        capacity,
        status: rnd() < 0.8 ? 'published' : pick(['draft', 'cancelled'] as const),
      });
      for (let i = 0; i < n; i++) {
        const created = new Date(startsAt.getTime() + (rnd() < 0.1 ? rnd() * 2 * H : -(0.1 + rnd() * 30) * D));
        const t = (lo: number, hi: number) => new Date(startsAt.getTime() + (lo + rnd() * (hi - lo)) * H);
        const live = rnd() < 0.6;
        const free = people.filter((p) => !usedPersons.has(p.id));
        const personId = rnd() < 0.7 && free.length > 0 ? pick(free).id : null;
        const who = personId ? { personId } : { name: 'Tilfældig Gæst', email: `gaest${++k}.${now}@example.org` };
        const guests = Math.floor(rnd() * 3);
        const kind = live ? pick(['confirmed', 'confirmed', 'promoted', 'waitlisted', 'pending'] as const) : pick(['was_confirmed', 'was_promoted', 'was_waiting', 'was_pending'] as const);
        let r: typeof registrations.$inferInsert;
        if (kind === 'confirmed' || kind === 'promoted') {
          const promotedAt = kind === 'promoted' ? t(-48, 3) : null;
          r = { ...who, eventId: event.id, guests, status: 'confirmed', createdAt: created, confirmedAt: promotedAt ?? created, promotedAt, cancelTokenHash: personId ? null : `t${k}` };
          r.checkedInAt = usesCheckIn && rnd() < 0.6 ? t(0, 1) : null;
          seats += 1 + guests;
        } else if (kind === 'waitlisted' || (kind === 'pending' && personId)) {
          r = { ...who, eventId: event.id, guests, status: 'waitlisted', createdAt: created, cancelTokenHash: personId ? null : `t${k}` };
        } else if (kind === 'pending') {
          r = { ...who, eventId: event.id, guests, status: 'pending', createdAt: created };
        } else {
          const cancelledAt = t(-24, 5);
          r = { ...who, eventId: event.id, guests, status: 'cancelled', createdAt: created, cancelledAt };
          if (kind === 'was_confirmed') r.confirmedAt = created;
          if (kind === 'was_promoted') r.confirmedAt = r.promotedAt = t(-48, 0);
          if (kind === 'was_waiting' && !personId) r.cancelTokenHash = `t${k}`;
          if (kind === 'was_confirmed' && rnd() < 0.3) r.checkedInAt = t(0, 1); // came, then was cancelled: not counted
        }
        if (personId && r.status !== 'cancelled') usedPersons.add(personId);
        rows.push(r);
      }
      if (rows.length) await database.db.insert(registrations).values(rows);
      await database.db.execute(sql`update events set confirmed_seats = ${seats} where id = ${event.id}`);
    }

    const from = dateInDays(-400);
    const to = dateInDays(0);
    const all = await naive(from, to);
    for (const units of ['all', [org.north], [org.north, org.south], [org.leaders], []] as FigureUnits[]) {
      const r = range(from, to, units);
      const expected = all(units);
      expect(await eventDemand(database.db, r)).toEqual(expected.demand);
      expect(await eventDemandByMonth(database.db, r)).toEqual(expected.months);
    }
    // The history is big enough to mean something.
    expect(all([org.north]).demand.reduce((s, d) => s + d.events, 0)).toBeGreaterThan(5);
    expect(all([org.north]).demand.reduce((s, d) => s + d.waitingAtStart, 0)).toBeGreaterThan(0);
  });
});

/** The figures from `select *` of both tables, by the definitions written out in TypeScript. */
async function naive(from: string, to: string) {
  const ev = (await database.executeSql(`select * from events`)).rows as Record<string, unknown>[];
  const regs = (await database.executeSql(`select * from event_registrations`)).rows as Record<string, unknown>[];
  const ms = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).getTime());
  const now = Date.now();
  return (units: FigureUnits) => {
    const inRange = ev.filter((e) => {
      const start = ms(e.starts_at)!;
      const day = localDay(new Date(start));
      return e.status === 'published' && (units === 'all' || units.includes(e.unit_id as string)) && day >= from && day <= to && start <= now;
    });
    const perEvent = inRange.map((e) => {
      const start = ms(e.starts_at)!;
      const mine = regs.filter((r) => r.event_id === e.id);
      const waiting = mine.filter((r) => {
        if (ms(r.created_at)! >= start) return false;
        if (r.status === 'waitlisted') return true;
        const promoted = ms(r.promoted_at);
        if (promoted !== null && promoted > start) return true;
        return r.status === 'cancelled' && ms(r.cancelled_at)! > start && promoted === null && r.confirmed_at === null && (r.person_id !== null || r.cancel_token_hash !== null);
      }).length;
      const confirmed = mine.filter((r) => r.status === 'confirmed');
      const checked = confirmed.filter((r) => r.checked_in_at !== null).length;
      return { kind: e.kind as EventKind, month: localDay(new Date(start)).slice(0, 7), capacity: e.capacity as number | null, seats: Number(e.confirmed_seats), waiting, confirmed: confirmed.length, checked };
    });
    const kinds = [...new Set(perEvent.map((e) => e.kind))].sort();
    const demand: EventDemand[] = kinds.map((kind) => {
      const es = perEvent.filter((e) => e.kind === kind);
      const limited = es.filter((e) => e.capacity !== null);
      const capacity = limited.reduce((s, e) => s + e.capacity!, 0);
      const checkedEvents = es.filter((e) => e.checked > 0);
      const confirmedThere = checkedEvents.reduce((s, e) => s + e.confirmed, 0);
      const checkedIn = es.reduce((s, e) => s + e.checked, 0);
      return {
        kind,
        events: es.length,
        capacity,
        confirmedSeats: es.reduce((s, e) => s + e.seats, 0),
        fillRate: capacity > 0 ? limited.reduce((s, e) => s + e.seats, 0) / capacity : null,
        waitingAtStart: es.reduce((s, e) => s + e.waiting, 0),
        checkedIn,
        noShows: confirmedThere - checkedIn,
        noShowRate: confirmedThere > 0 ? (confirmedThere - checkedIn) / confirmedThere : null,
      };
    });
    const months: EventDemandMonth[] = monthsOf({ from, to }).map((month) => {
      const es = perEvent.filter((e) => e.month === month);
      return {
        month,
        events: es.length,
        confirmedSeats: es.reduce((s, e) => s + e.seats, 0),
        capacity: es.reduce((s, e) => s + (e.capacity ?? 0), 0),
        waitingAtStart: es.reduce((s, e) => s + e.waiting, 0),
      };
    });
    return { demand, months };
  };
}
