import type { FastifyRequest } from 'fastify';
import type { ProblemError } from '../../platform/errors.js';
import { isLocale } from '../../platform/i18n/i18n.js';
import { formatDate } from '../../platform/i18n/format.js';
import { problemFor, type Failure, type FieldProblem, type ReasonTable } from '../../platform/outcomes.js';
import { applicationStatusLabel } from './labels.js';
import { money } from './mails.js';
import { currencies, type Currency } from './tables.js';

/**
 * The grants' own reasons, besides refusals and invalid input: one table for the API and the pages.
 * A reason decided by a rule of the pool names it (the maximum, the window, the budget left).
 */
export const grantAnswers = {
  wrong_status: { status: 409, code: 'grant.wrong_status', field: 'status' },
  not_eligible: { status: 403, code: 'grant.not_eligible', whenAnonymous: { status: 401, code: 'auth.required' } },
  window_closed: { status: 409, code: 'grant.window_closed' },
  conflicted: { status: 403, code: 'grant.conflicted' },
  over_budget: { status: 409, code: 'grant.over_budget', field: 'amount' },
  below_granted: { status: 409, code: 'grant.below_granted', field: 'budget' },
  empty: { status: 422, code: 'grant.file_empty', field: 'file' },
  too_large: { status: 413, code: 'grant.file_too_large', field: 'file' },
  wrong_type: { status: 422, code: 'grant.file_wrong_type', field: 'file' },
  not_an_event_purpose: { status: 409, code: 'grant.not_an_event_purpose' },
  event_exists: { status: 409, code: 'grant.event_exists' },
  event_refused: { status: 409, code: 'grant.event_refused' },
} satisfies ReasonTable<string>;

export type GrantReason = keyof typeof grantAnswers;

const MONEY_PARAMS = ['max', 'total', 'left', 'requested', 'granted', 'budget'] as const;
const DATE_PARAMS = ['opensOn', 'closesOn', 'from', 'to'] as const;

/** A failure's parameters as the reader reads them: amounts in their money, days in their dates, a state by its name. */
function readable(req: FastifyRequest, params: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!params) return params;
  const locale = isLocale(req.locale) ? req.locale : 'da';
  const out: Record<string, unknown> = { ...params };
  const currency = (currencies as readonly string[]).includes(String(params.currency)) ? (params.currency as Currency) : 'DKK';
  for (const k of MONEY_PARAMS) if (typeof params[k] === 'number') out[k] = money(locale, params[k] as number, currency);
  for (const k of DATE_PARAMS) if (typeof params[k] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(params[k] as string)) out[k] = formatDate(locale, params[k] as string);
  if (typeof params.status === 'string' && params.status in applicationStatusLabel) out.status = req.t(applicationStatusLabel[params.status as keyof typeof applicationStatusLabel]);
  delete out.currency;
  return out;
}

/** Any failure of this feature as problem+json in the reader's language. */
export function grantProblem(req: FastifyRequest, failure: Failure<string>): ProblemError {
  if (failure.reason === 'invalid') {
    const errors = (failure as { errors: FieldProblem[] }).errors.map((e) => ({ ...e, params: readable(req, e.params) }));
    return problemFor(req, { ok: false, reason: 'invalid', errors }, grantAnswers);
  }
  const own = failure as { ok: false; reason: string; params?: Record<string, unknown> };
  return problemFor(req, { ...own, params: readable(req, own.params) } as Failure<string>, grantAnswers);
}
