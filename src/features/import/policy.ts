import { hasRole, isAdmin, reachesUnit, type Actor } from '../../platform/actor.js';

export type ImportAction = 'import.members' | 'import.workplaces' | 'import.into_unit' | 'import.change_person';

/**
 * What a row touches: the unit it puts a member or workplace in, or an existing person (their
 * membership's unit, or none, and whether they hold an office role such as staff or board).
 */
export interface ImportSubject {
  unitId: string | null;
  privileged?: boolean;
}

/**
 * Staff import into the units they work for (and everything below them); admins anywhere. A person
 * who already exists may be changed when their membership is in reach; one without a membership
 * only when they hold no staff, board or admin role, whose details are not a district's to change.
 */
export function can(actor: Actor, action: ImportAction, subject: ImportSubject = { unitId: null }): boolean {
  switch (action) {
    case 'import.members':
    case 'import.workplaces':
      return hasRole(actor, 'staff');
    case 'import.into_unit':
      return reachesUnit(actor, subject.unitId, 'staff');
    case 'import.change_person':
      if (isAdmin(actor)) return true;
      if (subject.unitId !== null) return reachesUnit(actor, subject.unitId, 'staff');
      return !subject.privileged && hasRole(actor, 'staff');
  }
}
