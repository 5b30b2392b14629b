import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../platform/db/database.js';
import { formSession, loginAs, postMultipart, testApp, type FormFile, type TestApp } from '../../test/app.js';
import { networkOf, networkWorld, type NetworkWorld, type Someone } from './networks.fixture.js';

/*
 * The networks' pages through the app, as a browser without JavaScript uses them: a network made
 * through its form, joined (open) and asked to join (on request, approved; declined needs a
 * reason), a thread started and answered by the staff expert, a post edited by its author and
 * hidden by a coordinator with a reason, a file uploaded and downloaded, a search; every form's bad
 * input told beside its field in the reader's language, with nothing written.
 */

let t: TestApp;
let w: NetworkWorld;
const cookies = new Map<string, string>();

async function cookieOf(who: Someone): Promise<string> {
  if (!cookies.has(who.id)) cookies.set(who.id, (await loginAs(t.database, who.id)).cookie);
  return cookies.get(who.id)!;
}
const get = async (url: string, who: Someone) => t.app.inject({ method: 'GET', url, headers: { cookie: await cookieOf(who), accept: 'text/html' } });

async function post(url: string, fields: Record<string, string>, who: Someone): Promise<LightMyRequestResponse> {
  const session = await formSession(t.app, '/', await cookieOf(who));
  const body = new URLSearchParams({ _csrf: session.csrf, ...fields });
  return t.app.inject({ method: 'POST', url, headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: body.toString() });
}

async function upload(url: string, fields: Record<string, string>, file: FormFile | null, who: Someone): Promise<LightMyRequestResponse> {
  const session = await formSession(t.app, '/', await cookieOf(who));
  return postMultipart(t.app, url, session, fields, file ? [file] : []);
}

const unescape = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** The message a page shows beside a field (`<prefix>-error-<name>`), or null. */
const fieldErrorOf = (html: string, name: string, prefix = 'field'): string | null => {
  const m = new RegExp(`id="${prefix}-error-${name}"[^>]*>([^<]*)<`).exec(html);
  return m ? unescape(m[1]) : null;
};

/** The flash message the page after a redirect shows. */
async function flashAfter(res: LightMyRequestResponse, who: Someone): Promise<string> {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
  const flash = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('forening_flash'));
  const page = await t.app.inject({ method: 'GET', url: String(res.headers.location).split('#')[0], headers: { cookie: `${await cookieOf(who)}${flash ? `; ${flash}` : ''}`, accept: 'text/html' } });
  return unescape(/class="flash flash-[a-z]+"[^>]*>\s*<p>([^<]*)<\/p>/.exec(page.body)?.[1] ?? '');
}

/** Everything the networks' pages write, to show that a refused form wrote nothing. */
async function fingerprint(): Promise<string> {
  const rows = await queryRows<Record<string, unknown>>(
    t.database.db,
    sql`select (select count(*)::int from networks) as networks,
      (select md5(coalesce(string_agg(id::text || status || role, '|' order by id), '')) from network_members) as members,
      (select md5(coalesce(string_agg(id::text || title || locked || pinned || coalesce(hidden_reason, ''), '|' order by id), '')) from network_threads) as threads,
      (select md5(coalesce(string_agg(id::text || body || coalesce(hidden_reason, ''), '|' order by id), '')) from network_posts) as posts,
      (select count(*)::int from network_file_versions) as files`,
  );
  return JSON.stringify(rows[0]);
}

const statusOf = async (networkId: string, personId: string) =>
  (await queryRows<{ status: string }>(t.database.db, sql`select status from network_members where network_id = ${networkId}::uuid and person_id = ${personId}::uuid`))[0]?.status ?? null;

const pdf: FormFile = { field: 'file', name: 'referat.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n') };

beforeAll(async () => {
  t = await testApp();
  w = await networkWorld(t.database);
}, 120_000);
afterAll(async () => t?.close());

