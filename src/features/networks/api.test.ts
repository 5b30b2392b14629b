import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { multipartForm, testApp, type TestApp } from '../../test/app.js';
import { networkOf, networkWorld, tokenOf, type NetworkWorld, type Someone } from './networks.fixture.js';

/*
 * The networks' API contract as the issue states it: the paths, the status codes and the field
 * names — POST /api/v1/networks `{ unitId, name, kind, visibility, joinPolicy }` (201),
 * POST …/members `{ memberId }` or `{ memberCompanyId }`, GET/POST …/threads `{ title, body }`,
 * POST /api/v1/threads/{id}/posts `{ body }`, POST …/files (multipart) — and what the answers carry,
 * each through a personal token as an integrator would call it.
 */

let t: TestApp;
let w: NetworkWorld;
const auth = new Map<string, { authorization: string }>();

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (method: Method, url: string, who: Someone | null, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url, headers: who ? auth.get(who.id) : {}, ...(payload === undefined ? {} : { payload }) });

function ok(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/json');
  return res.json();
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PDF2 = Buffer.from('%PDF-1.7\n% version two\n%%EOF\n');
function upload(url: string, who: Someone, fields: Record<string, string>, name: string, bytes: Buffer) {
  const form = multipartForm(fields, [{ field: 'file', name, type: 'application/pdf', bytes }]);
  return t.app.inject({ method: 'POST', url, headers: { ...auth.get(who.id), 'content-type': form.contentType }, payload: form.payload });
}

beforeAll(async () => {
  t = await testApp();
  w = await networkWorld(t.database);
  for (const s of [...w.members, w.memberElsewhere, w.contactA, w.contactB, w.contactC, w.staff, w.expert, w.staffElsewhere, w.board, w.admin, w.outsider]) auth.set(s.id, await tokenOf(t.database, s.id));
}, 120_000);
afterAll(async () => t?.close());

describe('POST /api/v1/networks', () => {
  it('makes a network of the unit (201) with the fields sent, its maker its coordinator', async () => {
    const body = ok(await call('POST', '/api/v1/networks', w.staff, { unitId: w.org.north, name: 'Ledere i ældreplejen', kind: 'people', visibility: 'listed', joinPolicy: 'request' }), 201);
    expect(body).toMatchObject({ id: expect.any(String), unitId: w.org.north, name: 'Ledere i ældreplejen', kind: 'people', visibility: 'listed', joinPolicy: 'request', unitName: 'Kreds Nord', archived: false });
    expect(body.membership).toMatchObject({ role: 'coordinator', status: 'active' });
    expect(body.staff).toEqual([expect.objectContaining({ personId: w.staff.id, role: 'coordinator', firstName: 'Sanne', lastName: 'Sekretær' })]);
    expect(body.counts).toMatchObject({ participants: 0, companies: 0, threads: 0, files: 0, requests: 0 });
    // It is there to read back, and in the maker's own list.
    expect(ok(await call('GET', `/api/v1/networks/${body.id}`, w.staff), 200)).toMatchObject({ id: body.id, name: 'Ledere i ældreplejen' });
    const mine = ok(await call('GET', '/api/v1/networks?mine=true', w.staff), 200).items as { id: string }[];
    expect(mine.map((x) => x.id)).toContain(body.id);
  });

  it('a network of member companies shows the competition-law notice the organisation sets', async () => {
    ok(await call('PUT', '/api/v1/network-notice', w.admin, { da: 'Tal aldrig om priser, tilbud eller kunder.', en: 'Never discuss prices, tenders or customers.' }), 200);
    const made = ok(await call('POST', '/api/v1/networks', w.staff, { unitId: w.org.north, name: 'Private bosteder', kind: 'companies', visibility: 'hidden', joinPolicy: 'invitation' }), 201);
    expect(made.notice).toMatchObject({ da: 'Tal aldrig om priser, tilbud eller kunder.' });
    expect(ok(await call('GET', '/api/v1/network-notice', w.contactA), 200)).toMatchObject({ en: 'Never discuss prices, tenders or customers.' });
  });
});

describe('POST /api/v1/networks/{id}/members', () => {
  it('`{ memberId }` of oneself joins an open network at once (201, active)', async () => {
    const id = await networkOf(w, { joinPolicy: 'open' });
    const res = ok(await call('POST', `/api/v1/networks/${id}/members`, w.members[1], { memberId: w.members[1].id }), 201);
    expect(res).toMatchObject({ id: expect.any(String), status: 'active', role: 'member' });
    const members = ok(await call('GET', `/api/v1/networks/${id}/members`, w.members[1]), 200).items as { personId: string; status: string; role: string; name: string }[];
    expect(members).toContainEqual(expect.objectContaining({ personId: w.members[1].id, status: 'active', role: 'member', name: 'Bo Medlemsen' }));
  });

  it('on request: 202 requested; the coordinator approves through …/decision and the member is in', async () => {
    const id = await networkOf(w, { joinPolicy: 'request' });
    const asked = ok(await call('POST', `/api/v1/networks/${id}/members`, w.members[2], { memberId: w.members[2].id, note: 'Jeg leder et plejecenter' }), 202);
    expect(asked).toMatchObject({ status: 'requested' });
    // Not in yet: the inside is not theirs.
    expect((await call('GET', `/api/v1/networks/${id}/threads`, w.members[2])).statusCode).toBe(404);
    const pending = ok(await call('GET', `/api/v1/networks/${id}/members`, w.staff), 200).items as { id: string; status: string; requestNote: string | null }[];
    expect(pending).toContainEqual(expect.objectContaining({ id: asked.id, status: 'requested', requestNote: 'Jeg leder et plejecenter' }));
    expect(ok(await call('POST', `/api/v1/networks/${id}/members/${asked.id}/decision`, w.staff, { approve: true }), 200)).toMatchObject({ id: asked.id, status: 'active' });
    ok(await call('GET', `/api/v1/networks/${id}/threads`, w.members[2]), 200);
  });

  it('`{ memberCompanyId }` by the company’s contact joins a network of companies, and the contact takes part', async () => {
    const id = await networkOf(w, { kind: 'companies', joinPolicy: 'open' });
    const res = ok(await call('POST', `/api/v1/networks/${id}/members`, w.contactB, { memberCompanyId: w.companyB }), 201);
    expect(res).toMatchObject({ status: 'active', role: 'member' });
    const members = ok(await call('GET', `/api/v1/networks/${id}/members`, w.contactB), 200).items as { memberCompanyId: string | null; contacts: string[] }[];
    expect(members).toContainEqual(expect.objectContaining({ memberCompanyId: w.companyB, contacts: ['Kasper Konkurrent'] }));
    const net = ok(await call('GET', `/api/v1/networks/${id}`, w.contactB), 200);
    expect(net.membership).toMatchObject({ status: 'active', memberCompanyId: w.companyB });
  });

  it('a coordinator adds someone else at once (201), or invites them (`invite: true`), and the invited accept by joining', async () => {
    const id = await networkOf(w, { visibility: 'hidden', joinPolicy: 'invitation' });
    expect(ok(await call('POST', `/api/v1/networks/${id}/members`, w.staff, { memberId: w.members[3].id }), 201)).toMatchObject({ status: 'active' });
    expect(ok(await call('POST', `/api/v1/networks/${id}/members`, w.staff, { memberId: w.members[4].id, invite: true }), 201)).toMatchObject({ status: 'invited' });
    // The invited see the hidden network (to accept), not yet its inside.
    expect(ok(await call('GET', `/api/v1/networks/${id}`, w.members[4]), 200).membership).toMatchObject({ status: 'invited' });
    expect((await call('GET', `/api/v1/networks/${id}/threads`, w.members[4])).statusCode).toBe(404);
    expect(ok(await call('POST', `/api/v1/networks/${id}/members`, w.members[4], { memberId: w.members[4].id }), 201)).toMatchObject({ status: 'active' });
    ok(await call('GET', `/api/v1/networks/${id}/threads`, w.members[4]), 200);
  });

  it('leave (204) and remove (DELETE …/members/{rowId}, 204) take them out', async () => {
    const id = await networkOf(w, { people: [w.members[0].id, w.members[1].id] });
    const members = ok(await call('GET', `/api/v1/networks/${id}/members`, w.staff), 200).items as { id: string; personId: string }[];
    const rowOf = (p: Someone) => members.find((m) => m.personId === p.id)!.id;
    expect((await call('POST', `/api/v1/networks/${id}/leave`, w.members[0])).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/networks/${id}/members/${rowOf(w.members[1])}`, w.staff)).statusCode).toBe(204);
    for (const who of [w.members[0], w.members[1]]) expect(ok(await call('GET', `/api/v1/networks/${id}`, who), 200).membership).toBeNull();
  });
});

describe('threads and posts', () => {
  it('POST …/threads `{ title, body }` (201 `{ id, postId }`), GET …/threads lists it with the counts; POST /threads/{id}/posts `{ body }` (201 `{ id, seq }`)', async () => {
    const id = await networkOf(w, { people: [w.members[0].id, w.members[1].id] });
    const started = ok(await call('POST', `/api/v1/networks/${id}/threads`, w.members[0], { title: 'Vikarer i weekenden', body: 'Hvordan **dækker** I weekendvagter?' }), 201);
    expect(started).toEqual({ id: expect.any(String), postId: expect.any(String) });
    const reply = ok(await call('POST', `/api/v1/threads/${started.id}/posts`, w.expert, { body: 'Overenskomsten siger …' }), 201);
    expect(reply).toEqual({ id: expect.any(String), seq: 2 });

    const list = ok(await call('GET', `/api/v1/networks/${id}/threads`, w.members[1]), 200).items;
    expect(list).toEqual([
      expect.objectContaining({ id: started.id, networkId: id, title: 'Vikarer i weekenden', authorName: 'Anna Medlemsen', postCount: 2, unread: 2, expertAnswered: true, pinned: false, locked: false, hidden: false, lastPostAt: expect.any(String) }),
    ]);
    const thread = ok(await call('GET', `/api/v1/threads/${started.id}`, w.members[1]), 200);
    expect(thread).toMatchObject({ id: started.id, networkName: expect.any(String), postCount: 2, canReply: true, canModerate: false });
    expect(thread.posts).toEqual([
      expect.objectContaining({ id: started.postId, seq: 1, body: 'Hvordan **dækker** I weekendvagter?', authorName: 'Anna Medlemsen', byExpert: false, mine: false }),
      expect.objectContaining({ id: reply.id, seq: 2, body: 'Overenskomsten siger …', authorName: 'Erik Ekspert', byExpert: true }),
    ]);
    // Read now: nothing unread for this reader.
    expect((ok(await call('GET', `/api/v1/networks/${id}/threads`, w.members[1]), 200).items as { unread: number }[])[0].unread).toBe(0);
  });

  it('edit (PATCH /posts/{id}), delete (DELETE /posts/{id}), moderate (PATCH /threads/{id}) and search (GET …/search?q=)', async () => {
    const id = await networkOf(w, { people: [w.members[0].id] });
    const started = ok(await call('POST', `/api/v1/networks/${id}/threads`, w.members[0], { title: 'Nattevagter', body: 'Første udkast' }), 201);
    ok(await call('PATCH', `/api/v1/posts/${started.postId}`, w.members[0], { body: 'Rettet om nattevagter' }), 200);
    const again = ok(await call('POST', `/api/v1/threads/${started.id}/posts`, w.members[0], { body: 'Slettes igen' }), 201);
    expect((await call('DELETE', `/api/v1/posts/${again.id}`, w.members[0])).statusCode).toBe(204);
    expect(ok(await call('PATCH', `/api/v1/threads/${started.id}`, w.staff, { pinned: true, locked: true }), 200)).toEqual({ ok: true });
    const thread = ok(await call('GET', `/api/v1/threads/${started.id}`, w.members[0]), 200);
    expect(thread).toMatchObject({ pinned: true, locked: true, canReply: false });
    expect(thread.posts).toEqual([expect.objectContaining({ body: 'Rettet om nattevagter', editedAt: expect.any(String) }), expect.objectContaining({ seq: 2, deleted: true, body: '' })]);
    const hits = ok(await call('GET', `/api/v1/networks/${id}/search?q=nattevagter`, w.members[0]), 200).items;
    expect(hits).toEqual([expect.objectContaining({ threadId: started.id, postId: started.postId, seq: 1, title: 'Nattevagter', snippet: 'Rettet om nattevagter' })]);
  });
});

describe('files', () => {
  it('POST …/files (multipart `file`, `title`, `description`) 201; the library lists it; a new version keeps the old; downloads carry the bytes', async () => {
    const id = await networkOf(w, { people: [w.members[0].id, w.members[1].id] });
    const made = ok(await upload(`/api/v1/networks/${id}/files`, w.members[0], { title: 'Vagtplan', description: 'Skabelon' }, 'vagtplan.pdf', PDF), 201);
    expect(made).toEqual({ id: expect.any(String) });
    expect(ok(await upload(`/api/v1/network-files/${made.id}/versions`, w.members[0], {}, 'vagtplan-2.pdf', PDF2), 201)).toEqual({ version: 2 });
    const files = ok(await call('GET', `/api/v1/networks/${id}/files`, w.members[1]), 200).items;
    expect(files).toEqual([
      expect.objectContaining({
        id: made.id,
        title: 'Vagtplan',
        description: 'Skabelon',
        version: 2,
        versions: [
          expect.objectContaining({ version: 2, fileName: 'vagtplan-2.pdf', contentType: 'application/pdf', size: PDF2.length, uploadedBy: 'Anna Medlemsen' }),
          expect.objectContaining({ version: 1, fileName: 'vagtplan.pdf', size: PDF.length }),
        ],
      }),
    ]);
    const newest = await call('GET', `/api/v1/network-files/${made.id}`, w.members[1]);
    expect(newest.statusCode).toBe(200);
    expect(newest.headers['content-type']).toContain('application/pdf');
    expect(newest.headers['content-disposition']).toContain('attachment');
    expect(newest.rawPayload.equals(PDF2)).toBe(true);
    const old = await call('GET', `/api/v1/network-files/${made.id}?version=1`, w.members[1]);
    expect(old.rawPayload.equals(PDF)).toBe(true);
    expect((await call('DELETE', `/api/v1/network-files/${made.id}`, w.members[0])).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/network-files/${made.id}`, w.members[1])).statusCode).toBe(404);
  });
});

