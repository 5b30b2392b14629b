import { Layout } from '../../../platform/html/layout.js';
import { EmptyState, PageHeader, Pagination } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import { postKinds, type PostKind } from '../tables.js';
import type { PostRow } from '../queries.js';
import { PostCard } from './parts.js';
import { postKindPluralLabel } from '../labels.js';

export interface FeedLink {
  href: string;
  type: string;
  title: string;
}

export function newsListHref(kind: PostKind | undefined, page?: number): string {
  const s = new URLSearchParams();
  if (kind) s.set('kind', kind);
  if (page && page > 1) s.set('page', String(page));
  const text = s.toString();
  return text ? `/news?${text}` : '/news';
}

/** All, news or blog: links, so the filter works without JavaScript and can be shared. */
function KindTabs({ view, kind }: { view: View; kind: PostKind | undefined }): JSX.Element {
  const { t } = view;
  const tabs: { kind: PostKind | undefined; label: string }[] = [{ kind: undefined, label: t('news_page.all') }, ...postKinds.map((k) => ({ kind: k, label: t(postKindPluralLabel[k]) }))];
  return (
    <nav class="event-tabs" aria-label={t('news_page.filter')}>
      <ul>
        {tabs.map((tab) => (
          <li>
            <a href={newsListHref(tab.kind)} aria-current={tab.kind === kind ? 'page' : undefined} safe>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** /news: what the reader may read, newest first; members-only posts (for members) carry a badge. */
export function NewsListPage({
  view,
  data,
  kind,
  feeds,
  canWrite,
}: {
  view: View;
  data: { items: PostRow[]; total: number; page: number; pageSize: number };
  kind: PostKind | undefined;
  feeds: FeedLink[];
  canWrite: boolean;
}): JSX.Element {
  const { t, locale } = view;
  const pageCount = Math.ceil(data.total / data.pageSize);
  return (
    <Layout view={view} title={t('news_page.title')} feeds={feeds}>
      <PageHeader title={t('news_page.title')} lead={t('news_page.lead', { organisation: view.org.shortName })}>
        {canWrite ? (
          <>
            <a href="/news/new" class="button" safe>
              {t('news_page.new')}
            </a>
            <a href="/news/manage" class="button button-secondary" safe>
              {t('news_page.manage')}
            </a>
          </>
        ) : (
          ''
        )}
      </PageHeader>
      <KindTabs view={view} kind={kind} />
      <p class="result-count" role="status" safe>
        {t('news_page.count', { count: data.total, formatted: formatNumber(locale, data.total) })}
      </p>
      {data.items.length === 0 ? (
        <EmptyState title={t('news_page.empty_title')} text={t('news_page.empty_text')} />
      ) : (
        <ul class="event-list">
          {data.items.map((p) => (
            <PostCard view={view} post={p} />
          ))}
        </ul>
      )}
      <Pagination view={view} page={data.page} pageCount={pageCount} hrefFor={(p) => newsListHref(kind, p)} />
      <p class="news-feeds">
        <span safe>{t('news_page.follow')}</span>{' '}
        {feeds.map((f, i) => (
          <>
            {i > 0 ? ' · ' : ''}
            <a href={f.href} type={f.type} safe>
              {f.title}
            </a>
          </>
        ))}
      </p>
    </Layout>
  );
}
