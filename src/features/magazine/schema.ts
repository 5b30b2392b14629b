import { z } from 'zod';
import { isoDate } from '../../platform/http/time-input.js';
import { issueAudiences, issueStatuses } from './tables.js';

/** Form fields arrive as text: an empty one is absent (so "required" is said), digits become a number. */
const whole = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : /^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : v) : v), z.number().int().min(min).max(max));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v ?? '');

export const issueInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    number: whole(1, 999),
    year: whole(1900, 2999),
    /** The date printed on the issue, `YYYY-MM-DD`. */
    publishedOn: isoDate,
    audience: z.enum(issueAudiences),
    description: optionalText(2000),
  })
  .strict();
export type IssueInput = z.output<typeof issueInput>;

/** The cover's alt text: the cover form sends it with (or without) a new file. */
export const coverInput = z.object({ coverAlt: z.string().trim().min(1).max(300) }).strict();
export type CoverInput = z.output<typeof coverInput>;

export const articleInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    summary: optionalText(1000),
    content: z.string().trim().min(1).max(100_000),
    authorName: z
      .string()
      .trim()
      .max(200)
      .nullish()
      .transform((v) => v || null),
  })
  .strict();
export type ArticleInput = z.output<typeof articleInput>;

export const moveInput = z.object({ direction: z.enum(['up', 'down']) }).strict();
export type MoveInput = z.output<typeof moveInput>;

// --- output (the API) -------------------------------------------------------------------------------

export const articleSummaryOutput = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  authorName: z.string().nullable(),
  url: z.string().describe('Absolute URL of the article page'),
});

export const issueOutput = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    number: z.number().int(),
    year: z.number().int(),
    publishedOn: z.string().describe('YYYY-MM-DD'),
    audience: z.enum(issueAudiences),
    status: z.enum(issueStatuses),
    description: z.string(),
    url: z.string().describe('Absolute URL of the issue page'),
    cover: z.object({ url: z.string(), alt: z.string() }).nullable(),
    pdf: z.object({ url: z.string(), size: z.number().int().describe('bytes') }).nullable(),
    articles: z.array(articleSummaryOutput),
  })
  .meta({ id: 'MagazineIssue' });
export type IssueOutput = z.infer<typeof issueOutput>;

export const issueList = z.object({ items: z.array(issueOutput) });
