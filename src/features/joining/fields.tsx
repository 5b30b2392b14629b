import type { PropsWithChildren } from '@kitajs/html';
import type { FieldError } from '../../platform/errors.js';

/**
 * Form controls the shared components do not have yet: a checkbox, a yes/no choice and a select with
 * groups. They follow the shared ones: ids `field-<name>` (the error summary links there), the hint
 * and the error tied to the control with aria-describedby.
 */

interface Props {
  name: string;
  label: string;
  errors?: FieldError[];
  hint?: string;
}

function meta(name: string, errors: FieldError[] | undefined, hint: string | undefined) {
  const error = errors?.find((e) => e.path === name);
  const describedBy = [hint ? `field-hint-${name}` : '', error ? `field-error-${name}` : ''].filter(Boolean).join(' ') || undefined;
  return { error, describedBy, id: `field-${name}` };
}

/** `children`, when given, is the label instead of `label` (a label with a link in it); `label` still names the field. */
export function CheckboxField({ children, ...props }: PropsWithChildren<Props & { checked: boolean; required?: boolean }>): JSX.Element {
  const { error, describedBy, id } = meta(props.name, props.errors, props.hint);
  return (
    <div class={error ? 'field field-invalid check-field' : 'field check-field'}>
      {error ? (
        <p class="field-error" id={`field-error-${props.name}`} safe>
          {error.message}
        </p>
      ) : (
        ''
      )}
      <div class="check-row">
        <input id={id} type="checkbox" name={props.name} value="on" checked={props.checked} required={props.required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} />
        <label for={id}>
          {children ?? <span safe>{props.label}</span>}
          {props.required ? <span class="required" aria-hidden="true"> *</span> : ''}
        </label>
      </div>
      {props.hint ? (
        <p class="hint" id={`field-hint-${props.name}`} safe>
          {props.hint}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

/** A required yes/no answer as two radio buttons in a fieldset: both states are explicit without JavaScript. */
export function YesNoField(props: Props & { value: boolean | null; yes: string; no: string }): JSX.Element {
  const { error, describedBy, id } = meta(props.name, props.errors, props.hint);
  return (
    <fieldset class={error ? 'field field-invalid choice-field' : 'field choice-field'} aria-describedby={describedBy}>
      <legend safe>{props.label}</legend>
      {props.hint ? (
        <p class="hint" id={`field-hint-${props.name}`} safe>
          {props.hint}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="field-error" id={`field-error-${props.name}`} safe>
          {error.message}
        </p>
      ) : (
        ''
      )}
      <div class="choice-options">
        <label class="choice">
          <input id={id} type="radio" name={props.name} value="yes" checked={props.value === true} aria-invalid={error ? 'true' : undefined} />
          <span safe>{props.yes}</span>
        </label>
        <label class="choice">
          <input type="radio" name={props.name} value="no" checked={props.value === false} aria-invalid={error ? 'true' : undefined} />
          <span safe>{props.no}</span>
        </label>
      </div>
    </fieldset>
  );
}

export interface OptionGroup {
  label: string;
  options: { value: string; label: string }[];
}

/** A select whose options come in labelled groups (workplaces by district). */
export function GroupedSelectField(props: Props & { value: unknown; groups: OptionGroup[]; emptyLabel: string }): JSX.Element {
  const { error, describedBy, id } = meta(props.name, props.errors, props.hint);
  const current = props.value === undefined || props.value === null ? '' : String(props.value);
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id} safe>
        {props.label}
      </label>
      {props.hint ? (
        <p class="hint" id={`field-hint-${props.name}`} safe>
          {props.hint}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="field-error" id={`field-error-${props.name}`} safe>
          {error.message}
        </p>
      ) : (
        ''
      )}
      <select id={id} name={props.name} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
        <option value="" safe>
          {props.emptyLabel}
        </option>
        {props.groups.map((g) => (
          <optgroup label={g.label}>
            {g.options.map((o) => (
              <option value={o.value} selected={o.value === current} safe>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
