import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../platform/db/database.js';
import { testDatabase } from '../test/database.js';
import { copenhagenTime } from './events.js';
import { DEMO_MEMBER_COUNT, seedDemo } from './seed.js';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
  expect(await seedDemo(database.db)).toEqual({ seeded: true });
});
afterAll(async () => {
  await database.close();
});

describe('the demo organisation', () => {
  it('has its units and members, and is seeded only once', async () => {
    const [row] = await queryRows<{ units: number; members: number }>(
      database.db,
      sql`select (select count(*)::int from units) as units, (select count(*)::int from memberships) as members`,
    );
    expect(row).toEqual({ units: 5, members: DEMO_MEMBER_COUNT });
    expect(await seedDemo(database.db)).toEqual({ seeded: false });
  });

  it('has events around today whose seats, waiting lists and arrival order add up', async () => {
    const rows = await queryRows<{ slug: string; status: string; capacity: number | null; confirmed_seats: number; seats: number; waiting: number; order_ok: boolean; future: boolean }>(
      database.db,
      sql`select e.slug, e.status, e.capacity, e.confirmed_seats,
          coalesce(sum(1 + r.guests) filter (where r.status = 'confirmed'), 0)::int as seats,
          count(*) filter (where r.status = 'waitlisted')::int as waiting,
          coalesce(max(r.seq) filter (where r.status = 'confirmed') < min(r.seq) filter (where r.status = 'waitlisted'), true) as order_ok,
          e.starts_at > now() as future
        from events e left join event_registrations r on r.event_id = e.id group by e.id order by e.starts_at`,
    );
    expect(rows.length).toBe(7);
    expect(rows.filter((r) => r.status === 'draft')).toHaveLength(1);
    expect(rows.filter((r) => !r.future)).toHaveLength(1);
    for (const r of rows) {
      expect(r.confirmed_seats, r.slug).toBe(r.seats);
      if (r.capacity !== null) expect(r.seats, r.slug).toBeLessThanOrEqual(r.capacity);
      expect(r.order_ok, r.slug).toBe(true);
    }
    // The district meeting is full with people waiting, as in the source story.
    const full = rows.find((r) => r.slug.startsWith('medlemsmoede-kreds-nord-'))!;
    expect(full.seats).toBe(full.capacity);
    expect(full.waiting).toBeGreaterThan(0);
  });

  it('places events at Copenhagen wall-clock times in winter and in summer', () => {
    const hm = (d: Date) => new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
    expect(hm(copenhagenTime(0, 17, 0, new Date('2026-01-15T12:00:00Z')))).toBe('17.00');
    expect(copenhagenTime(0, 17, 0, new Date('2026-01-15T12:00:00Z')).toISOString()).toBe('2026-01-15T16:00:00.000Z');
    expect(copenhagenTime(0, 17, 30, new Date('2026-07-15T12:00:00Z')).toISOString()).toBe('2026-07-15T15:30:00.000Z');
  });
});