describe('making a network through its form', () => {
  it('creates a network of the staff’s unit with its maker as coordinator', async () => {
    const form = await get('/networks/new', w.staff);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Kreds Nord');
    expect(form.body).not.toContain('Kreds Syd');
    const res = await post('/networks', { unitId: w.org.north, name: 'Ledere på botilbud', description: 'Vi deler erfaringer.', kind: 'people', visibility: 'listed', joinPolicy: 'request' }, w.staff);
    expect(await flashAfter(res, w.staff)).toContain('Ledere på botilbud');
    const id = String(res.headers.location).split('/').pop()!;
    expect(await statusOf(id, w.staff.id)).toBe('active');
    const page = await get(`/networks/${id}`, w.staff);
    expect(page.body).toContain('<h1>Ledere på botilbud</h1>');
    expect(page.body).toContain('Koordinator');
  });

  it('re-renders with the field’s error and writes nothing on a missing name', async () => {
    const before = await fingerprint();
    const res = await post('/networks', { unitId: w.org.north, name: '  ', kind: 'people', visibility: 'listed', joinPolicy: 'open' }, w.staff);
    expect(res.statusCode).toBe(422);
    expect(fieldErrorOf(res.body, 'name')).toBeTruthy();
    expect(await fingerprint()).toBe(before);
  });

  it('refuses a unit the staff grant does not reach, writing nothing', async () => {
    const before = await fingerprint();
    const res = await post('/networks', { unitId: w.org.south, name: 'Sydens netværk', kind: 'people', visibility: 'listed', joinPolicy: 'open' }, w.staff);
    expect(res.statusCode).toBe(403);
    expect(await fingerprint()).toBe(before);
  });
});

