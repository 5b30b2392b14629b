import { hasRole, isAdmin, reachesUnit, type Actor } from '../../platform/actor.js';
import type { JoinPolicy, MembershipStatus, NetworkKind, NetworkRole, NetworkVisibility } from './tables.js';

export type NetworkAction =
  | 'network.list'
  | 'network.create'
  | 'network.see'
  | 'network.read'
  | 'network.post'
  | 'network.coordinate'
  | 'network.manage'
  | 'network.join';

/** What a network is to the policy, with the reader's standing in it (none: not in it). */
export interface NetworkSubject {
  unitId: string;
  kind: NetworkKind;
  visibility: NetworkVisibility;
  joinPolicy: JoinPolicy;
  archived: boolean;
  /** The reader's place: their own row, or their company's (a contact person takes part for it). */
  standing: { role: NetworkRole; status: MembershipStatus } | null;
}

const active = (s: NetworkSubject) => s.standing?.status === 'active';

/** Staff whose grant reaches the network's unit run it (admins all): they are never outsiders. */
export function organises(actor: Actor, s: NetworkSubject): boolean {
  return isAdmin(actor) || reachesUnit(actor, s.unitId, 'staff');
}

/**
 * Networks are for the people in them. Anyone signed in sees a listed network's name, description
 * and staff (and may ask to join); a hidden network exists only for its participants, the invited
 * and those who ask (requested), and its organisers. Members, threads, files and meetings are read
 * by active participants and organisers only — an outsider is told the network or the thing does
 * not exist. Participants post; coordinators (and organisers) approve, invite, remove, pin, lock and
 * hide; organisers also change the network and attach staff.
 */
export function can(actor: Actor, action: NetworkAction, s?: NetworkSubject): boolean {
  switch (action) {
    case 'network.list':
      return actor.kind === 'person' || actor.kind === 'token' || actor.kind === 'system';
    case 'network.create':
      return s ? reachesUnit(actor, s.unitId, 'staff') : hasRole(actor, 'staff');
    case 'network.see':
      if (!s) return false;
      if (organises(actor, s) || s.standing !== null) return true;
      return s.visibility === 'listed' && !s.archived && actor.kind !== 'anonymous';
    case 'network.read':
      return s !== undefined && (organises(actor, s) || active(s));
    case 'network.post':
      return s !== undefined && !s.archived && actor.kind === 'person' && (organises(actor, s) || active(s));
    case 'network.coordinate':
      return s !== undefined && (organises(actor, s) || (active(s) && s.standing?.role === 'coordinator'));
    case 'network.manage':
      return s !== undefined && organises(actor, s);
    case 'network.join':
      return s !== undefined && !s.archived && actor.kind === 'person' && (s.visibility === 'listed' || s.standing?.status === 'invited');
  }
}
