import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { auditEvents } from '../../platform/audit/tables.js';
import { queryRows } from '../../platform/db/database.js';
import { bearer, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { today } from './schema.js';
import { addMember, seedMembershipTypes } from './members.fixture.js';
import { dateInDays } from '../../test/time.js';

let t: TestApp;
let org: Org;
let types: Awaited<ReturnType<typeof seedMembershipTypes>>;
const auth = { admin: {}, staffNorth: {}, staffSouth: {}, board: {}, member: {} } as Record<'admin' | 'staffNorth' | 'staffSouth' | 'board' | 'member', { authorization: string }>;
let anne: string;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  types = await seedMembershipTypes(t.database);
  auth.admin = await bearer(t.database, 'admin', null);
  auth.staffNorth = await bearer(t.database, 'staff', org.north);
  auth.staffSouth = await bearer(t.database, 'staff', org.south);
  auth.board = await bearer(t.database, 'board', null);
  auth.member = await bearer(t.database, 'member', org.north);
  anne = (await addMember(t.database, { firstName: 'Anne', lastName: 'Jensen', unitId: org.north, typeId: types.ordinary, email: 'anne@example.org', memberNumber: '880001' })).id;
  await addMember(t.database, { firstName: 'Sune', lastName: 'Syd', unitId: org.south, typeId: types.student, email: 'sune@example.org' });
});
afterAll(() => t.close());

function api(method: 'GET' | 'POST' | 'PATCH', url: string, who: keyof typeof auth, body?: unknown): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    headers: { ...auth[who], ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

async function snapshot(): Promise<string> {
  const [row] = await queryRows<{ s: string }>(
    t.database.db,
    sql`select json_build_object('persons', (select coalesce(json_agg(json_build_array(p.id, p.email, p.phone, p.updated_at) order by p.id), '[]') from persons p),
      'memberships', (select coalesce(json_agg(json_build_array(m.id, m.status, m.unit_id, m.updated_at) order by m.id), '[]') from memberships m),
      'events', (select count(*) from membership_events))::text as s`,
  );
  return row.s;
}

function problem(res: LightMyRequestResponse, status: number, code: string, path?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body.code).toBe(code);
  if (path) expect(body.errors.map((e: { path: string }) => e.path)).toContain(path);
  return body;
}

describe('GET /api/v1/members', () => {
  it('answers { items, total, page } within the token’s units, with filters and page size', async () => {
    const all = await api('GET', '/api/v1/members', 'admin');
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ total: 2, page: 1 });
    expect(Object.keys(all.json()).sort()).toEqual(['items', 'page', 'total']);
    const north = await api('GET', '/api/v1/members?q=jen', 'staffNorth');
    expect(north.json().items).toEqual([
      expect.objectContaining({ id: anne, memberNumber: '880001', firstName: 'Anne', lastName: 'Jensen', email: 'anne@example.org', status: 'active', unitId: org.north, typeId: types.ordinary, typeCode: 'ordinary', sections: [], joinedOn: today() }),
    ]);
    expect((await api('GET', '/api/v1/members', 'staffSouth')).json().items.map((m: { lastName: string }) => m.lastName)).toEqual(['Syd']);
    expect((await api('GET', `/api/v1/members?unit=${org.south}`, 'staffNorth')).json().total).toBe(0);
    const paged = await api('GET', '/api/v1/members?pageSize=1&page=2&status=active', 'board');
    expect(paged.json()).toMatchObject({ total: 2, page: 2 });
    expect(paged.json().items).toHaveLength(1);
  });

  it('refuses a wrong filter value with 422 naming it, a member token with 403 and no token with 401', async () => {
    problem(await api('GET', '/api/v1/members?status=bogus', 'admin'), 422, 'validation.failed', 'status');
    problem(await api('GET', '/api/v1/members?pageSize=1000', 'admin'), 422, 'validation.failed', 'pageSize');
    problem(await api('GET', '/api/v1/members', 'member'), 403, 'http.forbidden');
    problem(await t.app.inject({ method: 'GET', url: '/api/v1/members' }), 401, 'auth.required');
  });

  it('lists the membership types', async () => {
    const res = await api('GET', '/api/v1/members/types', 'staffNorth');
    expect(res.json().items.map((ty: { code: string }) => ty.code)).toEqual(['ordinary', 'student', 'retired', 'old']);
  });
});