describe('joining', () => {
  it('joins an open network at once, shown on the list with its join button first', async () => {
    const id = await networkOf(w, { name: 'Åbent netværk', joinPolicy: 'open' });
    const list = await get('/networks', w.members[0]);
    expect(list.body).toContain('Åbent netværk');
    expect(list.body).toContain(`action="/networks/${id}/join"`);
    expect(list.body).toContain('Bliv medlem');
    expect(await flashAfter(await post(`/networks/${id}/join`, {}, w.members[0]), w.members[0])).toBe('Du er nu med i netværket.');
    expect(await statusOf(id, w.members[0].id)).toBe('active');
    // Now it is one of "mine" and the inside is shown.
    const page = await get(`/networks/${id}`, w.members[0]);
    expect(page.body).toContain('Forlad netværket');
    expect(page.body).toContain(`action="/networks/${id}/notifications"`);
  });

  it('asks to join one on request with a note; the coordinator approves; declining needs a reason', async () => {
    const id = await networkOf(w, { name: 'Anmodningsnetværk', joinPolicy: 'request' });
    expect((await get(`/networks/${id}`, w.members[1])).body).toContain('Anmod om at blive medlem');
    expect(await flashAfter(await post(`/networks/${id}/join`, { note: 'Jeg leder et botilbud.' }, w.members[1]), w.members[1])).toContain('anmodning er sendt');
    await post(`/networks/${id}/join`, {}, w.members[2]);
    expect(await statusOf(id, w.members[1].id)).toBe('requested');
    // An outsider of the inside sees no members page.
    expect((await get(`/networks/${id}/members`, w.members[1])).statusCode).toBe(404);
    const members = await get(`/networks/${id}/members`, w.staff);
    expect(members.body).toContain('Jeg leder et botilbud.');
    const [row1, row2] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from network_members where network_id = ${id}::uuid and person_id in (${w.members[1].id}::uuid, ${w.members[2].id}::uuid) order by person_id = ${w.members[1].id}::uuid desc`,
    );
    expect(await flashAfter(await post(`/networks/${id}/members/${row1.id}/decision`, { approve: 'true' }, w.staff), w.staff)).toBe('Anmodningen er godkendt.');
    expect(await statusOf(id, w.members[1].id)).toBe('active');
    const before = await fingerprint();
    expect(await flashAfter(await post(`/networks/${id}/members/${row2.id}/decision`, { approve: 'false', reason: '' }, w.staff), w.staff)).toBe('Skriv en begrundelse.');
    expect(await fingerprint()).toBe(before);
    expect(await flashAfter(await post(`/networks/${id}/members/${row2.id}/decision`, { approve: 'false', reason: 'Kun for ledere.' }, w.staff), w.staff)).toBe('Anmodningen er afvist.');
    expect(await statusOf(id, w.members[2].id)).toBeNull();
  });

  it('offers nothing for a network by invitation, and refuses a join sent all the same', async () => {
    const id = await networkOf(w, { name: 'Lukket kreds', joinPolicy: 'invitation' });
    const page = await get(`/networks/${id}`, w.members[3]);
    expect(page.body).toContain('Kun efter invitation');
    expect(page.body).not.toContain(`action="/networks/${id}/join"`);
    const before = await fingerprint();
    expect(await flashAfter(await post(`/networks/${id}/join`, {}, w.members[3]), w.members[3])).toBe('Man kan kun komme med i dette netværk efter invitation.');
    expect(await fingerprint()).toBe(before);
  });

  it('keeps the last coordinator and says why', async () => {
    const id = await networkOf(w, { name: 'Én koordinator' });
    const [row] = await queryRows<{ id: string }>(t.database.db, sql`select id from network_members where network_id = ${id}::uuid and person_id = ${w.staff.id}::uuid`);
    // The page does not offer it (the expert, not the last of anything, may go).
    const page = (await get(`/networks/${id}/members`, w.admin)).body;
    expect(page).not.toContain(`/members/${row.id}/remove`);
    expect(page).toContain('/remove');
    const before = await fingerprint();
    expect(await flashAfter(await post(`/networks/${id}/members/${row.id}/remove`, {}, w.admin), w.admin)).toContain('mindst én koordinator');
    expect(await fingerprint()).toBe(before);
  });

  it('hides a hidden network from an outsider: not found', async () => {
    const id = await networkOf(w, { name: 'Hemmeligt netværk', visibility: 'hidden', people: [w.members[0].id] });
    expect((await get(`/networks/${id}`, w.members[4])).statusCode).toBe(404);
    expect((await get('/networks', w.members[4])).body).not.toContain('Hemmeligt netværk');
    expect((await get(`/networks/${id}`, w.members[0])).statusCode).toBe(200);
  });
});

describe('threads', () => {
  let networkId: string;
  let threadId: string;

  beforeAll(async () => {
    networkId = await networkOf(w, { name: 'Trådnetværket', people: [w.members[0].id, w.members[1].id] });
  });

  const postsOf = (id: string) =>
    queryRows<{ id: string; seq: number; body: string; by_expert: boolean; hidden_reason: string | null; edited_at: Date | null }>(t.database.db, sql`select id, seq, body, by_expert, hidden_reason, edited_at from network_posts where thread_id = ${id}::uuid order by seq`);

  it('refuses an empty post beside its field, in the reader’s language, writing nothing', async () => {
    const before = await fingerprint();
    const res = await post(`/networks/${networkId}/threads`, { title: 'Vagtplaner', body: '   ' }, w.members[0]);
    expect(res.statusCode).toBe(422);
    expect(fieldErrorOf(res.body, 'body')).toBe('Skriv en tekst.');
    expect(res.body).toContain('value="Vagtplaner"');
    expect(await fingerprint()).toBe(before);
  });

  it('starts a thread; the expert’s reply marks it answered', async () => {
    const res = await post(`/networks/${networkId}/threads`, { title: 'Vagtplaner', body: 'Hvordan **planlægger** I weekendvagter?' }, w.members[0]);
    expect(await flashAfter(res, w.members[0])).toBe('Tråden er startet.');
    threadId = String(res.headers.location).split('/').pop()!;
    const page = await get(`/networks/threads/${threadId}`, w.members[1]);
    expect(page.body).toContain('<strong>planlægger</strong>');
    const reply = await post(`/networks/threads/${threadId}/posts`, { body: 'Vi bruger en fast rotation.' }, w.expert);
    expect(reply.headers.location).toBe(`/networks/threads/${threadId}#post-2`);
    const [, second] = await postsOf(threadId);
    expect(second).toMatchObject({ seq: 2, by_expert: true });
    const network = await get(`/networks/${networkId}`, w.members[1]);
    expect(network.body).toContain('Besvaret af ekspert');
    // Member 1 has read the first post only: the reply is unread.
    expect(network.body).toContain('1 ulæst');
  });

  it('lets the author edit their own post and nobody else', async () => {
    const [first] = await postsOf(threadId);
    expect((await get(`/networks/posts/${first.id}/edit`, w.members[1])).statusCode).toBe(403);
    const form = await get(`/networks/posts/${first.id}/edit`, w.members[0]);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Hvordan **planlægger** I weekendvagter?');
    const bad = await post(`/networks/posts/${first.id}`, { body: '' }, w.members[0]);
    expect(bad.statusCode).toBe(422);
    expect(fieldErrorOf(bad.body, 'body')).toBe('Skriv en tekst.');
    expect(await flashAfter(await post(`/networks/posts/${first.id}`, { body: 'Hvordan planlægger I weekend- og helligdagsvagter?' }, w.members[0]), w.members[0])).toBe('Indlægget er gemt.');
    const [edited] = await postsOf(threadId);
    expect(edited.body).toBe('Hvordan planlægger I weekend- og helligdagsvagter?');
    expect(edited.edited_at).not.toBeNull();
    expect((await get(`/networks/threads/${threadId}`, w.members[1])).body).toContain('redigeret');
  });

  it('lets a coordinator hide a post with a reason: participants see a placeholder, coordinators the reason', async () => {
    const [, second] = await postsOf(threadId);
    const before = await fingerprint();
    expect(await flashAfter(await post(`/networks/posts/${second.id}/hide`, { hidden: 'true', reason: '' }, w.staff), w.staff)).toBe('Skriv en begrundelse.');
    expect(await fingerprint()).toBe(before);
    // A participant who is no coordinator may not hide.
    expect((await post(`/networks/posts/${second.id}/hide`, { hidden: 'true', reason: 'Nej' }, w.members[1])).statusCode).toBe(403);
    expect(await flashAfter(await post(`/networks/posts/${second.id}/hide`, { hidden: 'true', reason: 'Nævner en konkret kunde.' }, w.staff), w.staff)).toBe('Indlægget er skjult.');
    const member = await get(`/networks/threads/${threadId}`, w.members[1]);
    expect(member.body).not.toContain('Vi bruger en fast rotation.');
    expect(member.body).toContain('Indlægget er skjult af en koordinator.');
    const staff = await get(`/networks/threads/${threadId}`, w.staff);
    expect(staff.body).toContain('Nævner en konkret kunde.');
  });

  it('locks a thread: no reply form, and a reply sent anyway is refused', async () => {
    expect(await flashAfter(await post(`/networks/threads/${threadId}/moderate`, { locked: 'true' }, w.staff), w.staff)).toBe('Tråden er låst.');
    const page = await get(`/networks/threads/${threadId}`, w.members[0]);
    expect(page.body).toContain('Tråden er låst; der kan ikke skrives i den.');
    expect(page.body).not.toContain(`action="/networks/threads/${threadId}/posts"`);
    const before = await fingerprint();
    const res = await post(`/networks/threads/${threadId}/posts`, { body: 'Alligevel' }, w.members[0]);
    expect(res.statusCode).toBe(409);
    expect(await fingerprint()).toBe(before);
  });

  it('finds a post by its words and links to it', async () => {
    const res = await get(`/networks/${networkId}/search?q=helligdag`, w.members[1]);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`/networks/threads/${threadId}#post-1`);
    // The hidden post is never found.
    expect((await get(`/networks/${networkId}/search?q=rotation`, w.members[1])).body).not.toContain(`#post-2`);
    expect((await get(`/networks/${networkId}/search?q=helligdag`, w.members[4])).statusCode).toBe(404);
  });
});

