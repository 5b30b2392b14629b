import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { bearer, testApp, type TestApp } from '../../test/app.js';
import { registerSnapshot, seedForImport, type ImportFixtures } from './import.fixture.js';

let t: TestApp;
let f: ImportFixtures;
let admin: { authorization: string };
let staffNorth: { authorization: string };

beforeAll(async () => {
  t = await testApp();
  f = await seedForImport(t.database);
  admin = await bearer(t.database, 'admin', null);
  staffNorth = await bearer(t.database, 'staff', f.org.north);
});
afterAll(() => t.close());

const post = (url: string, body: string | Buffer, headers: Record<string, string> = admin, type = 'text/csv; charset=utf-8') =>
  t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': type, 'accept-language': 'en' }, payload: body });

const FILE = 'member_number,first_name,last_name,email,unit,workplace_p_number,job_title\n900100,Anne,Berg,anne.berg@example.org,Kreds Nord,1000000001,Pædagog\n,Bo,Ek,bo.ek@example.org,Kreds Nord,,\n';

function importProblem(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBe(422);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ type: 'urn:forening:problem:import.invalid', status: 422, code: 'import.invalid', title: 'The file has errors, so nothing was saved' });
  return body as { created: number; updated: number; unchanged: number; errors: { row: number | null; column: string | null; code: string; message: string; path: string }[] };
}

describe('POST /api/v1/members/import', () => {
  it('is a dry run unless told otherwise, and then writes it all', async () => {
    const before = await registerSnapshot(t.database);
    const dry = await post('/api/v1/members/import', FILE);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({ created: 2, updated: 0, unchanged: 0, errors: [] });
    expect(await post('/api/v1/members/import?dryRun=true', FILE).then((r) => r.json())).toEqual({ created: 2, updated: 0, unchanged: 0, errors: [] });
    expect(await registerSnapshot(t.database)).toBe(before);

    const applied = await post('/api/v1/members/import?dryRun=false', FILE, staffNorth);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toEqual({ created: 2, updated: 0, unchanged: 0, errors: [] });
    const people = await t.database.executeSql(`select p.email, m.member_number from persons p join memberships m on m.person_id = p.id order by p.email`);
    expect(people.rows.map((r) => r.email)).toEqual(['anne.berg@example.org', 'bo.ek@example.org']);
    const [event] = (await t.database.executeSql(`select actor_kind, actor_token_id from audit_events where entity_type = 'member_import'`)).rows;
    expect(event).toMatchObject({ actor_kind: 'token', actor_token_id: expect.any(String) });

    expect(await post('/api/v1/members/import?dryRun=false', FILE).then((r) => r.json())).toEqual({ created: 0, updated: 0, unchanged: 2, errors: [] });
  });

  it('answers 422 with the counts and every error, in the caller’s language, and writes nothing', async () => {
    const before = await registerSnapshot(t.database);
    const res = await post('/api/v1/members/import?dryRun=false', `${FILE},Cia,Holm,cia@,Kreds Nord,,\n,Dan,Dal,dan@example.org,Kreds Vest,,\n`);
    const body = importProblem(res);
    expect(body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(body.errors).toEqual([
      { row: 4, column: 'email', code: 'import.invalid_email', message: '“email” must be a valid e-mail address, e.g. name@example.org.', path: '4.email' },
      { row: 5, column: 'unit', code: 'import.unknown_unit', message: '“unit”: there is no unit “Kreds Vest”.', path: '5.unit' },
    ]);
    expect(await registerSnapshot(t.database)).toBe(before);
  });

  it('reports a wrong header, a broken quote and an empty body as one error', async () => {
    expect(importProblem(await post('/api/v1/members/import', 'first_name,last_name,shoe_size\n')).errors).toEqual([
      { row: 1, column: 'shoe_size', code: 'import.unknown_column', message: 'The column “shoe_size” is unknown. See the list of columns.', path: '1.shoe_size' },
    ]);
    expect(importProblem(await post('/api/v1/members/import', 'first_name,last_name\n"Anne,Berg\n')).errors).toMatchObject([{ row: 2, column: null, code: 'import.broken_quote', path: '2' }]);
    expect(importProblem(await post('/api/v1/members/import', '')).errors).toMatchObject([{ row: null, code: 'import.empty', path: '' }]);
  });

  it('refuses a body over 20 MB with 413 before reading it, and other content types with 415', async () => {
    const before = await registerSnapshot(t.database);
    const big = await post('/api/v1/members/import?dryRun=false', Buffer.alloc(20 * 1024 * 1024 + 1, 'a'));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'import.too_large', title: 'The file is larger than 20 MB.', errors: [{ path: 'body', code: 'import.too_large' }] });
    const json = await post('/api/v1/members/import', '{"rows":[]}', admin, 'application/json');
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('request.unsupported_media_type');
    expect(await registerSnapshot(t.database)).toBe(before);
  });

  it('stops a streamed upload of garbage as soon as it passes the limit, without waiting for the rest', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const started = Date.now();
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    // The server answers 413 and closes the connection with the rest unread. The kernel then resets the
    // connection, and a reset can arrive before the client has parsed the 413; both prove the point, which
    // is that the server stopped taking the body (the 413 itself is checked through inject above).
    const outcome = await new Promise<number | 'reset'>((resolve, reject) => {
      const req = httpRequest({ port, host: '127.0.0.1', method: 'POST', path: '/api/v1/members/import', headers: { ...admin, 'content-type': 'text/csv', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? resolve('reset') : reject(err)));
      let sent = 0;
      const pump = () => {
        while (sent < 50 && req.write(chunk)) sent++;
        if (sent < 50) req.once('drain', () => (sent++, pump()));
        else req.end();
      };
      pump();
    });
    expect([413, 'reset']).toContain(outcome);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('appears in the OpenAPI document with its CSV body and both answers', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/members/import', '/api/v1/members/import/workplaces']) {
      const op = spec.paths[path].post;
      expect(Object.keys(op.requestBody.content)).toEqual(['text/csv']);
      expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(['dryRun']);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '413', '415', '422']));
    }
    expect(spec.components.schemas.ImportResult.required).toEqual(['created', 'updated', 'unchanged', 'errors']);
  });
});

describe('POST /api/v1/members/import/workplaces', () => {
  it('imports workplaces with the same shape of answer', async () => {
    const csv = 'name;employer_kind;p_number;unit\nApi-stedet;region;1000007777;Kreds Nord\n';
    expect(await post('/api/v1/members/import/workplaces?dryRun=false', csv).then((r) => r.json())).toEqual({ created: 1, updated: 0, unchanged: 0, errors: [] });
    expect(importProblem(await post('/api/v1/members/import/workplaces', 'name;employer_kind;unit\nX;kommune;Kreds Syd\n', staffNorth)).errors).toMatchObject([{ row: 2, column: 'unit', code: 'import.unit_out_of_scope' }]);
  });
});
