import type { SQL } from 'drizzle-orm';

/**
 * Audiences other features name for their service mail, as segments name their uses: the
 * assemblies' electoral roll (`assembly.roll` + an assembly id). Mailings cannot import those
 * features (they sit above it), so each registers its source from its own `index.ts`; a mailing to a
 * source stores the name and the id, and the freeze asks the source for its people.
 */
export interface AudienceSource {
  name: string;
  /** The people of the audience `ref` as `select … person_id from …`. */
  personIds(ref: string): SQL;
  /**
   * A personal link the source's mails carry (a survey's answer link): the merge field
   * `{{personalLink}}` is then allowed, and each recipient's is `url(baseUrl, token)` with a token
   * signed over (ref, person) for `purpose`, which the source's own page verifies with `verifyPersonalLink`.
   */
  link?: { purpose: string; url(baseUrl: string, token: string): string };
}

const sources = new Map<string, AudienceSource>();

export function addAudienceSource(source: AudienceSource): void {
  sources.set(source.name, source);
}

export function audienceSource(name: string): AudienceSource | undefined {
  return sources.get(name);
}
