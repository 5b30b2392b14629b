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

export function translator(locale: Locale): Translate {
  return i18n().getFixedT(locale);
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
