import type { FastifyRequest } from 'fastify';
import type { ProblemError } from '../../platform/errors.js';
import { isLocale } from '../../platform/i18n/i18n.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import { problemFor, type Failure, type FieldProblem, type ReasonTable } from '../../platform/outcomes.js';
import { inLocale } from './questions.js';
import type { SurveyText } from './tables.js';

/**
 * The surveys' own reasons, besides refusals and invalid input: one table for the API and the pages.
 * A personal link that is not genuine reads like a page that is not there.
 */
export const surveyAnswers = {
  already_answered: { status: 409, code: 'survey.already_answered' },
  wave_not_open: { status: 409, code: 'survey.wave_not_open' },
  wave_closed: { status: 409, code: 'survey.wave_closed' },
  wave_opened: { status: 409, code: 'survey.wave_opened' },
  link_invalid: { status: 404, code: 'survey.link_invalid' },
  link_other_wave: { status: 422, code: 'survey.link_other_wave', field: 'token' },
  group_too_small: { status: 422, code: 'survey.group_too_small' },
} satisfies ReasonTable<string>;

export type SurveyReason = keyof typeof surveyAnswers;

/** A failure's parameters as the reader reads them: a question by its text in their language, a time in their clock. */
function readable(req: FastifyRequest, params: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!params) return params;
  const locale = isLocale(req.locale) ? req.locale : 'da';
  const out: Record<string, unknown> = { ...params };
  if (params.text && typeof params.text === 'object') out.text = inLocale(params.text as SurveyText, locale);
  else if (typeof params.question === 'string' && out.text === undefined) out.text = params.question;
  if (typeof params.opensAt === 'string') out.opensAt = formatDateTime(locale, params.opensAt);
  return out;
}

/** Any failure of this feature as problem+json in the reader's language. */
export function surveyProblem(req: FastifyRequest, failure: Failure<string>): ProblemError {
  if (failure.reason === 'invalid') {
    const errors = (failure as { errors: FieldProblem[] }).errors.map((e) => ({ ...e, params: readable(req, e.params) }));
    return problemFor(req, { ok: false, reason: 'invalid', errors }, surveyAnswers);
  }
  const own = failure as { ok: false; reason: string; params?: Record<string, unknown>; field?: string };
  return problemFor(req, { ...own, params: readable(req, own.params) } as Failure<string>, surveyAnswers);
}
