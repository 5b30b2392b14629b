import { z } from 'zod';
import { fieldError, fieldErrorsFromZod, type FieldError } from '../../platform/errors.js';
import type { Translate } from '../../platform/i18n/i18n.js';
import { organisationTimeZone } from '../../platform/i18n/format.js';
import { isTimeZone, type EventDetail } from './schema.js';
import { materialVisibilities } from './tables.js';
import { localParts, parseDate, parseTime, zonedInstant, zonedInstantFromLocal } from '../../platform/i18n/zoned-time.js';

/**
 * The staff event form: what the browser sends (strings, a checkbox's "on", dates and times as the
 * event's own clock shows them) turned into the API's input, which the same zod schema then checks.
 * Errors come back on the form's own field names, in the order the form shows them.
 */

/** The zones offered in the form; an event in any other valid zone keeps its own. */
export const timeZoneChoices = ['Europe/Copenhagen', 'Europe/Stockholm', 'Europe/Oslo', 'Europe/Helsinki', 'Atlantic/Faroe', 'America/Nuuk', 'Atlantic/Reykjavik', 'UTC'];

/** Empty programme rows shown on a new form, and at most this many rows. */
export const PROGRAMME_ROWS = 3;
export const MAX_PROGRAMME_ROWS = 100;

/** The form's fields in the order they appear, so the error summary reads top to bottom. */
const fieldOrder = [
  'kind',
  'title',
  'description',
  'startDate',
  'startTime',
  'endTime',
  'endDate',
  'timeZone',
  'placeName',
  'addressLine',
  'postalCode',
  'city',
  'onlineUrl',
  'unitId',
  'audience',
  'audienceUnitId',
  'audienceRoles',
  'capacity',
  'waitlist',
  'maxGuests',
  'registrationOpensAt',
  'registrationClosesAt',
  'programme',
];

/** Where an error of the API's input shows in the form. */
const apiToForm: Record<string, string> = { startsAt: 'startTime', endsAt: 'endTime' };

export interface ProgrammeRow {
  time: string;
  title: string;
  speaker: string;
  materialId: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[v.length - 1] ?? '') : v === undefined || v === null ? '' : String(v));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);

/** The programme rows as sent (`programme.0.title` …), empty ones included, in order. */
export function programmeRows(values: Record<string, unknown>): ProgrammeRow[] {
  let count = 0;
  for (const key of Object.keys(values)) {
    const m = /^programme\.(\d+)\./.exec(key);
    if (m) count = Math.max(count, Number(m[1]) + 1);
  }
  count = Math.min(count, MAX_PROGRAMME_ROWS);
  return Array.from({ length: count }, (_, i) => ({
    time: str(values[`programme.${i}.time`]).trim(),
    title: str(values[`programme.${i}.title`]).trim(),
    speaker: str(values[`programme.${i}.speaker`]).trim(),
    materialId: str(values[`programme.${i}.materialId`]).trim(),
  }));
}

const isEmptyRow = (r: ProgrammeRow) => !r.time && !r.title && !r.speaker && !r.materialId;

/** A whole number typed in a field; blank is `blank`; anything else is kept for the schema to refuse. */
function wholeNumber(raw: string, blank: number | null, path: string, errors: { path: string; code: string }[]): number | null | undefined {
  const v = raw.trim();
  if (v === '') return blank;
  if (!/^[-+]?\d{1,9}$/.test(v)) {
    errors.push({ path, code: 'event_staff.whole_number' });
    return undefined;
  }
  return Number(v);
}

export interface ReadForm {
  /** The API's input as far as it could be made: the schema checks the rest. */
  input: Record<string, unknown>;
  /** What could not even be read (a date that is no date), on the form's field names. */
  errors: { path: string; code: string }[];
  /** The programme rows as typed, for showing the form again. */
  rows: ProgrammeRow[];
}

