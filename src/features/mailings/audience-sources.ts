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
  /**
   * The mails carry what only the audience may read (a closed network's posts): such a mailing is read
   * by staff of its unit only, not by the unit's board, whose look at what went out in its name
   * stops at what the audience itself would not keep from it.
   */
  confidential?: boolean;
}

const sources = new Map<string, AudienceSource>();

export function addAudienceSource(source: AudienceSource): void {
  sources.set(source.name, source);
}

export function audienceSource(name: string): AudienceSource | undefined {
  return sources.get(name);
}

/** The names of the sources whose mailings only staff read. */
export function confidentialSources(): string[] {
  return [...sources.values()].filter((s) => s.confidential).map((s) => s.name);
}
