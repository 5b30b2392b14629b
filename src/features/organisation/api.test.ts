import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { bearer, createPerson, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { organisationFields, unitFields } from '../../kernel/schema.js';
import { units } from '../../kernel/tables.js';

let t: TestApp;
let org: Org;
let admin: { authorization: string };
let staff: { authorization: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  admin = await bearer(t.database, 'admin', null);
  staff = await bearer(t.database, 'staff', org.north);
});
afterAll(() => t.close());

function api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    headers: { ...admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

/** Every row a request here could write, so a failed request can be shown to have written nothing. */
async function snapshot(): Promise<string> {
  const r = await t.database.executeSql(`
    select json_build_object(
      'units', (select coalesce(json_agg(u order by u.id), '[]') from units u),
      'organisation', (select json_agg(o) from (select id, name, short_name, about_text, email, phone, address, website, default_locale, brand_colour, currency, logo is not null as logo, updated_at from organisation) o),
      'audit', (select count(*) from audit_events)
    )::text as s`);
  return String(r.rows[0].s);
}

/** Runs a request that must fail and asserts the database is exactly as before. */
async function failsWithoutWriting(request: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> {
  const before = await snapshot();
  const res = await request();
  expect(res.statusCode).toBeGreaterThanOrEqual(400);
  expect(await snapshot()).toBe(before);
  return res;
}

/** A problem+json answer with the given status and code; returns the body for closer looks. */
function problem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ type: `urn:forening:problem:${code}`, status, code });
  expect(typeof body.title).toBe('string');
  expect(body.title).not.toContain('{{');
  expect(Array.isArray(body.errors)).toBe(true);
  return body as { type: string; title: string; status: number; code: string; instance?: string; errors: { path: string; code: string; message: string }[] };
}

async function latestAudit() {
  const [row] = await t.database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  return row;
}

const UNIT_KEYS = ['id', 'parentId', 'kind', 'name', 'shortName', 'email', 'phone', 'address', 'position', 'depth'];

/** A unit as the API answers it, with no contact details unless given. */
function unitJson(fields: Record<string, unknown>) {
  return { id: expect.stringMatching(UUID), shortName: null, email: null, phone: null, address: null, position: 0, ...fields };
}

