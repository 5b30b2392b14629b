import { afterEach, describe, expect, it, vi } from 'vitest';
import { dateInDays, instantInDays, nextDayOfYear, shiftDate, weekdayOf } from './time.js';

/** The helpers tests build their dates with, on days where calendars are awkward: they must hold on any day. */

afterEach(() => {
  vi.useRealTimers();
});

const AWKWARD_DAYS = [
  '2026-12-06T11:00:00Z', // the day this was written
  '2026-12-31T23:30:00Z', // already 1 January in Copenhagen
  '2027-02-28T12:00:00Z', // before a day that does not exist
  '2027-10-31T01:30:00Z', // the night summer time ends
  '2028-02-29T12:00:00Z', // a leap day
  '2035-12-07T22:59:59Z', // the last second of 7 December in Copenhagen
];

describe('dates for tests', () => {
  it.each(AWKWARD_DAYS)('on %s: a coming day of the year is ahead by the margin and is the day asked for', (now) => {
    vi.useFakeTimers({ now: new Date(now), toFake: ['Date'] });
    const today = dateInDays(0, 'UTC');
    for (const [month, day] of [
      [12, 8],
      [12, 1],
      [6, 1],
    ]) {
      const next = nextDayOfYear(month, day);
      expect(next.slice(5)).toBe(`${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
      expect(next >= shiftDate(today, 14)).toBe(true);
      expect(next <= shiftDate(today, 14 + 366)).toBe(true);
    }
  });

  it.each(AWKWARD_DAYS)('on %s: days ahead and ago fall on the side of today they are meant for', (now) => {
    vi.useFakeTimers({ now: new Date(now), toFake: ['Date'] });
    const today = dateInDays(0);
    expect(dateInDays(7) > today).toBe(true);
    expect(dateInDays(-1) < today).toBe(true);
    expect(dateInDays(365)).toBe(shiftDate(today, 365));
    expect(Date.parse(instantInDays(-0.5))).toBeLessThan(Date.now());
  });

  it('moves dates by the calendar alone and knows the weekday', () => {
    expect(shiftDate('2027-02-28', 1)).toBe('2027-03-01');
    expect(shiftDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(shiftDate('2027-01-01', -1)).toBe('2026-12-31');
    expect(weekdayOf('2026-12-08')).toBe(2); // a Tuesday
    expect(weekdayOf('2027-12-08')).toBe(3); // a Wednesday
  });

  it('counts today in Copenhagen, where the organisation is', () => {
    vi.useFakeTimers({ now: new Date('2026-12-31T23:30:00Z'), toFake: ['Date'] });
    expect(dateInDays(0)).toBe('2027-01-01');
    expect(dateInDays(0, 'UTC')).toBe('2026-12-31');
  });
});
