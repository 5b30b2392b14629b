import type { LabelTable } from '../../platform/i18n/labels.js';
import type { RoleKind } from '../../kernel/tables.js';
import type { MembershipStatus } from '../members/index.js';
import type { consentPurposes } from './consent-purposes.js';
import type { ConsentChange } from './me.js';

/** A membership's status as the member and the applicant read it (`me.status.…`). */
export const myStatusLabel = {
  applicant: 'me.status.applicant',
  active: 'me.status.active',
  resigned: 'me.status.resigned',
  expelled: 'me.status.expelled',
  deceased: 'me.status.deceased',
  rejected: 'me.status.rejected',
} as const satisfies LabelTable<MembershipStatus>;

/** A role the person holds, with `{{place}}` (`me.role.…`). */
export const myRoleLabel = {
  member: 'me.role.member',
  steward: 'me.role.steward',
  safety_rep: 'me.role.safety_rep',
  leader: 'me.role.leader',
  board: 'me.role.board',
  staff: 'me.role.staff',
  admin: 'me.role.admin',
} as const satisfies LabelTable<RoleKind>;

/** What each consent the person can change is for (`me.consent_hint.…`). */
export const consentHintLabel = {
  newsletter: 'me.consent_hint.newsletter',
  surveys: 'me.consent_hint.surveys',
  eventPhotos: 'me.consent_hint.eventPhotos',
} as const satisfies LabelTable<(typeof consentPurposes)[number]['field']>;

/** Who changed the person's consents (`me.history_by_…`). */
export const consentChangedByLabel = {
  you: 'me.history_by_you',
  join: 'me.history_by_join',
  organisation: 'me.history_by_organisation',
} as const satisfies LabelTable<ConsentChange['by']>;
