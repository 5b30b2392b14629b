import type { z } from 'zod';
import { fieldErrorsFromZod, type FieldError } from '../errors.js';
import type { Translate } from '../i18n/i18n.js';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[]; values: Record<string, unknown> };

/** Parses a submitted form with the same zod schema the API uses; failures keep what was typed. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown, t: Translate): FormResult<z.output<S>> {
  const values = formValues(body);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: fieldErrorsFromZod(result.error, t), values };
}

/** Form bodies arrive as strings; the CSRF field is no business of the schema. */
export function formValues(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_csrf') continue;
    out[k] = v;
  }
  return out;
}

/** Keeps only relative paths on this site, so `?next=` cannot send anyone elsewhere. */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
