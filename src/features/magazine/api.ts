import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemSchema } from '../../platform/http/openapi.js';
import { articlesOf, readableIssues, type ArticleSummary, type IssueCard } from './queries.js';
import { articlePath, issuePath } from './feed.js';
import { issueList, type IssueOutput } from './schema.js';

export const coverPath = (issue: { slug: string; coverId: string | null }) => (issue.coverId ? `${issuePath(issue.slug)}/cover?v=${issue.coverId}` : null);
export const pdfPath = (issue: { slug: string; pdfId: string | null }) => (issue.pdfId ? `${issuePath(issue.slug)}/pdf?v=${issue.pdfId}` : null);

export function issueJson(issue: IssueCard, articles: ArticleSummary[], baseUrl: string): IssueOutput {
  const cover = coverPath(issue);
  const pdf = pdfPath(issue);
  return {
    id: issue.id,
    slug: issue.slug,
    title: issue.title,
    number: issue.number,
    year: issue.year,
    publishedOn: issue.publishedOn,
    audience: issue.audience,
    status: issue.status,
    description: issue.description,
    url: baseUrl + issuePath(issue.slug),
    cover: cover ? { url: baseUrl + cover, alt: issue.coverAlt ?? '' } : null,
    pdf: pdf && issue.pdfSize !== null ? { url: baseUrl + pdf, size: issue.pdfSize } : null,
    articles: articles.map((a) => ({ slug: a.slug, title: a.title, summary: a.summary, authorName: a.authorName, url: baseUrl + articlePath(issue.slug, a.slug) })),
  };
}

export async function magazineApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/magazine/issues',
    {
      schema: {
        tags: ['Magazine'],
        summary: 'Published magazine issues the caller may read, newest first',
        description:
          'Without a token: the public issues. A token with a member, steward, board or staff role also gets the members-only issues. ' +
          'Each issue has its table of contents; `cover` and `pdf` are null when the issue has none. Article texts are on the pages.',
        response: { 200: issueList, 401: problemSchema },
      },
    },
    async (req) => {
      const issues = await readableIssues(app.db, req.actor);
      const contents = await articlesOf(
        app.db,
        issues.map((i) => i.id),
      );
      return { items: issues.map((i) => issueJson(i, contents.get(i.id) ?? [], app.config.publicUrl)) };
    },
  );
}
