import { sql, type SQL } from 'drizzle-orm';

/** A set of ids as one `uuid[]` parameter (drizzle would spread an array into a parameter list). */
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

/** LIKE pattern for a substring typed by someone: their % and _ are letters, not wildcards. */
export function contains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