/** Turns the submitted form into the API's event input. */
export function readEventForm(values: Record<string, unknown>): ReadForm {
  const errors: { path: string; code: string }[] = [];
  const zoneRaw = str(values.timeZone).trim() || organisationTimeZone;
  const zone = isTimeZone(zoneRaw) ? zoneRaw : null;
  if (!zone) errors.push({ path: 'timeZone', code: 'event.invalid_time_zone' });
  // A choice left at "choose" is missing, not an invalid id.
  const chosen = (v: unknown) => str(v).trim() || undefined;
  const input: Record<string, unknown> = {
    kind: chosen(values.kind),
    title: str(values.title),
    description: str(values.description),
    placeName: str(values.placeName),
    addressLine: str(values.addressLine),
    postalCode: str(values.postalCode),
    city: str(values.city),
    onlineUrl: str(values.onlineUrl).trim(),
    timeZone: zoneRaw,
    unitId: chosen(values.unitId),
    audience: chosen(values.audience),
    audienceUnitId: str(values.audienceUnitId),
    audienceRoles: list(values.audienceRoles),
    waitlist: str(values.waitlist) === 'on' || str(values.waitlist) === 'true',
  };
  const capacity = wholeNumber(str(values.capacity), null, 'capacity', errors);
  if (capacity !== undefined) input.capacity = capacity;
  const maxGuests = wholeNumber(str(values.maxGuests), 0, 'maxGuests', errors);
  if (maxGuests !== undefined) input.maxGuests = maxGuests;

  // Dates and times: each part is checked on its own first, so the error names the field that is wrong.
  const startDate = str(values.startDate).trim();
  const endDate = str(values.endDate).trim() || startDate;
  const startTime = str(values.startTime).trim();
  const endTime = str(values.endTime).trim();
  const part = (raw: string, path: string, parse: (v: string) => unknown, code: string) => {
    if (!raw) errors.push({ path, code: 'validation.required' });
    else if (!parse(raw)) errors.push({ path, code });
  };
  part(startDate, 'startDate', parseDate, 'validation.invalid_date');
  part(startTime, 'startTime', parseTime, 'event_staff.invalid_time');
  part(endTime, 'endTime', parseTime, 'event_staff.invalid_time');
  if (str(values.endDate).trim() && !parseDate(endDate)) errors.push({ path: 'endDate', code: 'validation.invalid_date' });
  if (zone) {
    const starts = zonedInstant(startDate, startTime, zone);
    const ends = zonedInstant(endDate, endTime, zone);
    if (starts) input.startsAt = starts.toISOString();
    if (ends) input.endsAt = ends.toISOString();
    for (const key of ['registrationOpensAt', 'registrationClosesAt'] as const) {
      const raw = str(values[key]).trim();
      if (!raw) input[key] = null;
      else {
        const at = zonedInstantFromLocal(raw, zone);
        if (at) input[key] = at.toISOString();
        else errors.push({ path: key, code: 'validation.invalid_date' });
      }
    }
  }

  const rows = programmeRows(values);
  const programme: Record<string, unknown>[] = [];
  rows.forEach((r, i) => {
    if (isEmptyRow(r)) return;
    const item: Record<string, unknown> = { title: r.title, speaker: r.speaker, materialId: r.materialId || null, startsAt: null };
    if (r.time) {
      const at = zone && parseDate(startDate) ? zonedInstant(startDate, r.time, zone) : null;
      if (at) item.startsAt = at.toISOString();
      else if (!parseTime(r.time)) errors.push({ path: `programme.${i}.time`, code: 'event_staff.invalid_time' });
    }
    // The schema numbers the items it is given; the form numbers its rows, empty ones included.
    item.row = i;
    programme.push(item);
  });
  input.programme = programme;
  return { input, errors, rows };
}

/** The schema's path of a programme item, with the form's row instead of the item's place. */
function programmePath(path: string, programme: Record<string, unknown>[]): string {
  const m = /^programme\.(\d+)\.(\w+)$/.exec(path);
  if (!m) return path;
  const row = programme[Number(m[1])]?.row ?? Number(m[1]);
  const field = m[2] === 'startsAt' ? 'time' : m[2];
  return `programme.${row}.${field}`;
}

/** The programme as the schema takes it (without the form's row numbers). */
export function apiInput(read: ReadForm): Record<string, unknown> {
  const programme = (read.input.programme as Record<string, unknown>[]).map(({ row: _row, ...item }) => item);
  return { ...read.input, programme };
}

const orderOf = (path: string) => {
  const i = fieldOrder.indexOf(path.split('.')[0]);
  return i === -1 ? fieldOrder.length : i;
};

/**
 * One list of errors for the form: what could not be read, then what the schema or the use case
 * refused (on the form's field names), one per field, top to bottom. Errors of a programme row say
 * which row.
 */
