import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { allow, LoginRequired } from '../../platform/http/guard.js';
import { uploadedFileHeaders } from '../../platform/http/downloads.js';
import { formValues, parseForm } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { FEED_MEDIA_TYPE } from '../../platform/html/feed.js';
import { fieldError, ProblemError } from '../../platform/errors.js';
import { can, readsMembersOnly } from './policy.js';
import { listPosts, postFor, postPath } from './queries.js';
import { refuse } from '../../platform/outcomes.js';
import { addComment, deleteComment, listComments, setCommentHidden } from './comments.js';
import { getCover } from './cover.js';
import { commentInput, hideInput, NEWS_PAGE_SIZE, postListQuery } from './schema.js';
import { NewsListPage, type FeedLink } from './pages/list.js';
import { PostPage } from './pages/post.js';
import type { LabelTable } from '../../platform/i18n/labels.js';

/** What the flash says once a comment is hidden, shown again or deleted. */
const DONE = {
  hide: 'news_page.flash.comment_hidden',
  show: 'news_page.flash.comment_shown',
  delete: 'news_page.flash.comment_deleted',
} as const satisfies LabelTable<'hide' | 'show' | 'delete'>;
const commentParams = z.object({ slug: z.string().max(200), commentId: z.uuid() });

/** The feeds a page announces in its head and links at its foot. */
export function newsFeeds(req: FastifyRequest): FeedLink[] {
  return [
    { href: '/news/feed.atom', type: FEED_MEDIA_TYPE.atom, title: req.t('news_page.feed_atom') },
    { href: '/news/feed.rss', type: FEED_MEDIA_TYPE.rss, title: req.t('news_page.feed_rss') },
  ];
}

/**
 * The readers' pages: the list, one post with its comments, the cover image, and writing, hiding,
 * showing and deleting comments. Each action calls the same use case the API would.
 */
export async function newsPages(app: FastifyInstance): Promise<void> {
  // Comments are a form anyone with a membership may post: the same budget as other such forms, per person.
  const commentLimit = {
    // Counted once the person is known (preHandler), so one member's burst does not block a whole office behind one address.
    rateLimit: { max: app.config.LOGIN_RATE_LIMIT, timeWindow: '1 minute', hook: 'preHandler' as const, keyGenerator: (req: FastifyRequest) => (req.actor?.kind === 'person' ? `news-comment:${req.actor.personId}` : `news-comment:${req.ip}`) },
  };

  app.get('/news', async (req, reply) => {
    allow(req, can(req.actor, 'news.list'));
    const parsed = postListQuery.safeParse(req.query);
    const query = parsed.success ? parsed.data : { kind: undefined, page: 1 };
    const data = await listPosts(app.db, req.actor, { ...query, pageSize: NEWS_PAGE_SIZE });
    // Members see members-only posts in the list: no shared cache may keep their page.
    if (req.actor.kind !== 'anonymous') reply.header('cache-control', 'private, no-store');
    return reply.html(<NewsListPage view={await reply.view()} data={data} kind={query.kind} feeds={newsFeeds(req)} canWrite={can(req.actor, 'news.manage')} />);
  });

  const postPage = async (req: FastifyRequest, reply: FastifyReply, slug: string, form: FormState = emptyForm(), status = 200) => {
    const found = await postFor(app.db, req.actor, slug);
    if (!found.ok) refuse(req, found);
    const post = found.post;
    const comments = await listComments(app.db, req.actor, post);
    const may = {
      write: can(req.actor, 'news.write', post),
      comment: can(req.actor, 'news.comment', post),
      moderate: can(req.actor, 'news.moderate', post),
      readComments: readsMembersOnly(req.actor),
    };
    if (req.actor.kind !== 'anonymous' || post.audience !== 'public') reply.header('cache-control', 'private, no-store');
    return reply.status(status).html(<PostPage view={await reply.view()} post={post} comments={comments} may={may} form={form} />);
  };

  app.get<{ Params: { slug: string } }>('/news/:slug', async (req, reply) => postPage(req, reply, req.params.slug));

  app.get<{ Params: { slug: string } }>('/news/:slug/cover', async (req, reply) => {
    const cover = await getCover(app.db, req.actor, req.params.slug);
    if (!cover) return reply.status(404).type('text/plain; charset=utf-8').send('');
    return uploadedFileHeaders(reply, { contentType: cover.mime, cacheControl: cover.public ? 'public, max-age=3600' : 'private, no-store' }).send(cover.bytes);
  });

  app.post<{ Params: { slug: string } }>('/news/:slug/comments', { config: commentLimit }, async (req, reply) => {
    const found = await postFor(app.db, req.actor, req.params.slug);
    if (!found.ok) refuse(req, found);
    const post = found.post;
    if (!can(req.actor, 'news.comment', post)) {
      if (req.actor.kind === 'anonymous') throw new LoginRequired();
      if (readsMembersOnly(req.actor) && !post.commentsEnabled) {
        return postPage(req, reply, post.slug, { values: formValues(req.body), errors: [fieldError(req.t, 'comment', 'news.comments_closed')] }, 409);
      }
      throw new ProblemError(403, 'http.forbidden');
    }
    const form = parseForm(commentInput, req.body, req.t);
    if (!form.ok) return postPage(req, reply, post.slug, form, 422);
    const result = await addComment(app.db, req.actor, post.id, form.data);
    if (!result.ok) {
      if (result.reason === 'not_found' || result.reason === 'forbidden') refuse(req, result);
      return postPage(req, reply, post.slug, { values: formValues(req.body), errors: [fieldError(req.t, 'comment', 'news.comments_closed')] }, 409);
    }
    reply.flash('success', req.t('news_page.flash.commented'));
    return reply.redirect(`${postPath(post.slug)}#comment-${result.commentId}`, 303);
  });

  const commentAction = (action: 'hide' | 'show' | 'delete') => async (req: FastifyRequest, reply: FastifyReply) => {
    const params = commentParams.safeParse(req.params);
    if (!params.success) throw new ProblemError(404, 'http.not_found');
    const found = await postFor(app.db, req.actor, params.data.slug);
    if (!found.ok) refuse(req, found);
    const { post } = found;
    let result;
    if (action === 'delete') result = await deleteComment(app.db, req.actor, post.id, params.data.commentId);
    else if (action === 'show') result = await setCommentHidden(app.db, req.actor, post.id, params.data.commentId, null);
    else {
      const form = parseForm(hideInput, req.body, req.t);
      if (!form.ok) {
        reply.flash('error', form.errors.map((e) => e.message).join(' '));
        return reply.redirect(`${postPath(post.slug)}#comment-${params.data.commentId}`, 303);
      }
      result = await setCommentHidden(app.db, req.actor, post.id, params.data.commentId, form.data);
    }
    if (!result.ok) refuse(req, result);
    reply.flash('success', req.t(DONE[action]));
    return reply.redirect(`${postPath(post.slug)}${action === 'delete' ? '#comments' : `#comment-${params.data.commentId}`}`, 303);
  };

  app.post('/news/:slug/comments/:commentId/hide', commentAction('hide'));
  app.post('/news/:slug/comments/:commentId/show', commentAction('show'));
  app.post('/news/:slug/comments/:commentId/delete', commentAction('delete'));
}
