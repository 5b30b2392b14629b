import { z } from 'zod';
import { locales } from '../../platform/i18n/i18n.js';
import { localeTextsInput, localeTextsOutput } from '../../platform/i18n/locale-texts.js';
import * as person from '../../kernel/person-fields.js';
import { membershipStatuses } from './tables.js';

/** Today's date where the organisation is, as YYYY-MM-DD (a date typed by staff means that calendar). */
export const today = person.organisationToday;

/** A date that exists in the calendar (2026-02-30 and 2025-02-29 do not), from 1800 on. */
export function isRealDate(v: string): boolean {
  return person.isCalendarDate(v) && v >= '1800-01-01';
}

/** Blank means "none" (null); absent means "not given" (undefined), which a patch leaves alone. */
const blankToNull = <T>(v: T | '' | null | undefined): T | null | undefined => (v === undefined ? undefined : v === '' || v === null ? null : v);

export const optionalText = (max: number) => z.string().trim().max(max).nullish().transform(blankToNull);

/** Optional date field (a birth date is the kernel's own). */
function optionalDate() {
  return z
    .string()
    .trim()
    .max(10)
    .refine((v) => v === '' || isRealDate(v), 'validation.invalid_date')
    .nullish()
    .transform(blankToNull)
    .meta({ format: 'date' });
}

/** A required date that has happened (a resignation is recorded when it takes effect, not before). */
const pastDate = z
  .string()
  .trim()
  .min(1)
  .max(10)
  // Blank is "required" alone, not also "invalid".
  .refine((v) => v === '' || isRealDate(v), 'validation.invalid_date')
  .refine((v) => !isRealDate(v) || v <= today(), 'member.date_in_future')
  .meta({ format: 'date' });

/** A select's value: blank is "not chosen" (required), anything else must be an id. */
const requiredId = z
  .string()
  .trim()
  .min(1)
  // Blank is "required" alone, not also "not an id".
  .refine((v) => v === '' || z.uuid().safeParse(v).success, 'validation.invalid_id')
  .meta({ format: 'uuid' });

export const memberNumberPattern = /^[0-9A-Za-z-]{1,20}$/;

/** The person's fields are the kernel's (`person-fields.ts`): /join and /me/edit take and refuse the same. */
export const memberFields = {
  firstName: person.firstName,
  lastName: person.lastName,
  email: person.optionalEmail,
  extraEmails: z.array(person.email).max(10).optional(),
  phone: person.phone,
  addressLine: person.optionalAddressLine,
  postalCode: person.optionalPostalCode,
  city: person.optionalCity,
  country: person.country.optional(),
  dateOfBirth: person.dateOfBirth,
  preferredLocale: z.enum(['', ...locales]).nullish().transform(blankToNull),
  typeId: requiredId,
  unitId: requiredId,
  sections: z.array(z.uuid()).max(20).optional(),
  memberNumber: z.string().trim().max(20).refine((v) => v === '' || memberNumberPattern.test(v), 'member.invalid_number').nullish().transform(blankToNull),
  joinedOn: optionalDate(),
};

/** Staff register someone as an active member, or as an applicant still to be approved. */
export const newMemberStatuses = ['active', 'applicant'] as const;

export const memberInput = z
  .object({ ...memberFields, status: z.enum(newMemberStatuses).optional() })
  .strict()
  // A new member without a country lives in Denmark (the column's default).
  .superRefine((v, ctx) => person.checkPostalCodeForCountry(v, ctx, 'DK'));
export type MemberInput = z.output<typeof memberInput>;
/** The edit form sends every field; the API may send only those it changes. */
export const memberUpdate = z
  .object(memberFields)
  .strict()
  .superRefine((v, ctx) => person.checkPostalCodeForCountry(v, ctx));
export const memberPatch = z
  .object(memberFields)
  .partial()
  .strict()
  // Checked when both come in the change; the stored country is not known here.
  .superRefine((v, ctx) => person.checkPostalCodeForCountry(v, ctx));
export type MemberPatch = z.output<typeof memberPatch>;