describe('the file library', () => {
  let networkId: string;
  beforeAll(async () => {
    networkId = await networkOf(w, { name: 'Filnetværket', people: [w.members[0].id, w.members[1].id] });
  });

  it('refuses a file that is not what its name says, beside the field, writing nothing', async () => {
    const before = await fingerprint();
    const res = await upload(`/networks/${networkId}/files`, { title: 'Falsk' }, { field: 'file', name: 'falsk.pdf', type: 'application/pdf', bytes: Buffer.from('just text') }, w.members[0]);
    expect(res.statusCode).toBe(422);
    expect(fieldErrorOf(res.body, 'file')).toContain('Filen er ikke, hvad dens navn siger');
    expect(await fingerprint()).toBe(before);
    const none = await upload(`/networks/${networkId}/files`, { title: 'Ingen fil' }, null, w.members[0]);
    expect(none.statusCode).toBe(422);
    expect(fieldErrorOf(none.body, 'file')).toBe('Vælg en fil.');
  });

  it('uploads, lists, downloads, replaces with a version, and keeps the old one', async () => {
    expect(await flashAfter(await upload(`/networks/${networkId}/files`, { title: 'Referat marts', description: 'Fra mødet' }, pdf, w.members[0]), w.members[0])).toBe('Filen er lagt op.');
    const [file] = await queryRows<{ id: string }>(t.database.db, sql`select id from network_files where network_id = ${networkId}::uuid`);
    const list = await get(`/networks/${networkId}/files`, w.members[1]);
    expect(list.body).toContain('Referat marts');
    expect(list.body).toContain(`/networks/files/${file.id}/download?version=1`);
    const download = await get(`/networks/files/${file.id}/download?version=1`, w.members[1]);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('application/pdf');
    expect(download.rawPayload.equals(pdf.bytes)).toBe(true);
    // Not the uploader, not a coordinator: may not replace.
    expect((await upload(`/networks/files/${file.id}/versions`, {}, pdf, w.members[1])).statusCode).toBe(403);
    const v2 = { ...pdf, bytes: Buffer.concat([pdf.bytes, Buffer.from('% v2\n')]) };
    expect(await flashAfter(await upload(`/networks/files/${file.id}/versions`, {}, v2, w.members[0]), w.members[0])).toBe('Version 2 er lagt op.');
    expect((await get(`/networks/files/${file.id}/download?version=1`, w.members[1])).rawPayload.equals(pdf.bytes)).toBe(true);
    expect((await get(`/networks/files/${file.id}/download`, w.members[1])).rawPayload.equals(v2.bytes)).toBe(true);
    // An outsider is told there is no such file.
    expect((await get(`/networks/files/${file.id}/download`, w.members[4])).statusCode).toBe(404);
  });
});

