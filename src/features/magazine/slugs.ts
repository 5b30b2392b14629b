import { slugify } from '../events/index.js';

/**
 * A slug from a title, spelled as the events feature spells them (æ → ae, ø → oe, å → aa), or the
 * fallback when the title has nothing to spell (only signs, or letters outside the Latin alphabet).
 */
export function slugFor(title: string, fallback: string): string {
  const slug = slugify(title);
  if (slug === 'arrangement' && !/arrangement/i.test(title)) return fallback;
  // A long title is cut at 60 characters; end the slug on a whole word, not on "…-paa-b".
  const cut = slug.length >= 59 ? slug.lastIndexOf('-') : -1;
  return cut > 30 ? slug.slice(0, cut) : slug;
}

/** `base`, or `base-2`, `base-3` … whichever is free; reserved words are never free (they are pages). */
export function nextFreeSlug(base: string, taken: Iterable<string>, reserved: readonly string[] = []): string {
  const used = new Set([...taken, ...reserved]);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** The LIKE pattern for `base` and its numbered variants; `_` and `%` cannot occur in a slug. */
export function slugPattern(base: string): string {
  return `${base}-%`;
}

/** The name of the unique constraint a failed statement broke, on node-postgres and PGlite alike. */
export function uniqueViolation(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint } = e as { code?: string; constraint?: string };
    if (code === '23505') return constraint ?? '';
  }
  return null;
}
