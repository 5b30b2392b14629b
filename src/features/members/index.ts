import { sql } from 'drizzle-orm';
import type { Feature } from '../../kernel/feature.js';
import { membersPersonalData } from './personal-data.js';
import { can } from './policy.js';
import { memberRoutes } from './routes.js';

export { membershipStatuses, type MembershipStatus } from './tables.js';
export { membershipStatusLabel } from './labels.js';
// The register's policy, for features that show people (workplaces, import, joining).
export { can as canMembers, visiblePersonsSql, membershipScopeSql, type MemberAction, type MemberSubject } from './policy.js';
export { loadMemberSubject } from './member-subject.js';
export { findPersonByMemberNumber } from './member-number.js';
export { seedDemoMembershipTypes, seedDemoMemberships, type DemoMembership } from './demo.js';
export { isActiveMembershipType, activeMembershipTypeChoices, openApplicantMembership, unconfirmedApplicantMembership, confirmApplicantEmail, lockApplicantMembership, decideApplicantMembership, deleteApplicantMembership, listApplicantMemberships, findApplicantMembership, type ApplicantRow, type LockedApplication } from './applicants.js';
export { consentsOf, recordConsents, type ConsentRecord } from './consent-records.js';
export { ownMembership, membershipHistory, type OwnMembership, type MembershipHistoryEntry } from './own-membership.js';
export { memberNumberSql, newslettersNotRefusedSql, refusedNewsletters } from './fragments.js';
export { membersWhereSql, membersInDistrictsSql, membersInSectionsSql, membersOfTypesSql, membersWithStatusesSql, memberDistrictNameSql, membershipTypeNamesSql, type MembershipTests } from './audience-sql.js';
export { activeMemberSql, findActiveMember, membersActiveOnSql, membershipCategorySql, type ActiveMember } from './membership-sql.js';
export { membershipTypeRecords, memberNumberHoldersSql, membershipOfSql, writeStagedMemberships, type MembershipTypeRecord, type StagedHistory } from './bulk.js';
export { listMembers, loadMember, searchCondition, MEMBER_PAGE_SIZE, type MemberRow, type MemberPage } from './queries.js';
export { createMember, type MemberResult } from './create-member.js';
export { updateMember } from './update-member.js';
export { changeMembershipStatus, allowedActions, transitions } from './membership-status.js';
export { listMembershipTypes, listMembershipTypesCached, type MembershipType } from './membership-types.js';
export { nextMemberNumber, type MemberFailure, type MemberFailureReason } from './checks.js';
export { membersOverTime, membershipFlows, leaveReasons, retentionCohorts, retentionHorizons, type MembersOverTimeRow, type MembershipFlowRow, type LeaveReasonRow, type LeaveStatus, type RetentionCohortRow, type RetentionHorizon } from './history-figures.js';
export { memberInput, memberPatch, memberOutput, memberListQuery, today, isRealDate, type MemberInput, type MemberPatch, type MemberOutput, type MemberListFilter } from './schema.js';

/** The register: members, their memberships and membership types (pages and API). */
export const feature: Feature = {
  name: 'members',
  personalData: membersPersonalData,
  nav: [{ href: '/members', labelKey: 'members.nav', visible: (a) => can(a, 'members.list'), order: 10 }],
  // An active membership makes a member of its district and of each of its sections.
  grantSources: [
    {
      name: 'members.active_membership',
      rows: (personId) => sql`
        select 'member', m.unit_id, null::uuid from memberships m where m.person_id = ${personId} and m.status = 'active'
        union
        select 'member', s.unit_id, null::uuid from membership_sections s join memberships m on m.id = s.membership_id
        where m.person_id = ${personId} and m.status = 'active'`,
    },
  ],
  routes: memberRoutes,
};
