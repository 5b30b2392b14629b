import { z } from 'zod';
import { isValidCvr, isValidOrgNumber, normaliseCvr, normaliseOrgNumber } from './identifiers.js';
import type { LabelTable } from '../../platform/i18n/labels.js';

export const countries = ['DK', 'SE'] as const;
export type Country = (typeof countries)[number];

/** Each country's name (`companies.countries.…`). */
export const countryLabel = {
  DK: 'companies.countries.DK',
  SE: 'companies.countries.SE',
} as const satisfies LabelTable<Country>;

const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v === '' || v === null ? null : v);
const optionalText = (max: number) => z.string().trim().max(max).nullish().transform(blankToNull);
const requiredId = z.string().trim().min(1).pipe(z.uuid());
const optionalEmail = z
  .union([z.literal(''), z.email().max(254)])
  .nullish()
  .transform((v) => (v === undefined ? undefined : v ? v.trim() : null));

/** A company number as typed, reduced to digits, then held to its check digit. */
const companyNumber = (normalise: (v: string) => string, valid: (v: string) => boolean, code: string) =>
  z
    .string()
    .max(40)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v === null ? null : normalise(v) || null))
    .refine((v) => v === undefined || v === null || valid(v), code);

export const companyInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    country: z.enum(countries),
    cvr: companyNumber(normaliseCvr, isValidCvr, 'company.invalid_cvr'),
    orgNumber: companyNumber(normaliseOrgNumber, isValidOrgNumber, 'company.invalid_org_number'),
    addressLine: optionalText(200),
    postalCode: optionalText(20),
    city: optionalText(100),
    email: optionalEmail,
    phone: optionalText(40),
    unitId: requiredId,
  })
  .strict()
  .superRefine((v, ctx) => {
    // A Danish company is known by its CVR, a Swedish one by its organisation number; never the other.
    if (v.country === 'DK' && v.orgNumber) ctx.addIssue({ code: 'custom', path: ['orgNumber'], message: 'company.org_number_only_se' });
    if (v.country === 'SE' && v.cvr) ctx.addIssue({ code: 'custom', path: ['cvr'], message: 'company.cvr_only_dk' });
  });
export type CompanyInput = z.output<typeof companyInput>;

export const contactInput = z
  .object({
    email: z.email().max(254).transform((v) => v.trim()),
    title: optionalText(120),
    isPrimary: z
      .union([z.boolean(), z.enum(['on', 'true', 'false', ''])])
      .optional()
      .transform((v) => v === true || v === 'on' || v === 'true'),
  })
  .strict();
export type ContactInput = z.output<typeof contactInput>;

const blankIsAbsent = <T extends z.ZodType>(schema: T) => z.union([z.literal(''), schema]).optional().transform((v) => (v === '' ? undefined : v)) as unknown as z.ZodType<z.output<T> | undefined>;

export const companyFilter = z.object({
  q: z.string().trim().max(200).optional().transform((v) => v || undefined),
  country: blankIsAbsent(z.enum(countries)),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type CompanyFilter = z.output<typeof companyFilter>;

export const idParams = z.object({ id: z.uuid() });
export const contactParams = z.object({ id: z.uuid(), personId: z.uuid() });

// --- API output --------------------------------------------------------------------------------

export const companySummary = z.object({
  id: z.uuid(),
  name: z.string(),
  country: z.enum(countries),
  cvr: z.string().nullable(),
  orgNumber: z.string().nullable(),
  city: z.string().nullable(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  contacts: z.number().int(),
  workplaces: z.number().int(),
});
export type CompanySummary = z.infer<typeof companySummary>;

export const companyList = z.object({ items: z.array(companySummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const contactOutput = z.object({
  personId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  isPrimary: z.boolean(),
});
export type Contact = z.infer<typeof contactOutput>;

export const companyDetail = z.object({
  id: z.uuid(),
  name: z.string(),
  country: z.enum(countries),
  cvr: z.string().nullable(),
  orgNumber: z.string().nullable(),
  addressLine: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  contacts: z.array(contactOutput),
  workplaces: z.array(z.object({ id: z.uuid(), name: z.string(), city: z.string().nullable() })),
});
export type CompanyDetail = z.infer<typeof companyDetail>;
