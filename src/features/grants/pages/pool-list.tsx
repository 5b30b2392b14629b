import { Layout } from '../../../platform/html/layout.js';
import { Badge, EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { purposeLabel } from '../labels.js';
import { money } from '../mails.js';
import type { PoolSummary } from '../pools.js';
import type { ApplicationSummary, OpenPool } from '../queries.js';
import { ApplicationStatusBadge } from './application-parts.js';

export interface PoolListProps {
  view: View;
  /** The pools the reader reviews or manages; null when they review none (the section is left out). */
  reviewed: PoolSummary[] | null;
  open: OpenPool[];
  mine: ApplicationSummary[];
  mayCreate: boolean;
}

/** The period as two days, the way the pool's own page writes it. */
export const periodOf = (view: View, p: { periodStart: string; periodEnd: string }): string => `${formatDate(view.locale, p.periodStart)} – ${formatDate(view.locale, p.periodEnd)}`;

function ReviewedPools({ view, pools }: { view: View; pools: PoolSummary[] }): JSX.Element {
  const { t, locale } = view;
  if (pools.length === 0) return <EmptyState title={t('grant_page.pools.reviewed_empty')} />;
  const col = {
    unit: t('grant_page.pools.col_unit'),
    period: t('grant_page.pools.col_period'),
    budget: t('grant_page.budget.budget'),
    granted: t('grant_page.budget.granted'),
    left: t('grant_page.budget.left'),
    waiting: t('grant_page.pools.col_waiting'),
  };
  return (
    <div class="table-wrap">
      <table class="table table-cards">
        <caption class="visually-hidden" safe>
          {t('grant_page.pools.reviewed_heading')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('grant_page.pools.col_name')}
            </th>
            <th scope="col" safe>
              {col.unit}
            </th>
            <th scope="col" safe>
              {col.period}
            </th>
            <th scope="col" class="numeric" safe>
              {col.budget}
            </th>
            <th scope="col" class="numeric" safe>
              {col.granted}
            </th>
            <th scope="col" class="numeric" safe>
              {col.left}
            </th>
            <th scope="col" class="numeric" safe>
              {col.waiting}
            </th>
          </tr>
        </thead>
        <tbody>
          {pools.map((p) => (
            <tr>
              <th scope="row">
                <a href={`/grants/pools/${p.id}`} safe>
                  {p.name}
                </a>
              </th>
              <td data-label={col.unit} safe>
                {p.unitName}
              </td>
              <td data-label={col.period} safe>
                {periodOf(view, p)}
              </td>
              <td data-label={col.budget} class="numeric nowrap" safe>
                {money(locale, p.budget, p.currency)}
              </td>
              <td data-label={col.granted} class="numeric nowrap" safe>
                {money(locale, p.granted, p.currency)}
              </td>
              <td data-label={col.left} class="numeric nowrap" safe>
                {money(locale, p.left, p.currency)}
              </td>
              <td data-label={col.waiting} class="numeric">
                {p.waiting > 0 ? (
                  <Badge kind="info">
                    <span safe>{t('grant_page.pools.waiting', { count: p.waiting })}</span>
                  </Badge>
                ) : (
                  <span safe>{t('grant_page.pools.none_waiting')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OpenPools({ view, pools }: { view: View; pools: OpenPool[] }): JSX.Element {
  const { t, locale } = view;
  if (pools.length === 0) return <EmptyState title={t('grant_page.pools.open_empty')} />;
  return (
    <ul class="grant-cards">
      {pools.map((p) => (
        <li class="card">
          <h3 safe>{p.name}</h3>
          <p class="muted" safe>
            {t('grant_page.pools.open_terms', { unit: p.unitName, max: money(locale, p.maxPerApplication, p.currency), closes: formatDate(locale, p.closesOn) })}
          </p>
          {p.description ? <p safe>{p.description}</p> : ''}
          <p class="muted" safe>
            {t('grant_page.pools.open_purposes', { purposes: p.purposes.map((x) => t(purposeLabel[x])).join(', ') })}
          </p>
          <a class="button" href={`/grants/pools/${p.id}/apply`} safe>
            {t('grant_page.pools.apply', { pool: p.name })}
          </a>
        </li>
      ))}
    </ul>
  );
}

function MyApplications({ view, items }: { view: View; items: ApplicationSummary[] }): JSX.Element {
  const { t, locale } = view;
  if (items.length === 0) return <EmptyState title={t('grant_page.pools.mine_empty')} />;
  const col = { pool: t('grant_page.pools.col_pool'), status: t('grant_page.pools.col_status'), date: t('grant_page.queue.col_date'), amount: t('grant_page.pools.col_amount') };
  return (
    <div class="table-wrap">
      <table class="table table-cards">
        <caption class="visually-hidden" safe>
          {t('grant_page.pools.mine_heading')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('grant_page.queue.col_title')}
            </th>
            <th scope="col" safe>
              {col.pool}
            </th>
            <th scope="col" safe>
              {col.status}
            </th>
            <th scope="col" safe>
              {col.date}
            </th>
            <th scope="col" class="numeric" safe>
              {col.amount}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr>
              <th scope="row">
                <a href={`/grants/applications/${a.id}`} safe>
                  {a.title}
                </a>
              </th>
              <td data-label={col.pool} safe>
                {a.poolName}
              </td>
              <td data-label={col.status}>
                <ApplicationStatusBadge view={view} status={a.status} />
              </td>
              <td data-label={col.date} class="nowrap" safe>
                {formatDate(locale, a.activityDate)}
              </td>
              {/* What the applicant follows: the amount granted once there is one, the amount asked for until then. */}
              <td data-label={col.amount} class="numeric nowrap" safe>
                {a.granted !== null
                  ? t('grant_page.pools.amount_granted', { amount: money(locale, a.granted, a.currency) })
                  : t('grant_page.pools.amount_requested', { amount: money(locale, a.requested, a.currency) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The feature's start page: for those who review pools (the unit's staff and board) the pools with
 * their money and what waits for a decision; for everyone signed in the pools they can apply to now
 * and their own applications with their state.
 */
export function PoolListPage({ view, reviewed, open, mine, mayCreate }: PoolListProps): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('grants.nav')}>
      <PageHeader title={t('grants.nav')} lead={t('grant_page.pools.lead')}>
        {mayCreate ? (
          <a href="/grants/pools/new" class="button" safe>
            {t('grant_page.pools.create')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      {reviewed !== null ? (
        <section aria-labelledby="pools-reviewed" class="grant-section">
          <h2 id="pools-reviewed" safe>
            {t('grant_page.pools.reviewed_heading')}
          </h2>
          <ReviewedPools view={view} pools={reviewed} />
        </section>
      ) : (
        ''
      )}
      <section aria-labelledby="pools-open" class="grant-section">
        <h2 id="pools-open" safe>
          {t('grant_page.pools.open_heading')}
        </h2>
        <OpenPools view={view} pools={open} />
      </section>
      <section aria-labelledby="pools-mine" class="grant-section">
        <h2 id="pools-mine" safe>
          {t('grant_page.pools.mine_heading')}
        </h2>
        <MyApplications view={view} items={mine} />
      </section>
    </Layout>
  );
}
