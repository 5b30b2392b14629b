import { describe, expect, it } from 'vitest';
import { elementsNamed, parseXml, textOf } from '../../test/xml.js';
import { buildFeed, type FeedInput } from './feed.js';

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
    const doc = parseXml(buildFeed(input, 'atom'));
    const entries = elementsNamed(doc, 'entry');
    expect(entries).toHaveLength(2);
    const [first] = entries;
    // The title is HTML (type="html"): markup in it is escaped, so a reader shows it as text.
    expect(textOf(elementsNamed(first, 'title')[0])).toBe('A &lt;b&gt;fed&lt;/b&gt; &amp; ]]&gt; titel ]]&gt;');
    expect(textOf(elementsNamed(first, 'content')[0])).toBe('<p>Brødtekst ]]&gt; og ]]&gt; igen</p>');
    expect(textOf(elementsNamed(first, 'summary')[0])).toBe('Resumé &lt;i&gt;med&lt;/i&gt; tegn');
    expect(elementsNamed(first, 'link')[0].attributes?.href).toBe('https://forening.example/news/a?x=1&y=2');
    expect(textOf(elementsNamed(first, 'name')[0])).toBe('Mette & Co');
    expect(textOf(elementsNamed(first, 'published')[0])).toBe('2025-02-01T08:00:00.000Z');
    expect(textOf(elementsNamed(entries[1], 'id')[0])).toBe('urn:uuid:3f1c2b7e-4f0e-4d0a-9d55-0c6f6a1b2c3d');
    expect(elementsNamed(entries[1], 'content')).toHaveLength(0);
    const self = elementsNamed(doc, 'link').find((l) => l.attributes?.rel === 'self');
    expect(self?.attributes?.href).toBe('https://forening.example/news/feed.atom');
  });

  it('writes RSS 2.0 that parses, with plain-text titles and one item per input', () => {
    const doc = parseXml(buildFeed({ ...input, feedUrl: 'https://forening.example/news/feed.rss' }, 'rss'));
    const items = elementsNamed(doc, 'item');
    expect(items).toHaveLength(2);
    expect(textOf(elementsNamed(items[0], 'title')[0])).toBe('A <b>fed</b> & ]]\u200B> titel ]]\u200B>');
    expect(textOf(elementsNamed(items[0], 'link')[0])).toBe('https://forening.example/news/a?x=1&y=2');
    expect(textOf(elementsNamed(items[0], 'content:encoded')[0])).toBe('<p>Brødtekst ]]&gt; og ]]&gt; igen</p>');
    expect(textOf(elementsNamed(items[0], 'pubDate')[0])).toBe('Sat, 01 Feb 2025 08:00:00 GMT');
    expect(textOf(elementsNamed(doc, 'language')[0])).toBe('da');
    expect(elementsNamed(doc, 'atom:link')[0].attributes?.href).toBe('https://forening.example/news/feed.rss');
  });

  it('writes an empty feed that still parses', () => {
    const doc = parseXml(buildFeed({ ...input, items: [] }, 'atom'));
    expect(elementsNamed(doc, 'entry')).toHaveLength(0);
    expect(textOf(elementsNamed(doc, 'title')[0])).toBe('Nyheder & mere');
  });
});
