import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../platform/db/database.js';
import { onPostgres, testDatabase } from '../../test/database.js';
import { poolFigures } from './access.js';
import { createApplication, submitApplication } from './applications.js';
import { decideApplication, type DecisionResult } from './decisions.js';
import { createPool } from './pools.js';
import { applicationInput, decisionInput, poolInput } from './schema.js';
import { day, grantPagesWorld, type GrantPagesWorld } from './application-pages.fixture.js';

/**
 * No decision overspends a pool, under real concurrency: PGlite runs one transaction at a time, so
 * only PostgreSQL (TEST_DATABASE_URL) can show it. Fifty applications of 1,000 kr. on a pool of
 * 10,000 kr. are decided at the same moment through three connection pools (as from three server
 * processes): exactly ten are granted, forty refused as over the budget, and the figures are exact.
 */

let database: Database;
let others: Database[] = [];
let w: GrantPagesWorld;
const mail = { baseUrl: 'http://forening.test' };

const reasons = (results: DecisionResult[]) => results.reduce<Record<string, number>>((m, r) => ((m[r.ok ? 'granted' : r.reason] = (m[r.ok ? 'granted' : r.reason] ?? 0) + 1), m), {});

async function poolWith(applications: number, budget: number, amount: number): Promise<{ poolId: string; ids: string[] }> {
  const made = await createPool(database.db, w.staff.actor, poolInput.parse({ unitId: w.org.north, name: `Samtidighed ${Date.now()}`, periodStart: day(-10), periodEnd: day(200), budget, maxPerApplication: amount }));
  if (!made.ok) throw new Error(JSON.stringify(made));
  const ids: string[] = [];
  for (let i = 0; i < applications; i++) {
    const a = await createApplication(database.db, w.applicant.actor, made.pool.id, applicationInput.parse({ purpose: 'talk', title: `Foredrag ${i + 1}`, activityDate: day(30), requested: amount, costLines: [{ description: 'Foredragsholder', amount }] }));
    if (!a.ok) throw new Error(JSON.stringify(a));
    const s = await submitApplication(database.db, w.applicant.actor, a.id);
    if (!s.ok) throw new Error(JSON.stringify(s));
    ids.push(a.id);
  }
  return { poolId: made.pool.id, ids };
}

describe.runIf(onPostgres)('simultaneous grant decisions on PostgreSQL (skipped on PGlite: set TEST_DATABASE_URL)', () => {
  beforeAll(async () => {
    database = await testDatabase(20);
    others = [await openPostgres(database.connectionString!, 20), await openPostgres(database.connectionString!, 20)];
    w = await grantPagesWorld(database);
  }, 120_000);
  afterAll(async () => {
    for (const o of others) await o.close();
    if (database) await database.close();
  });

  it('50 decisions at once on a pool that affords 10: exactly 10 granted, the rest refused, the budget exact', async () => {
    const { poolId, ids } = await poolWith(50, 10_000_00, 1_000_00);
    const deciders = [w.board, w.staff, w.admin];
    const dbs = [database, ...others];
    const results = await Promise.all(ids.map((id, i) => decideApplication(dbs[i % 3].db, deciders[i % 3].actor, id, decisionInput.parse({ outcome: 'granted', reason: 'Samtidig afgørelse' }), mail)));
    expect(reasons(results)).toEqual({ granted: 10, over_budget: 40 });
    expect(await poolFigures(database.db, poolId)).toEqual({ budget: 10_000_00, granted: 10_000_00, paidOut: 0, left: 0 });
    const rows = (await database.executeSql(`select status, count(*)::int as n, coalesce(sum(granted), 0)::bigint as total from grant_applications where pool_id = $1 group by status order by status`, [poolId])).rows;
    expect(rows.map((r) => [r.status, r.n, Number(r.total)])).toEqual([
      ['granted', 10, 10_000_00],
      ['submitted', 40, 0],
    ]);
    // Each refusal told how much was left when it was decided: nothing.
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'over_budget' && (r as { params: { left: number } }).params.left < 1_000_00)).toBe(true);
  });

  it('the same decision twice at once is taken once', async () => {
    const { ids } = await poolWith(1, 10_000_00, 1_000_00);
    const twice = await Promise.all([database, others[0], others[1]].map((d) => decideApplication(d.db, w.board.actor, ids[0], decisionInput.parse({ outcome: 'granted', reason: 'Dobbelt' }), mail)));
    expect(reasons(twice)).toEqual({ granted: 1, wrong_status: 2 });
  });
});
