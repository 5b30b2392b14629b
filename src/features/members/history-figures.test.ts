import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthsOf, type FigureRange, type FigureUnits } from '../../kernel/insights.js';
import { persons } from '../../kernel/tables.js';
import { type Database } from '../../platform/db/database.js';
import { historyWorld, type HistoryWorld } from './history.fixture.js';
import { leaveReasons, membersOverTime, membershipFlows, retentionCohorts, type MembersOverTimeRow, type MembershipFlowRow, type RetentionCohortRow } from './history-figures.js';
import { membershipEvents, memberships, type MembershipStatus } from './tables.js';

/*
 * Hand-built histories in 2010–2013 with answers worked out by hand; the generated register recomputed
 * naively is in history-figures-naive.test.ts.
 */

let database: Database;
let u: HistoryWorld['u'];
let ty: HistoryWorld['ty'];

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
  ({ database, u, ty } = await historyWorld());
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
