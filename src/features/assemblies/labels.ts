import type { LabelTable } from '../../platform/i18n/labels.js';
import type { AgendaItemKind, AssemblyKind, AssemblyStatus, Majority, MinutesVisibility } from './tables.js';

export const assemblyStatusLabel = {
  draft: 'assemblies.statuses.draft',
  notice_sent: 'assemblies.statuses.notice_sent',
  in_session: 'assemblies.statuses.in_session',
  closed: 'assemblies.statuses.closed',
  minutes_published: 'assemblies.statuses.minutes_published',
  cancelled: 'assemblies.statuses.cancelled',
} as const satisfies LabelTable<AssemblyStatus>;

export const assemblyKindLabel = {
  ordinary: 'assemblies.kinds.ordinary',
  extraordinary: 'assemblies.kinds.extraordinary',
} as const satisfies LabelTable<AssemblyKind>;

export const agendaItemKindLabel = {
  officers: 'assemblies.item_kinds.officers',
  report: 'assemblies.item_kinds.report',
  motions: 'assemblies.item_kinds.motions',
  future_work: 'assemblies.item_kinds.future_work',
  election: 'assemblies.item_kinds.election',
  discussion: 'assemblies.item_kinds.discussion',
  any_other_business: 'assemblies.item_kinds.any_other_business',
} as const satisfies LabelTable<AgendaItemKind>;

export const majorityLabel = {
  simple: 'assemblies.majorities.simple',
  two_thirds: 'assemblies.majorities.two_thirds',
} as const satisfies LabelTable<Majority>;

export const minutesVisibilityLabel = {
  members: 'assemblies.minutes_visibility.members',
  public: 'assemblies.minutes_visibility.public',
} as const satisfies LabelTable<MinutesVisibility>;
