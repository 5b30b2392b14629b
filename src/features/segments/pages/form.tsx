import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, SelectField, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import type { FieldError } from '../../../platform/errors.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { codedFields, type SegmentField } from '../filter.js';
import { formName, type Side } from '../page-form.js';
import type { BuilderOptions } from '../page-queries.js';
import type { SegmentPreviewRow } from '../audience.js';
import { valueLabel } from '../describe.js';
import { segmentFieldLabel } from '../labels.js';
import { LiveCount, PreviewTable } from './parts.js';

export interface BuilderResult {
  count: number;
  preview: SegmentPreviewRow[];
}

interface Option {
  value: string;
  label: string;
}

const chosen = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);

/** The choices of one field: checkboxes for short lists, a multiple select for workplaces and events. */
function optionsOf(view: View, field: SegmentField, o: BuilderOptions): Option[] {
  const { t, locale } = view;
  const indent = (depth: number) => '— '.repeat(depth);
  switch (field) {
    case 'unit':
      return o.units.filter((u) => u.kind !== 'section').map((u) => ({ value: u.id, label: `${indent(u.depth)}${u.name}` }));
    case 'section':
      return o.units.filter((u) => u.kind === 'section').map((u) => ({ value: u.id, label: u.name }));
    case 'membershipType':
      return o.membershipTypes.map((m) => ({ value: m.id, label: m.name }));
    case 'workplace':
      return o.workplaces.map((w) => ({ value: w.id, label: w.name }));
    case 'eventRegistered':
    case 'eventAttended':
      return o.events.map((e) => ({ value: e.id, label: `${e.name} (${formatDate(locale, e.startsAt, e.timeZone)})` }));
    default:
      return codedFields[field].map((code) => ({ value: code, label: valueLabel(t, field, code, new Map()) }));
  }
}

const multiSelect = new Set<SegmentField>(['workplace', 'eventRegistered', 'eventAttended']);

