import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { persons } from '../../kernel/tables.js';
import { linkKey, signLink, verifyLink } from './link-tokens.js';
import { setSubscriptions } from './subscriptions.js';
import { newsletterTopics, topicSubscriptions, type LocalizedText } from './tables.js';

/** What an unsubscribe link stands for, once its token checked out. */
export interface UnsubscribeTarget {
  personId: string;
  topicId: string;
  topicName: LocalizedText;
  /** The person's language, for the page when the browser says nothing better. */
  locale: string | null;
  subscribed: boolean;
}

/** The token of a person's unsubscribe link for one topic (the renderer makes the same). */
export async function unsubscribeToken(db: Db, personId: string, topicId: string): Promise<string> {
  return signLink(await linkKey(db), 'unsubscribe', personId, topicId);
}

/**
 * The person and topic of a genuine link whose person and topic still exist; null for anything
 * else, which the routes answer with 404. Reading changes nothing: a mail scanner following the
 * link does no harm.
 */
export async function findUnsubscribeTarget(db: Db, token: string): Promise<UnsubscribeTarget | null> {
  const ids = verifyLink(await linkKey(db), 'unsubscribe', token);
  if (!ids) return null;
  const [personId, topicId] = ids;
  const [row] = await db
    .select({
      topicName: newsletterTopics.name,
      defaultSubscribed: newsletterTopics.defaultSubscribed,
      locale: persons.preferredLocale,
      subscribed: topicSubscriptions.subscribed,
    })
    .from(newsletterTopics)
    .innerJoin(persons, eq(persons.id, personId))
    .leftJoin(topicSubscriptions, and(eq(topicSubscriptions.topicId, newsletterTopics.id), eq(topicSubscriptions.personId, personId)))
    .where(eq(newsletterTopics.id, topicId));
  if (!row) return null;
  return { personId, topicId, topicName: row.topicName, locale: row.locale, subscribed: row.subscribed ?? row.defaultSubscribed };
}

/**
 * One-click unsubscribe (RFC 8058): the token is the proof, no log-in. Doing it again changes
 * nothing and still succeeds, as a mail client retrying the POST expects.
 */
export async function unsubscribeByToken(db: Db, actor: Actor, token: string): Promise<{ ok: true; target: UnsubscribeTarget } | { ok: false; reason: 'not_found' }> {
  const target = await findUnsubscribeTarget(db, token);
  if (!target) return { ok: false, reason: 'not_found' };
  await setSubscriptions(db, actor, target.personId, [{ topicId: target.topicId, subscribed: false }], 'unsubscribe_link');
  return { ok: true, target: { ...target, subscribed: false } };
}