export function formErrors(t: Translate, read: ReadForm, refused: { path: string; code: string; message?: string }[]): FieldError[] {
  const programme = read.input.programme as Record<string, unknown>[];
  const seen = new Set<string>();
  const out: FieldError[] = [];
  const add = (path: string, make: () => FieldError) => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push(make());
  };
  for (const e of read.errors) add(e.path, () => fieldError(t, e.path, e.code));
  // A date or time that could not be read leaves the start or end missing: that was said already.
  const clockUnread = read.errors.some((e) => ['startDate', 'startTime', 'endTime', 'endDate', 'timeZone'].includes(e.path));
  for (const e of refused) {
    const mapped = programmePath(apiToForm[e.path] ?? e.path, programme);
    if (clockUnread && (mapped === 'startTime' || mapped === 'endTime')) continue;
    add(mapped, () => (mapped === e.path && e.message ? { path: mapped, code: e.code, message: e.message } : fieldError(t, mapped, e.code)));
  }
  for (const e of out) {
    const m = /^programme\.(\d+)\./.exec(e.path);
    if (m) e.message = `${t('event_staff.programme_row', { n: Number(m[1]) + 1 })}: ${e.message}`;
  }
  return out.sort((a, b) => orderOf(a.path) - orderOf(b.path) || a.path.localeCompare(b.path, 'en', { numeric: true }));
}

/** Parses the API input with a schema and gives the schema's refusals, or the data. */
export function checkInput<S extends z.ZodType>(schema: S, input: Record<string, unknown>, t: Translate): { ok: true; data: z.output<S> } | { ok: false; refused: FieldError[] } {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, data: result.data } : { ok: false, refused: fieldErrorsFromZod(result.error, t) };
}

/** The form's values for an existing event: dates and times as its own zone's clock shows them. */
export function formValuesOf(e: EventDetail): Record<string, unknown> {
  const start = localParts(e.startsAt, e.timeZone);
  const end = localParts(e.endsAt, e.timeZone);
  const local = (at: string | null) => {
    if (!at) return '';
    const p = localParts(at, e.timeZone);
    return `${p.date}T${p.time}`;
  };
  const values: Record<string, unknown> = {
    kind: e.kind,
    title: e.title,
    description: e.description,
    placeName: e.placeName ?? '',
    addressLine: e.addressLine ?? '',
    postalCode: e.postalCode ?? '',
    city: e.city ?? '',
    onlineUrl: e.onlineUrl ?? '',
    startDate: start.date,
    startTime: start.time,
    endTime: end.time,
    endDate: end.date === start.date ? '' : end.date,
    timeZone: e.timeZone,
    unitId: e.unitId,
    audience: e.audience,
    audienceUnitId: e.audienceUnitId ?? '',
    audienceRoles: e.audienceRoles,
    capacity: e.capacity === null ? '' : String(e.capacity),
    waitlist: e.waitlist ? 'on' : '',
    maxGuests: String(e.maxGuests),
    registrationOpensAt: local(e.registrationOpensAt),
    registrationClosesAt: local(e.registrationClosesAt),
  };
  e.programme.forEach((p, i) => {
    values[`programme.${i}.time`] = p.startsAt ? localParts(p.startsAt, e.timeZone).time : '';
    values[`programme.${i}.title`] = p.title;
    values[`programme.${i}.speaker`] = p.speaker ?? '';
    values[`programme.${i}.materialId`] = p.materialId ?? '';
  });
  return values;
}

/** The values of a new form: a members' meeting in the organisation's zone, with a waiting list. */
export function newFormValues(unitId: string | undefined): Record<string, unknown> {
  return { kind: 'member_meeting', audience: 'members', timeZone: organisationTimeZone, waitlist: 'on', maxGuests: '0', unitId: unitId ?? '' };
}

/**
 * How many programme rows the form shows: a saved event's items and one empty row; a form sent back
 * as many rows as it had, one more when "add row" was pressed; never fewer than a few.
 */
export function rowCount(values: Record<string, unknown>, mode: 'saved' | 'sent' | 'add'): number {
  const rows = programmeRows(values).length;
  const shown = Math.max(rows + (mode === 'saved' ? 1 : 0), PROGRAMME_ROWS) + (mode === 'add' ? 1 : 0);
  return Math.min(MAX_PROGRAMME_ROWS, shown);
}

/** Staff register a member for the event by member number or e-mail address (and guests). */
export const addParticipantForm = z
  .object({
    member: z.string().trim().min(1).max(254),
    guests: z
      .union([z.literal(''), z.string().trim().regex(/^\d{1,2}$/, 'event_staff.whole_number')])
      .optional()
      .transform((v) => (v ? Number(v) : 0)),
  })
  .strict();

/** The material page's choice of who may fetch the files. */
export const visibilityForm = z.object({ materialVisibility: z.enum(materialVisibilities) }).strict();
