import { hasRole, reachesUnit, unitScope, type Actor } from '../../platform/actor.js';

export type CompanyAction = 'company.list' | 'company.create' | 'company.view' | 'company.edit';

/** What a member company is to the policy: the unit that looks after it (none: the whole organisation). */
export interface CompanySubject {
  unitId: string | null;
}

/** Staff of the unit that looks after a company work with it; one without a unit belongs to organisation-wide staff and admins. */
function reaches(actor: Actor, unitId: string | null): boolean {
  return unitId === null ? unitScope(actor, 'staff') === 'all' : reachesUnit(actor, unitId, 'staff');
}

/** Member companies are staff work: staff of the company's unit see and change them, admins all. */
export function can(actor: Actor, action: CompanyAction, subject?: CompanySubject): boolean {
  switch (action) {
    case 'company.list':
      return hasRole(actor, 'staff');
    case 'company.create':
      return subject ? reaches(actor, subject.unitId) : hasRole(actor, 'staff');
    case 'company.view':
    case 'company.edit':
      return subject !== undefined && reaches(actor, subject.unitId);
  }
}

/** The units whose companies the actor sees, for SQL. */
export function companyScope(actor: Actor): 'all' | Set<string> {
  return unitScope(actor, 'staff');
}
