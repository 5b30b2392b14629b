import { Layout } from '../../../platform/html/layout.js';
import { Badge, Csrf, ErrorSummary, TextArea } from '../../../platform/html/components.js';
import { Markdown } from '../../../platform/html/markdown.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { PostView, ThreadView } from '../threads.js';
import { Crumbs } from './parts.js';

/** A coordinator's way to hide a thread or a post: a reason is required, and kept with it. */
function HideForm({ view, action, id }: { view: View; action: string; id: string }): JSX.Element {
  const { t } = view;
  return (
    <details>
      <summary safe>{t('networks.moderation.hide')}</summary>
      <form method="post" action={action}>
        <Csrf view={view} />
        <input type="hidden" name="hidden" value="true" />
        <p>
          <label for={`${id}-reason`} safe>
            {t('networks.moderation.reason')}
          </label>
          <textarea id={`${id}-reason`} name="reason" rows="2" required></textarea>
        </p>
        <button type="submit" class="button button-danger" safe>
          {t('networks.moderation.hide_submit')}
        </button>
      </form>
    </details>
  );
}

function Post({ view, post, canModerate }: { view: View; post: PostView; canModerate: boolean }): JSX.Element {
  const { t, locale } = view;
  return (
    <article class="card network-post" id={`post-${post.seq}`} aria-labelledby={`post-${post.seq}-by`}>
      <header>
        <p id={`post-${post.seq}-by`}>
          <strong safe>{post.authorName ?? t('networks.mail.unknown_author')}</strong>{' '}
          {post.byExpert ? (
            <Badge kind="success">
              <span safe>{t('networks.thread.expert')}</span>
            </Badge>
          ) : (
            ''
          )}{' '}
          <time datetime={post.createdAt.toISOString()} safe>
            {formatDateTime(locale, post.createdAt)}
          </time>
          {post.editedAt && !post.deleted ? (
            <span class="cell-note" safe>
              {t('networks.thread.edited', { at: formatDateTime(locale, post.editedAt) })}
            </span>
          ) : (
            ''
          )}
        </p>
      </header>
      {post.deleted ? (
        <p class="muted" safe>
          {t('networks.thread.deleted')}
        </p>
      ) : post.hidden ? (
        <>
          <p class="muted" safe>
            {canModerate && post.hiddenReason ? t('networks.thread.hidden_with_reason', { reason: post.hiddenReason }) : t('networks.thread.hidden')}
          </p>
          {canModerate && post.body ? (
            <div class="network-hidden-body">
              <Markdown text={post.body} />
            </div>
          ) : (
            ''
          )}
        </>
      ) : (
        <Markdown text={post.body} />
      )}
      <footer class="inline-actions">
        {post.mine ? (
          <>
            <a href={`/networks/posts/${post.id}/edit`} class="button button-secondary button-small" safe>
              {t('networks.thread.edit')}
            </a>
            {/* Deleting asks once more, without JavaScript: the button is behind a disclosure. */}
            <details>
              <summary safe>{t('networks.thread.delete')}</summary>
              <form method="post" action={`/networks/posts/${post.id}/delete`}>
                <Csrf view={view} />
                <p class="hint" safe>
                  {t('networks.thread.delete_confirm')}
                </p>
                <button type="submit" class="button button-danger" safe>
                  {t('networks.thread.delete_submit')}
                </button>
              </form>
            </details>
          </>
        ) : (
          ''
        )}
        {canModerate && !post.deleted ? (
          post.hidden ? (
            <form method="post" action={`/networks/posts/${post.id}/hide`}>
              <Csrf view={view} />
              <input type="hidden" name="hidden" value="false" />
              <button type="submit" class="button-link" safe>
                {t('networks.moderation.show')}
              </button>
            </form>
          ) : (
            <HideForm view={view} action={`/networks/posts/${post.id}/hide`} id={`hide-post-${post.seq}`} />
          )
        ) : (
          ''
        )}
      </footer>
    </article>
  );
}

