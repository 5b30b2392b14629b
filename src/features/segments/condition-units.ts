import { reachesUnit, type Actor } from '../../platform/actor.js';
import type { Unit } from '../../kernel/units.js';

/**
 * The units a segment's `unit` and `section` conditions may name for this actor, in tree order: the
 * units their staff or board grants reach (admins all), and the sections that hang off a unit above
 * those (an organisation-wide section such as the leaders' section spans every district). Another
 * district and its sections stay out of the form, and the use case refuses them by hand, so the
 * builder never shows a district's staff the units of another. `keep` (ids already chosen) stay on
 * offer, as they do for workplaces and events, so that an edit shows what the segment holds.
 */
export function conditionUnits(actor: Actor, all: readonly Unit[], keep: readonly string[] = []): Unit[] {
  const reached = (u: Unit) => reachesUnit(actor, u.id, 'staff', 'board');
  const parentOf = new Map(all.map((u) => [u.id, u.parentId]));
  const above = new Set<string>();
  for (const u of all.filter(reached)) {
    for (let p = u.parentId; p !== null && !above.has(p); p = parentOf.get(p) ?? null) above.add(p);
  }
  const kept = new Set(keep.map((id) => id.toLowerCase()));
  return all.filter((u) => reached(u) || (u.kind === 'section' && u.parentId !== null && above.has(u.parentId)) || kept.has(u.id));
}
