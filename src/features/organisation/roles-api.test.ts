import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { auditEvents } from '../../platform/audit/tables.js';
import { system } from '../../platform/actor.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { bearer, createPerson, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { dateInDays } from '../../test/time.js';

let t: TestApp;
let org: Org;
const auth = {} as Record<'admin' | 'staff', { authorization: string }>;

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  auth.admin = await bearer(t.database, 'admin', null);
  auth.staff = await bearer(t.database, 'staff', org.north);
});
afterAll(() => t.close());

function api(method: 'GET' | 'POST', url: string, who: keyof typeof auth | { authorization: string } | null, body?: unknown): Promise<LightMyRequestResponse> {
  const headers = who === null ? {} : typeof who === 'string' ? auth[who] : who;
  return t.app.inject({
    method,
    url,
    headers: { ...headers, 'accept-language': 'en', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

function problem(res: LightMyRequestResponse, status: number, code: string, path?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body.code).toBe(code);
  if (path) expect(body.errors.map((e: { path: string }) => e.path)).toContain(path);
  return body;
}

async function counts(): Promise<string> {
  const r = await t.database.executeSql(`select (select count(*) from role_assignments)::text || '/' || (select count(*) from persons)::text as n`);
  return String(r.rows[0].n);
}

describe('/api/v1/roles', () => {
  it('is for admins: a staff token is refused with 403, no token with 401', async () => {
    const body = { personId: (await createPerson(t.database)).id, role: 'staff', unitId: org.north };
    problem(await api('POST', '/api/v1/roles', 'staff', body), 403, 'http.forbidden');
    problem(await api('POST', '/api/v1/roles', null, body), 401, 'auth.required');
    problem(await api('GET', '/api/v1/roles', 'staff'), 403, 'http.forbidden');
  });

  it('refuses bad appointments naming the field, and changes nothing', async () => {
    const person = await createPerson(t.database, [], { email: 'taken@example.org' });
    const before = await counts();
    problem(await api('POST', '/api/v1/roles', 'admin', { personId: person.id, role: 'staff' }), 422, 'validation.failed', 'unitId');
    problem(await api('POST', '/api/v1/roles', 'admin', { personId: person.id, role: 'admin', unitId: org.north }), 422, 'validation.failed', 'unitId');
    problem(await api('POST', '/api/v1/roles', 'admin', { role: 'board', unitId: org.north }), 422, 'validation.failed', 'personId');
    problem(await api('POST', '/api/v1/roles', 'admin', { personId: person.id, person: { firstName: 'A', lastName: 'B', email: 'a@example.org' }, role: 'board', unitId: org.north }), 422, 'validation.failed', 'person');
    problem(await api('POST', '/api/v1/roles', 'admin', { personId: person.id, role: 'steward', unitId: org.north }), 422, 'validation.failed', 'role');
    problem(await api('POST', '/api/v1/roles', 'admin', { personId: person.id, role: 'staff', unitId: org.north, startsOn: dateInDays(5), endsOn: dateInDays(1) }), 422, 'validation.failed', 'endsOn');
    const unit = problem(await api('POST', '/api/v1/roles', 'admin', { personId: person.id, role: 'staff', unitId: '00000000-0000-4000-8000-000000000000' }), 422, 'role.unit_not_found', 'unitId');
    expect(unit.errors[0].message).toBe('Unit does not exist.');
    problem(await api('POST', '/api/v1/roles', 'admin', { personId: '00000000-0000-4000-8000-000000000000', role: 'staff', unitId: org.north }), 422, 'role.person_not_found', 'personId');
    problem(await api('POST', '/api/v1/roles', 'admin', { person: { firstName: 'Ny', lastName: 'Person', email: 'TAKEN@example.org' }, role: 'staff', unitId: org.north }), 409, 'role.email_taken', 'person.email');
    expect(await counts()).toBe(before);

    const first = await api('POST', '/api/v1/roles', 'admin', { personId: person.id, role: 'board', unitId: org.north });
    expect(first.statusCode, first.body).toBe(201);
    problem(await api('POST', '/api/v1/roles', 'admin', { personId: person.id, role: 'board', unitId: org.north, startsOn: dateInDays(10) }), 409, 'role.already_held', 'role');
    // The same role in another unit is another appointment.
    expect((await api('POST', '/api/v1/roles', 'admin', { personId: person.id, role: 'board', unitId: org.south })).statusCode).toBe(201);
  });

  it('gives and takes access at the next request, audited with the token that did it', async () => {
    const person = await createPerson(t.database, [], { firstName: 'Stine' });
    const own = await createPersonalToken(t.database.db, system, { personId: person.id, name: 'script' });
    if (!own.ok) throw new Error('no token');
    const hers = { authorization: `Bearer ${own.token.value}` };
    problem(await api('GET', '/api/v1/members', hers), 403, 'http.forbidden');

    const res = await api('POST', '/api/v1/roles', 'admin', { personId: person.id, role: 'staff', unitId: org.north, startsOn: dateInDays(-10) });
    expect(res.statusCode, res.body).toBe(201);
    const assignment = res.json();
    expect(assignment).toMatchObject({ personId: person.id, firstName: 'Stine', role: 'staff', unitId: org.north, startsOn: dateInDays(-10), endsOn: null, current: true });
    expect((await api('GET', '/api/v1/members', hers)).statusCode).toBe(200);
    expect((await api('GET', `/api/v1/roles/${assignment.id}`, 'admin')).json()).toEqual(assignment);

    const ended = await api('POST', `/api/v1/roles/${assignment.id}/end`, 'admin', { endsOn: dateInDays(-2) });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ endsOn: dateInDays(-2), current: false });
    problem(await api('GET', '/api/v1/members', hers), 403, 'http.forbidden');
    problem(await api('POST', `/api/v1/roles/${assignment.id}/end`, 'admin', {}), 409, 'role.already_ended', 'endsOn');

    // Today's list leaves the ended role out; every period includes it.
    expect((await api('GET', `/api/v1/roles?personId=${person.id}`, 'admin')).json().items).toEqual([]);
    expect((await api('GET', `/api/v1/roles?personId=${person.id}&current=false`, 'admin')).json().items.map((r: { id: string }) => r.id)).toEqual([assignment.id]);

    const trail = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'role_assignment'), eq(auditEvents.entityId, assignment.id)));
    expect(trail.map((e) => [e.action, e.actorKind, e.fields])).toEqual([
      ['create', 'token', ['personId', 'role', 'unitId', 'startsOn']],
      ['update', 'token', ['endsOn']],
    ]);
    expect(trail.every((e) => e.actorTokenId !== null)).toBe(true);
  });

  it('ends a role today when no body is sent, and knows no unknown ids', async () => {
    const person = await createPerson(t.database);
    const made = (await api('POST', '/api/v1/roles', 'admin', { personId: person.id, role: 'leader', unitId: org.leaders })).json();
    const ended = await t.app.inject({ method: 'POST', url: `/api/v1/roles/${made.id}/end`, headers: auth.admin });
    expect(ended.statusCode, ended.body).toBe(200);
    // "Today" is the database's, as the use case reads it.
    const today = String((await t.database.executeSql('select current_date::text as d')).rows[0].d);
    expect(ended.json()).toMatchObject({ endsOn: today, current: true });
    const unknown = '00000000-0000-4000-8000-000000000000';
    problem(await api('GET', `/api/v1/roles/${unknown}`, 'admin'), 404, 'http.not_found');
    problem(await api('POST', `/api/v1/roles/${unknown}/end`, 'admin', {}), 404, 'http.not_found');
  });

  it('appears in the OpenAPI document with its tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/roles'].post.tags).toEqual(['Roles']);
    expect(doc.paths['/api/v1/roles/{id}/end'].post.tags).toEqual(['Roles']);
    expect(doc.paths['/api/v1/members/types'].post.tags).toEqual(['Members']);
    expect(doc.paths['/api/v1/members/types/{id}'].patch.tags).toEqual(['Members']);
    expect(doc.paths['/api/v1/me'].get.tags).toEqual(['Me']);
  });
});
