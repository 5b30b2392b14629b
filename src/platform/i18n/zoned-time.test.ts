import { describe, expect, it } from 'vitest';
import { localParts, parseDate, parseTime, zonedInstant, zonedInstantFromLocal } from './zoned-time.js';

describe('wall-clock times in the event’s zone', () => {
  it('reads a Copenhagen winter and summer evening as the right instants', () => {
    expect(zonedInstant('2026-12-08', '17:00', 'Europe/Copenhagen')?.toISOString()).toBe('2026-12-08T16:00:00.000Z');
    expect(zonedInstant('2026-06-09', '17:00', 'Europe/Copenhagen')?.toISOString()).toBe('2026-06-09T15:00:00.000Z');
    expect(zonedInstant('2026-06-09', '17.30', 'Europe/Stockholm')?.toISOString()).toBe('2026-06-09T15:30:00.000Z');
    expect(zonedInstant('2026-06-09', '17:00', 'UTC')?.toISOString()).toBe('2026-06-09T17:00:00.000Z');
    expect(zonedInstant('2026-01-15', '09:00', 'America/Nuuk')?.toISOString()).toBe('2026-01-15T11:00:00.000Z');
  });

  it('takes the first of the two 02:30s in the autumn night, and moves the missing spring 02:30 forward', () => {
    expect(zonedInstant('2026-10-25', '02:30', 'Europe/Copenhagen')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedInstant('2026-10-25', '03:30', 'Europe/Copenhagen')?.toISOString()).toBe('2026-10-25T02:30:00.000Z');
    // 02:00–03:00 does not exist on 29 March 2026: 02:30 is shown by the clock as 03:30.
    const gap = zonedInstant('2026-03-29', '02:30', 'Europe/Copenhagen')!;
    expect(gap.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(localParts(gap, 'Europe/Copenhagen')).toEqual({ date: '2026-03-29', time: '03:30' });
    expect(zonedInstant('2026-03-29', '01:59', 'Europe/Copenhagen')?.toISOString()).toBe('2026-03-29T00:59:00.000Z');
  });

  it('refuses what is not a date, a time or a zone', () => {
    expect(zonedInstant('2026-02-30', '10:00', 'Europe/Copenhagen')).toBeNull();
    expect(zonedInstant('8/12/2026', '10:00', 'Europe/Copenhagen')).toBeNull();
    expect(zonedInstant('2026-12-08', '24:00', 'Europe/Copenhagen')).toBeNull();
    expect(zonedInstant('2026-12-08', '17', 'Europe/Copenhagen')).toBeNull();
    expect(zonedInstant('2026-12-08', '17:00', 'Europe/Atlantis')).toBeNull();
    expect(parseDate('2028-02-29')).toEqual({ y: 2028, m: 2, d: 29 });
    expect(parseDate('2027-02-29')).toBeNull();
    expect(parseTime(' 09:05 ')).toEqual({ h: 9, min: 5 });
    expect(zonedInstantFromLocal('2026-12-01T09:00', 'Europe/Copenhagen')?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(zonedInstantFromLocal('2026-12-01', 'Europe/Copenhagen')).toBeNull();
  });

  it('gives back the date and time the form shows, whatever zone the server runs in', () => {
    expect(localParts('2026-12-08T16:00:00Z', 'Europe/Copenhagen')).toEqual({ date: '2026-12-08', time: '17:00' });
    // Late evening in Copenhagen is already the next day in UTC's eyes, and the other way round.
    expect(localParts('2026-12-08T23:30:00Z', 'Europe/Copenhagen')).toEqual({ date: '2026-12-09', time: '00:30' });
    expect(localParts('2026-12-08T23:30:00Z', 'UTC')).toEqual({ date: '2026-12-08', time: '23:30' });
    for (const [date, time] of [
      ['2026-01-01', '00:00'],
      ['2026-07-31', '23:59'],
      ['2026-10-25', '01:00'],
    ]) {
      expect(localParts(zonedInstant(date, time, 'Europe/Copenhagen')!, 'Europe/Copenhagen')).toEqual({ date, time });
    }
  });
});
