import { crc32, inflateSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../platform/db/database.js';
import { anonymous } from '../platform/actor.js';
import { testDatabase } from '../test/database.js';
import { listIssues } from '../features/magazine/index.js';
import { listReleases } from '../features/press/index.js';
import { demoCover, demoPdf } from '../platform/demo-media.js';
import { seedDemo } from './seed.js';

/** The chunks of a PNG, each checked against its CRC. */
function pngChunks(png: Buffer): { type: string; data: Buffer }[] {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const body = png.subarray(at + 4, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(body));
    chunks.push({ type: body.subarray(0, 4).toString('latin1'), data: body.subarray(4) });
    at += 12 + length;
  }
  return chunks;
}

describe('the demo’s drawn files', () => {
  it('make a valid PNG cover whose pixels fill its declared size', () => {
    const chunks = pngChunks(demoCover([29, 79, 145], [255, 191, 71]));
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const [w, h] = [chunks[0].data.readUInt32BE(0), chunks[0].data.readUInt32BE(4)];
    expect(inflateSync(chunks[1].data).length).toBe((w * 3 + 1) * h);
  });

  it('make a PDF whose cross-reference table points at its objects', () => {
    const pdf = demoPdf('Omsorg nr. 4 · 2026', ['Indhold', '1. Leder']);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((o, i) => expect(text.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
    // The middle dot is one byte in WinAnsiEncoding.
    expect(text).toContain('(Omsorg nr. 4 \xb7 2026)');
  });
});

describe('the demo publications', () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
    await seedDemo(database.db);
  });
  afterAll(() => database?.close());

  it('have two published issues with a cover, a PDF and three articles each, the newest for members', async () => {
    const { published } = await listIssues(database.db, anonymous);
    expect(published).toHaveLength(2);
    expect(published.map((i) => i.audience)).toEqual(['members', 'public']);
    for (const issue of published) {
      expect(issue.coverId).not.toBeNull();
      expect(issue.pdfSize).toBeGreaterThan(500);
    }
    const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from magazine_articles`);
    expect(row.n).toBe(6);
  });

  it('have three press releases that are out, each with a contact in the directory, one with a photo and its credit', async () => {
    const { released } = await listReleases(database.db, anonymous);
    expect(released).toHaveLength(3);
    const contacts = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from press_releases r join staff_profiles sp on sp.person_id = r.contact_person_id where sp.published`,
    );
    expect(contacts[0].n).toBe(3);
    const withPhoto = released.filter((r) => r.photo);
    expect(withPhoto).toHaveLength(1);
    expect(withPhoto[0].photo?.credit).toBe('Sofie Engberg');
  });
});
