import { hasRole, type Actor } from '../../platform/actor.js';
import type { IssueAudience, IssueStatus } from './tables.js';

export type MagazineAction = 'magazine.list' | 'magazine.view' | 'magazine.read' | 'magazine.manage';

/** What an issue is to the policy. */
export interface IssueSubject {
  status: IssueStatus;
  audience: IssueAudience;
}

/**
 * Who reads what the magazine keeps for members: anyone with an active membership, and the union's
 * own people (stewards, board, staff and admins), as for events meant for members.
 */
export function readsMembersOnly(actor: Actor): boolean {
  return hasRole(actor, 'member', 'steward', 'board', 'staff');
}

/**
 * The magazine is the organisation's, not a unit's: staff (and admins) make it. A published issue
 * is seen by everyone — its cover, title and table of contents are what makes a reader join — but
 * the PDF and the articles of a members-only issue are for members. A draft is for staff only and
 * reads as "not found" to everyone else.
 */
export function can(actor: Actor, action: MagazineAction, subject?: IssueSubject): boolean {
  const manages = hasRole(actor, 'staff');
  switch (action) {
    case 'magazine.list':
      return true;
    case 'magazine.manage':
      return manages;
    case 'magazine.view':
      return subject !== undefined && (subject.status === 'published' || manages);
    case 'magazine.read':
      return subject !== undefined && can(actor, 'magazine.view', subject) && (subject.audience === 'public' || readsMembersOnly(actor));
  }
}
