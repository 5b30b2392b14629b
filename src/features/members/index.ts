export {
  persons,
  roleAssignments,
  accessRoles,
  roleKinds,
  memberships,
  membershipTypes,
  membershipEvents,
  membershipSections,
  membershipStatuses,
  consents,
  joinConfirmations,
  type AccessRole,
  type RoleKind,
  type MembershipStatus,
} from './tables.js';
export { memberRoutes } from './routes.js';
export { importRoutes } from './import/routes.js';
export { loadGrants, grantForUnit } from './grants.js';
export { findPersonByEmail, findPersonById, setPreferredLocale, type Person } from './persons.js';
// The register's policy, for features that show people (workplaces, import, joining).
export { can as canMembers, visiblePersonsSql, membershipScopeSql, uuidArray, type MemberAction, type MemberSubject } from './policy.js';
export { loadMemberSubject } from './member-subject.js';
export { listMembers, loadMember, searchCondition, MEMBER_PAGE_SIZE, type MemberRow, type MemberPage } from './queries.js';
export { createMember, type MemberResult } from './create-member.js';
export { updateMember } from './update-member.js';
export { changeMembershipStatus, allowedActions, transitions } from './membership-status.js';
export { listMembershipTypes, listMembershipTypesCached, type MembershipType } from './membership-types.js';
export { nextMemberNumber, type MemberFailure, type MemberFailureReason } from './checks.js';
export { neutraliseCell } from './export-members.js';
export { memberInput, memberPatch, memberOutput, memberListQuery, today, isRealDate, type MemberInput, type MemberPatch, type MemberOutput, type MemberListFilter } from './schema.js';
