import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit, changedFields } from '../../platform/audit/audit.js';
import { uniqueViolation } from '../../platform/db/sql.js';
import { meetingTopics } from './tables.js';
import { can } from './policy.js';
import { unitAndAboveSql } from './queries.js';
import { forbidden, notFound, type Refusal } from '../../platform/outcomes.js';
import { invalid, type MeetingInvalid } from './requests.js';
import type { TopicInput, TopicPatch } from './schema.js';

export interface Topic {
  id: string;
  unitId: string;
  name: string;
  active: boolean;
  position: number;
}
export type TopicResult = { ok: true; topic: Topic } | MeetingInvalid | Refusal;

const topicColumns = { id: meetingTopics.id, unitId: meetingTopics.unitId, name: meetingTopics.name, active: meetingTopics.active, position: meetingTopics.position };

/**
 * The topics a request for a workplace in this unit may choose: the unit's own and those of the units
 * above it (a national catalogue serves every district). The public form reads it, so no actor is needed.
 */
export async function offeredTopics(db: Db, unitId: string): Promise<Topic[]> {
  return queryRows<Topic>(
    db,
    sql`select id, unit_id as "unitId", name, active, position from workplace_meeting_topics
        where active and unit_id in ${unitAndAboveSql(unitId)} order by position, name`,
  );
}

/** One unit's own catalogue, inactive topics included, for its staff. */
export async function listTopics(db: Db, actor: Actor, unitId: string): Promise<{ ok: true; topics: Topic[] } | Refusal> {
  if (!can(actor, 'workplace_meeting.manage_topics', { unitId, workplaceId: null, requesterPersonId: null })) return forbidden;
  const topics = await db.select(topicColumns).from(meetingTopics).where(eq(meetingTopics.unitId, unitId)).orderBy(asc(meetingTopics.position), asc(meetingTopics.name));
  return { ok: true, topics };
}

const nameTaken = (err: unknown) => uniqueViolation(err) === 'workplace_meeting_topics_name_unique';

export async function createTopic(db: Db, actor: Actor, input: TopicInput): Promise<TopicResult> {
  if (!can(actor, 'workplace_meeting.manage_topics', { unitId: input.unitId, workplaceId: null, requesterPersonId: null })) return forbidden;
  try {
    return await db.transaction(async (tx): Promise<TopicResult> => {
      const [unit] = await queryRows<{ id: string }>(tx, sql`select id from units where id = ${input.unitId}`);
      if (!unit) return invalid({ path: 'unitId', code: 'workplace_meeting.unit_not_found' });
      const [topic] = await tx.insert(meetingTopics).values(input).returning(topicColumns);
      await audit(tx, actor, { action: 'create', entityType: 'workplace_meeting_topic', entityId: topic.id, fields: ['unitId', 'name', 'active', 'position'] });
      return { ok: true, topic };
    });
  } catch (err) {
    if (nameTaken(err)) return invalid({ path: 'name', code: 'workplace_meeting.topic_taken' });
    throw err;
  }
}

async function topicFor(tx: Db, actor: Actor, id: string): Promise<{ ok: true; topic: Topic } | Refusal> {
  const [topic] = await tx.select(topicColumns).from(meetingTopics).where(eq(meetingTopics.id, id)).for('update');
  if (!topic) return notFound;
  if (!can(actor, 'workplace_meeting.manage_topics', { unitId: topic.unitId, workplaceId: null, requesterPersonId: null })) return notFound;
  return { ok: true, topic };
}

export async function updateTopic(db: Db, actor: Actor, id: string, patch: TopicPatch): Promise<TopicResult> {
  try {
    return await db.transaction(async (tx): Promise<TopicResult> => {
      const found = await topicFor(tx, actor, id);
      if (!found.ok) return found;
      const fields = changedFields(found.topic as unknown as Record<string, unknown>, patch as Record<string, unknown>);
      if (fields.length === 0) return found;
      const [topic] = await tx
        .update(meetingTopics)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(meetingTopics.id, id))
        .returning(topicColumns);
      await audit(tx, actor, { action: 'update', entityType: 'workplace_meeting_topic', entityId: id, fields });
      return { ok: true, topic };
    });
  } catch (err) {
    if (nameTaken(err)) return invalid({ path: 'name', code: 'workplace_meeting.topic_taken' });
    throw err;
  }
}

/** A topic no request chose is deleted; one in use stays for those requests and can only be made inactive. */
export async function deleteTopic(db: Db, actor: Actor, id: string): Promise<{ ok: true } | MeetingInvalid | Refusal> {
  return db.transaction(async (tx) => {
    const found = await topicFor(tx, actor, id);
    if (!found.ok) return found;
    const [used] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from workplace_meeting_topic_choices where topic_id = ${id}`);
    if (used.n > 0) return invalid({ path: 'id', code: 'workplace_meeting.topic_in_use' });
    await tx.delete(meetingTopics).where(and(eq(meetingTopics.id, id)));
    await audit(tx, actor, { action: 'delete', entityType: 'workplace_meeting_topic', entityId: id });
    return { ok: true as const };
  });
}
