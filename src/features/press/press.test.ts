import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../platform/db/database.js';
import { anonymous } from '../../platform/actor.js';
import { testDatabase } from '../../test/database.js';
import { HTML, JPEG, PNG, publishingWorld, releaseFields, type PublishingWorld } from './press.fixture.js';
import { createRelease, deleteRelease, publishRelease, unpublishRelease, updateRelease } from './releases.js';
import { listReleases, releaseFor } from './queries.js';
import { PHOTO_MAX_BYTES, releasePhoto } from './photo.js';
import { releaseInput } from './schema.js';

let database: Database;
let w: PublishingWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await publishingWorld(database);
});
afterAll(() => database?.close());

const counts = async () =>
  (await queryRows<{ releases: number; photos: number; audits: number }>(
    database.db,
    sql`select (select count(*)::int from press_releases) as releases, (select count(*)::int from press_release_photos) as photos, (select count(*)::int from audit_events) as audits`,
  ))[0];

async function published(over: Record<string, unknown> = {}, photo: { fileName: string; bytes: Buffer } | null = null) {
  const created = await createRelease(database.db, w.staff.actor, releaseFields(w, over), photo);
  if (!created.ok) throw new Error(JSON.stringify(created));
  const r = await publishRelease(database.db, w.staff.actor, created.release.id);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.release;
}