describe('organisation', () => {
  it('GET answers the settings with the documented shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/organisation' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(
      ['name', 'shortName', 'aboutText', 'aboutTranslations', 'email', 'phone', 'address', 'website', 'defaultLocale', 'brandColour', 'currency', 'logoUrl', 'privacyNotice', 'requireTwoFactorForStaff', 'updatedAt'].sort(),
    );
  });

  it('PATCH changes only the given fields, answers the whole organisation and audits field names only', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/organisation' })).json();
    const res = await api('PATCH', '/api/v1/organisation', { name: 'Lærernes Fagforbund', email: 'post@lf.example.org', brandColour: '#aa3300' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ...before,
      name: 'Lærernes Fagforbund',
      email: 'post@lf.example.org',
      brandColour: '#aa3300',
      logoUrl: null,
      updatedAt: expect.any(String),
    });
    expect(new Date(res.json().updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(before.updatedAt).getTime());
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/organisation' });
    expect(again.json()).toEqual(res.json());

    const event = await latestAudit();
    expect(event).toMatchObject({ action: 'update', entityType: 'organisation', entityId: '1', actorKind: 'token' });
    expect(event.actorTokenId).toMatch(UUID);
    expect([...(event.fields ?? [])].sort()).toEqual(['brandColour', 'email', 'name']);
    expect(JSON.stringify(event)).not.toContain('Lærernes');
    expect(JSON.stringify(event)).not.toContain('post@lf.example.org');
  });

  it('PATCH with values that are already set writes no audit event', async () => {
    const before = await snapshot();
    const res = await api('PATCH', '/api/v1/organisation', { name: 'Lærernes Fagforbund' });
    expect(res.statusCode).toBe(200);
    expect(await snapshot()).toBe(before);
  });

  it('blank optional text becomes null', async () => {
    const res = await api('PATCH', '/api/v1/organisation', { email: '', phone: '  ' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: null, phone: null });
  });

  it('bad JSON is 400 request.invalid_json and writes nothing', async () => {
    const res = await failsWithoutWriting(() => api('PATCH', '/api/v1/organisation', '{"name": "Halv'));
    const body = problem(res, 400, 'request.invalid_json');
    expect(body.title).toBe('Ugyldig JSON');
    expect(body.instance).toBe('/api/v1/organisation');
  });

  it('an unknown field is refused by the strict schema and writes nothing', async () => {
    const res = await failsWithoutWriting(() => api('PATCH', '/api/v1/organisation', { name: 'Nyt navn', logo: 'x' }));
    const body = problem(res, 422, 'validation.failed');
    expect(body.errors).toEqual([{ path: 'logo', code: 'validation.unknown_field', message: 'Feltet logo kendes ikke.' }]);
  });

  it('an invalid colour is organisation.invalid_colour naming the field, and writes nothing', async () => {
    const res = await failsWithoutWriting(() => api('PATCH', '/api/v1/organisation', { name: 'Nyt navn', brandColour: 'red' }));
    const body = problem(res, 422, 'validation.failed');
    expect(body.errors).toEqual([{ path: 'brandColour', code: 'organisation.invalid_colour', message: 'Farve skal være en farvekode som #1d4f91.' }]);
  });

  it('an invalid e-mail, website and language are each named', async () => {
    const res = await failsWithoutWriting(() => api('PATCH', '/api/v1/organisation', { email: 'ikke-en-mail', website: 'ftp://x.example.org', defaultLocale: 'de' }, { 'accept-language': 'en' }));
    const body = problem(res, 422, 'validation.failed');
    expect(body.title).toBe('Some fields are not filled in correctly');
    expect(body.errors.map((e) => [e.path, e.code]).sort()).toEqual([
      ['defaultLocale', 'validation.invalid_choice'],
      ['email', 'validation.invalid_email'],
      ['website', 'validation.invalid_url'],
    ]);
    expect(body.errors.find((e) => e.path === 'email')?.message).toBe('E-mail must be a valid e-mail address, such as name@example.org.');
  });

  it('a blank name is validation.required', async () => {
    const res = await failsWithoutWriting(() => api('PATCH', '/api/v1/organisation', { name: '   ' }));
    expect(problem(res, 422, 'validation.failed').errors).toEqual([{ path: 'name', code: 'validation.required', message: 'Navn skal udfyldes.' }]);
  });

  it('a body that is not a JSON object is refused and writes nothing', async () => {
    for (const [type, payload] of [['text/plain', 'name=x'], ['application/json', '"Nyt navn"'], ['application/json', '[]']]) {
      const res = await failsWithoutWriting(() => api('PATCH', '/api/v1/organisation', payload, { 'content-type': type }));
      expect([400, 415, 422], `${type} ${payload}`).toContain(res.statusCode);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    problem(await failsWithoutWriting(() => api('PATCH', '/api/v1/organisation', '<name/>', { 'content-type': 'application/xml' })), 415, 'request.unsupported_media_type');
  });
});

