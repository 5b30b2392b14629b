import { sql, type SQL } from 'drizzle-orm';

/**
 * A set of ids as one `uuid[]` parameter: drizzle would spread a JS array into a list of
 * parameters, which breaks on an empty set and changes the statement's text with its size.
 */
export function uuidArray(ids: Iterable<string>): SQL {
  return sql`${`{${[...ids].join(',')}}`}::uuid[]`;
}

/** The name of the unique constraint a failed statement broke, on node-postgres and PGlite alike. */
export function uniqueViolation(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint } = e as { code?: string; constraint?: string };
    if (code === '23505') return constraint ?? '';
  }
  return null;
}

/** "current" for an employment or an office: begun (or without a start) and not yet ended. */
export function currentPeriod(startsOn: SQL, endsOn: SQL): SQL {
  return sql`(${startsOn} is null or ${startsOn} <= current_date) and (${endsOn} is null or ${endsOn} >= current_date)`;
}
