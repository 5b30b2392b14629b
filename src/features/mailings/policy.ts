import { hasRole, reachesUnit, unitScope, type Actor } from '../../platform/actor.js';
import { audienceSource } from './audience-sources.js';

export type MailingAction = 'view' | 'create' | 'edit' | 'send' | 'delete';

/** What a mailing is to the policy: the unit it is sent on behalf of. */
export interface MailingSubject {
  unitId: string;
  /** A feature's audience the mailing went to (service mail), if any. */
  audienceSource?: string | null;
}

/**
 * Staff whose grant reaches the mailing's unit compose, send and delete its mailings (admins every
 * unit); the board of the unit may look at them (what went out in its name) but not send. Members
 * and stewards see nothing: a mailing reveals a segment of the register. A mailing to a confidential
 * audience (a closed network's posts) is staff's only.
 */
export function can(actor: Actor, action: MailingAction, subject: MailingSubject): boolean {
  if (action === 'view') {
    if (subject.audienceSource && audienceSource(subject.audienceSource)?.confidential) return reachesUnit(actor, subject.unitId, 'staff');
    return reachesUnit(actor, subject.unitId, 'staff', 'board');
  }
  return reachesUnit(actor, subject.unitId, 'staff');
}

/** May the actor open the mailings area at all (nav item, list page)? The list itself is scoped. */
export function canUseMailings(actor: Actor): boolean {
  return hasRole(actor, 'staff', 'board');
}

/** May the actor compose a mailing in some unit (the "new" page)? */
export function canComposeMailings(actor: Actor): boolean {
  return hasRole(actor, 'staff');
}

/** The units whose mailings the actor sees: `all`, or a set (possibly empty). */
export function mailingViewScope(actor: Actor): 'all' | Set<string> {
  return unitScope(actor, 'staff', 'board');
}

/** The units the actor may compose mailings for. */
export function mailingComposeScope(actor: Actor): 'all' | Set<string> {
  return unitScope(actor, 'staff');
}

/**
 * Newsletter topics belong to the whole organisation (a member's choices are not per unit), so any
 * staff member or admin keeps the catalogue.
 */
export function canManageTopics(actor: Actor): boolean {
  return hasRole(actor, 'staff');
}
