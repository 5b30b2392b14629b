import { hasRole, reachesUnit, stewardWorkplaces, unitScope, type Actor } from '../../platform/actor.js';

export type WorkplaceAction = 'workplace.list' | 'workplace.create' | 'workplace.view' | 'workplace.edit' | 'workplace.manage_people';

/** What a workplace is to the policy: itself and the unit it belongs to. */
export interface WorkplaceSubject {
  id: string;
  unitId: string;
}

/**
 * Staff and board see the workplaces of their units (admins all); stewards and safety reps see
 * only the workplaces where they hold office. Only staff of the unit (and admins) change anything.
 */
export function can(actor: Actor, action: WorkplaceAction, subject?: WorkplaceSubject): boolean {
  switch (action) {
    case 'workplace.list':
      return hasRole(actor, 'staff', 'board') || stewardWorkplaces(actor).size > 0;
    case 'workplace.create':
      return subject ? reachesUnit(actor, subject.unitId, 'staff') : hasRole(actor, 'staff');
    case 'workplace.view':
      return subject !== undefined && (reachesUnit(actor, subject.unitId, 'staff', 'board') || stewardWorkplaces(actor).has(subject.id));
    case 'workplace.edit':
    case 'workplace.manage_people':
      return subject !== undefined && reachesUnit(actor, subject.unitId, 'staff');
  }
}

/** The workplaces an actor may see, for SQL: whole units (or all) plus single workplaces held in office. */
export interface WorkplaceScope {
  units: 'all' | ReadonlySet<string>;
  workplaces: ReadonlySet<string>;
}

export function workplaceScope(actor: Actor): WorkplaceScope {
  return { units: unitScope(actor, 'staff', 'board'), workplaces: stewardWorkplaces(actor) };
}
