import type { FastifyRequest } from 'fastify';
import type { ProblemError } from '../../platform/errors.js';
import { problemFor, type Failure, type ReasonTable } from '../../platform/outcomes.js';

/** The networks' own reasons, besides refusals and invalid input: one table for the API and the pages. */
export const networkAnswers = {
  already_member: { status: 409, code: 'network.already_member' },
  already_requested: { status: 409, code: 'network.already_requested' },
  invitation_only: { status: 403, code: 'network.invitation_only' },
  last_coordinator: { status: 409, code: 'network.last_coordinator' },
  not_pending: { status: 409, code: 'network.not_pending' },
  thread_locked: { status: 409, code: 'network.thread_locked' },
  post_removed: { status: 409, code: 'network.post_removed' },
  file_empty: { status: 422, code: 'network.file_empty', field: 'file' },
  file_too_large: { status: 413, code: 'network.file_too_large', field: 'file' },
  file_wrong_type: { status: 422, code: 'network.file_wrong_type', field: 'file' },
  meeting_not_held: { status: 409, code: 'network.meeting_not_held' },
} satisfies ReasonTable<string>;

export type NetworkReason = keyof typeof networkAnswers;

/** Any failure of this feature as problem+json in the reader's language. */
export function networkProblem(req: FastifyRequest, failure: Failure<string>): ProblemError {
  return problemFor(req, failure as Failure<NetworkReason>, networkAnswers);
}
