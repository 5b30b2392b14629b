import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { unitScope, type Actor } from '../../platform/actor.js';
import { uuidArray } from '../../platform/db/sql.js';
import { can, readsMembersOnly, type NewsAction } from './policy.js';
import { SLUG, type Post, type PostListQuery, type PostSummary } from './schema.js';
import type { PostAudience, PostKind, PostStatus } from './tables.js';
import { notFound, forbidden, type Refusal } from '../../platform/outcomes.js';
import { forget, memo } from '../../platform/cache.js';

/** Out of sight reads as "not found": nobody learns that a draft or a members-only post exists. */

/** A post as the feature reads it: the row with its unit's and author's names, cover and visible comments. */
export interface PostRow {
  id: string;
  slug: string;
  kind: PostKind;
  title: string;
  summary: string;
  body: string;
  unitId: string;
  unitName: string;
  authorId: string | null;
  authorName: string | null;
  audience: PostAudience;
  commentsEnabled: boolean;
  status: PostStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  coverAlt: string | null;
  /** Changes with the cover (for its URL's cache-busting); null when the post has none. */
  coverVersion: string | null;
  /** Comments everyone may see (hidden ones left out). */
  commentCount: number;
}

type RawRow = Omit<PostRow, 'publishedAt' | 'createdAt' | 'updatedAt' | 'commentCount' | 'coverVersion'> & {
  publishedAt: string | Date | null;
  createdAt: string | Date;
  updatedAt: string | Date;
  commentCount: string | number;
  coverVersion: string | number | null;
};

const columns = (body: boolean) => sql`p.id, p.slug, p.kind, p.title, p.summary, ${body ? sql`p.body` : sql`''`} as body, p.unit_id as "unitId", u.name as "unitName",
  p.author_id as "authorId", a.first_name || ' ' || a.last_name as "authorName", p.audience, p.comments_enabled as "commentsEnabled",
  p.status, p.published_at as "publishedAt", p.created_at as "createdAt", p.updated_at as "updatedAt", p.cover_alt as "coverAlt",
  (select floor(extract(epoch from c.updated_at) * 1000)::bigint from news_post_covers c where c.post_id = p.id) as "coverVersion",
  (select count(*) from news_comments k where k.post_id = p.id and k.hidden_at is null) as "commentCount"`;

const from = sql`from news_posts p join units u on u.id = p.unit_id left join persons a on a.id = p.author_id`;

function toRow(r: RawRow): PostRow {
  return {
    ...r,
    publishedAt: r.publishedAt ? new Date(r.publishedAt) : null,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
    coverVersion: r.coverVersion === null ? null : String(r.coverVersion),
    commentCount: Number(r.commentCount),
  };
}

