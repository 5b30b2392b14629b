import type { Database } from '../../platform/db/database.js';
import { units } from '../../kernel/tables.js';
import { testDatabase } from '../../test/database.js';
import { membershipTypes } from './tables.js';

/** The units and membership types the history-figure tests build their registers in. */
export interface HistoryWorld {
  database: Database;
  u: Record<'north' | 'south' | 'west' | 'g1' | 'g2' | 'g3', string>;
  ty: Record<'ordinary' | 'student', string>;
}

export async function historyWorld(): Promise<HistoryWorld> {
  const database = await testDatabase();
  const [national] = await database.db.insert(units).values({ kind: 'national', name: 'Prøveforbundet' }).returning();
  const made = await database.db
    .insert(units)
    .values(['Nordkredsen', 'Sydkredsen', 'Vestkredsen', 'Kreds Et', 'Kreds To', 'Kreds Tre'].map((name, i) => ({ kind: 'district' as const, parentId: national.id, name, position: i })))
    .returning();
  const [north, south, west, g1, g2, g3] = made.map((r) => r.id);
  const types = await database.db
    .insert(membershipTypes)
    .values([
      { code: 'ordinary', name: 'Ordinær', position: 1 },
      { code: 'student', name: 'Studerende', position: 2 },
    ])
    .returning();
  const [ordinary, student] = types.map((t) => t.id);
  return { database, u: { north, south, west, g1, g2, g3 }, ty: { ordinary, student } };
}
