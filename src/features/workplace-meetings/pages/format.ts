import { intlTag, type Locale } from '../../../platform/i18n/i18n.js';

/**
 * How the meeting pages write times and months. A meeting lasts an hour or two on one afternoon, so a
 * span on one day is written once with both clocks ("tirs. 22. dec. 2026 15.30–17.00"); Intl's
 * formatRange knows each language's way of doing that.
 */

const formats = new Map<string, Intl.DateTimeFormat>();
function format(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formats.get(key);
  if (!f) {
    f = make();
    formats.set(key, f);
  }
  return f;
}

const spanOptions: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' };

/** A meeting's time from start to end in its zone: the day once when both ends share it. */
export function formatSpan(locale: Locale, startsAt: string | Date, endsAt: string | Date, timeZone: string): string {
  return format(`span|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(intlTag[locale], { ...spanOptions, timeZone })).formatRange(new Date(startsAt), new Date(endsAt));
}

/** One moment with its weekday, for a list of meetings. */
export function formatMoment(locale: Locale, at: string | Date, timeZone: string): string {
  return format(`moment|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(intlTag[locale], { ...spanOptions, timeZone })).format(new Date(at));
}

/** A `YYYY-MM` month as words: "november 2026" (long) or "nov." (short, for a chart's axis). */
export function formatMonth(locale: Locale, month: string, style: 'long' | 'short'): string {
  const [y, m] = month.split('-').map(Number);
  const options: Intl.DateTimeFormatOptions = style === 'long' ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { month: 'short', timeZone: 'UTC' };
  return format(`month|${locale}|${style}`, () => new Intl.DateTimeFormat(intlTag[locale], options)).format(new Date(Date.UTC(y, m - 1, 15)));
}
