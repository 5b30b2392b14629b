import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { Invalid, type Cell } from './cells.js';

export interface UnitRef {
  id: string;
  name: string;
  shortName: string | null;
  kind: 'national' | 'district' | 'section';
}

/** The unit tree is small (tens of rows): read it whole and look names up in memory. */
export async function loadUnits(db: Db): Promise<UnitLookup> {
  const rows = await queryRows<{ id: string; name: string; short_name: string | null; kind: UnitRef['kind'] }>(db, sql`select id, name, short_name, kind from units`);
  return new UnitLookup(rows.map((r) => ({ id: r.id, name: r.name, shortName: r.short_name, kind: r.kind })));
}

/** Finds a unit by its id, name or short name, ignoring case; an ambiguous name is an error. */
export class UnitLookup {
  private readonly byKey = new Map<string, UnitRef[]>();

  constructor(readonly units: UnitRef[]) {
    for (const u of units) {
      for (const key of new Set([u.id, u.name.toLowerCase(), u.shortName?.toLowerCase()])) {
        if (!key) continue;
        const list = this.byKey.get(key) ?? [];
        list.push(u);
        this.byKey.set(key, list);
      }
    }
  }

  find(cell: string): Cell<UnitRef> {
    const found = this.byKey.get(cell.toLowerCase()) ?? this.byKey.get(cell) ?? [];
    if (found.length === 1) return found[0];
    return new Invalid(found.length > 1 ? 'import.ambiguous_unit' : 'import.unknown_unit', { value: cell.slice(0, 60) });
  }

}

/** Text arrays as one bound parameter each, for `= any(…)` and `unnest(…)`. */
export function textArray(values: Iterable<string | null>): ReturnType<typeof sql.param> {
  return sql.param([...values]);
}