describe('errors and the document', () => {
  it('errors are problem+json with a stable code and a message in the caller’s language', async () => {
    const id = await networkOf(w, { joinPolicy: 'invitation' });
    const da = await call('POST', `/api/v1/networks/${id}/members`, w.members[5], { memberId: w.members[5].id });
    expect(da.statusCode).toBe(403);
    expect(da.headers['content-type']).toContain('application/problem+json');
    expect(da.json()).toMatchObject({ status: 403, code: 'network.invitation_only', title: expect.any(String) });
    const en = await t.app.inject({ method: 'POST', url: `/api/v1/networks/${id}/members`, headers: { ...auth.get(w.members[5].id), 'accept-language': 'en' }, payload: { memberId: w.members[5].id } });
    // A message, not the code: the code is a locale key in every language.
    expect(da.json().title).not.toBe('network.invitation_only');
    expect(en.json().title).not.toBe(da.json().title);
  });

  it('the OpenAPI document names the issue’s routes', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, method] of [
      ['/api/v1/networks', 'post'],
      ['/api/v1/networks/{id}/members', 'post'],
      ['/api/v1/networks/{id}/threads', 'get'],
      ['/api/v1/networks/{id}/threads', 'post'],
      ['/api/v1/threads/{id}/posts', 'post'],
      ['/api/v1/networks/{id}/files', 'post'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    const create = doc.paths['/api/v1/networks'].post as { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } };
    expect(Object.keys(create.requestBody.content['application/json'].schema.properties)).toEqual(expect.arrayContaining(['unitId', 'name', 'kind', 'visibility', 'joinPolicy']));
  });
});
