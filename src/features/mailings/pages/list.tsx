import { Layout } from '../../../platform/html/layout.js';
import { EmptyState, PageHeader, Pagination, SelectField } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { MailingFilter, MailingList } from '../schema.js';
import { mailingStatuses } from '../tables.js';
import { mailingStatusLabel } from '../labels.js';
import { KindText, StatusBadge, progressText } from './parts.js';

/** The mailings of the reader's units, newest first: what went out, what is on its way, the drafts. */
export function MailingsPage({ view, list, filter, may }: { view: View; list: MailingList; filter: MailingFilter; may: { compose: boolean; topics: boolean } }): JSX.Element {
  const { t, locale } = view;
  const pageCount = Math.ceil(list.total / list.pageSize);
  const when = (iso: string | null) => (iso ? formatDateTime(locale, iso) : '–');
  return (
    <Layout view={view} title={t('mailings.title')}>
      <PageHeader title={t('mailings.title')} lead={t('mailings.lead')}>
        {may.compose ? (
          <a href="/mailings/new" class="button" safe>
            {t('mailings.new')}
          </a>
        ) : (
          ''
        )}
        {may.compose ? (
          <a href="/segments" class="button button-secondary" safe>
            {t('segments.nav')}
          </a>
        ) : (
          ''
        )}
        {may.topics ? (
          <a href="/mailings/topics" class="button button-secondary" safe>
            {t('mailings.topics.title')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <form method="get" action="/mailings" class="card filters" aria-label={t('mailings.filter')}>
        <SelectField
          name="status"
          prefix="filter"
          label={t('mailings.columns.status')}
          value={filter.status ?? ''}
          emptyLabel={t('mailings.all_statuses')}
          options={mailingStatuses.map((s) => ({ value: s, label: t(mailingStatusLabel[s]) }))}
        />
        <div class="filter-actions">
          <button type="submit" class="button button-secondary" safe>
            {t('mailings.filter')}
          </button>
        </div>
      </form>
      {list.items.length === 0 ? (
        <EmptyState title={t('mailings.empty')} />
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="mailings-caption" tabindex="0">
          <table class="table">
            <caption id="mailings-caption" class="visually-hidden" safe>
              {t('mailings.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>{t('mailings.columns.subject')}</th>
                <th scope="col" safe>{t('mailings.columns.segment')}</th>
                <th scope="col" safe>{t('mailings.columns.kind')}</th>
                <th scope="col" safe>{t('mailings.columns.status')}</th>
                <th scope="col" safe>{t('mailings.columns.progress')}</th>
                <th scope="col" safe>{t('mailings.columns.dates')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((m) => (
                <tr>
                  <th scope="row">
                    <a href={`/mailings/${m.id}`} safe>
                      {m.subject || t('mailings.no_subject')}
                    </a>
                  </th>
                  <td>
                    <span safe>{m.segmentName ?? '–'}</span>
                    <br />
                    <span class="muted" safe>
                      {m.unitName}
                    </span>
                  </td>
                  <td>
                    <KindText view={view} mailing={m} />
                    {m.topicName ? (
                      <>
                        <br />
                        <span class="muted" safe>
                          {m.topicName}
                        </span>
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                  <td>
                    <StatusBadge view={view} status={m.status} />
                  </td>
                  <td class="nowrap" safe>
                    {progressText(view, m)}
                  </td>
                  <td>
                    <span safe>{t('mailings.created_at', { when: when(m.createdAt) })}</span>
                    {m.scheduledAt ? (
                      <>
                        <br />
                        <span safe>{t('mailings.scheduled_at', { when: when(m.scheduledAt) })}</span>
                      </>
                    ) : (
                      ''
                    )}
                    {m.finishedAt ? (
                      <>
                        <br />
                        <span safe>{t('mailings.finished_at', { when: when(m.finishedAt) })}</span>
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination view={view} page={list.page} pageCount={pageCount} hrefFor={(p) => `/mailings?${new URLSearchParams({ ...(filter.status ? { status: filter.status } : {}), page: String(p) }).toString()}`} />
    </Layout>
  );
}
