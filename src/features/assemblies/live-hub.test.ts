import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { openPostgres, queryRows, type Database } from '../../platform/db/database.js';
import { onPostgres, testDatabase } from '../../test/database.js';
import { ASSEMBLY_CHANNEL, notifyAssembly } from './live.js';
import { AssemblyHub, type LiveClient } from './live-hub.js';

/*
 * The wiring under the hall's live pages, without the app: NOTIFY from a use case's transaction
 * reaches every listener on the database once it commits (never when it rolls back), each hub fans
 * out to its own streams, and a burst is coalesced into a few pushes that end on the final state.
 * On PostgreSQL (TEST_DATABASE_URL) two separate connections pools stand for two server processes.
 */

let database: Database;

beforeAll(async () => {
  database = await testDatabase();
  await database.executeSql('create table hub_test_counter (n int not null)');
  await database.executeSql('insert into hub_test_counter values (0)');
}, 60_000);
afterAll(() => database?.close());

const until = async (check: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

function collector(): LiveClient & { frames: string[]; ended: boolean } {
  const c = { frames: [] as string[], ended: false, send: (f: string) => void c.frames.push(f), end: () => void (c.ended = true) };
  return c;
}

describe('listen and notify', () => {
  it('delivers a notify made in a transaction on commit, and nothing for one rolled back', async () => {
    const got: string[] = [];
    const stop = await database.listen(ASSEMBLY_CHANNEL, (p) => got.push(p));
    const id = randomUUID();
    await database.db
      .transaction(async (tx) => {
        await notifyAssembly(tx, id, 'rolled-back');
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await database.db.transaction(async (tx) => {
      await notifyAssembly(tx, id, 'ballot');
      // Not before the commit.
      expect(got).toEqual([]);
    });
    await until(() => got.length > 0);
    await new Promise((r) => setTimeout(r, 50));
    expect(got.map((p) => JSON.parse(p))).toEqual([{ assemblyId: id, what: 'ballot' }]);
    await stop();
    await notifyAssembly(database.db, id, 'after');
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toHaveLength(1);
  });
});

describe('the hub', () => {
  it('pushes to the streams of the assembly changed, in every hub on the database', async () => {
    const frame = async (assemblyId: string) => `event: state\ndata: ${JSON.stringify({ assemblyId })}\n\n`;
    const one = new AssemblyHub(database, frame);
    const two = new AssemblyHub(database, frame);
    const [a, b] = [randomUUID(), randomUUID()];
    const onA1 = collector();
    const onA2 = collector();
    const onB = collector();
    await one.subscribe(a, onA1);
    await two.subscribe(a, onA2);
    await two.subscribe(b, onB);
    await notifyAssembly(database.db, a, 'poll');
    await until(() => onA1.frames.length === 1 && onA2.frames.length === 1);
    expect(onA1.frames[0]).toContain(a);
    expect(onB.frames).toEqual([]);
    await Promise.all([one.close(), two.close()]);
    expect([onA1.ended, onA2.ended, onB.ended]).toEqual([true, true, true]);
  });

  it('coalesces a burst into a few pushes that end on the final state', async () => {
    let reads = 0;
    const hub = new AssemblyHub(
      database,
      async () => {
        reads++;
        const [r] = await queryRows<{ n: number }>(database.db, sql`select n from hub_test_counter`);
        return `data: ${r.n}\n\n`;
      },
      { intervalMs: 100 },
    );
    const id = randomUUID();
    const screens = [collector(), collector(), collector()];
    for (const s of screens) await hub.subscribe(id, s);
    const burst = 60;
    for (let i = 0; i < burst; i++) {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`update hub_test_counter set n = n + 1`);
        await notifyAssembly(tx, id, 'ballot');
      });
    }
    await until(() => screens[0].frames.at(-1) === `data: ${burst}\n\n`);
    await new Promise((r) => setTimeout(r, 250));
    // One read per push, shared by every screen; far fewer than the changes.
    expect(hub.pushes).toBe(reads);
    expect(reads).toBeLessThan(burst / 2);
    for (const s of screens) expect(s.frames).toEqual(screens[0].frames);
    expect(screens[0].frames.at(-1)).toBe(`data: ${burst}\n\n`);
    await hub.close();
  });

  it('stops pushing to a stream that left, and forgets an assembly nobody watches', async () => {
    const hub = new AssemblyHub(database, async () => 'data: x\n\n');
    const id = randomUUID();
    const stays = collector();
    const leaves = collector();
    await hub.subscribe(id, stays);
    const leave = await hub.subscribe(id, leaves);
    leave();
    expect(hub.clientCount(id)).toBe(1);
    await notifyAssembly(database.db, id, 'x');
    await until(() => stays.frames.length === 1);
    expect(leaves.frames).toEqual([]);
    await hub.close();
    expect(hub.clientCount(id)).toBe(0);
  });
});

describe.runIf(onPostgres)('two server processes on PostgreSQL', () => {
  it('a notify committed through one connection pool reaches the hub listening on another', async () => {
    const url = database.connectionString!;
    const other = await openPostgres(url, 2);
    try {
      const hub = new AssemblyHub(other, async (assemblyId) => `data: ${assemblyId}\n\n`);
      const id = randomUUID();
      const screen = collector();
      await hub.subscribe(id, screen);
      await database.db.transaction(async (tx) => notifyAssembly(tx, id, 'ballot'));
      await until(() => screen.frames.length === 1);
      expect(screen.frames[0]).toBe(`data: ${id}\n\n`);
      await hub.close();
    } finally {
      await other.close();
    }
  });
});
