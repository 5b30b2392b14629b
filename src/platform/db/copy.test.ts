import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, testDatabase } from '../../test/database.js';
import { copyRows, postgresClientOf } from './copy.js';
import { queryRows, type Database } from './database.js';

let database: Database;
beforeAll(async () => {
  database = await testDatabase(2);
});
afterAll(async () => {
  await database.close();
});

describe('COPY inside a transaction', () => {
  it.runIf(!onPostgres)('finds no PostgreSQL connection on PGlite, so callers fall back to INSERT', async () => {
    await database.db.transaction(async (tx) => {
      expect(postgresClientOf(tx)).toBeNull();
    });
  });

  it.runIf(onPostgres)('finds the transaction’s own connection and loads awkward values exactly, inside the transaction', async () => {
    const awkward = ['back\\slash', 'tab\there', 'line\nbreak\r\n', '\\N', 'Æble; "ø" å', ''];
    const seen = await database.db.transaction(async (tx) => {
      const client = postgresClientOf(tx);
      expect(client).not.toBeNull();
      await tx.execute(sql`create temp table copy_probe (n int, t text, b boolean) on commit drop`);
      await copyRows(client!, 'copy_probe', ['n', 't', 'b'], [...awkward.map((t, i) => [String(i), t, i % 2 === 0]), ['99', null, null]]);
      // Visible to the transaction's next statement: COPY ran on the same connection, not beside it.
      return queryRows<{ n: number; t: string | null; b: boolean | null }>(tx, sql`select n, t, b from copy_probe order by n`);
    });
    expect(seen).toEqual([...awkward.map((t, i) => ({ n: i, t, b: i % 2 === 0 })), { n: 99, t: null, b: null }]);
  });
});
