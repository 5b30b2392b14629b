import type { FastifyRequest } from 'fastify';
import { fieldError, fieldErrorsFromZod, type FieldError } from '../../platform/errors.js';
import { formValues } from '../../platform/http/forms.js';
import type { Translate } from '../../platform/i18n/i18n.js';
import { segmentFields, type SegmentCondition, type SegmentField, type SegmentFilter } from './filter.js';
import type { FieldProblem } from '../../platform/outcomes.js';
import { countInput, segmentInput, type SegmentInput } from './schema.js';
import { labelOf } from '../../platform/i18n/labels.js';
import { segmentFieldLabel } from './labels.js';

/**
 * The builder form ↔ a filter. The form has one fieldset per field: checkboxes or a multiple select
 * named `c.<field>` for the conditions and `x.<field>` for the exclusions, so each field is at most
 * one condition (its values: any of them). Errors come back on those names, next to the fieldset.
 */

export type Side = 'c' | 'x';
export const formName = (side: Side, field: SegmentField) => `${side}.${field}`;

const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]).map(String).filter((s) => s !== '');

function conditionsOf(values: Record<string, unknown>, side: Side): SegmentCondition[] {
  return segmentFields.flatMap((field) => {
    const chosen = [...new Set(list(values[formName(side, field)]))];
    return chosen.length > 0 ? [{ field, values: chosen }] : [];
  });
}

/** The filter the form describes, and which condition index stands for which fieldset. */
export function filterFromForm(values: Record<string, unknown>): SegmentFilter {
  return { match: values.match === 'any' ? 'any' : 'all', conditions: conditionsOf(values, 'c'), exclude: conditionsOf(values, 'x') };
}

/** `filter.conditions.2.values` → `c.role` (the third chosen field); other paths unchanged. */
export function formFieldOf(path: string, filter: SegmentFilter): string {
  const m = /^filter\.(conditions|exclude)\.(\d+)(?:\.|$)/.exec(path);
  if (!m) return path === 'filter.match' ? 'match' : path;
  const side: Side = m[1] === 'conditions' ? 'c' : 'x';
  const condition = (side === 'c' ? filter.conditions : filter.exclude)[Number(m[2])];
  return condition ? formName(side, condition.field) : path;
}

/** Use-case problems on the form's names; the message names the condition's field. */
export function problemsToFormErrors(t: Translate, problems: FieldProblem[], filter: SegmentFilter): FieldError[] {
  return problems.map((p) => onFormName(t, formFieldOf(p.path, filter), p.code, p.params));
}

/** A field error on a form name; a fieldset of the builder is named by its legend. */
function onFormName(t: Translate, path: string, code: string, params: Record<string, unknown> = {}): FieldError {
  const label = conditionLabelOf(t, path);
  return label ? { path, code, message: t(code, { ...params, field: label }) } : fieldError(t, path, code, params);
}

/** The field a form name stands for, as its fieldset's legend says it. */
function conditionLabelOf(t: Translate, formPath: string): string {
  const m = /^[cx]\.(\w+)$/.exec(formPath);
  const key = m ? labelOf(segmentFieldLabel, m[1]) : undefined;
  return key ? t(key) : '';
}

export type SegmentForm = { ok: true; data: SegmentInput; filter: SegmentFilter; values: Record<string, unknown> } | { ok: false; errors: FieldError[]; values: Record<string, unknown>; filter: SegmentFilter };

/**
 * The submitted builder through the API's schema. Counting (the live count, "show count") needs only
 * the unit and the filter, so a segment can be tried out before it has a name.
 */
export function parseSegmentForm(req: FastifyRequest, purpose: 'save' | 'count' = 'save'): SegmentForm {
  const values = formValues(req.body);
  const filter = filterFromForm(values);
  const name = typeof values.name === 'string' ? values.name : '';
  const unitId = typeof values.unitId === 'string' && values.unitId !== '' ? values.unitId : undefined;
  const parsed = purpose === 'save' ? segmentInput.safeParse({ name, unitId, filter }) : countInput.safeParse({ unitId, filter });
  if (!parsed.success) {
    const errors = fieldErrorsFromZod(parsed.error, req.t).map((e) => {
      const path = formFieldOf(e.path, filter);
      return path === e.path ? e : onFormName(req.t, path, e.code);
    });
    return { ok: false, errors, values, filter };
  }
  if (!parsed.data.unitId) return { ok: false, errors: [fieldError(req.t, 'unitId', 'validation.required')], values, filter };
  return { ok: true, data: { name, ...parsed.data, unitId: parsed.data.unitId }, filter: parsed.data.filter, values };
}

/** A saved segment as the form's values, for the edit page. */
export function formValuesOf(segment: { name: string; unitId: string; filter: SegmentFilter }): Record<string, unknown> {
  const values: Record<string, unknown> = { name: segment.name, unitId: segment.unitId, match: segment.filter.match };
  for (const [side, conditions] of [
    ['c', segment.filter.conditions],
    ['x', segment.filter.exclude],
  ] as const) {
    for (const c of conditions) {
      const key = formName(side, c.field);
      values[key] = [...new Set([...list(values[key]), ...c.values])];
    }
  }
  return values;
}

/**
 * Can the form show this filter as it is? A filter saved through the API may hold two conditions on
 * one field (with `match: all`: both must hold); the form would merge them into one (any value).
 */
export function fitsTheForm(filter: SegmentFilter): boolean {
  const distinct = (cs: SegmentCondition[]) => new Set(cs.map((c) => c.field)).size === cs.length;
  return distinct(filter.conditions) && distinct(filter.exclude);
}
