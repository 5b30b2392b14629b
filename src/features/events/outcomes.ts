import type { ReasonTable } from '../../platform/outcomes.js';
import type { RegistrationFailureReason } from './seats.js';

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
  starts_in_past: { status: 409, code: 'event.starts_in_past', field: 'startsAt' },
} satisfies ReasonTable<'cancelled_event' | 'starts_in_past'>;
