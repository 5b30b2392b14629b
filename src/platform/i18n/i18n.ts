import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { localesDir } from '../paths.js';

export const locales = ['da', 'sv', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'da';

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (locales as readonly string[]).includes(v);
}

export type Translate = TFunction;

export function readCatalogue(locale: Locale): Record<string, unknown> {
  return JSON.parse(readFileSync(join(localesDir, `${locale}.json`), 'utf8')) as Record<string, unknown>;
}

let instance: I18n | undefined;

/** One i18next instance for the process; catalogues are read once at start. */
export function i18n(): I18n {
  if (instance) return instance;
  const inst = i18next.createInstance();
  void inst.init({
    initAsync: false,
    lng: defaultLocale,
    fallbackLng: false,
    supportedLngs: [...locales],
    resources: Object.fromEntries(locales.map((l) => [l, { translation: readCatalogue(l) }])),
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  instance = inst;
  return inst;
}

/**
 * A catalogue string split at its `{{placeholders}}`: `parts` has one more entry than `names`, and
 * the text is `parts[0] + value(names[0]) + parts[1] + …`.
 */
interface Compiled {
  parts: readonly string[];
  names: readonly string[];
}

/** Option names i18next reads itself (plurals, context, defaults, …): a call with one goes to i18next. */
const I18NEXT_OPTIONS = new Set(['count', 'context', 'ordinal', 'defaultValue', 'lng', 'lngs', 'ns', 'keyPrefix', 'replace', 'interpolation', 'skipInterpolation', 'returnObjects', 'returnDetails', 'joinArrays', 'postProcess', 'nest', 'fallbackLng', 'keySeparator', 'nsSeparator']);

const PLACEHOLDER = /\{\{(.+?)\}\}/g;
const PLAIN_NAME = /^\w+$/;

/**
 * The catalogue's strings that need none of i18next's machinery: no nesting, no formatting, only
 * plain `{{name}}` placeholders. Everything else is left out and goes to i18next.
 */
function compile(resources: Record<string, unknown>, prefix = '', out = new Map<string, Compiled>()): Map<string, Compiled> {
  for (const [k, v] of Object.entries(resources)) {
    const key = prefix + k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      compile(v as Record<string, unknown>, `${key}.`, out);
      continue;
    }
    if (typeof v !== 'string' || key.includes(':') || v.includes('$t(')) continue;
    const parts: string[] = [];
    const names: string[] = [];
    let at = 0;
    let plain = true;
    for (const m of v.matchAll(PLACEHOLDER)) {
      const name = m[1].trim();
      if (!PLAIN_NAME.test(name) || I18NEXT_OPTIONS.has(name) || names.includes(name)) {
        plain = false;
        break;
      }
      parts.push(v.slice(at, m.index));
      names.push(name);
      at = m.index + m[0].length;
    }
    if (!plain) continue;
    parts.push(v.slice(at));
    out.set(key, { parts, names });
  }
  return out;
}

/** The values for exactly the entry's placeholders, each a string or number, or null (ask i18next). */
function valuesFor(entry: Compiled, options: unknown): string[] | null {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return null;
  const given = options as Record<string, unknown>;
  if (Object.keys(given).length !== entry.names.length) return null;
  const values: string[] = [];
  for (const name of entry.names) {
    const v = given[name];
    // i18next replaces the first occurrence of each placeholder's text, which a value holding
    // `{{…}}` could shift; such values, and anything not plain, take its path to get its answer.
    if (typeof v === 'number') values.push(String(v));
    else if (typeof v === 'string' && !v.includes('{{')) values.push(v);
    else return null;
  }
  return values;
}

const translators = new Map<Locale, Translate>();

/**
 * The locale's translator, made once per process. i18next spreads its whole options object and walks
 * the resource tree on every call, which showed as a sixth of a page's time in the profile; the
 * catalogue's plain strings are therefore looked up in a flat map made once, and their placeholders
 * filled in directly. Whatever that does not cover (plurals, context, defaults, missing keys, other
 * options) goes to i18next, so every answer is the one i18next gives.
 */
export function translator(locale: Locale): Translate {
  const made = translators.get(locale);
  if (made) return made;
  const slow = i18n().getFixedT(locale) as unknown as (key: unknown, ...rest: unknown[]) => string;
  const table = compile((i18n().getResourceBundle(locale, 'translation') ?? {}) as Record<string, unknown>);
  const fast = (key: unknown, ...rest: unknown[]): string => {
    const entry = typeof key === 'string' && rest.length <= 1 ? table.get(key) : undefined;
    if (entry) {
      if (rest.length === 0 || rest[0] === undefined) {
        if (entry.names.length === 0) return entry.parts[0];
      } else {
        const values = valuesFor(entry, rest[0]);
        if (values) {
          let text = entry.parts[0];
          for (let i = 0; i < values.length; i++) text += values[i] + entry.parts[i + 1];
          return text;
        }
      }
    }
    return slow(key, ...rest);
  };
  const t = fast as unknown as Translate;
  translators.set(locale, t);
  return t;
}

/** Picks the best supported locale from an Accept-Language header, honouring q-values. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    // Norwegian readers understand Danish best of our three.
    if (primary === 'nb' || primary === 'nn' || primary === 'no') return 'da';
    if (isLocale(primary)) return primary;
  }
  return undefined;
}

/** BCP 47 tags for Intl: Danish as used in Denmark, Swedish in Sweden, English in Denmark's style (24 h). */
export const intlTag: Record<Locale, string> = { da: 'da-DK', sv: 'sv-SE', en: 'en-GB' };
