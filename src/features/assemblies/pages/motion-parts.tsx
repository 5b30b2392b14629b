import { Badge, Csrf } from '../../../platform/html/components.js';
import { emptyForm, type FormState, type View } from '../../../platform/html/view.js';
import { amendmentStateLabel, motionStateLabel } from '../labels.js';
import type { DiffPart, MotionLine } from '../motion-text.js';
import type { AmendmentState, MotionState } from '../motion-tables.js';

/** The pieces the motion pages share: the numbered text, the diff, the state badges. */

const motionBadge: Record<MotionState, 'neutral' | 'success' | 'warning' | 'danger' | 'info'> = {
  submitted: 'info',
  admitted: 'success',
  refused: 'danger',
  adopted: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
  referred: 'warning',
};

export function MotionStateBadge({ view, state }: { view: View; state: MotionState }): JSX.Element {
  return (
    <Badge kind={motionBadge[state]}>
      <span safe>{view.t(motionStateLabel[state])}</span>
    </Badge>
  );
}

export function AmendmentStateBadge({ view, state }: { view: View; state: AmendmentState }): JSX.Element {
  return (
    <Badge kind={motionBadge[state]}>
      <span safe>{view.t(amendmentStateLabel[state])}</span>
    </Badge>
  );
}

/** The text in numbered lines; an amendment names these numbers. */
export function NumberedText({ view, lines, label }: { view: View; lines: readonly MotionLine[]; label: string }): JSX.Element {
  return (
    <ol class="motion-lines" aria-label={label}>
      {lines.map((l) => (
        <li class={l.paragraph ? 'motion-line motion-paragraph' : 'motion-line'}>
          <span class="motion-line-number">
            <span class="visually-hidden" safe>
              {view.t('motion_page.line')}
            </span>{' '}
            <span safe>{String(l.number)}</span>
          </span>
          <span class="motion-line-text" safe>
            {l.text}
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The amended text against the original: insertions in `ins`, deletions in `del`, each also told
 * in words to screen readers (which mostly say nothing of `ins`/`del`) and marked by underline and
 * strike-through besides colour.
 */
export function DiffText({ view, parts }: { view: View; parts: readonly DiffPart[] }): JSX.Element {
  const { t } = view;
  return (
    <p class="motion-diff">
      {parts.map((p) =>
        p.kind === 'same' ? (
          <span safe>{p.text}</span>
        ) : p.kind === 'added' ? (
          <ins>
            <span class="visually-hidden" safe>{`[${t('motion_page.diff_added')}: `}</span>
            <span safe>{p.text}</span>
            <span class="visually-hidden">]</span>
          </ins>
        ) : (
          <del>
            <span class="visually-hidden" safe>{`[${t('motion_page.diff_removed')}: `}</span>
            <span safe>{p.text}</span>
            <span class="visually-hidden">]</span>
          </del>
        ),
      )}
    </p>
  );
}

/** A text several lines long (a reasoning, a recommendation) as paragraphs. */
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

/** The form a POST came from, with what was typed and what was wrong, so the page shows it there. */
export type ActiveForm = { key: string; state: FormState } | null;

/** The form's own state; errors about the motion as a whole (no field) are told at the top of the page instead. */
export const formOf = (active: ActiveForm, key: string): FormState => (active?.key === key ? { values: active.state.values, errors: active.state.errors.filter((e) => e.path !== '') } : emptyForm({}));

/** One button in its own form, posting to `action`. */
export function ButtonForm({ view, action, label, secondary, hint }: { view: View; action: string; label: string; secondary?: boolean; hint?: string }): JSX.Element {
  return (
    <form method="post" action={action} class="inline-form">
      <Csrf view={view} />
      {hint ? (
        <p class="hint" safe>
          {hint}
        </p>
      ) : (
        ''
      )}
      <button type="submit" class={secondary ? 'button button-secondary' : 'button'} safe>
        {label}
      </button>
    </form>
  );
}

