/**
 * Addresses made from titles, one way for every feature that publishes (events, news, the magazine,
 * the press room, newsletter topics): readable in a URL, typed without Danish or Swedish letters.
 */

/**
 * Lower-case letters, digits and single hyphens, at most `maxLength` characters; Danish and Swedish
 * letters spelled the way they are typed without them (æ → ae, å → aa, ö → oe). Empty when the text
 * has nothing to spell (only signs, or letters outside the Latin alphabet): the caller names a fallback.
 */
export function slugify(text: string, maxLength = 60): string {
  const spelled = text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/[øö]/g, 'oe')
    .replace(/[åä]/g, (c) => (c === 'å' ? 'aa' : 'ae'))
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return spelled.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, maxLength).replace(/-+$/, '');
}

/** A slug from a title, or the fallback when the title has nothing to spell. */
export function slugFor(title: string, fallback: string): string {
  const slug = slugify(title);
  if (!slug) return fallback;
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

/** The LIKE pattern for `base`'s numbered variants; `_` and `%` cannot occur in a slug. */
export function slugPattern(base: string): string {
  return `${base}-%`;
}