describe('POST /api/v1/members', () => {
  it('registers a member: 201 with the member', async () => {
    const res = await api('POST', '/api/v1/members', 'staffNorth', { firstName: 'Ida', lastName: 'Ny', email: 'ida@example.org', unitId: org.north, typeId: types.student, sections: [org.leaders], dateOfBirth: '2001-09-11' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ firstName: 'Ida', status: 'active', typeCode: 'student', sections: [org.leaders], dateOfBirth: '2001-09-11', country: 'DK' });
    expect(res.json().id).toMatch(UUID);
  });

  it('answers problems naming the field and writes nothing: taken e-mail 409, unknown unit, impossible or future date 422, another unit 422', async () => {
    const base = { firstName: 'Dup', lastName: 'Licat', unitId: org.north, typeId: types.ordinary };
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ email: 'ANNE@example.org' }, 409, 'member.email_taken', 'email'],
      [{ memberNumber: '880001' }, 409, 'member.number_taken', 'memberNumber'],
      [{ unitId: '00000000-0000-4000-8000-000000000000' }, 422, 'member.unit_not_found', 'unitId'],
      [{ unitId: org.south }, 422, 'member.unit_not_allowed', 'unitId'],
      [{ dateOfBirth: '2026-02-30' }, 422, 'validation.failed', 'dateOfBirth'],
      [{ dateOfBirth: dateInDays(7) }, 422, 'validation.failed', 'dateOfBirth'],
      [{ status: 'deceased' }, 422, 'validation.failed', 'status'],
      [{ firstName: undefined }, 422, 'validation.failed', 'firstName'],
    ];
    for (const [extra, status, code, path] of cases) {
      const before = await snapshot();
      const body = problem(await api('POST', '/api/v1/members', 'staffNorth', { ...base, ...extra }), status, code, path);
      expect(body.errors[0].message.length).toBeGreaterThan(5);
      expect(await snapshot()).toBe(before);
    }
    const future = problem(await api('POST', '/api/v1/members', 'staffNorth', { ...base, dateOfBirth: dateInDays(7) }), 422, 'validation.failed');
    expect(future.errors).toEqual([{ path: 'dateOfBirth', code: 'person.birth_date_in_future', message: 'Fødselsdato kan ikke ligge i fremtiden.' }]);
    const taken = problem(await api('POST', '/api/v1/members', 'staffNorth', { ...base, email: 'anne@example.org' }), 409, 'member.email_taken');
    expect(taken.title).toBe('E-mail bruges allerede af en anden person.');
  });

  it('is for staff and admins: the board may not', async () => {
    const before = await snapshot();
    problem(await api('POST', '/api/v1/members', 'board', { firstName: 'B', lastName: 'B', unitId: org.north, typeId: types.ordinary }), 403, 'http.forbidden');
    expect(await snapshot()).toBe(before);
  });
});

describe('GET and PATCH /api/v1/members/{id}', () => {
  it('reads a member in reach and records the reading; out of reach is 404', async () => {
    const res = await api('GET', `/api/v1/members/${anne}`, 'staffNorth');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: anne, memberNumber: '880001' });
    const views = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, anne), eq(auditEvents.action, 'view')));
    expect(views).toHaveLength(1);
    expect(views[0].actorKind).toBe('token');
    problem(await api('GET', `/api/v1/members/${anne}`, 'staffSouth'), 404, 'http.not_found');
    problem(await api('GET', `/api/v1/members/${anne}`, 'member'), 404, 'http.not_found');
    problem(await api('GET', '/api/v1/members/00000000-0000-4000-8000-000000000000', 'admin'), 404, 'http.not_found');
    problem(await api('GET', '/api/v1/members/nope', 'admin'), 422, 'validation.failed', 'id');
  });

  it('changes what is sent and nothing else; the board gets 403, another unit 404', async () => {
    const res = await api('PATCH', `/api/v1/members/${anne}`, 'staffNorth', { phone: '+45 31 31 31 31', sections: [org.leaders] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ phone: '+45 31 31 31 31', email: 'anne@example.org', sections: [org.leaders], firstName: 'Anne' });
    const before = await snapshot();
    problem(await api('PATCH', `/api/v1/members/${anne}`, 'board', { phone: '1' }), 403, 'http.forbidden');
    problem(await api('PATCH', `/api/v1/members/${anne}`, 'staffSouth', { phone: '1' }), 404, 'http.not_found');
    problem(await api('PATCH', `/api/v1/members/${anne}`, 'staffNorth', { email: 'sune@example.org' }), 409, 'member.email_taken', 'email');
    problem(await api('PATCH', `/api/v1/members/${anne}`, 'staffNorth', { status: 'resigned' }), 422, 'validation.failed');
    expect(await snapshot()).toBe(before);
  });

  it('changes the status through its own endpoint; an impossible change is 409', async () => {
    const m = await addMember(t.database, { unitId: org.north, typeId: types.ordinary });
    const res = await api('POST', `/api/v1/members/${m.id}/status`, 'staffNorth', { action: 'resign', onDate: today(), reason: 'Flytter' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'resigned', statusSince: today() });
    problem(await api('POST', `/api/v1/members/${m.id}/status`, 'staffNorth', { action: 'resign', onDate: today() }), 409, 'member.invalid_transition', 'action');
    problem(await api('POST', `/api/v1/members/${m.id}/status`, 'staffNorth', { action: 'reinstate', onDate: '2026-02-30' }), 422, 'validation.failed', 'onDate');
    expect((await api('POST', `/api/v1/members/${m.id}/status`, 'admin', { action: 'reinstate', onDate: today() })).json().status).toBe('active');
  });
});

describe('the OpenAPI document', () => {
  it('describes the member routes and the Member schema', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/members', '/api/v1/members/{id}', '/api/v1/members/{id}/status', '/api/v1/members/types']) expect(doc.paths[path], path).toBeDefined();
    expect(Object.keys(doc.paths['/api/v1/members']).sort()).toEqual(['get', 'post']);
    expect(doc.components.schemas.Member.required).toEqual(expect.arrayContaining(['id', 'memberNumber', 'firstName', 'lastName', 'email', 'status', 'unitId']));
  });
});
