import { hasRole, reachesUnit, stewardWorkplaces, type Actor } from '../../platform/actor.js';

export type SurveyAction = 'survey.list' | 'survey.create' | 'survey.manage' | 'survey.view' | 'survey.results' | 'survey.export' | 'survey.workplace_rate';

/** What a survey is to the policy: its unit. For the workplace rate, the workplace asked about. */
export interface SurveySubject {
  unitId: string;
  workplaceId?: string;
}

/**
 * Staff whose grant reaches the survey's unit build it, run its waves and export its answers
 * (admins all); the unit's board sees it and its results (never below the smallest group). A
 * steward sees the response rate of their own workplace, from who has answered, never the answers.
 * Answering is not a role: the wave's invitees answer (the use case checks the invitation).
 */
export function can(actor: Actor, action: SurveyAction, subject?: SurveySubject): boolean {
  switch (action) {
    case 'survey.list':
      return hasRole(actor, 'staff', 'board');
    case 'survey.create':
      return subject ? reachesUnit(actor, subject.unitId, 'staff') : hasRole(actor, 'staff');
    case 'survey.manage':
    case 'survey.export':
      return subject !== undefined && reachesUnit(actor, subject.unitId, 'staff');
    case 'survey.view':
    case 'survey.results':
      return subject !== undefined && reachesUnit(actor, subject.unitId, 'staff', 'board');
    case 'survey.workplace_rate':
      return subject?.workplaceId !== undefined && stewardWorkplaces(actor).has(subject.workplaceId);
  }
}
