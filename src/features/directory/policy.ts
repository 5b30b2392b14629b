import { grantsOf, isAdmin, reachesUnit, type Actor } from '../../platform/actor.js';

export type DirectoryAction = 'directory.view' | 'directory.edit_own' | 'directory.manage';

/** Holds a staff role today (an admin without one is not office staff and has no entry of their own). */
export function isStaff(actor: Actor): boolean {
  return actor.kind === 'person' && grantsOf(actor).some((g) => g.role === 'staff');
}

/** The directory is public; staff keep their own entry, admins everyone's. */
export function can(actor: Actor, action: DirectoryAction): boolean {
  switch (action) {
    case 'directory.view':
      return true;
    case 'directory.edit_own':
      return isStaff(actor);
    case 'directory.manage':
      return isAdmin(actor);
  }
}

/** The office a staff member may list themselves under: a unit their staff role reaches; admins any. */
export function mayListUnder(actor: Actor, unitId: string): boolean {
  return reachesUnit(actor, unitId, 'staff');
}