function FieldChoices({ view, side, field, options, values, errors }: { view: View; side: Side; field: SegmentField; options: Option[]; values: Record<string, unknown>; errors: FieldError[] }): JSX.Element {
  const { t } = view;
  const name = formName(side, field);
  const picked = chosen(values[name]);
  const error = errors.find((e) => e.path === name);
  const id = `field-${name}`;
  const errorId = `field-error-${name}`;
  if (multiSelect.has(field)) {
    return (
      <div class={error ? 'field field-invalid' : 'field'}>
        <label for={id} safe>
          {t(segmentFieldLabel[field])}
        </label>
        <p class="hint" id={`field-hint-${name}`} safe>
          {t('segments.multi_hint')}
        </p>
        {error ? (
          <p class="field-error" id={errorId} safe>
            {error.message}
          </p>
        ) : (
          ''
        )}
        <select id={id} name={name} multiple="multiple" size={String(Math.min(8, Math.max(3, options.length)))} aria-invalid={error ? 'true' : undefined} aria-describedby={`field-hint-${name}${error ? ` ${errorId}` : ''}`}>
          {options.map((o) => (
            <option value={o.value} selected={picked.includes(o.value)} safe>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    );
  }
  return (
    <fieldset id={id} class={error ? 'member-choices field-invalid' : 'member-choices'} aria-describedby={error ? errorId : undefined} tabindex={error ? '-1' : undefined}>
      <legend safe>{t(segmentFieldLabel[field])}</legend>
      {error ? (
        <p class="field-error" id={errorId} safe>
          {error.message}
        </p>
      ) : (
        ''
      )}
      {options.length === 0 ? <p class="muted" safe>{t('segments.none_to_choose')}</p> : ''}
      {options.map((o, i) => (
        <div class="member-choice">
          <input type="checkbox" id={`${id}-${i}`} name={name} value={o.value} checked={picked.includes(o.value)} />
          <label for={`${id}-${i}`} safe>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

const checkboxFields: SegmentField[] = ['unit', 'section', 'membershipType', 'status', 'role', 'employerKind', 'language'];
const listFields: SegmentField[] = ['workplace', 'eventRegistered', 'eventAttended'];

/** Short lists of checkboxes side by side; the long lists (workplaces, events) each take the full width. */
function Conditions({ view, side, options, form }: { view: View; side: Side; options: BuilderOptions; form: FormState }): JSX.Element {
  const values = form.values as Record<string, unknown>;
  const field = (f: SegmentField) => <FieldChoices view={view} side={side} field={f} options={optionsOf(view, f, options)} values={values} errors={form.errors} />;
  return (
    <>
      <div class="grid grid-3 align-start">{checkboxFields.map(field)}</div>
      {listFields.map(field)}
    </>
  );
}

/**
 * The builder, for a new segment and for changing one. It works as a plain form: "Vis antal og
 * modtagere" posts it and the page comes back with the count and the first recipients; with htmx every
 * change also asks for the count alone and puts it in the live region.
 */
export function SegmentFormPage({
  view,
  action,
  title,
  form,
  options,
  staffUnits,
  count,
  result,
  fits,
  cancelHref,
}: {
  view: View;
  action: string;
  title: string;
  form: FormState;
  options: BuilderOptions;
  staffUnits: { id: string; name: string; depth: number }[];
  /** How many the form's filter reaches now; null when the form has errors to fix first. */
  count: number | null;
  result: BuilderResult | null;
  fits: boolean;
  cancelHref: string;
}): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const match = v.match === 'any' ? 'any' : 'all';
  const matchError = form.errors.find((e) => e.path === 'match');
  const hasExclusions = Object.keys(v).some((k) => k.startsWith('x.') && chosen(v[k]).length > 0);
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumbs">
        <a href="/segments" safe>
          {t('segments.title')}
        </a>
      </p>
      <PageHeader title={title} lead={t('segments.form_lead')} />
      <form method="post" action={action} class="card" novalidate hx-post="/segments/count" hx-trigger="change" hx-target="#segment-live" hx-swap="innerHTML">
        <Csrf view={view} />
        <ErrorSummary view={view} errors={form.errors} />
        {fits ? '' : <p class="flash flash-warning" safe>{t('segments.does_not_fit')}</p>}
        <div class="grid grid-2">
          <TextField name="name" label={t('segments.name')} value={v.name} errors={form.errors} required maxlength={200} />
          <SelectField
            name="unitId"
            label={t('segments.unit')}
            hint={t('segments.unit_hint')}
            value={v.unitId}
            errors={form.errors}
            required
            options={staffUnits.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))}
          />
        </div>
        <fieldset id="field-match" class={matchError ? 'choice-field field-invalid' : 'choice-field'}>
          <legend safe>{t('segments.match')}</legend>
          <div class="choice-options">
            <label class="choice">
              <input type="radio" name="match" value="all" checked={match === 'all'} />
              <span safe>{t('segments.match_all')}</span>
            </label>
            <label class="choice">
              <input type="radio" name="match" value="any" checked={match === 'any'} />
              <span safe>{t('segments.match_any')}</span>
            </label>
          </div>
        </fieldset>
        <h2 safe>{t('segments.conditions')}</h2>
        <p class="hint" safe>
          {t('segments.conditions_hint')}
        </p>
        <Conditions view={view} side="c" options={options} form={form} />
        <details class="history" open={hasExclusions || form.errors.some((e) => e.path.startsWith('x.'))}>
          <summary safe>{t('segments.exclusions')}</summary>
          <p class="hint" safe>
            {t('segments.exclusions_hint')}
          </p>
          <Conditions view={view} side="x" options={options} form={form} />
        </details>
        <div id="segment-live" class="segment-live" aria-live="polite">
          <LiveCount view={view} count={count} />
        </div>
        <div class="form-actions">
          <button type="submit" name="intent" value="save" class="button" safe>
            {t('segments.save')}
          </button>
          <button type="submit" name="intent" value="preview" class="button button-secondary" safe>
            {t('segments.show_count')}
          </button>
          <a href={cancelHref} class="button button-link" safe>
            {t('segments.cancel')}
          </a>
        </div>
      </form>
      {result ? (
        <section class="card" aria-labelledby="segment-recipients-title">
          <h2 id="segment-recipients-title" safe>
            {t('segments.recipients')}
          </h2>
          <PreviewTable view={view} rows={result.preview} count={result.count} />
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
