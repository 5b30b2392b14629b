import { asc, eq, like, or, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { slugify } from '../events/index.js';
import { nextFreeSlug, slugPattern } from '../../platform/slugs.js';
import { canManageTopics } from './policy.js';
import type { TopicInput, TopicOutput, TopicPatch } from './schema.js';
import { newsletterTopics, type LocalizedText } from './tables.js';

export type TopicResult = { ok: true; topic: TopicOutput } | { ok: false; reason: 'not_found' | 'forbidden' };

type TopicRow = typeof newsletterTopics.$inferSelect;

/** Drops the empty translations, so a missing one falls back to Danish everywhere. */
function compact<T extends Partial<Record<'da' | 'sv' | 'en', string | null | undefined>>>(text: T): LocalizedText {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(text)) if (typeof v === 'string' && v.trim()) out[k] = v.trim();
  return out as unknown as LocalizedText;
}

/** JSON with sorted keys: jsonb hands keys back in its own order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
}

function toOutput(r: TopicRow): TopicOutput {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description && Object.keys(r.description).length ? r.description : null,
    defaultSubscribed: r.defaultSubscribed,
    active: r.active,
    position: r.position,
  };
}

/** Every topic in the order members see them; with `activeOnly`, only those that can be chosen now. */
export async function listTopics(db: Db, opts: { activeOnly?: boolean } = {}): Promise<TopicOutput[]> {
  const rows = await db
    .select()
    .from(newsletterTopics)
    .where(opts.activeOnly ? eq(newsletterTopics.active, true) : sql`true`)
    .orderBy(asc(newsletterTopics.position), asc(newsletterTopics.createdAt));
  return rows.map(toOutput);
}

export async function getTopic(db: Db, id: string): Promise<TopicOutput | undefined> {
  const [row] = await db.select().from(newsletterTopics).where(eq(newsletterTopics.id, id));
  return row ? toOutput(row) : undefined;
}

/** A slug from the Danish name, made unique with a number when the name was used before. */
async function freeSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  const taken = await db.select({ slug: newsletterTopics.slug }).from(newsletterTopics).where(or(eq(newsletterTopics.slug, base), like(newsletterTopics.slug, slugPattern(base))));
  return nextFreeSlug(
    base,
    taken.map((r) => r.slug),
  );
}

/** A new topic (staff and admins); audited. */
export async function createTopic(db: Db, actor: Actor, input: TopicInput): Promise<TopicResult> {
  if (!canManageTopics(actor)) return { ok: false, reason: 'forbidden' };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(newsletterTopics)
      .values({
        slug: await freeSlug(tx, input.name.da),
        name: compact(input.name),
        description: input.description ? compact(input.description) : null,
        defaultSubscribed: input.defaultSubscribed,
        active: input.active,
        position: input.position,
      })
      .returning();
    await audit(tx, actor, { action: 'create', entityType: 'newsletter_topic', entityId: row.id });
    return { ok: true as const, topic: toOutput(row) };
  });
}

/**
 * Changes a topic. The slug stays (it is in links and API calls); a topic is retired by making it
 * inactive, never deleted, because sent newsletters and members' answers refer to it.
 */
export async function updateTopic(db: Db, actor: Actor, id: string, patch: TopicPatch): Promise<TopicResult> {
  if (!canManageTopics(actor)) return { ok: false, reason: 'forbidden' };
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(newsletterTopics).where(eq(newsletterTopics.id, id)).for('update');
    if (!before) return { ok: false as const, reason: 'not_found' as const };
    const next = {
      name: patch.name ? compact(patch.name) : before.name,
      description: patch.description ? compact(patch.description) : before.description,
      defaultSubscribed: patch.defaultSubscribed ?? before.defaultSubscribed,
      active: patch.active ?? before.active,
      position: patch.position ?? before.position,
    };
    const fields = (Object.keys(next) as (keyof typeof next)[]).filter((k) => canonical(next[k]) !== canonical(before[k]));
    if (fields.length === 0) return { ok: true as const, topic: toOutput(before) };
    const [row] = await tx
      .update(newsletterTopics)
      .set({ ...next, updatedAt: sql`now()` })
      .where(eq(newsletterTopics.id, id))
      .returning();
    await audit(tx, actor, { action: 'update', entityType: 'newsletter_topic', entityId: id, fields });
    return { ok: true as const, topic: toOutput(row) };
  });
}
