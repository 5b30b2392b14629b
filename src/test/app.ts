import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { parseConfig, type Config } from '../config.js';
import { buildApp } from '../app.js';
import type { Database } from '../platform/db/database.js';
import { persons, roleAssignments, type RoleKind, units, workplaces } from '../kernel/tables.js';
import { type AccessRole, anonymous, system } from '../platform/actor.js';
import { startSession } from '../kernel/auth/sessions.js';
import { createApiToken } from '../kernel/auth/api-tokens.js';
import { SESSION_COOKIE } from '../kernel/request-context.js';
import { testDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

export function testConfig(env: Record<string, string> = {}): Config {
  return parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://forening.test', LOGIN_RATE_LIMIT: '1000', ...env });
}

/** The app on a fresh database, without jobs: tests drive delivery themselves. */
export async function testApp(env: Record<string, string> = {}, database?: Database): Promise<TestApp> {
  const db = database ?? (await testDatabase());
  const config = testConfig(env);
  const app = await buildApp({ config, database: db, secret: 'test-secret-test-secret-test-secret-0123', logger: false });
  await app.ready();
  return {
    app,
    database: db,
    config,
    async close() {
      await app.close();
      if (!database) await db.close();
    },
  };
}

export interface Org {
  national: string;
  north: string;
  south: string;
  leaders: string;
}

/** A small organisation: national → two districts, and a leaders' section under national. */
export async function seedUnits(database: Database): Promise<Org> {
  const [national] = await database.db.insert(units).values({ kind: 'national', name: 'Testforbundet' }).returning();
  const [north, south, leaders] = await database.db
    .insert(units)
    .values([
      { kind: 'district', parentId: national.id, name: 'Kreds Nord', position: 1 },
      { kind: 'district', parentId: national.id, name: 'Kreds Syd', position: 2 },
      { kind: 'section', parentId: national.id, name: 'Ledersektionen', position: 3 },
    ])
    .returning();
  return { national: national.id, north: north.id, south: south.id, leaders: leaders.id };
}

let counter = 0;

/** A person with the given roles: each in a unit (null: organisation-wide), stewards and safety reps at a workplace. */
export async function createPerson(database: Database, roles: [RoleKind, string | null, string?][] = [], fields: Partial<typeof persons.$inferInsert> = {}) {
  counter++;
  const [p] = await database.db
    .insert(persons)
    .values({ firstName: 'Test', lastName: `Person ${counter}`, email: `person${counter}.${Date.now()}@example.org`, ...fields })
    .returning();
  if (roles.length) await database.db.insert(roleAssignments).values(roles.map(([role, unitId, workplaceId]) => ({ personId: p.id, role, unitId, workplaceId: workplaceId ?? null })));
  return p;
}

/** A session cookie header for a person, as if they had logged in. */
export async function loginAs(database: Database, personId: string): Promise<{ cookie: string }> {
  const token = await startSession(database.db, anonymous, personId);
  return { cookie: `${SESSION_COOKIE}=${token}` };
}

export async function bearer(database: Database, role: AccessRole, unitId: string | null = null): Promise<{ authorization: string }> {
  const created = await createApiToken(database.db, system, { name: `test ${role}`, role, unitId });
  return { authorization: `Bearer ${created.token}` };
}

/**
 * Fetches a form page and returns what a browser would send back with a POST: the CSRF token from
 * the page and the cookies (session and CSRF secret).
 */
export async function formSession(app: FastifyInstance, path: string, cookie = ''): Promise<{ cookie: string; csrf: string; page: LightMyRequestResponse }> {
  const page = await app.inject({ method: 'GET', url: path, headers: cookie ? { cookie } : {} });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error(`no CSRF token on ${path} (status ${page.statusCode})`);
  const setCookies = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
  const jar = new Map<string, string>();
  for (const c of [...cookie.split('; ').filter(Boolean), ...setCookies]) {
    const [k, ...v] = c.split('=');
    jar.set(k, v.join('='));
  }
  return { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), csrf, page };
}

/** POSTs a urlencoded form the way a browser does after `formSession`. */
export async function postForm(app: FastifyInstance, url: string, session: { cookie: string; csrf: string }, fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
  });
}

/** A file a multipart form sends: its input's name, the file's name and type, and its bytes. */
export interface FormFile {
  field: string;
  name: string;
  type: string;
  bytes: Buffer;
}

/** A multipart form as a browser sends it: text fields (with `_csrf` if the page wants it), then files. */
export function multipartForm(fields: Record<string, string>, files: readonly FormFile[] = []): { payload: Buffer; contentType: string } {
  const boundary = '----forening-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const f of files) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.bytes, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POSTs a multipart form (a page with a file input) the way a browser does after `formSession`. */
export async function postMultipart(app: FastifyInstance, url: string, session: { cookie: string; csrf: string }, fields: Record<string, string>, files: readonly FormFile[] = []) {
  const body = multipartForm({ _csrf: session.csrf, ...fields }, files);
  return app.inject({ method: 'POST', url, headers: { cookie: session.cookie, 'content-type': body.contentType, accept: 'text/html' }, payload: body.payload });
}

/** An organisation-wide admin with a logged-in session. */
export async function adminSession(database: Database, fields: Partial<typeof persons.$inferInsert> = {}) {
  const person = await createPerson(database, [['admin', null]], { firstName: 'Alma', lastName: 'Admin', ...fields });
  return { person, cookie: (await loginAs(database, person.id)).cookie };
}

/** A workplace in a unit, for stewards and employments. */
export async function createWorkplace(database: Database, unitId: string, name = 'Botilbuddet Solsikken') {
  const [w] = await database.db.insert(workplaces).values({ name, unitId, employerKind: 'municipality', employerName: 'Testkommune' }).returning();
  return w;
}
