import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { fieldError, fieldErrorsFromZod, type FieldError } from '../../platform/errors.js';
import { formValues, numberFromText, validParts } from '../../platform/http/forms.js';
import { organisationTimeZone } from '../../platform/i18n/format.js';
import { parseDate, parseTime, zonedInstant } from '../../platform/i18n/zoned-time.js';
import type { FieldProblem } from '../../platform/outcomes.js';
import { meetingRequestInput, reportInput, scheduleInput, type MeetingRequestDraft, type MeetingRequestInput, type ReportInput, type ScheduleInput } from './schema.js';

/**
 * Forms → the API's input schemas. The pages ask for wall-clock dates and times in the
 * organisation's zone (Europe/Copenhagen), the schemas take instants; errors come back on the
 * page's own field names so each message sits next to what the reader typed.
 */

export type PageForm<T> = { ok: true; data: T } | { ok: false; errors: FieldError[]; values: Record<string, unknown> };

export const PROPOSED_ROWS = 3;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * Request-schema paths → the form's field names. `rows` gives the form row of each proposed time
 * (a row left empty is no proposed time, so the second time may be the third row).
 */
export function requestFieldOf(path: string, rows: readonly number[] = []): string {
  const m = /^proposedTimes\.(\d)\.(startsAt|endsAt)$/.exec(path);
  if (m) return `proposed.${rows[Number(m[1])] ?? m[1]}.${m[2] === 'startsAt' ? 'start' : 'end'}`;
  if (path === 'proposedTimes') return 'proposed.0.date';
  if (path.startsWith('topicIds')) return 'topicIds';
  return path;
}

/** Schedule-schema paths → the form's field names. */
export function scheduleFieldOf(path: string): string {
  return path === 'startsAt' ? 'startTime' : path === 'endsAt' ? 'endTime' : path;
}

/** Use-case problems as field errors on the page's names. */
export function problemsToErrors(req: FastifyRequest, problems: FieldProblem[], fieldOf: (p: string) => string): FieldError[] {
  return problems.map((p) => fieldError(req.t, fieldOf(p.path), p.code, p.params));
}

/** The request form's fields top to bottom: its error summary lists problems in the order the reader meets the fields. */
const REQUEST_ORDER = ['unitId', 'workplaceId', 'newWorkplaceName', 'newWorkplaceAddress', 'contactName', 'contactEmail', 'contactPhone', 'proposed', 'topicIds', 'freeTopic', 'questions', 'nonMembersWelcome', 'expectedParticipants'];
const PART_ORDER = ['date', 'start', 'end'];

/** The request form's errors in form order. */
export function requestErrors(errors: FieldError[]): FieldError[] {
  const rank = (path: string) => {
    const m = /^proposed\.(\d)\.(\w+)$/.exec(path);
    const field = REQUEST_ORDER.indexOf(m ? 'proposed' : path);
    return (field < 0 ? REQUEST_ORDER.length : field) * 100 + (m ? Number(m[1]) * 10 + PART_ORDER.indexOf(m[2]) : 0);
  };
  return [...errors].sort((a, b) => rank(a.path) - rank(b.path));
}

function rename(errors: FieldError[], fieldOf: (p: string) => string): FieldError[] {
  return errors.map((e) => ({ ...e, path: fieldOf(e.path) }));
}

/** The request form read: the input, or its errors with what of it could be read for the use case's checks. */
export type RequestForm = (
  | { ok: true; data: MeetingRequestInput }
  | { ok: false; errors: FieldError[]; values: Record<string, unknown>; draft: MeetingRequestDraft }
) & {
  /** The use case's paths → the form's field names. */
  fieldOf: (path: string) => string;
};

