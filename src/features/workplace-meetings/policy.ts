import { hasRole, isAdmin, isAuthenticated, reachesUnit, stewardWorkplaces, type Actor } from '../../platform/actor.js';

export type MeetingAction =
  | 'workplace_meeting.request'
  | 'workplace_meeting.list'
  | 'workplace_meeting.view'
  | 'workplace_meeting.manage'
  | 'workplace_meeting.report'
  | 'workplace_meeting.cancel'
  | 'workplace_meeting.manage_topics'
  | 'workplace_meeting.stats'
  | 'workplace_meeting.assigned';

/** What a meeting is to the policy. */
export interface MeetingSubject {
  unitId: string;
  workplaceId: string | null;
  requesterPersonId: string | null;
  politicianId?: string | null;
  consultantId?: string | null;
  status?: string;
}

const self = (actor: Actor, personId: string | null | undefined) => actor.kind === 'person' && personId != null && actor.personId === personId;

/**
 * Anyone may ask for a meeting (the public form included). Staff and board whose grants reach the
 * unit see its meetings (admins all); a steward sees the meetings of the workplaces where they hold
 * office; a requester sees their own. Staff of the unit run the queue; the assigned politician and
 * consultant may also write the report. A subject out of sight reads as "not found".
 */
export function can(actor: Actor, action: MeetingAction, subject?: MeetingSubject): boolean {
  switch (action) {
    case 'workplace_meeting.request':
      return true;
    case 'workplace_meeting.list':
      // The list is scoped per reader; a reader with no reach gets an empty one, never someone else's.
      return isAuthenticated(actor);
    case 'workplace_meeting.view':
      if (!subject) return false;
      return (
        reachesUnit(actor, subject.unitId, 'staff', 'board') ||
        (subject.workplaceId !== null && stewardWorkplaces(actor).has(subject.workplaceId)) ||
        self(actor, subject.requesterPersonId) ||
        self(actor, subject.politicianId) ||
        self(actor, subject.consultantId)
      );
    case 'workplace_meeting.manage':
      return subject !== undefined && reachesUnit(actor, subject.unitId, 'staff');
    case 'workplace_meeting.report':
      return subject !== undefined && (reachesUnit(actor, subject.unitId, 'staff') || self(actor, subject.politicianId) || self(actor, subject.consultantId));
    case 'workplace_meeting.cancel':
      // The office cancels any meeting; a requester withdraws their own request before it is scheduled.
      if (!subject) return false;
      if (reachesUnit(actor, subject.unitId, 'staff')) return true;
      return self(actor, subject.requesterPersonId) && (subject.status === 'new' || subject.status === 'in_progress');
    case 'workplace_meeting.manage_topics':
      return subject ? reachesUnit(actor, subject.unitId, 'staff') : hasRole(actor, 'staff');
    case 'workplace_meeting.stats':
      return subject ? reachesUnit(actor, subject.unitId, 'staff', 'board') : hasRole(actor, 'staff', 'board');
    case 'workplace_meeting.assigned':
      // The meetings a person is assigned to: a person's own list, staff or board.
      return actor.kind === 'person' && (isAdmin(actor) || hasRole(actor, 'staff', 'board'));
  }
}
