import { z } from 'zod';
import { instant } from '../../platform/http/time-input.js';
import { postAudiences, postKinds, postStatuses } from './tables.js';

/** What `slugify` makes and what a person may type: lower-case letters, digits and single hyphens. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Addresses under /news that are pages of their own, never a post's. */
export const RESERVED_SLUGS = new Set(['new', 'manage', 'feed']);

export const COMMENT_MAX = 2000;
export const NEWS_PAGE_SIZE = 10;

const blankToNull = (v: string | null | undefined) => (v === undefined || v === null || v === '' ? null : v);
const optionalText = (max: number) => z.string().trim().max(max).nullish().transform(blankToNull);

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .max(100)
  .refine((v) => v === '' || SLUG.test(v), 'news.slug_invalid')
  .refine((v) => !RESERVED_SLUGS.has(v), 'news.slug_reserved');

/**
 * A new post. `slug` is made from the title when left out (with `-2`, `-3` … when taken); given, it
 * must be free. `authorId` is a staff or board member of the unit (or above); left out, the writer
 * is the author. `publishedAt` may date a post back, never ahead.
 */
export const postInput = z
  .object({
    kind: z.enum(postKinds).default('news'),
    title: z.string().trim().min(1).max(200),
    slug: slug.optional().transform((v) => v || null),
    summary: z.string().trim().max(500).default(''),
    body: z.string().trim().min(1).max(100_000),
    unitId: z.uuid(),
    audience: z.enum(postAudiences).default('public'),
    commentsEnabled: z.boolean().default(true),
    authorId: z.uuid().nullish().transform((v) => v ?? null),
    coverAlt: optionalText(300),
    status: z.enum(postStatuses).default('draft'),
    publishedAt: instant.nullish().transform((v) => v ?? null),
  })
  .strict();
export type PostInput = z.output<typeof postInput>;

/** A change to a post: only the fields given. `status` publishes or unpublishes. */
export const postPatch = z
  .object({
    kind: z.enum(postKinds).optional(),
    title: z.string().trim().min(1).max(200).optional(),
    slug: slug.refine((v) => v !== '', 'validation.required').optional(),
    summary: z.string().trim().max(500).optional(),
    body: z.string().trim().min(1).max(100_000).optional(),
    unitId: z.uuid().optional(),
    audience: z.enum(postAudiences).optional(),
    commentsEnabled: z.boolean().optional(),
    authorId: z.uuid().nullable().optional(),
    coverAlt: z
      .string()
      .trim()
      .max(300)
      .nullable()
      .transform((v) => (v === '' ? null : v))
      .optional(),
    status: z.enum(postStatuses).optional(),
    publishedAt: instant.optional(),
  })
  .strict();
export type PostPatch = z.output<typeof postPatch>;

export const commentInput = z.object({ comment: z.string().trim().min(1).max(COMMENT_MAX) }).strict();
export type CommentInput = z.output<typeof commentInput>;

export const hideInput = z.object({ reason: optionalText(500) }).strict();
export type HideInput = z.output<typeof hideInput>;

const blankIsAbsent = <T extends z.ZodType>(schema: T) =>
  z
    .union([z.literal(''), schema])
    .optional()
    .transform((v) => (v === '' ? undefined : v)) as unknown as z.ZodType<z.output<T> | undefined>;

/** The list's filters; not strict, so a shared link with tracking parameters still opens. */
export const postListQuery = z.object({
  kind: blankIsAbsent(z.enum(postKinds)),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type PostListQuery = z.output<typeof postListQuery>;

export const slugParams = z.object({ slug: z.string().max(200) });
export const idParams = z.object({ id: z.uuid() });

// --- output ---------------------------------------------------------------------------------------

const iso = z.string().describe('ISO 8601 instant (UTC)');

export const postSummaryOutput = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    kind: z.enum(postKinds),
    title: z.string(),
    summary: z.string(),
    unitId: z.uuid(),
    unitName: z.string(),
    audience: z.enum(postAudiences),
    commentsEnabled: z.boolean(),
    status: z.enum(postStatuses),
    publishedAt: iso.nullable(),
    updatedAt: iso,
    author: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    /** The post's page. */
    url: z.string(),
    coverUrl: z.string().nullable(),
    coverAlt: z.string().nullable(),
    commentCount: z.number().int().describe('Comments visible to everyone'),
  })
  .meta({ id: 'NewsPostSummary' });
export type PostSummary = z.infer<typeof postSummaryOutput>;

export const postOutput = postSummaryOutput.extend({ body: z.string().describe('Markdown') }).meta({ id: 'NewsPost' });
export type Post = z.infer<typeof postOutput>;

export const postList = z.object({ items: z.array(postSummaryOutput), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type PostList = z.infer<typeof postList>;
