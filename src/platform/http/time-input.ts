import { z } from 'zod';

/**
 * Date and time inputs, shared so every feature reads them alike.
 *
 * Each check aborts: a field has one error, and an object's own rules (`superRefine`: "ends after it
 * starts") are not run on a value that is not a time at all — they used to be, and called
 * `getTime()` on a string (a 500). Rules that compare times should still check they got Dates.
 */

/** `2026-03-04T16:00:00.123+01:00` is 29 characters; 40 leaves room for finer fractions, not for junk. */
const INSTANT_MAX = 40;

/** Years before 1000 are typing errors (0202 for 2026), and PostgreSQL has no year 0 at all. */
const plausibleYear = (s: string): boolean => !/^\d{4}/.test(s) || Number(s.slice(0, 4)) >= 1000;

/** An instant written with its offset (`2026-03-04T16:00:00+01:00` or `…Z`), kept as text (filters). */
export const instantText = z.iso
  .datetime({ offset: true, abort: true })
  .max(INSTANT_MAX, { message: 'validation.invalid_datetime', abort: true })
  .refine(plausibleYear, { message: 'validation.invalid_datetime', abort: true });

/** An instant with its offset, read as a Date: never a local time without a zone. */
export const instant = instantText.transform((s) => new Date(s));

/** A calendar day, `YYYY-MM-DD`, that exists (no 30 February), kept as text as PostgreSQL's `date` takes it. */
export const isoDate = z.iso
  .date({ abort: true })
  .max(10, { abort: true })
  .refine(plausibleYear, { message: 'validation.invalid_date', abort: true });

/** True for a Date that holds a time: an object rule's guard before it compares times. */
export const isTime = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());