/** Pin, lock, hide: one button each, the state it changes to sent as the value. */
function Moderation({ view, thread }: { view: View; thread: ThreadView }): JSX.Element {
  const { t } = view;
  const action = `/networks/threads/${thread.id}/moderate`;
  return (
    <section class="card" aria-labelledby="moderation">
      <h2 id="moderation" safe>
        {t('networks.moderation.title')}
      </h2>
      <div class="inline-actions">
        <form method="post" action={action}>
          <Csrf view={view} />
          <input type="hidden" name="pinned" value={thread.pinned ? 'false' : 'true'} />
          <button type="submit" class="button button-secondary" safe>
            {thread.pinned ? t('networks.moderation.unpin') : t('networks.moderation.pin')}
          </button>
        </form>
        <form method="post" action={action}>
          <Csrf view={view} />
          <input type="hidden" name="locked" value={thread.locked ? 'false' : 'true'} />
          <button type="submit" class="button button-secondary" safe>
            {thread.locked ? t('networks.moderation.unlock') : t('networks.moderation.lock')}
          </button>
        </form>
        {thread.hidden ? (
          <form method="post" action={action}>
            <Csrf view={view} />
            <input type="hidden" name="hidden" value="false" />
            <button type="submit" class="button button-secondary" safe>
              {t('networks.moderation.show_thread')}
            </button>
          </form>
        ) : (
          ''
        )}
      </div>
      {thread.hidden ? '' : <HideForm view={view} action={action} id="hide-thread" />}
    </section>
  );
}

/**
 * A thread: its posts in order (each with its author, time, the expert's mark, "edited"; a deleted
 * or hidden post keeps its place), the reply form unless the thread is locked, the author's own
 * edit and delete, and the coordinators' pin, lock and hide.
 */
export function ThreadPage({ view, thread, form }: { view: View; thread: ThreadView; form: FormState }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  return (
    <Layout view={view} title={thread.title}>
      <Crumbs view={view} network={thread.network} />
      <h1 safe>{thread.title}</h1>
      <p>
        {thread.pinned ? (
          <Badge kind="neutral">
            <span safe>{t('networks.threads.pinned')}</span>
          </Badge>
        ) : (
          ''
        )}{' '}
        {thread.locked ? (
          <Badge kind="warning">
            <span safe>{t('networks.threads.locked')}</span>
          </Badge>
        ) : (
          ''
        )}{' '}
        {thread.expertAnswered ? (
          <Badge kind="success">
            <span safe>{t('networks.threads.expert_answered')}</span>
          </Badge>
        ) : (
          ''
        )}
      </p>
      {thread.hidden ? (
        <p class="flash flash-warning" safe>
          {t('networks.thread.thread_hidden', { reason: thread.hiddenReason ?? '' })}
        </p>
      ) : (
        ''
      )}
      {thread.posts.map((p) => (
        <Post view={view} post={p} canModerate={thread.canModerate} />
      ))}
      {thread.locked ? (
        <p class="hint" role="status" safe>
          {t('networks.thread.locked_note')}
        </p>
      ) : thread.canReply && !thread.hidden ? (
        <section class="card" aria-labelledby="reply">
          <h2 id="reply" safe>
            {t('networks.thread.reply')}
          </h2>
          <ErrorSummary view={view} errors={form.errors} />
          <form method="post" action={`/networks/threads/${thread.id}/posts`} novalidate>
            <Csrf view={view} />
            <TextArea name="body" label={t('networks.thread.reply_field')} hint={t('networks.markdown_hint')} required value={v.body} rows={6} errors={form.errors} />
            <button type="submit" class="button" safe>
              {t('networks.thread.send')}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
      {thread.canModerate ? <Moderation view={view} thread={thread} /> : ''}
    </Layout>
  );
}

/** The author changes their own post. */
export function EditPostPage({ view, post, thread, form }: { view: View; post: { id: string }; thread: Pick<ThreadView, 'id' | 'title' | 'network'>; form: FormState }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  return (
    <Layout view={view} title={t('networks.thread.edit_title')}>
      <Crumbs view={view} network={thread.network} />
      <div class="card narrow">
        <h1 safe>{t('networks.thread.edit_title')}</h1>
        <p>
          <a href={`/networks/threads/${thread.id}`} safe>
            {thread.title}
          </a>
        </p>
        <ErrorSummary view={view} errors={form.errors} />
        <form method="post" action={`/networks/posts/${post.id}`} novalidate>
          <Csrf view={view} />
          <TextArea name="body" label={t('networks.thread.reply_field')} hint={t('networks.markdown_hint')} required value={v.body} rows={8} errors={form.errors} />
          <button type="submit" class="button" safe>
            {t('networks.thread.save')}
          </button>
        </form>
      </div>
    </Layout>
  );
}
