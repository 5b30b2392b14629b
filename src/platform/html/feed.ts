import { Feed } from 'feed';
import { escapeHtml } from '@kitajs/html';
import type { FastifyReply } from 'fastify';

/**
 * Atom and RSS feeds for published things (news, press releases, magazine issues), built with the
 * `feed` library so the formats are right; this wrapper only fixes what every caller would otherwise
 * get wrong:
 *
 * - `title`, `summary` and `author` are plain text. Atom marks titles and summaries `type="html"`, so
 *   they are HTML-escaped here (a title "A <b> B" must not turn bold in a reader).
 * - `content` is HTML that is already safe (e.g. from `renderMarkdown`); it goes in as it is.
 * - Characters XML 1.0 forbids (control characters, lone surrogates) are dropped, and `]]>` inside a
 *   CDATA section is defused everywhere (the serializer only handles its first occurrence).
 * - `id` is a URI (the item's absolute URL, or `urn:uuid:…`); `link` must be absolute.
 */

export type FeedFormat = 'atom' | 'rss';

export interface FeedItemInput {
  /** A stable URI for the item: its absolute URL or `urn:uuid:<id>`. */
  id: string;
  title: string;
  /** Absolute URL of the item's page. */
  link: string;
  /** Plain text. */
  summary: string;
  /** Safe HTML (already rendered and escaped). */
  content?: string;
  published: Date;
  /** Last change; defaults to `published`. */
  updated?: Date;
  /** The author's display name. */
  author?: string;
}

export interface FeedInput {
  title: string;
  /** A stable URI for the feed, usually the absolute URL of its HTML page. */
  id: string;
  /** Absolute URL of the HTML page the feed mirrors. */
  link: string;
  /** The feed's last change; by default its newest item's (or now, for an empty feed). */
  updated?: Date;
  items: FeedItemInput[];
  /** Plain text subtitle (RSS requires a channel description; defaults to the title). */
  description?: string;
  /** BCP 47 language of the feed, e.g. `da`. */
  language?: string;
  /** Absolute URL of this feed itself (the `rel="self"` link). */
  feedUrl?: string;
}

/** The media types, for `<link rel="alternate" type=…>` (the Layout's `feeds` prop). */
export const FEED_MEDIA_TYPE: Record<FeedFormat, string> = { atom: 'application/atom+xml', rss: 'application/rss+xml' };
/** The Content-Type of the response. */
export const FEED_CONTENT_TYPE: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
};

// XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates (paired ones are fine) and U+FFFE/U+FFFF.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function xmlText(text: string): string {
  return text.replace(INVALID_XML, '');
}

/** Plain text to the HTML a CDATA section carries; kitajs leaves `>` alone, so it is escaped here, which also defuses `]]>`. */
function htmlOf(text: string): string {
  return escapeHtml(xmlText(text)).replace(/>/g, '&gt;');
}

/** Safe HTML into a CDATA section: `]]&gt;` reads the same as HTML and cannot end the section. */
function cdataHtml(html: string): string {
  return xmlText(html).replace(/]]>/g, ']]&gt;');
}

/** Plain text into a CDATA section that readers take as text (RSS titles): a zero-width space splits `]]>`. */
function cdataText(text: string): string {
  return xmlText(text).replace(/]]>/g, ']]\u200B>');
}

function lastChange(items: FeedItemInput[]): Date {
  if (items.length === 0) return new Date();
  return items.reduce((latest, i) => {
    const at = i.updated ?? i.published;
    return at > latest ? at : latest;
  }, new Date(0));
}

/** The feed as an Atom 1.0 or RSS 2.0 document. */
export function buildFeed(input: FeedInput, format: FeedFormat): string {
  const atom = format === 'atom';
  const feed = new Feed({
    title: xmlText(input.title),
    id: input.id,
    link: input.link,
    updated: input.updated ?? lastChange(input.items),
    description: xmlText(input.description ?? input.title),
    language: input.language,
    generator: 'Forening',
    ...(input.feedUrl ? { feedLinks: atom ? { atom: input.feedUrl } : { rss: input.feedUrl } } : {}),
  });
  for (const item of input.items) {
    feed.addItem({
      id: item.id,
      title: atom ? htmlOf(item.title) : cdataText(item.title),
      link: item.link,
      date: item.updated ?? item.published,
      published: item.published,
      description: htmlOf(item.summary),
      ...(item.content !== undefined ? { content: cdataHtml(item.content) } : {}),
      ...(item.author ? { author: [{ name: xmlText(item.author) }] } : {}),
    });
  }
  return atom ? feed.atom1() : feed.rss2();
}

/** Sends a feed: one URL for every reader, so any cache may keep it for five minutes. */
export function sendFeed(reply: FastifyReply, format: FeedFormat, xml: string): FastifyReply {
  return reply.type(FEED_CONTENT_TYPE[format]).header('cache-control', 'public, max-age=300').send(xml);
}
