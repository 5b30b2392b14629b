import { sql, type SQL } from 'drizzle-orm';

/*
 * SQL fragments every feature writes the same way. One copy each: the rules in them (an empty set,
 * a typed % in a search, both drivers' error shapes) are easy to get subtly wrong in a second copy.
 */

/**
 * A set of ids as one `uuid[]` parameter: drizzle would spread a JS array into a list of
 * parameters, which breaks on an empty set and changes the statement's text with its size.
 * Only for ids we produced ourselves (grants, the database), never for user text.
 */
export function uuidArray(ids: Iterable<string>): SQL {
  return sql`${`{${[...ids].join(',')}}`}::uuid[]`;
}

/** The name of the unique constraint a failed statement broke, on node-postgres and PGlite alike (null: not a unique violation). */
export function uniqueViolation(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint } = e as { code?: string; constraint?: string };
    if (code === '23505') return constraint ?? '';
  }
  return null;
}

/** LIKE pattern for a substring typed by someone: their % and _ are letters, not wildcards. */
export function contains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** "current" for an employment or an office: begun (or without a start) and not yet ended. */
export function currentPeriod(startsOn: SQL, endsOn: SQL): SQL {
  return sql`(${startsOn} is null or ${startsOn} <= current_date) and (${endsOn} is null or ${endsOn} >= current_date)`;
}

/**
 * A timestamp from a plain-SQL row as an ISO 8601 instant, or null: node-postgres hands back a Date,
 * PGlite a Date or a string depending on the query, and a JSON aggregate always a string.
 */
export function isoInstant(v: unknown): string | null {
  return v === null || v === undefined ? null : new Date(v as string | Date).toISOString();
}
