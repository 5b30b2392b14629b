import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elementsNamed, parseXml, textOf } from '../../test/xml.js';
import { loginAs, testApp, type TestApp } from '../../test/app.js';
import { newPost, newsWorld, type NewsWorld } from './news.fixture.js';
import { absoluteLinks, FEED_SIZE } from './feed-routes.js';

/**
 * The feeds parse as XML (xml-js parses strictly: malformed XML throws), hold the newest public
 * posts that are out and nothing else, and every link in them is absolute (PUBLIC_URL).
 */

let t: TestApp;
let w: NewsWorld;
const BASE = 'http://forening.test';
const titles = { public: [] as string[], hidden: [] as string[] };

beforeAll(async () => {
  t = await testApp();
  w = await newsWorld(t.database);
  const day = 86_400_000;
  // 22 public posts, published a day apart: the feed holds the 20 newest.
  for (let i = 0; i < 22; i++) {
    const p = await newPost(w, { title: `Offentlig nyhed ${i} & <mere>`, publishedAt: new Date(Date.now() - (30 - i) * day).toISOString(), body: `Se [vores kalender](/events) og **mere** ${i}.` });
    titles.public.push(p.title);
  }
  titles.hidden.push((await newPost(w, { title: 'Kun for medlemmer i feedet?', audience: 'members' })).title);
  titles.hidden.push((await newPost(w, { title: 'Kladde i feedet?', status: 'draft' })).title);
});
afterAll(() => t?.close());

describe('the news feeds', () => {
  it('serves Atom with the 20 newest public posts, absolute links and no members-only post or draft', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/news/feed.atom' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const doc = parseXml(res.body);
    const entries = elementsNamed(doc, 'entry');
    expect(entries).toHaveLength(FEED_SIZE);
    const entryTitles = entries.map((e) => textOf(elementsNamed(e, 'title')[0]));
    // Atom titles are HTML: the ampersand and brackets come escaped.
    expect(entryTitles[0]).toBe('Offentlig nyhed 21 &amp; &lt;mere&gt;');
    expect(entryTitles).not.toContain('Offentlig nyhed 1 &amp; &lt;mere&gt;');
    expect(res.body).not.toContain('Kun for medlemmer');
    expect(res.body).not.toContain('Kladde i feedet');
    for (const e of entries) {
      const href = String(elementsNamed(e, 'link')[0].attributes?.href);
      expect(href).toMatch(/^http:\/\/forening\.test\/news\/offentlig-nyhed-\d+-mere$/);
      expect(textOf(elementsNamed(e, 'content')[0])).toContain(`href="${BASE}/events"`);
    }
    const self = elementsNamed(doc, 'link').find((l) => l.attributes?.rel === 'self');
    expect(self?.attributes?.href).toBe(`${BASE}/news/feed.atom`);
  });

  it('serves RSS 2.0 with the same posts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/news/feed.rss' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const doc = parseXml(res.body);
    const items = elementsNamed(doc, 'item');
    expect(items).toHaveLength(FEED_SIZE);
    expect(textOf(elementsNamed(items[0], 'title')[0])).toBe('Offentlig nyhed 21 & <mere>');
    for (const item of items) expect(textOf(elementsNamed(item, 'link')[0])).toMatch(/^http:\/\/forening\.test\/news\//);
    expect(res.body).not.toContain('Kun for medlemmer');
  });

  it('gives members no more than anyone: a feed URL is shared', async () => {
    const { cookie } = await loginAs(t.database, w.member.id);
    const res = await t.app.inject({ method: 'GET', url: '/news/feed.atom', headers: { cookie } });
    expect(elementsNamed(parseXml(res.body), 'entry')).toHaveLength(FEED_SIZE);
    expect(res.body).not.toContain('Kun for medlemmer');
  });

  it('makes site links absolute and leaves others alone', () => {
    expect(absoluteLinks('<a href="/events">x</a> <a href="https://a.example/">y</a> <a href="//evil.example/">z</a>', BASE)).toBe(
      `<a href="${BASE}/events">x</a> <a href="https://a.example/">y</a> <a href="//evil.example/">z</a>`,
    );
  });
});
