import type { PropsWithChildren } from '@kitajs/html';
import type { FieldError } from '../errors.js';
import type { View, Flash } from './view.js';

export function PageHeader({ title, lead, children }: PropsWithChildren<{ title: string; lead?: string }>): JSX.Element {
  return (
    <div class="page-header">
      <div>
        <h1 safe>{title}</h1>
        {lead ? <p class="lead" safe>{lead}</p> : ''}
      </div>
      <div class="page-actions">{children}</div>
    </div>
  );
}

export function Csrf({ view }: { view: View }): JSX.Element {
  return <input type="hidden" name="_csrf" value={view.csrfToken} />;
}

export function FlashMessage({ flash }: { flash: Flash | null }): JSX.Element {
  if (!flash) return '';
  return (
    <div class={`flash flash-${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      <p safe>{flash.message}</p>
    </div>
  );
}

/** The list of a form's errors at its top, each linking to its field (read first by screen readers). */
export function ErrorSummary({ view, errors, prefix = 'field' }: { view: View; errors: FieldError[]; prefix?: string }): JSX.Element {
  if (errors.length === 0) return '';
  return (
    <div class="error-summary" role="alert" tabindex="-1" aria-labelledby={`${prefix}-error-summary`}>
      <h2 id={`${prefix}-error-summary`} safe>
        {view.t('form.error_summary')}
      </h2>
      <ul>
        {errors.map((e) => (
          <li>
            {/* An error about the form as a whole (path '') has no field to link to: plain text, never a broken link. */}
            {e.path ? (
              <a href={`#${prefix}-${e.path}`} safe>
                {e.message}
              </a>
            ) : (
              <span safe>{e.message}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  errors?: FieldError[];
  hint?: string;
  required?: boolean;
  /** Distinguishes ids when two forms on one page have a field of the same name. */
  prefix?: string;
}

function fieldMeta({ name, errors, hint, prefix = 'field' }: FieldProps) {
  const error = errors?.find((e) => e.path === name);
  const describedBy = [hint ? `${prefix}-hint-${name}` : '', error ? `${prefix}-error-${name}` : ''].filter(Boolean).join(' ') || undefined;
  return { error, describedBy, id: `${prefix}-${name}`, hintId: `${prefix}-hint-${name}`, errorId: `${prefix}-error-${name}` };
}

function FieldShell({ props, children }: PropsWithChildren<{ props: FieldProps }>): JSX.Element {
  const { error, id, hintId, errorId } = fieldMeta(props);
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>
        <span safe>{props.label}</span>
        {props.required ? <span class="required" aria-hidden="true"> *</span> : ''}
      </label>
      {props.hint ? (
        <p class="hint" id={hintId} safe>
          {props.hint}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="field-error" id={errorId} safe>
          {error.message}
        </p>
      ) : (
        ''
      )}
      {children}
    </div>
  );
}

/*
 * `maxlength` is taken but not rendered: a browser cuts a longer paste silently, and the person never
 * learns their text was cut. The server's check answers with the limit and the field instead.
 */
export function TextField(
  props: FieldProps & { value?: unknown; type?: string; autocomplete?: string; maxlength?: number; inputmode?: string; pattern?: string },
): JSX.Element {
  const { error, describedBy, id } = fieldMeta(props);
  return (
    <FieldShell props={props}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value === undefined || props.value === null ? undefined : String(props.value)}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        pattern={props.pattern}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </FieldShell>
  );
}

export function TextArea(props: FieldProps & { value?: unknown; rows?: number; maxlength?: number }): JSX.Element {
  const { error, describedBy, id } = fieldMeta(props);
  return (
    <FieldShell props={props}>
      <textarea
        id={id}
        name={props.name}
        rows={String(props.rows ?? 5)}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        safe
      >
        {props.value === undefined || props.value === null ? '' : String(props.value)}
      </textarea>
    </FieldShell>
  );
}

