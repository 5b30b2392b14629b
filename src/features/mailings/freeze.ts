import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { segmentPersonIdsSql, type SegmentFilter } from '../segments/index.js';
import { subscribedCondition } from './subscriptions.js';

/**
 * An address worth handing to the SMTP server: something@domain.tld, no spaces or characters that
 * cannot stand unquoted in an address. Not a full RFC 5322 check (that belongs to the receiving
 * server); it catches what registers really contain — "ikke oplyst", a missing @, a name typed into
 * the field. The same text works as a JavaScript and a PostgreSQL regular expression.
 */
export const PLAUSIBLE_EMAIL = '^[^@\\s<>(),;:"]+@[^@\\s<>(),;:".][^@\\s<>(),;:"]*\\.[^@\\s<>(),;:".]{2,}$';

export const INVALID_ADDRESS = 'invalid_address';

export interface FreezeInput {
  mailingId: string;
  kind: 'newsletter' | 'service';
  topicId: string | null;
  /** The people to freeze: a segment's, or any `select … person_id` (an audience source's). */
  segment: { unitId: string; filter: SegmentFilter } | { personIds: SQL };
  /** The organisation's language, for people who have not chosen one. */
  defaultLocale: Locale;
}

/**
 * Freezes a mailing's recipients in one set-based statement: the segment's people as they are now,
 * one row each with their address and language. People without an address are not in it (there is
 * nobody to send to); a newsletter leaves out whoever opted out of its topic or of newsletters. An
 * address that cannot be one is frozen as `failed` with reason `invalid_address`, so staff see it in
 * the failures instead of the person silently missing. Returns the number of rows.
 */
export async function freezeRecipients(tx: Db, f: FreezeInput): Promise<number> {
  const consent = f.kind === 'newsletter' && f.topicId ? sql`and ${subscribedCondition(sql`p.id`, f.topicId)}` : sql``;
  const plausible = sql`p.email ~ ${PLAUSIBLE_EMAIL}`;
  const result = (await tx.execute(sql`
    insert into mailing_recipients (mailing_id, person_id, email, locale, status, last_error)
    select ${f.mailingId}::uuid, p.id, p.email, coalesce(p.preferred_locale, ${f.defaultLocale}),
      case when ${plausible} then 'pending' else 'failed' end,
      case when ${plausible} then null else ${INVALID_ADDRESS} end
    from (${'personIds' in f.segment ? f.segment.personIds : segmentPersonIdsSql(f.segment)}) s
    join persons p on p.id = s.person_id
    where p.email is not null and btrim(p.email) <> '' ${consent}`)) as unknown as { rowCount?: number | null; affectedRows?: number };
  return Number(result.rowCount ?? result.affectedRows ?? 0);
}
