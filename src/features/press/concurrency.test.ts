import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.js';
import { onPostgres, testDatabase } from '../../test/database.js';
import { publishingWorld, releaseFields, type PublishingWorld } from './press.fixture.js';
import { createRelease, publishRelease } from './releases.js';

/** Staff saving at the same moment: only a real server runs transactions side by side. */
describe.skipIf(!onPostgres)('the press room under simultaneous changes (PostgreSQL)', () => {
  let database: Database;
  let w: PublishingWorld;
  beforeAll(async () => {
    database = await testDatabase(20);
    w = await publishingWorld(database);
  });
  afterAll(() => database?.close());

  it('gives releases with the same title made at once each their own slug', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => createRelease(database.db, w.staff.actor, releaseFields(w, { title: 'Udtalelse om finansloven' }), null)));
    const slugs = results.map((r) => (r.ok ? r.release.slug : r.reason));
    expect(new Set(slugs).size).toBe(8);
    expect(slugs.every((s) => s.startsWith('udtalelse-om-finansloven'))).toBe(true);
  });

  it('publishes a release once when two people press the button at once', async () => {
    const created = await createRelease(database.db, w.staff.actor, releaseFields(w), null);
    if (!created.ok) throw new Error('create');
    const results = await Promise.all([publishRelease(database.db, w.staff.actor, created.release.id), publishRelease(database.db, w.admin.actor, created.release.id)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'wrong_status', status: 'published' });
  });
});
