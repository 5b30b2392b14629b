import type { LabelTable } from '../i18n/labels.js';

/*
 * A problem's code is a stable key written out in full where the problem is made (`http.not_found`,
 * `mailing.not_draft`). Some codes have a title of their own for the problem (`problem.…`) and a
 * longer text for the error page (`problem_text.…`); these tables name them. A code without one is
 * titled by its own key (`t(code)`), and the error page falls back to the internal error's words.
 */

/** The codes with a problem title of their own, and the key of that title. */
export const problemTitleLabel = {
  'http.not_found': 'problem.http.not_found',
  'http.forbidden': 'problem.http.forbidden',
  'http.bad_request': 'problem.http.bad_request',
  'http.rate_limited': 'problem.http.rate_limited',
  'http.internal': 'problem.http.internal',
  'http.uri_too_long': 'problem.http.uri_too_long',
  'http.bad_url': 'problem.http.bad_url',
  'http.method_not_allowed': 'problem.http.method_not_allowed',
  'csrf.invalid': 'problem.csrf.invalid',
  'request.invalid_json': 'problem.request.invalid_json',
  'request.too_large': 'problem.request.too_large',
  'request.unsupported_media_type': 'problem.request.unsupported_media_type',
  'auth.required': 'problem.auth.required',
  'auth.invalid_token': 'problem.auth.invalid_token',
  'validation.failed': 'problem.validation.failed',
  'mailing.not_draft': 'problem.mailing.not_draft',
  'mailing.wrong_status': 'problem.mailing.wrong_status',
  'mailing.already_sent': 'problem.mailing.already_sent',
  'mailing.empty_segment': 'problem.mailing.empty_segment',
} as const satisfies LabelTable<string>;

/** The codes with a text of their own for the error page, and the key of that text. */
export const problemTextLabel = {
  'http.not_found': 'problem_text.http.not_found',
  'http.forbidden': 'problem_text.http.forbidden',
  'http.bad_request': 'problem_text.http.bad_request',
  'http.rate_limited': 'problem_text.http.rate_limited',
  'http.internal': 'problem_text.http.internal',
  'http.uri_too_long': 'problem_text.http.uri_too_long',
  'http.bad_url': 'problem_text.http.bad_url',
  'http.method_not_allowed': 'problem_text.http.method_not_allowed',
  'csrf.invalid': 'problem_text.csrf.invalid',
  'request.invalid_json': 'problem_text.request.invalid_json',
  'request.too_large': 'problem_text.request.too_large',
  'request.unsupported_media_type': 'problem_text.request.unsupported_media_type',
  'auth.required': 'problem_text.auth.required',
  'auth.invalid_token': 'problem_text.auth.invalid_token',
} as const satisfies LabelTable<string>;
