import { z } from 'zod';
import { organisationTimeZone } from '../platform/i18n/format.js';
import { localParts, parseDate } from '../platform/i18n/zoned-time.js';

/**
 * A person's fields, one rule each, for every form and API that writes them: the staff's new member
 * and member edit (and their API), /join, /me/edit, and the member import (which reads cells with
 * the same predicates and limits, without a zod schema per cell). A value one of them takes, all
 * take; a value one refuses, all refuse with the same code and message. Nothing is cut: a value over
 * its limit is refused naming the limit.
 *
 * Blank ('' or null) is "none" (null); absent is "not given" (undefined), which a change leaves alone.
 */

/** The most characters each field may have. */
export const personFieldMax = {
  firstName: 100,
  lastName: 100,
  email: 254,
  phone: 40,
  addressLine: 200,
  postalCode: 10,
  city: 100,
} as const;

const blankToNull = <T>(v: T | '' | null | undefined): T | null | undefined => (v === undefined ? undefined : v === '' || v === null ? null : v);

/** Digits, spaces, +, -, parentheses, with 6 to 15 digits (the most a phone number has): nothing that could be markup. */
export function isPhoneNumber(v: string): boolean {
  if (!/^\+?[0-9 ()-]+$/.test(v)) return false;
  const digits = v.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 15;
}

/**
 * A postal code as countries write them: 3 to 10 letters, digits, spaces and hyphens with at least one
 * digit, starting and ending with a letter or digit ("9000", "211 45", "0150", "SW1A 1AA", "D02 X285").
 * "ABCDEFG" is no postal code anywhere.
 */
export function isPostalCode(v: string): boolean {
  return /^(?=.*\d)[A-Za-z0-9][A-Za-z0-9 -]{1,8}[A-Za-z0-9]$/.test(v);
}

/** Countries whose postal codes have one fixed form: a code for an address there must have it. */
const POSTAL_CODE_FORMS: Partial<Record<string, RegExp>> = {
  DK: /^\d{4}$/,
  NO: /^\d{4}$/,
  SE: /^\d{3} ?\d{2}$/,
  FI: /^\d{5}$/,
  DE: /^\d{5}$/,
  IS: /^\d{3}$/,
  FO: /^\d{3}$/,
  GL: /^\d{4}$/,
};

/** Whether a postal code fits the country of the address (any postal code where the country has no fixed form). */
export function postalCodeFitsCountry(v: string, country: string): boolean {
  const form = POSTAL_CODE_FORMS[country.toUpperCase()];
  return form ? form.test(v) : isPostalCode(v);
}

/** /join asks no country: a Danish (four digits) or Swedish (five, "123 45") code, which then says the country. */
export function isDanishOrSwedishPostalCode(v: string): boolean {
  return /^(\d{4}|\d{3} ?\d{2})$/.test(v);
}

/** The country of a postal code /join takes: five digits are Swedish, four Danish. */
export function countryOfPostalCode(v: string): 'DK' | 'SE' {
  return /^\d{3} ?\d{2}$/.test(v) ? 'SE' : 'DK';
}

/**
 * A form's check of postal code against country (both as given; no country given is the default
 * Denmark on a new member). Adds `person.postal_code_for_country` on the postal code.
 */
export function checkPostalCodeForCountry(input: { postalCode?: string | null; country?: string | null }, ctx: z.RefinementCtx, defaultCountry?: string): void {
  const country = input.country ?? defaultCountry;
  if (!input.postalCode || !country || !isPostalCode(input.postalCode) || !isCountryCode(country)) return;
  if (!postalCodeFitsCountry(input.postalCode, country)) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'person.postal_code_for_country', params: { country } });
}

/** ISO 3166-1 alpha-2, and XK (Kosovo) as its registries use it. "DA" is a language, not a country. */
const COUNTRY_CODES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
    'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
    'UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
  ).split(' '),
);

/** A two-letter country code (upper case) that names a country. */
export function isCountryCode(v: string): boolean {
  return COUNTRY_CODES.has(v);
}

/** Today's date where the organisation is, as YYYY-MM-DD: a date typed at the office means that calendar. */
export function organisationToday(): string {
  return localParts(new Date(), organisationTimeZone).date;
}

/** `YYYY-MM-DD`, exactly so (no spaces), that exists in the calendar: 2026-02-30 and 2025-02-29 do not. */
export function isCalendarDate(v: string): boolean {
  return v.trim() === v && parseDate(v) !== null;
}

/** The earliest date of birth taken: an earlier one is a typing error. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** Why a date of birth is refused (its code), or null when it is a real day between 1900 and today. */
export function birthDateProblem(v: string): string | null {
  if (!isCalendarDate(v)) return 'validation.invalid_date';
  if (v < EARLIEST_BIRTH_DATE) return 'person.birth_date_too_early';
  if (v > organisationToday()) return 'person.birth_date_in_future';
  return null;
}

/** Too long is the one error of a field: its own rule does not also run on the text. */
const text = (max: number) => z.string().trim().max(max, { abort: true });

/** A first or last name: required, at most 100 characters. */
export const firstName = text(personFieldMax.firstName).min(1);
export const lastName = text(personFieldMax.lastName).min(1);

/** An e-mail address as typed (trimmed); blank is "required" alone, not also "invalid". */
const emailText = text(personFieldMax.email).refine((v) => v === '' || z.email().safeParse(v).success, 'validation.invalid_email');
export const email = emailText.min(1);
export const optionalEmail = emailText.nullish().transform(blankToNull);

export const phone = text(personFieldMax.phone)
  .refine((v) => v === '' || isPhoneNumber(v), 'person.invalid_phone')
  .nullish()
  .transform(blankToNull);

export const addressLine = text(personFieldMax.addressLine).min(1);
export const optionalAddressLine = text(personFieldMax.addressLine).nullish().transform(blankToNull);
export const city = text(personFieldMax.city).min(1);
export const optionalCity = text(personFieldMax.city).nullish().transform(blankToNull);

const postalCodeText = text(personFieldMax.postalCode).refine((v) => v === '' || isPostalCode(v), 'person.invalid_postal_code');
export const postalCode = postalCodeText.min(1);
export const optionalPostalCode = postalCodeText.nullish().transform(blankToNull);

/** `dk` is read as DK; `Danmark` and `DA` are refused, not cut or guessed. */
export const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, 'person.invalid_country');

export const dateOfBirth = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const problem = v === '' ? null : birthDateProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .nullish()
  .transform(blankToNull)
  .meta({ format: 'date' });
