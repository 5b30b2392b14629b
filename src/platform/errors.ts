import type { z } from 'zod';
import { fieldNameLabel } from './field-labels.js';
import type { Translate } from './i18n/i18n.js';
import { labelName, labelOf } from './i18n/labels.js';

/** One problem with one field; `code` is stable, `message` is in the reader's language. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/**
 * An expected failure that ends a request: it carries a stable code, an HTTP status and optional
 * field errors. Routes throw it; the error handler renders a page or problem+json from it.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly errors: FieldError[] = [],
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'ProblemError';
  }
}

export const notFound = (): ProblemError => new ProblemError(404, 'http.not_found');
export const forbidden = (): ProblemError => new ProblemError(403, 'http.forbidden');

const CODE = /^[a-z_]+(\.[a-z0-9_]+)+$/;

/** Our zod schemas put stable codes in `message` for their own rules; built-in rules map here. */
function issueCode(issue: z.core.$ZodIssue): { code: string; params: Record<string, unknown> } {
  if (CODE.test(issue.message)) return { code: issue.message, params: issue.code === 'custom' ? { ...(issue.params ?? {}) } : {} };
  switch (issue.code) {
    case 'invalid_type':
      // Issues re-built from fastify's validation errors carry no input; zod's message still says what it got.
      if ('input' in issue ? issue.input === undefined || issue.input === null : /received (undefined|null)/.test(issue.message)) return { code: 'validation.required', params: {} };
      // A number with decimals where a whole one belongs, or text where a number belongs: say which.
      if (issue.expected === 'int') return { code: 'validation.not_whole_number', params: {} };
      if (issue.expected === 'number') return { code: 'validation.not_a_number', params: {} };
      return { code: 'validation.invalid_type', params: { expected: issue.expected } };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { code: 'validation.required', params: {} };
      if (issue.origin === 'string') return { code: 'validation.too_short', params: { min: Number(issue.minimum) } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'validation.too_few', params: { min: Number(issue.minimum) } };
      return { code: 'validation.too_small', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { code: 'validation.too_long', params: { max: Number(issue.maximum) } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'validation.too_many', params: { max: Number(issue.maximum) } };
      return { code: 'validation.too_big', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      if (issue.format === 'email') return { code: 'validation.invalid_email', params: {} };
      if (issue.format === 'url') return { code: 'validation.invalid_url', params: {} };
      if (issue.format === 'uuid' || issue.format === 'guid') return { code: 'validation.invalid_id', params: {} };
      if (issue.format === 'date') return { code: 'validation.invalid_date', params: {} };
      if (issue.format === 'datetime') return { code: 'validation.invalid_datetime', params: {} };
      if (issue.format === 'time') return { code: 'validation.invalid_time', params: {} };
      return { code: 'validation.invalid_format', params: {} };
    case 'invalid_value':
      return { code: 'validation.invalid_choice', params: {} };
    case 'invalid_union': {
      // `'' | date`: the branch that says what is wrong with the text is the one to report, not "expected ''".
      const branches = (issue as { errors?: z.core.$ZodIssue[][] }).errors ?? [];
      const telling = branches.find((b) => b.length > 0 && !b.every((i) => i.code === 'invalid_value'));
      return telling ? issueCode(telling[0]) : { code: 'validation.invalid', params: {} };
    }
    case 'unrecognized_keys':
      return { code: 'validation.unknown_field', params: { keys: issue.keys.join(', ') } };
    default:
      return { code: 'validation.invalid', params: {} };
  }
}

/** A field's name in the reader's language (`fields.email`), or the name as it is when the field has no label. */
export function fieldName(t: Translate, name: string): string {
  return labelName(t, fieldNameLabel, name);
}

/**
 * The name of the field a path ends in (`programme.2.title` → title), or of the whole path when the
 * table names it (`privacyNotice.sv` → "Privacy notice in Swedish", not "sv").
 */
export function fieldLabel(t: Translate, path: string): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  const whole = labelOf(fieldNameLabel, parts.join('.'));
  if (whole) return t(whole);
  return fieldName(t, parts.pop() ?? path);
}

export function fieldErrorsFromZod(error: z.ZodError | { issues: z.core.$ZodIssue[] }, t: Translate): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const { code, params } = issueCode(issue);
    // An unknown field inside an object is named where it is (`questions.1.weight`), not by its key alone.
    const keysPath = code === 'validation.unknown_field' ? (path ? `${path}.${String(params.keys)}` : String(params.keys)) : path;
    return { path: keysPath, code, message: t(code, { ...params, field: fieldLabel(t, keysPath) }) };
  });
}

export function fieldError(t: Translate, path: string, code: string, params: Record<string, unknown> = {}): FieldError {
  return { path, code, message: t(code, { ...params, field: fieldLabel(t, path) }) };
}

/** Turns an expected use-case failure into a 422 (or the given status) naming the field. */
export function invalid(t: Translate, path: string, code: string, status = 422, params: Record<string, unknown> = {}): ProblemError {
  // The problem's title is the same message, so it needs the field's name too.
  return new ProblemError(status, code, [fieldError(t, path, code, params)], { ...params, field: fieldLabel(t, path) });
}
