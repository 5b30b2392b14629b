import type { PropsWithChildren } from '@kitajs/html';
import type { FieldError } from '../../../platform/errors.js';
import type { View } from '../../../platform/html/view.js';
import { intlTag, type Locale } from '../../../platform/i18n/i18n.js';
import { formatDate } from '../../../platform/i18n/format.js';

const percentFormats = new Map<Locale, Intl.NumberFormat>();

/** An organisation rate as "67 %" in the reader's language; a dash when nobody is employed. */
export function formatRate(locale: Locale, rate: number | null): string {
  if (rate === null) return '–';
  let f = percentFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(intlTag[locale], { style: 'percent', maximumFractionDigits: 0 });
    percentFormats.set(locale, f);
  }
  return f.format(rate);
}

/** A period "1. april 2024 – " (open-ended) or "… – 31. marts 2026". */
export function formatPeriod(locale: Locale, from: string | null, to: string | null): string {
  return `${from ? formatDate(locale, from) : ''} – ${to ? formatDate(locale, to) : ''}`.trim();
}

export function Crumbs({ view, trail }: { view: View; trail: { href: string; label: string }[] }): JSX.Element {
  return (
    <nav class="breadcrumbs" aria-label={view.t('layout.breadcrumbs')}>
      {trail.map((c, i) => (
        <>
          {i > 0 ? <span aria-hidden="true"> / </span> : ''}
          <a href={c.href} safe>
            {c.label}
          </a>
        </>
      ))}
    </nav>
  );
}

/** A single checkbox with its label beside it; sends "on" when ticked, like every browser. */
export function CheckboxField({ name, label, checked, hint, errors, prefix = 'field' }: { name: string; label: string; checked: boolean; hint?: string; errors?: FieldError[]; prefix?: string }): JSX.Element {
  const error = errors?.find((e) => e.path === name);
  const id = `${prefix}-${name}`;
  const describedBy = [hint ? `${prefix}-hint-${name}` : '', error ? `${prefix}-error-${name}` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field-invalid checkbox-field' : 'field checkbox-field'}>
      {error ? (
        <p class="field-error" id={`${prefix}-error-${name}`} safe>
          {error.message}
        </p>
      ) : (
        ''
      )}
      <input id={id} type="checkbox" name={name} checked={checked} aria-describedby={describedBy} />
      <label for={id} safe>
        {label}
      </label>
      {hint ? (
        <p class="hint" id={`${prefix}-hint-${name}`} safe>
          {hint}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

/** The submit and cancel buttons every form here ends with. */
export function FormActions({ view, cancelHref, submitLabel, children }: PropsWithChildren<{ view: View; cancelHref: string; submitLabel?: string }>): JSX.Element {
  return (
    <div class="form-actions">
      <button type="submit" class="button" safe>
        {submitLabel ?? view.t('form.save')}
      </button>
      <a href={cancelHref} class="button button-secondary" safe>
        {view.t('form.cancel')}
      </a>
      {children ?? ''}
    </div>
  );
}
