import { hasRole, isAuthenticated, reachesUnit, type Actor } from '../../platform/actor.js';
import type { AssemblyStatus, MinutesVisibility } from './tables.js';

export type AssemblyAction =
  | 'assembly.list'
  | 'assembly.create'
  | 'assembly.view'
  | 'assembly.manage'
  | 'assembly.recommend'
  | 'assembly.view_roll'
  | 'assembly.participate'
  | 'assembly.run'
  | 'assembly.take_minutes'
  | 'assembly.read_minutes'
  | 'assembly.manage_rules'
  | 'assembly.view_board';

/** What an assembly is to the policy. `onRoll` is whether the actor is on its electoral roll. */
export interface AssemblySubject {
  unitId: string;
  status: AssemblyStatus;
  chairPersonId: string | null;
  minuteTakerPersonId: string | null;
  minutesVisibility: MinutesVisibility;
  onRoll: boolean;
}

const self = (actor: Actor, personId: string | null | undefined) => actor.kind === 'person' && personId != null && actor.personId === personId;

/**
 * Staff whose grant reaches the unit call and manage its assemblies (admins all); the unit's board
 * sees them, the roll included, and changes nothing but its recommendation on a motion. A member sees an assembly once its notice is
 * out and they are on its roll: they submit motions, ask to speak, and vote (when checked in — the
 * use cases check that). The chair runs the console, the minute taker writes the minutes (staff of
 * the unit may do both). Published minutes are for the roll, or for everyone when the assembly says
 * so. Anything out of sight reads as "not found".
 */
export function can(actor: Actor, action: AssemblyAction, subject?: AssemblySubject): boolean {
  switch (action) {
    case 'assembly.list':
      // Scoped per reader: a member's list holds the assemblies whose roll they are on.
      return isAuthenticated(actor);
    case 'assembly.create':
    case 'assembly.manage_rules':
      return subject ? reachesUnit(actor, subject.unitId, 'staff') : hasRole(actor, 'staff');
    case 'assembly.view':
      if (!subject) return false;
      if (reachesUnit(actor, subject.unitId, 'staff', 'board')) return true;
      if (self(actor, subject.chairPersonId) || self(actor, subject.minuteTakerPersonId)) return true;
      if (subject.status === 'draft' || subject.status === 'cancelled') return false;
      return subject.onRoll;
    case 'assembly.manage':
      return subject !== undefined && reachesUnit(actor, subject.unitId, 'staff');
    case 'assembly.recommend':
      // The board's recommendation on a motion: the board writes it, or staff enter it for them.
      return subject !== undefined && reachesUnit(actor, subject.unitId, 'staff', 'board');
    case 'assembly.view_roll':
      return subject !== undefined && reachesUnit(actor, subject.unitId, 'staff', 'board');
    case 'assembly.participate':
      return subject !== undefined && actor.kind === 'person' && subject.onRoll && subject.status !== 'draft' && subject.status !== 'cancelled';
    case 'assembly.run':
      return subject !== undefined && (reachesUnit(actor, subject.unitId, 'staff') || self(actor, subject.chairPersonId));
    case 'assembly.take_minutes':
      return subject !== undefined && (reachesUnit(actor, subject.unitId, 'staff') || self(actor, subject.minuteTakerPersonId));
    case 'assembly.read_minutes':
      if (!subject) return false;
      if (subject.status !== 'minutes_published') return can(actor, 'assembly.take_minutes', subject) || can(actor, 'assembly.run', subject) || reachesUnit(actor, subject.unitId, 'board');
      return subject.minutesVisibility === 'public' || can(actor, 'assembly.view', subject);
    case 'assembly.view_board':
      // A unit's board is public knowledge (who holds office), like the unit itself.
      return true;
  }
}
