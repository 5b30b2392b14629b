import ical, { ICalEventStatus } from 'ical-generator';
import { markdownToText } from '../../platform/html/markdown.js';
import { locationOf, type EventPlace } from './place.js';
import type { EventStatus } from './tables.js';

/** What a calendar needs to know about an event: a subset of the `events` row. */
export interface CalendarEvent extends EventPlace {
  id: string;
  slug: string;
  title: string;
  /** Markdown; the calendar gets it as plain text. */
  description: string;
  startsAt: Date;
  endsAt: Date;
  /** The zone the event is announced in. The calendar writes UTC instants; the reader's app shows them in its own zone. */
  timeZone: string;
  status: EventStatus;
  updatedAt: Date;
}

export interface EventIcsOptions {
  /** The calendar's name as a subscribing app shows it (X-WR-CALNAME). */
  name: string;
  /** The event's page, absolute: the URL property and the last line of the description. */
  url: (e: CalendarEvent) => string;
  /** The PRODID without its leading '-': '//Company//Product//EN'. */
  prodId?: string;
  /** Put before the title of a cancelled event ("Aflyst"), for apps that ignore STATUS:CANCELLED. */
  cancelledLabel?: string;
  /** How often a subscribing app should fetch the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  ttlSeconds?: number;
}

/** ical-generator puts the leading '-' (not registered with ISO) in front itself. */
const DEFAULT_PROD_ID = '//Forening//Forening events//EN';

/**
 * SEQUENCE must grow with every revision of an event. The row keeps no revision counter, so the
 * seconds of `updatedAt` since 2024 stand in for one: they grow with each update and stay far from
 * the 32-bit limit that some calendar apps store the number in.
 */
const SEQUENCE_EPOCH_MS = Date.UTC(2024, 0, 1);
export function sequenceOf(updatedAt: Date): number {
  return Math.max(0, Math.floor((updatedAt.getTime() - SEQUENCE_EPOCH_MS) / 1000));
}

/**
 * An iCalendar document (RFC 5545) with one VEVENT per event.
 *
 * Times are written as UTC instants (`DTSTART:20250312T170000Z`) on purpose: ical-generator formats
 * zoned times with the server's own zone (see ARCHITECTURE pitfalls), and a UTC instant is read the
 * same by every app in every zone. The UID is stable per event, so an update or cancellation replaces
 * the entry in a subscriber's calendar instead of adding a second one.
 */
export function eventIcs(events: CalendarEvent[], opts: EventIcsOptions): string {
  const calendar = ical({ name: opts.name, prodId: opts.prodId ?? DEFAULT_PROD_ID, ttl: opts.ttlSeconds ?? null });
  for (const e of events) {
    const url = opts.url(e);
    const text = markdownToText(e.description, { baseUrl: new URL(url).origin });
    const cancelled = e.status === 'cancelled';
    calendar.createEvent({
      id: `${e.id}@forening`,
      start: e.startsAt,
      end: e.endsAt,
      // No `timezone` and not floating: ical-generator then writes UTC.
      summary: cancelled && opts.cancelledLabel ? `${opts.cancelledLabel}: ${e.title}` : e.title,
      description: text ? `${text}\n\n${url}` : url,
      location: locationOf(e),
      url,
      status: cancelled ? ICalEventStatus.CANCELLED : e.status === 'published' ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
      sequence: sequenceOf(e.updatedAt),
      lastModified: e.updatedAt,
      // Without a METHOD, DTSTAMP means the same as LAST-MODIFIED (RFC 5545 3.8.7.2); it also keeps
      // the document the same for the same data, so a feed's ETag holds between fetches.
      stamp: e.updatedAt,
    });
  }
  return calendar.toString();
}

/** The event's public page: /events/{slug} under PUBLIC_URL. */
export function eventPageUrl(baseUrl: string, slug: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/events/${encodeURIComponent(slug)}`;
}
