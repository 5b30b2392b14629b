import type { z } from 'zod';
import { fieldErrorsFromZod } from '../errors.js';
import { locales, type Translate } from '../i18n/i18n.js';
import type { FormResult } from './forms.js';

/*
 * A text per language (`privacyNotice`, `aboutTranslations`, `nameTranslations`) is one object in the
 * API and one field per language in a form: a form has no nested names, so `privacyNotice_sv` there
 * is `privacyNotice.sv` in the API. A field error on `privacyNotice.sv` is shown at its field.
 */

/** The form's values with each per-language object's flat fields (`name_sv`) made into the API's object (`name: { sv }`). */
export function nestLocaleFields(values: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out = { ...values };
  for (const name of names) {
    const texts: Record<string, unknown> = {};
    for (const l of locales) {
      const flat = `${name}_${l}`;
      texts[l] = out[flat];
      delete out[flat];
    }
    out[name] = texts;
  }
  return out;
}

/** A field error's path as the form names the field: `privacyNotice.sv` → `privacyNotice_sv`. */
export function flatLocalePath(path: string, names: readonly string[]): string {
  const m = /^(\w+)\.(da|sv|en)$/.exec(path);
  return m && names.includes(m[1]) ? `${m[1]}_${m[2]}` : path;
}

/**
 * Parses a form whose per-language texts come as flat fields with the API's schema. `values` are
 * what the form sent (kept for showing it again); `input` what the schema reads, if it differs (a
 * checkbox made a boolean).
 */
export function parseLocaleForm<S extends z.ZodType>(schema: S, values: Record<string, unknown>, t: Translate, names: readonly string[], input: Record<string, unknown> = values): FormResult<z.output<S>> {
  const result = schema.safeParse(nestLocaleFields(input, names));
  if (result.success) return { ok: true, data: result.data };
  const errors = fieldErrorsFromZod(result.error, t).map((e) => ({ ...e, path: flatLocalePath(e.path, names) }));
  return { ok: false, errors, values };
}
