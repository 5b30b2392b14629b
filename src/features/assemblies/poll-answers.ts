import type { FastifyRequest } from 'fastify';
import type { ProblemError } from '../../platform/errors.js';
import type { Failure, ReasonTable } from '../../platform/outcomes.js';
import { hallPollStatusLabel as pollStatusLabel } from './labels.js';
import { assemblyProblem } from './problems.js';
import type { PollStatus } from './poll-tables.js';

/*
 * The reasons of attendance, proxies, polls and ballots, for the API and the pages. Each reason that
 * a rule of the statutes or of the poll decided names that rule in its message ("at most 2 proxies per
 * holder", "nothing may be decided under any other business"), so the hall is told why, not only no.
 */

export const attendanceAnswers = {
  not_on_roll: { status: 422, code: 'attendance.not_on_roll', field: 'memberId' },
  not_checked_in: { status: 409, code: 'attendance.not_checked_in', field: 'memberId' },
} satisfies ReasonTable<string>;

export const proxyAnswers = {
  proxies_not_allowed: { status: 409, code: 'proxy.not_allowed' },
  proxy_not_on_roll: { status: 422, code: 'proxy.not_on_roll' },
  giver_present: { status: 409, code: 'proxy.giver_present', field: 'giverId' },
  proxy_limit: { status: 409, code: 'proxy.limit', field: 'holderId' },
  proxy_given: { status: 409, code: 'proxy.already_given', field: 'giverId' },
  proxy_chain: { status: 409, code: 'proxy.chain' },
  proxy_unknown: { status: 404, code: 'proxy.unknown', field: 'giverId' },
} satisfies ReasonTable<string>;

export const pollAnswers = {
  poll_status: { status: 409, code: 'poll.wrong_status', field: 'status' },
  any_other_business: { status: 409, code: 'poll.any_other_business', field: 'itemId' },
  written_ballot_requested: { status: 409, code: 'poll.written_ballot_requested' },
  counts_missing: { status: 409, code: 'poll.counts_missing', field: 'counts' },
  count_exceeds: { status: 409, code: 'poll.count_exceeds', field: 'counts' },
  person_only: { status: 403, code: 'poll.person_only' },
  vote_not_on_roll: { status: 403, code: 'poll.not_on_roll' },
  vote_not_present: { status: 409, code: 'poll.not_present' },
  already_voted: { status: 409, code: 'poll.already_voted' },
  open_vote: { status: 409, code: 'poll.open_vote' },
  no_proxy: { status: 409, code: 'poll.no_proxy', field: 'forMemberId' },
  giver_here: { status: 409, code: 'poll.giver_present', field: 'forMemberId' },
} satisfies ReasonTable<string>;

export type AttendanceReason = keyof typeof attendanceAnswers;
export type ProxyReason = keyof typeof proxyAnswers;
export type PollReason = keyof typeof pollAnswers;

export type HallDataFailure<R extends string> = { ok: false; reason: R; params?: Record<string, unknown>; field?: string };
export const fail = <R extends AttendanceReason | ProxyReason | PollReason>(reason: R, params?: Record<string, unknown>, field?: string): HallDataFailure<R> => ({
  ok: false,
  reason,
  ...(params ? { params } : {}),
  ...(field ? { field } : {}),
});

/** A poll that is not in the status the step needs; the message names the status it is in. */
export type PollStatusFailure = HallDataFailure<'poll_status'> & { params: { status: PollStatus } };
export const pollStatus = (status: PollStatus): PollStatusFailure => ({ ok: false, reason: 'poll_status', params: { status } });

const allAnswers = { ...attendanceAnswers, ...proxyAnswers, ...pollAnswers };

/** Any failure of attendance, proxies, polls or ballots as problem+json in the reader's language. */
export function hallDataProblem(req: FastifyRequest, failure: Failure<string>): ProblemError {
  const own = failure as { reason: string; params?: Record<string, unknown> };
  if (own.reason === 'poll_status' && typeof own.params?.status === 'string' && own.params.status in pollStatusLabel) {
    const status = own.params.status as PollStatus;
    return assemblyProblem(req, { ...(failure as HallDataFailure<'poll_status'>), params: { ...own.params, status: req.t(pollStatusLabel[status]) } }, allAnswers);
  }
  return assemblyProblem(req, failure, allAnswers);
}
