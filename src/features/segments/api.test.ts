import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { system } from '../../platform/actor.js';
import { queryRows } from '../../platform/db/database.js';
import { bearer, loginAs, testApp, type TestApp } from '../../test/app.js';
import { expectEveryRouteListed } from '../../test/page-matrix.js';
import { createSegment } from './segments.js';
import { segmentInput } from './schema.js';
import { registerWorld, type RegisterWorld } from './register.fixture.js';

/**
 * Every /api/v1/segments route with every kind of caller. The API is Bearer-only: each kind of person
 * calls with a token of their role, and a session cookie counts for nothing. Members and stewards have
 * no segments (403 whatever the id), a segment of another unit is 404, the board reads but does not
 * change or preview (403), anonymous 401.
 */
const CALLERS = ['anonymous', 'cookie', 'member', 'steward', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
type Caller = (typeof CALLERS)[number];

let t: TestApp;
let w: RegisterWorld;
let headers: Record<Caller, Record<string, string>>;
let n = 0;

async function northSegment(): Promise<string> {
  const r = await createSegment(t.database.db, system, segmentInput.parse({ name: `Ledere ${++n}`, unitId: w.org.north, filter: { conditions: [{ field: 'role', values: ['leader'] }] } }));
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.segment.id;
}

const body = () => ({ name: `Segment ${++n}`, unitId: w.org.north, filter: { match: 'all', conditions: [{ field: 'role', values: ['leader'] }] } });

interface Row {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  route: string;
  url: () => Promise<string>;
  body?: () => Record<string, unknown>;
  expect: Record<Caller, number>;
}

const api = (e: Omit<Record<Caller, number>, 'anonymous' | 'cookie' | 'member' | 'steward'>): Record<Caller, number> => ({ anonymous: 401, cookie: 401, member: 403, steward: 403, ...e });

const ROWS: Row[] = [
  { method: 'POST', route: '/api/v1/segments', url: async () => '/api/v1/segments', body, expect: api({ staffNorth: 201, staffSouth: 422, board: 403, admin: 201 }) },
  { method: 'GET', route: '/api/v1/segments', url: async () => '/api/v1/segments', expect: api({ staffNorth: 200, staffSouth: 200, board: 200, admin: 200 }) },
  {
    method: 'POST',
    route: '/api/v1/segments/count',
    url: async () => '/api/v1/segments/count',
    body: () => ({ unitId: w.org.north, filter: { conditions: [{ field: 'role', values: ['leader'] }] } }),
    expect: api({ staffNorth: 200, staffSouth: 422, board: 200, admin: 200 }),
  },
  { method: 'GET', route: '/api/v1/segments/:id', url: async () => `/api/v1/segments/${await northSegment()}`, expect: api({ staffNorth: 200, staffSouth: 404, board: 200, admin: 200 }) },
  {
    method: 'PATCH',
    route: '/api/v1/segments/:id',
    url: async () => `/api/v1/segments/${await northSegment()}`,
    body: () => ({ name: `Omdøbt ${++n}` }),
    expect: api({ staffNorth: 200, staffSouth: 404, board: 403, admin: 200 }),
  },
  { method: 'DELETE', route: '/api/v1/segments/:id', url: async () => `/api/v1/segments/${await northSegment()}`, expect: api({ staffNorth: 204, staffSouth: 404, board: 403, admin: 204 }) },
  { method: 'GET', route: '/api/v1/segments/:id/count', url: async () => `/api/v1/segments/${await northSegment()}/count`, expect: api({ staffNorth: 200, staffSouth: 404, board: 200, admin: 200 }) },
  { method: 'GET', route: '/api/v1/segments/:id/preview', url: async () => `/api/v1/segments/${await northSegment()}/preview`, expect: api({ staffNorth: 200, staffSouth: 404, board: 403, admin: 200 }) },
];

/** What a refused call must not change: the segments and the change log (reads are logged as views). */
async function fingerprint(): Promise<string> {
  const [r] = await queryRows(
    t.database.db,
    sql`select (select count(*) from segments)::int as s, (select string_agg(name, ',' order by id) from segments) as names,
      (select count(*) from audit_events where action <> 'view')::int as a`,
  );
  return JSON.stringify(r);
}

const send = (method: Row['method'], url: string, who: Caller, payload?: unknown, lang = 'da') =>
  t.app.inject({
    method,
    url,
    headers: { ...headers[who], 'accept-language': lang, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
  });

beforeAll(async () => {
  t = await testApp();
  w = await registerWorld(t.database);
  const staffPerson = (w.staffNorth as { personId: string }).personId;
  headers = {
    anonymous: {},
    cookie: { cookie: (await loginAs(t.database, staffPerson)).cookie },
    member: await bearer(t.database, 'member', w.org.north),
    steward: await bearer(t.database, 'steward', w.org.north),
    staffNorth: await bearer(t.database, 'staff', w.org.north),
    staffSouth: await bearer(t.database, 'staff', w.org.south),
    board: await bearer(t.database, 'board', w.org.north),
    admin: await bearer(t.database, 'admin', null),
  };
});
afterAll(async () => t?.close());

describe('the segments API permission matrix', () => {
  it('lists every route under /api/v1/segments, and only those', () => {
    expectEveryRouteListed(t.app, ROWS, (p) => p.startsWith('/api/v1/segments'));
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      const wrong: string[] = [];
      for (const who of CALLERS) {
        const url = await row.url();
        const before = await fingerprint();
        const res = await send(row.method, url, who, row.body?.());
        if (res.statusCode !== row.expect[who]) wrong.push(`${who}: ${res.statusCode} (expected ${row.expect[who]}) ${res.body.slice(0, 200)}`);
        if (res.statusCode >= 400) {
          if (!String(res.headers['content-type']).includes('application/problem+json')) wrong.push(`${who}: ${res.statusCode} is not problem+json`);
          if ((await fingerprint()) !== before) wrong.push(`${who}: refused but the database changed`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('lists, counts and previews only what the caller’s units hold', async () => {
    const id = await northSegment();
    const south = await createSegment(t.database.db, system, segmentInput.parse({ name: 'Syd', unitId: w.org.south, filter: {} }));
    const southId = south.ok ? south.segment.id : '';
    const ids = async (who: Caller) => ((await send('GET', '/api/v1/segments', who)).json().items as { id: string }[]).map((s) => s.id);
    expect(await ids('staffNorth')).toContain(id);
    expect(await ids('staffNorth')).not.toContain(southId);
    expect(await ids('staffSouth')).toContain(southId);
    expect(await ids('staffSouth')).not.toContain(id);
    expect(await ids('board')).toContain(id);
    expect(await ids('admin')).toEqual(expect.arrayContaining([id, southId]));
    expect((await send('GET', `/api/v1/segments/${southId}/count`, 'staffNorth')).statusCode).toBe(404);
    expect((await send('GET', `/api/v1/segments/${southId}/preview`, 'staffNorth')).statusCode).toBe(404);
  });
});

describe('segments through the API', () => {
  it('creates (in the token’s own unit when none is given), counts and previews', async () => {
    const created = await send('POST', '/api/v1/segments', 'staffNorth', { name: 'Ledere og TR', filter: { conditions: [{ field: 'role', values: ['leader', 'steward'] }] } });
    expect(created.statusCode).toBe(201);
    const segment = created.json();
    expect(segment).toMatchObject({ name: 'Ledere og TR', unitId: w.org.north, unitName: 'Kreds Nord', createdBy: null, filter: { match: 'all', exclude: [] } });
    expect((await send('GET', `/api/v1/segments/${segment.id}/count`, 'board')).json()).toEqual({ count: 2 });
    const preview = await send('GET', `/api/v1/segments/${segment.id}/preview`, 'staffNorth');
    expect(preview.json().items.map((p: { personId: string }) => p.personId).sort()).toEqual([w.people.leader, w.people.steward].sort());
    expect(preview.json().items[0]).toEqual({ personId: expect.any(String), firstName: expect.any(String), lastName: expect.any(String), memberNumber: expect.any(String), email: expect.any(String), unitName: 'Kreds Nord' });
    const unsaved = await send('POST', '/api/v1/segments/count', 'staffNorth', { unitId: w.org.north, filter: { match: 'any', conditions: [{ field: 'role', values: ['leader'] }, { field: 'language', values: ['sv'] }] } });
    expect(unsaved.json()).toEqual({ count: 2 });
  });

  it('changes a segment and refuses to delete one a mailing uses (409)', async () => {
    const id = await northSegment();
    const patched = await send('PATCH', `/api/v1/segments/${id}`, 'staffNorth', { filter: { conditions: [{ field: 'section', values: [w.org.leaders] }] } });
    expect(patched.statusCode).toBe(200);
    expect((await send('GET', `/api/v1/segments/${id}/count`, 'staffNorth')).json()).toEqual({ count: 1 });
    await t.database.db.execute(sql`insert into mailings (unit_id, segment_id, kind, service_reason) values (${w.org.north}, ${id}, 'service', 'test')`);
    const refused = await send('DELETE', `/api/v1/segments/${id}`, 'staffNorth', undefined, 'en');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'segment.in_use', errors: [{ path: 'id', code: 'segment.in_use', message: 'The segment is used by a mailing and cannot be deleted.' }] });
    expect((await send('GET', `/api/v1/segments/${id}`, 'staffNorth')).statusCode).toBe(200);
  });

  it('names the field of bad input in the reader’s language and writes nothing', async () => {
    const cases: [unknown, string, string][] = [
      [{ ...body(), filter: { conditions: [{ field: 'role', values: ['leader'] }, { field: 'language', values: ['da'] }, { field: 'workplace', values: [w.wpSouth] }] } }, 'filter.conditions.2.values', 'segment.unknown_id'],
      [{ ...body(), filter: { conditions: [{ field: 'hairColour', values: ['red'] }] } }, 'filter.conditions.0.field', 'validation.invalid_choice'],
      [{ ...body(), filter: { exclude: [{ field: 'role', values: ['king'] }] } }, 'filter.exclude.0.values', 'segment.unknown_code'],
      [{ ...body(), filter: { conditions: [{ field: 'eventAttended', values: ['not-an-id'] }] } }, 'filter.conditions.0.values', 'segment.unknown_id'],
      [{ ...body(), name: '' }, 'name', 'validation.required'],
      [{ ...body(), unitId: w.org.south }, 'unitId', 'segment.unit_forbidden'],
    ];
    for (const [payload, path, code] of cases) {
      const before = await fingerprint();
      const res = await send('POST', '/api/v1/segments', 'staffNorth', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors, JSON.stringify(payload)).toEqual([{ path, code, message: expect.any(String) }]);
      expect(await fingerprint()).toBe(before);
    }
    const sv = await send('POST', '/api/v1/segments', 'staffNorth', cases[0][0], 'sv');
    expect(sv.json().errors[0].message).toBe('Värden: ett av valen finns inte, eller så har du inte tillgång till det.');
    const patch = await send('PATCH', `/api/v1/segments/${await northSegment()}`, 'staffNorth', { filter: { conditions: [{ field: 'section', values: [w.org.north] }] } });
    expect(patch.json().errors).toEqual([{ path: 'filter.conditions.0.values', code: 'segment.unknown_id', message: expect.any(String) }]);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const p of ['/api/v1/segments', '/api/v1/segments/{id}', '/api/v1/segments/{id}/count', '/api/v1/segments/{id}/preview', '/api/v1/segments/count']) expect(Object.keys(doc.paths)).toContain(p);
  });
});
