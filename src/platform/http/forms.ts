import type { MultipartFile } from '@fastify/multipart';
import { z } from 'zod';
import { fieldErrorsFromZod, type FieldError } from '../errors.js';
import type { Translate } from '../i18n/i18n.js';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[]; values: Record<string, unknown> };

/** Parses a submitted form with the same zod schema the API uses; failures keep what was typed. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown, t: Translate): FormResult<z.output<S>> {
  const values = formValues(body);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: fieldErrorsFromZod(result.error, t), values };
}

/** A filter's value where '' (a select's "all" choice, an empty field) means not given at all. */
export const blankIsAbsent = <T extends z.ZodType>(schema: T) =>
  z
    .union([z.literal(''), schema])
    .optional()
    .transform((v) => (v === '' ? undefined : v)) as unknown as z.ZodType<z.output<T> | undefined>;

/**
 * A number typed into a form arrives as text. Text that reads as a number becomes one ("-5", "1,5" as
 * Danes and Swedes write it, "1.5"), so the schema's own rules say what is wrong with it ("must be at
 * least 1", "must be a whole number") instead of "wrong type"; blank is null; anything else stays text,
 * which a number schema refuses as "must be a number". "1.000" stays text too: a Dane means a thousand,
 * an English reader one, and guessing would store the wrong number without a word.
 */
export function numberFromText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const v = value.trim();
  if (v === '') return null;
  if (!/^[-+]?\d{1,15}([.,]\d{1,15})?$/.test(v) || /[.,]\d{3}$/.test(v)) return v;
  return Number(v.replace(',', '.'));
}

/**
 * For an object's `superRefine`: its rules between fields run even when a field has an error of its
 * own, so a form shows every problem at once. Such a rule sees a field that failed as it was sent
 * (text where a Date belongs), so it checks what it got before comparing. It never sees what is not
 * an object at all (a JSON body of `null`): there are no fields to compare, only the object's own error.
 */
export const evenWithFieldErrors = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null } as const;

/**
 * The fields of an object schema's input that are valid on their own, parsed; the others left out.
 * A use case's checks that need the database (an unknown unit, an address already taken, a time in
 * the past) run on these while the schema's errors are still to be shown, so a form gives every
 * problem in one round instead of one kind per submit.
 */
export function validParts<S extends z.ZodObject>(schema: S, input: unknown): Partial<z.output<S>> {
  const values = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const parsed = field.safeParse(values[key]);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  return out as Partial<z.output<S>>;
}

/**
 * One list of field errors from several checks, in the order given: the first error of a field
 * stands, later ones for the same field are left out (a field shows one message).
 */
export function mergeFieldErrors(...lists: FieldError[][]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of lists.flat()) {
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    out.push(e);
  }
  return out;
}

/** Form bodies arrive as strings; the CSRF field is no business of the schema. */
export function formValues(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_csrf') continue;
    out[k] = v;
  }
  return out;
}

/** A file part of a multipart body (as `attachFieldsToBody` leaves it), not a text field. */
function isFilePart(part: unknown): part is MultipartFile {
  return Boolean(part && typeof part === 'object' && 'toBuffer' in part && typeof (part as MultipartFile).toBuffer === 'function');
}

/**
 * A form's text fields and its files, whether it came as multipart (text fields are parts with a
 * value) or urlencoded; a file input left empty sends no file. The CSRF field is left out.
 */
export function readMultipart(body: unknown): { values: Record<string, string>; files: Record<string, MultipartFile> } {
  const values: Record<string, string> = {};
  const files: Record<string, MultipartFile> = {};
  for (const [key, part] of Object.entries(formValues(body))) {
    if (isFilePart(part)) {
      if (part.filename) files[key] = part;
    } else if (typeof part === 'string') values[key] = part;
    else if (part && typeof part === 'object' && 'value' in part) values[key] = String((part as { value: unknown }).value);
  }
  return { values, files };
}

/** Control characters (C0, DEL, C1), whitespace anywhere (also Unicode's) and the backslash. */
const UNSAFE_IN_NEXT = /[\u0000-\u001f\u007f-\u009f\s\\]/u;
const PROBE_ORIGIN = 'http://x.invalid';

/**
 * Keeps only paths on this site, so `?next=` cannot send anyone elsewhere: the one check for every
 * redirect built from what a visitor sent. Browsers drop tabs and newlines from a `Location` and read
 * `\` as `/`, so `/\t/evil.example` is `//evil.example` to them; a newline would also break the
 * header. Whatever a URL parser resolves to another origin is refused too.
 */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || UNSAFE_IN_NEXT.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  // The parser's spelling: letters beyond ASCII come back %-escaped, which a Location header can carry.
  return url.pathname + url.search + url.hash;
}

/**
 * The one file a multipart form sends in `field`, read whole, with its text fields: `missing` when no
 * file was chosen, `too_large` when the route's size limit cut it off (`throwFileSizeLimit: false`).
 */
export async function readUpload(body: unknown, field = 'file'): Promise<{ values: Record<string, string>; file: { fileName: string; bytes: Buffer } | 'missing' | 'too_large' }> {
  const { values, files } = readMultipart(body);
  const part = files[field];
  if (!part) return { values, file: 'missing' };
  const bytes = await part.toBuffer();
  if (part.file.truncated) return { values, file: 'too_large' };
  return { values, file: { fileName: part.filename, bytes } };
}