describe('a network of member companies', () => {
  it('puts the competition-law notice first, the built-in text until the admins write one', async () => {
    const id = await networkOf(w, { kind: 'companies', name: 'Konkollegaer', companies: [w.companyA] });
    const page = await get(`/networks/${id}`, w.contactA);
    expect(page.statusCode).toBe(200);
    const notice = page.body.indexOf('network-notice');
    expect(notice).toBeGreaterThan(0);
    expect(notice).toBeLessThan(page.body.indexOf('<h1>'));
    expect(page.body).toContain('Tal ikke om priser');
    expect(await flashAfter(await post('/networks/notice', { da: 'Ingen priser her.', sv: '', en: 'No prices here.' }, w.admin), w.admin)).toBe('Vejledningen er gemt.');
    expect((await get(`/networks/${id}`, w.contactA)).body).toContain('Ingen priser her.');
    // Every page inside the network shows it, above its heading.
    for (const path of [`/networks/${id}/members`, `/networks/${id}/files`, `/networks/${id}/search?q=x`]) {
      const inner = await get(path, w.contactA);
      expect(inner.statusCode, path).toBe(200);
      expect(inner.body, path).toContain('Ingen priser her.');
      expect(inner.body.indexOf('network-notice'), path).toBeLessThan(inner.body.indexOf('<h1>'));
    }
  });

  it('lets a contact join for their company, and a coordinator plan a meeting with its agenda', async () => {
    const id = await networkOf(w, { kind: 'companies', name: 'Møde-netværket' });
    const page = await get(`/networks/${id}`, w.contactB);
    expect(page.body).toContain(`name="memberCompanyId" value="${w.companyB}"`);
    expect(await flashAfter(await post(`/networks/${id}/join`, { memberCompanyId: w.companyB }, w.contactB), w.contactB)).toBe('Du er nu med i netværket.');
    const at = (days: number, hh: string) => {
      const d = new Date(Date.now() + days * 86_400_000);
      return `${d.toISOString().slice(0, 10)}T${hh}`;
    };
    const before = await fingerprint();
    const bad = await post(`/networks/${id}/meetings`, { title: 'Forårsmøde', startsAt: at(10, '10:00'), endsAt: at(10, '12:00'), agenda: '' }, w.staff);
    expect(bad.statusCode).toBe(422);
    expect(fieldErrorOf(bad.body, 'agenda', 'meeting')).toBeTruthy();
    expect(await fingerprint()).toBe(before);
    const res = await post(`/networks/${id}/meetings`, { title: 'Forårsmøde', startsAt: at(10, '10:00'), endsAt: at(10, '12:00'), placeName: 'Huset', capacity: '12', agenda: '1. Erfaringer med vagtplaner' }, w.staff);
    expect(await flashAfter(res, w.staff)).toBe('Mødet er oprettet.');
    const contact = await get(`/networks/${id}`, w.contactB);
    expect(contact.body).toMatch(/href="\/events\/[^"]+"[^>]*>Forårsmøde</);
    expect(contact.body).toContain('Erfaringer med vagtplaner');
  });
});

