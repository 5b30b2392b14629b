import type { PropsWithChildren } from '@kitajs/html';
import { Badge } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { FieldError } from '../../../platform/errors.js';
import type { MembershipStatus } from '../tables.js';

const statusKind = { active: 'success', applicant: 'info', resigned: 'neutral', expelled: 'danger', deceased: 'neutral', rejected: 'warning' } as const;

export function StatusBadge({ view, status }: { view: View; status: MembershipStatus }): JSX.Element {
  return (
    <Badge kind={statusKind[status]}>
      <span safe>{view.t(`members.statuses.${status}`)}</span>
    </Badge>
  );
}

/** A calendar date (no time of day) in the reader's language; read as UTC so it never shifts a day. */
export function day(view: View, d: string | null | undefined): string {
  return d ? formatDate(view.locale, `${d}T00:00:00Z`, 'UTC') : '';
}

export function period(view: View, from: string | null, to: string | null): string {
  return view.t('members.period', { from: from ? day(view, from) : '…', to: to ? day(view, to) : view.t('members.ongoing') });
}

export function Crumbs({ view, children }: PropsWithChildren<{ view: View }>): JSX.Element {
  return (
    <nav class="breadcrumbs" aria-label={view.t('layout.breadcrumbs')}>
      <a href="/members" safe>
        {view.t('members.title')}
      </a>
      {children ?? ''}
    </nav>
  );
}

/** Errors of list fields (`extraEmails.2`) belong to the field as a whole on a form. */
export function formErrors(errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ ...e, path: e.path.split('.')[0] }));
}

/** A group of checkboxes with a legend, its hint and error, in the look of the other fields. */
export function CheckboxGroup({
  name,
  legend,
  hint,
  options,
  checked,
  errors,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  checked: readonly string[];
  errors: FieldError[];
}): JSX.Element {
  const error = errors.find((e) => e.path === name);
  const describedBy = [hint ? `field-hint-${name}` : '', error ? `field-error-${name}` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset id={`field-${name}`} class={error ? 'field member-choices field-invalid' : 'field member-choices'} aria-describedby={describedBy} tabindex="-1">
      <legend safe>{legend}</legend>
      {hint ? (
        <p class="hint" id={`field-hint-${name}`} safe>
          {hint}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="field-error" id={`field-error-${name}`} safe>
          {error.message}
        </p>
      ) : (
        ''
      )}
      {options.map((o, i) => (
        <div class="member-choice">
          <input type="checkbox" id={`field-${name}-${i}`} name={name} value={o.value} checked={checked.includes(o.value)} />
          <label for={`field-${name}-${i}`} safe>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** Radio buttons for a short choice (the status of a new member). */
export function RadioGroup({ name, legend, hint, options, value, errors }: { name: string; legend: string; hint?: string; options: { value: string; label: string }[]; value: string; errors: FieldError[] }): JSX.Element {
  const error = errors.find((e) => e.path === name);
  return (
    <fieldset id={`field-${name}`} class={error ? 'field member-choices field-invalid' : 'field member-choices'} tabindex="-1">
      <legend safe>{legend}</legend>
      {hint ? <p class="hint" safe>{hint}</p> : ''}
      {error ? <p class="field-error" safe>{error.message}</p> : ''}
      {options.map((o, i) => (
        <div class="member-choice">
          <input type="radio" id={`field-${name}-${i}`} name={name} value={o.value} checked={o.value === value} />
          <label for={`field-${name}-${i}`} safe>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
