import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { isLocale, type Locale } from '../../platform/i18n/i18n.js';
import { memberNumberSql } from '../members/index.js';
import { persons } from '../../kernel/tables.js';
import { loadSegmentFor, segmentPersonIdsSql } from '../segments/index.js';
import type { RecipientFields } from './contract.js';
import { subscribedCondition } from './subscriptions.js';

/**
 * How many people the mailing would reach if it were frozen now: the segment's people with an
 * address, and for a newsletter only those who may get its topic — the same rule as the freeze, so
 * the number in the confirmation step is the number that will be sent (unless the register changes).
 */
export async function countMailingRecipients(db: Db, actor: Actor, m: { segmentId: string | null; kind: 'newsletter' | 'service'; topicId: string | null }): Promise<number | null> {
  if (!m.segmentId) return null;
  const found = await loadSegmentFor(db, actor, m.segmentId, 'view');
  if (!found.ok) return null;
  const consent = m.kind === 'newsletter' && m.topicId ? sql`and ${subscribedCondition(sql`p.id`, m.topicId)}` : sql``;
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (${segmentPersonIdsSql(found.segment)}) s join persons p on p.id = s.person_id
        where p.email is not null and btrim(p.email) <> '' ${consent}`,
  );
  return row.n;
}

/** A person as the renderer sees a recipient: the staff member's own test mail and preview. */
export async function recipientFieldsOf(db: Db, personId: string, fallbackLocale: Locale): Promise<RecipientFields | null> {
  const [p] = await db
    .select({ email: persons.email, firstName: persons.firstName, lastName: persons.lastName, locale: persons.preferredLocale, memberNumber: memberNumberSql(persons.id) })
    .from(persons)
    .where(eq(persons.id, personId));
  if (!p) return null;
  return {
    recipientId: 0,
    personId,
    email: p.email ?? '',
    locale: isLocale(p.locale) ? p.locale : fallbackLocale,
    firstName: p.firstName,
    lastName: p.lastName,
    memberNumber: p.memberNumber,
  };
}
