import type { FastifyRequest } from 'fastify';
import { fieldError, fieldLabel, ProblemError, type FieldError } from './errors.js';
import { LoginRequired } from './http/guard.js';
import type { Translate } from './i18n/i18n.js';

/*
 * One vocabulary for what a use case answers when it cannot do what it was asked, shared by every
 * feature: the thing is out of sight (`not_found`) or not the actor's to change (`forbidden`), the
 * input broke a rule (`invalid`, with the fields), or a reason of the feature's own (`full`,
 * `double_booked`, `already_sent`, …). Use cases return these as values; routes turn them into a page
 * or a problem through one table per feature (see `ReasonTable`), the same for the page and the API.
 */

/** One problem with one field of the input; `code` is a stable translation key written out in full. */
export interface FieldProblem {
  path: string;
  code: string;
  params?: Record<string, unknown>;
}

export type Refusal = { ok: false; reason: 'not_found' | 'forbidden' };
export type Invalid = { ok: false; reason: 'invalid'; errors: FieldProblem[] };

export const notFound: Refusal = { ok: false, reason: 'not_found' };
export const forbidden: Refusal = { ok: false, reason: 'forbidden' };

export function invalidInput(...errors: FieldProblem[]): Invalid {
  return { ok: false, reason: 'invalid', errors };
}

/** A use case's problems with fields as field errors in the reader's language. */
export function problemsToFieldErrors(t: Translate, problems: FieldProblem[]): FieldError[] {
  return problems.map((e) => fieldError(t, e.path, e.code, e.params));
}

/** How one of a feature's own reasons answers over HTTP: the status, the stable code, and the field it concerns. */
export interface ReasonAnswer {
  status: number;
  code: string;
  field?: string;
  /** What someone not logged in is told instead (typically 401: logging in may change the answer). */
  whenAnonymous?: { status: number; code: string };
}

/** A feature's table from each of its own reasons to its answer; `satisfies ReasonTable<…>` makes it exhaustive. */
export type ReasonTable<R extends string> = Record<R, ReasonAnswer>;

/** A failure a table can answer: a refusal, an invalid input, or one of the feature's own reasons. */
export type Failure<R extends string> = Refusal | Invalid | { ok: false; reason: R; params?: Record<string, unknown>; field?: string };

/**
 * A refusal as a problem: out of sight is 404 for everyone; in sight but not theirs is 401 for
 * someone not logged in and 403 for someone who is.
 */
export function refusalProblem(req: FastifyRequest, r: Refusal): ProblemError {
  if (r.reason === 'not_found') return new ProblemError(404, 'http.not_found');
  return req.actor.kind === 'anonymous' ? new ProblemError(401, 'auth.required') : new ProblemError(403, 'http.forbidden');
}

/** The one mapping from a failed outcome to a problem, used by the API and by pages that show an error page. */
export function problemFor<R extends string>(req: FastifyRequest, failure: Failure<R>, table: ReasonTable<Exclude<R, 'not_found' | 'forbidden' | 'invalid'>>, t: Translate = req.t): ProblemError {
  switch (failure.reason) {
    case 'not_found':
    case 'forbidden':
      return refusalProblem(req, failure as Refusal);
    case 'invalid': {
      const { errors } = failure as Invalid;
      return new ProblemError(422, 'validation.failed', problemsToFieldErrors(t, errors));
    }
  }
  const own = failure as unknown as { reason: Exclude<R, 'not_found' | 'forbidden' | 'invalid'>; params?: Record<string, unknown>; field?: string };
  const answer = table[own.reason];
  const params = own.params ?? {};
  // The table names the field a reason is always about; a failure may name it itself (the e-mail of the person, or of their contact).
  const field = answer.field ?? own.field;
  if (answer.whenAnonymous && req.actor.kind === 'anonymous') return new ProblemError(answer.whenAnonymous.status, answer.whenAnonymous.code);
  return new ProblemError(answer.status, answer.code, field ? [fieldError(t, field, answer.code, params)] : [], field ? { ...params, field: fieldLabel(t, field) } : params);
}

/**
 * Ends a page request the way pages refuse. A visitor who is not logged in is sent to log in, so a
 * page's existence is never told to them, unless `visitorsSeeNotFound` (public pages such as the
 * magazine, where a mistyped address is no reason to log in); someone logged in gets 404 or 403.
 */
export function refuse(req: FastifyRequest, r: { ok?: false; reason: Refusal['reason'] } | Refusal['reason'], opts: { visitorsSeeNotFound?: boolean } = {}): never {
  const reason = typeof r === 'string' ? r : r.reason;
  if (reason === 'not_found' && opts.visitorsSeeNotFound) throw new ProblemError(404, 'http.not_found');
  if (req.actor.kind === 'anonymous') {
    if (req.isApi) throw new ProblemError(401, 'auth.required');
    throw new LoginRequired();
  }
  throw reason === 'forbidden' ? new ProblemError(403, 'http.forbidden') : new ProblemError(404, 'http.not_found');
}

/**
 * A failed outcome as a page shows it. Refusals end the request the way pages refuse (`refuse`); the
 * rest become the feature's problem (`toProblem`, the same table the API answers with) shown on the
 * page: each field error on the page's own field name (`fieldOf`; '' puts it above the form), or, for
 * a problem that names no field (a rule, a status), one line above the form. `status` is the problem's.
 */
export function pageFailure(
  req: FastifyRequest,
  failure: Failure<string>,
  toProblem: (req: FastifyRequest, failure: Failure<string>) => ProblemError,
  fieldOf: (path: string) => string = (path) => path,
): { errors: FieldError[]; status: number } {
  if (failure.reason === 'not_found' || failure.reason === 'forbidden') refuse(req, failure as Refusal);
  const problem = toProblem(req, failure);
  const errors = problem.errors.length > 0 ? problem.errors.map((e) => ({ ...e, path: fieldOf(e.path) })) : [{ path: '', code: problem.code, message: req.t(problem.code, problem.params) }];
  return { errors, status: problem.status };
}
