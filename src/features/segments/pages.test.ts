import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.js';
import { formSession, loginAs, testApp, type TestApp } from '../../test/app.js';
import { createSegment } from './segments.js';
import { segmentInput } from './schema.js';
import { registerWorld, type RegisterWorld } from './register.fixture.js';

/**
 * The segment pages through app.inject, as a browser without JavaScript uses them (forms posting
 * repeated checkbox fields), plus the htmx live-count partial.
 */

let t: TestApp;
let w: RegisterWorld;
let staff: string;
let board: string;

const personId = (a: unknown) => (a as { personId: string }).personId;

/** A urlencoded POST with repeated fields, the way a browser sends checkboxes and multiple selects. */
async function post(url: string, cookie: string, fields: [string, string][], headers: Record<string, string> = {}) {
  const session = await formSession(t.app, '/segments/new', cookie);
  const body = new URLSearchParams([['_csrf', session.csrf], ...fields]).toString();
  return t.app.inject({ method: 'POST', url, headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers }, payload: body });
}

async function counts(): Promise<{ segments: number; changes: number }> {
  const [r] = await queryRows<{ segments: number; changes: number }>(
    t.database.db,
    sql`select (select count(*) from segments)::int as segments, (select count(*) from audit_events where action <> 'view')::int as changes`,
  );
  return r;
}

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html' } });

beforeAll(async () => {
  t = await testApp();
  w = await registerWorld(t.database);
  staff = (await loginAs(t.database, personId(w.staffNorth))).cookie;
  board = (await loginAs(t.database, personId(w.boardNorth))).cookie;
});
afterAll(() => t?.close());

