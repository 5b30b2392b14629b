import type { ReasonTable } from '../../platform/outcomes.js';
import type { RegistrationFailureReason } from './seats.js';
import type { Audience } from './tables.js';

/**
 * How a refused registration answers, for the API and the registration form alike. A duplicate is
 * about the person being registered: `memberId` when staff register a member, `email` for the public
 * form, none when a logged-in person registers themselves.
 */
export function registrationAnswers(duplicateField: 'memberId' | 'email' | null): ReasonTable<RegistrationFailureReason> {
  return {
    duplicate: { status: 409, code: 'event.duplicate', ...(duplicateField ? { field: duplicateField } : {}) },
    full: { status: 409, code: 'event.full' },
    cancelled_event: { status: 409, code: 'event.cancelled_event' },
    closed: { status: 422, code: 'event.closed' },
    not_open: { status: 422, code: 'event.not_open' },
    too_many_guests: { status: 422, code: 'event.too_many_guests', field: 'guests' },
    unknown_member: { status: 422, code: 'event.unknown_member', field: 'memberId' },
    not_allowed: { status: 403, code: 'event.not_allowed', whenAnonymous: { status: 401, code: 'auth.required' } },
  };
}

/** The event use cases' own reason, besides refusals and invalid input. */
export const eventAnswers = {
  cancelled_event: { status: 409, code: 'event.cancelled_event' },
} satisfies ReasonTable<'cancelled_event'>;

/** Each audience's label, written out so the locale test finds every key (one built from the value once went missing). */
export const audienceLabelKeys = {
  public: 'event_staff.audience_options.public',
  members: 'event_staff.audience_options.members',
  unit_members: 'event_staff.audience_options.unit_members',
  roles: 'event_staff.audience_options.roles',
  workplace: 'event_staff.audience_options.workplace',
} satisfies Record<Audience, string>;
