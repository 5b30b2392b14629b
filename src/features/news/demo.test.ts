import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import type { Database } from '../../platform/db/database.js';
import { testDatabase } from '../../test/database.js';
import { seedDemo } from '../../demo/seed.js';
import { gradientPng } from '../../platform/demo-media.js';

let database: Database;

beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db);
});
afterAll(() => database?.close());

describe('the demo news', () => {
  it('has five published posts: one in Swedish, one for members, a blog post with two comments, one with comments off', async () => {
    const posts = (
      await database.executeSql(
        `select p.slug, p.kind, p.audience, p.comments_enabled as "commentsEnabled", p.status, p.author_id is not null as "hasAuthor",
           (select count(*) from news_comments c where c.post_id = p.id)::int as comments,
           (select count(*) from news_post_covers c where c.post_id = p.id)::int as covers
         from news_posts p order by p.published_at desc`,
      )
    ).rows as { slug: string; kind: string; audience: string; commentsEnabled: boolean; status: string; hasAuthor: boolean; comments: number; covers: number }[];
    expect(posts).toHaveLength(5);
    expect(posts.every((p) => p.status === 'published' && p.hasAuthor)).toBe(true);
    expect(posts.filter((p) => p.audience === 'members').map((p) => p.slug)).toEqual(['loenstatistik-2026']);
    expect(posts.filter((p) => p.kind === 'blog').map((p) => [p.slug, p.comments])).toEqual([['et-aar-som-tillidsrepraesentant', 2]]);
    expect(posts.filter((p) => !p.commentsEnabled)).toHaveLength(1);
    expect(posts.map((p) => p.slug)).toContain('medlemstraeff-i-malmoe');
    expect(posts.reduce((n, p) => n + p.covers, 0)).toBe(2);
  });

  it('makes covers that are real PNGs of the size asked', () => {
    const png = gradientPng(8, 4, [0, 0, 0], [255, 255, 255]);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([8, 4]);
    // The pixel data inflates to one filter byte and three bytes per pixel on each row.
    const idat = png.indexOf('IDAT');
    const length = png.readUInt32BE(idat - 4);
    expect(inflateSync(png.subarray(idat + 4, idat + 4 + length))).toHaveLength(4 * (1 + 8 * 3));
  });
});
