import { Layout } from '../../../platform/html/layout.js';
import { Badge, ErrorSummary, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate, formatDateTime } from '../../../platform/i18n/format.js';
import { purposeLabel } from '../labels.js';
import { money } from '../mails.js';
import type { ApplicationDetail } from '../queries.js';
import { ApplicationAttachments } from './application-attachments.js';
import { ApplicationStatusBadge, ButtonForm, CostTable, Paragraphs, type ActiveForm } from './application-parts.js';
import { ApplicationSteps } from './application-steps.js';
import { ReviewerPanel } from './application-review.js';

export interface ApplicationPageProps {
  view: View;
  a: ApplicationDetail;
  /** The reader reviews the pool's applications (its unit's board or staff). */
  reviewer: boolean;
  active: ActiveForm;
  /** The organisation's today (the payout form's default day). */
  today: string;
  /** The event the activity became, for its link: its staff page for those who manage it. */
  event: { slug: string; manage: boolean } | null;
}

const DECIDED = ['granted', 'rejected', 'paid_out', 'report_due', 'reported', 'closed'];

/** The decision as the applicant reads it: granted with the amount, or rejected, always with the reason and who decided. */
function Decision({ view, a }: { view: View; a: ApplicationDetail }): JSX.Element {
  const { t, locale } = view;
  if (!DECIDED.includes(a.status)) return '';
  const granted = a.status !== 'rejected';
  return (
    <section aria-labelledby="decision-heading">
      <h2 id="decision-heading" safe>
        {t('grant_page.application.decision_result_heading')}
      </h2>
      <dl class="facts">
        <dt safe>{t('grant_page.application.outcome')}</dt>
        <dd>
          {granted ? (
            <strong safe>
              {a.granted !== null && a.granted < a.requested
                ? t('grant_page.application.granted_of', { amount: money(locale, a.granted, a.currency), requested: money(locale, a.requested, a.currency) })
                : t('grant_page.application.granted_full', { amount: money(locale, a.granted ?? a.requested, a.currency) })}
            </strong>
          ) : (
            <strong safe>{t('grant_page.application.rejected')}</strong>
          )}
        </dd>
        <dt safe>{t('grant_page.application.reason')}</dt>
        <dd>
          <Paragraphs text={a.decisionReason ?? ''} />
        </dd>
        <dt safe>{t('grant_page.application.decided_by')}</dt>
        <dd safe>{t('grant_page.application.decided_by_value', { name: a.decidedByName ?? t('grant_page.application.unknown_person'), date: a.decidedAt ? formatDateTime(locale, a.decidedAt) : '–' })}</dd>
        {a.paidOn ? (
          <>
            <dt safe>{t('grant_page.application.paid_on')}</dt>
            <dd safe>{formatDate(locale, a.paidOn)}</dd>
          </>
        ) : (
          ''
        )}
        {a.paymentReference ? (
          <>
            <dt safe>{t('grant_page.application.reference')}</dt>
            <dd safe>{a.paymentReference}</dd>
          </>
        ) : (
          ''
        )}
        {a.reportDueOn && !a.reportedAt ? (
          <>
            <dt safe>{t('grant_page.application.report_due')}</dt>
            <dd>
              <span safe>{formatDate(locale, a.reportDueOn)}</span>{' '}
              {a.reportOverdue ? (
                <Badge kind="danger">
                  <span safe>{t('grant_page.application.overdue')}</span>
                </Badge>
              ) : (
                ''
              )}
            </dd>
          </>
        ) : (
          ''
        )}
      </dl>
    </section>
  );
}

/** What the applicant may do now: change or send the draft, take it back, file the report. */
function ApplicantActions({ view, a }: { view: View; a: ApplicationDetail }): JSX.Element {
  const { t } = view;
  const x = a.abilities;
  if (!x.edit && !x.submit && !x.withdraw && !x.report) return '';
  return (
    <div class="inline-actions">
      {x.report ? (
        <a class="button" href={`/grants/applications/${a.id}/report`} safe>
          {t('grant_page.application.file_report')}
        </a>
      ) : (
        ''
      )}
      {x.submit ? <ButtonForm view={view} action={`/grants/applications/${a.id}/submit`} label={t('grant_page.application.send')} /> : ''}
      {x.edit ? (
        <a class="button button-secondary" href={`/grants/applications/${a.id}/edit`} safe>
          {t('grant_page.application.edit')}
        </a>
      ) : (
        ''
      )}
      {x.withdraw ? <ButtonForm view={view} action={`/grants/applications/${a.id}/withdraw`} label={t('grant_page.application.withdraw')} secondary /> : ''}
    </div>
  );
}

