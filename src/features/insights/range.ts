import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { forbidden, invalidInput, type FieldProblem, type Invalid, type Refusal } from '../../platform/outcomes.js';
import type { FigureRange } from '../../kernel/insights.js';
import { organisationToday } from '../../kernel/person-fields.js';
import { listUnitsCached } from '../../kernel/units.js';
import { can, insightScope } from './policy.js';
import type { RangeQuery } from './schema.js';

/** The longest range a figure is computed over: ten years of months. */
export const MAX_MONTHS = 120;

/** A figure's range as the reader asked for it: the unit chosen (null = all they may see) and the days. */
export interface ResolvedRange extends FigureRange {
  unitId: string | null;
  grain: 'month' | 'year';
}

const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;

/** The first day of the month `months` before the month of `day`. */
export function monthsBefore(day: string, months: number): string {
  const i = monthIndex(day) - months;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
}

/** The default range: the twelve months up to today, the first of them whole. */
export function defaultRange(today = organisationToday()): { from: string; to: string } {
  return { from: monthsBefore(today, 11), to: today };
}

/**
 * The units and days a figure covers, or why not: only staff and board see figures; a unit must be
 * one their roles reach (and then it covers the units below it); the range must run forwards, end by
 * today and span at most ten years. Nothing is computed before this has passed.
 */
export async function resolveRange(db: Db, actor: Actor, query: RangeQuery): Promise<{ ok: true; range: ResolvedRange } | Refusal | Invalid> {
  if (!can(actor, 'insights.view')) return forbidden;
  const today = organisationToday();
  const to = query.to ?? today;
  const from = query.from ?? monthsBefore(to, 11);
  const problems: FieldProblem[] = [];
  if (to > today) problems.push({ path: 'to', code: 'insights.to_in_future' });
  if (from > to) problems.push({ path: 'to', code: 'insights.range_reversed' });
  else if (monthIndex(to) - monthIndex(from) + 1 > MAX_MONTHS) problems.push({ path: 'from', code: 'insights.range_too_long', params: { months: MAX_MONTHS } });
  const all = await listUnitsCached(db);
  let units: FigureRange['units'];
  if (query.unit !== undefined) {
    if (!all.some((u) => u.id === query.unit)) problems.push({ path: 'unit', code: 'insights.unit_unknown' });
    else if (!can(actor, 'insights.unit', query.unit)) problems.push({ path: 'unit', code: 'insights.unit_not_yours' });
    units = below(all, query.unit);
  } else {
    const scope = insightScope(actor);
    units = scope === 'all' ? 'all' : [...scope];
  }
  if (problems.length > 0) return invalidInput(...problems);
  return { ok: true, range: { from, to, units, unitId: query.unit ?? null, grain: query.grain ?? defaultGrain(from, to) } };
}

/** Retention cohorts by month over a range of up to three years (a year's cohorts would not have reached their horizons yet), by year over a longer one. */
export function defaultGrain(from: string, to: string): 'month' | 'year' {
  return monthIndex(to) - monthIndex(from) < 36 ? 'month' : 'year';
}

/** The unit and every unit below it. */
function below(all: readonly { id: string; parentId: string | null }[], unitId: string): string[] {
  const out = [unitId];
  for (let i = 0; i < out.length; i++) for (const u of all) if (u.parentId === out[i]) out.push(u.id);
  return out;
}

/** The units the reader may pick in the filter: those their roles reach, in the tree's order. */
export async function choosableUnits(db: Db, actor: Actor): Promise<{ id: string; name: string; depth: number }[]> {
  const all = await listUnitsCached(db);
  return all.filter((u) => can(actor, 'insights.unit', u.id)).map((u) => ({ id: u.id, name: u.name, depth: u.depth }));
}
