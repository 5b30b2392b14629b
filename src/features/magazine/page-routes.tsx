import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendFeed } from '../../platform/html/feed.js';
import { ProblemError } from '../../platform/errors.js';
import { can } from './policy.js';
import { articleBySlug, issueBySlug, listIssues } from './queries.js';
import { fileStream, issueFile } from './files.js';
import { magazineFeed } from './feed.js';
import { fileHeaders, refuse } from './http.js';
import { contentDisposition } from '../../platform/http/downloads.js';
import { MagazinePage } from './pages/list.js';
import { IssuePage } from './pages/issue.js';
import { ArticlePage } from './pages/article.js';

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });
const articleParams = slugParams.extend({ articleSlug: z.string().regex(/^[a-z0-9-]{1,80}$/) });
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) });

export function paramsOf<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new ProblemError(404, 'http.not_found');
  return parsed.data;
}
export { slugParams, articleParams };

/** The magazine as readers see it: the covers, an issue, an article, the cover and PDF files and the feed. */
export async function magazinePages(app: FastifyInstance): Promise<void> {

  app.get('/magazine', async (req, reply) => {
    const { page } = pageQuery.parse(req.query ?? {});
    const { published, total, drafts } = await listIssues(app.db, req.actor, page);
    return reply.html(<MagazinePage view={await reply.view()} published={published} total={total} page={page} drafts={drafts} />);
  });

  app.get('/magazine/feed.atom', async (req, reply) => {
    const xml = await magazineFeed(app.db, { baseUrl: app.config.publicUrl, title: req.t('magazine.feed_title', { organisation: (await reply.view()).org.name }), language: req.locale });
    return sendFeed(reply, 'atom', xml);
  });

  app.get('/magazine/:slug', async (req, reply) => {
    const { slug } = paramsOf(slugParams, req.params);
    const found = await issueBySlug(app.db, req.actor, slug);
    if (!found.ok) refuse(req, found);
    if (found.issue.status === 'draft') reply.header('cache-control', 'no-store');
    return reply.html(<IssuePage view={await reply.view()} issue={found.issue} may={found.may} />);
  });

  app.get('/magazine/:slug/cover', async (req, reply) => {
    const { slug } = paramsOf(slugParams, req.params);
    const found = await issueFile(app.db, req.actor, slug, 'cover');
    if (!found.ok) refuse(req, found);
    const ext = found.file.contentType.split('/')[1];
    return fileHeaders(reply, found.file, contentDisposition('inline', `${slug}.${ext === 'jpeg' ? 'jpg' : ext}`)).send(fileStream(app.db, found.file));
  });

  app.get('/magazine/:slug/pdf', async (req, reply) => {
    const { slug } = paramsOf(slugParams, req.params);
    const found = await issueFile(app.db, req.actor, slug, 'pdf');
    if (!found.ok) refuse(req, found);
    fileHeaders(reply, found.file, contentDisposition('attachment', `${slug}.pdf`));
    if (req.headers['if-none-match'] === `"${found.file.id}"`) return reply.removeHeader('content-length').status(304).send();
    return reply.send(fileStream(app.db, found.file));
  });

  app.get('/magazine/:slug/:articleSlug', async (req, reply) => {
    const { slug, articleSlug } = paramsOf(articleParams, req.params);
    const found = await articleBySlug(app.db, req.actor, slug, articleSlug);
    if (!found.ok) refuse(req, found);
    if (found.issue.status === 'draft' || found.issue.audience === 'members') reply.header('cache-control', 'private, no-store');
    return reply.html(<ArticlePage view={await reply.view()} issue={found.issue} article={found.article} previous={found.previous} next={found.next} manage={can(req.actor, 'magazine.manage')} />);
  });
}
