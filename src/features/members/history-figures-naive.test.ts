import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthEnd, monthsOf, type FigureRange, type FigureUnits } from '../../kernel/insights.js';
import { persons } from '../../kernel/tables.js';
import { queryRows, type Database } from '../../platform/db/database.js';
import { historyWorld, type HistoryWorld } from './history.fixture.js';
import {
  leaveReasons,
  membersOverTime,
  membershipFlows,
  retentionCohorts,
  retentionHorizons,
  type LeaveReasonRow,
  type MembersOverTimeRow,
  type MembershipFlowRow,
  type RetentionCohortRow,
} from './history-figures.js';
import { membershipEvents, memberships, membershipStatuses, type MembershipStatus } from './tables.js';
import { seededRandom } from '../../platform/demo-names.js';

/*
 * A generated register in 2019–2023 whose figures are recomputed naively from the raw event rows,
 * and the kept counts checked against a recomputation from scratch after changes.
 */

let database: Database;
let u: HistoryWorld['u'];
let ty: HistoryWorld['ty'];

beforeAll(async () => {
  ({ database, u, ty } = await historyWorld());
  await generateRegister();
});
afterAll(() => database.close());

// ---- The generated register and the naive recomputation.

/** membership_insight_counts, in a fixed order. */
const countsTable = () =>
  queryRows<Record<string, unknown>>(
    database.db,
    sql`select kind, month::text as month, unit_id, prev_unit, type_id, status, code, reason, n from membership_insight_counts order by 1, 2, 3, 4, 5, 6, 7, 8`,
  );


