import type { FastifyInstance } from 'fastify';
import { buildFeed, sendFeed, type FeedFormat } from '../../platform/html/feed.js';
import { renderMarkdown } from '../../platform/html/markdown.js';
import { getOrganisation } from '../../kernel/organisation.js';
import { latestPublicPosts, postPath } from './queries.js';

export const FEED_SIZE = 20;

/** Links to pages of this site, made absolute: a feed reader has no page to resolve them against. */
export function absoluteLinks(html: string, baseUrl: string): string {
  return html.replace(/(href|src)="\/(?![/\\])/g, `$1="${baseUrl}/`);
}

/** The feed's absolute URL for a format. */
export const feedUrl = (baseUrl: string, format: FeedFormat) => `${baseUrl}/news/feed.${format}`;

/**
 * `/news/feed.atom` and `/news/feed.rss`: the newest public posts, whole, with absolute links.
 * Members-only posts and drafts never appear, whoever asks: a feed URL is shared and cached.
 */
export async function newsFeedRoutes(app: FastifyInstance): Promise<void> {
  const base = app.config.publicUrl;
  const feed = (format: FeedFormat) => async () => {
    const [org, posts] = await Promise.all([getOrganisation(app.db), latestPublicPosts(app.db, FEED_SIZE, { body: true })]);
    return buildFeed(
      {
        title: org.name,
        description: org.name,
        id: `${base}/news`,
        link: `${base}/news`,
        feedUrl: feedUrl(base, format),
        language: org.defaultLocale,
        items: posts.map((p) => ({
          id: base + postPath(p.slug),
          title: p.title,
          link: base + postPath(p.slug),
          summary: p.summary,
          content: absoluteLinks(renderMarkdown(p.body), base),
          published: p.publishedAt!,
          updated: p.updatedAt,
          author: p.authorName ?? undefined,
        })),
      },
      format,
    );
  };
  for (const format of ['atom', 'rss'] as const) {
    const build = feed(format);
    app.get(`/news/feed.${format}`, async (_req, reply) => sendFeed(reply, format, await build()));
  }
}
