import { sql } from 'drizzle-orm';
import { check, customType, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { persons } from '../../kernel/tables.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const issueStatuses = ['draft', 'published'] as const;
export type IssueStatus = (typeof issueStatuses)[number];

/** Who may read an issue's PDF and articles: everyone, or members (staff, board and admins too). */
export const issueAudiences = ['members', 'public'] as const;
export type IssueAudience = (typeof issueAudiences)[number];

export const issueFileKinds = ['cover', 'pdf'] as const;
export type IssueFileKind = (typeof issueFileKinds)[number];

/** One issue of the member magazine ("Omsorg nr. 4 · 2026"). Its files live in `magazine_files`. */
export const magazineIssues = pgTable(
  'magazine_issues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** From the title when the issue is created; it never changes, so links stay good. */
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    number: integer('number').notNull(),
    year: integer('year').notNull(),
    /** The date printed on the issue; lists and the feed are in this order. */
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
    description: text('description').notNull().default(''),
    audience: text('audience').$type<IssueAudience>().notNull().default('members'),
    status: text('status').$type<IssueStatus>().notNull().default('draft'),
    /** What the cover shows, for those who cannot see it; required with a cover. */
    coverAlt: text('cover_alt'),
    createdBy: uuid('created_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('magazine_issues_status', sql`${t.status} in ('draft','published')`),
    check('magazine_issues_audience', sql`${t.audience} in ('members','public')`),
    check('magazine_issues_number', sql`${t.number} between 1 and 999 and ${t.year} between 1900 and 2999`),
    uniqueIndex('magazine_issues_slug_unique').on(t.slug),
    uniqueIndex('magazine_issues_number_unique').on(t.year, t.number),
    index('magazine_issues_published_idx').on(t.status, t.publishedOn),
  ],
);

/**
 * The cover and the PDF of an issue, one of each at most. Kept out of the issue row so that lists
 * never drag megabytes along; a replaced file gets a new row (and id), so its URL changes and caches
 * may keep the old one forever.
 */
export const magazineFiles = pgTable(
  'magazine_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    issueId: uuid('issue_id')
      .notNull()
      .references(() => magazineIssues.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<IssueFileKind>().notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('magazine_files_kind', sql`${t.kind} in ('cover','pdf')`), check('magazine_files_size', sql`${t.size} > 0`), uniqueIndex('magazine_files_issue_kind_unique').on(t.issueId, t.kind)],
);

/** An article of an issue, in the issue's table of contents at `position` (1, 2, 3 …). */
export const magazineArticles = pgTable(
  'magazine_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    issueId: uuid('issue_id')
      .notNull()
      .references(() => magazineIssues.id, { onDelete: 'cascade' }),
    /** Unique within the issue; from the title when the article is created. */
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Markdown (raw HTML off, see platform/html/markdown.ts). */
    body: text('body').notNull(),
    authorName: text('author_name'),
    position: integer('position').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('magazine_articles_slug_unique').on(t.issueId, t.slug), index('magazine_articles_issue_idx').on(t.issueId, t.position)],
);