describe('the builder without JavaScript', () => {
  it('offers every field, the match choice, exclusions in a details element, a live region and both buttons', async () => {
    const page = await get('/segments/new', staff);
    expect(page.statusCode).toBe(200);
    const html = page.body;
    for (const name of ['c.unit', 'c.section', 'c.membershipType', 'c.status', 'c.role', 'c.employerKind', 'c.language', 'c.workplace', 'c.eventRegistered', 'c.eventAttended', 'x.role', 'x.eventAttended']) {
      expect(html).toContain(`name="${name}"`);
    }
    expect(html).toMatch(/<select[^>]*name="c\.workplace"[^>]*multiple/);
    expect(html).toContain('Privatskolen Egely');
    // A workplace of another district is not offered; nor is another district's draft event.
    expect(html).not.toContain('Værestedet Havnen');
    expect(html).not.toContain('Kladde i Syd');
    expect(html).toContain('Generalforsamling');
    expect(html).toMatch(/<details class="history"/);
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('hx-post="/segments/count"');
    expect(html).toContain('hx-trigger="change"');
    expect(html).toContain('Vis antal og modtagere');
    expect(html).toContain('name="_csrf"');
    // Only units the author reaches as staff are offered as the segment's unit.
    const unitSelect = /<select id="field-unitId"[\s\S]*?<\/select>/.exec(html)![0];
    expect(unitSelect).toContain('Kreds Nord');
    expect(unitSelect).not.toContain('Kreds Syd');
  });

  it('re-renders with the field named and the choices kept; nothing is written', async () => {
    const before = await counts();
    const res = await post('/segments/new', staff, [
      ['name', ''],
      ['unitId', w.org.north],
      ['match', 'any'],
      ['c.role', 'leader'],
      ['c.role', 'steward'],
      ['intent', 'save'],
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('href="#field-name"');
    expect(res.body).toMatch(/id="field-error-name"/);
    expect(res.body).toMatch(/value="leader" checked/);
    expect(res.body).toMatch(/value="steward" checked/);
    expect(res.body).toMatch(/value="any" checked/);
    expect(await counts()).toEqual(before);
  });

  it('names the fieldset of an id the author may not use (a workplace of another district)', async () => {
    const before = await counts();
    const res = await post('/segments/new', staff, [
      ['name', 'Forkert arbejdsplads'],
      ['unitId', w.org.north],
      ['c.role', 'leader'],
      ['c.workplace', w.wpSouth],
      ['intent', 'save'],
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#field-c.workplace"');
    expect(res.body).toContain('id="field-error-c.workplace"');
    expect(res.body).toContain('Arbejdsplads: et af valgene findes ikke, eller du har ikke adgang til det.');
    expect(await counts()).toEqual(before);
  });

  it('names the fieldset of an unknown code, in an exclusion, and opens the exclusions', async () => {
    const res = await post('/segments/new', staff, [
      ['name', 'Forkert kode'],
      ['unitId', w.org.north],
      ['x.language', 'de'],
      ['intent', 'save'],
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Sprog: et af valgene kendes ikke.');
    expect(res.body).toMatch(/<details class="history" open/);
  });

  it('"Vis antal og modtagere" shows the count and the first recipients (no name needed yet), and writes nothing', async () => {
    const before = await counts();
    const res = await post('/segments/new', staff, [
      ['name', ''],
      ['unitId', w.org.north],
      ['match', 'all'],
      ['c.role', 'leader'],
      ['c.role', 'steward'],
      ['x.language', 'sv'],
      ['intent', 'preview'],
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<strong>Modtagere<\/strong>: <span>1<\/span>/);
    expect(res.body).toContain(`/members/${w.people.leader}`);
    expect(res.body).not.toContain(`/members/${w.people.steward}`);
    expect(res.body).toContain('De første 1 af 1 modtagere');
    // The form keeps what was chosen.
    expect(res.body).toMatch(/name="x\.language" value="sv" checked/);
    expect((await counts()).segments).toBe(before.segments);
  });

  it('saves, then shows the segment in words with its count and recipients', async () => {
    const res = await post('/segments/new', staff, [
      ['name', 'Ledere i Nord'],
      ['unitId', w.org.north],
      ['c.role', 'leader'],
      ['intent', 'save'],
    ]);
    expect(res.statusCode).toBe(303);
    const url = String(res.headers.location);
    expect(url).toMatch(/^\/segments\/[0-9a-f-]{36}$/);
    const page = await get(url, staff);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Aktive medlemmer med rollen Leder');
    expect(page.body).toMatch(/<strong>Modtagere<\/strong>: <span>1<\/span>/);
    expect(page.body).toContain(`/members/${w.people.leader}`);
    expect(page.body).toContain(`${url}/edit`);
    const list = await get('/segments', staff);
    expect(list.body).toContain('Ledere i Nord');
    expect(list.body).toContain('Aktive medlemmer med rollen Leder');
  });

  it('edits a segment: the form comes filled in, and a change is saved', async () => {
    const created = await createSegment(t.database.db, w.staffNorth, segmentInput.parse({ name: 'Til redigering', unitId: w.org.north, filter: { match: 'any', conditions: [{ field: 'language', values: ['sv', 'en'] }], exclude: [{ field: 'section', values: [w.org.leaders] }] } }));
    if (!created.ok) throw new Error('create');
    const id = created.segment.id;
    const form = await get(`/segments/${id}/edit`, staff);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/name="c\.language" value="sv" checked/);
    expect(form.body).toMatch(/name="c\.language" value="en" checked/);
    expect(form.body).toMatch(/name="x\.section" value="[0-9a-f-]+" checked/);
    expect(form.body).toMatch(/value="any" checked/);
    const res = await post(`/segments/${id}/edit`, staff, [
      ['name', 'Redigeret'],
      ['unitId', w.org.north],
      ['match', 'all'],
      ['c.language', 'sv'],
      ['intent', 'save'],
    ]);
    expect(res.statusCode).toBe(303);
    const [row] = await queryRows<{ name: string; filter: unknown }>(t.database.db, sql`select name, filter from segments where id = ${id}`);
    expect(row.name).toBe('Redigeret');
    expect(row.filter).toEqual({ match: 'all', conditions: [{ field: 'language', values: ['sv'] }], exclude: [] });
  });
});

describe('the live count', () => {
  it('answers the form’s fields with the count alone, for the aria-live region', async () => {
    const res = await post('/segments/count', staff, [['unitId', w.org.north], ['c.role', 'leader'], ['c.role', 'steward'], ['name', '']], { 'hx-request': 'true' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<html');
    expect(res.body).toContain('<strong>Modtagere</strong>: <span>2</span>');
  });

  it('says what to fix instead of a number when a choice is not the author’s', async () => {
    const res = await post('/segments/count', staff, [['unitId', w.org.north], ['c.eventAttended', w.eventSouthDraft]], { 'hx-request': 'true' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="field-error"');
    expect(res.body).toContain('Deltog i arrangement');
  });

  it('is in Swedish for a Swedish reader', async () => {
    const res = await post('/segments/count', staff, [['unitId', w.org.north]], { 'hx-request': 'true', 'accept-language': 'sv' });
    expect(res.body).toMatch(/<strong>Mottagare<\/strong>: <span>14<\/span>/);
  });
});

describe('one segment and deleting it', () => {
  async function saved(name: string) {
    const r = await createSegment(t.database.db, w.staffNorth, segmentInput.parse({ name, unitId: w.org.north, filter: { conditions: [{ field: 'role', values: ['leader'] }] } }));
    if (!r.ok) throw new Error('create');
    return r.segment.id;
  }

  it('shows the board the count but not the people, and no edit or delete', async () => {
    const id = await saved('Bestyrelsen kigger');
    const page = await get(`/segments/${id}`, board);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<strong>Modtagere<\/strong>: <span>1<\/span>/);
    expect(page.body).not.toContain('/members/');
    expect(page.body).not.toContain(`/segments/${id}/edit`);
    expect(page.body).not.toContain(`/segments/${id}/delete`);
  });

  it('asks before deleting, deletes, and keeps a segment a mailing uses', async () => {
    const id = await saved('Slettes');
    const confirm = await get(`/segments/${id}/delete`, staff);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Ja, slet segmentet');
    const res = await post(`/segments/${id}/delete`, staff, []);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/segments');
    expect((await get(`/segments/${id}`, staff)).statusCode).toBe(404);

    const used = await saved('Bruges');
    await t.database.db.execute(sql`insert into mailings (unit_id, segment_id, kind, service_reason) values (${w.org.north}, ${used}, 'service', 'test')`);
    const shown = await get(`/segments/${used}/delete`, staff);
    expect(shown.body).toContain('Segmentet bruges af en udsendelse og kan ikke slettes.');
    expect(shown.body).not.toContain('Ja, slet segmentet');
    const refused = await post(`/segments/${used}/delete`, staff, []);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Segmentet bruges af en udsendelse og kan ikke slettes.');
    expect((await get(`/segments/${used}`, staff)).statusCode).toBe(200);
  });

  it('links "Segmenter" from the mailings page for staff, not from the menu', async () => {
    const nav = (html: string) => /<nav class="main-nav"[\s\S]*?<\/nav>/.exec(html)![0];
    const mailings = (await get('/mailings', staff)).body;
    expect(nav(mailings)).not.toContain('href="/segments"');
    expect(mailings).toContain('href="/segments"');
    expect((await get('/mailings', board)).body).not.toContain('href="/segments"');
  });
});
