import type { FastifyRequest } from 'fastify';
import type { ProblemError } from '../../platform/errors.js';
import type { Failure, ReasonTable } from '../../platform/outcomes.js';
import { electionStatusLabel } from './labels.js';
import { assemblyProblem } from './problems.js';
import type { ElectionStatus } from './election-tables.js';

/** The reasons of bodies, elections and candidates, for the API and the pages. */
export const electionAnswers = {
  election_status: { status: 409, code: 'election.wrong_status', field: 'status' },
  election_closed: { status: 409, code: 'election.closed', field: 'status' },
  already_candidate: { status: 409, code: 'election.already_candidate', field: 'personId' },
  not_nominee: { status: 403, code: 'election.not_nominee' },
  not_candidate: { status: 403, code: 'election.not_candidate' },
  body_name_taken: { status: 409, code: 'body.name_taken', field: 'name' },
} satisfies ReasonTable<string>;

export type ElectionReason = keyof typeof electionAnswers;
export type ElectionFailure<R extends ElectionReason> = { ok: false; reason: R; params?: Record<string, unknown> };

export const electionFailure = <R extends ElectionReason>(reason: R, params?: Record<string, unknown>): ElectionFailure<R> => ({ ok: false, reason, ...(params ? { params } : {}) });

/** An election that is not in the status the step needs; the message names the one it is in. */
export const electionStatus = (status: ElectionStatus): ElectionFailure<'election_status'> => electionFailure('election_status', { status });

/** Any failure of this slice as problem+json in the reader's language. */
export function electionProblem(req: FastifyRequest, failure: Failure<string>): ProblemError {
  const own = failure as { reason: string; params?: Record<string, unknown> };
  if (own.reason === 'election_status' && typeof own.params?.status === 'string' && own.params.status in electionStatusLabel) {
    const status = own.params.status as ElectionStatus;
    return assemblyProblem(req, { ok: false, reason: own.reason, params: { ...own.params, status: req.t(electionStatusLabel[status]) } }, electionAnswers);
  }
  return assemblyProblem(req, failure, electionAnswers);
}