/** The application as it was sent: the activity, who applies, the costs and the answers. */
function Content({ view, a }: { view: View; a: ApplicationDetail }): JSX.Element {
  const { t, locale } = view;
  return (
    <section class="card" aria-labelledby="application-content">
      <h2 id="application-content" safe>
        {t('grant_page.application.content_heading')}
      </h2>
      <dl class="facts">
        <dt safe>{t('grant_page.application.applicant')}</dt>
        <dd safe>{a.applicantName}</dd>
        {a.workplaceName ? (
          <>
            <dt safe>{t('grant_page.application.workplace_label')}</dt>
            <dd safe>{a.workplaceName}</dd>
          </>
        ) : (
          ''
        )}
        {a.coApplicants.length > 0 ? (
          <>
            <dt safe>{t('grant_page.application.co_applicants')}</dt>
            <dd safe>{a.coApplicants.map((c) => c.name).join(', ')}</dd>
          </>
        ) : (
          ''
        )}
        <dt safe>{t('fields.purpose')}</dt>
        <dd safe>{t(purposeLabel[a.purpose])}</dd>
        <dt safe>{t('grant_page.application.date_label')}</dt>
        <dd safe>{formatDate(locale, a.activityDate)}</dd>
        {a.place ? (
          <>
            <dt safe>{t('grant_page.application.place_label')}</dt>
            <dd safe>{a.place}</dd>
          </>
        ) : (
          ''
        )}
        {a.expectedParticipants !== null ? (
          <>
            <dt safe>{t('grant_page.application.participants_label')}</dt>
            <dd safe>{String(a.expectedParticipants)}</dd>
          </>
        ) : (
          ''
        )}
        <dt safe>{t('fields.requested')}</dt>
        <dd safe>{money(locale, a.requested, a.currency)}</dd>
        {a.submittedAt ? (
          <>
            <dt safe>{t('grant_page.application.submitted_at')}</dt>
            <dd safe>{formatDateTime(locale, a.submittedAt)}</dd>
          </>
        ) : (
          ''
        )}
      </dl>
      {a.description ? (
        <>
          <h3 safe>{t('grant_page.application.description_label')}</h3>
          <Paragraphs text={a.description} />
        </>
      ) : (
        ''
      )}
      <h3 safe>{t('grant_page.application.costs_legend')}</h3>
      {a.costLines.length > 0 ? (
        <CostTable view={view} lines={a.costLines} currency={a.currency} caption={t('grant_page.application.costs_legend')} />
      ) : (
        <p class="muted" safe>
          {t('grant_page.application.no_costs')}
        </p>
      )}
      {a.answers.length > 0 ? (
        <>
          <h3 safe>{t('grant_page.application.questions_legend')}</h3>
          <dl class="grant-answers">
            {a.answers.map((q) => (
              <>
                <dt>
                  <strong safe>{q.question}</strong>
                </dt>
                <dd class="motion-prose">{q.answer ? <Paragraphs text={q.answer} /> : <p class="muted" safe>{t('grant_page.application.no_answer')}</p>}</dd>
              </>
            ))}
          </dl>
        </>
      ) : (
        ''
      )}
    </section>
  );
}

/** The report after the activity, once filed. */
function Report({ view, a }: { view: View; a: ApplicationDetail }): JSX.Element {
  const { t, locale } = view;
  if (!a.reportedAt) return '';
  return (
    <section class="card" aria-labelledby="report-heading">
      <h2 id="report-heading" safe>
        {t('grant_page.application.report_heading')}
      </h2>
      <dl class="facts">
        <dt safe>{t('grant_page.application.reported_at')}</dt>
        <dd safe>{formatDateTime(locale, a.reportedAt)}</dd>
        <dt safe>{t('grant_page.application.report_participants')}</dt>
        <dd safe>{String(a.reportParticipants ?? '–')}</dd>
        {a.actualCost !== null ? (
          <>
            <dt safe>{t('grant_page.application.actual_cost')}</dt>
            <dd safe>{money(locale, a.actualCost, a.currency)}</dd>
          </>
        ) : (
          ''
        )}
      </dl>
      <Paragraphs text={a.reportSummary ?? ''} />
      {a.actualCostLines.length > 0 ? <CostTable view={view} lines={a.actualCostLines} currency={a.currency} caption={t('grant_page.application.actual_costs_legend')} /> : ''}
    </section>
  );
}

/**
 * One application: where it stands (as steps with their days), the decision with its amount, reason
 * and decider, the payout and the report's day, what the reader may do now, the application itself
 * and its files; for the unit's reviewers also their comments and the forms to decide and pay out.
 */
export function ApplicationPage({ view, a, reviewer, active, today, event }: ApplicationPageProps): JSX.Element {
  const { t } = view;
  const general = active ? active.state.errors.filter((e) => e.path === '') : [];
  return (
    <Layout view={view} title={a.title}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        {reviewer ? (
          <a href={`/grants/pools/${a.poolId}`} safe>
            {a.poolName}
          </a>
        ) : (
          <a href="/me" safe>
            {t('grant_page.my.breadcrumb')}
          </a>
        )}
      </nav>
      <PageHeader title={a.title} lead={`${a.poolName} · ${a.unitName}`} />
      <ErrorSummary view={view} errors={general} prefix="application" />
      {/* Told first, where a reviewer looks: the decision form is left out for them further down. */}
      {reviewer && a.abilities.conflicted && (a.status === 'submitted' || a.status === 'in_review') ? (
        <div class="flash flash-warning" role="status">
          <p safe>{t('grant_page.application.conflicted_notice')}</p>
        </div>
      ) : (
        ''
      )}
      <section class="card" aria-labelledby="status-heading">
        <h2 id="status-heading">
          <span safe>{t('grant_page.application.status_heading')}</span> <ApplicationStatusBadge view={view} status={a.status} />
        </h2>
        <ApplicationSteps view={view} a={a} />
        <Decision view={view} a={a} />
        {event ? (
          <p>
            <span safe>{t('grant_page.application.became_event')}</span>{' '}
            <a href={event.manage ? `/events/${event.slug}/manage` : `/events/${event.slug}`} safe>
              {t('grant_page.application.see_event')}
            </a>
          </p>
        ) : (
          ''
        )}
        <ApplicantActions view={view} a={a} />
      </section>
      <Content view={view} a={a} />
      <Report view={view} a={a} />
      <ApplicationAttachments view={view} a={a} active={active} />
      {reviewer ? <ReviewerPanel view={view} a={a} active={active} today={today} /> : ''}
    </Layout>
  );
}
