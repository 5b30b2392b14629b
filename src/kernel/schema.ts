import { z } from 'zod';
import { locales } from '../platform/i18n/i18n.js';
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

export const organisationFields = {
  name: z.string().trim().min(1).max(200),
  shortName: z.string().trim().min(1).max(20),
  aboutText: z.string().trim().max(5000),
  email: optionalEmail,
  phone: optionalText(40),
  address: optionalText(300),
  website: optionalUrl,
  defaultLocale: z.enum(locales),
  brandColour: z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, 'organisation.invalid_colour'),
  currency: z.enum(currencies),
};

export const organisationInput = z.object(organisationFields).strict();
export const organisationPatch = z.object(organisationFields).partial().strict();
export type OrganisationPatch = z.output<typeof organisationPatch>;

export const organisationOutput = z.object({
  name: z.string(),
  shortName: z.string(),
  aboutText: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  website: z.string().nullable(),
  defaultLocale: z.enum(locales),
  brandColour: z.string(),
  currency: z.enum(currencies),
  logoUrl: z.string().nullable(),
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
