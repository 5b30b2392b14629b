import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/database.js';
import { uuidArray } from '../platform/db/sql.js';

/** Every workplace as a choice in another feature's filter (the member list's "workplace"), in name order. */
export function workplaceChoices(db: Db): Promise<{ id: string; name: string; unitId: string }[]> {
  return queryRows<{ id: string; name: string; unitId: string }>(db, sql`select id, name, unit_id as "unitId" from workplaces order by sort_key collate "C", id`);
}

/** The names of these workplaces, by id (a steward's start page names the workplaces their role covers). */
export async function workplaceNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(db, sql`select id, name from workplaces where id = any(${uuidArray(ids)}) order by sort_key collate "C", id`);
  return new Map(rows.map((r) => [r.id, r.name]));
}
