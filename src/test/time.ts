/**
 * Dates for tests that must pass on any day. Whatever the code compares with "now" or "today" (a
 * registration window, an office that has begun, a birthday that cannot be in the future) is built
 * here from the real clock, with a margin of days so that midnight, a time-zone difference between
 * the test and the database's `current_date`, or a slow run cannot move it across the line.
 */

export const DAY = 86_400_000;

/** The organisation's calendar, as `today()` in the members feature reads it. */
const ZONE = 'Europe/Copenhagen';

/** The instant `days` from now (negative: ago), as an ISO string. Fractions are allowed: 0.5 is twelve hours. */
export function instantInDays(days: number, from: number = Date.now()): string {
  return new Date(from + days * DAY).toISOString();
}

/** The calendar date `days` from today (negative: ago) in a time zone, as YYYY-MM-DD. */
export function dateInDays(days: number, timeZone: string = ZONE): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * DAY));
}

/** A YYYY-MM-DD date moved by whole days, by the calendar alone (no time zone, no clock). */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The next `day` of `month` (1–12) at least `minDays` from today, as YYYY-MM-DD. For a test that
 * asserts a formatted date: the month fixes the season (so the UTC offset), the date stays ahead.
 */
export function nextDayOfYear(month: number, day: number, minDays = 14): string {
  const earliest = dateInDays(minDays, 'UTC');
  for (let year = Number(earliest.slice(0, 4)); ; year++) {
    const candidate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (candidate >= earliest) return candidate;
  }
}

/** The weekday of a YYYY-MM-DD date, 0 for Sunday, as `Date.prototype.getUTCDay` counts. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}
