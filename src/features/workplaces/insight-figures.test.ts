import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { seededRandom } from '../../platform/demo-names.js';
import { employments, persons, roleAssignments, workplaces } from '../../kernel/tables.js';
import type { FigureUnits } from '../../kernel/insights.js';
import { membershipEvents, memberships, membershipStatuses, membershipTypes } from '../members/tables.js';
import { seedUnits } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { dateInDays } from '../../test/time.js';
import { seedRegister, type Register } from './register.fixture.js';
import type { FigureRange } from '../../kernel/insights.js';
import type { Db } from '../../platform/db/database.js';
import { coverageFigures, type CoverageSummary, type WorkplaceCoverage } from './insight-figures.js';

const workplaceCoverage = async (db: Db, range: FigureRange) => (await coverageFigures(db, range)).workplaces;
const coverageSummary = async (db: Db, range: FigureRange) => (await coverageFigures(db, range)).summary;

let database: Database;
let r: Register;
/** Far enough back that Erik still worked at Bakkehuset, Morten was its safety rep and Åbrinken had no offices yet. */
const past = dateInDays(-5 * 365 - 200);

beforeAll(async () => {
  database = await testDatabase();
  r = await seedRegister(database);
  // The register's memberships have been as they are for seven years, except Rikke's: active then, resigned two years ago.
  const ids = Object.values(r.people);
  await database.db.execute(sql`update memberships set status_since = ${dateInDays(-7 * 365)}::date where person_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
  const [rikke] = await database.db.select({ id: memberships.id }).from(memberships).where(sql`person_id = ${r.people.rikke}`);
  await database.db.insert(membershipEvents).values([
    { membershipId: rikke.id, onDate: dateInDays(-8 * 365), status: 'active' },
    { membershipId: rikke.id, onDate: dateInDays(-2 * 365), status: 'resigned' },
  ]);
});
afterAll(() => database.close());

const row = (workplaceId: string, name: string, unitId: string, employees: number, members: number, stewards: number, safetyReps: number): WorkplaceCoverage => ({
  workplaceId,
  name,
  unitId,
  employees,
  members,
  rate: employees > 0 ? members / employees : null,
  stewards,
  safetyReps,
});

describe('coverage on the register counted by hand', () => {
  it('today: employees, active members among them and the offices in force, most members first', async () => {
    const today = { from: dateInDays(-30), to: dateInDays(0), units: [r.org.north] };
    expect(await workplaceCoverage(database.db, today)).toEqual([
      // Mette, Morten, Maja are members, Niels is not, Rikke resigned; Erik left; Morten's safety-rep office ended.
      row(r.bakkehuset, 'Bakkehuset', r.org.north, 5, 3, 1, 0),
      row(r.aabrinken, 'Åbrinken', r.org.north, 2, 2, 1, 1),
      // Dorthe is steward only from next year.
      row(r.oesterhuset, 'Østerhuset', r.org.north, 1, 1, 0, 0),
    ]);
    expect(await coverageSummary(database.db, today)).toEqual<CoverageSummary>({ workplaces: 3, withMembers: 3, withoutSteward: 1, withoutSafetyRep: 2, employees: 8, members: 6 });
    // Another unit's workplace: nobody works at Ærøskolen.
    const south = { ...today, units: [r.org.south] };
    expect(await workplaceCoverage(database.db, south)).toEqual([row(r.aeroeskolen, 'Ærøskolen', r.org.south, 0, 0, 0, 0)]);
    expect(await coverageSummary(database.db, south)).toEqual<CoverageSummary>({ workplaces: 1, withMembers: 0, withoutSteward: 0, withoutSafetyRep: 0, employees: 0, members: 0 });
    expect(await workplaceCoverage(database.db, { ...today, units: [] })).toEqual([]);
    expect(await coverageSummary(database.db, { ...today, units: [] })).toEqual<CoverageSummary>({ workplaces: 0, withMembers: 0, withoutSteward: 0, withoutSafetyRep: 0, employees: 0, members: 0 });
  });

  it('on a past day: the employments, offices and membership statuses of that day', async () => {
    const then = { from: dateInDays(-6 * 365), to: past, units: [r.org.north] };
    expect(await workplaceCoverage(database.db, then)).toEqual([
      // Erik still worked there and Rikke was still a member; Mette was steward, Morten safety rep.
      row(r.bakkehuset, 'Bakkehuset', r.org.north, 6, 5, 1, 1),
      row(r.aabrinken, 'Åbrinken', r.org.north, 2, 2, 0, 0),
      row(r.oesterhuset, 'Østerhuset', r.org.north, 1, 1, 0, 0),
    ]);
    expect(await coverageSummary(database.db, then)).toEqual<CoverageSummary>({ workplaces: 3, withMembers: 3, withoutSteward: 2, withoutSafetyRep: 2, employees: 9, members: 8 });
  });
});

describe('a random register, recomputed naively from the raw rows', () => {
  it('agrees exactly with the SQL, today and on a past day', async () => {
    const rnd = seededRandom(4242);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const day = (lo: number, hi: number) => dateInDays(Math.round(lo + rnd() * (hi - lo)));
    const org = await seedUnits(database);
    const [type] = await database.db.insert(membershipTypes).values({ code: `tilfaeldig-${Date.now()}`, name: 'Tilfældig' }).returning();
    const places = await database.db
      .insert(workplaces)
      .values(Array.from({ length: 25 }, (_, i) => ({ name: `Arbejdsplads ${String.fromCharCode(65 + (i % 26))}${i}`, unitId: pick([org.north, org.north, org.south, org.leaders]), employerKind: 'municipality' as const })))
      .returning({ id: workplaces.id });
    const people = await database.db
      .insert(persons)
      .values(Array.from({ length: 150 }, (_, i) => ({ firstName: 'Ansat', lastName: `Nr ${i}`, email: `ansat${i}.${Date.now()}@example.org` })))
      .returning({ id: persons.id });
    const members = people.filter(() => rnd() < 0.6);
    const ms = await database.db
      .insert(memberships)
      .values(members.map((p) => ({ personId: p.id, typeId: type.id, unitId: pick([org.north, org.south]), status: pick(membershipStatuses), statusSince: day(-900, 0) })))
      .returning({ id: memberships.id });
    // At most one status change a day per membership: on a tie the latest is the register's guess too.
    const history = ms.flatMap((m) => (rnd() < 0.4 ? [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => day(-1000, 0)))].map((onDate) => ({ membershipId: m.id, onDate, status: pick(membershipStatuses) })) : []));
    if (history.length) await database.db.insert(membershipEvents).values(history);
    const jobs = Array.from({ length: 320 }, () => {
      const start = Math.round(-1200 + rnd() * 1230);
      const end = start + Math.floor(rnd() * 600);
      return { personId: pick(people).id, workplaceId: pick(places).id, startsOn: rnd() < 0.2 ? null : dateInDays(start), endsOn: rnd() < 0.5 ? null : dateInDays(end) };
    });
    await database.db.insert(employments).values(jobs);
    const offices = Array.from({ length: 90 }, () => {
      const start = Math.round(-1200 + rnd() * 1260);
      return { personId: pick(people).id, role: pick(['steward', 'safety_rep'] as const), workplaceId: pick(places).id, startsOn: dateInDays(start), endsOn: rnd() < 0.5 ? null : dateInDays(start + Math.floor(rnd() * 700)) };
    });
    await database.db.insert(roleAssignments).values(offices);

    // The raw rows, dates as text (the drivers turn a date into a Date each in their own way).
    const raw = async (query: string) => (await database.executeSql(query)).rows as Record<string, string | null>[];
    const [wps, emps, roles, mems, events] = await Promise.all([
      raw(`select id, name, unit_id, sort_key from workplaces`),
      raw(`select person_id, workplace_id, starts_on::text as starts_on, ends_on::text as ends_on from employments`),
      raw(`select person_id, workplace_id, role, starts_on::text as starts_on, ends_on::text as ends_on from role_assignments`),
      raw(`select id, person_id, status, status_since::text as status_since from memberships`),
      raw(`select membership_id, on_date::text as on_date, status from membership_events`),
    ]);
    const covers = (startsOn: string | null, endsOn: string | null, d: string) => (startsOn === null || startsOn <= d) && (endsOn === null || endsOn >= d);
    const today = dateInDays(0);
    const isMember = (personId: string, d: string) => {
      const m = mems.find((x) => x.person_id === personId);
      if (!m) return false;
      if (d >= today) return m.status === 'active';
      const latest = events.filter((e) => e.membership_id === m.id && e.on_date! <= d).sort((a, b) => (a.on_date! < b.on_date! ? 1 : -1))[0];
      return (latest ? latest.status : m.status_since! <= d ? m.status : null) === 'active';
    };
    const naive = (units: FigureUnits, d: string) => {
      const rows = wps
        .filter((w) => units === 'all' || units.includes(w.unit_id!))
        .map((w) => {
          const staff = new Set(emps.filter((e) => e.workplace_id === w.id && covers(e.starts_on, e.ends_on, d)).map((e) => e.person_id!));
          const inOffice = (role: string) => new Set(roles.filter((x) => x.workplace_id === w.id && x.role === role && covers(x.starts_on, x.ends_on, d)).map((x) => x.person_id)).size;
          const memberCount = [...staff].filter((p) => isMember(p, d)).length;
          return { ...row(w.id!, w.name!, w.unit_id!, staff.size, memberCount, inOffice('steward'), inOffice('safety_rep')), sortKey: w.sort_key!, staff };
        })
        .sort((a, b) => b.members - a.members || (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.workplaceId < b.workplaceId ? -1 : 1));
      const everyone = new Set(rows.flatMap((x) => [...x.staff]));
      const summary: CoverageSummary = {
        workplaces: rows.length,
        withMembers: rows.filter((x) => x.members > 0).length,
        withoutSteward: rows.filter((x) => x.members > 0 && x.stewards === 0).length,
        withoutSafetyRep: rows.filter((x) => x.members > 0 && x.safetyReps === 0).length,
        employees: rows.reduce((n, x) => n + x.employees, 0),
        members: rows.reduce((n, x) => n + x.members, 0),
      };
      return { rows: rows.map(({ sortKey: _s, staff: _p, ...x }) => x), summary, everyone };
    };

    for (const d of [today, dateInDays(-300)]) {
      for (const units of [[org.north], [org.south, org.leaders], 'all'] as FigureUnits[]) {
        const expected = naive(units, d);
        const range = { from: dateInDays(-400), to: d, units };
        expect(await workplaceCoverage(database.db, range)).toEqual(expected.rows);
        expect(await coverageSummary(database.db, range)).toEqual(expected.summary);
      }
    }
    // Enough happens for the comparison to mean something: members, gaps, and people at two workplaces.
    const north = naive([org.north], today);
    expect(north.summary.members).toBeGreaterThan(5);
    expect(north.summary.withoutSteward).toBeGreaterThan(0);
    expect(north.summary.employees).toBeGreaterThan(north.everyone.size);
    expect(naive([org.north], dateInDays(-300)).summary.members).toBeGreaterThan(0);

    // Today's coverage is read from workplace_coverage_now, kept in step by the triggers: it equals a
    // fresh recomputation of every workplace.
    const kept = () => raw(`select workplace_id, employees, members, valid_from::text as valid_from, valid_until::text as valid_until from workplace_coverage_now order by workplace_id`);
    const before = await kept();
    expect(before.length).toBe(wps.length);
    await database.executeSql(`select workplace_coverage_refresh(array(select id from workplaces))`);
    expect(await kept()).toEqual(before);
    const range = { from: dateInDays(-400), to: today, units: 'all' as const };
    const [first, second] = naive('all', today).rows;
    // A kept row that holds for the day is what is read…
    await database.executeSql(`update workplace_coverage_now set employees = 999 where workplace_id = $1`, [first.workplaceId]);
    expect((await workplaceCoverage(database.db, range)).find((r) => r.workplaceId === first.workplaceId)?.employees).toBe(999);
    // …and one that does not (an employment there started or ended since) is counted afresh.
    await database.executeSql(`update workplace_coverage_now set employees = 999, members = 999, valid_until = $2::date where workplace_id = $1`, [second.workplaceId, today]);
    await database.executeSql(`update workplace_coverage_now set valid_from = $2::date where workplace_id = $1`, [first.workplaceId, dateInDays(1)]);
    expect(await workplaceCoverage(database.db, range)).toEqual(naive('all', today).rows);
    await database.executeSql(`select workplace_coverage_refresh(array(select id from workplaces))`);
    // A membership that ends, an employment that ends today and one that starts tomorrow: still in step.
    const member = mems.find((m) => m.status === 'active' && emps.some((e) => e.person_id === m.person_id && covers(e.starts_on, e.ends_on, today)))!;
    await database.executeSql(`update memberships set status = 'resigned' where id = $1`, [member.id]);
    member.status = 'resigned';
    await database.executeSql(`update employments set ends_on = $2::date where workplace_id = $1 and ends_on is null`, [second.workplaceId, today]);
    await database.db.insert(employments).values({ personId: people[0].id, workplaceId: second.workplaceId, startsOn: dateInDays(1) });
    const changed = await raw(`select person_id, workplace_id, starts_on::text as starts_on, ends_on::text as ends_on from employments`);
    emps.splice(0, emps.length, ...changed);
    expect(await workplaceCoverage(database.db, range)).toEqual(naive('all', today).rows);
    const now = await kept();
    await database.executeSql(`select workplace_coverage_refresh(array(select id from workplaces))`);
    expect(await kept()).toEqual(now);
    expect(now.find((r) => r.workplace_id === second.workplaceId)?.valid_until).toBe(dateInDays(1));
  });
});
