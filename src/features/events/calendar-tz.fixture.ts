/**
 * Events whose instants a calendar must keep, whatever zone the server runs in: winter time, summer
 * time, one across the autumn change of clocks, and one announced in Stockholm. Run as a script, it
 * prints their iCalendar document, so calendar.test.ts can make it in child processes with other TZ
 * values and compare what comes out.
 */
import { fileURLToPath } from 'node:url';
import { eventIcs, type CalendarEvent } from './calendar.js';

const base = {
  description: '',
  placeName: null,
  addressLine: null,
  postalCode: null,
  city: null,
  onlineUrl: null,
  status: 'published',
  updatedAt: new Date('2025-01-02T09:30:00Z'),
} as const;

export const tzEvents: CalendarEvent[] = [
  // 17:00–19:30 Copenhagen winter time (UTC+1).
  { ...base, id: '00000000-0000-4000-8000-000000000001', slug: 'vinter', title: 'Vintermøde', startsAt: new Date('2025-01-15T16:00:00Z'), endsAt: new Date('2025-01-15T18:30:00Z'), timeZone: 'Europe/Copenhagen' },
  // 17:00–19:00 Copenhagen summer time (UTC+2).
  { ...base, id: '00000000-0000-4000-8000-000000000002', slug: 'sommer', title: 'Sommermøde', startsAt: new Date('2025-06-15T15:00:00Z'), endsAt: new Date('2025-06-15T17:00:00Z'), timeZone: 'Europe/Copenhagen' },
  // 23:30 summer time on 25 October to 02:30 winter time on 26 October: four hours, across the change.
  { ...base, id: '00000000-0000-4000-8000-000000000003', slug: 'natmoede', title: 'Natmøde', startsAt: new Date('2025-10-25T21:30:00Z'), endsAt: new Date('2025-10-26T01:30:00Z'), timeZone: 'Europe/Copenhagen' },
  // 09:00 Stockholm summer time.
  { ...base, id: '00000000-0000-4000-8000-000000000004', slug: 'stockholm', title: 'Årsmöte', startsAt: new Date('2025-05-20T07:00:00Z'), endsAt: new Date('2025-05-20T15:00:00Z'), timeZone: 'Europe/Stockholm' },
];

export function tzIcs(): string {
  return eventIcs(tzEvents, { name: 'TZ', url: (e) => `https://forening.test/events/${e.slug}` });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(tzIcs());
