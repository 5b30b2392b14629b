import type { LabelTable } from '../../platform/i18n/labels.js';
import type { Audience, AudienceRole, EventKind, EventStatus, MaterialVisibility, RegistrationStatus } from './tables.js';

/** Each kind of event's name (`event.kinds.…`). */
export const eventKindLabel = {
  member_meeting: 'event.kinds.member_meeting',
  annual_meeting: 'event.kinds.annual_meeting',
  webinar: 'event.kinds.webinar',
  network_meeting: 'event.kinds.network_meeting',
  course: 'event.kinds.course',
  board_seminar: 'event.kinds.board_seminar',
  role_meeting: 'event.kinds.role_meeting',
} as const satisfies LabelTable<EventKind>;

/** Each event status's name (`event.statuses.…`). */
export const eventStatusLabel = {
  draft: 'event.statuses.draft',
  published: 'event.statuses.published',
  cancelled: 'event.statuses.cancelled',
} as const satisfies LabelTable<EventStatus>;

/** What each status means, on the staff's page of the event (`event_staff.status_text.…`). */
export const eventStatusText = {
  draft: 'event_staff.status_text.draft',
  published: 'event_staff.status_text.published',
  cancelled: 'event_staff.status_text.cancelled',
} as const satisfies LabelTable<EventStatus>;

/** Each audience's label (`event_staff.audience_options.…`; one built from the value once went missing). */
export const audienceLabel = {
  public: 'event_staff.audience_options.public',
  members: 'event_staff.audience_options.members',
  unit_members: 'event_staff.audience_options.unit_members',
  roles: 'event_staff.audience_options.roles',
  workplace: 'event_staff.audience_options.workplace',
  network: 'event_staff.audience_options.network',
} as const satisfies LabelTable<Audience>;

/** Each role an event can be for (`event.audience_roles.…`). */
export const audienceRoleLabel = {
  steward: 'event.audience_roles.steward',
  safety_rep: 'event.audience_roles.safety_rep',
  leader: 'event.audience_roles.leader',
  board: 'event.audience_roles.board',
  staff: 'event.audience_roles.staff',
} as const satisfies LabelTable<AudienceRole>;

/** Who sees an event's material (`event_staff.visibility.…`). */
export const materialVisibilityLabel = {
  participants: 'event_staff.visibility.participants',
  public: 'event_staff.visibility.public',
} as const satisfies LabelTable<MaterialVisibility>;

/** Each registration status's name (`event.registration_statuses.…`). */
export const registrationStatusLabel = {
  pending: 'event.registration_statuses.pending',
  confirmed: 'event.registration_statuses.confirmed',
  waitlisted: 'event.registration_statuses.waitlisted',
  cancelled: 'event.registration_statuses.cancelled',
} as const satisfies LabelTable<RegistrationStatus>;
