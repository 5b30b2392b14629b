import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Database } from '../../platform/db/database.js';
import { testDatabase } from '../../test/database.js';
import { seedUnits, type Org } from '../../test/app.js';
import { loadGrants } from '../../kernel/grants.js';
import { persons, roleAssignments, type RoleKind } from '../../kernel/tables.js';
import { memberships, membershipTypes } from '../members/tables.js';
import { today } from './access.js';
import { createPool } from './pools.js';
import { createApplication, submitApplication, withdrawApplication } from './applications.js';
import { decideApplication } from './decisions.js';
import { recordPayout } from './payouts.js';
import { poolUse, type PoolUse } from './insight-figures.js';
import { applicationInput, decisionInput, payoutInput, poolInput } from './schema.js';
import { committedStatuses, grantApplications, grantPools } from './tables.js';
import { seededRandom } from '../../platform/demo-names.js';

/*
 * The pools' use on the insights dashboard: a hand-made pool whose every application's state is
 * known, the period's overlap with the range at its edges, the units' scope, and a random history
 * recomputed naively from its rows.
 */

type Who = { id: string; actor: Actor };
let database: Database;
let org: Org;
let typeId = '';
let n = 0;
const mail = { baseUrl: 'http://forening.test' };

async function person(opts: { member?: string; roles?: [RoleKind, string | null][] } = {}): Promise<Who> {
  n++;
  const [p] = await database.db.insert(persons).values({ firstName: 'Pulje', lastName: `Prøve ${n}`, email: `pool-use${n}.${Date.now()}@example.org` }).returning();
  if (opts.member) await database.db.insert(memberships).values({ personId: p.id, typeId, unitId: opts.member, status: 'active', statusSince: sql`current_date - 30` });
  if (opts.roles?.length) await database.db.insert(roleAssignments).values(opts.roles.map(([role, unitId]) => ({ personId: p.id, role, unitId })));
  return { id: p.id, actor: { kind: 'person', personId: p.id, firstName: 'T', lastName: 'P', grants: await loadGrants(database.db, p.id) } };
}