const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** `day` plus `n` months, clamped to the month's last day as PostgreSQL does. */
function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  const month = `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
  return `${month}-${String(Math.min(d, Number(monthEnd(month).slice(8)))).padStart(2, '0')}`;
}

async function generateRegister() {
  const rnd = seededRandom(20240611);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const gUnits = [u.g1, u.g2, u.g3];
  const count = 300;
  const people = await database.db
    .insert(persons)
    .values(Array.from({ length: count }, (_, i) => ({ firstName: 'Gen', lastName: `Medlem ${i}`, email: `gen${i}@example.org` })))
    .returning({ id: persons.id });
  const reasons = [null, '', '  ', 'moved', ' moved ', 'too expensive', 'Too expensive', 'retired\t'];
  const chains: Omit<typeof membershipEvents.$inferInsert, 'membershipId'>[][] = [];
  let serial = 0;
  const finals: (typeof memberships.$inferInsert)[] = [];
  for (const p of people) {
    let day = addDays('2019-06-01', Math.floor(rnd() * 1300));
    let status: MembershipStatus = rnd() < 0.3 ? 'applicant' : rnd() < 0.95 ? 'active' : 'resigned';
    let unit: string | null = pick(gUnits);
    let type: string | null = rnd() < 0.7 ? ty.ordinary : ty.student;
    const chain: Omit<typeof membershipEvents.$inferInsert, 'membershipId'>[] = [];
    for (let step = 0; step < 9 && day <= '2023-03-31'; step++) {
      // created_at is random: on_date orders first, created_at only within a day.
      chain.push({ onDate: day, status, unitId: unit, typeId: type, reason: pick(reasons), createdAt: new Date(Date.UTC(2024, 0, 1) + Math.floor(rnd() * 1e6) * 1000 + serial++) });
      day = addDays(day, rnd() < 0.1 ? 0 : Math.floor(rnd() * 300));
      const r = rnd();
      if (status === 'applicant') status = r < 0.7 ? 'active' : r < 0.9 ? 'rejected' : 'deceased';
      else if (status === 'active') {
        if (r < 0.2) unit = rnd() < 0.03 ? null : pick(gUnits);
        else if (r < 0.35) type = rnd() < 0.05 ? null : pick([ty.ordinary, ty.student]);
        else if (r < 0.45) status = 'active';
        else status = pick(['resigned', 'resigned', 'expelled', 'deceased'] as const);
      } else if (status === 'rejected') status = r < 0.5 ? 'applicant' : 'active';
      else status = r < 0.6 ? 'active' : r < 0.8 ? pick(membershipStatuses) : status;
    }
    chains.push(chain);
    const last = chain[chain.length - 1];
    finals.push({ personId: p.id, typeId: last.typeId ?? ty.ordinary, unitId: last.unitId ?? u.g1, status: last.status, statusSince: last.onDate });
  }
  const ms = await database.db.insert(memberships).values(finals).returning({ id: memberships.id });
  const events = chains.flatMap((chain, n) => chain.map((e) => ({ ...e, membershipId: ms[n].id })));
  for (let k = 0; k < events.length; k += 500) await database.db.insert(membershipEvents).values(events.slice(k, k + 500));
}

interface RawEvent {
  id: string;
  membership_id: string;
  on_date: string;
  status: MembershipStatus;
  type_id: string | null;
  unit_id: string | null;
  reason: string | null;
  created: number;
}

/** Every event up to `to`, by membership, in history order. */
async function rawHistories(to: string): Promise<Map<string, RawEvent[]>> {
  const rows = await queryRows<RawEvent>(
    database.db,
    sql`select e.*, e.on_date::text as on_date, extract(epoch from e.created_at)::float8 as created from membership_events e`,
  );
  const out = new Map<string, RawEvent[]>();
  for (const r of rows.filter((r) => r.on_date <= to)) out.set(r.membership_id, [...(out.get(r.membership_id) ?? []), r]);
  for (const list of out.values()) list.sort((a, b) => (a.on_date < b.on_date ? -1 : a.on_date > b.on_date ? 1 : a.created - b.created || (a.id < b.id ? -1 : 1)));
  return out;
}

const inside = (unit: string | null, units: FigureUnits) => units === 'all' || (unit !== null && units.includes(unit));
const stateOn = (list: RawEvent[], day: string) => list.filter((e) => e.on_date <= day).at(-1);
const isJoin = (e: RawEvent, prev?: RawEvent) => e.status === 'active' && prev?.status !== 'active';
const isLeave = (e: RawEvent, prev?: RawEvent) => ['resigned', 'expelled', 'deceased'].includes(e.status) && prev?.status === 'active';

async function naiveOverTime(range: FigureRange): Promise<MembersOverTimeRow[]> {
  const histories = await rawHistories(range.to);
  const out: MembersOverTimeRow[] = [];
  for (const month of monthsOf(range)) {
    const day = monthEnd(month) < range.to ? monthEnd(month) : range.to;
    const counts = new Map<string, MembersOverTimeRow>();
    for (const list of histories.values()) {
      const s = stateOn(list, day);
      if (!s || !inside(s.unit_id, range.units)) continue;
      const key = `${s.status}|${s.type_id}`;
      const row = counts.get(key) ?? { month, typeId: s.type_id, status: s.status, count: 0 };
      row.count++;
      counts.set(key, row);
    }
    out.push(...counts.values());
  }
  return out;
}

async function naiveFlows(range: FigureRange): Promise<MembershipFlowRow[]> {
  const histories = await rawHistories(range.to);
  const rows = new Map(monthsOf(range).map((month) => [month, { month, joins: 0, rejoins: 0, leaves: 0, movedIn: 0, movedOut: 0 }]));
  for (const list of histories.values()) {
    list.forEach((e, i) => {
      if (e.on_date < range.from) return;
      const prev = list[i - 1];
      const row = rows.get(e.on_date.slice(0, 7))!;
      const here = inside(e.unit_id, range.units);
      if (isJoin(e, prev) && here) {
        row.joins++;
        if (list.slice(0, i).some((x) => x.status === 'active')) row.rejoins++;
      }
      if (isLeave(e, prev) && here) row.leaves++;
      if (e.status === 'active' && prev?.status === 'active' && e.unit_id !== prev.unit_id) {
        const there = inside(prev.unit_id, range.units);
        if (here && !there) row.movedIn++;
        if (there && !here) row.movedOut++;
      }
    });
  }
  return [...rows.values()];
}

async function naiveLeaveReasons(range: FigureRange): Promise<LeaveReasonRow[]> {
  const histories = await rawHistories(range.to);
  const counts = new Map<string, LeaveReasonRow>();
  for (const list of histories.values()) {
    list.forEach((e, i) => {
      if (e.on_date < range.from || !isLeave(e, list[i - 1]) || !inside(e.unit_id, range.units)) return;
      const reason = e.reason?.trim() || null;
      const key = `${e.status}|${reason}`;
      const row = counts.get(key) ?? { status: e.status as LeaveReasonRow['status'], reason, count: 0 };
      row.count++;
      counts.set(key, row);
    });
  }
  return [...counts.values()];
}

async function naiveRetention(range: FigureRange, grain: 'month' | 'year'): Promise<RetentionCohortRow[]> {
  const histories = await rawHistories(range.to);
  const cohorts = new Map<string, { joined: number; still: number[]; unknown: boolean[] }>();
  for (const list of histories.values()) {
    list.forEach((e, i) => {
      if (e.on_date < range.from || !isJoin(e, list[i - 1]) || !inside(e.unit_id, range.units)) return;
      const key = grain === 'month' ? e.on_date.slice(0, 7) : e.on_date.slice(0, 4);
      const c = cohorts.get(key) ?? { joined: 0, still: retentionHorizons.map(() => 0), unknown: retentionHorizons.map(() => false) };
      c.joined++;
      retentionHorizons.forEach((h, k) => {
        const day = addMonths(e.on_date, h);
        if (day > range.to) c.unknown[k] = true;
        else if (stateOn(list, day)?.status === 'active') c.still[k]++;
      });
      cohorts.set(key, c);
    });
  }
  return [...cohorts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([cohort, c]) => ({ cohort, joined: c.joined, after: retentionHorizons.map((months, k) => ({ months, stillMembers: c.unknown[k] ? null : c.still[k] })) }));
}

const byKey = <T,>(rows: T[], key: (r: T) => string) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

describe('the figures of a generated register equal a naive recomputation from the raw events', () => {
  const ranges = (): FigureRange[] => [
    { from: '2019-06-01', to: '2023-03-31', units: 'all' },
    { from: '2020-01-01', to: '2022-12-31', units: [u.g1, u.g2, u.g3] },
    { from: '2020-03-15', to: '2022-08-17', units: [u.g1] },
    { from: '2021-02-01', to: '2021-11-30', units: [u.g2, u.g3] },
    { from: '2021-07-09', to: '2021-07-21', units: [u.g3] },
  ];

  it('has a history worth comparing', async () => {
    const [{ events, memberships: n }] = await queryRows<{ events: number; memberships: number }>(
      database.db,
      sql`select count(*)::int as events, count(distinct membership_id)::int as memberships from membership_events`,
    );
    // The generated register alone: 300 memberships.
    expect(n).toBeGreaterThanOrEqual(300);
    expect(events).toBeGreaterThan(1000);
    const flows = await membershipFlows(database.db, ranges()[2]);
    const sum = (f: keyof Omit<MembershipFlowRow, 'month'>) => flows.reduce((s, r) => s + r[f], 0);
    for (const f of ['joins', 'rejoins', 'leaves', 'movedIn', 'movedOut'] as const) expect(sum(f), f).toBeGreaterThan(5);
  });

  it('members over time', async () => {
    for (const range of ranges()) {
      const key = (r: MembersOverTimeRow) => `${r.month}|${r.status}|${r.typeId}`;
      expect(byKey(await membersOverTime(database.db, range), key)).toEqual(byKey(await naiveOverTime(range), key));
    }
  });

  it('membership flows', async () => {
    for (const range of ranges()) expect(await membershipFlows(database.db, range)).toEqual(await naiveFlows(range));
  });

  it('leave reasons', async () => {
    for (const range of ranges()) {
      const rows = await leaveReasons(database.db, range);
      expect(rows.every((r, i) => i === 0 || rows[i - 1].count >= r.count)).toBe(true);
      const key = (r: LeaveReasonRow) => `${r.status}|${r.reason}`;
      expect(byKey(rows, key)).toEqual(byKey(await naiveLeaveReasons(range), key));
    }
  });

  it('retention cohorts', async () => {
    for (const range of ranges()) {
      for (const grain of ['month', 'year'] as const) expect(await retentionCohorts(database.db, range, grain)).toEqual(await naiveRetention(range, grain));
    }
  });
  it('keeps its counts in step with every change to the history, in the same transaction', async () => {
    const ids = (await queryRows<{ id: string }>(database.db, sql`select id from memberships order by id limit 40`)).map((r) => r.id);
    // A back-dated event, a correction, two memberships' events in one statement, a deleted event and a deleted membership.
    await database.db.insert(membershipEvents).values({ membershipId: ids[0], onDate: '2020-05-05', status: 'resigned', typeId: ty.ordinary, unitId: u.g1, reason: 'moved' });
    await database.db.execute(
      sql`update membership_events set unit_id = ${u.g2}::uuid where membership_id = ${ids[1]}::uuid and on_date = (select max(on_date) from membership_events where membership_id = ${ids[1]}::uuid)`,
    );
    await database.db.insert(membershipEvents).values([
      { membershipId: ids[2], onDate: '2021-01-10', status: 'active', typeId: ty.student, unitId: u.g3 },
      { membershipId: ids[3], onDate: '2021-01-11', status: 'expelled', typeId: ty.ordinary, unitId: u.g3 },
    ]);
    await database.db.execute(sql`delete from membership_events where id = (select id from membership_events where membership_id = ${ids[4]}::uuid order by on_date limit 1)`);
    await database.db.delete(memberships).where(sql`id = ${ids[5]}::uuid`);
    // A change that is rolled back leaves the counts as they were.
    const before = await countsTable();
    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(membershipEvents).values({ membershipId: ids[6], onDate: '2019-09-09', status: 'deceased', typeId: null, unitId: u.g2 });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await countsTable()).toEqual(before);
    // The facts and counts equal those recomputed from the whole history now.
    const facts = (from: string) =>
      queryRows<Record<string, unknown>>(database.db, sql.raw(`select membership_id, kind, day::text, unit_id, prev_unit, type_id, status, code, reason from ${from} order by 1, 2, 3, 4, 5, 6, 7, 8, 9`));
    expect(await facts('membership_insight_facts')).toEqual(await facts('membership_insight_facts_of(array(select id from memberships))'));
    const recounted = await queryRows<Record<string, unknown>>(
      database.db,
      sql`select kind, date_trunc('month', day)::date::text as month, unit_id, prev_unit, type_id, status, code, reason, count(*)::int as n
        from membership_insight_facts_of(array(select id from memberships)) group by 1, 2, 3, 4, 5, 6, 7, 8 order by 1, 2, 3, 4, 5, 6, 7, 8`,
    );
    expect(before).toEqual(recounted);
    // And the figures still equal the naive recomputation.
    for (const range of ranges()) {
      expect(await membershipFlows(database.db, range)).toEqual(await naiveFlows(range));
      for (const grain of ['month', 'year'] as const) expect(await retentionCohorts(database.db, range, grain)).toEqual(await naiveRetention(range, grain));
    }
  });
});
