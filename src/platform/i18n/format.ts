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

/**
 * Formatted instants by formatter and time. A list page shows the same few dates on every request,
 * and ICU's time-zone formatting was the dearest single call on the front page; bounded so that a
 * long-running process does not keep every instant it ever showed.
 */
const formatted = new Map<string, string>();
const FORMATTED_MAX = 10_000;

function formatInstant(key: string, make: () => Intl.DateTimeFormat, d: Date | string): string {
  const date = new Date(d);
  const memoKey = `${key}|${date.getTime()}`;
  const hit = formatted.get(memoKey);
  if (hit !== undefined) return hit;
  // An invalid date throws here, as it always did, and is not remembered.
  const text = cached(key, make).format(date);
  if (formatted.size >= FORMATTED_MAX) formatted.clear();
  formatted.set(memoKey, text);
  return text;
}

export function formatDate(locale: Locale, d: Date | string, timeZone = organisationTimeZone): string {
  return formatInstant(`d|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(intlTag[locale], { dateStyle: 'long', timeZone }), d);
}

export function formatDateTime(locale: Locale, d: Date | string, timeZone = organisationTimeZone): string {
  return formatInstant(`dt|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(intlTag[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone }), d);
}

export function formatNumber(locale: Locale, n: number): string {
  return cached(`n|${locale}`, () => new Intl.NumberFormat(intlTag[locale])).format(n);
}

export function formatMoney(locale: Locale, amount: number, currency: string): string {
  return cached(`m|${locale}|${currency}`, () => new Intl.NumberFormat(intlTag[locale], { style: 'currency', currency })).format(amount);
}

/** A share 0..1 as a percentage in the reader's style (da/sv "42,5 %", en "42.5%"). */
export function formatPercent(locale: Locale, share: number, maximumFractionDigits = 1): string {
  return cached(`p|${locale}|${maximumFractionDigits}`, () => new Intl.NumberFormat(intlTag[locale], { style: 'percent', maximumFractionDigits })).format(share);
}

/** A month `YYYY-MM` as "marts 2026" / "mars 2026" / "March 2026" (`short`: "mar. 2026"). */
export function formatMonth(locale: Locale, month: string, short = false): string {
  const [y, m] = month.split('-').map(Number);
  return cached(`mo|${locale}|${short}`, () => new Intl.DateTimeFormat(intlTag[locale], { month: short ? 'short' : 'long', year: 'numeric', timeZone: 'UTC' })).format(new Date(Date.UTC(y, m - 1, 15)));
}

/** A file size as "1,2 MB" / "340 kB" in the reader's language. */
export function formatSize(locale: Locale, bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : [Math.max(1, Math.round(bytes / 1024)), 'kilobyte'];
  return cached(`s|${locale}|${unit}`, () => new Intl.NumberFormat(intlTag[locale], { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 })).format(value);
}
