import { Layout } from '../../../platform/html/layout.js';
import { EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import type { Segment } from '../access.js';

export interface ListedSegment {
  segment: Segment;
  summary: string;
  canUse: boolean;
}

/** The segments of the reader's units: name, unit, the filter in words, and what they may do with each. */
export function SegmentListPage({ view, items, canCreate }: { view: View; items: ListedSegment[]; canCreate: boolean }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('segments.title')}>
      <PageHeader title={t('segments.title')} lead={t('segments.lead')}>
        {canCreate ? (
          <a href="/segments/new" class="button" safe>
            {t('segments.new')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      {items.length === 0 ? (
        <EmptyState title={t('segments.empty')} text={canCreate ? t('segments.empty_hint') : undefined} />
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="segments-caption" tabindex="0">
          <table class="table">
            <caption id="segments-caption" class="visually-hidden" safe>
              {t('segments.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>{t('segments.name')}</th>
                <th scope="col" safe>{t('segments.unit')}</th>
                <th scope="col" safe>{t('segments.filter')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ segment, summary, canUse }) => (
                <tr>
                  <th scope="row">
                    <a href={`/segments/${segment.id}`} safe>
                      {segment.name}
                    </a>
                    {canUse ? (
                      <span class="cell-note">
                        <a href={`/segments/${segment.id}/edit`} aria-label={t('segments.edit_named', { name: segment.name })} safe>
                          {t('segments.edit')}
                        </a>
                      </span>
                    ) : (
                      ''
                    )}
                  </th>
                  <td safe>{segment.unitName}</td>
                  <td safe>{summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
