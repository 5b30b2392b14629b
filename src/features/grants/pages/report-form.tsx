import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { money } from '../mails.js';
import type { ApplicationDetail } from '../queries.js';
import { CostRows } from './application-parts.js';

/**
 * The report after the activity: what happened, how many came (filled in from the event's check-ins
 * when the activity became one), and what it actually cost. Photos are added on the application's
 * page, where its files are.
 */
export function ReportFormPage({ view, a, form }: { view: View; a: ApplicationDetail; form: FormState }): JSX.Element {
  const { t, locale } = view;
  const v = form.values as Record<string, unknown>;
  const e = form.errors;
  const title = t('grant_page.application.report_title');
  return (
    <Layout view={view} title={`${title}: ${a.title}`}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/me" safe>
          {t('grant_page.my.breadcrumb')}
        </a>{' '}
        ›{' '}
        <a href={`/grants/applications/${a.id}`} safe>
          {a.title}
        </a>
      </nav>
      <PageHeader title={title} lead={`${a.title} · ${a.poolName}`} />
      <section class="card join-card" aria-labelledby="report-terms">
        <h2 id="report-terms" class="visually-hidden" safe>
          {t('grant_page.application.report_terms')}
        </h2>
        <dl class="facts">
          <dt safe>{t('grant_page.application.granted_label')}</dt>
          <dd safe>{money(locale, a.granted ?? 0, a.currency)}</dd>
          <dt safe>{t('grant_page.application.date_label')}</dt>
          <dd safe>{formatDate(locale, a.activityDate)}</dd>
          {a.reportDueOn ? (
            <>
              <dt safe>{t('grant_page.application.report_due')}</dt>
              <dd safe>{`${formatDate(locale, a.reportDueOn)}${a.reportOverdue ? ` (${t('grant_page.application.overdue')})` : ''}`}</dd>
            </>
          ) : (
            ''
          )}
        </dl>
      </section>
      <section class="card join-card" aria-labelledby="report-form">
        <h2 id="report-form" class="visually-hidden" safe>
          {title}
        </h2>
        <ErrorSummary view={view} errors={e} />
        <form method="post" action={`/grants/applications/${a.id}/report`} class="grant-apply-form" novalidate>
          <Csrf view={view} />
          <TextArea name="summary" label={t('grant_page.application.report_summary')} hint={t('grant_page.application.report_summary_hint')} value={v.summary} errors={e} rows={8} required />
          <TextField
            name="participants"
            label={t('grant_page.application.report_participants')}
            hint={a.eventAttendance !== null ? t('grant_page.application.report_participants_from_event', { count: a.eventAttendance }) : undefined}
            value={v.participants}
            errors={e}
            inputmode="numeric"
            required
          />
          <CostRows view={view} values={v} errors={e} prefix="actualCosts" legend={t('grant_page.application.actual_costs_legend')} hint={t('grant_page.application.actual_costs_hint')} />
          <p class="hint">
            <span safe>{t('grant_page.application.report_photos_hint')}</span>{' '}
            <a href={`/grants/applications/${a.id}#attachments-heading`} safe>
              {t('grant_page.application.report_photos_link')}
            </a>
          </p>
          <div class="form-actions">
            <button type="submit" class="button" safe>
              {t('grant_page.application.report_submit')}
            </button>
          </div>
        </form>
      </section>
    </Layout>
  );
}
