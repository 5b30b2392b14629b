import { Badge, Csrf } from '../../../platform/html/components.js';
import { emptyForm, type FormState, type View } from '../../../platform/html/view.js';
import type { FieldError } from '../../../platform/errors.js';
import { applicationStatusLabel } from '../labels.js';
import { money } from '../mails.js';
import type { ApplicationStatus, Currency } from '../tables.js';
import { rowCount } from './application-input.js';

/** The pieces the application pages share: the state badge, cost lines shown and typed, one-button forms. */

const statusBadge: Record<ApplicationStatus, 'neutral' | 'success' | 'warning' | 'danger' | 'info'> = {
  draft: 'neutral',
  submitted: 'info',
  in_review: 'info',
  granted: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
  paid_out: 'success',
  report_due: 'warning',
  reported: 'success',
  closed: 'neutral',
};

export function ApplicationStatusBadge({ view, status }: { view: View; status: ApplicationStatus }): JSX.Element {
  return (
    <Badge kind={statusBadge[status]}>
      <span safe>{view.t(applicationStatusLabel[status])}</span>
    </Badge>
  );
}

/** The form a POST came from, with what was typed and what was wrong, so the page shows it there. */
export type ActiveForm = { key: string; state: FormState } | null;

/** That form's own state; an error about the application as a whole (no field) is told at the top of the page. */
export const formOf = (active: ActiveForm, key: string): FormState => (active?.key === key ? { values: active.state.values, errors: active.state.errors.filter((e) => e.path !== '') } : emptyForm({}));

/** One button in its own form, posting to `action`. */
export function ButtonForm({ view, action, label, secondary, danger }: { view: View; action: string; label: string; secondary?: boolean; danger?: boolean }): JSX.Element {
  return (
    <form method="post" action={action}>
      <Csrf view={view} />
      <button type="submit" class={danger ? 'button button-danger' : secondary ? 'button button-secondary' : 'button'} safe>
        {label}
      </button>
    </form>
  );
}

/** A text several lines long (a description, an answer, a reason) as paragraphs. */
export function Paragraphs({ text }: { text: string }): JSX.Element {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => (
          <p class="motion-prose" safe>
            {p}
          </p>
        ))}
    </>
  );
}

/** Cost lines as a table with their total: what was budgeted, or in the report what was spent. */
export function CostTable({ view, lines, currency, caption }: { view: View; lines: readonly { description: string; amount: number }[]; currency: Currency; caption: string }): JSX.Element {
  const { t, locale } = view;
  if (lines.length === 0) return '';
  const total = lines.reduce((s, l) => s + l.amount, 0);
  return (
    <div class="table-wrap">
      <table class="table">
        <caption class="visually-hidden" safe>
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('grant_page.application.cost_description')}
            </th>
            <th scope="col" class="nowrap" safe>
              {t('grant_page.application.cost_amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr>
              <td class="motion-prose" safe>
                {l.description}
              </td>
              <td class="nowrap" safe>
                {money(locale, l.amount, currency)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" safe>
              {t('grant_page.application.cost_total')}
            </th>
            <td class="nowrap">
              <strong safe>{money(locale, total, currency)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** One input of a cost row: its label shown on the first row (the column's name) and read out on every row. */
function CostInput({ name, label, row, first, value, error, inputmode }: { name: string; label: string; row: string; first: boolean; value: unknown; error: FieldError | undefined; inputmode?: string }): JSX.Element {
  const id = `field-${name}`;
  const errorId = `field-error-${name}`;
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id} class={first ? undefined : 'visually-hidden'}>
        <span safe>{label}</span>
        <span class="visually-hidden" safe>{`, ${row}`}</span>
      </label>
      {error ? (
        <p class="field-error" id={errorId} safe>
          {error.message}
        </p>
      ) : (
        ''
      )}
      <input
        id={id}
        name={name}
        type="text"
        value={value === undefined || value === null ? undefined : String(value)}
        inputmode={inputmode}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? errorId : undefined}
      />
    </div>
  );
}

/**
 * The cost lines as rows to fill in under one legend: what, and the amount in kroner, one row a
 * line of the budget. Without JavaScript there is no "add a line": a fixed number of rows, blank
 * ones left out when saved. The column names show above the first row; every input's label also
 * names its row, for a screen reader (and the error summary). The group's id is the one the error summary links to for
 * "at least one line"; a row's field has the id `field-<prefix>.<row>.<column>`.
 */
export function CostRows({ view, values, errors, prefix, legend, hint }: { view: View; values: Record<string, unknown>; errors: FieldError[]; prefix: string; legend: string; hint: string }): JSX.Element {
  const { t } = view;
  const own = errors.find((e) => e.path === prefix);
  const count = rowCount(values, prefix);
  return (
    <fieldset id={`field-${prefix}`} class={own ? 'grant-apply-section field-invalid' : 'grant-apply-section'} tabindex="-1" aria-describedby={`field-hint-${prefix}${own ? ` field-error-${prefix}` : ''}`}>
      <legend safe>{legend}</legend>
      <p class="hint" id={`field-hint-${prefix}`} safe>
        {hint}
      </p>
      {own ? (
        <p class="field-error" id={`field-error-${prefix}`} safe>
          {own.message}
        </p>
      ) : (
        ''
      )}
      <ol class="grant-cost-rows">
        {Array.from({ length: count }, (_, i) => {
          const d = `${prefix}.${i}.description`;
          const m = `${prefix}.${i}.amount`;
          const row = t('grant_page.application.cost_row', { number: i + 1 });
          return (
            <li class="grant-cost-row">
              <CostInput name={d} label={t('grant_page.application.cost_description')} row={row} first={i === 0} value={values[d]} error={errors.find((e) => e.path === d)} />
              <CostInput name={m} label={t('grant_page.application.cost_amount_kroner')} row={row} first={i === 0} value={values[m]} error={errors.find((e) => e.path === m)} inputmode="decimal" />
            </li>
          );
        })}
      </ol>
    </fieldset>
  );
}

/**
 * Radio buttons under one legend, like the platform's `ChoiceGroup` but with a prefix for its ids, so
 * the error summary of one of several forms on a page links to it (`<prefix>-<name>`).
 */
export function RadioGroup({ prefix, name, legend, hint, options, checked, errors }: { prefix: string; name: string; legend: string; hint?: string; options: { value: string; label: string }[]; checked: string; errors: FieldError[] }): JSX.Element {
  const error = errors.find((e) => e.path === name);
  const describedBy = [hint ? `${prefix}-hint-${name}` : '', error ? `${prefix}-error-${name}` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset id={`${prefix}-${name}`} class={error ? 'field member-choices field-invalid' : 'field member-choices'} aria-describedby={describedBy} tabindex="-1">
      <legend safe>{legend}</legend>
      {hint ? (
        <p class="hint" id={`${prefix}-hint-${name}`} safe>
          {hint}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="field-error" id={`${prefix}-error-${name}`} safe>
          {error.message}
        </p>
      ) : (
        ''
      )}
      {options.map((o, i) => (
        <div class="member-choice">
          <input type="radio" id={`${prefix}-${name}-${i}`} name={name} value={o.value} checked={o.value === checked} />
          <label for={`${prefix}-${name}-${i}`} safe>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
