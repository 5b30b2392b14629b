import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthEnd, monthsOf, type FigureRange, type FigureUnits } from '../../kernel/insights.js';
import { persons, units } from '../../kernel/tables.js';
import { queryRows, type Database } from '../../platform/db/database.js';
import { testDatabase } from '../../test/database.js';
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
import { membershipEvents, memberships, membershipStatuses, membershipTypes, type MembershipStatus } from './tables.js';
import { seededRandom } from '../../platform/demo-names.js';

/*
 * Hand-built histories in 2010–2013 with answers worked out by hand, and a generated register in
 * 2019–2023 whose figures are recomputed naively from the raw event rows.
 */

let database: Database;
const u: Record<'north' | 'south' | 'west' | 'g1' | 'g2' | 'g3', string> = { north: '', south: '', west: '', g1: '', g2: '', g3: '' };
const ty: Record<'ordinary' | 'student', string> = { ordinary: '', student: '' };

/** Distinct, increasing created_at values (rows are inserted in reverse so that insertion order cannot stand in for them). */
let clock = Date.UTC(2015, 0, 1);
let personNo = 0;

type Step = [onDate: string, status: MembershipStatus, unit: keyof typeof u, type: keyof typeof ty, reason?: string];

async function history(firstName: string, steps: Step[]): Promise<string> {
  personNo++;
  const [p] = await database.db.insert(persons).values({ firstName, lastName: 'Prøvesen', email: `hist${personNo}@example.org` }).returning();
  const last = steps[steps.length - 1];
  const [m] = await database.db.insert(memberships).values({ personId: p.id, typeId: ty[last[3]], unitId: u[last[2]], status: last[1], statusSince: last[0] }).returning();
  const rows = steps.map(([onDate, status, unit, type, reason]) => ({
    membershipId: m.id,
    onDate,
    status,
    unitId: u[unit],
    typeId: ty[type],
    reason: reason ?? null,
    createdAt: new Date((clock += 1000)),
  }));
  await database.db.insert(membershipEvents).values(rows.reverse());
  return m.id;
}

beforeAll(async () => {
  database = await testDatabase();
  const [national] = await database.db.insert(units).values({ kind: 'national', name: 'Prøveforbundet' }).returning();
  const made = await database.db
    .insert(units)
    .values(['Nordkredsen', 'Sydkredsen', 'Vestkredsen', 'Kreds Et', 'Kreds To', 'Kreds Tre'].map((name, i) => ({ kind: 'district' as const, parentId: national.id, name, position: i })))
    .returning();
  [u.north, u.south, u.west, u.g1, u.g2, u.g3] = made.map((r) => r.id);
  const types = await database.db
    .insert(membershipTypes)
    .values([
      { code: 'ordinary', name: 'Ordinær', position: 1 },
      { code: 'student', name: 'Studerende', position: 2 },
    ])
    .returning();
  [ty.ordinary, ty.student] = types.map((t) => t.id);

  // ---- The hand-built register (2010–2013).
  await history('Anna', [
    ['2011-11-10', 'active', 'north', 'ordinary'],
    ['2012-03-20', 'resigned', 'north', 'ordinary', '  moved abroad '],
  ]);
  await history('Bo', [
    ['2012-01-05', 'applicant', 'north', 'ordinary'],
    ['2012-02-01', 'active', 'north', 'ordinary'],
    ['2012-04-10', 'active', 'north', 'student'],
  ]);
  await history('Cai', [
    ['2012-01-08', 'applicant', 'south', 'ordinary'],
    ['2012-01-20', 'rejected', 'south', 'ordinary', 'no'],
  ]);
  await history('Dan', [
    ['2012-01-15', 'active', 'north', 'ordinary'],
    ['2012-03-05', 'active', 'south', 'ordinary'],
    ['2012-05-02', 'active', 'west', 'ordinary'],
    ['2012-12-01', 'resigned', 'west', 'ordinary'],
  ]);
  await history('Eva', [
    ['2011-06-01', 'active', 'south', 'ordinary'],
    ['2012-02-10', 'resigned', 'south', 'ordinary', ''],
    ['2012-04-01', 'active', 'south', 'ordinary'],
  ]);
  await history('Finn', [
    ['2012-02-15', 'active', 'west', 'ordinary'],
    ['2012-03-01', 'resigned', 'west', 'ordinary', 'outside'],
  ]);
  await history('Gus', [['2012-06-10', 'active', 'north', 'ordinary']]);
  await history('Hal', [
    ['2012-06-20', 'active', 'north', 'ordinary'],
    ['2012-11-01', 'resigned', 'north', 'ordinary'],
  ]);
  await history('Ida', [
    ['2012-01-10', 'active', 'south', 'student'],
    ['2012-05-05', 'deceased', 'south', 'student', 'Deceased'],
  ]);
  // Joined and resigned on the same day: created_at orders them.
  await history('Jon', [
    ['2012-03-10', 'active', 'north', 'ordinary'],
    ['2012-03-10', 'resigned', 'north', 'ordinary', 'changed mind'],
    ['2013-03-01', 'active', 'north', 'ordinary'],
  ]);
  await history('Kim', [
    ['2010-05-01', 'active', 'south', 'ordinary'],
    ['2012-06-01', 'resigned', 'south', 'ordinary', 'moved abroad'],
  ]);
  // 31 August + 6 months is 28 February, the day before she resigned.
  await history('Lena', [
    ['2012-08-31', 'active', 'north', 'ordinary'],
    ['2013-03-01', 'resigned', 'north', 'ordinary'],
  ]);

  await generateRegister();
});
afterAll(() => database.close());

