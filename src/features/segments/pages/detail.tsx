import { Layout } from '../../../platform/html/layout.js';
import { Csrf, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { Segment } from '../access.js';
import type { SegmentPreviewRow } from '../audience.js';
import { LiveCount, PreviewTable } from './parts.js';

/**
 * One segment: the filter in words, how many it reaches today and (for staff of its unit) the first
 * twenty of them, with links to change and delete it. The board sees the count, not the people.
 */
export function SegmentPage({ view, segment, summary, count, preview, canUse }: { view: View; segment: Segment; summary: string; count: number; preview: SegmentPreviewRow[] | null; canUse: boolean }): JSX.Element {
  const { t, locale } = view;
  return (
    <Layout view={view} title={segment.name}>
      <p class="breadcrumbs">
        <a href="/segments" safe>
          {t('segments.title')}
        </a>
      </p>
      <PageHeader title={segment.name}>
        {canUse ? (
          <>
            <a href={`/segments/${segment.id}/edit`} class="button" safe>
              {t('segments.edit')}
            </a>
            <a href={`/segments/${segment.id}/delete`} class="button button-secondary" safe>
              {t('segments.delete')}
            </a>
          </>
        ) : (
          ''
        )}
      </PageHeader>
      <div class="card">
        <dl class="facts">
          <dt safe>{t('segments.unit')}</dt>
          <dd safe>{segment.unitName}</dd>
          <dt safe>{t('segments.filter')}</dt>
          <dd safe>{summary}</dd>
          <dt safe>{t('segments.updated')}</dt>
          <dd safe>{formatDateTime(locale, segment.updatedAt)}</dd>
        </dl>
        <div aria-live="polite">
          <LiveCount view={view} count={count} />
        </div>
      </div>
      {preview ? (
        <section class="card" aria-labelledby="segment-recipients-title">
          <h2 id="segment-recipients-title" safe>
            {t('segments.recipients')}
          </h2>
          <PreviewTable view={view} rows={preview} count={count} />
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** The confirmation step before a segment is deleted; a segment a mailing uses is kept, and the page says so. */
export function DeleteSegmentPage({ view, segment, summary, inUse }: { view: View; segment: Segment; summary: string; inUse: boolean }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('segments.delete_title', { name: segment.name })}>
      <p class="breadcrumbs">
        <a href={`/segments/${segment.id}`} safe>
          {segment.name}
        </a>
      </p>
      <div class="card narrow">
        <h1 safe>{t('segments.delete_title', { name: segment.name })}</h1>
        <p safe>{summary}</p>
        {inUse ? (
          <div class="error-summary" role="alert" id="field-id">
            <p safe>{t('segment.in_use')}</p>
          </div>
        ) : (
          <p safe>{t('segments.delete_text')}</p>
        )}
        <form method="post" action={`/segments/${segment.id}/delete`} class="form-actions">
          <Csrf view={view} />
          {inUse ? (
            ''
          ) : (
            <button type="submit" class="button button-danger" safe>
              {t('segments.delete_confirm')}
            </button>
          )}
          <a href={`/segments/${segment.id}`} class="button button-secondary" safe>
            {t('segments.cancel')}
          </a>
        </form>
      </div>
    </Layout>
  );
}
