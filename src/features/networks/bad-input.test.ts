import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { multipartForm, testApp, type TestApp } from '../../test/app.js';
import { NETWORK_FILE_MAX_BYTES } from './files.js';
import { networkOf, networkWorld, tokenOf, type NetworkWorld, type Someone } from './networks.fixture.js';

/*
 * Every bad input of the issue over the API: posting in a network one is not in, replying in a
 * locked thread, joining a network by invitation, an empty post, a file that is not what its name
 * says or too big, removing the last coordinator, declining without a reason — and unknown fields,
 * malformed ids and wrong values. Each is a clear problem (application/problem+json) with a stable
 * code, naming the field where there is one, and NOTHING is written: the tables' counts and state
 * read the same before and after. No input makes a route of the networks' API answer 5xx.
 */

let t: TestApp;
let w: NetworkWorld;
const auth = new Map<string, { authorization: string }>();

type Problem = { code: string; title: string; status: number; errors?: { path: string; code: string; message: string }[] };
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const call = (method: Method, url: string, who: Someone | null, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { ...(who ? auth.get(who.id) : {}), ...headers }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

function upload(url: string, who: Someone, name: string, bytes: Buffer, fields: Record<string, string> = {}) {
  const form = multipartForm(fields, [{ field: 'file', name, type: 'application/pdf', bytes }]);
  return t.app.inject({ method: 'POST', url, headers: { ...auth.get(who.id), 'content-type': form.contentType }, payload: form.payload });
}

/** The answer is a problem of this status and code — on the field, when one is given. */
function problem(res: LightMyRequestResponse, status: number, code: string, field?: string): Problem {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const p = res.json() as Problem;
  if (field) expect(p.errors, res.body).toContainEqual(expect.objectContaining({ path: field, code }));
  else expect(p.code, res.body).toBe(code);
  return p;
}

/** Everything a bad request could have written, as one value to compare before and after. */
async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(
    `select (select count(*) from networks)::int as networks, (select count(*) from network_members)::int as members,
       (select md5(coalesce(string_agg(id::text || status || role, '|' order by id), '')) from network_members) as member_state,
       (select count(*) from network_threads)::int as threads,
       (select md5(coalesce(string_agg(id::text || title || pinned::text || locked::text || post_count::text || coalesce(hidden_at::text, ''), '|' order by id), '')) from network_threads) as thread_state,
       (select count(*) from network_posts)::int as posts,
       (select md5(coalesce(string_agg(id::text || body || coalesce(deleted_at::text, '') || coalesce(hidden_at::text, ''), '|' order by id), '')) from network_posts) as post_state,
       (select count(*) from network_files)::int as files, (select count(*) from network_file_versions)::int as versions,
       (select md5(coalesce(string_agg(name || description || visibility || join_policy || archived::text, '|' order by id), '')) from networks) as network_state,
       (select count(*) from network_notifications)::int as modes, (select count(*) from network_meetings)::int as meetings,
       (select count(*) from mail_outbox)::int as mails, (select count(*) from mailings)::int as mailings,
       (select count(*) from audit_events where action <> 'view')::int as audits`,
  );
  return JSON.stringify(r.rows[0]);
}

