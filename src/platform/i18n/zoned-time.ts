/**
 * Wall-clock dates and times in an event's own time zone, for the staff form: staff type the date
 * and the times as the invitation says them ("8 December, 17:00 to 19:30, Copenhagen"), and the
 * database keeps instants. The server's own zone plays no part.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3])[:.]([0-5]\d)$/;

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partsFormats.set(timeZone, f);
  }
  return f;
}

/** What the zone's clock shows at an instant, as milliseconds of a UTC clock showing the same. */
function wallClock(at: number, timeZone: string): number {
  const p = Object.fromEntries(partsFormat(timeZone).formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/** `2026-12-08` as a real calendar date (no 31 February), else null. */
export function parseDate(value: string): { y: number; m: number; d: number } | null {
  const match = DATE.exec(value.trim());
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return { y, m, d };
}

/** `17:00` (or `17.00`, as Danes write it) as hours and minutes, else null. */
export function parseTime(value: string): { h: number; min: number } | null {
  const match = TIME.exec(value.trim());
  return match ? { h: Number(match[1]), min: Number(match[2]) } : null;
}

/**
 * The instant when the clock in `timeZone` shows `date` at `time`. Where summer time makes a
 * wall-clock time happen twice (the autumn night), the first one is meant; where it skips a time
 * (the spring night), the time is moved forward by the gap, as a clock would show it.
 * Null when the date, the time or the zone is not valid.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date | null {
  const d = parseDate(date);
  const t = parseTime(time);
  if (!d || !t) return null;
  try {
    partsFormat(timeZone);
  } catch {
    return null;
  }
  const wanted = Date.UTC(d.y, d.m - 1, d.d, t.h, t.min);
  // The zone's offsets a day around the wanted time: at most two (before and after a change).
  const offsets = [...new Set([wanted - 86_400_000, wanted, wanted + 86_400_000].map((at) => wallClock(at, timeZone) - at))].sort((a, b) => b - a);
  // Each offset gives a candidate; those the zone's clock really shows as `wanted` are right, the earliest first.
  const exact = offsets.map((o) => wanted - o).filter((at) => wallClock(at, timeZone) === wanted);
  if (exact.length) return new Date(Math.min(...exact));
  // In the gap: take the offset from before the change, which lands after the gap by its length.
  const before = wallClock(wanted - 86_400_000, timeZone) - (wanted - 86_400_000);
  return new Date(wanted - before);
}

/** `2026-12-08T17:00` (a datetime-local field) in the zone, or null. */
export function zonedInstantFromLocal(value: string, timeZone: string): Date | null {
  const [date, time] = value.trim().split('T');
  return time === undefined ? null : zonedInstant(date, time, timeZone);
}

/** The date and time the zone's clock shows at an instant: `{ date: '2026-12-08', time: '17:00' }`. */
export function localParts(at: Date | string, timeZone: string): { date: string; time: string } {
  const p = Object.fromEntries(partsFormat(timeZone).formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The instant when the wall clock in `timeZone` shows `hh:mm`, on the calendar day `days` days from `from` there. */
export function wallClockInDays(days: number, hh: number, mm: number, timeZone: string, from = new Date()): Date {
  const { date } = localParts(new Date(from.getTime() + days * 86_400_000), timeZone);
  return zonedInstant(date, `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`, timeZone)!;
}
