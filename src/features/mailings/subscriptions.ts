import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { newslettersNotRefusedSql, refusedNewsletters } from '../members/index.js';
import type { SubscribedCondition } from './contract.js';
import { newsletterTopics, topicSubscriptions, type LocalizedText, type SubscriptionSource } from './tables.js';

/**
 * True when the person may get newsletters of the topic: their own latest answer for the topic, or
 * without one the topic's default; and never when they declined newsletters altogether (the joining
 * feature's general `newsletter` consent, answered "no"). Correlated look-ups on primary keys, so it
 * stays cheap as the filter of a set-based freeze over 100,000 people.
 */
export const subscribedCondition: SubscribedCondition = (personId: SQL, topicId: string): SQL =>
  sql`(coalesce(
        (select s.subscribed from newsletter_topic_subscriptions s where s.person_id = ${personId} and s.topic_id = ${topicId}),
        (select t.default_subscribed from newsletter_topics t where t.id = ${topicId}),
        false)
      and ${newslettersNotRefusedSql(personId)})`;

/** One topic as a member sees it on their own page. */
export interface MyTopic {
  id: string;
  name: LocalizedText;
  description: LocalizedText | null;
  subscribed: boolean;
  /** The person answered for this topic themselves (else `subscribed` is the topic's default). */
  chosen: boolean;
}

export interface MyNewsletters {
  topics: MyTopic[];
  /** The person said no to newsletters when joining or on /me/consents: no topic reaches them. */
  declinedAll: boolean;
}

/** Every active topic with the person's state; what /me/newsletters shows. */
export async function loadMyNewsletters(db: Db, personId: string): Promise<MyNewsletters> {
  const rows = await db
    .select({
      id: newsletterTopics.id,
      name: newsletterTopics.name,
      description: newsletterTopics.description,
      defaultSubscribed: newsletterTopics.defaultSubscribed,
      subscribed: topicSubscriptions.subscribed,
    })
    .from(newsletterTopics)
    .leftJoin(topicSubscriptions, and(eq(topicSubscriptions.topicId, newsletterTopics.id), eq(topicSubscriptions.personId, personId)))
    .where(eq(newsletterTopics.active, true))
    .orderBy(asc(newsletterTopics.position), asc(newsletterTopics.createdAt));
  const declinedAll = await refusedNewsletters(db, personId);
  return {
    topics: rows.map((r) => ({ id: r.id, name: r.name, description: r.description, subscribed: r.subscribed ?? r.defaultSubscribed, chosen: r.subscribed !== null })),
    declinedAll,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SubscriptionChange {
  topicId: string;
  subscribed: boolean;
}

/**
 * Records a person's answers for some topics: an upsert per topic whose state changes, with where the
 * answer came from, audited as a change of the person's consent. Unknown topic ids are ignored (the
 * form only offers real ones, and an unsubscribe link may outlive a topic). Returns the changed topics.
 */
export async function setSubscriptions(db: Db, actor: Actor, personId: string, changes: SubscriptionChange[], source: SubscriptionSource): Promise<string[]> {
  changes = changes.filter((c) => UUID.test(c.topicId));
  if (changes.length === 0) return [];
  return db.transaction(async (tx) => {
    const known = await tx
      .select({ id: newsletterTopics.id, defaultSubscribed: newsletterTopics.defaultSubscribed, subscribed: topicSubscriptions.subscribed })
      .from(newsletterTopics)
      .leftJoin(topicSubscriptions, and(eq(topicSubscriptions.topicId, newsletterTopics.id), eq(topicSubscriptions.personId, personId)))
      .where(sql`${newsletterTopics.id} in (${sql.join(
        changes.map((c) => sql`${c.topicId}`),
        sql`, `,
      )})`);
    const state = new Map(known.map((k) => [k.id, k.subscribed ?? k.defaultSubscribed]));
    const changed: string[] = [];
    for (const c of changes) {
      // An answer equal to the person's present state changes nothing and writes nothing (saving the
      // page twice, a second click on an unsubscribe link).
      if (!state.has(c.topicId) || state.get(c.topicId) === c.subscribed) continue;
      state.set(c.topicId, c.subscribed);
      await tx
        .insert(topicSubscriptions)
        .values({ personId, topicId: c.topicId, subscribed: c.subscribed, source })
        .onConflictDoUpdate({
          target: [topicSubscriptions.personId, topicSubscriptions.topicId],
          set: { subscribed: c.subscribed, source, changedAt: sql`now()` },
        });
      changed.push(c.topicId);
    }
    for (const topicId of changed) {
      await audit(tx, actor, { action: 'update', entityType: 'newsletter_subscription', entityId: `${personId}:${topicId}`, fields: ['subscribed'] });
    }
    return changed;
  });
}
