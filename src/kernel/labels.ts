import type { LabelTable } from '../platform/i18n/labels.js';
import type { EmployerKind, RoleKind, UnitKind } from './tables.js';

/** Each kind of unit's name (`units.kind.…`). */
export const unitKindLabel = {
  national: 'units.kind.national',
  district: 'units.kind.district',
  section: 'units.kind.section',
} as const satisfies LabelTable<UnitKind>;

/** Each organisational role's name, as the register shows it (`members.roles.…`). */
export const roleKindLabel = {
  member: 'members.roles.member',
  steward: 'members.roles.steward',
  safety_rep: 'members.roles.safety_rep',
  leader: 'members.roles.leader',
  board: 'members.roles.board',
  staff: 'members.roles.staff',
  admin: 'members.roles.admin',
} as const satisfies LabelTable<RoleKind>;

/** Each kind of employer's name (`workplaces.employer_kinds.…`). */
export const employerKindLabel = {
  municipality: 'workplaces.employer_kinds.municipality',
  region: 'workplaces.employer_kinds.region',
  state: 'workplaces.employer_kinds.state',
  private: 'workplaces.employer_kinds.private',
  member_company: 'workplaces.employer_kinds.member_company',
} as const satisfies LabelTable<EmployerKind>;
