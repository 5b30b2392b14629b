import { hasRole, type Actor } from '../../platform/actor.js';
import type { ReleaseStatus } from './tables.js';

export type PressAction = 'press.list' | 'press.view' | 'press.manage';

/** What a release is to the policy. */
export interface ReleaseSubject {
  status: ReleaseStatus;
  /** Published, and its publication time and embargo have passed. */
  released: boolean;
}

/**
 * The press room is the organisation's public face: everyone reads a release once it is out; staff
 * (and admins) write, publish and see drafts and releases under embargo. Before it is out a release
 * reads as "not found" to everyone else — an embargo that answered "log in" would say there is news.
 */
export function can(actor: Actor, action: PressAction, subject?: ReleaseSubject): boolean {
  const manages = hasRole(actor, 'staff');
  switch (action) {
    case 'press.list':
      return true;
    case 'press.manage':
      return manages;
    case 'press.view':
      return subject !== undefined && ((subject.status === 'published' && subject.released) || manages);
  }
}
