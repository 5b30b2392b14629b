import { intlTag, type Locale } from './i18n.js';

export const organisationTimeZone = 'Europe/Copenhagen';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as T;
}

export function formatDate(locale: Locale, d: Date | string, timeZone = organisationTimeZone): string {
  return cached(`d|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(intlTag[locale], { dateStyle: 'long', timeZone })).format(new Date(d));
}

export function formatDateTime(locale: Locale, d: Date | string, timeZone = organisationTimeZone): string {
  return cached(
    `dt|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(intlTag[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone }),
  ).format(new Date(d));
}

export function formatNumber(locale: Locale, n: number): string {
  return cached(`n|${locale}`, () => new Intl.NumberFormat(intlTag[locale])).format(n);
}

export function formatMoney(locale: Locale, amount: number, currency: string): string {
  return cached(`m|${locale}|${currency}`, () => new Intl.NumberFormat(intlTag[locale], { style: 'currency', currency })).format(amount);
}

/** A file size as "1,2 MB" / "340 kB" in the reader's language. */
export function formatSize(locale: Locale, bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : [Math.max(1, Math.round(bytes / 1024)), 'kilobyte'];
  return cached(`s|${locale}|${unit}`, () => new Intl.NumberFormat(intlTag[locale], { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 })).format(value);
}
