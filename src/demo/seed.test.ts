import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../platform/db/database.js';
import { testDatabase } from '../test/database.js';
import { wallClockInDays } from '../platform/i18n/zoned-time.js';

const copenhagenTime = (days: number, hh: number, mm: number, from: Date) => wallClockInDays(days, hh, mm, 'Europe/Copenhagen', from);
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

  it('has "about us" and every membership type named in Swedish and English too', async () => {
    const [org] = await queryRows<{ about_translations: Record<string, string> | string }>(database.db, sql`select about_translations from organisation`);
    const about = typeof org.about_translations === 'string' ? (JSON.parse(org.about_translations) as Record<string, string>) : org.about_translations;
    expect(Object.keys(about).sort()).toEqual(['en', 'sv']);
    expect(about.sv).toContain('fiktiv organisation');
    const types = await queryRows<{ sv: string | null; en: string | null }>(database.db, sql`select name_translations ->> 'sv' as sv, name_translations ->> 'en' as en from membership_types`);
    expect(types.length).toBeGreaterThan(0);
    for (const ty of types) expect(ty.sv && ty.en).toBeTruthy();
  });

  it('has events around today whose seats, waiting lists and arrival order add up', async () => {
    const rows = await queryRows<{ slug: string; status: string; capacity: number | null; confirmed_seats: number; seats: number; waiting: number; order_ok: boolean; future: boolean }>(
      database.db,
      sql`select e.slug, e.status, e.capacity, e.confirmed_seats,
          coalesce(sum(1 + r.guests) filter (where r.status = 'confirmed'), 0)::int as seats,
          count(*) filter (where r.status = 'waitlisted')::int as waiting,
          coalesce(max(r.seq) filter (where r.status = 'confirmed') < min(r.seq) filter (where r.status = 'waitlisted'), true) as order_ok,
          e.starts_at > now() as future
        from events e left join event_registrations r on r.event_id = e.id where e.audience not in ('workplace', 'network') group by e.id order by e.starts_at`,
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

  it('has a topic catalogue per district and workplace meetings in every state, held ones with reports over the last months', async () => {
    const [topics] = await queryRows<{ districts: number; topics: number }>(
      database.db,
      sql`select count(distinct unit_id)::int as districts, count(*)::int as topics from workplace_meeting_topics`,
    );
    expect(topics.districts).toBe(3);
    expect(topics.topics).toBeGreaterThanOrEqual(12);
    const rows = await queryRows<{ status: string; n: number; months: number; reported: boolean; events_ok: boolean; overlaps: number }>(
      database.db,
      sql`select m.status, count(*)::int as n,
            count(distinct to_char(m.starts_at at time zone 'Europe/Copenhagen', 'YYYY-MM'))::int as months,
            bool_and(m.status <> 'held' or (m.report_note is not null and m.participants >= m.members_recruited and m.starts_at < now())) as reported,
            bool_and((m.status in ('scheduled', 'held')) = (e.id is not null) and (e.id is null or (e.audience = 'workplace' and e.audience_workplace_id = m.workplace_id))) as events_ok,
            0 as overlaps
          from workplace_meetings m left join events e on e.id = m.event_id group by m.status`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.status, r]));
    expect(rows.reduce((s, r) => s + r.n, 0)).toBeGreaterThanOrEqual(12);
    for (const status of ['new', 'in_progress', 'scheduled', 'held', 'declined', 'cancelled']) expect(by[status]?.n, status).toBeGreaterThan(0);
    expect(by.held.months).toBeGreaterThanOrEqual(4);
    for (const r of rows) {
      expect(r.reported, r.status).toBe(true);
      expect(r.events_ok, r.status).toBe(true);
    }
    // The double-booking rule holds in the demo too.
    const [clash] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from workplace_meetings a join workplace_meetings b on a.id < b.id
          and a.status in ('scheduled', 'held') and b.status in ('scheduled', 'held')
          and a.starts_at < b.ends_at and b.starts_at < a.ends_at
          and (a.consultant_id in (b.consultant_id, b.politician_id) or a.politician_id in (b.consultant_id, b.politician_id))`,
    );
    expect(clash.n).toBe(0);
  });

  it('holds its workplace meetings after work (15.30–17.00 Copenhagen time) on weekdays, with every staff member of a district taking some', async () => {
    const times = await queryRows<{ at: string; dow: number }>(
      database.db,
      sql`select to_char(t at time zone 'Europe/Copenhagen', 'HH24:MI') as at, extract(isodow from t at time zone 'Europe/Copenhagen')::int as dow from (
            select (p->>'startsAt')::timestamptz as t from workplace_meetings, jsonb_array_elements(proposed_times) p
            union all select (p->>'endsAt')::timestamptz from workplace_meetings, jsonb_array_elements(proposed_times) p
            union all select starts_at from workplace_meetings where starts_at is not null
            union all select ends_at from workplace_meetings where ends_at is not null) x`,
    );
    expect(new Set(times.map((r) => r.at))).toEqual(new Set(['15:30', '17:00']));
    expect(times.every((r) => r.dow <= 5)).toBe(true);
    const [people] = await queryRows<{ consultants: number; placeholders: number }>(
      database.db,
      sql`select count(distinct consultant_id)::int as consultants, count(*) filter (where contact_name = 'Kontaktperson')::int as placeholders from workplace_meetings`,
    );
    expect(people.consultants).toBeGreaterThan(3);
    expect(people.placeholders).toBe(0);
  });
});
