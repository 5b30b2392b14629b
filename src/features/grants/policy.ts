import { actorPersonId, hasRole, isAuthenticated, reachesUnit, type Actor } from '../../platform/actor.js';
import type { ApplicationStatus } from './tables.js';

export type GrantAction =
  | 'grant.list'
  | 'grant.pool_create'
  | 'grant.pool_manage'
  | 'grant.pool_view'
  | 'grant.pool_public'
  | 'grant.review'
  | 'grant.decide'
  | 'grant.pay'
  | 'grant.export'
  | 'grant.application_view'
  | 'grant.application_edit'
  | 'grant.application_withdraw'
  | 'grant.application_report';

/** What a pool or an application is to the policy. For a pool alone, leave the application fields out. */
export interface GrantSubject {
  unitId: string;
  public?: boolean;
  applicantId?: string;
  coApplicantIds?: readonly string[];
  status?: ApplicationStatus;
}

const mine = (actor: Actor, s: GrantSubject | undefined) => {
  const me = actorPersonId(actor);
  return me !== null && s !== undefined && (s.applicantId === me || (s.coApplicantIds ?? []).includes(me));
};

/**
 * Staff whose grant reaches the pool's unit manage the pool and pay out (admins all); the unit's
 * board and staff review and decide (whether this reviewer is conflicted is the use case's question:
 * it needs the register); an applicant and co-applicants see their own application, and only the
 * applicant changes it. Everything else is out of sight. A public pool's page is for everyone.
 */
export function can(actor: Actor, action: GrantAction, subject?: GrantSubject): boolean {
  switch (action) {
    case 'grant.list':
      return isAuthenticated(actor);
    case 'grant.pool_create':
      return subject ? reachesUnit(actor, subject.unitId, 'staff') : hasRole(actor, 'staff');
    case 'grant.pool_manage':
    case 'grant.pay':
      return subject !== undefined && reachesUnit(actor, subject.unitId, 'staff');
    case 'grant.pool_view':
    case 'grant.review':
    case 'grant.decide':
    case 'grant.export':
      return subject !== undefined && reachesUnit(actor, subject.unitId, 'staff', 'board');
    case 'grant.pool_public':
      return subject !== undefined && (subject.public === true || reachesUnit(actor, subject.unitId, 'staff', 'board'));
    case 'grant.application_view':
      return subject !== undefined && (mine(actor, subject) || reachesUnit(actor, subject.unitId, 'staff', 'board'));
    case 'grant.application_edit':
      return subject !== undefined && subject.status === 'draft' && actorPersonId(actor) === subject.applicantId;
    case 'grant.application_withdraw':
      return subject !== undefined && actorPersonId(actor) === subject.applicantId && (subject.status === 'draft' || subject.status === 'submitted' || subject.status === 'in_review');
    case 'grant.application_report':
      // The applicant or a co-applicant reports; staff may enter a report handed in on paper.
      return subject !== undefined && (mine(actor, subject) || reachesUnit(actor, subject.unitId, 'staff'));
  }
}
