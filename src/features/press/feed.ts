import { escapeHtml } from '@kitajs/html';
import { anonymous } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { buildFeed, type FeedFormat } from '../../platform/html/feed.js';
import { renderMarkdown } from '../../platform/html/markdown.js';
import { listReleases, type Release } from './queries.js';

export const FEED_SIZE = 20;

export const releasePath = (slug: string) => `/press/${encodeURIComponent(slug)}`;
export const photoPath = (r: Pick<Release, 'slug' | 'photo'>) => (r.photo ? `${releasePath(r.slug)}/photo?v=${r.photo.version}` : null);

/**
 * The press room's feed (Atom or RSS): the newest releases that are out, as anyone sees them —
 * never a draft, never one under an embargo that has not passed. Links are absolute (PUBLIC_URL).
 */
export async function pressFeed(db: Db, format: FeedFormat, opts: { baseUrl: string; title: string; language: string; author: string; creditLabel: (credit: string) => string }): Promise<string> {
  const { released } = await listReleases(db, anonymous, { limit: FEED_SIZE });
  const link = `${opts.baseUrl}/press`;
  const items = released.map((r) => {
    const url = opts.baseUrl + releasePath(r.slug);
    const photo = photoPath(r);
    const figure = photo && r.photo ? `<p><img src="${escapeHtml(opts.baseUrl + photo)}" alt="${escapeHtml(r.photo.alt)}"></p><p>${escapeHtml(opts.creditLabel(r.photo.credit))}</p>` : '';
    return {
      id: url,
      title: r.title,
      link: url,
      summary: r.summary,
      content: figure + renderMarkdown(r.body),
      published: new Date(r.releasedAt!),
      updated: new Date(Math.max(new Date(r.releasedAt!).getTime(), new Date(r.updatedAt).getTime())),
      author: opts.author,
    };
  });
  return buildFeed({ title: opts.title, id: link, link, items, language: opts.language, feedUrl: `${opts.baseUrl}/press/feed.${format}` }, format);
}