const spring = (units: FigureUnits): FigureRange => ({ from: '2012-01-01', to: '2012-06-15', units });
const ns = () => [u.north, u.south];

describe('members over time', () => {
  const counts = (rows: MembersOverTimeRow[], month: string) =>
    Object.fromEntries(rows.filter((r) => r.month === month).map((r) => [`${r.typeId === ty.student ? 'student' : 'ordinary'} ${r.status}`, r.count]));

  it('counts each month-end state by type and status, the last month as of the range end', async () => {
    const rows = await membersOverTime(database.db, spring(ns()));
    expect(counts(rows, '2012-01')).toEqual({ 'ordinary active': 4, 'student active': 1, 'ordinary applicant': 1, 'ordinary rejected': 1 });
    expect(counts(rows, '2012-02')).toEqual({ 'ordinary active': 4, 'ordinary resigned': 1, 'ordinary rejected': 1, 'student active': 1 });
    expect(counts(rows, '2012-03')).toEqual({ 'ordinary active': 3, 'ordinary resigned': 3, 'ordinary rejected': 1, 'student active': 1 });
    // Bo changed type: a student now, no longer ordinary.
    expect(counts(rows, '2012-04')).toEqual({ 'ordinary active': 3, 'student active': 2, 'ordinary resigned': 2, 'ordinary rejected': 1 });
    // Dan moved out to the west; Ida died.
    expect(counts(rows, '2012-05')).toEqual({ 'ordinary active': 2, 'student active': 1, 'student deceased': 1, 'ordinary resigned': 2, 'ordinary rejected': 1 });
    // As of 15 June: Gus (10 June) counts, Hal (20 June) not yet.
    expect(counts(rows, '2012-06')).toEqual({ 'ordinary active': 2, 'student active': 1, 'student deceased': 1, 'ordinary resigned': 3, 'ordinary rejected': 1 });
    expect(new Set(rows.map((r) => r.month))).toEqual(new Set(monthsOf(spring('all'))));
    expect(rows.every((r) => r.count > 0)).toBe(true);
  });

  it('counts a member who moved in the old unit before and in the new one after', async () => {
    const north = await membersOverTime(database.db, spring([u.north]));
    expect(counts(north, '2012-02')).toEqual({ 'ordinary active': 3 });
    expect(counts(north, '2012-01')).toEqual({ 'ordinary active': 2, 'ordinary applicant': 1 });
    expect(counts(north, '2012-03')).toEqual({ 'ordinary active': 1, 'ordinary resigned': 2 });
    const south = await membersOverTime(database.db, spring([u.south]));
    expect(counts(south, '2012-02')['ordinary active']).toBe(1);
    expect(counts(south, '2012-03')).toEqual({ 'ordinary active': 2, 'ordinary resigned': 1, 'ordinary rejected': 1, 'student active': 1 });
    const west = await membersOverTime(database.db, spring([u.west]));
    expect(west.filter((r) => r.status === 'active').map((r) => [r.month, r.count])).toEqual([
      ['2012-02', 1],
      ['2012-05', 1],
      ['2012-06', 1],
    ]);
  });

  it('counts nothing for no units, and the state before the range carries into it', async () => {
    expect(await membersOverTime(database.db, spring([]))).toEqual([]);
    // Kim has been active since 2010 without an event in 2011.
    const rows = await membersOverTime(database.db, { from: '2011-07-01', to: '2011-07-31', units: [u.south] });
    expect(rows).toEqual([{ month: '2011-07', typeId: ty.ordinary, status: 'active', count: 2 }]);
  });
});

