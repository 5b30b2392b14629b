import { Layout } from '../../../platform/html/layout.js';
import { Badge, EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { Markdown } from '../../../platform/html/markdown.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { applicantKindLabel, purposeLabel } from '../labels.js';
import { money } from '../mails.js';
import type { PoolView } from '../pools.js';
import type { GrantedActivity } from '../queries.js';
import { Paragraphs } from './application-parts.js';

/**
 * A pool's public page, for members and everyone else when its unit makes it public: what it is,
 * its rules, how to apply, and what it has made possible — the granted activities with their amount
 * and unit, never who applied.
 */
export function PublicPoolPage({ view, pool, activities }: { view: View; pool: PoolView; activities: readonly GrantedActivity[] }): JSX.Element {
  const { t, locale } = view;
  const period = `${formatDate(locale, pool.periodStart)} – ${formatDate(locale, pool.periodEnd)}`;
  const total = activities.reduce((s, x) => s + x.amount, 0);
  const anonymous = view.actor.kind === 'anonymous';
  return (
    <Layout view={view} title={pool.name}>
      <PageHeader title={pool.name} lead={`${pool.unitName} · ${period}`} />
      {pool.description ? (
        <section class="card" aria-labelledby="pool-about">
          <h2 id="pool-about" class="visually-hidden" safe>
            {t('grant_page.public.about')}
          </h2>
          <Paragraphs text={pool.description} />
        </section>
      ) : (
        ''
      )}
      <div class="grid grid-2">
        <section class="card" aria-labelledby="pool-apply">
          <h2 id="pool-apply" safe>
            {t('grant_page.public.how_to_apply')}
          </h2>
          <dl class="facts">
            <dt safe>{t('grant_page.public.max')}</dt>
            <dd safe>{money(locale, pool.maxPerApplication, pool.currency)}</dd>
            <dt safe>{t('grant_page.public.window')}</dt>
            <dd>
              <span safe>{t('grant_page.application.window_value', { from: formatDate(locale, pool.opensOn), to: formatDate(locale, pool.closesOn) })}</span>{' '}
              {pool.windowOpen ? (
                <Badge kind="success">
                  <span safe>{t('grant_page.public.open')}</span>
                </Badge>
              ) : (
                <Badge kind="neutral">
                  <span safe>{t('grant_page.public.closed')}</span>
                </Badge>
              )}
            </dd>
            <dt safe>{t('grant_page.public.who')}</dt>
            <dd safe>{pool.applicantKinds.map((k) => t(applicantKindLabel[k])).join(', ')}</dd>
            <dt safe>{t('grant_page.public.purposes')}</dt>
            <dd safe>{pool.purposes.map((p) => t(purposeLabel[p])).join(', ')}</dd>
            <dt safe>{t('grant_page.public.report')}</dt>
            <dd safe>{t('grant_page.public.report_days', { count: pool.reportDays })}</dd>
          </dl>
          {pool.windowOpen ? (
            <>
              {anonymous ? (
                <p class="hint" safe>
                  {t('grant_page.public.login_hint')}
                </p>
              ) : (
                ''
              )}
              <p>
                <a class="button" href={`/grants/pools/${pool.id}/apply`} safe>
                  {t('grant_page.public.apply')}
                </a>
              </p>
            </>
          ) : (
            <p class="muted" safe>
              {t('grant_page.public.not_open')}
            </p>
          )}
        </section>
        {pool.rules ? (
          <section class="card" aria-labelledby="pool-rules">
            <h2 id="pool-rules" safe>
              {t('grant_page.public.rules')}
            </h2>
            <Markdown text={pool.rules} />
          </section>
        ) : (
          ''
        )}
      </div>
      <section aria-labelledby="pool-granted">
        <h2 id="pool-granted" safe>
          {t('grant_page.public.granted_heading')}
        </h2>
        {activities.length === 0 ? (
          <EmptyState title={t('grant_page.public.none_granted')} />
        ) : (
          <>
            <p class="result-count" safe>
              {t('grant_page.public.granted_count', { count: activities.length, total: money(locale, total, pool.currency) })}
            </p>
            <div class="table-wrap">
              <table class="table table-cards">
                <caption class="visually-hidden" safe>
                  {t('grant_page.public.granted_heading')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" safe>
                      {t('grant_page.public.col_title')}
                    </th>
                    <th scope="col" safe>
                      {t('fields.purpose')}
                    </th>
                    <th scope="col" safe>
                      {t('grant_page.public.col_amount')}
                    </th>
                    <th scope="col" safe>
                      {t('grant_page.public.col_unit')}
                    </th>
                    <th scope="col" safe>
                      {t('grant_page.public.col_date')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {activities.map((x) => (
                    <tr>
                      <th scope="row" safe>
                        {x.title}
                      </th>
                      <td data-label={t('fields.purpose')} safe>
                        {t(purposeLabel[x.purpose])}
                      </td>
                      <td data-label={t('grant_page.public.col_amount')} class="nowrap" safe>
                        {money(locale, x.amount, pool.currency)}
                      </td>
                      <td data-label={t('grant_page.public.col_unit')} safe>
                        {x.unitName}
                      </td>
                      <td data-label={t('grant_page.public.col_date')} class="nowrap" safe>
                        {formatDate(locale, x.activityDate)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </Layout>
  );
}
