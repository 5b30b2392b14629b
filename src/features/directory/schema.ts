import { z } from 'zod';

const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v === '' || v === null ? null : v);
const optionalText = (max: number) => z.string().trim().max(max).nullish().transform(blankToNull);

export const MAX_TOPICS = 20;
export const MAX_TOPIC_LENGTH = 60;

/**
 * Topics come from a form as one comma-separated field ("pension, efterløn") or from JSON as a
 * list; either way they are trimmed, blanks dropped and repeats (in any case) kept once.
 */
const topics = z
  .union([z.string().max(2000), z.array(z.string().max(200)).max(100)])
  .nullish()
  .transform((v) => {
    const list = (v === undefined || v === null ? [] : Array.isArray(v) ? v : v.split(/[,;\n]/)).map((s) => s.trim().replace(/\s+/g, ' ')).filter(Boolean);
    const seen = new Set<string>();
    return list.filter((s) => {
      const key = s.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  })
  .refine((list) => list.length <= MAX_TOPICS, 'directory.too_many_topics')
  .refine((list) => list.every((s) => s.length <= MAX_TOPIC_LENGTH), 'directory.topic_too_long');

/** A direct phone number becomes a tel: link, so only what a phone can dial belongs in it. */
const phone = optionalText(40).refine((v) => v === undefined || v === null || /^\+?[0-9 ()-]{4,}$/.test(v), 'directory.invalid_phone');

export const profileInput = z
  .object({
    title: z.string().trim().min(1).max(120),
    unitId: z.string().trim().min(1).pipe(z.uuid()),
    directPhone: phone,
    publicEmail: z
      .union([z.literal(''), z.email().max(254)])
      .nullish()
      .transform((v) => (v === undefined ? undefined : v ? v.trim() : null)),
    topics,
    bio: z
      .string()
      .trim()
      .max(2000)
      .nullish()
      .transform((v) => v ?? ''),
    published: z
      .union([z.boolean(), z.enum(['on', 'true', 'false', ''])])
      .optional()
      .transform((v) => v === true || v === 'on' || v === 'true'),
  })
  .strict();
export type ProfileInput = z.output<typeof profileInput>;

export const directoryQuery = z.object({
  q: z.string().trim().max(200).optional().transform((v) => v || undefined),
  unit: z
    .union([z.literal(''), z.uuid()])
    .optional()
    .transform((v) => v || undefined),
});
export type DirectoryQuery = z.output<typeof directoryQuery>;

export const personParams = z.object({ personId: z.uuid() });

export const directoryEntry = z.object({
  personId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  title: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  directPhone: z.string().nullable(),
  publicEmail: z.string().nullable(),
  topics: z.array(z.string()),
  bio: z.string(),
  photoUrl: z.string().nullable(),
});
export type DirectoryEntry = z.infer<typeof directoryEntry>;

export const directoryList = z.object({ items: z.array(directoryEntry) });