describe('membership flows', () => {
  const flows = (rows: MembershipFlowRow[]) => rows.map((r) => [r.month, r.joins, r.rejoins, r.leaves, r.movedIn, r.movedOut]);

  it('counts joins, re-joins and leaves per month, zeros included', async () => {
    expect(flows(await membershipFlows(database.db, spring(ns())))).toEqual([
      // Dan and Ida join; Bo is only an applicant and Cai is rejected.
      ['2012-01', 2, 0, 0, 0, 0],
      ['2012-02', 1, 0, 1, 0, 0],
      // Anna and Jon leave (Jon joined the same day); Dan moves within the set: neither in nor out.
      ['2012-03', 1, 0, 2, 0, 0],
      // Eva re-joins; Bo's change of type is no join.
      ['2012-04', 1, 1, 0, 0, 0],
      ['2012-05', 0, 0, 1, 0, 1],
      // Gus joins before the 15th, Hal after it.
      ['2012-06', 1, 0, 1, 0, 0],
    ]);
  });

  it('counts a move out of and into a set of units, and nothing in units outside it', async () => {
    expect(flows(await membershipFlows(database.db, spring([u.north])))).toEqual([
      ['2012-01', 1, 0, 0, 0, 0],
      ['2012-02', 1, 0, 0, 0, 0],
      ['2012-03', 1, 0, 2, 0, 1],
      ['2012-04', 0, 0, 0, 0, 0],
      ['2012-05', 0, 0, 0, 0, 0],
      ['2012-06', 1, 0, 0, 0, 0],
    ]);
    expect(flows(await membershipFlows(database.db, spring([u.south])))).toEqual([
      ['2012-01', 1, 0, 0, 0, 0],
      ['2012-02', 0, 0, 1, 0, 0],
      ['2012-03', 0, 0, 0, 1, 0],
      ['2012-04', 1, 1, 0, 0, 0],
      ['2012-05', 0, 0, 1, 0, 1],
      ['2012-06', 0, 0, 1, 0, 0],
    ]);
    expect(flows(await membershipFlows(database.db, spring([u.west])))).toEqual([
      ['2012-01', 0, 0, 0, 0, 0],
      ['2012-02', 1, 0, 0, 0, 0],
      ['2012-03', 0, 0, 1, 0, 0],
      ['2012-04', 0, 0, 0, 0, 0],
      ['2012-05', 0, 0, 0, 1, 0],
      ['2012-06', 0, 0, 0, 0, 0],
    ]);
    expect((await membershipFlows(database.db, spring([]))).every((r) => r.joins + r.leaves + r.movedIn + r.movedOut === 0)).toBe(true);
  });

  it('with every unit, moves are neither in nor out', async () => {
    expect(flows(await membershipFlows(database.db, spring('all')))).toEqual([
      ['2012-01', 2, 0, 0, 0, 0],
      ['2012-02', 2, 0, 1, 0, 0],
      ['2012-03', 1, 0, 3, 0, 0],
      ['2012-04', 1, 1, 0, 0, 0],
      ['2012-05', 0, 0, 1, 0, 0],
      ['2012-06', 1, 0, 1, 0, 0],
    ]);
  });
});

describe('leave reasons', () => {
  it('counts the leaves by status and trimmed reason, most frequent first', async () => {
    expect(await leaveReasons(database.db, spring(ns()))).toEqual([
      { status: 'resigned', reason: 'moved abroad', count: 2 },
      { status: 'deceased', reason: 'Deceased', count: 1 },
      { status: 'resigned', reason: 'changed mind', count: 1 },
      { status: 'resigned', reason: null, count: 1 },
    ]);
    // Cai's rejection is no leave; Finn left outside the units.
    expect(await leaveReasons(database.db, spring([u.west]))).toEqual([{ status: 'resigned', reason: 'outside', count: 1 }]);
    expect(await leaveReasons(database.db, spring([]))).toEqual([]);
  });
});

describe('retention cohorts', () => {
  const range: FigureRange = { from: '2012-01-01', to: '2013-03-15', units: [] };
  const brief = (rows: RetentionCohortRow[]) => rows.map((r) => [r.cohort, r.joined, ...r.after.map((a) => a.stillMembers)]);

  it('follows each month’s joins 6, 12 and 24 months on, null where not reached by the range end', async () => {
    const rows = await retentionCohorts(database.db, { ...range, units: ns() }, 'month');
    expect(rows.every((r) => r.after.map((a) => a.months).join() === '6,12,24')).toBe(true);
    expect(brief(rows)).toEqual([
      // Ida died; Dan was still a member in the west after 6 months (any unit counts), not after 12.
      ['2012-01', 2, 1, 0, null],
      ['2012-02', 1, 1, 1, null],
      // Jon had resigned after 6 months and re-joined before 12.
      ['2012-03', 1, 0, 1, null],
      ['2012-04', 1, 1, null, null],
      ['2012-06', 2, 1, null, null],
      // 31 August + 6 months = 28 February, the day before Lena resigned.
      ['2012-08', 1, 1, null, null],
      // Jon's second join counts in its own cohort.
      ['2013-03', 1, null, null, null],
    ]);
  });

  it('groups by year, null while the last join of the year has not reached the horizon', async () => {
    expect(brief(await retentionCohorts(database.db, { ...range, units: ns() }, 'year'))).toEqual([
      ['2012', 8, 5, null, null],
      ['2013', 1, null, null, null],
    ]);
    // Finn, who joined in the west, had left after 6 and 12 months.
    expect(brief(await retentionCohorts(database.db, { ...range, units: [u.west] }, 'year'))).toEqual([['2012', 1, 0, 0, null]]);
    expect(await retentionCohorts(database.db, range, 'month')).toEqual([]);
  });
});

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
    expect(n).toBeGreaterThan(300);
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
