import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../../test/database.js';
import { queryRows, type Database } from '../../platform/db/database.js';
import { anonymous, type Actor } from '../../platform/actor.js';
import { translator } from '../../platform/i18n/i18n.js';
import { segmentFilter } from './filter.js';
import { segmentInput } from './schema.js';
import { createSegment, deleteSegment, updateSegment } from './segments.js';
import { loadSegmentFor, listSegments } from './access.js';
import { countFilter, countSegment, previewFilter, previewSegment } from './audience.js';
import { describeFilter, namesFor } from './describe.js';
import { registerWorld, type RegisterWorld } from './register.fixture.js';

let database: Database;
let w: RegisterWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await registerWorld(database);
});
afterAll(async () => database?.close());

const input = (overrides: Record<string, unknown> = {}) => segmentInput.parse({ name: 'Ledere i Nord', unitId: w.org.north, filter: { conditions: [{ field: 'role', values: ['leader'] }] }, ...overrides });

async function saved(overrides: Record<string, unknown> = {}, actor: Actor = w.staffNorth) {
  const r = await createSegment(database.db, actor, input(overrides));
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.segment;
}

async function rows(): Promise<{ segments: number; audits: number }> {
  const [r] = await queryRows<{ segments: number; audits: number }>(
    database.db,
    sql`select (select count(*) from segments)::int as segments, (select count(*) from audit_events where action <> 'view')::int as audits`,
  );
  return r;
}

describe('creating, changing and deleting a segment', () => {
  it('saves a filter for a unit, audited by field name, and reads it back', async () => {
    const segment = await saved();
    expect(segment).toMatchObject({ name: 'Ledere i Nord', unitId: w.org.north, unitName: 'Kreds Nord', filter: { match: 'all', conditions: [{ field: 'role', values: ['leader'] }], exclude: [] } });
    const [entry] = await queryRows<{ action: string; fields: string[] }>(database.db, sql`select action, fields from audit_events where entity_type = 'segment' and entity_id = ${segment.id}`);
    expect(entry).toEqual({ action: 'create', fields: ['name', 'unitId', 'filter'] });
    expect(await countSegment(database.db, w.staffNorth, segment.id)).toEqual({ ok: true, count: 1 });
  });

  it('without a unit takes the author’s one staff unit, or the national unit for an admin', async () => {
    const own = await createSegment(database.db, w.staffNorth, segmentInput.parse({ name: 'Uden enhed', filter: {} }));
    expect(own.ok && own.segment.unitId).toBe(w.org.north);
    const admin = await createSegment(database.db, w.admin, segmentInput.parse({ name: 'Hele forbundet', filter: {} }));
    expect(admin.ok && admin.segment.unitId).toBe(w.org.national);
  });

  it('updates name, unit and filter; an unchanged patch writes nothing', async () => {
    const segment = await saved();
    const before = await rows();
    expect(await updateSegment(database.db, w.staffNorth, segment.id, { name: segment.name })).toMatchObject({ ok: true });
    expect(await rows()).toEqual(before);
    const changed = await updateSegment(database.db, w.admin, segment.id, { name: 'Ledere i hele landet', unitId: w.org.national, filter: segmentFilter.parse({ match: 'any', conditions: [{ field: 'role', values: ['leader', 'board'] }] }) });
    expect(changed).toMatchObject({ ok: true, segment: { name: 'Ledere i hele landet', unitId: w.org.national, filter: { match: 'any' } } });
    const [entry] = await queryRows<{ fields: string[] }>(database.db, sql`select fields from audit_events where entity_id = ${segment.id} and action = 'update'`);
    expect(entry.fields).toEqual(['name', 'unitId', 'filter']);
    // Moved to the national unit, it is out of the north staff's reach.
    expect(await loadSegmentFor(database.db, w.staffNorth, segment.id, 'view')).toEqual({ ok: false, reason: 'not_found' });
  });

  it('deletes a segment, audited; one a mailing uses is kept (in_use)', async () => {
    const segment = await saved();
    expect(await deleteSegment(database.db, w.staffNorth, segment.id)).toEqual({ ok: true });
    expect(await loadSegmentFor(database.db, w.admin, segment.id, 'view')).toEqual({ ok: false, reason: 'not_found' });
    const [entry] = await queryRows<{ action: string }>(database.db, sql`select action from audit_events where entity_id = ${segment.id} and action = 'delete'`);
    expect(entry).toBeDefined();

    const used = await saved();
    await database.db.execute(sql`insert into mailings (unit_id, segment_id, kind, service_reason) values (${w.org.north}, ${used.id}, 'service', 'test')`);
    const before = await rows();
    expect(await deleteSegment(database.db, w.staffNorth, used.id)).toEqual({ ok: false, reason: 'in_use' });
    expect(await rows()).toEqual(before);
  });
});

