import { z } from 'zod';
import { instant } from '../../platform/http/time-input.js';
import { blankIsAbsent } from '../../platform/http/forms.js';
import { locales } from '../../platform/i18n/i18n.js';
import { mailingKinds, mailingStatuses } from './tables.js';

const blankToNull = (v: string | null | undefined) => (v === undefined || v === null || v === '' ? null : v);
const optionalText = (max: number) => z.string().trim().max(max).nullish().transform(blankToNull);
const optionalId = z
  .union([z.literal(''), z.uuid()])
  .nullish()
  .transform((v) => v || null);

/** In a patch, absent means "leave as is" and blank or null means "clear". */
const patchId = z
  .union([z.literal(''), z.uuid(), z.null()])
  .optional()
  .transform((v) => (v === undefined ? undefined : v || null));
const patchText = (max: number) =>
  z
    .union([z.string().trim().max(max), z.null()])
    .optional()
    .transform((v) => (v === undefined ? undefined : v || null));

export const SUBJECT_MAX = 300;
export const BODY_MAX = 100_000;

/** A translation: both parts, or leave the language out. */
export const versionInput = z
  .object({
    subject: z.string().trim().max(SUBJECT_MAX),
    body: z.string().trim().max(BODY_MAX),
  })
  .strict();

/**
 * A mailing as composed: the main version (`subject`, `body`, in `locale`), optional translations in
 * `contents`, the segment it goes to, and what kind of mail it is. A newsletter names its topic
 * (`topicId`, or `topic` as id or slug, the shape); service mail to a segment needs the
 * reason staff mark it so (it reaches people who opted out of newsletters). `eventId` makes it an
 * invitation. Without `unitId` the mailing belongs to the segment's unit.
 */
export const mailingInput = z
  .object({
    unitId: optionalId,
    segmentId: optionalId,
    kind: z.enum(mailingKinds),
    topicId: optionalId,
    topic: optionalText(200),
    serviceReason: optionalText(1000),
    eventId: optionalId,
    locale: z.enum(locales).optional(),
    subject: z.string().trim().min(1).max(SUBJECT_MAX),
    body: z.string().trim().min(1).max(BODY_MAX),
    contents: z.object({ da: versionInput.optional(), sv: versionInput.optional(), en: versionInput.optional() }).strict().default({}),
  })
  .strict();
export type MailingInput = z.output<typeof mailingInput>;

/** A change to a draft: any of the fields; translations given replace the old ones, an empty one removes it. */
export const mailingPatch = z
  .object({
    unitId: z.uuid().optional(),
    segmentId: patchId,
    kind: z.enum(mailingKinds).optional(),
    topicId: patchId,
    topic: patchText(200),
    serviceReason: patchText(1000),
    eventId: patchId,
    locale: z.enum(locales).optional(),
    subject: z.string().trim().min(1).max(SUBJECT_MAX).optional(),
    body: z.string().trim().min(1).max(BODY_MAX).optional(),
    contents: z.object({ da: versionInput.optional(), sv: versionInput.optional(), en: versionInput.optional() }).strict().optional(),
  })
  .strict();
// Keys left out mean "unchanged", so callers may leave them out (zod types the transformed ones as present).
export type MailingPatch = Partial<z.output<typeof mailingPatch>>;

/** `at`: an instant with its offset; without it (or in the past) the mailing goes now. */
export const sendInput = z
  .object({ at: instant.optional() })
  .strict()
  .default({});
export type SendBody = z.output<typeof sendInput>;

export const mailingFilter = z.object({
  unit: blankIsAbsent(z.uuid()),
  status: blankIsAbsent(z.enum(mailingStatuses)),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type MailingFilter = z.output<typeof mailingFilter>;

export const idParams = z.object({ id: z.uuid() });
export const failuresQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

// --- newsletter topics ------------------------------------------------------------------------------

const localizedName = z
  .object({ da: z.string().trim().min(1).max(200), sv: optionalText(200), en: optionalText(200) })
  .strict();
const localizedDescription = z
  .object({ da: optionalText(1000), sv: optionalText(1000), en: optionalText(1000) })
  .strict();

export const topicInput = z
  .object({
    name: localizedName,
    description: localizedDescription.optional(),
    defaultSubscribed: z.boolean().default(true),
    active: z.boolean().default(true),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();
export type TopicInput = z.output<typeof topicInput>;

export const topicPatch = z
  .object({
    name: localizedName.optional(),
    description: localizedDescription.optional(),
    defaultSubscribed: z.boolean().optional(),
    active: z.boolean().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type TopicPatch = z.output<typeof topicPatch>;

// --- output -------------------------------------------------------------------------------------------

const iso = z.string().describe('ISO 8601 instant (UTC)');
const version = z.object({ subject: z.string(), body: z.string() });

export const mailingOutput = z
  .object({
    id: z.uuid(),
    unitId: z.uuid(),
    unitName: z.string(),
    segmentId: z.uuid().nullable(),
    segmentName: z.string().nullable(),
    kind: z.enum(mailingKinds),
    topicId: z.uuid().nullable(),
    topicName: z.string().nullable(),
    serviceReason: z.string().nullable(),
    eventId: z.uuid().nullable(),
    eventTitle: z.string().nullable(),
    locale: z.enum(locales),
    subject: z.string(),
    body: z.string(),
    contents: z.object({ da: version.optional(), sv: version.optional(), en: version.optional() }),
    status: z.enum(mailingStatuses),
    scheduledAt: iso.nullable(),
    /** Frozen recipients; null until the mailing is sent. */
    recipients: z.number().int().nullable(),
    pending: z.number().int(),
    sending: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
    frozenAt: iso.nullable(),
    finishedAt: iso.nullable(),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: 'Mailing' });
export type MailingOutput = z.infer<typeof mailingOutput>;

export const mailingSummary = mailingOutput
  .omit({ body: true, contents: true, serviceReason: true })
  .meta({ id: 'MailingSummary' });
export type MailingSummary = z.infer<typeof mailingSummary>;

export const mailingList = z.object({ items: z.array(mailingSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type MailingList = z.infer<typeof mailingList>;

export const sendResult = z
  .object({ id: z.uuid(), status: z.enum(['sending', 'scheduled']), recipients: z.number().int().nullable() })
  .meta({ id: 'MailingSent' });

export const statusResult = z.object({ id: z.uuid(), status: z.enum(mailingStatuses) }).meta({ id: 'MailingStatus' });

export const failureList = z.object({
  items: z.array(z.object({ email: z.string(), reason: z.string().nullable(), attempts: z.number().int() })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const topicOutput = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.object({ da: z.string(), sv: z.string().optional(), en: z.string().optional() }),
    description: z.object({ da: z.string().optional(), sv: z.string().optional(), en: z.string().optional() }).nullable(),
    defaultSubscribed: z.boolean(),
    active: z.boolean(),
    position: z.number().int(),
  })
  .meta({ id: 'NewsletterTopic' });
export type TopicOutput = z.infer<typeof topicOutput>;
