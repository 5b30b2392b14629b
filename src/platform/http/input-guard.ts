import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fieldError, ProblemError, type FieldError } from '../errors.js';
import type { Translate } from '../i18n/i18n.js';

/**
 * C0 control characters other than tab, LF and CR, and UTF-16 surrogates that stand alone.
 * PostgreSQL refuses NUL in text outright and a lone surrogate has no UTF-8 form, so both used to
 * fail deep inside a use case as a 500; the other controls are never typed by a person and only
 * come from broken clients or probes. One check here keeps every route, present and future, safe.
 */
const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|\p{Cs}/u;

/** Enough to show what is wrong; a megabyte of bad fields should not become a megabyte of errors. */
const MAX_ERRORS = 20;
/** Deeper than any form or API body we take; stops a hostile nesting from costing more than it must. */
const MAX_DEPTH = 32;

export function hasUnsafeText(s: string): boolean {
  return UNSAFE_TEXT.test(s);
}

/** A part of a multipart body as `attachFieldsToBody` leaves it; it links back to every other part. */
interface MultipartPart {
  type: 'field' | 'file';
  fieldname: string;
  value?: unknown;
  filename?: string;
}

function isMultipartPart(v: object): v is MultipartPart {
  const p = v as Partial<MultipartPart>;
  return (p.type === 'field' || p.type === 'file') && typeof p.fieldname === 'string';
}

/** Paths are joined with dots, as the field errors from zod are, so a form marks the same field. */
function collect(value: unknown, path: string[], out: string[], depth: number): void {
  if (out.length >= MAX_ERRORS || depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    if (UNSAFE_TEXT.test(value)) out.push(path.join('.'));
    return;
  }
  if (!value || typeof value !== 'object' || Buffer.isBuffer(value)) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => collect(item, [...path, String(i)], out, depth + 1));
    return;
  }
  if (isMultipartPart(value)) {
    // A file's bytes are its own business (the upload checks its type); its name is text we may store.
    collect(value.type === 'field' ? value.value : value.filename, path, out, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    // A key is text too: it may end up in a JSON column, where PostgreSQL refuses NUL as well.
    if (UNSAFE_TEXT.test(key)) {
      out.push([...path, key].join('.'));
      continue;
    }
    collect(item, [...path, key], out, depth + 1);
  }
}

/** The fields of the body, query string and path parameters that carry characters no text may hold. */
export function unsafeTextErrors(req: Pick<FastifyRequest, 'body' | 'query' | 'params'>, t: Translate): FieldError[] {
  const paths: string[] = [];
  for (const part of [req.params, req.query, req.body]) collect(part, [], paths, 0);
  return [...new Set(paths)].map((path) => fieldError(t, path || 'body', 'validation.control_character'));
}

/**
 * Refuses, before any route or schema runs, a request whose text holds control characters or lone
 * surrogates: a 422 naming each field, so nothing is changed and no route needs its own check.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    // An unknown address stays a 404, whatever came with it.
    if (req.is404) return;
    const errors = unsafeTextErrors(req, req.t);
    if (errors.length) throw new ProblemError(422, 'validation.failed', errors);
  });
}