describe('bad input: a field error each, and nothing written', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['an unknown workplace id', { filter: { conditions: [{ field: 'role', values: ['leader'] }, { field: 'language', values: ['da'] }, { field: 'workplace', values: ['00000000-0000-4000-8000-000000000000'] }] } }, 'filter.conditions.2.values', 'segment.unknown_id'],
    ['a workplace the author cannot see', { filter: { conditions: [{ field: 'workplace', values: ['WP_SOUTH'] }] } }, 'filter.conditions.0.values', 'segment.unknown_id'],
    ['a draft event of another district', { filter: { exclude: [{ field: 'eventAttended', values: ['EVENT_SOUTH'] }] } }, 'filter.exclude.0.values', 'segment.unknown_id'],
    ['a district given as a section', { filter: { conditions: [{ field: 'section', values: ['NORTH'] }] } }, 'filter.conditions.0.values', 'segment.unknown_id'],
    ['a unit that does not exist', { unitId: '00000000-0000-4000-8000-000000000001' }, 'unitId', 'segment.unit_not_found'],
    ['a unit the author cannot reach', { unitId: 'SOUTH' }, 'unitId', 'segment.unit_forbidden'],
  ];
  const fill = (v: unknown): unknown =>
    typeof v === 'string'
      ? ({ WP_SOUTH: w.wpSouth, EVENT_SOUTH: w.eventSouthDraft, NORTH: w.org.north, SOUTH: w.org.south } as Record<string, string>)[v] ?? v
      : Array.isArray(v)
        ? v.map(fill)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]))
          : v;

  it.each(cases)('%s', async (_what, overrides, path, code) => {
    const before = await rows();
    const result = await createSegment(database.db, w.staffNorth, input(fill(overrides) as Record<string, unknown>));
    expect(result).toEqual({ ok: false, reason: 'invalid', errors: [{ path, code }] });
    expect(await rows()).toEqual(before);
  });

  it('the schema refuses an unknown field, an unknown code, a malformed id, an unknown key and an empty name', () => {
    const issues = (body: unknown) => {
      const r = segmentInput.safeParse(body);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.code === 'custom' ? i.message : i.code}`);
    };
    const base = { name: 'X', unitId: w.org.north };
    expect(issues({ ...base, filter: { conditions: [{ field: 'shoeSize', values: ['42'] }] } })).toEqual(['filter.conditions.0.field:invalid_value']);
    expect(issues({ ...base, filter: { conditions: [{ field: 'role', values: ['king'] }] } })).toEqual(['filter.conditions.0.values:segment.unknown_code']);
    expect(issues({ ...base, filter: { conditions: [{ field: 'language', values: ['de'] }] } })).toEqual(['filter.conditions.0.values:segment.unknown_code']);
    expect(issues({ ...base, filter: { exclude: [{ field: 'unit', values: ['nord'] }] } })).toEqual(['filter.exclude.0.values:segment.unknown_id']);
    expect(issues({ ...base, filter: { conditions: [{ field: 'role', values: [] }] } })).toEqual(['filter.conditions.0.values:too_small']);
    expect(issues({ ...base, filter: { conditions: [], extra: true } })).toEqual(['filter:unrecognized_keys']);
    expect(issues({ ...base, name: '   ', filter: {} })).toEqual(['name:too_small']);
  });

  it('an update with a bad filter changes nothing', async () => {
    const segment = await saved();
    const before = await rows();
    const r = await updateSegment(database.db, w.staffNorth, segment.id, { name: 'Nyt navn', filter: segmentFilter.parse({ conditions: [{ field: 'workplace', values: [w.wpSouth] }] }) });
    expect(r).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'filter.conditions.0.values', code: 'segment.unknown_id' }] });
    expect(await rows()).toEqual(before);
    expect((await loadSegmentFor(database.db, w.staffNorth, segment.id, 'view')).ok && (await loadSegmentFor(database.db, w.staffNorth, segment.id, 'view'))).toMatchObject({ segment: { name: 'Ledere i Nord' } });
  });
});

describe('who may do what with a segment', () => {
  it('staff of the unit use it; the board views and counts it; staff of another unit, members and stewards do not see it', async () => {
    const segment = await saved();
    expect((await loadSegmentFor(database.db, w.staffNorth, segment.id, 'use')).ok).toBe(true);
    expect((await loadSegmentFor(database.db, w.admin, segment.id, 'use')).ok).toBe(true);
    expect(await loadSegmentFor(database.db, w.boardNorth, segment.id, 'use')).toEqual({ ok: false, reason: 'forbidden' });
    expect((await loadSegmentFor(database.db, w.boardNorth, segment.id, 'view')).ok).toBe(true);
    expect(await countSegment(database.db, w.boardNorth, segment.id)).toEqual({ ok: true, count: 1 });
    expect(await previewSegment(database.db, w.boardNorth, segment.id)).toEqual({ ok: false, reason: 'forbidden' });
    for (const outsider of [w.staffSouth, w.memberActor, w.stewardActor, anonymous]) {
      expect(await loadSegmentFor(database.db, outsider, segment.id, 'view')).toEqual({ ok: false, reason: 'not_found' });
      expect(await countSegment(database.db, outsider, segment.id)).toEqual({ ok: false, reason: 'not_found' });
      expect(await previewSegment(database.db, outsider, segment.id)).toEqual({ ok: false, reason: 'not_found' });
      expect(await updateSegment(database.db, outsider, segment.id, { name: 'x' })).toEqual({ ok: false, reason: 'not_found' });
      expect(await deleteSegment(database.db, outsider, segment.id)).toEqual({ ok: false, reason: 'not_found' });
    }
    expect(await updateSegment(database.db, w.boardNorth, segment.id, { name: 'x' })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await createSegment(database.db, w.boardNorth, input())).toEqual({ ok: false, reason: 'forbidden' });
    expect(await createSegment(database.db, w.memberActor, input())).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('lists the segments of the reader’s units only', async () => {
    const north = await saved({ name: 'Kun Nord' });
    const south = await saved({ name: 'Kun Syd', unitId: w.org.south }, w.staffSouth);
    const ids = async (a: Actor) => (await listSegments(database.db, a)).map((s) => s.id);
    expect(await ids(w.staffNorth)).toContain(north.id);
    expect(await ids(w.staffNorth)).not.toContain(south.id);
    expect(await ids(w.boardNorth)).toContain(north.id);
    expect(await ids(w.staffSouth)).toEqual(expect.arrayContaining([south.id]));
    expect(await ids(w.staffSouth)).not.toContain(north.id);
    expect(await ids(w.admin)).toEqual(expect.arrayContaining([north.id, south.id]));
    expect(await ids(w.memberActor)).toEqual([]);
  });

  it('an unsaved filter is counted for a unit the reader reaches, refused by field for another', async () => {
    const filter = segmentFilter.parse({ conditions: [{ field: 'role', values: ['leader'] }] });
    expect(await countFilter(database.db, w.staffNorth, w.org.north, filter)).toEqual({ ok: true, count: 1 });
    expect(await countFilter(database.db, w.boardNorth, w.org.north, filter)).toEqual({ ok: true, count: 1 });
    expect(await countFilter(database.db, w.staffNorth, w.org.south, filter)).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'unitId', code: 'segment.unit_forbidden' }] });
    expect(await countFilter(database.db, w.memberActor, w.org.north, filter)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await previewFilter(database.db, w.boardNorth, w.org.north, filter)).toEqual({ ok: false, reason: 'forbidden' });
  });
});

describe('the preview', () => {
  it('lists the first recipients in Danish or Swedish name order, and is audited as a read of member data', async () => {
    const names = ['Ørsted', 'Åberg', 'Aagaard', 'Andersen', 'Zeuthen', 'Ärlig'];
    for (const [i, lastName] of names.entries()) {
      await database.db.execute(sql`update persons set last_name = ${lastName} where id = ${[w.people.registered, w.people.waitlisted, w.people.cancelled, w.people.attended, w.people.registeredB, w.people.privateEmployee][i]}`);
    }
    const segment = await saved({ name: 'Navneorden', filter: { conditions: [{ field: 'eventRegistered', values: [w.eventA, w.eventB] }, { field: 'workplace', values: [w.wpPrivate] }, { field: 'status', values: ['active'] }], match: 'any' } });
    const audits = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_events where entity_type = 'segment_recipients' and entity_id = ${segment.id}`))[0].n;
    const da = await previewSegment(database.db, w.staffNorth, segment.id, 100, 'da');
    const sv = await previewSegment(database.db, w.staffNorth, segment.id, 100, 'sv');
    const order = (r: typeof da) => (r.ok ? r.items.map((x) => x.lastName).filter((n) => names.includes(n)) : []);
    // Danish: Æ Ø Å after Z, and "Aa" as Å; Swedish: Å Ä Ö after Z.
    expect(order(da)).toEqual(['Andersen', 'Zeuthen', 'Ärlig', 'Ørsted', 'Åberg', 'Aagaard']);
    expect(order(sv)).toEqual(['Aagaard', 'Andersen', 'Zeuthen', 'Åberg', 'Ärlig', 'Ørsted']);
    expect(da.ok && da.items[0]).toMatchObject({ personId: expect.any(String), memberNumber: expect.any(String), unitName: 'Kreds Nord' });
    expect(await audits()).toBe(2);
    const limited = await previewSegment(database.db, w.staffNorth, segment.id, 3);
    expect(limited.ok && limited.items).toHaveLength(3);
  });
});