/** Runs the bad requests and shows that none of them wrote anything. */
async function nothingWritten(run: () => Promise<void>): Promise<void> {
  const before = await fingerprint();
  await run();
  expect(await fingerprint()).toBe(before);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let listed: string;
let hidden: string;
let invitation: string;
let threadId: string;
let lockedThreadId: string;
let lockedPostId: string;
let fileId: string;

async function thread(networkId: string, who: Someone, title: string): Promise<{ id: string; postId: string }> {
  const res = await call('POST', `/api/v1/networks/${networkId}/threads`, who, { title, body: 'Hvad gør I?' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await testApp();
  w = await networkWorld(t.database);
  for (const s of [...w.members, w.memberElsewhere, w.contactA, w.contactC, w.staff, w.expert, w.board, w.admin, w.outsider]) auth.set(s.id, await tokenOf(t.database, s.id));
  listed = await networkOf(w, { people: [w.members[0].id, w.members[1].id], joinPolicy: 'request' });
  hidden = await networkOf(w, { visibility: 'hidden', people: [w.members[0].id] });
  invitation = await networkOf(w, { joinPolicy: 'invitation', people: [w.members[0].id] });
  threadId = (await thread(listed, w.members[0], 'Weekendvagter')).id;
  const locked = await thread(listed, w.members[0], 'Låst tråd');
  lockedThreadId = locked.id;
  lockedPostId = locked.postId;
  expect((await call('PATCH', `/api/v1/threads/${lockedThreadId}`, w.staff, { locked: true })).statusCode).toBe(200);
  const f = await upload(`/api/v1/networks/${listed}/files`, w.members[0], 'plan.pdf', PDF);
  expect(f.statusCode, f.body).toBe(201);
  fileId = f.json().id;
}, 120_000);
afterAll(async () => t?.close());

describe('the issue’s bad input: a clear error, nothing written', () => {
  it('posting in a network one is not in: a listed one refuses (403), a hidden one and its threads are not found (404)', async () => {
    const hiddenThread = await thread(hidden, w.members[0], 'Skjult tråd');
    await nothingWritten(async () => {
      problem(await call('POST', `/api/v1/networks/${listed}/threads`, w.members[5], { title: 'Hej', body: 'Må jeg være med?' }), 403, 'http.forbidden');
      problem(await call('POST', `/api/v1/threads/${threadId}/posts`, w.members[5], { body: 'Et svar udefra' }), 404, 'http.not_found');
      problem(await call('POST', `/api/v1/networks/${hidden}/threads`, w.members[5], { title: 'Hej', body: 'Må jeg?' }), 404, 'http.not_found');
      problem(await call('POST', `/api/v1/threads/${hiddenThread.id}/posts`, w.board, { body: 'Et svar udefra' }), 404, 'http.not_found');
      problem(await upload(`/api/v1/networks/${hidden}/files`, w.members[5], 'plan.pdf', PDF), 404, 'http.not_found');
      problem(await upload(`/api/v1/networks/${listed}/files`, w.members[5], 'plan.pdf', PDF), 403, 'http.forbidden');
    });
  });

  it('a locked thread takes no reply (409 network.thread_locked) and its posts no edits', async () => {
    await nothingWritten(async () => {
      const p = problem(await call('POST', `/api/v1/threads/${lockedThreadId}/posts`, w.members[1], { body: 'For sent' }), 409, 'network.thread_locked');
      expect(p.title).not.toBe('');
      problem(await call('PATCH', `/api/v1/posts/${lockedPostId}`, w.members[0], { body: 'Ændret efter låsning' }), 409, 'network.thread_locked');
      problem(await call('DELETE', `/api/v1/posts/${lockedPostId}`, w.members[0]), 409, 'network.thread_locked');
    });
  });

  it('joining a network by invitation without one: 403 network.invitation_only', async () => {
    await nothingWritten(async () => {
      problem(await call('POST', `/api/v1/networks/${invitation}/members`, w.members[5], { memberId: w.members[5].id }), 403, 'network.invitation_only');
    });
  });

  it('an empty post names `body` (422), an empty title names `title`; a post that is only spaces is empty', async () => {
    await nothingWritten(async () => {
      problem(await call('POST', `/api/v1/threads/${threadId}/posts`, w.members[1], { body: '' }), 422, 'network.body_required', 'body');
      problem(await call('POST', `/api/v1/threads/${threadId}/posts`, w.members[1], { body: '   \n\t ' }), 422, 'network.body_required', 'body');
      problem(await call('POST', `/api/v1/networks/${listed}/threads`, w.members[1], { title: 'Tom', body: ' ' }), 422, 'network.body_required', 'body');
      problem(await call('POST', `/api/v1/networks/${listed}/threads`, w.members[1], { title: '  ', body: 'Noget' }), 422, 'network.title_required', 'title');
      problem(await call('PATCH', `/api/v1/posts/${lockedPostId}`, w.members[0], { body: '' }), 422, 'network.body_required', 'body');
      problem(await call('POST', `/api/v1/threads/${threadId}/posts`, w.members[1], {}), 422, 'validation.required', 'body');
    });
  });

  it('a file that is not what its name says: 422 network.file_wrong_type naming `file`; an empty one and none at all are refused too', async () => {
    await nothingWritten(async () => {
      problem(await upload(`/api/v1/networks/${listed}/files`, w.members[0], 'referat.pdf', Buffer.from('<html><script>alert(1)</script></html>')), 422, 'network.file_wrong_type', 'file');
      problem(await upload(`/api/v1/networks/${listed}/files`, w.members[0], 'billede.png', PDF), 422, 'network.file_wrong_type', 'file');
      problem(await upload(`/api/v1/networks/${listed}/files`, w.members[0], 'script.exe', Buffer.from('MZ\x90\x00')), 422, 'network.file_wrong_type', 'file');
      problem(await upload(`/api/v1/network-files/${fileId}/versions`, w.members[0], 'plan.pdf', Buffer.from('GIF89a')), 422, 'network.file_wrong_type', 'file');
      problem(await upload(`/api/v1/networks/${listed}/files`, w.members[0], 'tom.pdf', Buffer.alloc(0)), 422, 'network.file_empty', 'file');
      const none = multipartForm({ title: 'Uden fil' });
      problem(await t.app.inject({ method: 'POST', url: `/api/v1/networks/${listed}/files`, headers: { ...auth.get(w.members[0].id), 'content-type': none.contentType }, payload: none.payload }), 422, 'validation.required', 'file');
    });
  });

  it('a file over the limit: 413 network.file_too_large, for a new file and a new version', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(NETWORK_FILE_MAX_BYTES + 1 - PDF.length, 0x20)]);
    await nothingWritten(async () => {
      problem(await upload(`/api/v1/networks/${listed}/files`, w.members[0], 'stor.pdf', big), 413, 'network.file_too_large');
      problem(await upload(`/api/v1/network-files/${fileId}/versions`, w.members[0], 'stor.pdf', big), 413, 'network.file_too_large');
    });
  }, 60_000);

  it('the last coordinator cannot leave nor be removed (409 network.last_coordinator)', async () => {
    const members = (await call('GET', `/api/v1/networks/${listed}/members`, w.staff)).json().items as { id: string; personId: string; role: string }[];
    const coordinatorRow = members.find((m) => m.role === 'coordinator')!;
    expect(coordinatorRow.personId).toBe(w.staff.id);
    await nothingWritten(async () => {
      problem(await call('POST', `/api/v1/networks/${listed}/leave`, w.staff), 409, 'network.last_coordinator');
      problem(await call('DELETE', `/api/v1/networks/${listed}/members/${coordinatorRow.id}`, w.admin), 409, 'network.last_coordinator');
      problem(await call('DELETE', `/api/v1/networks/${listed}/members/${coordinatorRow.id}`, w.expert), 409, 'network.last_coordinator');
    });
  });

  it('declining a request without a reason names `reason` (422); the request stays', async () => {
    const asked = await call('POST', `/api/v1/networks/${listed}/members`, w.members[4], { memberId: w.members[4].id });
    expect(asked.statusCode, asked.body).toBe(202);
    const rowId = asked.json().id as string;
    await nothingWritten(async () => {
      problem(await call('POST', `/api/v1/networks/${listed}/members/${rowId}/decision`, w.staff, { approve: false }), 422, 'network.reason_required', 'reason');
      problem(await call('POST', `/api/v1/networks/${listed}/members/${rowId}/decision`, w.staff, { approve: false, reason: '   ' }), 422, 'network.reason_required', 'reason');
      // Asking twice, and joining again when in.
      problem(await call('POST', `/api/v1/networks/${listed}/members`, w.members[4], { memberId: w.members[4].id }), 409, 'network.already_requested');
      problem(await call('POST', `/api/v1/networks/${listed}/members`, w.members[0], { memberId: w.members[0].id }), 409, 'network.already_member');
    });
  });

  it('hiding without a reason names `reason`; a coordinator’s decision on what is no request is 409', async () => {
    const members = (await call('GET', `/api/v1/networks/${listed}/members`, w.staff)).json().items as { id: string; status: string; role: string }[];
    const active = members.find((m) => m.status === 'active' && m.role === 'member')!;
    await nothingWritten(async () => {
      problem(await call('PATCH', `/api/v1/threads/${threadId}`, w.staff, { hidden: true }), 422, 'network.reason_required', 'reason');
      problem(await call('POST', `/api/v1/posts/${lockedPostId}/hide`, w.staff, { hidden: true, reason: '' }), 422, 'network.reason_required', 'reason');
      problem(await call('POST', `/api/v1/networks/${listed}/members/${active.id}/decision`, w.staff, { approve: true }), 409, 'network.not_pending');
    });
  });

  it('a person who is not a member, an expert who is not staff, a company in a people network: 422 on the field', async () => {
    await nothingWritten(async () => {
      problem(await call('POST', `/api/v1/networks/${listed}/members`, w.staff, { memberId: w.outsider.id }), 422, 'network.not_a_member', 'memberId');
      problem(await call('POST', `/api/v1/networks/${listed}/members`, w.staff, { memberId: w.members[5].id, role: 'expert' }), 422, 'network.expert_not_staff', 'memberId');
      problem(await call('POST', `/api/v1/networks/${listed}/members`, w.staff, { memberCompanyId: w.companyC }), 422, 'network.people_only', 'memberCompanyId');
      problem(await call('POST', `/api/v1/networks/${listed}/members`, w.staff, { memberId: w.members[5].id, memberCompanyId: w.companyC }), 422, 'network.member_or_company', 'memberId');
      problem(await call('POST', `/api/v1/networks/${listed}/members`, w.staff, {}), 422, 'network.member_or_company', 'memberId');
      problem(await call('POST', `/api/v1/networks/${listed}/members`, w.staff, { memberId: '00000000-0000-4000-8000-000000000000' }), 422, 'network.person_unknown', 'memberId');
    });
  });
});

