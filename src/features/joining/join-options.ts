import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { activeMembershipTypeChoices } from '../members/index.js';

export interface JoinOptions {
  districts: { id: string; name: string }[];
  types: { id: string; name: string }[];
  /** Known workplaces by district, for the optional "where do you work" choice. */
  workplaces: { districtName: string; items: { id: string; name: string }[] }[];
}

/** The choices on the join form, in three small queries: districts, active membership types (named in the visitor's language), workplaces. */
export async function loadJoinOptions(db: Db, locale: Locale): Promise<JoinOptions> {
  const [districts, types, workplaces] = await Promise.all([
    queryRows<{ id: string; name: string }>(db, sql`select id, name from units where kind = 'district' order by position, name`),
    activeMembershipTypeChoices(db, locale),
    queryRows<{ id: string; name: string; unit_name: string }>(
      db,
      sql`select w.id, w.name, u.name as unit_name from workplaces w join units u on u.id = w.unit_id order by u.position, u.name, w.sort_key collate "C", w.name`,
    ),
  ]);
  const groups: JoinOptions['workplaces'] = [];
  for (const w of workplaces) {
    let group = groups.at(-1);
    if (!group || group.districtName !== w.unit_name) groups.push((group = { districtName: w.unit_name, items: [] }));
    group.items.push({ id: w.id, name: w.name });
  }
  return { districts, types, workplaces: groups };
}