describe('the filter in words', () => {
  it('names every field and value, with match and exclusions', async () => {
    const t = translator('da');
    const filter = segmentFilter.parse({
      match: 'any',
      conditions: [
        { field: 'role', values: ['leader', 'steward'] },
        { field: 'unit', values: [w.org.north] },
        { field: 'workplace', values: [w.wpPrivate] },
        { field: 'language', values: ['sv'] },
      ],
      exclude: [{ field: 'eventAttended', values: [w.eventB] }],
    });
    expect(describeFilter(t, filter, await namesFor(database.db, [filter]))).toBe(
      'Aktive medlemmer med rollen Leder eller Tillidsrepræsentant eller i Kreds Nord eller ansat på Privatskolen Egely eller med sproget Svensk, undtagen dem der deltog i Generalforsamling',
    );
    expect(describeFilter(t, segmentFilter.parse({}), new Map())).toBe('Alle aktive medlemmer');
    const sv = translator('sv');
    expect(describeFilter(sv, segmentFilter.parse({ conditions: [{ field: 'status', values: ['resigned'] }] }), new Map())).toBe(`Medlemmar med status ${sv('members.statuses.resigned')}`);
  });

  it('has words for every field in every language', () => {
    for (const locale of ['da', 'sv', 'en'] as const) {
      const t = translator(locale);
      for (const field of ['unit', 'section', 'membershipType', 'status', 'role', 'workplace', 'employerKind', 'language', 'eventRegistered', 'eventAttended']) {
        expect(t(`segments.condition.${field}`, { values: 'X' })).toContain('X');
        expect(t(`segments.fields.${field}`)).not.toContain('segments.');
      }
    }
  });
});
