import { escapeHtml } from '@kitajs/html';
import { anonymous } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { buildFeed } from '../../platform/html/feed.js';
import { articlesOf, readableIssues } from './queries.js';

export const FEED_SIZE = 20;

export const issuePath = (slug: string) => `/magazine/${encodeURIComponent(slug)}`;
export const articlePath = (issueSlug: string, articleSlug: string) => `${issuePath(issueSlug)}/${encodeURIComponent(articleSlug)}`;

/**
 * The Atom feed of the magazine: the newest public issues only. A feed reader is nobody in
 * particular, so members-only issues stay out altogether, whoever asks.
 */
export async function magazineFeed(db: Db, opts: { baseUrl: string; title: string; language: string }): Promise<string> {
  const issues = await readableIssues(db, anonymous, FEED_SIZE);
  const contents = await articlesOf(
    db,
    issues.map((i) => i.id),
  );
  const link = `${opts.baseUrl}/magazine`;
  const items = issues.map((issue) => {
    const url = opts.baseUrl + issuePath(issue.slug);
    const articles = contents.get(issue.id) ?? [];
    const list = articles.map((a) => `<li><a href="${escapeHtml(opts.baseUrl + articlePath(issue.slug, a.slug))}">${escapeHtml(a.title)}</a>${a.summary ? ` – ${escapeHtml(a.summary)}` : ''}</li>`).join('');
    const content = (issue.description ? `<p>${escapeHtml(issue.description)}</p>` : '') + (list ? `<ul>${list}</ul>` : '');
    return {
      id: url,
      title: issue.title,
      link: url,
      summary: issue.description || articles.map((a) => a.title).join(' · ') || issue.title,
      content: content || undefined,
      published: new Date(`${issue.publishedOn}T00:00:00Z`),
      updated: new Date(issue.updatedAt),
    };
  });
  return buildFeed({ title: opts.title, id: link, link, items, language: opts.language, feedUrl: `${opts.baseUrl}/magazine/feed.atom` }, 'atom');
}
