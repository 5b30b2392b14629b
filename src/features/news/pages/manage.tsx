import { Layout } from '../../../platform/html/layout.js';
import { Csrf, EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import { postPath, type PostRow } from '../queries.js';
import { NewsCrumbs, PostBadges } from './parts.js';

/** The staff list: every post of the units the reader writes for, drafts first, with publish and edit at hand. */
export function ManagePostsPage({ view, posts }: { view: View; posts: PostRow[] }): JSX.Element {
  const { t, locale } = view;
  return (
    <Layout view={view} title={t('news_page.manage_title')}>
      <NewsCrumbs view={view} />
      <PageHeader title={t('news_page.manage_title')} lead={t('news_page.manage_lead')}>
        <a href="/news/new" class="button" safe>
          {t('news_page.new')}
        </a>
      </PageHeader>
      {posts.length === 0 ? (
        <EmptyState title={t('news_page.manage_empty')} />
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden" safe>
              {t('news_page.manage_title')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('fields.title')}
                </th>
                <th scope="col" safe>
                  {t('fields.status')}
                </th>
                <th scope="col" safe>
                  {t('fields.unitId')}
                </th>
                <th scope="col" safe>
                  {t('news_page.published_on')}
                </th>
                <th scope="col" class="numeric" safe>
                  {t('news_page.comments')}
                </th>
                <th scope="col" safe>
                  {t('form.actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {posts.map((p) => (
                <tr>
                  <th scope="row">
                    <a href={postPath(p.slug)} safe>
                      {p.title}
                    </a>
                    <span class="cell-note muted" safe>
                      {p.authorName ?? t('news_page.editorial_team')}
                    </span>
                  </th>
                  <td>
                    <PostBadges view={view} post={p} status />
                  </td>
                  <td safe>{p.unitName}</td>
                  <td class="nowrap" safe>
                    {p.publishedAt ? formatDate(locale, p.publishedAt) : t('news.status.draft')}
                  </td>
                  <td class="numeric" safe>
                    {formatNumber(locale, p.commentCount)}
                  </td>
                  <td>
                    <div class="inline-actions">
                      <a href={`${postPath(p.slug)}/edit`} class="button button-small button-secondary" aria-label={t('news_page.edit_named', { title: p.title })} safe>
                        {t('news_page.edit')}
                      </a>
                      <form method="post" action={`${postPath(p.slug)}/${p.status === 'published' ? 'unpublish' : 'publish'}`}>
                        <Csrf view={view} />
                        <input type="hidden" name="next" value="/news/manage" />
                        <button type="submit" class={p.status === 'published' ? 'button button-small button-secondary' : 'button button-small'} aria-label={t(p.status === 'published' ? 'news_page.unpublish_named' : 'news_page.publish_named', { title: p.title })} safe>
                          {t(p.status === 'published' ? 'news_page.unpublish' : 'news_page.publish')}
                        </button>
                      </form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