describe('the pages’ structure', () => {
  it('has one h1 and a label for every field on each page', async () => {
    const id = await networkOf(w, { name: 'Strukturnetværket', people: [w.members[0].id] });
    const th = await post(`/networks/${id}/threads`, { title: 'Struktur', body: 'Tekst' }, w.members[0]);
    const threadId = String(th.headers.location).split('/').pop()!;
    const [p] = await queryRows<{ id: string }>(t.database.db, sql`select id from network_posts where thread_id = ${threadId}::uuid`);
    const pages: [string, Someone][] = [
      ['/networks', w.members[0]],
      ['/networks/new', w.staff],
      ['/networks/notice', w.admin],
      [`/networks/${id}`, w.staff],
      [`/networks/${id}/members`, w.staff],
      [`/networks/${id}/files`, w.members[0]],
      [`/networks/${id}/search?q=Tekst`, w.members[0]],
      [`/networks/threads/${threadId}`, w.staff],
      [`/networks/posts/${p.id}/edit`, w.members[0]],
    ];
    for (const [url, who] of pages) {
      const res = await get(url, who);
      expect(res.statusCode, url).toBe(200);
      expect(res.body.match(/<h1[ >]/g)?.length, url).toBe(1);
      const ids = [...res.body.matchAll(/<(?:input|select|textarea)\b([^>]*)>/g)]
        .map((m) => m[1])
        .filter((attrs) => !/type="(hidden|submit)"/.test(attrs))
        .map((attrs) => /\bid="([^"]+)"/.exec(attrs)?.[1]);
      for (const fieldId of ids) {
        expect(fieldId, `${url}: a field without an id`).toBeTruthy();
        expect(res.body, `${url}: no label for ${fieldId}`).toContain(`for="${fieldId}"`);
      }
    }
  });
});

describe('my page', () => {
  it('lists my networks', async () => {
    const res = await get('/me', w.members[0]);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Mine netværk');
    expect(res.body).toContain('Trådnetværket');
  });
});
