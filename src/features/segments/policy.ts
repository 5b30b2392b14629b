import { hasRole, reachesUnit, type Actor } from '../../platform/actor.js';

export type SegmentAction = 'segment.list' | 'segment.create' | 'segment.view' | 'segment.use';

/** What a segment is to the policy: the unit it belongs to. */
export interface SegmentSubject {
  unitId: string;
}

/**
 * A segment reaches the members of its unit, so it is for those whose grants reach that unit: staff
 * build, change, delete, count and preview it (`use`; admins everywhere); the board may look at it and
 * its count (`view`) but not at the people in it. Members and stewards have no segments.
 */
export function can(actor: Actor, action: SegmentAction, subject?: SegmentSubject): boolean {
  switch (action) {
    case 'segment.list':
      return hasRole(actor, 'staff', 'board');
    case 'segment.create':
      return subject ? reachesUnit(actor, subject.unitId, 'staff') : hasRole(actor, 'staff');
    case 'segment.view':
      return subject !== undefined && reachesUnit(actor, subject.unitId, 'staff', 'board');
    case 'segment.use':
      return subject !== undefined && reachesUnit(actor, subject.unitId, 'staff');
  }
}
