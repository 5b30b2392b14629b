import { z } from 'zod';
import { locales } from '../../platform/i18n/i18n.js';
import * as person from '../../kernel/person-fields.js';
import type { ConsentPurpose } from './consent-purposes.js';

/** Blank means "none": forms send '' for an empty field, the database wants null. */
const blankToNull = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v), inner.nullable());

const requiredText = (max: number) => z.string().trim().min(1).max(max);

/** What a blank optional field is here: none (null), also when the field is left out. */
const orNull = <T extends z.ZodType>(schema: T) => schema.transform((v) => v ?? null);

/** A required choice from a select: an empty choice says "required". */
const requiredId = z.string().trim().min(1).pipe(z.uuid());

/** A checkbox sends "on" when ticked and nothing otherwise. */
const checkbox = z
  .literal('on')
  .optional()
  .transform((v) => v === 'on');

export const joinInput = z
  .object({
    // The person's fields are the kernel's (`person-fields.ts`): the staff's member form takes and refuses the same.
    firstName: person.firstName,
    lastName: person.lastName,
    email: person.email,
    phone: orNull(person.phone),
    addressLine: person.addressLine,
    postalCode: person.postalCode,
    city: person.city,
    dateOfBirth: orNull(person.dateOfBirth),
    districtId: requiredId,
    membershipTypeId: requiredId,
    workplaceId: blankToNull(z.uuid()),
    preferredLocale: z.enum(locales),
    privacyConsent: z.literal('on', { message: 'join.privacy_required' }),
    newsletterConsent: checkbox,
  })
  .strict()
  // The form asks no country: the postal code says it, so it must be a Danish or a Swedish one.
  .superRefine((v, ctx) => {
    if (person.isPostalCode(v.postalCode) && !person.isDanishOrSwedishPostalCode(v.postalCode)) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'person.invalid_postal_code_dk_se' });
  });
export type JoinInput = z.output<typeof joinInput>;

/** What a person may change about themselves; the name goes through the office. */
export const contactInput = z
  .object({
    email: person.email,
    phone: orNull(person.phone),
    addressLine: orNull(person.optionalAddressLine),
    postalCode: orNull(person.optionalPostalCode),
    city: orNull(person.optionalCity),
    preferredLocale: z.enum(locales),
  })
  .strict();
export type ContactInput = z.output<typeof contactInput>;

const yesNo = z.enum(['yes', 'no']);

/** The consent form: one required yes/no answer per purpose a member may change (see consent-purposes.ts). */
export const consentsInput = z
  .object({ newsletter: yesNo, surveys: yesNo, eventPhotos: yesNo })
  .strict()
  .transform((v): Record<ConsentPurpose, boolean> => ({ newsletter: v.newsletter === 'yes', surveys: v.surveys === 'yes', event_photos: v.eventPhotos === 'yes' }));
export type ConsentsInput = z.output<typeof consentsInput>;

export const rejectInput = z.object({ rejectionReason: requiredText(1000) }).strict();

export const tokenParams = z.object({ token: z.string().min(10).max(200) });
export const idParams = z.object({ id: z.uuid() });

/** A personal API token on my page: only a name to tell it from the person's other ones. */
export const personalTokenInput = z.object({ name: requiredText(100) }).strict();