/** Status changes staff make; approving or rejecting an applicant belongs to the joining queue. */
export const statusActions = ['resign', 'expel', 'deceased', 'reinstate'] as const;
export type StatusAction = (typeof statusActions)[number];

export const statusChangeInput = z
  .object({
    action: z.enum(statusActions),
    onDate: pastDate,
    reason: optionalText(500),
  })
  .strict();
export type StatusChangeInput = z.output<typeof statusChangeInput>;

export const filterRoles = ['steward', 'safety_rep', 'leader', 'board', 'staff'] as const;
export const sortKeys = ['name', 'number', 'joined'] as const;
export type SortKey = (typeof sortKeys)[number];

/** Filters of the member list page: a bad value in a link is dropped, the rest still applies. */
export const memberListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  unit: z.uuid().optional().catch(undefined),
  status: z.enum(membershipStatuses).optional().catch(undefined),
  type: z.uuid().optional().catch(undefined),
  role: z.enum(filterRoles).optional().catch(undefined),
  workplace: z.uuid().optional().catch(undefined),
  sort: z.enum(sortKeys).catch('name'),
  order: z.enum(['asc', 'desc']).catch('asc'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type MemberListFilter = z.output<typeof memberListQuery> & { pageSize?: number };

/** The same filters on the API, where a wrong value is an error rather than silently ignored. */
export const memberApiQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    unit: z.uuid().optional(),
    status: z.enum(membershipStatuses).optional(),
    type: z.uuid().optional(),
    role: z.enum(filterRoles).optional(),
    workplace: z.uuid().optional(),
    sort: z.enum(sortKeys).default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const memberOutput = z
  .object({
    id: z.uuid(),
    memberNumber: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    extraEmails: z.array(z.string()),
    phone: z.string().nullable(),
    addressLine: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string(),
    dateOfBirth: z.string().nullable(),
    preferredLocale: z.enum(locales).nullable(),
    status: z.enum(membershipStatuses),
    statusSince: z.string(),
    joinedOn: z.string().nullable(),
    typeId: z.uuid(),
    typeCode: z.string(),
    unitId: z.uuid(),
    sections: z.array(z.uuid()),
  })
  .meta({ id: 'Member' });
export type MemberOutput = z.infer<typeof memberOutput>;

/** The most characters a membership type's name may have, in the default language and in each other one. */
const TYPE_NAME_MAX_LENGTH = 100;

export const membershipTypeFields = {
  name: z.string().trim().min(1).max(TYPE_NAME_MAX_LENGTH),
  nameTranslations: localeTextsInput(TYPE_NAME_MAX_LENGTH)
    .optional()
    .meta({ description: `The name in the languages other than the default one (at most ${TYPE_NAME_MAX_LENGTH} characters each), for members and applicants who read one of them; \`name\` is the default language's. Blank or null removes a language; a language left out is unchanged.` }),
  position: z.coerce.number().int().min(0).max(10_000).optional(),
};
export const membershipTypeInput = z
  .object({ code: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9_]{1,29}$/, 'membership_type.invalid_code'), ...membershipTypeFields })
  .strict();
/** Checkbox forms send "on" when ticked and nothing when not: absent means inactive. */
export const membershipTypeUpdate = z
  .object({ ...membershipTypeFields, active: z.enum(['on', 'true', '1']).optional().transform((v) => v !== undefined) })
  .strict();
export type MembershipTypeInput = z.output<typeof membershipTypeInput>;
export type MembershipTypeUpdate = z.output<typeof membershipTypeUpdate>;
/** The API's PATCH: JSON booleans and numbers, and only the fields sent change. */
export const membershipTypePatch = z
  .object({ name: membershipTypeFields.name, nameTranslations: membershipTypeFields.nameTranslations, position: z.number().int().min(0).max(10_000), active: z.boolean() })
  .partial()
  .strict();
/** What a change may hold, from the form (every field) or the API (some). */
export type MembershipTypeChange = z.output<typeof membershipTypePatch>;

export const membershipTypeOutput = z.object({ id: z.uuid(), code: z.string(), name: z.string(), nameTranslations: localeTextsOutput, position: z.number().int(), active: z.boolean() });

export const idParams = z.object({ id: z.uuid() });