const day = (offset: number) => new Date(Date.parse(`${today()}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
let staffNorth: Who;
let staffSouth: Who;
let board: Who;

async function pool(by: Who, overrides: Record<string, unknown>) {
  const made = await createPool(database.db, by.actor, poolInput.parse({ unitId: org.north, name: `Puljen ${++n}`, periodStart: day(-100), periodEnd: day(200), budget: 100_000_00, maxPerApplication: 10_000_00, ...overrides }));
  if (!made.ok) throw new Error(JSON.stringify(made));
  return made.pool;
}
async function draft(poolId: string, applicant: Who, requested: number): Promise<string> {
  const made = await createApplication(database.db, applicant.actor, poolId, applicationInput.parse({ purpose: 'talk', title: 'Foredrag om arbejdstid', activityDate: day(-5), requested, costLines: [{ description: 'Foredragsholder', amount: requested }] }));
  if (!made.ok) throw new Error(JSON.stringify(made));
  return made.id;
}
async function submitted(poolId: string, applicant: Who, requested: number): Promise<string> {
  const id = await draft(poolId, applicant, requested);
  const sent = await submitApplication(database.db, applicant.actor, id);
  if (!sent.ok) throw new Error(JSON.stringify(sent));
  return id;
}
async function decide(id: string, outcome: 'granted' | 'rejected', amount?: number) {
  const r = await decideApplication(database.db, board.actor, id, decisionInput.parse({ outcome, amount, reason: 'Besluttet på mødet' }), mail);
  if (!r.ok) throw new Error(JSON.stringify(r));
}

beforeAll(async () => {
  database = await testDatabase();
  org = await seedUnits(database);
  const [type] = await database.db.insert(membershipTypes).values({ code: `pool-use-${Date.now()}`, name: 'Ordinært medlem' }).returning();
  typeId = type.id;
  staffNorth = await person({ roles: [['staff', org.north]] });
  staffSouth = await person({ roles: [['staff', org.south]] });
  board = await person({ roles: [['board', null]] });
}, 60_000);
afterAll(async () => database?.close());

const ids = (rows: PoolUse[]) => rows.map((r) => r.poolId);

describe('poolUse', () => {
  it('counts what a pool granted, paid out, and how many applied and were granted, through the use cases', async () => {
    const p = await pool(staffNorth, { name: 'Initiativpuljen Nord', budget: 50_000_00, currency: 'SEK' });
    const [a, b, c, d, e] = [await person({ member: org.north }), await person({ member: org.north }), await person({ member: org.north }), await person({ member: org.north }), await person({ member: org.north })];
    const paid = await submitted(p.id, a, 4_000_00);
    await decide(paid, 'granted');
    const payout = await recordPayout(database.db, staffNorth.actor, paid, payoutInput.parse({ reference: 'Bilag 17' }), mail);
    expect(payout.ok).toBe(true);
    await decide(await submitted(p.id, b, 3_000_00), 'granted', 2_000_00); // granted less, not paid
    await decide(await submitted(p.id, c, 1_000_00), 'rejected');
    const withdrawn = await submitted(p.id, d, 1_500_00);
    expect((await withdrawApplication(database.db, d.actor, withdrawn)).ok).toBe(true);
    await submitted(p.id, e, 900_00); // waiting for a decision
    await draft(p.id, e, 800_00); // a draft has not reached the pool
    const draftWithdrawn = await draft(p.id, a, 700_00);
    expect((await withdrawApplication(database.db, a.actor, draftWithdrawn)).ok).toBe(true);

    const rows = await poolUse(database.db, { from: day(-30), to: day(0), units: [org.north] });
    expect(rows.find((r) => r.poolId === p.id)).toEqual({
      poolId: p.id,
      name: 'Initiativpuljen Nord',
      currency: 'SEK',
      periodStart: day(-100),
      periodEnd: day(200),
      budget: 50_000_00,
      granted: 6_000_00,
      paidOut: 4_000_00,
      applications: 5,
      grantedCount: 2,
    });
  });

  it('takes the pools whose period overlaps the range, ends included, of the units in the set only', async () => {
    const past = await pool(staffNorth, { periodStart: day(-400), periodEnd: day(-300) });
    const south = await pool(staffSouth, { unitId: org.south, periodStart: day(-400), periodEnd: day(-300) });
    const range = (from: number, to: number, units: 'all' | string[] = [org.north]) => ({ from: day(from), to: day(to), units });
    expect(ids(await poolUse(database.db, range(-300, -250)))).toContain(past.id); // its last day
    expect(ids(await poolUse(database.db, range(-500, -400)))).toContain(past.id); // its first day
    expect(ids(await poolUse(database.db, range(-299, -250)))).not.toContain(past.id);
    expect(ids(await poolUse(database.db, range(-500, -401)))).not.toContain(past.id);
    expect(ids(await poolUse(database.db, range(-350, -340)))).not.toContain(south.id);
    expect(ids(await poolUse(database.db, range(-350, -340, [org.south])))).toEqual([south.id]);
    expect(ids(await poolUse(database.db, range(-350, -340, 'all')))).toEqual(expect.arrayContaining([past.id, south.id]));
    expect(await poolUse(database.db, range(-350, -340, []))).toEqual([]);
    // The units are the set given (the dashboard has already added the units below): the national level takes nothing of the north's.
    expect(await poolUse(database.db, range(-350, -340, [org.national]))).toEqual([]);
  });

  it('agrees with a naive count over a random history', async () => {
    const rnd = seededRandom(20_240_917);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const units = [org.north, org.south, org.leaders, org.national];
    const applicants = [await person(), await person(), await person()];
    for (let i = 0; i < 15; i++) {
      const start = -900 + Math.floor(rnd() * 800);
      const [p] = await database.db
        .insert(grantPools)
        .values({ unitId: pick(units), name: `Tilfældig ${i}`, periodStart: day(start), periodEnd: day(start + Math.floor(rnd() * 400)), currency: pick(['DKK', 'SEK'] as const), budget: Math.floor(rnd() * 1_000_000_00), maxPerApplication: 10_000_00 })
        .returning();
      const count = Math.floor(rnd() * 40);
      const statuses = ['draft', 'submitted', 'in_review', 'rejected', 'withdrawn', ...committedStatuses] as const;
      const values = Array.from({ length: count }, () => {
        const status = pick(statuses);
        const isCommitted = (committedStatuses as readonly string[]).includes(status);
        const paid = ['paid_out', 'report_due', 'reported', 'closed'].includes(status);
        const submittedAt = status === 'draft' || (status === 'withdrawn' && rnd() < 0.5) ? null : new Date(Date.now() - Math.floor(rnd() * 1e10));
        return {
          poolId: p.id,
          applicantId: pick(applicants).id,
          purpose: 'talk' as const,
          title: 'Tilfældig ansøgning',
          activityDate: day(start),
          requested: 1 + Math.floor(rnd() * 10_000_00),
          status,
          submittedAt,
          granted: isCommitted ? 1 + Math.floor(rnd() * 10_000_00) : null,
          decisionReason: isCommitted || status === 'rejected' ? 'Tilfældig' : null,
          paidOn: paid ? day(start) : null,
        };
      });
      if (values.length) await database.db.insert(grantApplications).values(values);
    }
    const pools = await queryRows<{ id: string; unit_id: string; name: string; currency: string; period_start: string; period_end: string; budget: string }>(
      database.db,
      sql`select id, unit_id, name, currency, period_start::text, period_end::text, budget::text from grant_pools`,
    );
    const apps = await queryRows<{ pool_id: string; status: string; granted: string | null; paid_on: string | null; submitted_at: string | null }>(
      database.db,
      sql`select pool_id, status, granted::text, paid_on::text, submitted_at::text from grant_applications`,
    );
    const naive = (from: string, to: string, unitSet: 'all' | string[]): PoolUse[] =>
      pools
        .filter((p) => (unitSet === 'all' || unitSet.includes(p.unit_id)) && p.period_start <= to && p.period_end >= from)
        .map((p) => {
          const mine = apps.filter((a) => a.pool_id === p.id);
          const committed = mine.filter((a) => (committedStatuses as readonly string[]).includes(a.status));
          return {
            poolId: p.id,
            name: p.name,
            currency: p.currency as PoolUse['currency'],
            periodStart: p.period_start,
            periodEnd: p.period_end,
            budget: Number(p.budget),
            granted: committed.reduce((s, a) => s + Number(a.granted), 0),
            paidOut: committed.filter((a) => a.paid_on !== null).reduce((s, a) => s + Number(a.granted), 0),
            applications: mine.filter((a) => a.submitted_at !== null).length,
            grantedCount: committed.length,
          };
        });
    const byId = (rows: PoolUse[]) => [...rows].sort((a, b) => a.poolId.localeCompare(b.poolId));
    const ranges: [number, number, 'all' | string[]][] = [
      [-900, 0, 'all'],
      [-600, -300, [org.north]],
      [-500, -100, [org.south, org.leaders]],
      [-200, -199, 'all'],
      [-800, -50, [org.national, org.north]],
    ];
    let seen = 0;
    for (const [from, to, unitSet] of ranges) {
      const got = await poolUse(database.db, { from: day(from), to: day(to), units: unitSet });
      expect(byId(got)).toEqual(byId(naive(day(from), day(to), unitSet)));
      // Ordered by the period's start.
      expect(got.map((r) => r.periodStart)).toEqual([...got.map((r) => r.periodStart)].sort());
      seen += got.length;
    }
    expect(seen).toBeGreaterThan(10);
  });
});