describe('units', () => {
  let east: string;
  let eastSection: string;

  it('lists the tree depth-first with each unit’s depth', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/units' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; depth: number; kind: string }[];
    expect(items.map((u) => [u.id, u.depth])).toEqual([
      [org.national, 0],
      [org.north, 1],
      [org.south, 1],
      [org.leaders, 1],
    ]);
    for (const u of items) expect(Object.keys(u).sort()).toEqual([...UNIT_KEYS].sort());
  });

  it('creates a district under the national unit (201) and audits it', async () => {
    const res = await api('POST', '/api/v1/units', { name: 'Kreds Øst', kind: 'district', parentId: org.national, position: 4 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual(unitJson({ parentId: org.national, kind: 'district', name: 'Kreds Øst', position: 4, depth: 1 }));
    east = res.json().id;
    const [row] = await t.database.db.select().from(units).where(eq(units.id, east));
    expect(row).toMatchObject({ name: 'Kreds Øst', kind: 'district', parentId: org.national });
    expect(await latestAudit()).toMatchObject({ action: 'create', entityType: 'unit', entityId: east, actorKind: 'token', fields: null });
  });

  it('creates a section under a district at depth 2, with its contact details', async () => {
    const res = await api('POST', '/api/v1/units', { name: 'Sektion Øst', shortName: 'SØ', kind: 'section', parentId: east, email: 'oest@example.org', phone: '12 34 56 78', address: '' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual(
      unitJson({ parentId: east, kind: 'section', name: 'Sektion Øst', shortName: 'SØ', email: 'oest@example.org', phone: '12 34 56 78', address: null, depth: 2 }),
    );
    eastSection = res.json().id;
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/units/${eastSection}` });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(res.json());
  });

  it('updates a unit and audits the names of the changed fields only', async () => {
    const res = await api('PATCH', `/api/v1/units/${eastSection}`, { name: 'Sektion Øst-Jylland', email: 'oestjylland@example.org', phone: '12 34 56 78' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: eastSection, name: 'Sektion Øst-Jylland', email: 'oestjylland@example.org', shortName: 'SØ', depth: 2 });
    const event = await latestAudit();
    expect(event).toMatchObject({ action: 'update', entityType: 'unit', entityId: eastSection });
    // The phone was sent unchanged, so it is not among the changed fields.
    expect([...(event.fields ?? [])].sort()).toEqual(['email', 'name']);
    const known = [...Object.keys(unitFields), ...Object.keys(organisationFields)];
    for (const field of event.fields ?? []) expect(known).toContain(field);
  });

  it('moves a section from a district to the national unit', async () => {
    const res = await api('PATCH', `/api/v1/units/${eastSection}`, { parentId: org.national });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ parentId: org.national, depth: 1 });
    expect((await latestAudit()).fields).toEqual(['parentId']);
    // And back, so the tests below find it where they expect it.
    expect((await api('PATCH', `/api/v1/units/${eastSection}`, { parentId: east })).statusCode).toBe(200);
  });

  it('a missing name is validation.required at path name, in Danish by default and in English and Swedish on request', async () => {
    const body = { kind: 'district', parentId: org.national };
    const da = problem(await failsWithoutWriting(() => api('POST', '/api/v1/units', body)), 422, 'validation.failed');
    expect(da.title).toBe('Nogle felter er ikke udfyldt korrekt');
    expect(da.errors).toEqual([{ path: 'name', code: 'validation.required', message: 'Navn skal udfyldes.' }]);
    const en = problem(await failsWithoutWriting(() => api('POST', '/api/v1/units', body, { 'accept-language': 'en' })), 422, 'validation.failed');
    expect(en.errors).toEqual([{ path: 'name', code: 'validation.required', message: 'Name is required.' }]);
    const sv = problem(await failsWithoutWriting(() => api('POST', '/api/v1/units', body, { 'accept-language': 'sv-SE,sv;q=0.9' })), 422, 'validation.failed');
    expect(sv.errors).toEqual([{ path: 'name', code: 'validation.required', message: 'Namn måste fyllas i.' }]);
  });

  it('an unknown field on a unit is refused', async () => {
    const res = await failsWithoutWriting(() => api('POST', '/api/v1/units', { name: 'X', kind: 'district', parentId: org.national, colour: 'red' }));
    expect(problem(res, 422, 'validation.failed').errors).toEqual([{ path: 'colour', code: 'validation.unknown_field', message: 'Feltet colour kendes ikke.' }]);
  });

  it('an unknown kind is validation.invalid_choice', async () => {
    const res = await failsWithoutWriting(() => api('POST', '/api/v1/units', { name: 'X', kind: 'branch', parentId: org.national }));
    expect(problem(res, 422, 'validation.failed').errors).toMatchObject([{ path: 'kind', code: 'validation.invalid_choice' }]);
  });

  it('a second national unit is 409 unit.national_exists', async () => {
    const res = await failsWithoutWriting(() => api('POST', '/api/v1/units', { name: 'Endnu et forbund', kind: 'national' }));
    const body = problem(res, 409, 'unit.national_exists');
    expect(body.title).toBe('Der findes allerede et forbund; der kan kun være ét.');
    expect(body.errors).toEqual([{ path: 'kind', code: 'unit.national_exists', message: 'Der findes allerede et forbund; der kan kun være ét.' }]);
  });

  it('turning a district into a second national unit is refused too', async () => {
    const res = await failsWithoutWriting(() => api('PATCH', `/api/v1/units/${org.south}`, { kind: 'national', parentId: null }));
    problem(res, 409, 'unit.national_exists');
  });

  it('a district under a district is 422 unit.wrong_parent_kind naming the parent field', async () => {
    const res = await failsWithoutWriting(() => api('POST', '/api/v1/units', { name: 'Underkreds', kind: 'district', parentId: org.north }));
    const body = problem(res, 422, 'unit.wrong_parent_kind');
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ path: 'parentId', code: 'unit.wrong_parent_kind' });
    expect(body.errors[0].message).toMatch(/^Overordnet enhed passer ikke/);
    expect(body.title).toMatch(/^Overordnet enhed passer ikke/);
  });

  it('a district or section without a parent, or under a section, is wrong_parent_kind', async () => {
    problem(await failsWithoutWriting(() => api('POST', '/api/v1/units', { name: 'Løs kreds', kind: 'district' })), 422, 'unit.wrong_parent_kind');
    problem(await failsWithoutWriting(() => api('POST', '/api/v1/units', { name: 'Løs sektion', kind: 'section', parentId: '' })), 422, 'unit.wrong_parent_kind');
    problem(await failsWithoutWriting(() => api('POST', '/api/v1/units', { name: 'Undersektion', kind: 'section', parentId: org.leaders })), 422, 'unit.wrong_parent_kind');
  });

  it('a parent that does not exist is unit.parent_not_found', async () => {
    const res = await failsWithoutWriting(() => api('POST', '/api/v1/units', { name: 'Forældreløs', kind: 'section', parentId: MISSING }));
    expect(problem(res, 422, 'unit.parent_not_found').errors).toMatchObject([{ path: 'parentId', message: 'Overordnet enhed findes ikke.' }]);
  });

  it('placing a unit under itself or under its own sub-unit is unit.cycle', async () => {
    // The national unit as a section under one of its own districts.
    const under = await failsWithoutWriting(() => api('PATCH', `/api/v1/units/${org.national}`, { kind: 'section', parentId: org.north }));
    expect(problem(under, 422, 'unit.cycle').errors).toMatchObject([{ path: 'parentId', code: 'unit.cycle' }]);
    const self = await failsWithoutWriting(() => api('PATCH', `/api/v1/units/${east}`, { kind: 'section', parentId: east }));
    problem(self, 422, 'unit.cycle');
  });

  it('a unit with sub-units cannot be deleted: 409 unit.has_children', async () => {
    const res = await failsWithoutWriting(() => api('DELETE', `/api/v1/units/${east}`));
    expect(problem(res, 409, 'unit.has_children').errors).toMatchObject([{ path: 'id', code: 'unit.has_children' }]);
  });

  it('a unit a role assignment points to cannot be deleted: 409 unit.in_use', async () => {
    await createPerson(t.database, [['member', eastSection]]);
    const res = await failsWithoutWriting(() => api('DELETE', `/api/v1/units/${eastSection}`));
    const body = problem(res, 409, 'unit.in_use');
    expect(body.title).toBe('Enheden er i brug (personer, roller eller tokens peger på den) og kan ikke slettes.');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/units/${eastSection}` })).statusCode).toBe(200);
  });

  it('a unit an API token is scoped to cannot be deleted either', async () => {
    // The staff token belongs to Kreds Nord; a new childless section with a token shows the same rule.
    const created = await api('POST', '/api/v1/units', { name: 'Tokensektion', kind: 'section', parentId: org.national });
    await bearer(t.database, 'staff', created.json().id);
    problem(await failsWithoutWriting(() => api('DELETE', `/api/v1/units/${created.json().id}`)), 409, 'unit.in_use');
  });

  it('unknown ids are 404 http.not_found; ids that are not UUIDs are 422 naming id', async () => {
    for (const [method, body] of [['GET'], ['PATCH', { name: 'X' }], ['DELETE']] as const) {
      const res = await failsWithoutWriting(() => api(method, `/api/v1/units/${MISSING}`, body));
      expect(problem(res, 404, 'http.not_found').errors).toEqual([]);
    }
    const res = await failsWithoutWriting(() => api('DELETE', '/api/v1/units/42'));
    expect(problem(res, 422, 'validation.failed').errors).toMatchObject([{ path: 'id', code: 'validation.invalid_id' }]);
  });

  it('deletes a unit without sub-units or people: 204, gone, audited', async () => {
    const created = await api('POST', '/api/v1/units', { name: 'Kortlivet sektion', kind: 'section', parentId: east });
    const id = created.json().id as string;
    const res = await api('DELETE', `/api/v1/units/${id}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/units/${id}` })).statusCode).toBe(404);
    expect(await t.database.db.select().from(units).where(eq(units.id, id))).toEqual([]);
    expect(await latestAudit()).toMatchObject({ action: 'delete', entityType: 'unit', entityId: id, fields: null });
    // Deleting it again finds nothing.
    problem(await failsWithoutWriting(() => api('DELETE', `/api/v1/units/${id}`)), 404, 'http.not_found');
  });

  it('a staff token is refused with 403 and writes nothing', async () => {
    const res = await failsWithoutWriting(() => api('POST', '/api/v1/units', { name: 'Staff-kreds', kind: 'district', parentId: org.national }, staff));
    problem(res, 403, 'http.forbidden');
  });

  it('a revoked or unknown token is 401 auth.invalid_token, translated', async () => {
    const res = await failsWithoutWriting(() => api('PATCH', '/api/v1/organisation', { name: 'X' }, { authorization: 'Bearer fo_doesnotexist', 'accept-language': 'en' }));
    expect(problem(res, 401, 'auth.invalid_token').title).toBe('Invalid or revoked API token');
  });
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the organisation and units paths and the Problem schema', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/organisation', '/api/v1/units', '/api/v1/units/{id}']));
    expect(Object.keys(doc.paths['/api/v1/units']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/v1/units/{id}']).sort()).toEqual(['delete', 'get', 'patch']);
    // Pages are not part of the API.
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/v1/'))).toEqual([]);

    const problemSchema = doc.components.schemas.Problem;
    expect(problemSchema.properties).toHaveProperty('code');
    expect(problemSchema.properties).toHaveProperty('errors');
    expect(problemSchema.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'code', 'errors']));
    expect(JSON.stringify(doc.paths['/api/v1/units'].post.responses['422'])).toContain('#/components/schemas/Problem');

    // Reading is public, writing needs a bearer token.
    expect(doc.paths['/api/v1/units'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/units'].post.security).toBeUndefined();
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });

    // The strict schemas say so in the document as well.
    const patch = doc.paths['/api/v1/organisation'].patch.requestBody.content['application/json'].schema;
    expect(patch.additionalProperties).toBe(false);
    expect(Object.keys(patch.properties)).toEqual(expect.arrayContaining(['name', 'brandColour']));
  });
});