describe('press releases', () => {
  it('are created as drafts by staff with a slug from the title, invisible to everyone else until published', async () => {
    const r = await createRelease(database.db, w.staff.actor, releaseFields(w, { title: 'Ny aftale om normering' }), null);
    expect(r.ok && r.release).toMatchObject({ slug: 'ny-aftale-om-normering', status: 'draft', released: false, releasedAt: null });
    if (!r.ok) return;
    for (const actor of [anonymous, w.member.actor, w.board.actor]) expect(await releaseFor(database.db, actor, { slug: 'ny-aftale-om-normering' }, 'press.view')).toEqual({ ok: false, reason: 'not_found' });
    expect((await listReleases(database.db, anonymous)).released.map((x) => x.id)).not.toContain(r.release.id);
    expect((await listReleases(database.db, w.staff.actor)).unreleased.map((x) => x.id)).toContain(r.release.id);
    const p = await publishRelease(database.db, w.staff.actor, r.release.id);
    expect(p.ok && p.release).toMatchObject({ status: 'published', released: true });
    expect((await releaseFor(database.db, anonymous, { slug: 'ny-aftale-om-normering' }, 'press.view')).ok).toBe(true);
    expect(await publishRelease(database.db, w.staff.actor, r.release.id)).toEqual({ ok: false, reason: 'wrong_status', status: 'published' });
  });

  it('under an embargo stay out of sight until it passes, then show with the embargo as their time', async () => {
    const later = new Date(Date.now() + 3600_000);
    const r = await published({ embargoUntil: later.toISOString() });
    expect(r).toMatchObject({ status: 'published', released: false, releasedAt: later.toISOString() });
    expect(await releaseFor(database.db, anonymous, { id: r.id }, 'press.view')).toEqual({ ok: false, reason: 'not_found' });
    expect((await listReleases(database.db, anonymous)).released.map((x) => x.id)).not.toContain(r.id);
    expect((await listReleases(database.db, w.staff.actor)).unreleased.map((x) => x.id)).toContain(r.id);
    // The clock passes the embargo.
    await database.executeSql(`update press_releases set embargo_until = now() - interval '1 minute' where id = $1`, [r.id]);
    const out = await releaseFor(database.db, anonymous, { id: r.id }, 'press.view');
    expect(out.ok && out.release.released).toBe(true);
    expect((await listReleases(database.db, anonymous)).released.map((x) => x.id)).toContain(r.id);
  });

  it('are made by staff and admins only', async () => {
    for (const actor of [anonymous, w.member.actor, w.board.actor, w.steward.actor]) expect(await createRelease(database.db, actor, releaseFields(w), null)).toEqual({ ok: false, reason: 'forbidden' });
    expect((await createRelease(database.db, w.admin.actor, releaseFields(w), null)).ok).toBe(true);
    const r = await published();
    expect(await updateRelease(database.db, w.member.actor, r.id, releaseFields(w), null)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await unpublishRelease(database.db, w.board.actor, r.id)).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('need a press contact from the published staff directory', async () => {
    const before = await counts();
    const r = await createRelease(database.db, w.staff.actor, releaseFields(w, { contactPersonId: w.member.id }), null);
    expect(r).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'contactPersonId', code: 'press.contact_unknown' }] });
    expect(await counts()).toEqual(before);
  });

  it('with a photo need its credit and its description, and a photo that is an image in size; nothing is written otherwise', async () => {
    const before = await counts();
    const noCredit = await createRelease(database.db, w.staff.actor, releaseFields(w), { fileName: 'a.jpg', bytes: JPEG });
    expect(noCredit).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [
        { path: 'photoCredit', code: 'press.photo_credit_required' },
        { path: 'photoAlt', code: 'press.photo_alt_required' },
      ],
    });
    const wrong = await createRelease(database.db, w.staff.actor, releaseFields(w, { photoCredit: 'Jens Holm', photoAlt: 'Et foto' }), { fileName: 'a.jpg', bytes: HTML });
    expect(wrong.ok === false && wrong.reason === 'invalid' && wrong.errors).toEqual([{ path: 'photo', code: 'press.photo_wrong_type' }]);
    const big = await createRelease(database.db, w.staff.actor, releaseFields(w, { photoCredit: 'Jens Holm', photoAlt: 'Et foto' }), { fileName: 'a.png', bytes: Buffer.concat([PNG, Buffer.alloc(PHOTO_MAX_BYTES)]) });
    expect(big.ok === false && big.reason === 'invalid' && big.errors[0]).toMatchObject({ path: 'photo', code: 'press.photo_too_large' });
    expect(await counts()).toEqual(before);
  });

  it('keep the photographer’s name without a typed "Foto:", and change credit, replace or remove the photo', async () => {
    const r = await published({ photoCredit: 'Foto: Jens Holm', photoAlt: 'Formanden taler' }, { fileName: 'tale.jpg', bytes: JPEG });
    expect(r.photo).toMatchObject({ credit: 'Jens Holm', alt: 'Formanden taler', contentType: 'image/jpeg', size: JPEG.length });
    const firstVersion = r.photo!.version;
    // The credit stays required while the photo stays.
    const dropped = await updateRelease(database.db, w.staff.actor, r.id, releaseFields(w, { title: r.title, photoAlt: 'Formanden taler' }), null);
    expect(dropped.ok === false && dropped.reason === 'invalid' && dropped.errors).toEqual([{ path: 'photoCredit', code: 'press.photo_credit_required' }]);
    const renamed = await updateRelease(database.db, w.staff.actor, r.id, releaseFields(w, { title: r.title, photoCredit: 'Mette Lund', photoAlt: 'Formanden taler' }), null);
    expect(renamed.ok && renamed.release.photo).toMatchObject({ credit: 'Mette Lund', version: firstVersion });
    const replaced = await updateRelease(database.db, w.staff.actor, r.id, releaseFields(w, { title: r.title, photoCredit: 'Mette Lund', photoAlt: 'Ny' }), { fileName: 'ny.png', bytes: PNG });
    expect(replaced.ok && replaced.release.photo?.contentType).toBe('image/png');
    expect(replaced.ok && replaced.release.photo?.version).not.toBe(firstVersion);
    const photo = await releasePhoto(database.db, anonymous, r.slug);
    expect(photo.ok && photo.photo.bytes.equals(PNG)).toBe(true);
    const removed = await updateRelease(database.db, w.staff.actor, r.id, releaseFields(w, { title: r.title, removePhoto: true }), null);
    expect(removed.ok && removed.release.photo).toBeNull();
    expect(await releasePhoto(database.db, anonymous, r.slug)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('audit changes by field name only', async () => {
    const r = await published();
    await updateRelease(database.db, w.staff.actor, r.id, releaseFields(w, { title: 'Ændret titel', content: r.body, summary: r.summary }), null);
    const trail = await queryRows<{ action: string; fields: string[] | string }>(database.db, sql`select action, fields from audit_events where entity_id = ${r.id} order by id`);
    expect(trail.map((x) => x.action)).toEqual(['create', 'update', 'update']);
    expect(JSON.stringify(trail[2].fields)).toBe(JSON.stringify(['title']));
    expect(JSON.stringify(trail)).not.toContain('Ændret');
  });

  it('are deleted only as drafts', async () => {
    const r = await published();
    expect(await deleteRelease(database.db, w.staff.actor, r.id)).toEqual({ ok: false, reason: 'wrong_status', status: 'published' });
    await unpublishRelease(database.db, w.staff.actor, r.id);
    expect(await releaseFor(database.db, anonymous, { id: r.id }, 'press.view')).toEqual({ ok: false, reason: 'not_found' });
    expect(await deleteRelease(database.db, w.staff.actor, r.id)).toEqual({ ok: true });
  });

  it('refuse bad input by the one schema: no title, no summary, a contact that is no id, too long', () => {
    const r = releaseInput.safeParse({ title: '', summary: '', content: 'x'.repeat(100_001), contactPersonId: 'nobody' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['contactPersonId', 'content', 'summary', 'title']);
  });
});
