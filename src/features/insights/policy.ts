import { hasRole, reachesUnit, unitScope, type Actor } from '../../platform/actor.js';

export type InsightAction = 'insights.view' | 'insights.unit';

/**
 * The dashboard is for the board and the staff: each sees the units their roles reach (a district's
 * board its district and everything below it; admins and national roles every unit). Members,
 * stewards and visitors see none of it. `insights.unit` asks whether one unit is among them.
 */
export function can(actor: Actor, action: InsightAction, unitId?: string): boolean {
  switch (action) {
    case 'insights.view':
      return hasRole(actor, 'staff', 'board');
    case 'insights.unit':
      return unitId !== undefined && reachesUnit(actor, unitId, 'staff', 'board');
  }
}

/** The units the actor's dashboard covers when no unit is chosen. */
export function insightScope(actor: Actor): 'all' | Set<string> {
  return unitScope(actor, 'staff', 'board');
}
