import { z } from 'zod';
import { locales } from '../platform/i18n/i18n.js';
import { localeTextsInput, localeTextsOutput } from '../platform/i18n/locale-texts.js';
import { unitKinds } from './tables.js';

/** Optional free text from a form or JSON: blank means "none" (null). */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v === '' || v === null ? null : v));

const optionalEmail = z
  .union([z.literal(''), z.email().max(254)])
  .nullish()
  .transform((v) => (v === undefined ? undefined : v === '' || v === null ? null : v));

const optionalUrl = z
  .union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)])
  .nullish()
  .transform((v) => (v === undefined ? undefined : v === '' || v === null ? null : v));

export const currencies = ['DKK', 'SEK', 'EUR', 'NOK'] as const;

/** The most characters "about us" may have, in the default language and in each other one. */
export const ABOUT_MAX_LENGTH = 5000;

/** The most characters one language's privacy notice may have; a longer text is refused, never cut. */
export const PRIVACY_NOTICE_MAX_LENGTH = 20_000;

/** The privacy notice by language. In a change, a language left out stays as it is. */
export const privacyNoticeInput = localeTextsInput(PRIVACY_NOTICE_MAX_LENGTH).meta({
  description: `The privacy notice shown at /privacy, in Markdown, per language (at most ${PRIVACY_NOTICE_MAX_LENGTH} characters each). Blank or null removes a language; a language left out is unchanged. Without any text /privacy shows a built-in notice.`,
});

export const organisationFields = {
  name: z.string().trim().min(1).max(200),
  shortName: z.string().trim().min(1).max(20),
  aboutText: z.string().trim().max(ABOUT_MAX_LENGTH),
  aboutTranslations: localeTextsInput(ABOUT_MAX_LENGTH).meta({
    description: `"About us" in the languages other than the default one (at most ${ABOUT_MAX_LENGTH} characters each); \`aboutText\` is the default language's. Blank or null removes a language; a language left out is unchanged. A reader of a language without a text sees \`aboutText\`.`,
  }),
  email: optionalEmail,
  phone: optionalText(40),
  address: optionalText(300),
  website: optionalUrl,
  defaultLocale: z.enum(locales),
  brandColour: z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, 'organisation.invalid_colour'),
  currency: z.enum(currencies),
  privacyNotice: privacyNoticeInput,
  requireTwoFactorForStaff: z.boolean().meta({ description: 'Staff, board members and administrators must log in with a second factor.' }),
};

export const organisationInput = z.object(organisationFields).strict();
export const organisationPatch = z.object(organisationFields).partial().strict();
export type OrganisationInput = z.output<typeof organisationInput>;
export type OrganisationPatch = z.output<typeof organisationPatch>;
export type PrivacyNoticeInput = z.output<typeof privacyNoticeInput>;

export const organisationOutput = z.object({
  name: z.string(),
  shortName: z.string(),
  aboutText: z.string(),
  aboutTranslations: localeTextsOutput,
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  website: z.string().nullable(),
  defaultLocale: z.enum(locales),
  brandColour: z.string(),
  currency: z.enum(currencies),
  logoUrl: z.string().nullable(),
  privacyNotice: localeTextsOutput,
  requireTwoFactorForStaff: z.boolean(),
  updatedAt: z.string(),
});

const uuidOrBlank = z
  .union([z.literal(''), z.uuid()])
  .nullish()
  .transform((v) => (v === undefined ? undefined : v === '' || v === null ? null : v));

export const unitFields = {
  name: z.string().trim().min(1).max(120),
  shortName: optionalText(20),
  kind: z.enum(unitKinds),
  parentId: uuidOrBlank,
  email: optionalEmail,
  phone: optionalText(40),
  address: optionalText(300),
  position: z.coerce.number().int().min(0).max(10_000).optional(),
};
export const unitInput = z.object(unitFields).strict();
export const unitPatch = z.object(unitFields).partial().strict();
export type UnitInput = z.output<typeof unitInput>;
export type UnitPatch = z.output<typeof unitPatch>;

export const unitOutput = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  kind: z.enum(unitKinds),
  name: z.string(),
  shortName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  position: z.number().int(),
  depth: z.number().int(),
});
export type UnitOutput = z.infer<typeof unitOutput>;

export const idParams = z.object({ id: z.uuid() });
