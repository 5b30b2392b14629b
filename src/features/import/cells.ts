import { z } from 'zod';
import { birthDateProblem, isCountryCode, isPhoneNumber, isPostalCode, personFieldMax } from '../../kernel/person-fields.js';

/**
 * Why a cell cannot be read: a stable code and what its message needs. Readers return either the
 * value or an Invalid — not a wrapper object per cell, since a large file has millions of cells.
 */
export class Invalid {
  constructor(
    readonly code: string,
    readonly params?: Record<string, string | number>,
  ) {}
}

/** A cell read as a value (null for a blank cell: "leave as it is" on an update), or why it cannot be. */
export type Cell<T> = T | Invalid;

const required = new Invalid('import.required');
const invalidEmail = new Invalid('import.invalid_email');
const invalidDate = new Invalid('import.invalid_date');
const invalidYesNo = new Invalid('import.invalid_yes_no');
const invalidCountry = new Invalid('import.invalid_country');
const invalidMemberNumber = new Invalid('import.invalid_member_number');
const invalidPhone = new Invalid('import.invalid_phone');
const invalidPostalCode = new Invalid('import.invalid_postal_code');
const invalidPNumber = new Invalid('import.invalid_p_number');
const tooLong = new Map<number, Invalid>();
const tooLongFor = (max: number) => tooLong.get(max) ?? tooLong.set(max, new Invalid('import.too_long', { max })).get(max)!;

/** Free text up to a length; blank is null. */
export function text(cell: string, max: number): Cell<string | null> {
  if (cell === '') return null;
  return cell.length > max ? tooLongFor(max) : cell;
}

export function requiredText(cell: string, max: number): Cell<string> {
  if (cell === '') return required;
  return cell.length > max ? tooLongFor(max) : cell;
}

const emailPattern = z.regexes.email;

export function email(cell: string): Cell<string | null> {
  if (cell === '') return null;
  return cell.length > 254 || !emailPattern.test(cell) ? invalidEmail : cell;
}

function realDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const isoDate = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const nordicDate = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/;

/**
 * A date as ISO (2026-02-28) or the way Danish and Swedish Excel writes it (28-02-2026, 28.02.2026,
 * 28/02/2026). Days that do not exist (2026-02-30) are refused, not rolled over into March.
 */
export function date(cell: string): Cell<string | null> {
  if (cell === '') return null;
  let m = isoDate.exec(cell);
  if (m) return realDate(Number(m[1]), Number(m[2]), Number(m[3])) ?? invalidDate;
  m = nordicDate.exec(cell);
  if (m) return realDate(Number(m[3]), Number(m[2]), Number(m[1])) ?? invalidDate;
  return invalidDate;
}

const yes = new Set(['yes', 'y', 'ja', 'j', 'true', '1', 'x']);
const no = new Set(['no', 'n', 'nej', 'false', '0']);

export function yesNo(cell: string): Cell<boolean | null> {
  if (cell === '') return null;
  const v = cell.toLowerCase();
  if (yes.has(v)) return true;
  if (no.has(v)) return false;
  return invalidYesNo;
}

/** One of a set of codes, also given by a Danish or Swedish word for it. */
export function choice<T extends string>(cell: string, words: Record<string, T>, code: string): Cell<T | null> {
  if (cell === '') return null;
  return words[cell.toLowerCase()] ?? new Invalid(code, { value: cell.slice(0, 60) });
}

export function country(cell: string): Cell<string | null> {
  if (cell === '') return null;
  const v = cell.toUpperCase();
  return isCountryCode(v) ? v : invalidCountry;
}

/*
 * A person's fields by the kernel's rules (`person-fields.ts`), the ones the member forms and the API
 * use: a file cannot bring in what a form would refuse.
 */

export function phone(cell: string): Cell<string | null> {
  if (cell === '') return null;
  if (cell.length > personFieldMax.phone) return tooLongFor(personFieldMax.phone);
  return isPhoneNumber(cell) ? cell : invalidPhone;
}

export function postalCode(cell: string): Cell<string | null> {
  if (cell === '') return null;
  if (cell.length > personFieldMax.postalCode) return tooLongFor(personFieldMax.postalCode);
  return isPostalCode(cell) ? cell : invalidPostalCode;
}

const birthProblems: Record<string, Invalid> = {
  'person.birth_date_in_future': new Invalid('import.birth_date_in_future'),
  'person.birth_date_too_early': new Invalid('import.birth_date_too_early'),
};

/** A date of birth as `date` reads it, between 1900 and today. */
export function dateOfBirth(cell: string): Cell<string | null> {
  const d = date(cell);
  if (d === null || d instanceof Invalid) return d;
  const problem = birthDateProblem(d);
  return problem === null ? d : (birthProblems[problem] ?? invalidDate);
}

const memberNumberPattern = /^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/;

export function memberNumber(cell: string): Cell<string | null> {
  if (cell === '') return null;
  return memberNumberPattern.test(cell) ? cell : invalidMemberNumber;
}

/** Danish P-numbers have ten digits; spaces as people type them are dropped. */
export function pNumber(cell: string): Cell<string | null> {
  if (cell === '') return null;
  const digits = cell.includes(' ') ? cell.replace(/\s+/g, '') : cell;
  return /^\d{10}$/.test(digits) ? digits : invalidPNumber;
}
