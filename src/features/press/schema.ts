import { z } from 'zod';
import { instant } from '../../platform/http/time-input.js';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);

/**
 * A press release as staff write it. The photo itself comes as a file beside this (pages) and is
 * checked by the use case; its credit and alt text are required whenever the release has a photo,
 * which the use case knows (a new file, or the one it has). A credit typed as "Foto: Jens Holm"
 * keeps only the name: the pages put "Foto:" in front in the reader's language.
 */
export const releaseInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    summary: z.string().trim().min(1).max(1000),
    content: z.string().trim().min(1).max(100_000),
    contactPersonId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid()),
    /** An instant with its offset; the page turns its date and time into one. */
    embargoUntil: instant.nullish().transform((v) => v ?? null),
    photoCredit: optionalText(200).transform((v) => (v ? v.replace(/^(foto|photo)\s*:\s*/i, '').trim() || null : null)),
    photoAlt: optionalText(300),
    /** Take the photo off the release (a new file wins over this). */
    removePhoto: z.boolean().default(false),
  })
  .strict();
export type ReleaseInput = z.output<typeof releaseInput>;

export const releaseListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ReleaseListQuery = z.output<typeof releaseListQuery>;

// --- output (the API) -------------------------------------------------------------------------------

export const releaseOutput = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    body: z.string().describe('Markdown'),
    publishedAt: z.string().describe('ISO 8601: when it was released (after any embargo)'),
    url: z.string().describe('Absolute URL of the release page'),
    photo: z.object({ url: z.string(), credit: z.string(), alt: z.string(), contentType: z.string(), size: z.number().int() }).nullable(),
    contact: z
      .object({ name: z.string(), title: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() })
      .nullable()
      .describe('The press contact, from the public staff directory'),
  })
  .meta({ id: 'PressRelease' });
export type ReleaseOutput = z.infer<typeof releaseOutput>;

export const releaseList = z.object({ items: z.array(releaseOutput) });
