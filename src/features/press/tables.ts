import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { persons } from '../../kernel/tables.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const releaseStatuses = ['draft', 'published'] as const;
export type ReleaseStatus = (typeof releaseStatuses)[number];

/**
 * A press release. It is out (the public sees it, in the press room, the feeds and the API) when it
 * is published and both its publication time and its embargo, if any, have passed:
 * `greatest(published_at, embargo_until) <= now()` — that instant is the date shown.
 */
export const pressReleases = pgTable(
  'press_releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** From the title when the release is created; it never changes, so links in articles stay good. */
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    /** Markdown (raw HTML off, see platform/html/markdown.ts). */
    body: text('body').notNull(),
    status: text('status').$type<ReleaseStatus>().notNull().default('draft'),
    /** When it was (last) published; kept when unpublished, so the record says when it was out. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Not out before this instant, even when published. */
    embargoUntil: timestamp('embargo_until', { withTimezone: true }),
    /** The staff member journalists call; their details come from the staff directory. */
    contactPersonId: uuid('contact_person_id').references(() => persons.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('press_releases_status', sql`${t.status} in ('draft','published')`),
    check('press_releases_published', sql`${t.status} <> 'published' or ${t.publishedAt} is not null`),
    uniqueIndex('press_releases_slug_unique').on(t.slug),
    index('press_releases_published_idx').on(t.status, t.publishedAt),
  ],
);

/** A release's photo in full size, with the credit the photographer is owed and its alt text. */
export const pressPhotos = pgTable(
  'press_release_photos',
  {
    releaseId: uuid('release_id')
      .primaryKey()
      .references(() => pressReleases.id, { onDelete: 'cascade' }),
    /** Changes with every new photo, so its URL does too and caches may keep a photo forever. */
    version: uuid('version').notNull().defaultRandom(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    /** The photographer, shown as "Foto: …". */
    credit: text('credit').notNull(),
    alt: text('alt').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('press_release_photos_credit', sql`length(trim(${t.credit})) > 0`), check('press_release_photos_size', sql`${t.size} > 0`)],
);
