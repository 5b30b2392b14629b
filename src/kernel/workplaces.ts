import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/database.js';

/** Every workplace as a choice in another feature's filter (the member list's "workplace"), in name order. */
export function workplaceChoices(db: Db): Promise<{ id: string; name: string; unitId: string }[]> {
  return queryRows<{ id: string; name: string; unitId: string }>(db, sql`select id, name, unit_id as "unitId" from workplaces order by sort_key collate "C", id`);
}
