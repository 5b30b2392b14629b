import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allow } from '../../platform/http/guard.js';
import { formValues, safeNext } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { can } from './policy.js';
import { listManagedPosts, postFor, postPath, type PostRow } from './queries.js';
import { createPost, deletePost, publishPost, unpublishPost, updatePost, type PostResult } from './posts.js';
import { COVER_MAX_BYTES } from './cover.js';
import { possibleAuthors, unitsForWriting } from './page-queries.js';
import { parseEditPostForm, parseNewPostForm, problemsToErrors, valuesOf } from './page-form.js';
import { refuse } from '../../platform/outcomes.js';
import { DeletePostPage, PostFormPage } from './pages/edit.js';
import { ManagePostsPage } from './pages/manage.js';

// A cover over the limit is cut off rather than refused mid-upload, so the form can say so in words.
const uploadConfig = {
  multipartOptions: { limits: { fileSize: COVER_MAX_BYTES, files: 1, fields: 20, parts: 21 }, throwFileSizeLimit: false },
} as FastifyContextConfig;

/** The staff's pages: the list with drafts, the new-post and edit forms, publishing and deleting. */
export async function newsManagePages(app: FastifyInstance): Promise<void> {
  const formPage = async (req: FastifyRequest, reply: FastifyReply, post: PostRow | null, form: FormState, status = 200) => {
    const [units, people] = await Promise.all([unitsForWriting(app.db, req.actor), possibleAuthors(app.db, req.actor, req.locale)]);
    // An author who has since left the office stays on the list, or saving would quietly drop their name.
    const kept = post?.authorId && post.authorName && !people.some((a) => a.id === post.authorId) ? [{ id: post.authorId, name: post.authorName }] : [];
    const authors = [...kept, ...people];
    return reply.status(status).header('cache-control', 'no-store').html(<PostFormPage view={await reply.view()} post={post} form={form} units={units} authors={authors} />);
  };

  /** The post in the URL, if the actor writes for its unit; out of sight is 404 (or the log-in page). */
  const writable = async (req: FastifyRequest) => {
    const found = await postFor(app.db, req.actor, (req.params as { slug: string }).slug, 'news.write');
    if (!found.ok) refuse(req, found);
    return found.post;
  };

  /** A refused save shows the form again with what was typed; a refusal out of sight is 404. */
  const afterSave = async (req: FastifyRequest, reply: FastifyReply, result: PostResult, post: PostRow | null, values: Record<string, unknown>) => {
    if (result.ok) {
      reply.flash('success', req.t(post ? 'form.saved' : result.post.status === 'published' ? 'news_page.flash.published' : 'news_page.flash.draft_saved'));
      return reply.redirect(post ? postPath(result.post.slug) : `${postPath(result.post.slug)}/edit`, 303);
    }
    if (result.reason !== 'invalid') return refuse(req, result);
    return formPage(req, reply, post, { values, errors: problemsToErrors(req, result.errors) }, 422);
  };

  app.get('/news/manage', async (req, reply) => {
    allow(req, can(req.actor, 'news.manage'));
    return reply.header('cache-control', 'no-store').html(<ManagePostsPage view={await reply.view()} posts={await listManagedPosts(app.db, req.actor)} />);
  });

  app.get('/news/new', async (req, reply) => {
    allow(req, can(req.actor, 'news.manage'));
    const units = await unitsForWriting(app.db, req.actor);
    const me = req.actor.kind === 'person' ? req.actor.personId : '';
    return formPage(req, reply, null, emptyForm({ kind: 'news', audience: 'public', unitId: units[0]?.id, authorId: me, commentsEnabled: true }));
  });

  app.post(
    '/news/new',
    {
      config: uploadConfig,
      // Whoever may not write is refused before the server takes their upload.
      onRequest: async (req) => allow(req, can(req.actor, 'news.manage')),
    },
    async (req, reply) => {
      allow(req, can(req.actor, 'news.manage'));
      const form = await parseNewPostForm(req);
      if (!form.ok) return formPage(req, reply, null, form, 422);
      const result = await createPost(app.db, req.actor, form.data, { cover: form.cover });
      return afterSave(req, reply, result, null, form.values);
    },
  );

  app.get<{ Params: { slug: string } }>('/news/:slug/edit', async (req, reply) => {
    const post = await writable(req);
    return formPage(req, reply, post, emptyForm(valuesOf(post)));
  });

  app.post<{ Params: { slug: string } }>(
    '/news/:slug/edit',
    {
      config: uploadConfig,
      onRequest: async (req) => {
        await writable(req);
      },
    },
    async (req, reply) => {
      const post = await writable(req);
      const form = await parseEditPostForm(req);
      if (!form.ok) return formPage(req, reply, post, form, 422);
      const result = await updatePost(app.db, req.actor, post.id, form.data, { cover: form.cover });
      return afterSave(req, reply, result, post, form.values);
    },
  );

  const changeState = (publish: boolean) => async (req: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply) => {
    const post = await writable(req);
    const result = await (publish ? publishPost : unpublishPost)(app.db, req.actor, post.id);
    if (!result.ok) {
      if (result.reason !== 'invalid') return refuse(req, result);
      // A post that breaks a rule since it was saved (a cover without its text) is fixed on its form first.
      return formPage(req, reply, post, { values: valuesOf(post), errors: problemsToErrors(req, result.errors) }, 422);
    }
    reply.flash('success', req.t(publish ? 'news_page.flash.published' : 'news_page.flash.unpublished'));
    return reply.redirect(safeNext(formValues(req.body).next, `${postPath(post.slug)}/edit`), 303);
  };
  app.post('/news/:slug/publish', changeState(true));
  app.post('/news/:slug/unpublish', changeState(false));

  app.get<{ Params: { slug: string } }>('/news/:slug/delete', async (req, reply) => {
    const post = await writable(req);
    return reply.header('cache-control', 'no-store').html(<DeletePostPage view={await reply.view()} post={post} />);
  });

  app.post<{ Params: { slug: string } }>('/news/:slug/delete', async (req, reply) => {
    const post = await writable(req);
    const result = await deletePost(app.db, req.actor, post.id);
    if (!result.ok) return refuse(req, result);
    reply.flash('success', req.t('news_page.flash.deleted', { title: post.title }));
    return reply.redirect('/news/manage', 303);
  });
}
