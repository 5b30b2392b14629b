import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { openPostgres, type Database } from '../../platform/db/database.js';
import { onPostgres, testDatabase } from '../../test/database.js';
import { cancelRegistration, registerForEvent, type RegistrationResult } from './registrations.js';
import { listRegistrations } from './queries.js';
import { ctx, eventWorld, publishedEvent, type EventWorld } from './events.fixture.js';

/**
 * The seat rule under real concurrency (PostgreSQL only: PGlite runs one transaction at a time).
 * Hundreds of registrations arrive at once through three connection pools (as from three app
 * processes, each batching its own requests); the event row's lock must make them exactly as if
 * they had come one by one.
 */

let database: Database;
/** Two more connection pools to the same database: like other app processes, each decides its own batches. */
let others: Database[] = [];
let w: EventWorld;

beforeAll(async () => {
  if (!onPostgres) return;
  database = await testDatabase(20);
  others = [await openPostgres(database.connectionString!, 5), await openPostgres(database.connectionString!, 5)];
  w = await eventWorld(database);
});
afterAll(async () => {
  for (const o of others) await o.close();
  if (database) await database.close();
});

/** Spreads callers over the three pools, so seat decisions of one event also race between "processes". */
const poolFor = (i: number) => [database, ...others][i % 3].db;

/** `count` active members of the north, made in one statement, each as the request context would see them. */
async function members(count: number): Promise<{ id: string; actor: Actor }[]> {
  const r = await database.executeSql(
    `with p as (
       insert into persons (first_name, last_name, email)
       select 'Samtidig', 'Nr ' || i, 'samtidig.' || i || '.' || $2 || '@example.org' from generate_series(1, $1::int) i
       returning id)
     insert into memberships (person_id, type_id, unit_id, status) select id, $3, $4, 'active' from p returning person_id`,
    [count, Date.now(), w.typeId, w.org.north],
  );
  return r.rows.map((row) => {
    const id = String(row.person_id);
    const actor: Actor = { kind: 'person', personId: id, firstName: 'Samtidig', lastName: 'Nr', grants: [{ role: 'member', unitId: w.org.north, scope: new Set([w.org.north]), workplaces: new Set() }] };
    return { id, actor };
  });
}

async function list(eventId: string) {
  const l = await listRegistrations(database.db, w.admin, eventId);
  if (!l.ok) throw new Error('refused');
  return l.items;
}

async function seqs(eventId: string): Promise<Map<string, number>> {
  const r = await database.executeSql(`select id, seq from event_registrations where event_id = $1`, [eventId]);
  return new Map(r.rows.map((row) => [String(row.id), Number(row.seq)]));
}

describe('simultaneous registrations on PostgreSQL', () => {
  it.runIf(onPostgres)('300 at once for 85 seats: exactly 85 confirmed, 215 waiting in arrival order; 10 cancellations promote the first 10 in line', async () => {
    const event = await publishedEvent(w, { capacity: 85, waitlist: true });
    const people = await members(300);
    const results: RegistrationResult[] = await Promise.all(people.map((p, i) => registerForEvent(poolFor(i), p.actor, event.id, { guests: 0 }, ctx)));

    expect(results.every((r) => r.ok)).toBe(true);
    const ok = results.flatMap((r) => (r.ok ? [r.registration] : []));
    expect(ok.filter((r) => r.status === 'confirmed')).toHaveLength(85);
    expect(ok.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistPosition).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 215 }, (_, i) => i + 1));
    const [{ seats }] = (await database.executeSql(`select confirmed_seats as seats from events where id = $1`, [event.id])).rows as { seats: number }[];
    expect(Number(seats)).toBe(85);

    // Arrival order is seq order: every confirmed place came before every waiting one, and each
    // position told to the registrant is its place in seq order, without gaps.
    const items = await list(event.id);
    const seq = await seqs(event.id);
    const confirmed = items.filter((i) => i.status === 'confirmed');
    const waiting = items.filter((i) => i.status === 'waitlisted');
    expect(Math.max(...confirmed.map((c) => seq.get(c.id)!))).toBeLessThan(Math.min(...waiting.map((x) => seq.get(x.id)!)));
    expect(waiting.map((x) => x.waitlistPosition)).toEqual(Array.from({ length: 215 }, (_, i) => i + 1));
    const told = new Map(ok.map((r) => [r.id, r.waitlistPosition]));
    for (const x of waiting) expect(told.get(x.id), x.id).toBe(x.waitlistPosition);

    // Ten confirmed people cancel at the same moment: the first ten in line move up, in order.
    const firstTen = waiting.slice(0, 10).map((x) => x.id);
    const cancels = await Promise.all(confirmed.slice(0, 10).map((c, i) => cancelRegistration(poolFor(i), w.staffNorth, event.id, c.id, ctx)));
    expect(cancels.every((c) => c.ok && c.promoted === 1)).toBe(true);
    const after = await list(event.id);
    const nowConfirmed = after.filter((i) => i.status === 'confirmed');
    expect(nowConfirmed).toHaveLength(85);
    expect(nowConfirmed.slice(-10).map((i) => i.id)).toEqual(firstTen);
    expect(after.filter((i) => i.status === 'waitlisted').map((i) => i.waitlistPosition)).toEqual(Array.from({ length: 205 }, (_, i) => i + 1));
    expect(after.filter((i) => i.status === 'waitlisted')[0].id).toBe(waiting[10].id);
    const [{ seats: seatsAfter }] = (await database.executeSql(`select confirmed_seats as seats from events where id = $1`, [event.id])).rows as { seats: number }[];
    expect(Number(seatsAfter)).toBe(85);
    const [{ n: promotionMails }] = (await database.executeSql(`select count(*)::int as n from mail_outbox where subject like $1`, [`Du har fået en plads: ${event.title}`])).rows as { n: number }[];
    expect(promotionMails).toBe(10);
  });

  it.runIf(onPostgres)('50 simultaneous registrations of the same member give exactly one place', async () => {
    const event = await publishedEvent(w, { capacity: 85 });
    const [one] = await members(1);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => registerForEvent(poolFor(i), one.actor, event.id, { guests: 0 }, ctx)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(Array(49).fill('duplicate'));
    expect(await list(event.id)).toHaveLength(1);
    const [{ seats }] = (await database.executeSql(`select confirmed_seats as seats from events where id = $1`, [event.id])).rows as { seats: number }[];
    expect(Number(seats)).toBe(1);
  });

  it.runIf(onPostgres)('guests under load: 120 registrations with 0–2 guests never pass 50 seats', async () => {
    const event = await publishedEvent(w, { capacity: 50, maxGuests: 2 });
    const people = await members(120);
    const results = await Promise.all(people.map((p, i) => registerForEvent(poolFor(i), p.actor, event.id, { guests: i % 3 }, ctx)));
    expect(results.every((r) => r.ok)).toBe(true);
    const items = await list(event.id);
    const taken = items.filter((i) => i.status === 'confirmed').reduce((s, i) => s + 1 + i.guests, 0);
    const [{ seats }] = (await database.executeSql(`select confirmed_seats as seats from events where id = $1`, [event.id])).rows as { seats: number }[];
    expect(Number(seats)).toBe(taken);
    expect(taken).toBeLessThanOrEqual(50);
    // Strict order: the first one waiting did not fit when it came, so nobody after it was confirmed.
    const seq = await seqs(event.id);
    const firstWaiting = Math.min(...items.filter((i) => i.status === 'waitlisted').map((i) => seq.get(i.id)!));
    expect(items.filter((i) => i.status === 'confirmed').every((i) => seq.get(i.id)! < firstWaiting)).toBe(true);
  });
});
