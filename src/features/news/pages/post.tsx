import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, TextArea } from '../../../platform/html/components.js';
import { Markdown } from '../../../platform/html/markdown.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatDateTime, formatNumber } from '../../../platform/i18n/format.js';
import { coverPath, postPath, type PostRow } from '../queries.js';
import type { CommentRow } from '../comments.js';
import { COMMENT_MAX } from '../schema.js';
import { NewsCrumbs, PlainText, postByline, PostBadges } from './parts.js';

export interface PostMay {
  write: boolean;
  comment: boolean;
  moderate: boolean;
  /** Members and staff read the comments; everyone else is told to log in. */
  readComments: boolean;
}

/** The editors' buttons on one comment: hide (with an optional reason) or show again, and delete. */
function CommentActions({ view, post, c, may }: { view: View; post: PostRow; c: CommentRow; may: PostMay }): JSX.Element {
  const { t } = view;
  const base = `${postPath(post.slug)}/comments/${c.id}`;
  const mayDelete = may.moderate || c.mine;
  if (!may.moderate && !mayDelete) return '';
  return (
    <div class="inline-actions news-comment-actions">
      {may.moderate && !c.hidden ? (
        <form method="post" action={`${base}/hide`} class="news-hide-form">
          <Csrf view={view} />
          <label for={`hide-${c.id}-reason`} class="visually-hidden" safe>
            {t('news_page.hide_reason', { name: c.authorName })}
          </label>
          <input type="text" id={`hide-${c.id}-reason`} name="reason" placeholder={t('news_page.hide_reason_placeholder')} />
          <button type="submit" class="button button-small button-secondary" safe>
            {t('news_page.hide')}
          </button>
        </form>
      ) : (
        ''
      )}
      {may.moderate && c.hidden ? (
        <form method="post" action={`${base}/show`}>
          <Csrf view={view} />
          <button type="submit" class="button button-small button-secondary" safe>
            {t('news_page.show')}
          </button>
        </form>
      ) : (
        ''
      )}
      {mayDelete ? (
        <form method="post" action={`${base}/delete`}>
          <Csrf view={view} />
          <button type="submit" class="button button-small button-danger" aria-label={t(c.mine ? 'news_page.delete_own_comment' : 'news_page.delete_comment_of', { name: c.authorName })} safe>
            {t('news_page.delete')}
          </button>
        </form>
      ) : (
        ''
      )}
    </div>
  );
}

function Comments({ view, post, comments, may, form }: { view: View; post: PostRow; comments: CommentRow[]; may: PostMay; form: FormState }): JSX.Element {
  const { t, locale } = view;
  const anonymous = view.actor.kind === 'anonymous';
  return (
    <section class="card news-comments" aria-labelledby="comments-title" id="comments">
      <h2 id="comments-title" safe>
        {t('news_page.comments_title', { count: post.commentCount, formatted: formatNumber(locale, post.commentCount) })}
      </h2>
      {!may.readComments ? (
        <p>
          <span safe>{t('news_page.comments_for_members')}</span>{' '}
          {anonymous ? (
            <a href={`/login?next=${encodeURIComponent(`${postPath(post.slug)}#comments`)}`} safe>
              {t('news_page.login_to_comment')}
            </a>
          ) : (
            ''
          )}
        </p>
      ) : comments.length === 0 ? (
        <p class="muted" safe>
          {t('news_page.no_comments')}
        </p>
      ) : (
        <ol class="news-comment-list">
          {comments.map((c) => (
            <li class={c.hidden ? 'news-comment news-comment-hidden' : 'news-comment'} id={`comment-${c.id}`}>
              <p class="news-comment-head">
                <strong safe>{c.authorName}</strong> <span class="muted" safe>{formatDateTime(locale, c.createdAt)}</span>
              </p>
              {c.hidden ? (
                <p class="news-comment-note" safe>
                  {c.hiddenReason ? t('news_page.hidden_with_reason', { reason: c.hiddenReason }) : t('news_page.hidden')}
                </p>
              ) : (
                ''
              )}
              <p class="news-comment-body">
                <PlainText text={c.body} />
              </p>
              <CommentActions view={view} post={post} c={c} may={may} />
            </li>
          ))}
        </ol>
      )}
      {may.comment ? (
        <form method="post" action={`${postPath(post.slug)}/comments`} class="news-comment-form" novalidate>
          <Csrf view={view} />
          <ErrorSummary view={view} errors={form.errors} prefix="comment" />
          <TextArea
            name="comment"
            prefix="comment"
            label={t('news_page.your_comment')}
            hint={t('news_page.comment_hint', { max: formatNumber(locale, COMMENT_MAX) })}
            value={form.values.comment}
            errors={form.errors}
            rows={4}
            maxlength={COMMENT_MAX}
            required
          />
          <button type="submit" class="button" safe>
            {t('news_page.post_comment')}
          </button>
        </form>
      ) : may.readComments && !post.commentsEnabled ? (
        <p class="muted" safe>
          {t('news_page.comments_closed')}
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

/** One post: title, badges, byline, cover, summary and the Markdown body; then the comments. */
export function PostPage({ view, post, comments, may, form }: { view: View; post: PostRow; comments: CommentRow[]; may: PostMay; form: FormState }): JSX.Element {
  const { t } = view;
  const cover = coverPath(post);
  return (
    <Layout view={view} title={post.title}>
      <NewsCrumbs view={view} />
      <article class="news-article">
        <header class="news-article-header">
          <h1 safe>{post.title}</h1>
          <p class="event-card-badges">
            <PostBadges view={view} post={post} status={may.write} />
          </p>
          <p class="muted news-byline" safe>
            {postByline(view, post)}
          </p>
          {may.write ? (
            <p class="inline-actions">
              <a href={`${postPath(post.slug)}/edit`} class="button button-small button-secondary" safe>
                {t('news_page.edit')}
              </a>
            </p>
          ) : (
            ''
          )}
        </header>
        {cover ? <img src={cover} alt={post.coverAlt ?? ''} class="news-cover" width="1200" height="675" /> : ''}
        {post.summary ? <p class="lead news-lead" safe>{post.summary}</p> : ''}
        <div class="card">
          <Markdown text={post.body} />
        </div>
      </article>
      <Comments view={view} post={post} comments={comments} may={may} form={form} />
    </Layout>
  );
}
