import { describe, expect, it } from 'vitest';
import { xml2js, type Element } from 'xml-js';
import { buildFeed, type FeedInput } from './feed.js';

// xml-js (the serializer `feed` itself uses) parses strictly: malformed XML throws.
function parse(xml: string): Element {
  return xml2js(xml, { compact: false }) as Element;
}

function all(el: Element, name: string): Element[] {
  const found: Element[] = [];
  const walk = (e: Element) => {
    if (e.name === name) found.push(e);
    for (const c of e.elements ?? []) walk(c);
  };
  walk(el);
  return found;
}

function text(el: Element): string {
  return (el.elements ?? []).map((c) => (c.type === 'text' ? String(c.text) : c.type === 'cdata' ? String(c.cdata) : text(c))).join('');
}

const input: FeedInput = {
  title: 'Nyheder & mere',
  id: 'https://forening.example/news',
  link: 'https://forening.example/news',
  updated: new Date('2025-03-01T10:00:00Z'),
  feedUrl: 'https://forening.example/news/feed.atom',
  language: 'da',
  items: [
    {
      id: 'https://forening.example/news/a',
      title: 'A <b>fed</b> & ]]> titel ]]>\u0001',
      link: 'https://forening.example/news/a?x=1&y=2',
      summary: 'Resumé <i>med</i> tegn',
      content: '<p>Brødtekst ]]> og ]]> igen</p>',
      published: new Date('2025-02-01T08:00:00Z'),
      author: 'Mette & Co',
    },
    {
      id: 'urn:uuid:3f1c2b7e-4f0e-4d0a-9d55-0c6f6a1b2c3d',
      title: 'Uden indhold',
      link: 'https://forening.example/news/b',
      summary: 'Kort',
      published: new Date('2025-01-01T08:00:00Z'),
    },
  ],
};

describe('buildFeed', () => {
  it('writes Atom that parses, with escaped titles and intact HTML content', () => {
    const doc = parse(buildFeed(input, 'atom'));
    const entries = all(doc, 'entry');
    expect(entries).toHaveLength(2);
    const [first] = entries;
    // The title is HTML (type="html"): markup in it is escaped, so a reader shows it as text.
    expect(text(all(first, 'title')[0])).toBe('A &lt;b&gt;fed&lt;/b&gt; &amp; ]]&gt; titel ]]&gt;');
    expect(text(all(first, 'content')[0])).toBe('<p>Brødtekst ]]&gt; og ]]&gt; igen</p>');
    expect(text(all(first, 'summary')[0])).toBe('Resumé &lt;i&gt;med&lt;/i&gt; tegn');
    expect(all(first, 'link')[0].attributes?.href).toBe('https://forening.example/news/a?x=1&y=2');
    expect(text(all(first, 'name')[0])).toBe('Mette & Co');
    expect(text(all(first, 'published')[0])).toBe('2025-02-01T08:00:00.000Z');
    expect(text(all(entries[1], 'id')[0])).toBe('urn:uuid:3f1c2b7e-4f0e-4d0a-9d55-0c6f6a1b2c3d');
    expect(all(entries[1], 'content')).toHaveLength(0);
    const self = all(doc, 'link').find((l) => l.attributes?.rel === 'self');
    expect(self?.attributes?.href).toBe('https://forening.example/news/feed.atom');
  });

  it('writes RSS 2.0 that parses, with plain-text titles and one item per input', () => {
    const doc = parse(buildFeed({ ...input, feedUrl: 'https://forening.example/news/feed.rss' }, 'rss'));
    const items = all(doc, 'item');
    expect(items).toHaveLength(2);
    expect(text(all(items[0], 'title')[0])).toBe('A <b>fed</b> & ]]\u200B> titel ]]\u200B>');
    expect(text(all(items[0], 'link')[0])).toBe('https://forening.example/news/a?x=1&y=2');
    expect(text(all(items[0], 'content:encoded')[0])).toBe('<p>Brødtekst ]]&gt; og ]]&gt; igen</p>');
    expect(text(all(items[0], 'pubDate')[0])).toBe('Sat, 01 Feb 2025 08:00:00 GMT');
    expect(text(all(doc, 'language')[0])).toBe('da');
    expect(all(doc, 'atom:link')[0].attributes?.href).toBe('https://forening.example/news/feed.rss');
  });

  it('writes an empty feed that still parses', () => {
    const doc = parse(buildFeed({ ...input, items: [] }, 'atom'));
    expect(all(doc, 'entry')).toHaveLength(0);
    expect(text(all(doc, 'title')[0])).toBe('Nyheder & mere');
  });
});
