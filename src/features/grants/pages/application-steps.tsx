import type { View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { ApplicationDetail } from '../queries.js';
import type { ApplicationStatus } from '../tables.js';

/*
 * The application's state as the steps it goes through (draft → submitted → in review → decided →
 * paid out → report → closed), each done, the one it is at, or to come, with its day where there is
 * one. A rejected application ends at the decision, a withdrawn one where it was taken back. The
 * state is told in words as well as by the mark, so a screen reader (and a print) reads it too.
 */

type StepState = 'done' | 'current' | 'todo';
interface Step {
  label: string;
  date: string | null;
  state: StepState;
  note?: string;
  warn?: boolean;
}

/** Where each state stands among the steps (0 draft … 6 closed). */
const position: Record<ApplicationStatus, number> = {
  draft: 0,
  submitted: 1,
  in_review: 2,
  granted: 3,
  rejected: 3,
  withdrawn: 1,
  paid_out: 4,
  report_due: 5,
  reported: 5,
  closed: 6,
};

function steps(view: View, a: ApplicationDetail): Step[] {
  const { t, locale } = view;
  const day = (d: string | null) => (d ? formatDate(locale, d) : null);
  const at = position[a.status];
  const state = (i: number): StepState => (i < at ? 'done' : i === at ? 'current' : 'todo');
  if (a.status === 'withdrawn') {
    const out: Step[] = [{ label: t('grant_page.application.steps.draft'), date: day(a.createdAt), state: 'done' }];
    if (a.submittedAt) out.push({ label: t('grant_page.application.steps.submitted'), date: day(a.submittedAt), state: 'done' });
    out.push({ label: t('grant_page.application.steps.withdrawn'), date: day(a.withdrawnAt), state: 'current' });
    return out;
  }
  const decided =
    a.status === 'rejected' ? t('grant_page.application.steps.rejected') : at >= 3 ? t('grant_page.application.steps.granted') : t('grant_page.application.steps.decision');
  const out: Step[] = [
    { label: t('grant_page.application.steps.draft'), date: day(a.createdAt), state: state(0) },
    { label: t('grant_page.application.steps.submitted'), date: day(a.submittedAt), state: state(1) },
    { label: t('grant_page.application.steps.in_review'), date: day(a.reviewStartedAt), state: state(2) },
    { label: decided, date: day(a.decidedAt), state: state(3) },
  ];
  if (a.status === 'rejected') return out;
  out.push({ label: t('grant_page.application.steps.paid_out'), date: day(a.paidOn), state: state(4) });
  // The report step is done once filed, and until then says by when (and that it is late).
  const report: Step = a.reportedAt
    ? { label: t('grant_page.application.steps.reported'), date: day(a.reportedAt), state: a.status === 'reported' ? 'current' : 'done' }
    : { label: t('grant_page.application.steps.report'), date: null, state: state(5), note: a.reportDueOn ? t('grant_page.application.steps.report_due', { date: day(a.reportDueOn) }) : undefined, warn: a.reportOverdue };
  if (a.status === 'reported') report.state = 'current';
  out.push(report);
  out.push({ label: t('grant_page.application.steps.closed'), date: day(a.closedAt), state: state(6) });
  return out;
}

const MARK: Record<StepState, string> = { done: '✓', current: '●', todo: '○' };

export function ApplicationSteps({ view, a }: { view: View; a: ApplicationDetail }): JSX.Element {
  const { t } = view;
  const said: Record<StepState, string> = { done: t('grant_page.application.steps.is_done'), current: t('grant_page.application.steps.is_current'), todo: t('grant_page.application.steps.is_todo') };
  return (
    <ol class="programme grant-steps" aria-label={t('grant_page.application.steps.label')}>
      {steps(view, a).map((s) => (
        <li class="programme-item" aria-current={s.state === 'current' ? 'step' : undefined}>
          <span class={s.state === 'todo' ? 'programme-time muted' : 'programme-time'} aria-hidden="true" safe>
            {MARK[s.state]}
          </span>
          <span class="programme-body">
            {s.state === 'current' ? <strong safe>{s.label}</strong> : s.state === 'todo' ? <span class="muted" safe>{s.label}</span> : <span safe>{s.label}</span>}
            <span class="visually-hidden" safe>{` (${said[s.state]})`}</span>
            {s.date ? (
              <span class="muted" safe>
                {` · ${s.date}`}
              </span>
            ) : (
              ''
            )}
            {s.note ? (
              <span class={s.warn ? 'field-error' : 'muted'} safe>
                {` · ${s.note}${s.warn ? ` (${t('grant_page.application.overdue')})` : ''}`}
              </span>
            ) : (
              ''
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
