import { z } from 'zod';
import { locales } from '../../platform/i18n/i18n.js';
import type { ConsentPurpose } from './consent-purposes.js';

/** Blank means "none": forms send '' for an empty field, the database wants null. */
const blankToNull = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v), inner.nullable());

const requiredText = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => blankToNull(z.string().trim().max(max));

/** Required e-mail: an empty field says "required", not "invalid e-mail". */
const email = z.string().trim().min(1).max(254).pipe(z.email());

/** Digits, spaces, +, -, parentheses: what people write in a phone number, nothing that could be markup. */
const phone = blankToNull(
  z
    .string()
    .trim()
    .max(40)
    .regex(/^\+?[0-9 ()-]{6,}$/, 'validation.invalid_format'),
);

/** Danish postal codes have four digits, Swedish five (written "123 45"). */
export const postalCodePattern = /^(\d{4}|\d{3} ?\d{2})$/;

const todayIso = () => new Date().toISOString().slice(0, 10);

/** A real calendar day (not 31 June), after 1900 and not in the future. */
const dateOfBirth = blankToNull(
  z.iso.date().refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= '1900-01-01' && v <= todayIso();
  }, 'validation.invalid_date'),
);

/** A required choice from a select: an empty choice says "required". */
const requiredId = z.string().trim().min(1).pipe(z.uuid());

/** A checkbox sends "on" when ticked and nothing otherwise. */
const checkbox = z
  .literal('on')
  .optional()
  .transform((v) => v === 'on');

export const joinInput = z
  .object({
    firstName: requiredText(100),
    lastName: requiredText(100),
    email,
    phone,
    addressLine: requiredText(200),
    postalCode: z.string().trim().min(1).max(10).regex(postalCodePattern, 'join.invalid_postal_code'),
    city: requiredText(100),
    dateOfBirth,
    districtId: requiredId,
    membershipTypeId: requiredId,
    workplaceId: blankToNull(z.uuid()),
    preferredLocale: z.enum(locales),
    privacyConsent: z.literal('on', { message: 'join.privacy_required' }),
    newsletterConsent: checkbox,
  })
  .strict();
export type JoinInput = z.output<typeof joinInput>;

/** What a person may change about themselves; the name goes through the office. */
export const contactInput = z
  .object({
    email,
    phone,
    addressLine: optionalText(200),
    postalCode: blankToNull(z.string().trim().max(10).regex(postalCodePattern, 'join.invalid_postal_code')),
    city: optionalText(100),
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
