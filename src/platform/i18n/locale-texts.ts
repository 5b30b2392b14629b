import { z } from 'zod';
import { locales, type Locale } from './i18n.js';

/**
 * A text the organisation writes in some of its languages (the privacy notice, "about us", a
 * membership type's name), stored as jsonb: a language without a text is left out, never blank.
 */
export type LocaleTexts = Partial<Record<Locale, string>>;

/**
 * One language's text; blank or null means none. A form sends each line break as CR LF while the
 * browser counted it as one character, so breaks are made LF before counting.
 */
function localeText(max: number) {
  return z
    .preprocess((v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : v), z.string().max(max))
    .nullish()
    .transform((v) => (v === undefined ? undefined : v === '' || v === null ? null : v));
}

/**
 * A text per language as a change (at most `max` characters each): a language given replaces it,
 * blank or null removes it, a language left out stays as it is. A longer text is refused, never cut.
 */
export function localeTextsInput(max: number) {
  return z.object({ da: localeText(max), sv: localeText(max), en: localeText(max) }).strict();
}
export type LocaleTextsChange = z.output<ReturnType<typeof localeTextsInput>>;

/** How the API answers a text per language: every language, null where there is none. */
export const localeTextsOutput = z.object({ da: z.string().nullable(), sv: z.string().nullable(), en: z.string().nullable() });

export function localeTextsJson(texts: LocaleTexts): z.output<typeof localeTextsOutput> {
  return { da: texts.da ?? null, sv: texts.sv ?? null, en: texts.en ?? null };
}

/** The stored texts with a change applied (see `localeTextsInput`), in the languages' order. */
export function mergeLocaleTexts(before: LocaleTexts, change: Partial<LocaleTextsChange> = {}): LocaleTexts {
  const out: LocaleTexts = {};
  for (const l of locales) {
    const text = change[l] === undefined ? before[l] : change[l];
    if (text) out[l] = text;
  }
  return out;
}

/** Whether two stored texts say the same in every language (jsonb keeps no order, and a blank is none). */
export function sameLocaleTexts(a: LocaleTexts, b: LocaleTexts): boolean {
  return locales.every((l) => (a[l] || null) === (b[l] || null));
}

/**
 * The text for a reader of `locale`: in the default language the main text (`base.text`), which the
 * organisation keeps up to date; in another its own text if there is one, else the main text.
 */
export function localeTextFor(texts: LocaleTexts, locale: Locale, base: { text: string; locale: Locale }): string {
  if (locale === base.locale) return base.text;
  return texts[locale] || base.text;
}