describe('unknown fields, malformed ids and wrong values', () => {
  it('a new network with an unknown field, a wrong kind, visibility or join policy, no name or an unknown unit: 422 naming the field', async () => {
    const good = { unitId: w.org.north, name: 'Nyt netværk', kind: 'people', visibility: 'listed', joinPolicy: 'open' };
    await nothingWritten(async () => {
      problem(await call('POST', '/api/v1/networks', w.staff, { ...good, colour: 'red' }), 422, 'validation.unknown_field', 'colour');
      const bad = problem(await call('POST', '/api/v1/networks', w.staff, { ...good, kind: 'friends', visibility: 'secret', joinPolicy: 'maybe' }), 422, 'validation.invalid_choice', 'kind');
      expect(bad.errors!.map((e) => e.path)).toEqual(expect.arrayContaining(['kind', 'visibility', 'joinPolicy']));
      problem(await call('POST', '/api/v1/networks', w.staff, { ...good, name: '   ' }), 422, 'validation.required', 'name');
      problem(await call('POST', '/api/v1/networks', w.staff, { ...good, unitId: 'nord' }), 422, 'validation.invalid_id', 'unitId');
      problem(await call('POST', '/api/v1/networks', w.staff, { ...good, unitId: '00000000-0000-4000-8000-000000000000' }), 422, 'network.unit_unknown', 'unitId');
      problem(await call('PATCH', `/api/v1/networks/${listed}`, w.staff, { kind: 'companies' }), 422, 'validation.unknown_field', 'kind');
      problem(await call('POST', `/api/v1/threads/${threadId}/posts`, w.members[0], { body: 'Hej', authorId: w.staff.id }), 422, 'validation.unknown_field', 'authorId');
      problem(await call('POST', `/api/v1/networks/${listed}/members`, w.staff, { memberId: w.members[5].id, role: 'owner' }), 422, 'validation.invalid_choice', 'role');
      problem(await call('PUT', `/api/v1/networks/${listed}/notifications`, w.members[0], { mode: 'hourly' }), 422, 'validation.invalid_choice', 'mode');
    });
  });

  it('malformed ids are not found or invalid, never a server error; unknown ids are not found', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await nothingWritten(async () => {
      for (const [method, url, body] of [
        ['GET', '/api/v1/networks/nope', undefined],
        ['GET', `/api/v1/networks/${listed}x/threads`, undefined],
        ['POST', '/api/v1/threads/1/posts', { body: 'Hej' }],
        ['GET', "/api/v1/threads/' or 1=1 --", undefined],
        ['DELETE', `/api/v1/networks/${listed}/members/abc`, undefined],
        ['GET', '/api/v1/network-files/..%2F..%2Fetc%2Fpasswd', undefined],
        ['PATCH', '/api/v1/posts/123', { body: 'Hej' }],
      ] as const) {
        const res = await call(method, url, w.staff, body);
        expect([404, 422], `${method} ${url}: ${res.body}`).toContain(res.statusCode);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      for (const [method, url, body] of [
        ['GET', `/api/v1/networks/${unknown}`, undefined],
        ['GET', `/api/v1/threads/${unknown}`, undefined],
        ['POST', `/api/v1/threads/${unknown}/posts`, { body: 'Hej' }],
        ['PATCH', `/api/v1/posts/${unknown}`, { body: 'Hej' }],
        ['GET', `/api/v1/network-files/${unknown}`, undefined],
        ['DELETE', `/api/v1/networks/${listed}/members/${unknown}`, undefined],
        ['POST', `/api/v1/networks/${listed}/members/${unknown}/decision`, { approve: true }],
        ['GET', `/api/v1/network-files/${fileId}?version=99`, undefined],
      ] as const) {
        problem(await call(method, url, w.staff, body), 404, 'http.not_found');
      }
      problem(await call('GET', `/api/v1/network-files/${fileId}?version=zero`, w.staff), 422, 'validation.not_a_number', 'version');
    });
  });

  it('no body that the routes can be sent makes them fail with 5xx', async () => {
    const bodies: string[] = [
      ...[null, [], 'text', 42, { body: 42 }, { body: null }, { title: ['x'], body: { a: 1 } }, { memberId: 7 }, { approve: 'yes' }, { pinned: 'true' }, { mode: null }, { body: 'x'.repeat(50_000) }].map((b) => JSON.stringify(b)),
      // Prototype pollution, as raw JSON (an object literal would lose the key).
      '{"__proto__": {"admin": true}, "body": 1}',
      '{"constructor": {"prototype": {"admin": true}}, "body": 1}',
    ];
    const routes: [Method, string][] = [
      ['POST', '/api/v1/networks'],
      ['PATCH', `/api/v1/networks/${listed}`],
      ['POST', `/api/v1/networks/${listed}/members`],
      ['POST', `/api/v1/networks/${listed}/threads`],
      ['POST', `/api/v1/threads/${threadId}/posts`],
      ['PATCH', `/api/v1/threads/${threadId}`],
      ['PATCH', `/api/v1/posts/${lockedPostId}`],
      ['POST', `/api/v1/posts/${lockedPostId}/hide`],
      ['PUT', `/api/v1/networks/${listed}/notifications`],
      ['PUT', '/api/v1/network-notice'],
      ['POST', `/api/v1/networks/${listed}/meetings`],
      ['POST', `/api/v1/networks/${listed}/files`],
    ];
    const wrong: string[] = [];
    await nothingWritten(async () => {
      for (const [method, url] of routes) {
        for (const body of bodies) {
          const res = await t.app.inject({ method, url, headers: { ...auth.get(w.staff.id), 'content-type': 'application/json' }, payload: body });
          if (res.statusCode >= 500 || res.statusCode < 400) wrong.push(`${method} ${url} ${body.slice(0, 40)}: ${res.statusCode} ${res.body.slice(0, 120)}`);
          else if (!String(res.headers['content-type']).includes('application/problem+json')) wrong.push(`${method} ${url}: not problem+json`);
        }
        // Broken JSON and a body of the wrong type.
        for (const [payload, type] of [['{"body": ', 'application/json'], ['body=x', 'text/plain']]) {
          const res = await t.app.inject({ method, url, headers: { ...auth.get(w.staff.id), 'content-type': type }, payload });
          if (res.statusCode >= 500 || res.statusCode < 400) wrong.push(`${method} ${url} ${type} ${payload}: ${res.statusCode}`);
        }
      }
    });
    expect(wrong).toEqual([]);
  }, 60_000);
});