/** The public request form. A proposed-time row with all three fields empty is no row. */
export function parseRequestForm(req: FastifyRequest): RequestForm {
  const values = formValues(req.body);
  const errors: FieldError[] = [];
  const proposedTimes: { startsAt: string; endsAt: string }[] = [];
  /** The form row of each proposed time. */
  const rows: number[] = [];
  for (let i = 0; i < PROPOSED_ROWS; i++) {
    const date = text(values[`proposed.${i}.date`]);
    const start = text(values[`proposed.${i}.start`]);
    const end = text(values[`proposed.${i}.end`]);
    if (!date && !start && !end) continue;
    // Each part on its own, so the message names the part that is wrong and says what is expected.
    const bad: FieldError[] = [];
    if (!date) bad.push(fieldError(req.t, `proposed.${i}.date`, 'validation.required'));
    else if (!parseDate(date)) bad.push(fieldError(req.t, `proposed.${i}.date`, 'validation.invalid_date'));
    if (!start) bad.push(fieldError(req.t, `proposed.${i}.start`, 'validation.required'));
    else if (!parseTime(start)) bad.push(fieldError(req.t, `proposed.${i}.start`, 'validation.invalid_time'));
    if (!end) bad.push(fieldError(req.t, `proposed.${i}.end`, 'validation.required'));
    else if (!parseTime(end)) bad.push(fieldError(req.t, `proposed.${i}.end`, 'validation.invalid_time'));
    const s = zonedInstant(date, start, organisationTimeZone);
    const e = zonedInstant(date, end, organisationTimeZone);
    if (bad.length || !s || !e) errors.push(...bad);
    else {
      proposedTimes.push({ startsAt: s.toISOString(), endsAt: e.toISOString() });
      rows.push(i);
    }
  }
  const fieldOf = (path: string) => requestFieldOf(path, rows);
  if (proposedTimes.length === 0 && errors.length === 0) errors.push(fieldError(req.t, 'proposed.0.date', 'validation.required'));
  const topicIds = Object.keys(values)
    .filter((k) => k.startsWith('topic.') && values[k])
    .map((k) => k.slice('topic.'.length));
  const input = {
    workplaceId: values.workplaceId,
    newWorkplaceName: values.newWorkplaceName,
    newWorkplaceAddress: values.newWorkplaceAddress,
    unitId: values.unitId,
    contactName: text(values.contactName),
    contactEmail: text(values.contactEmail),
    contactPhone: values.contactPhone,
    proposedTimes: proposedTimes.length ? proposedTimes : [{ startsAt: new Date(0).toISOString(), endsAt: new Date(1000).toISOString() }],
    topicIds,
    freeTopic: values.freeTopic,
    questions: values.questions,
    nonMembersWelcome: Boolean(values.nonMembersWelcome),
    expectedParticipants: numberFromText(values.expectedParticipants),
  };
  const parsed = meetingRequestInput.safeParse(input);
  if (!parsed.success) errors.push(...rename(fieldErrorsFromZod(parsed.error, req.t), fieldOf).filter((e) => !e.path.startsWith('proposed.') || proposedTimes.length > 0));
  // An empty address is a missing one ("must be filled in"), not a malformed one. (Sent as '' so that the
  // schema's checks across fields still run and every problem shows at once.)
  const email = errors.findIndex((e) => e.path === 'contactEmail');
  if (email >= 0 && !text(values.contactEmail)) errors[email] = fieldError(req.t, 'contactEmail', 'validation.required');
  if (errors.length || !parsed.success) {
    const { workplaceId, unitId, topicIds: validTopics } = validParts(meetingRequestInput, input);
    const draft: MeetingRequestDraft = { workplaceId, unitId, topicIds: validTopics, proposedTimes: proposedTimes.map((p) => ({ startsAt: new Date(p.startsAt) })) };
    return { ok: false, errors: requestErrors(errors), values, draft, fieldOf };
  }
  return { ok: true, data: parsed.data, fieldOf };
}

/** The schedule form: one date, a start and an end time in the organisation's zone. */
export function parseScheduleForm(req: FastifyRequest): PageForm<ScheduleInput> {
  const values = formValues(req.body);
  const date = text(values.date);
  const s = zonedInstant(date, text(values.startTime), organisationTimeZone);
  const e = zonedInstant(date, text(values.endTime), organisationTimeZone);
  const errors: FieldError[] = [];
  const startTime = text(values.startTime);
  if (!s) errors.push(zonedInstant(date, '00:00', organisationTimeZone) ? fieldError(req.t, 'startTime', startTime ? 'validation.invalid_time' : 'validation.required') : fieldError(req.t, 'date', date ? 'validation.invalid_date' : 'validation.required'));
  if (!e) errors.push(fieldError(req.t, 'endTime', text(values.endTime) ? 'validation.invalid_time' : 'validation.required'));
  const input: Record<string, unknown> = {
    startsAt: (s ?? new Date(0)).toISOString(),
    endsAt: (e ?? new Date(1000)).toISOString(),
    politicianId: values.politicianId,
    consultantId: values.consultantId,
  };
  if (text(values.workplaceId)) input.workplaceId = text(values.workplaceId);
  const parsed = scheduleInput.safeParse(input);
  if (!parsed.success) errors.push(...rename(fieldErrorsFromZod(parsed.error, req.t), scheduleFieldOf).filter((x) => !errors.some((y) => y.path === x.path) && !(x.path === 'endTime' && (!s || !e))));
  if (errors.length || !parsed.success) return { ok: false, errors, values };
  return { ok: true, data: parsed.data };
}

/** The report form: numbers arrive as text. */
export function parseReportForm(req: FastifyRequest): PageForm<ReportInput> {
  const values = formValues(req.body);
  const parsed = reportInput.safeParse({ note: text(values.note), participants: numberFromText(values.participants), membersRecruited: numberFromText(values.membersRecruited) });
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromZod(parsed.error, req.t), values };
  return { ok: true, data: parsed.data };
}

/** Any simple form through a schema. */
export function parseSimple<S extends z.ZodType>(req: FastifyRequest, schema: S): PageForm<z.output<S>> {
  const values = formValues(req.body);
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromZod(parsed.error, req.t), values };
  return { ok: true, data: parsed.data };
}
