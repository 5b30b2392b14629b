import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { onPostgres, testDatabase } from '../../test/database.js';
import { queryRows, type Database } from '../../platform/db/database.js';
import { seedUnits, type Org } from '../../test/app.js';
import { segmentFilter } from './filter.js';
import { segmentPersonIdsSql } from './segment-sql.js';

/**
 * A segment is the source of a mailing's `INSERT … SELECT` over the whole register: on PostgreSQL,
 * with 100,000 members, counting and freezing a filter with several EXISTS conditions and an
 * exclusion must stay one quick set-based statement (no per-row plans that grow with the register).
 */
const MEMBERS = 100_000;

describe.skipIf(!onPostgres)('a segment over 100,000 members (PostgreSQL)', () => {
  let database: Database;
  let org: Org;

  beforeAll(async () => {
    database = await testDatabase();
    org = await seedUnits(database);
    const db = database.db;
    await db.execute(sql`insert into membership_types (code, name) values ('ordinary', 'Ordinært medlem')`);
    // Every tenth person is a leader, every third works at the one municipal workplace, every fifth
    // reads Swedish; half are in the north, a twentieth have resigned.
    await db.execute(sql`insert into persons (id, first_name, last_name, email, preferred_locale)
      select gen_random_uuid(), 'Medlem', 'Nummer ' || i, 'm' || i || '@example.org', case when i % 5 = 0 then 'sv' end from generate_series(1, ${MEMBERS}) i`);
    await db.execute(sql`insert into memberships (person_id, type_id, unit_id, status)
      select p.id, (select id from membership_types limit 1),
        case when row_number() over (order by p.id) % 2 = 0 then ${org.north}::uuid else ${org.south}::uuid end,
        case when row_number() over (order by p.id) % 20 = 0 then 'resigned' else 'active' end
      from persons p`);
    await db.execute(sql`insert into workplaces (id, name, unit_id, employer_kind) values (gen_random_uuid(), 'Plejecenter Lærkebo', ${org.north}, 'municipality')`);
    await db.execute(sql`insert into role_assignments (person_id, role, unit_id)
      select person_id, 'leader', unit_id from (select person_id, unit_id, row_number() over (order by person_id) n from memberships) x where n % 10 = 0`);
    await db.execute(sql`insert into employments (person_id, workplace_id)
      select person_id, (select id from workplaces limit 1) from (select person_id, row_number() over (order by person_id) n from memberships) x where n % 3 = 0`);
    await db.execute(sql`analyze`);
  }, 180_000);
  afterAll(async () => database?.close());

  const filter = segmentFilter.parse({
    match: 'any',
    conditions: [
      { field: 'role', values: ['leader'] },
      { field: 'employerKind', values: ['municipality'] },
    ],
    exclude: [{ field: 'language', values: ['sv'] }],
  });

  it('counts and freezes in one statement each, quickly and with the same answer', async () => {
    const source = segmentPersonIdsSql({ unitId: org.national, filter });
    const [expected] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from memberships m join persons p on p.id = m.person_id
          where m.status = 'active' and coalesce(p.preferred_locale, 'da') <> 'sv'
            and (exists (select 1 from role_assignments r where r.person_id = m.person_id and r.role = 'leader')
              or exists (select 1 from employments e where e.person_id = m.person_id))`,
    );
    expect(expected.n).toBeGreaterThan(20_000);

    const [counted] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from (${source}) s`);
    expect(counted.n).toBe(expected.n);

    await database.db.execute(sql`create temporary table frozen (person_id uuid primary key, email text)`);
    await database.db.execute(sql`insert into frozen (person_id, email) select p.id, p.email from (${source}) s join persons p on p.id = s.person_id`);
    const [frozen] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from frozen`);
    expect(frozen.n).toBe(expected.n);
    // How fast this is, is measured by `npm run bench:mailing` (tests assert no timings); the plan's
    // shape is checked by its estimated cost below.
  }, 60_000);

  /** The planner's estimate: above `jit_above_cost` (100,000 by default) every count would first pay for JIT compilation. */
  async function estimatedCost(query: ReturnType<typeof sql>): Promise<number> {
    const q = new PgDialect().sqlToQuery(sql`explain (format json) ${query}`);
    const [row] = (await database.executeSql(q.sql, q.params)).rows;
    const plan = Object.values(row)[0];
    return (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan['Total Cost'];
  }

  it('is estimated as what it is, for match all, match any and exclusions alike', async () => {
    const all = segmentFilter.parse({
      conditions: [
        { field: 'role', values: ['leader'] },
        { field: 'employerKind', values: ['municipality'] },
        { field: 'unit', values: [org.north] },
      ],
      exclude: [
        { field: 'language', values: ['sv'] },
        { field: 'section', values: [org.leaders] },
      ],
    });
    for (const f of [filter, all]) {
      const cost = await estimatedCost(sql`select count(*) from (${segmentPersonIdsSql({ unitId: org.national, filter: f })}) s`);
      expect(cost, f.match).toBeLessThan(100_000);
    }
    const [counted] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from (${segmentPersonIdsSql({ unitId: org.national, filter: all })}) s`);
    const [expected] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from memberships m join persons p on p.id = m.person_id
          where m.status = 'active' and m.unit_id = ${org.north} and coalesce(p.preferred_locale, 'da') <> 'sv'
            and exists (select 1 from role_assignments r where r.person_id = m.person_id and r.role = 'leader')
            and exists (select 1 from employments e where e.person_id = m.person_id)`,
    );
    expect(counted.n).toBe(expected.n);
    expect(counted.n).toBeGreaterThan(500);
  });
});
