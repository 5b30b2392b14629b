import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persons, units } from '../../kernel/tables.js';
import { openPostgres, queryRows, type Database } from '../../platform/db/database.js';
import { onPostgres, testDatabase } from '../../test/database.js';
import { membershipEvents, memberships, membershipTypes } from './tables.js';

/**
 * The insights counts stay exact when several transactions change one membership's history at the
 * same moment: PGlite runs one transaction at a time, so only PostgreSQL (TEST_DATABASE_URL) can
 * show it. Twenty memberships each get three events at once from three connection pools (as from
 * three server processes), each transaction holding on for a moment after its insert; afterwards
 * the facts and the monthly counts equal those recomputed from the whole history.
 */

let database: Database;
let others: Database[] = [];

describe.runIf(onPostgres)('simultaneous changes to one membership on PostgreSQL (skipped on PGlite: set TEST_DATABASE_URL)', () => {
  beforeAll(async () => {
    database = await testDatabase(6);
    others = [await openPostgres(database.connectionString!, 6), await openPostgres(database.connectionString!, 6)];
  }, 120_000);
  afterAll(async () => {
    for (const o of others) await o.close();
    if (database) await database.close();
  });

  it('three transactions per membership at once: facts and counts as if one after the other', async () => {
    const [national] = await database.db.insert(units).values({ kind: 'national', name: 'Prøveforbundet' }).returning();
    const [unit] = await database.db.insert(units).values({ kind: 'district', parentId: national.id, name: 'Samtidighedskredsen' }).returning();
    const [type] = await database.db.insert(membershipTypes).values({ code: 'samtidig', name: 'Ordinær' }).returning();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const [p] = await database.db.insert(persons).values({ firstName: `Samtidig ${i}`, lastName: 'Prøvesen', email: `samtidig${i}@example.org` }).returning();
      const [m] = await database.db.insert(memberships).values({ personId: p.id, typeId: type.id, unitId: unit.id, status: 'active', statusSince: '2020-01-01' }).returning();
      await database.db.insert(membershipEvents).values({ membershipId: m.id, onDate: '2020-01-01', status: 'active', typeId: type.id, unitId: unit.id });
      ids.push(m.id);
    }
    const dbs = [database, ...others];
    const steps = [
      { onDate: '2020-06-01', status: 'resigned' as const },
      { onDate: '2021-03-01', status: 'active' as const },
      { onDate: '2022-09-01', status: 'resigned' as const },
    ];
    await Promise.all(
      ids.flatMap((membershipId) =>
        steps.map((step, k) =>
          dbs[k].db.transaction(async (tx) => {
            await tx.insert(membershipEvents).values({ membershipId, typeId: type.id, unitId: unit.id, reason: 'samtidig', ...step });
            await tx.execute(sql`select pg_sleep(0.02)`);
          }),
        ),
      ),
    );
    const facts = (from: string) =>
      queryRows<Record<string, unknown>>(database.db, sql.raw(`select membership_id, kind, day::text, unit_id, prev_unit, type_id, status, code, reason from ${from} order by 1, 2, 3, 4, 5, 6, 7, 8, 9`));
    const all = `array(select id from memberships)`;
    expect(await facts('membership_insight_facts')).toEqual(await facts(`membership_insight_facts_of(${all})`));
    const counts = await queryRows(database.db, sql`select kind, month::text as month, unit_id, prev_unit, type_id, status, code, reason, n from membership_insight_counts order by 1, 2, 3, 4, 5, 6, 7, 8`);
    const recounted = await queryRows(
      database.db,
      sql.raw(`select kind, date_trunc('month', day)::date::text as month, unit_id, prev_unit, type_id, status, code, reason, count(*)::int as n
        from membership_insight_facts_of(${all}) group by 1, 2, 3, 4, 5, 6, 7, 8 order by 1, 2, 3, 4, 5, 6, 7, 8`),
    );
    expect(counts).toEqual(recounted);
    // Each membership: joined twice, left twice.
    const [{ joins, leaves }] = await queryRows<{ joins: number; leaves: number }>(
      database.db,
      sql`select count(*) filter (where kind = 'join')::int as joins, count(*) filter (where kind = 'leave')::int as leaves from membership_insight_facts`,
    );
    expect({ joins, leaves }).toEqual({ joins: 40, leaves: 40 });
  });
});
