import { sql, type SQL } from 'drizzle-orm';

/*
 * What the insights dashboard asks of the features that own the figures: each feature exports, from
 * its index.ts, functions that compute its figures in SQL over its own tables for a range of days and
 * a set of units. The insights feature decides who may see which units and draws the charts; the
 * figures are computed where the tables are.
 */

/** The units a figure covers: every unit, or these (already including the units below them). */
export type FigureUnits = 'all' | readonly string[];

/** A range of whole days, `YYYY-MM-DD`, both ends included, and the units it covers. */
export interface FigureRange {
  from: string;
  to: string;
  units: FigureUnits;
}

/** `column in (the units)`: true for every unit, false for none. */
export function unitsCondition(column: SQL | { getSQL(): SQL }, units: FigureUnits): SQL {
  if (units === 'all') return sql`true`;
  if (units.length === 0) return sql`false`;
  return sql`${column} in (${sql.join(
    units.map((u) => sql`${u}::uuid`),
    sql`, `,
  )})`;
}

/** The months the range touches, `YYYY-MM`, oldest first. */
export function monthsOf(range: Pick<FigureRange, 'from' | 'to'>): string[] {
  const out: string[] = [];
  let [y, m] = range.from.slice(0, 7).split('-').map(Number);
  const [ty, tm] = range.to.slice(0, 7).split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The last day of month `YYYY-MM`, as `YYYY-MM-DD`. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}
