import type { LabelTable } from '../../platform/i18n/labels.js';
import type { FileReason } from './files.js';
import type { JoinPolicy, MembershipStatus, NetworkKind, NetworkRole, NetworkVisibility } from './tables.js';

/** Each kind of network's name (`networks.kinds.…`). */
export const networkKindLabel = {
  people: 'networks.kinds.people',
  companies: 'networks.kinds.companies',
} as const satisfies LabelTable<NetworkKind>;

/** Each visibility's name (`networks.visibilities.…`). */
export const networkVisibilityLabel = {
  listed: 'networks.visibilities.listed',
  hidden: 'networks.visibilities.hidden',
} as const satisfies LabelTable<NetworkVisibility>;

/** Each join policy's name (`networks.join_policies.…`). */
export const joinPolicyLabel = {
  open: 'networks.join_policies.open',
  request: 'networks.join_policies.request',
  invitation: 'networks.join_policies.invitation',
} as const satisfies LabelTable<JoinPolicy>;

/** Each role's name (`networks.roles.…`). */
export const networkRoleLabel = {
  member: 'networks.roles.member',
  coordinator: 'networks.roles.coordinator',
  expert: 'networks.roles.expert',
} as const satisfies LabelTable<NetworkRole>;

/** Each standing's name (`networks.statuses.…`). */
export const membershipStatusLabel = {
  active: 'networks.statuses.active',
  requested: 'networks.statuses.requested',
  invited: 'networks.statuses.invited',
} as const satisfies LabelTable<MembershipStatus>;

export const membershipStatusBadge = {
  active: 'success',
  requested: 'warning',
  invited: 'info',
} as const satisfies Record<MembershipStatus, 'success' | 'warning' | 'info'>;

/** Why an upload was refused, as the code its file field shows. */
export const fileReasonCode = {
  file_empty: 'network.file_empty',
  file_too_large: 'network.file_too_large',
  file_wrong_type: 'network.file_wrong_type',
} as const satisfies LabelTable<FileReason>;