export function SelectField(props: FieldProps & { value?: unknown; options: { value: string; label: string }[]; emptyLabel?: string }): JSX.Element {
  const { error, describedBy, id } = fieldMeta(props);
  const current = props.value === undefined || props.value === null ? '' : String(props.value);
  return (
    <FieldShell props={props}>
      <select id={id} name={props.name} required={props.required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
        {props.emptyLabel !== undefined ? (
          <option value="" safe>
            {props.emptyLabel}
          </option>
        ) : (
          ''
        )}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === current} safe>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A file input with its label, hint and error; `children` stand above the input (the file there now). The form must be multipart/form-data. */
export function FileField(props: PropsWithChildren<FieldProps & { accept: string }>): JSX.Element {
  const { error, describedBy, id } = fieldMeta(props);
  return (
    <FieldShell props={props}>
      {props.children ?? ''}
      <input id={id} type="file" name={props.name} accept={props.accept} required={props.required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} />
    </FieldShell>
  );
}

/**
 * A group of radio buttons or checkboxes under one legend, with its hint and error in the look of the
 * other fields; the error summary links to the group (`field-<name>`).
 */
export function ChoiceGroup({
  name,
  type,
  legend,
  hint,
  options,
  checked,
  errors,
}: {
  name: string;
  type: 'radio' | 'checkbox';
  legend: string;
  hint?: string;
  /** A choice may carry a sentence that explains it, shown under its label. */
  options: { value: string; label: string; hint?: string }[];
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
          <input type={type} id={`field-${name}-${i}`} name={name} value={o.value} checked={checked.includes(o.value)} />
          {o.hint ? (
            <label for={`field-${name}-${i}`}>
              <strong safe>{o.label}</strong>
              <span class="cell-note" safe>
                {o.hint}
              </span>
            </label>
          ) : (
            <label for={`field-${name}-${i}`} safe>
              {o.label}
            </label>
          )}
        </div>
      ))}
    </fieldset>
  );
}

/** A checkbox sent as `on`, with its label after it, a hint and an error. */
export function CheckboxField({ name, label, hint, checked, errors = [] }: { name: string; label: string; hint?: string; checked: boolean; errors?: FieldError[] }): JSX.Element {
  const error = errors.find((e) => e.path === name);
  const describedBy = [hint ? `field-hint-${name}` : '', error ? `field-error-${name}` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field-invalid checkbox-field' : 'field checkbox-field'}>
      {error ? (
        <p class="field-error" id={`field-error-${name}`} safe>
          {error.message}
        </p>
      ) : (
        ''
      )}
      <input id={`field-${name}`} type="checkbox" name={name} value="on" checked={checked} aria-describedby={describedBy} />
      <label for={`field-${name}`} safe>
        {label}
      </label>
      {hint ? (
        <p class="hint" id={`field-hint-${name}`} safe>
          {hint}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

export function EmptyState({ title, text, children }: PropsWithChildren<{ title: string; text?: string }>): JSX.Element {
  return (
    <div class="empty-state">
      <p class="empty-title" safe>
        {title}
      </p>
      {text ? <p safe>{text}</p> : ''}
      {children ?? ''}
    </div>
  );
}

export function Badge({ kind, children }: PropsWithChildren<{ kind?: 'neutral' | 'success' | 'warning' | 'danger' | 'info' }>): JSX.Element {
  return <span class={`badge badge-${kind ?? 'neutral'}`}>{children}</span>;
}

/** Page links that keep the current query; `hrefFor` builds the URL of a page number. */
export function Pagination({ view, page, pageCount, hrefFor }: { view: View; page: number; pageCount: number; hrefFor: (p: number) => string }): JSX.Element {
  if (pageCount <= 1) return '';
  return (
    <nav class="pagination" aria-label={view.t('pagination.label')}>
      {page > 1 ? (
        <a href={hrefFor(page - 1)} rel="prev" safe>
          {view.t('pagination.previous')}
        </a>
      ) : (
        ''
      )}
      <span safe>{view.t('pagination.page_of', { page, count: pageCount })}</span>
      {page < pageCount ? (
        <a href={hrefFor(page + 1)} rel="next" safe>
          {view.t('pagination.next')}
        </a>
      ) : (
        ''
      )}
    </nav>
  );
}
