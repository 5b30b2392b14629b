import { Layout } from '../../../platform/html/layout.js';
import { Badge, EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { applicantKindLabel, purposeLabel } from '../labels.js';
import { money } from '../mails.js';
import type { BudgetChange, PoolView } from '../pools.js';
import type { ApplicationSummary } from '../queries.js';
import { Paragraphs } from './application-parts.js';
import { BudgetBar } from './budget-bar.js';
import { periodOf } from './pool-list.js';
import { OverdueReports, PoolQueue } from './pool-queue.js';

export interface PoolDetailProps {
  view: View;
  pool: PoolView;
  /** Every application of the pool but drafts, oldest submitted first. */
  items: ApplicationSummary[];
  history: BudgetChange[];
  can: { manage: boolean; export: boolean };
}

function PoolFacts({ view, pool }: { view: View; pool: PoolView }): JSX.Element {
  const { t, locale } = view;
  return (
    <dl class="facts">
      <dt safe>{t('grant_page.pool.window')}</dt>
      <dd>
        <span safe>{`${formatDate(locale, pool.opensOn)} – ${formatDate(locale, pool.closesOn)}`}</span>{' '}
        <Badge kind={pool.windowOpen ? 'success' : 'neutral'}>
          <span safe>{pool.windowOpen ? t('grant_page.public.open') : t('grant_page.public.closed')}</span>
        </Badge>
      </dd>
      <dt safe>{t('grant_page.public.max')}</dt>
      <dd safe>{money(locale, pool.maxPerApplication, pool.currency)}</dd>
      <dt safe>{t('grant_page.public.purposes')}</dt>
      <dd safe>{pool.purposes.map((p) => t(purposeLabel[p])).join(', ')}</dd>
      <dt safe>{t('grant_page.public.who')}</dt>
      <dd safe>{pool.applicantKinds.map((k) => t(applicantKindLabel[k])).join(', ')}</dd>
      <dt safe>{t('grant_page.public.report')}</dt>
      <dd safe>{t('grant_page.public.report_days', { count: pool.reportDays })}</dd>
      <dt safe>{t('grant_page.pool.questions')}</dt>
      <dd>
        {pool.questions.length === 0 ? (
          <span class="muted" safe>
            {t('grant_page.pool.no_questions')}
          </span>
        ) : (
          <ol class="grant-questions">
            {pool.questions.map((q) => (
              <li safe>{q.text}</li>
            ))}
          </ol>
        )}
      </dd>
      <dt safe>{t('grant_page.pool.public_page')}</dt>
      <dd safe>{pool.public ? t('grant_page.pool.is_public') : t('grant_page.pool.not_public')}</dd>
    </dl>
  );
}

function BudgetHistory({ view, pool, history }: { view: View; pool: PoolView; history: BudgetChange[] }): JSX.Element {
  const { t, locale } = view;
  const col = { change: t('grant_page.pool.history_change'), reason: t('grant_page.pool.history_reason'), by: t('grant_page.pool.history_by') };
  return (
    <div class="table-wrap">
      <table class="table table-cards">
        <caption class="visually-hidden" safe>
          {t('grant_page.pool.history_heading')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('grant_page.pool.history_when')}
            </th>
            <th scope="col" safe>
              {col.change}
            </th>
            <th scope="col" safe>
              {col.reason}
            </th>
            <th scope="col" safe>
              {col.by}
            </th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr>
              <th scope="row" class="nowrap" safe>
                {formatDate(locale, h.changedAt)}
              </th>
              <td data-label={col.change} safe>
                {h.oldBudget === null
                  ? t('grant_page.pool.history_first', { budget: money(locale, h.newBudget, pool.currency) })
                  : t('grant_page.pool.history_changed', { from: money(locale, h.oldBudget, pool.currency), to: money(locale, h.newBudget, pool.currency) })}
              </td>
              <td data-label={col.reason} safe>
                {h.reason ?? (h.oldBudget === null ? '' : t('grant_page.pool.history_no_reason'))}
              </td>
              <td data-label={col.by} safe>
                {h.changedBy ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A pool for those who run it (the unit's staff and board): its budget at a glance, what it funds
 * and when, the reports past their day, the applications by state, and every change of the budget
 * with who made it and why; staff change the pool, and both export the bookkeeper's file.
 */
export function PoolDetailPage({ view, pool, items, history, can }: PoolDetailProps): JSX.Element {
  const { t } = view;
  const overdue = items.filter((a) => a.reportOverdue);
  return (
    <Layout view={view} title={pool.name}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/grants" safe>
          {t('grants.nav')}
        </a>
      </nav>
      <PageHeader title={pool.name} lead={`${pool.unitName} · ${periodOf(view, pool)}`}>
        {can.manage ? (
          <a class="button" href={`/grants/pools/${pool.id}/edit`} safe>
            {t('grant_page.pool.edit')}
          </a>
        ) : (
          ''
        )}
        {can.export ? (
          <a class="button button-secondary" href={`/grants/pools/${pool.id}/export.csv`} safe>
            {t('grant_page.pool.export')}
          </a>
        ) : (
          ''
        )}
        <a class="button button-secondary" href={`/grants/public/${pool.id}`} safe>
          {pool.public ? t('grant_page.pool.to_public') : t('grant_page.pool.preview_public')}
        </a>
      </PageHeader>
      {pool.description ? (
        <div class="grant-description">
          <Paragraphs text={pool.description} />
        </div>
      ) : (
        ''
      )}
      <div class="grid grid-2 align-start">
        <section class="card" aria-labelledby="pool-budget">
          <h2 id="pool-budget" safe>
            {t('grant_page.pool.budget_heading')}
          </h2>
          <BudgetBar view={view} figures={pool} currency={pool.currency} id="pool-budget-bar" />
        </section>
        <section class="card" aria-labelledby="pool-terms">
          <h2 id="pool-terms" safe>
            {t('grant_page.pool.terms_heading')}
          </h2>
          <PoolFacts view={view} pool={pool} />
        </section>
      </div>
      <section aria-labelledby="pool-overdue" class={overdue.length > 0 ? 'grant-section grant-overdue' : 'grant-section'}>
        <h2 id="pool-overdue" safe>
          {t('grant_page.pool.overdue_heading')}
        </h2>
        <OverdueReports view={view} items={overdue} />
      </section>
      <section aria-labelledby="pool-queue" class="grant-section">
        <h2 id="pool-queue" safe>
          {t('grant_page.pool.queue_heading')}
        </h2>
        {items.length === 0 ? <EmptyState title={t('grant_page.pool.queue_empty')} /> : <PoolQueue view={view} items={items} />}
      </section>
      <section aria-labelledby="pool-history" class="grant-section">
        <h2 id="pool-history" safe>
          {t('grant_page.pool.history_heading')}
        </h2>
        <BudgetHistory view={view} pool={pool} history={history} />
      </section>
    </Layout>
  );
}
