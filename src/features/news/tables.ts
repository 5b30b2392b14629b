import { sql } from 'drizzle-orm';
import { boolean, check, customType, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units, persons } from '../../kernel/tables.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const postKinds = ['news', 'blog'] as const;
export type PostKind = (typeof postKinds)[number];

/** Who may read a post: everyone, or logged-in members (and staff). */
export const postAudiences = ['public', 'members'] as const;
export type PostAudience = (typeof postAudiences)[number];

export const postStatuses = ['draft', 'published'] as const;
export type PostStatus = (typeof postStatuses)[number];

/**
 * A news item or a blog post of a unit. Readers see it once it is published and its publication
 * time has come; staff and board of the unit see drafts too. The cover's bytes live in their own
 * table so that lists never drag images along.
 */
export const newsPosts = pgTable(
  'news_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The clean URL: /news/{slug}. Made from the title unless given, unique. */
    slug: text('slug').notNull(),
    kind: text('kind').$type<PostKind>().notNull().default('news'),
    title: text('title').notNull(),
    /** Plain text: the list, the front page and feed readers show it. */
    summary: text('summary').notNull().default(''),
    /** Markdown, rendered without raw HTML. */
    body: text('body').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    /** A staff or board member, shown by name; null once the person is gone (shown as the editorial team). */
    authorId: uuid('author_id').references(() => persons.id, { onDelete: 'set null' }),
    audience: text('audience').$type<PostAudience>().notNull().default('public'),
    commentsEnabled: boolean('comments_enabled').notNull().default(true),
    status: text('status').$type<PostStatus>().notNull().default('draft'),
    /** Set on first publication (or given); kept when a post is unpublished and published again. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    coverAlt: text('cover_alt'),
    createdBy: uuid('created_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('news_posts_slug_unique').on(t.slug),
    check('news_posts_kind', sql`${t.kind} in ('news','blog')`),
    check('news_posts_audience', sql`${t.audience} in ('public','members')`),
    check('news_posts_status', sql`${t.status} in ('draft','published')`),
    check('news_posts_published', sql`${t.status} <> 'published' or ${t.publishedAt} is not null`),
    // The public list and the feeds read the newest published posts.
    index('news_posts_published_idx').on(t.status, t.publishedAt),
    index('news_posts_unit_idx').on(t.unitId),
  ],
);

/** A post's cover image (≤ 2 MB, JPEG/PNG/WebP checked by its first bytes). */
export const newsPostCovers = pgTable('news_post_covers', {
  postId: uuid('post_id')
    .primaryKey()
    .references(() => newsPosts.id, { onDelete: 'cascade' }),
  bytes: bytea('bytes').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A reader's comment: plain text. Hidden by the editors (with an optional reason) it is gone for
 * everyone but its writer and the editors; deleting removes it.
 */
export const newsComments = pgTable(
  'news_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => newsPosts.id, { onDelete: 'cascade' }),
    /** A person's words go with them when they are erased. */
    authorId: uuid('author_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenBy: uuid('hidden_by').references(() => persons.id, { onDelete: 'set null' }),
    hiddenReason: text('hidden_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('news_comments_length', sql`char_length(${t.body}) between 1 and 2000`), index('news_comments_post_idx').on(t.postId, t.createdAt)],
);
