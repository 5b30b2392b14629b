import type { LabelTable } from '../../platform/i18n/labels.js';
import type { SortKey, StatusAction } from './schema.js';
import type { MembershipStatus } from './tables.js';

/** Each membership status's name (`members.statuses.…`). */
export const membershipStatusLabel = {
  applicant: 'members.statuses.applicant',
  active: 'members.statuses.active',
  resigned: 'members.statuses.resigned',
  expelled: 'members.statuses.expelled',
  deceased: 'members.statuses.deceased',
  rejected: 'members.statuses.rejected',
} as const satisfies LabelTable<MembershipStatus>;

/** Each change of status as the staff choose it (`members.actions.…`). */
export const statusActionLabel = {
  resign: 'members.actions.resign',
  expel: 'members.actions.expel',
  deceased: 'members.actions.deceased',
  reinstate: 'members.actions.reinstate',
} as const satisfies LabelTable<StatusAction>;

/** What the member list sorts by (`members.sort_by.…`). */
export const sortKeyLabel = {
  name: 'members.sort_by.name',
  number: 'members.sort_by.number',
  joined: 'members.sort_by.joined',
} as const satisfies LabelTable<SortKey>;

/** The member list's sort orders (`members.orders.…`). */
export const sortOrderLabel = {
  asc: 'members.orders.asc',
  desc: 'members.orders.desc',
} as const satisfies LabelTable<'asc' | 'desc'>;
