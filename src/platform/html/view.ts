import type { Actor } from '../actor.js';
import type { Locale, Translate } from '../i18n/i18n.js';
import type { FieldError } from '../errors.js';

export interface OrganisationBrand {
  name: string;
  shortName: string;
  brandColour: string;
  hasLogo: boolean;
  /** Changes when the logo or colour changes, to bust caches of /theme.css and /logo. */
  version: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  defaultLocale: Locale;
}

export type FlashKind = 'success' | 'info' | 'warning' | 'error';
export interface Flash {
  kind: FlashKind;
  message: string;
}

/** Everything a page needs to know about the request it answers. */
export interface View {
  t: Translate;
  locale: Locale;
  actor: Actor;
  org: OrganisationBrand;
  /** Current path with query, for the language switcher's way back. */
  path: string;
  csrfToken: string;
  flash: Flash | null;
}

export interface FormState<T = Record<string, unknown>> {
  values: Partial<Record<keyof T & string, unknown>>;
  errors: FieldError[];
}

export function emptyForm<T>(values: Partial<Record<keyof T & string, unknown>> = {}): FormState<T> {
  return { values, errors: [] };
}
