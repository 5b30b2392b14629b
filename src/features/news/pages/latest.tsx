import type { View } from '../../../platform/html/view.js';
import type { PostRow } from '../queries.js';
import { PostCard } from './parts.js';

/** The front page's block of the newest public posts; nothing at all when there are none. */
export function LatestNews({ view, posts }: { view: View; posts: PostRow[] }): JSX.Element {
  if (posts.length === 0) return '';
  const { t } = view;
  return (
    <section class="news-latest" aria-labelledby="latest-news-title">
      <div class="page-header">
        <h2 id="latest-news-title" safe>
          {t('news_page.latest_title')}
        </h2>
        <a href="/news" safe>
          {t('news_page.all_news')}
        </a>
      </div>
      <ul class="event-list">
        {posts.map((p) => (
          <PostCard view={view} post={p} headingLevel={3} />
        ))}
      </ul>
    </section>
  );
}
