import { Badge } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { coverPath, postPath, type PostRow } from '../queries.js';
import { postKindLabel, postStatusLabel } from '../labels.js';

/** Nyhed or Blog, and a lock for members-only posts; drafts (on the staff pages) say so. */
export function PostBadges({ view, post, status = false }: { view: View; post: Pick<PostRow, 'kind' | 'audience' | 'status' | 'publishedAt'>; status?: boolean }): JSX.Element {
  const { t } = view;
  const scheduled = post.status === 'published' && post.publishedAt !== null && post.publishedAt.getTime() > Date.now();
  return (
    <>
      <Badge kind="neutral">
        <span safe>{t(postKindLabel[post.kind])}</span>
      </Badge>
      {post.audience === 'members' ? (
        <>
          {' '}
          <Badge kind="info">
            <span safe>{t('news_page.members_only')}</span>
          </Badge>
        </>
      ) : (
        ''
      )}
      {status ? (
        <>
          {' '}
          <Badge kind={post.status === 'draft' ? 'warning' : scheduled ? 'info' : 'success'}>
            <span safe>{t(postStatusLabel[scheduled ? 'scheduled' : post.status])}</span>
          </Badge>
        </>
      ) : (
        ''
      )}
    </>
  );
}

/** "3. marts 2026 · Mette Holm · Kreds Nord": when, who and which unit. */
export function postByline(view: View, post: Pick<PostRow, 'publishedAt' | 'authorName' | 'unitName'>): string {
  const parts = [post.publishedAt ? formatDate(view.locale, post.publishedAt) : view.t('news.status.draft'), post.authorName ?? view.t('news_page.editorial_team'), post.unitName];
  return parts.join(' · ');
}

/** A post in a list: cover (when it has one), title, badges, byline and summary. */
export function PostCard({ view, post, headingLevel = 2 }: { view: View; post: PostRow; headingLevel?: 2 | 3 }): JSX.Element {
  const cover = coverPath(post);
  const title = (
    <a href={postPath(post.slug)} safe>
      {post.title}
    </a>
  );
  return (
    <li class="event-card news-card">
      {cover ? <img src={cover} alt={post.coverAlt ?? ''} class="news-card-cover" loading="lazy" width="640" height="360" /> : ''}
      {headingLevel === 2 ? <h2 class="event-card-title">{title}</h2> : <h3 class="event-card-title">{title}</h3>}
      <p class="event-card-badges">
        <PostBadges view={view} post={post} />
      </p>
      <p class="muted news-byline" safe>
        {postByline(view, post)}
      </p>
      {post.summary ? <p class="news-summary" safe>{post.summary}</p> : ''}
    </li>
  );
}

/** "Nyheder / <title>": the way back to the list. */
export function NewsCrumbs({ view, post }: { view: View; post?: { slug: string; title: string } }): JSX.Element {
  return (
    <nav class="breadcrumbs" aria-label={view.t('layout.breadcrumbs')}>
      <a href="/news" safe>
        {view.t('news_page.title')}
      </a>
      {post ? (
        <>
          <span aria-hidden="true"> / </span>
          <a href={postPath(post.slug)} safe>
            {post.title}
          </a>
        </>
      ) : (
        ''
      )}
    </nav>
  );
}

/** Plain text with its line breaks kept, every line escaped: a comment is never markup. */
export function PlainText({ text }: { text: string }): JSX.Element {
  const lines = text.split(/\r\n|\r|\n/);
  return (
    <>
      {lines.map((line, i) => (
        <>
          {i > 0 ? <br /> : ''}
          <span safe>{line}</span>
        </>
      ))}
    </>
  );
}
