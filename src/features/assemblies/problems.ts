import type { FastifyRequest } from 'fastify';
import type { ProblemError } from '../../platform/errors.js';
import { problemFor, type Failure, type ReasonTable } from '../../platform/outcomes.js';
import { assemblyStatusLabel } from './labels.js';

/**
 * The assemblies' own reasons, besides refusals and invalid input: one table for the API and the
 * pages. A reason that a rule of the statutes decided names the rule in its message.
 */
export const assemblyAnswers = {
  wrong_status: { status: 409, code: 'assembly.wrong_status', field: 'status' },
  notice_late: { status: 409, code: 'assembly.notice_late', field: 'startsAt' },
  empty_roll: { status: 409, code: 'assembly.empty_roll' },
  pack_sent: { status: 409, code: 'assembly.pack_sent' },
  no_motions: { status: 409, code: 'assembly.no_motions' },
} satisfies ReasonTable<string>;

export type AssemblyReason = keyof typeof assemblyAnswers;

/** Any failure of this feature as problem+json in the reader's language. */
export function assemblyProblem(req: FastifyRequest, failure: Failure<string>, table: ReasonTable<string> = assemblyAnswers): ProblemError {
  const own = failure as { reason: string; params?: Record<string, unknown> };
  if (own.reason === 'wrong_status' && typeof own.params?.status === 'string' && own.params.status in assemblyStatusLabel) {
    const status = own.params.status as keyof typeof assemblyStatusLabel;
    return problemFor(req, { ok: false, reason: own.reason, params: { ...own.params, status: req.t(assemblyStatusLabel[status]) } }, { ...assemblyAnswers, ...table });
  }
  return problemFor(req, failure, { ...assemblyAnswers, ...table });
}
