import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { actorPersonId } from '../../platform/actor.js';
import { formValues } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { notFound, refuse, type Refusal } from '../../platform/outcomes.js';
import { networkPosts } from './tables.js';
import { deletePost, editPost, getThread, hidePost, threadFor, moderateThread, replyToThread, searchNetwork, type ModerationInput } from './threads.js';
import { EditPostPage, ThreadPage } from './pages/thread-page.js';
import { SearchPage } from './pages/search-page.js';
import { back, failureText, formErrors, idOf, text } from './pages/page-http.js';

const flag = (v: unknown): boolean | undefined => (v === 'true' ? true : v === 'false' ? false : undefined);

/**
 * A thread's page and what its forms do: reply, edit or delete one's own post, and the
 * coordinators' pin, lock and hide (with a reason) of the thread and its posts; and the search
 * within a network. Anything of a network one is not in is not found.
 */
export async function networkThreadPages(app: FastifyInstance): Promise<void> {
  const ctx = { baseUrl: app.config.publicUrl };

  const threadPage = async (req: FastifyRequest, reply: FastifyReply, id: string, form: FormState = emptyForm(), status = 200) => {
    const found = await getThread(app.db, req.actor, id);
    if (!found.ok) return refuse(req, found);
    reply.header('cache-control', 'no-store');
    return reply.status(status).html(<ThreadPage view={await reply.view()} thread={found.thread} form={form} />);
  };

  app.get('/networks/threads/:id', async (req, reply) => threadPage(req, reply, idOf(req)));

  app.post('/networks/threads/:id/posts', async (req, reply) => {
    const id = idOf(req);
    const values = formValues(req.body);
    const result = await replyToThread(app.db, req.actor, id, { body: text(values.body) }, ctx);
    if (!result.ok) {
      const { errors, status } = formErrors(req, result);
      return threadPage(req, reply, id, { values, errors }, status);
    }
    return back(reply, `/networks/threads/${id}#post-${result.seq}`, 'success', req.t('networks.thread.replied'));
  });

  app.post('/networks/threads/:id/moderate', async (req, reply) => {
    const id = idOf(req);
    const values = formValues(req.body);
    const input: ModerationInput = { pinned: flag(values.pinned), locked: flag(values.locked), hidden: flag(values.hidden), reason: text(values.reason).slice(0, 1000) };
    const result = await moderateThread(app.db, req.actor, id, input);
    if (!result.ok) {
      if (result.reason === 'not_found' || result.reason === 'forbidden') return refuse(req, result as Refusal);
      return back(reply, `/networks/threads/${id}`, 'error', failureText(req, result));
    }
    const message =
      input.hidden === true ? 'networks.moderation.hidden_thread' : input.hidden === false ? 'networks.moderation.shown_thread' : input.locked !== undefined ? (input.locked ? 'networks.moderation.locked' : 'networks.moderation.unlocked') : 'networks.moderation.saved';
    return back(reply, `/networks/threads/${id}`, 'success', req.t(message));
  });

  /** The thread a post is in, for the way back; a post that is not there is not found. */
  const threadOf = async (req: FastifyRequest, postId: string): Promise<{ threadId: string; seq: number; authorId: string | null }> => {
    const [row] = await app.db.select({ threadId: networkPosts.threadId, seq: networkPosts.seq, authorId: networkPosts.authorId }).from(networkPosts).where(eq(networkPosts.id, postId));
    if (!row) return refuse(req, notFound);
    return row;
  };

  const editPage = async (req: FastifyRequest, reply: FastifyReply, postId: string, form: FormState | null, status = 200) => {
    const { threadId, authorId } = await threadOf(req, postId);
    // Someone else's post is refused before the thread is opened (opening it marks it read).
    const access = await threadFor(app.db, req.actor, threadId);
    if (!access.ok) return refuse(req, access);
    if (authorId === null || authorId !== actorPersonId(req.actor)) return refuse(req, 'forbidden');
    const found = await getThread(app.db, req.actor, threadId);
    if (!found.ok) return refuse(req, found);
    const post = found.thread.posts.find((p) => p.id === postId);
    if (!post) return refuse(req, notFound);
    // Only the author edits, and only while the post and the thread are open.
    if (!post.mine) return refuse(req, 'forbidden');
    reply.header('cache-control', 'no-store');
    return reply.status(status).html(<EditPostPage view={await reply.view()} post={post} thread={found.thread} form={form ?? emptyForm({ body: post.body })} />);
  };

  app.get('/networks/posts/:id/edit', async (req, reply) => editPage(req, reply, idOf(req), null));

  app.post('/networks/posts/:id', async (req, reply) => {
    const id = idOf(req);
    const values = formValues(req.body);
    const result = await editPost(app.db, req.actor, id, { body: text(values.body) });
    if (!result.ok) {
      if (result.reason === 'invalid') return editPage(req, reply, id, { values, errors: formErrors(req, result).errors }, 422);
      if (result.reason === 'not_found' || result.reason === 'forbidden') return refuse(req, result as Refusal);
      const { threadId } = await threadOf(req, id);
      return back(reply, `/networks/threads/${threadId}`, 'error', failureText(req, result));
    }
    const { threadId, seq } = await threadOf(req, id);
    return back(reply, `/networks/threads/${threadId}#post-${seq}`, 'success', req.t('networks.thread.saved'));
  });

  app.post('/networks/posts/:id/delete', async (req, reply) => {
    const id = idOf(req);
    const result = await deletePost(app.db, req.actor, id);
    if (!result.ok) {
      if (result.reason === 'not_found' || result.reason === 'forbidden') return refuse(req, result as Refusal);
      const { threadId } = await threadOf(req, id);
      return back(reply, `/networks/threads/${threadId}`, 'error', failureText(req, result));
    }
    const { threadId, seq } = await threadOf(req, id);
    return back(reply, `/networks/threads/${threadId}#post-${seq}`, 'success', req.t('networks.thread.deleted_flash'));
  });

  app.post('/networks/posts/:id/hide', async (req, reply) => {
    const id = idOf(req);
    const values = formValues(req.body);
    const hidden = text(values.hidden) !== 'false';
    const result = await hidePost(app.db, req.actor, id, { hidden, reason: text(values.reason).slice(0, 1000) });
    if (!result.ok) {
      if (result.reason === 'not_found' || result.reason === 'forbidden') return refuse(req, result as Refusal);
      const { threadId, seq } = await threadOf(req, id);
      return back(reply, `/networks/threads/${threadId}#post-${seq}`, 'error', failureText(req, result));
    }
    const { threadId, seq } = await threadOf(req, id);
    return back(reply, `/networks/threads/${threadId}#post-${seq}`, 'success', req.t(hidden ? 'networks.moderation.hidden_post' : 'networks.moderation.shown_post'));
  });

  app.get('/networks/:id/search', async (req, reply) => {
    const id = idOf(req);
    const q = text((req.query as Record<string, unknown> | undefined)?.q).trim().slice(0, 200);
    const result = await searchNetwork(app.db, req.actor, id, q);
    if (!result.ok) return refuse(req, result);
    reply.header('cache-control', 'no-store');
    return reply.html(<SearchPage view={await reply.view()} network={result.network} q={q} hits={result.hits} />);
  });
}
