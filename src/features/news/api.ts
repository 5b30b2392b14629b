import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { allow } from '../../platform/http/guard.js';
import { ProblemError } from '../../platform/errors.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { formT } from './page-form.js';
import { can } from './policy.js';
import { listPosts, postFor, postOutputOf, summaryOutput } from './queries.js';
import { problemFor, type Refusal } from '../../platform/outcomes.js';
import { createPost, updatePost, type PostInvalid } from './posts.js';
import { idParams, NEWS_PAGE_SIZE, postInput, postList, postListQuery, postOutput, postPatch, slugParams } from './schema.js';

/** Every refusal of the news API as problem+json naming the field, in the reader's language (the form's field names). */
export function newsProblem(req: FastifyRequest, r: Refusal | PostInvalid): ProblemError {
  return problemFor(req, r, {}, formT(req.t));
}

/**
 * The news API for integrations (a website, an intranet): published posts the caller may read, and
 * writing posts with a token of staff or board. Covers are uploaded on the pages only.
 */
export async function newsApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['News'];
  const base = app.config.publicUrl;

  r.get(
    '/api/v1/news',
    {
      schema: {
        tags,
        summary: 'Published news and blog posts the caller may read, newest first',
        description: 'Without a token: public posts only. Members-only posts need a token whose role reads them (member, staff, board, admin). No bodies: fetch a post by its slug.',
        querystring: postListQuery,
        response: { 200: postList, 401: problemSchema, 422: problemSchema },
      },
    },
    async (req) => {
      allow(req, can(req.actor, 'news.list'));
      const page = await listPosts(app.db, req.actor, { ...req.query, pageSize: NEWS_PAGE_SIZE });
      return { ...page, items: page.items.map((p) => summaryOutput(p, base)) };
    },
  );

  r.get(
    '/api/v1/news/:slug',
    {
      schema: {
        tags,
        summary: 'One post with its Markdown body',
        description: 'A slug or an id. Drafts only for staff and board of the post’s unit; a post the caller may not read is 404.',
        params: slugParams,
        response: { 200: postOutput, 401: problemSchema, 404: problemSchema },
      },
    },
    async (req) => {
      const found = await postFor(app.db, req.actor, req.params.slug);
      if (!found.ok) throw newsProblem(req, found);
      return postOutputOf(found.post, base);
    },
  );

  r.post(
    '/api/v1/news',
    {
      schema: {
        tags,
        summary: 'Write a post (staff or board of the unit)',
        description:
          '`slug` is made from the title when left out. `authorId` is a staff or board member of the unit; left out, the caller (none for a token). ' +
          '`status: "published"` publishes at once, dated now unless `publishedAt` dates it back.',
        body: postInput,
        response: { 201: postOutput, 401: problemSchema, 403: problemSchema, 422: problemSchema },
      },
    },
    async (req, reply) => {
      allow(req, can(req.actor, 'news.manage'));
      const result = await createPost(app.db, req.actor, req.body);
      if (!result.ok) throw newsProblem(req, result);
      return reply.status(201).send(postOutputOf(result.post, base));
    },
  );

  r.patch(
    '/api/v1/news/:id',
    {
      schema: {
        tags,
        summary: 'Change a post: only the fields given (staff or board of the unit)',
        description: '`status` publishes (`published`) or unpublishes (`draft`); a post keeps its first publication date.',
        params: idParams,
        body: postPatch,
        response: { 200: postOutput, 401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema },
      },
    },
    async (req) => {
      allow(req, req.actor.kind !== 'anonymous');
      const result = await updatePost(app.db, req.actor, req.params.id, req.body);
      if (!result.ok) throw newsProblem(req, result);
      return postOutputOf(result.post, base);
    },
  );
}
