import type { Db } from '../../platform/db/database.js';
import { staffProfiles } from './tables.js';

/** The demo's staff directory entries. */
export async function seedDemoStaffProfiles(tx: Db, list: readonly { personId: string; title: string; unitId: string; directPhone: string; publicEmail: string; topics: string[] }[]): Promise<void> {
  if (list.length) await tx.insert(staffProfiles).values([...list]);
}
