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
