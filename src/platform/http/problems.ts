import type { FastifyError, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { fieldErrorsFromZod, ProblemError, type FieldError } from '../errors.js';
import type { Translate } from '../i18n/i18n.js';
import { labelOf } from '../i18n/labels.js';
import { problemTitleLabel } from './problem-labels.js';

export interface Problem {
  status: number;
  code: string;
  errors: FieldError[];
  params: Record<string, unknown>;
}

/** Every error a request can end in, as a status and a stable code. */
export function toProblem(err: unknown, t: Translate): Problem {
  if (err instanceof ProblemError) return { status: err.status, code: err.code, errors: err.errors, params: err.params };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      ...(v.params as object),
      code: v.keyword,
      message: v.message ?? '',
      path: v.instancePath.split('/').filter(Boolean),
    })) as unknown as z.core.$ZodIssue[];
    return { status: 422, code: 'validation.failed', errors: fieldErrorsFromZod({ issues }, t), params: {} };
  }
  const e = err as Partial<FastifyError> & { statusCode?: number };
  switch (e.code) {
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return { status: 403, code: 'csrf.invalid', errors: [], params: {} };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'request.unsupported_media_type', errors: [], params: {} };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return { status: 413, code: 'request.too_large', errors: [], params: {} };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 414, code: 'http.uri_too_long', errors: [], params: {} };
    case 'FST_ERR_BAD_URL':
      return { status: 400, code: 'http.bad_url', errors: [], params: {} };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'request.invalid_json', errors: [], params: {} };
  }
  if (e.statusCode === 429) return { status: 429, code: 'http.rate_limited', errors: [], params: {} };
  if (e.statusCode === 400 && (err instanceof SyntaxError || e.name === 'SyntaxError')) return { status: 400, code: 'request.invalid_json', errors: [], params: {} };
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return { status: e.statusCode, code: e.statusCode === 404 ? 'http.not_found' : 'http.bad_request', errors: [], params: {} };
  return { status: 500, code: 'http.internal', errors: [], params: {} };
}

/**
 * The field errors of a request whose route takes its input with `attachValidation: true`, or null
 * when the input was valid. Such a route runs its use case's checks on the valid parts of the input
 * as well (see `validParts`), so one answer names every problem; its `req.body` is then the body as
 * sent, not the schema's output.
 */
export function validationErrors(req: FastifyRequest): FieldError[] | null {
  return req.validationError ? toProblem(req.validationError, req.t).errors : null;
}

/** Bad input as one 422 listing every field error. */
export function validationFailed(errors: FieldError[]): ProblemError {
  return new ProblemError(422, 'validation.failed', errors);
}

/** A problem's title in the reader's language: its own title if it has one, else its code read as a key. */
export function problemTitle(p: Pick<Problem, 'code' | 'params'>, t: Translate): string {
  const key = labelOf(problemTitleLabel, p.code);
  return key ? t(key, p.params) : t(p.code, { ...p.params, defaultValue: p.code });
}

/** RFC 9457 body; `type` is a stable URN per code, `title` and messages are in the reader's language. */
export function problemBody(p: Problem, t: Translate, instance?: string) {
  return {
    type: `urn:forening:problem:${p.code}`,
    title: problemTitle(p, t),
    status: p.status,
    code: p.code,
    ...(instance ? { instance } : {}),
    errors: p.errors,
  };
}