/** Posts out now that this reader may see in lists: public ones, and members-only ones for members and staff. */
export function visiblePostsSql(actor: Actor): SQL {
  const audience = readsMembersOnly(actor) ? sql`true` : sql`p.audience = 'public'`;
  return sql`(p.status = 'published' and p.published_at <= now() and ${audience})`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The post behind an id or a slug, whoever asks; `undefined` when there is none. */
export async function findPost(db: Db, idOrSlug: string, opts: { lock?: boolean } = {}): Promise<PostRow | undefined> {
  const where = UUID.test(idOrSlug) ? sql`p.id = ${idOrSlug}` : SLUG.test(idOrSlug) ? sql`p.slug = ${idOrSlug}` : null;
  if (!where) return undefined;
  const [row] = await queryRows<RawRow>(db, sql`select ${columns(true)} ${from} where ${where} ${opts.lock ? sql`for update of p` : sql``}`);
  return row ? toRow(row) : undefined;
}

/**
 * The post if the actor may read it and do `action` to it: out of sight is `not_found`; in sight but
 * not theirs to change is `forbidden`. The page and the API answer alike.
 */
export async function postFor(db: Db, actor: Actor, idOrSlug: string, action: NewsAction = 'news.read', opts: { lock?: boolean } = {}): Promise<{ ok: true; post: PostRow } | Refusal> {
  const post = await findPost(db, idOrSlug, opts);
  if (!post || !can(actor, 'news.read', post)) return notFound;
  if (action !== 'news.read' && !can(actor, action, post)) return forbidden;
  return { ok: true, post };
}

/** The public list (and the API's): posts out now the reader may see, newest first, one query per page. */
export async function listPosts(db: Db, actor: Actor, query: { kind?: PostListQuery['kind']; page: number; pageSize?: number }): Promise<{ items: PostRow[]; total: number; page: number; pageSize: number }> {
  const pageSize = query.pageSize ?? 10;
  const kind = query.kind ? sql`and p.kind = ${query.kind}` : sql``;
  const rows = await queryRows<RawRow & { total: string | number }>(
    db,
    sql`select ${columns(false)}, count(*) over () as total ${from}
        where ${visiblePostsSql(actor)} ${kind}
        order by p.published_at desc, p.id
        limit ${pageSize} offset ${(query.page - 1) * pageSize}`,
  );
  const total = rows.length ? Number(rows[0].total) : query.page > 1 ? await countVisible(db, actor, kind) : 0;
  return { items: rows.map(toRow), total, page: query.page, pageSize };
}

// A page past the end still says how many there are, so its pagination leads back.
async function countVisible(db: Db, actor: Actor, kind: SQL): Promise<number> {
  const [r] = await queryRows<{ n: string | number }>(db, sql`select count(*) as n from news_posts p where ${visiblePostsSql(actor)} ${kind}`);
  return Number(r.n);
}

/** The newest public posts, for the front page and the feeds: what anyone may read. */
export async function latestPublicPosts(db: Db, limit: number, opts: { body?: boolean } = {}): Promise<PostRow[]> {
  const rows = await queryRows<RawRow>(
    db,
    sql`select ${columns(Boolean(opts.body))} ${from}
        where p.status = 'published' and p.published_at <= now() and p.audience = 'public'
        order by p.published_at desc, p.id limit ${limit}`,
  );
  return rows.map(toRow);
}

/** Enough for the front page; a longer list goes to the database each time. */
const CACHED_LATEST = 10;
const LATEST_KEY = 'news.latest';
/** The front page's slices of each cached list. */
const slices = new WeakMap<PostRow[], Map<number, PostRow[]>>();

/**
 * `latestPublicPosts` for the front page, which every visitor loads: each process keeps the newest
 * public posts for a few seconds. What anyone may read is the same for everyone, so no reader's data
 * is kept. This process forgets them when a post changes (`forgetLatestPosts`); other processes see
 * a change, a scheduled post coming out, or a renamed author or unit within the TTL.
 */
export async function latestPublicPostsCached(db: Db, limit: number): Promise<PostRow[]> {
  if (limit > CACHED_LATEST) return latestPublicPosts(db, limit);
  const newest = await memo(db, LATEST_KEY, 5_000, () => latestPublicPosts(db, CACHED_LATEST));
  // The same array for as long as the cache holds, so a page kept for these posts (shared-pages.ts) is found again.
  let bySize = slices.get(newest);
  if (!bySize) {
    bySize = new Map();
    slices.set(newest, bySize);
  }
  let slice = bySize.get(limit);
  if (!slice) {
    slice = newest.slice(0, limit);
    bySize.set(limit, slice);
  }
  return slice;
}

/** After a post's change has committed. */
export function forgetLatestPosts(): void {
  forget(LATEST_KEY);
}

/** Every post, drafts included, of the units the actor writes for: the staff list. */
export async function listManagedPosts(db: Db, actor: Actor): Promise<PostRow[]> {
  const scope = unitScope(actor, 'staff', 'board');
  if (scope !== 'all' && scope.size === 0) return [];
  const where = scope === 'all' ? sql`true` : sql`p.unit_id = any(${uuidArray(scope)})`;
  const rows = await queryRows<RawRow>(
    db,
    sql`select ${columns(false)} ${from} where ${where}
        order by (p.status = 'draft') desc, coalesce(p.published_at, p.updated_at) desc, p.id limit 500`,
  );
  return rows.map(toRow);
}

/** The post's page on this site. */
export function postPath(slug: string): string {
  return `/news/${slug}`;
}

export function coverPath(row: Pick<PostRow, 'slug' | 'coverVersion'>): string | null {
  return row.coverVersion === null ? null : `/news/${row.slug}/cover?v=${row.coverVersion}`;
}

/** The API's view of a post: absolute links from PUBLIC_URL. */
export function summaryOutput(row: PostRow, baseUrl: string): PostSummary {
  const cover = coverPath(row);
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    unitId: row.unitId,
    unitName: row.unitName,
    audience: row.audience,
    commentsEnabled: row.commentsEnabled,
    status: row.status,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    author: row.authorId && row.authorName ? { id: row.authorId, name: row.authorName } : null,
    url: baseUrl + postPath(row.slug),
    coverUrl: cover ? baseUrl + cover : null,
    coverAlt: row.coverVersion === null ? null : row.coverAlt,
    commentCount: row.commentCount,
  };
}

export function postOutputOf(row: PostRow, baseUrl: string): Post {
  return { ...summaryOutput(row, baseUrl), body: row.body };
}
