import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.js';
import { units } from '../../kernel/tables.js';
import { formSession, loginAs, testApp, type TestApp } from '../../test/app.js';
import { createSegment, updateSegment } from './segments.js';
import { segmentInput, segmentPatch } from './schema.js';
import { registerWorld, type RegisterWorld } from './register.fixture.js';
import { actorFor } from '../events/events.fixture.js';

/**
 * A district's staff build segments from their own district: the builder offers neither another
 * district nor its sections, and a form or API call naming one by hand is refused on the condition,
 * with nothing written. The organisation-wide leaders' section stays on offer to every district.
 */

let t: TestApp;
let w: RegisterWorld;
let staffNorth: string;
let southYouth: string;

const personId = (a: unknown) => (a as { personId: string }).personId;

async function post(cookie: string, fields: [string, string][]) {
  const session = await formSession(t.app, '/segments/new', cookie);
  const body = new URLSearchParams([['_csrf', session.csrf], ...fields]).toString();
  return t.app.inject({ method: 'POST', url: '/segments/new', headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: body });
}

async function counts(): Promise<{ segments: number; changes: number }> {
  const [r] = await queryRows<{ segments: number; changes: number }>(
    t.database.db,
    sql`select (select count(*) from segments)::int as segments, (select count(*) from audit_events where action <> 'view')::int as changes`,
  );
  return r;
}

/** The values of a field's checkboxes on the builder page. */
const offered = (html: string, name: string) => [...html.matchAll(new RegExp(`name="${name.replace('.', '\\.')}" value="([0-9a-f-]{36})"`, 'g'))].map((m) => m[1]);

beforeAll(async () => {
  t = await testApp();
  w = await registerWorld(t.database);
  const [youth] = await t.database.db.insert(units).values({ kind: 'section', parentId: w.org.south, name: 'Unge i Syd', position: 5 }).returning({ id: units.id });
  southYouth = youth.id;
  staffNorth = (await loginAs(t.database, personId(w.staffNorth))).cookie;
});
afterAll(() => t?.close());

describe('the segment builder for a district’s staff', () => {
  it('offers their own district and sections and the organisation-wide section, never another district’s', async () => {
    const page = await t.app.inject({ url: '/segments/new', headers: { cookie: staffNorth, accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(offered(page.body, 'c.unit')).toEqual([w.org.north]);
    expect(offered(page.body, 'c.section').sort()).toEqual([w.org.leaders, w.northYouth].sort());
    expect(offered(page.body, 'x.section').sort()).toEqual([w.org.leaders, w.northYouth].sort());
    expect(page.body).not.toContain('Kreds Syd');
    expect(page.body).not.toContain('Unge i Syd');
    // An admin sees the whole tree.
    const admin = await t.app.inject({ url: '/segments/new', headers: { cookie: (await loginAs(t.database, personId(w.admin))).cookie, accept: 'text/html' } });
    expect(offered(admin.body, 'c.unit')).toEqual(expect.arrayContaining([w.org.national, w.org.north, w.org.south]));
    expect(offered(admin.body, 'c.section')).toEqual(expect.arrayContaining([w.org.leaders, w.northYouth, southYouth]));
  });

  it('refuses another district or its section posted by hand on the form, naming the condition, writing nothing', async () => {
    const before = await counts();
    const unit = await post(staffNorth, [
      ['name', 'Med Syd'],
      ['unitId', w.org.north],
      ['c.unit', w.org.south],
      ['intent', 'save'],
    ]);
    expect(unit.statusCode).toBe(422);
    expect(unit.body).toContain('href="#field-c.unit"');
    expect(unit.body).toContain('id="field-error-c.unit"');
    const section = await post(staffNorth, [
      ['name', 'Med Unge i Syd'],
      ['unitId', w.org.north],
      ['x.section', southYouth],
      ['intent', 'save'],
    ]);
    expect(section.statusCode).toBe(422);
    expect(section.body).toContain('href="#field-x.section"');
    expect(await counts()).toEqual(before);
  });

  it('refuses them in the use case (and so the API), while the leaders’ section and an admin pass', async () => {
    // Loaded now, so that the grant's reach includes the youth section made after the fixture's actor.
    const north = await actorFor(t.database, personId(w.staffNorth));
    const input = (conditions: unknown[], exclude: unknown[] = []) => segmentInput.parse({ name: `Segment ${Math.random()}`, unitId: w.org.north, filter: { conditions, exclude } });
    expect(await createSegment(t.database.db, north, input([{ field: 'unit', values: [w.org.south] }]))).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: [{ path: 'filter.conditions.0.values', code: 'segment.unknown_id' }],
    });
    expect(await createSegment(t.database.db, north, input([{ field: 'role', values: ['steward'] }], [{ field: 'section', values: [southYouth] }]))).toMatchObject({
      ok: false,
      errors: [{ path: 'filter.exclude.0.values', code: 'segment.unknown_id' }],
    });
    // The national unit is above the district, not in its reach.
    expect(await createSegment(t.database.db, north, input([{ field: 'unit', values: [w.org.national] }]))).toMatchObject({ ok: false });
    const own = await createSegment(t.database.db, north, input([{ field: 'unit', values: [w.org.north] }, { field: 'section', values: [w.org.leaders, w.northYouth] }]));
    expect(own.ok).toBe(true);
    if (!own.ok) return;
    expect(await updateSegment(t.database.db, north, own.segment.id, segmentPatch.parse({ filter: { conditions: [{ field: 'unit', values: [w.org.south] }] } }))).toMatchObject({
      ok: false,
      errors: [{ path: 'filter.conditions.0.values', code: 'segment.unknown_id' }],
    });
    expect((await createSegment(t.database.db, w.admin, input([{ field: 'unit', values: [w.org.south] }, { field: 'section', values: [southYouth] }]))).ok).toBe(true);
  });
});
