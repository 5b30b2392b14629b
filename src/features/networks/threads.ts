import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { invalidInput, notFound, forbidden, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { networkFor, type NetworkAccess } from './access.js';
import { can } from './policy.js';
import { notifyNewPost } from './notifications.js';
import { networkPosts, networkThreadReads, networkThreads } from './tables.js';

/** What a use case that posts needs to write the mails' links. */
export type PostContext = { baseUrl: string };

export type ThreadSummary = {
  id: string;
  networkId: string;
  title: string;
  authorName: string | null;
  pinned: boolean;
  locked: boolean;
  hidden: boolean;
  hiddenReason: string | null;
  expertAnswered: boolean;
  postCount: number;
  unread: number;
  lastPostAt: Date;
  createdAt: Date;
};

export type PostView = {
  id: string;
  seq: number;
  authorId: string | null;
  authorName: string | null;
  /** Empty when deleted, or hidden for a reader who is not a coordinator. */
  body: string;
  byExpert: boolean;
  createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  hidden: boolean;
  hiddenReason: string | null;
  /** The reader may edit or delete it (their own, in an open thread). */
  mine: boolean;
};

export type ThreadView = ThreadSummary & { posts: PostView[]; network: NetworkAccess; canReply: boolean; canModerate: boolean };

export type ThreadReason = 'thread_locked' | 'post_removed';
export type ThreadFailure = Refusal | Invalid | { ok: false; reason: ThreadReason };

const uuidLike = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** The rules of the road for a post's text: some words, and not a book. */
export const POST_MAX_LENGTH = 20_000;
function bodyProblem(body: string): Invalid | null {
  const b = body.trim();
  if (!b) return invalidInput({ path: 'body', code: 'network.body_required' });
  if (b.length > POST_MAX_LENGTH) return invalidInput({ path: 'body', code: 'network.body_too_long', params: { max: POST_MAX_LENGTH } });
  return null;
}

/**
 * The thread and its network if the reader may read it. A thread hidden by a coordinator is gone for
 * everyone but the network's coordinators and organisers.
 */
export async function threadFor(db: Db, actor: Actor, threadId: string, lock = false): Promise<{ ok: true; thread: typeof networkThreads.$inferSelect; network: NetworkAccess } | Refusal> {
  if (!uuidLike(threadId)) return notFound;
  const q = db.select().from(networkThreads).where(eq(networkThreads.id, threadId));
  const [thread] = lock ? await q.for('update') : await q;
  if (!thread) return notFound;
  const found = await networkFor(db, actor, thread.networkId, 'network.read');
  if (!found.ok) return notFound;
  if (thread.hiddenAt && !can(actor, 'network.coordinate', found.network)) return notFound;
  return { ok: true, thread, network: found.network };
}

/** The network's threads, pinned first then by the newest post, with the reader's unread count. */
export async function listThreads(db: Db, actor: Actor, networkId: string): Promise<{ ok: true; network: NetworkAccess; threads: ThreadSummary[] } | Refusal> {
  const found = await networkFor(db, actor, networkId, 'network.read');
  if (!found.ok) return found;
  const coordinating = can(actor, 'network.coordinate', found.network);
  const threads = await queryRows<ThreadSummary>(
    db,
    sql`select t.id, t.network_id as "networkId", t.title, p.first_name || ' ' || p.last_name as "authorName", t.pinned, t.locked,
          t.hidden_at is not null as hidden, t.hidden_reason as "hiddenReason", t.expert_answered as "expertAnswered",
          t.post_count as "postCount", greatest(t.post_count - coalesce(r.seq, 0), 0)::int as unread,
          t.last_post_at as "lastPostAt", t.created_at as "createdAt"
        from network_threads t
        left join persons p on p.id = t.author_id
        left join network_thread_reads r on r.thread_id = t.id and r.person_id = ${actorPersonId(actor)}::uuid
        where t.network_id = ${networkId}::uuid ${coordinating ? sql`` : sql`and t.hidden_at is null`}
        order by t.pinned desc, t.last_post_at desc, t.id`,
  );
  return { ok: true, network: found.network, threads: threads.map(dates) };
}

function dates<T extends { lastPostAt: Date; createdAt: Date }>(t: T): T {
  return { ...t, lastPostAt: new Date(t.lastPostAt), createdAt: new Date(t.createdAt) };
}

/** A thread with its posts, in order; reading it marks it read for the reader. */
export async function getThread(db: Db, actor: Actor, threadId: string): Promise<{ ok: true; thread: ThreadView } | Refusal> {
  const found = await threadFor(db, actor, threadId);
  if (!found.ok) return found;
  const { thread: t, network } = found;
  const me = actorPersonId(actor);
  const coordinating = can(actor, 'network.coordinate', network);
  const rows = await queryRows<Omit<PostView, 'mine'> & { rawBody: string }>(
    db,
    sql`select np.id, np.seq, np.author_id as "authorId", p.first_name || ' ' || p.last_name as "authorName", np.body as "rawBody", np.by_expert as "byExpert",
          np.created_at as "createdAt", np.edited_at as "editedAt", np.deleted_at is not null as deleted, np.hidden_at is not null as hidden, np.hidden_reason as "hiddenReason"
        from network_posts np left join persons p on p.id = np.author_id
        where np.thread_id = ${threadId}::uuid order by np.seq`,
  );
  const [reads] = await queryRows<{ seq: number | null }>(db, sql`select seq from network_thread_reads where thread_id = ${threadId}::uuid and person_id = ${me}::uuid`);
  if (me && t.postCount > (reads?.seq ?? 0)) {
    await db
      .insert(networkThreadReads)
      .values({ threadId, personId: me, seq: t.postCount })
      .onConflictDoUpdate({ target: [networkThreadReads.threadId, networkThreadReads.personId], set: { seq: sql`greatest(${networkThreadReads.seq}, ${t.postCount})` } });
  }
  const [author] = t.authorId ? await queryRows<{ name: string }>(db, sql`select first_name || ' ' || last_name as name from persons where id = ${t.authorId}::uuid`) : [];
  const posts: PostView[] = rows.map(({ rawBody, ...r }) => ({
    ...r,
    createdAt: new Date(r.createdAt),
    editedAt: r.editedAt ? new Date(r.editedAt) : null,
    body: r.deleted || (r.hidden && !coordinating) ? '' : rawBody,
    mine: me !== null && r.authorId === me && !r.deleted && !r.hidden && !t.locked,
  }));
  return {
    ok: true,
    thread: {
      id: t.id,
      networkId: t.networkId,
      title: t.title,
      authorName: author?.name ?? null,
      pinned: t.pinned,
      locked: t.locked,
      hidden: t.hiddenAt !== null,
      hiddenReason: t.hiddenReason,
      expertAnswered: t.expertAnswered,
      postCount: t.postCount,
      unread: 0,
      lastPostAt: t.lastPostAt,
      createdAt: t.createdAt,
      posts,
      network,
      canReply: can(actor, 'network.post', network) && !t.locked,
      canModerate: coordinating,
    },
  };
}

/** Was the author one of the network's staff experts? Their reply marks the thread as answered. */
const isExpert = (n: NetworkAccess) => n.standing?.role === 'expert' && n.standing.status === 'active' && n.viaCompanyId === null;

/** A participant starts a thread with its opening post; the members hear of it by their choice. */
export async function createThread(db: Db, actor: Actor, networkId: string, input: { title: string; body: string }, ctx: PostContext): Promise<{ ok: true; threadId: string; postId: string } | ThreadFailure> {
  const title = input.title.trim();
  if (!title) return invalidInput({ path: 'title', code: 'network.title_required' });
  const bad = bodyProblem(input.body);
  if (bad) return bad;
  return db.transaction(async (tx): Promise<{ ok: true; threadId: string; postId: string } | ThreadFailure> => {
    const found = await networkFor(tx, actor, networkId, 'network.post');
    // Not in the network: a listed one says so (forbidden), a hidden one does not exist (not found).
    if (!found.ok) return found;
    const me = actorPersonId(actor);
    const now = new Date();
    const [t] = await tx.insert(networkThreads).values({ networkId, title, authorId: me, postCount: 1, lastPostAt: now, createdAt: now }).returning({ id: networkThreads.id });
    const [p] = await tx
      .insert(networkPosts)
      .values({ threadId: t.id, networkId, seq: 1, authorId: me, body: input.body.trim(), byExpert: isExpert(found.network), createdAt: now })
      .returning({ id: networkPosts.id });
    if (me) await tx.insert(networkThreadReads).values({ threadId: t.id, personId: me, seq: 1 });
    await audit(tx, actor, { action: 'create', entityType: 'network_thread', entityId: t.id, fields: ['title', 'body'] });
    await notifyNewPost(tx, p.id, ctx);
    return { ok: true, threadId: t.id, postId: p.id };
  });
}

/**
 * A reply. Under the thread row's lock: the order of posts (`seq`) is taken, a locked thread takes
 * none, and the thread's count and "answered by an expert" are kept in the same transaction.
 */
export async function replyToThread(db: Db, actor: Actor, threadId: string, input: { body: string }, ctx: PostContext): Promise<{ ok: true; postId: string; seq: number } | ThreadFailure> {
  const bad = bodyProblem(input.body);
  if (bad) return bad;
  return db.transaction(async (tx): Promise<{ ok: true; postId: string; seq: number } | ThreadFailure> => {
    const found = await threadFor(tx, actor, threadId, true);
    if (!found.ok) return found;
    const { thread, network } = found;
    if (!can(actor, 'network.post', network)) return forbidden;
    if (thread.locked) return { ok: false, reason: 'thread_locked' };
    if (thread.hiddenAt) return { ok: false, reason: 'post_removed' };
    const me = actorPersonId(actor);
    const seq = thread.postCount + 1;
    const now = new Date();
    const byExpert = isExpert(network);
    const [p] = await tx.insert(networkPosts).values({ threadId, networkId: thread.networkId, seq, authorId: me, body: input.body.trim(), byExpert, createdAt: now }).returning({ id: networkPosts.id });
    await tx
      .update(networkThreads)
      .set({ postCount: seq, lastPostAt: now, expertAnswered: thread.expertAnswered || byExpert })
      .where(eq(networkThreads.id, threadId));
    if (me) {
      await tx
        .insert(networkThreadReads)
        .values({ threadId, personId: me, seq })
        .onConflictDoUpdate({ target: [networkThreadReads.threadId, networkThreadReads.personId], set: { seq } });
    }
    await audit(tx, actor, { action: 'create', entityType: 'network_post', entityId: p.id, fields: ['body'] });
    await notifyNewPost(tx, p.id, ctx);
    return { ok: true, postId: p.id, seq };
  });
}

async function ownPostFor(tx: Db, actor: Actor, postId: string): Promise<{ ok: true; post: typeof networkPosts.$inferSelect } | ThreadFailure> {
  if (!uuidLike(postId)) return notFound;
  const [post] = await tx.select().from(networkPosts).where(eq(networkPosts.id, postId));
  if (!post) return notFound;
  const found = await threadFor(tx, actor, post.threadId, true);
  if (!found.ok) return found;
  if (post.hiddenAt && !can(actor, 'network.coordinate', found.network)) return notFound;
  if (post.authorId === null || post.authorId !== actorPersonId(actor)) return forbidden;
  if (post.deletedAt || post.hiddenAt) return { ok: false, reason: 'post_removed' };
  if (found.thread.locked) return { ok: false, reason: 'thread_locked' };
  return { ok: true, post };
}

/** The author changes their own post while the thread is open (neither locked nor the post removed). */
export async function editPost(db: Db, actor: Actor, postId: string, input: { body: string }): Promise<{ ok: true } | ThreadFailure> {
  const bad = bodyProblem(input.body);
  if (bad) return bad;
  return db.transaction(async (tx): Promise<{ ok: true } | ThreadFailure> => {
    const own = await ownPostFor(tx, actor, postId);
    if (!own.ok) return own;
    await tx.update(networkPosts).set({ body: input.body.trim(), editedAt: new Date() }).where(eq(networkPosts.id, postId));
    await audit(tx, actor, { action: 'update', entityType: 'network_post', entityId: postId, fields: ['body'] });
    return { ok: true };
  });
}

/** The author deletes their own post: its text goes, its place in the thread stays ("deleted"). */
export async function deletePost(db: Db, actor: Actor, postId: string): Promise<{ ok: true } | ThreadFailure> {
  return db.transaction(async (tx): Promise<{ ok: true } | ThreadFailure> => {
    const own = await ownPostFor(tx, actor, postId);
    if (!own.ok) return own;
    await tx.update(networkPosts).set({ body: '', deletedAt: new Date() }).where(eq(networkPosts.id, postId));
    await audit(tx, actor, { action: 'delete', entityType: 'network_post', entityId: postId, fields: ['body'] });
    return { ok: true };
  });
}

export type ModerationInput = { pinned?: boolean; locked?: boolean; hidden?: boolean; reason?: string };

/** Coordinators pin, lock and hide threads; hiding needs a reason, which the thread keeps. */
export async function moderateThread(db: Db, actor: Actor, threadId: string, input: ModerationInput): Promise<{ ok: true } | ThreadFailure> {
  if (input.hidden === true && !input.reason?.trim()) return invalidInput({ path: 'reason', code: 'network.reason_required' });
  return db.transaction(async (tx): Promise<{ ok: true } | ThreadFailure> => {
    const found = await threadFor(tx, actor, threadId, true);
    if (!found.ok) return found;
    if (!can(actor, 'network.coordinate', found.network)) return forbidden;
    const set: Partial<typeof networkThreads.$inferInsert> = {};
    if (input.pinned !== undefined) set.pinned = input.pinned;
    if (input.locked !== undefined) set.locked = input.locked;
    if (input.hidden !== undefined) {
      set.hiddenAt = input.hidden ? new Date() : null;
      set.hiddenReason = input.hidden ? input.reason!.trim() : null;
      set.hiddenBy = input.hidden ? actorPersonId(actor) : null;
    }
    const fields = Object.keys(set).filter((k) => k !== 'hiddenBy' && k !== 'hiddenAt');
    if (Object.keys(set).length === 0) return { ok: true };
    await tx.update(networkThreads).set(set).where(eq(networkThreads.id, threadId));
    await audit(tx, actor, { action: 'update', entityType: 'network_thread', entityId: threadId, fields: input.hidden !== undefined ? [...fields.filter((f) => f !== 'hiddenReason'), 'hidden', 'hiddenReason'] : fields });
    return { ok: true };
  });
}

/** Coordinators hide a post with a reason (or show it again); the post keeps its place. */
export async function hidePost(db: Db, actor: Actor, postId: string, input: { hidden: boolean; reason?: string }): Promise<{ ok: true } | ThreadFailure> {
  if (input.hidden && !input.reason?.trim()) return invalidInput({ path: 'reason', code: 'network.reason_required' });
  if (!uuidLike(postId)) return notFound;
  return db.transaction(async (tx): Promise<{ ok: true } | ThreadFailure> => {
    const [post] = await tx.select().from(networkPosts).where(eq(networkPosts.id, postId));
    if (!post) return notFound;
    const found = await threadFor(tx, actor, post.threadId, true);
    if (!found.ok) return found;
    if (!can(actor, 'network.coordinate', found.network)) return post.hiddenAt ? notFound : forbidden;
    await tx
      .update(networkPosts)
      .set({ hiddenAt: input.hidden ? new Date() : null, hiddenReason: input.hidden ? input.reason!.trim() : null, hiddenBy: input.hidden ? actorPersonId(actor) : null })
      .where(and(eq(networkPosts.id, postId)));
    await audit(tx, actor, { action: 'update', entityType: 'network_post', entityId: postId, fields: ['hidden', 'hiddenReason'] });
    return { ok: true };
  });
}

export type SearchHit = { threadId: string; title: string; postId: string | null; seq: number | null; snippet: string; authorName: string | null; createdAt: Date };

/**
 * Search within one network's threads (titles and posts), for those who read it: hidden threads and
 * posts, and deleted posts, are never found (coordinators see hidden ones on their pages, not here).
 */
export async function searchNetwork(db: Db, actor: Actor, networkId: string, query: string): Promise<{ ok: true; network: NetworkAccess; hits: SearchHit[] } | Refusal> {
  const found = await networkFor(db, actor, networkId, 'network.read');
  if (!found.ok) return found;
  const q = query.trim().slice(0, 200);
  if (!q) return { ok: true, network: found.network, hits: [] };
  const like = '%' + q.replace(/[%_\\]/g, (c) => '\\' + c) + '%';
  const rows = await queryRows<SearchHit & { body: string }>(
    db,
    sql`select t.id as "threadId", t.title, np.id as "postId", np.seq, np.body, p.first_name || ' ' || p.last_name as "authorName", np.created_at as "createdAt"
        from network_posts np join network_threads t on t.id = np.thread_id left join persons p on p.id = np.author_id
        where np.network_id = ${networkId}::uuid and t.hidden_at is null and np.hidden_at is null and np.deleted_at is null
          and (np.body ilike ${like} or (np.seq = 1 and t.title ilike ${like}))
        order by np.created_at desc, np.id limit 50`,
  );
  const needle = q.toLowerCase();
  return {
    ok: true,
    network: found.network,
    hits: rows.map(({ body, ...r }) => ({ ...r, createdAt: new Date(r.createdAt), snippet: snippet(body, needle) })),
  };
}

/** About 200 characters of the post around the first place the words occur. */
function snippet(body: string, needle: string): string {
  const flat = body.replace(/\s+/g, ' ');
  const at = flat.toLowerCase().indexOf(needle);
  const start = Math.max(0, (at < 0 ? 0 : at) - 80);
  const text = flat.slice(start, start + 200);
  return (start > 0 ? '…' : '') + text + (start + 200 < flat.length ? '…' : '');
}
