import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/* What the workplace meetings may ask of an event without reading its table. */

/** The event's slug (its page's address), or null for no event (a null id), as an SQL expression. */
export function eventSlugSql(eventId: AnyPgColumn | SQL): SQL<string | null> {
  return sql<string | null>`(select ev.slug from events ev where ev.id = ${eventId})`;
}
