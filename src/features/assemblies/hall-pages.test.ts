import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.js';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { assemblyWorld, calledAssembly, inSession, type AssemblyWorld, type Someone } from './assemblies.fixture.js';
import { castBallot } from './ballots.js';
import { closePoll, publishPoll } from './poll-close.js';
import { createPoll, openPoll } from './polls.js';
import { pollInput } from './poll-schema.js';
import type { AssemblyView } from './queries.js';

/*
 * The hall's pages rendered on the server and their forms posted as a browser without JavaScript
 * posts them (CSRF token, redirect, the page again): the chair's console, the projector and the
 * member's phone page.
 */

let t: TestApp;
let w: AssemblyWorld;
let chair: Someone;

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database, { members: 6 });
  chair = w.members[5];
}, 60_000);
afterAll(() => t?.close());

const db = () => t.database.db;
const cookieOf = async (p: Someone) => (await loginAs(t.database, p.id)).cookie;
const get = async (url: string, who: Someone, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { cookie: await cookieOf(who), accept: 'text/html', ...headers } });

/** Posts a form from `page` as `who`, follows the redirect and returns the page it lands on. */
async function submit(who: Someone, page: string, action: string, fields: Record<string, string> = {}) {
  const session = await formSession(t.app, page, await cookieOf(who));
  const res = await postForm(t.app, action, session, fields);
  if (res.statusCode !== 303) return { res, landed: res };
  // The flash message rides on a cookie the POST sets, as a browser keeps it.
  const jar = new Map(session.cookie.split('; ').map((c) => [c.split('=')[0], c] as const));
  for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) jar.set(c.split('=')[0], c.split(';')[0]);
  const landed = await t.app.inject({ method: 'GET', url: String(res.headers.location), headers: { cookie: [...jar.values()].join('; '), accept: 'text/html' } });
  return { res, landed };
}

async function hall(present: readonly Someone[]): Promise<AssemblyView> {
  const a = await calledAssembly(w, { chairPersonId: chair.id });
  await inSession(w, a.id, [...present, chair]);
  await db().execute(sql`update assemblies set current_item_id = ${a.agenda[1].id} where id = ${a.id}`);
  return a;
}

async function poll(a: AssemblyView, input: Record<string, unknown>) {
  const r = await createPoll(db(), chair.actor, a.id, pollInput.parse({ itemId: a.agenda[1].id, title: 'Beretningen godkendes', method: 'yes_no_abstain', ...input }));
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.poll.id;
}

describe('the chair’s console', () => {
  it('opens the assembly, moves along the agenda and shows the present count', async () => {
    const a = await calledAssembly(w, { chairPersonId: chair.id });
    const base = `/assemblies/${a.id}/console`;
    const first = await get(base, chair);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Åbn generalforsamlingen');
    expect(first.body).toContain(`data-live-src="/assemblies/${a.id}/live"`);
    const opened = await submit(chair, base, `${base}/open`);
    expect(opened.res.statusCode).toBe(303);
    expect(opened.landed.body).toContain('Generalforsamlingen er åbnet');
    expect(opened.landed.body).toContain(`Punkt 1: ${a.agenda[0].title}`);
    const moved = await submit(chair, base, `${base}/current-item`, { itemId: a.agenda[2].id });
    expect(moved.landed.body).toContain(`Punkt 3: ${a.agenda[2].title}`);
    expect(moved.landed.body).toMatch(/data-live-count="present"[^>]*>0</);
    const [row] = await queryRows<{ current: string }>(db(), sql`select current_item_id as current from assemblies where id = ${a.id}`);
    expect(row.current).toBe(a.agenda[2].id);
    const bad = await submit(chair, base, `${base}/current-item`, { itemId: 'not-an-item' });
    expect(bad.res.statusCode).toBe(422);
    expect(bad.res.body).toContain('Punktet står ikke på denne generalforsamlings dagsorden.');
  });

  it('runs the speakers’ list: give the floor, reorder, close', async () => {
    const [m1, m2, m3] = w.members;
    const a = await hall([m1, m2, m3]);
    const phone = `/assemblies/${a.id}/hall`;
    for (const m of [m1, m2]) expect((await submit(m, phone, `${phone}/speak`)).res.statusCode).toBe(303);
    const base = `/assemblies/${a.id}/console`;
    const page = await get(base, chair);
    expect(page.body).toContain('Giv ordet');
    const ids = [...page.body.matchAll(/action="\/assemblies\/[^/]+\/console\/speakers\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    const [first, second] = [...new Set(ids)];
    const up = await submit(chair, base, `${base}/speakers/${second}`, { action: 'up' });
    expect(up.res.statusCode).toBe(303);
    const order = await queryRows<{ id: string }>(db(), sql`select id from speakers where item_id = ${a.agenda[1].id} order by position`);
    expect(order.map((r) => r.id)).toEqual([second, first]);
    const floor = await submit(chair, base, `${base}/speakers/${second}`, { action: 'floor' });
    expect(floor.landed.body).toContain('Har ordet');
    const closed = await submit(chair, base, `${base}/speaker-list`, { action: 'close' });
    expect(closed.landed.body).toContain('Talerlisten er lukket');
    const refused = await submit(m3, phone, `${phone}/speak`);
    expect(refused.res.statusCode).toBe(409);
    expect(refused.res.body).toContain('Talerlisten til punktet er lukket');
    const added = await submit(chair, base, `${base}/speakers`, { personId: m3.id });
    expect(added.res.statusCode).toBe(303);
    const unknown = await submit(chair, base, `${base}/speakers/${first}`, { action: 'explode' });
    expect(unknown.res.statusCode).toBe(422);
  });

  it('opens, closes and publishes a poll with the turnout, and won’t close the assembly while one is open', async () => {
    const voters = w.members.slice(0, 3);
    const a = await hall(voters);
    const pollId = await poll(a, { secret: true });
    const base = `/assemblies/${a.id}/console`;
    const opened = await submit(chair, base, `${base}/polls/${pollId}`, { action: 'open' });
    expect(opened.landed.body).toContain('Afstemningen er åben');
    expect(opened.landed.body).toContain('har stemt');
    expect(opened.landed.body).toMatch(new RegExp(`data-live-count="voted-${pollId}"[^>]*>0<`));
    expect(opened.landed.body).toMatch(new RegExp(`data-live-count="eligible-${pollId}"[^>]*>4<`));
    const busy = await submit(chair, base, `${base}/close`);
    expect(busy.res.statusCode).toBe(409);
    expect(busy.res.body).toContain('mens en afstemning er åben');
    for (const v of voters) await castBallot(db(), v.actor, pollId, { choice: v === voters[2] ? 'no' : 'yes' });
    const counted = await submit(chair, base, `${base}/polls/${pollId}`, { action: 'close' });
    expect(counted.landed.body).toMatch(new RegExp(`data-live-count="voted-${pollId}"[^>]*>3<`));
    // The chair sees the count before the hall does.
    expect(counted.landed.body).toContain('Vedtaget');
    expect((await get(`/assemblies/${a.id}/projector`, voters[0])).body).not.toContain('Vedtaget');
    const published = await submit(chair, base, `${base}/polls/${pollId}`, { action: 'publish' });
    expect(published.res.statusCode).toBe(303);
    expect((await get(`/assemblies/${a.id}/projector`, voters[0])).body).toContain('Vedtaget');
    expect((await submit(chair, base, `${base}/close`)).res.statusCode).toBe(303);
  });

  it('takes counted hands for a poll by show of hands', async () => {
    const a = await hall(w.members.slice(0, 2));
    const pollId = await poll(a, {});
    const base = `/assemblies/${a.id}/console`;
    await submit(chair, base, `${base}/polls/${pollId}`, { action: 'open' });
    const missing = await submit(chair, base, `${base}/polls/${pollId}`, { action: 'close' });
    expect(missing.res.statusCode).toBe(409);
    const wrong = await submit(chair, base, `${base}/polls/${pollId}/counts`, { count_yes: 'two' });
    expect(wrong.res.statusCode).toBe(422);
    expect(wrong.res.body).toContain('Optællingen skal være hele tal');
    expect((await submit(chair, base, `${base}/polls/${pollId}/counts`, { count_yes: '2', count_no: '1', count_abstain: '' })).res.statusCode).toBe(303);
    expect((await submit(chair, base, `${base}/polls/${pollId}`, { action: 'close' })).res.statusCode).toBe(303);
  });
});

describe('the member’s phone page', () => {
  it('asks to speak, shows the place on the list, and withdraws', async () => {
    const [m1, m2] = w.members;
    const a = await hall([m1, m2]);
    const phone = `/assemblies/${a.id}/hall`;
    const page = await get(phone, m1);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bed om ordet');
    await submit(m2, phone, `${phone}/speak`);
    const asked = await submit(m1, phone, `${phone}/speak`);
    expect(asked.landed.body).toContain('Du er nummer 2 på talerlisten');
    expect(asked.landed.body).toContain('(dig)');
    const withdrawn = await submit(m1, phone, `${phone}/withdraw`);
    expect(withdrawn.landed.body).toContain('Din anmodning om ordet er trukket tilbage');
    expect(withdrawn.landed.body).toContain('Bed om ordet');
  });

  it('tells a member who is not checked in, and offers no button', async () => {
    const [m1, m2] = w.members;
    const a = await hall([m1]);
    const page = await get(`/assemblies/${a.id}/hall`, m2);
    expect(page.body).toContain('Du er ikke tjekket ind');
    expect(page.body).not.toContain(`/assemblies/${a.id}/hall/speak`);
    expect(page.body).toContain('data-live-refresh-on="present"');
  });

  it('casts a ballot and one for a proxy, and refuses a second ballot', async () => {
    const [holder, giver, other] = w.members;
    const a = await hall([holder, other]);
    await db().execute(sql`update assemblies set rules = jsonb_set(rules, '{proxiesAllowed}', 'true') where id = ${a.id}`);
    await db().execute(sql`insert into assembly_proxies (assembly_id, holder_person_id, giver_person_id) values (${a.id}, ${holder.id}, ${giver.id})`);
    const pollId = await poll(a, { secret: true });
    const phone = `/assemblies/${a.id}/hall`;
    const before = await get(phone, holder);
    expect(before.body).toContain('Ikke åbnet endnu');
    expect(before.body).not.toContain('name="choice"');
    await openPoll(db(), chair.actor, pollId);
    const open = await get(phone, holder);
    expect(open.body.match(/name="choice" value="yes"/g)).toHaveLength(2);
    expect(open.body).toContain('(fuldmagt)');
    const mine = await submit(holder, phone, `${phone}/polls/${pollId}/ballot`, { choice: 'yes' });
    expect(mine.res.statusCode).toBe(303);
    expect(mine.landed.body).toContain('Din stemme er afgivet');
    const forGiver = await submit(holder, phone, `${phone}/polls/${pollId}/ballot`, { choice: 'no', forMemberId: giver.id });
    expect(forGiver.landed.body).toMatch(/Stemmen for [^<]+ er afgivet/);
    expect(forGiver.landed.body).not.toContain('name="choice"');
    const again = await submit(holder, phone, `${phone}/polls/${pollId}/ballot`, { choice: 'no' });
    expect(again.res.statusCode).toBe(409);
    const none = await submit(other, phone, `${phone}/polls/${pollId}/ballot`, {});
    expect(none.res.statusCode).toBe(422);
    const [{ n }] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from poll_voters where poll_id = ${pollId}`);
    expect(n).toBe(2);
  });

  it('offers check boxes up to the marks allowed in a choice poll', async () => {
    const voters = w.members.slice(0, 2);
    const a = await hall(voters);
    const pollId = await poll(a, { method: 'choice', options: ['Anna', 'Bo', 'Carl'], maxMarks: 2, secret: true });
    await openPoll(db(), chair.actor, pollId);
    const phone = `/assemblies/${a.id}/hall`;
    const page = await get(phone, voters[0]);
    expect(page.body.match(/type="checkbox" [^>]*name="choices"/g)).toHaveLength(3);
    expect(page.body).toContain('Sæt højst 2 krydser');
    const options = await queryRows<{ id: string }>(db(), sql`select id from poll_options where poll_id = ${pollId} order by position`);
    const session = await formSession(t.app, phone, await cookieOf(voters[0]));
    const res = await t.app.inject({
      method: 'POST',
      url: `${phone}/polls/${pollId}/ballot`,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: `_csrf=${encodeURIComponent(session.csrf)}&multi=1&choices=${options[0].id}&choices=${options[2].id}`,
    });
    expect(res.statusCode).toBe(303);
  });

  it('asks for a written ballot; the chair must then make it secret before it opens', async () => {
    const [m1] = w.members;
    const a = await hall([m1]);
    const pollId = await poll(a, {});
    const phone = `/assemblies/${a.id}/hall`;
    const asked = await submit(m1, phone, `${phone}/polls/${pollId}/written-ballot`);
    expect(asked.landed.body).toContain('Du har bedt om skriftlig afstemning');
    const base = `/assemblies/${a.id}/console`;
    const consolePage = await get(base, chair);
    expect(consolePage.body).toContain('Anmodninger om skriftlig afstemning:');
    const refused = await submit(chair, base, `${base}/polls/${pollId}`, { action: 'open' });
    expect(refused.res.statusCode).toBe(409);
    expect((await submit(chair, base, `${base}/polls/${pollId}`, { action: 'secret' })).res.statusCode).toBe(303);
    expect((await submit(chair, base, `${base}/polls/${pollId}`, { action: 'open' })).res.statusCode).toBe(303);
  });

  it('speaks Swedish and English when asked', async () => {
    const [m1] = w.members;
    const a = await hall([m1]);
    const pollId = await poll(a, { secret: true });
    await openPoll(db(), chair.actor, pollId);
    expect((await get(`/assemblies/${a.id}/hall`, m1, { 'accept-language': 'sv' })).body).toContain('har röstat');
    expect((await get(`/assemblies/${a.id}/projector`, m1, { 'accept-language': 'en' })).body).toContain('have voted');
  });
});

describe('the projector', () => {
  it('shows the item, the poll and its turnout in a page of its own, with nothing to press', async () => {
    const voters = w.members.slice(0, 2);
    const a = await hall(voters);
    const pollId = await poll(a, { secret: true });
    await openPoll(db(), chair.actor, pollId);
    await castBallot(db(), voters[0].actor, pollId, { choice: 'yes' });
    const page = await get(`/assemblies/${a.id}/projector`, voters[1]);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('class="projector"');
    expect(page.body).toContain(`Punkt 2: ${a.agenda[1].title}`);
    expect(page.body).toContain('Beretningen godkendes');
    expect(page.body).toMatch(new RegExp(`data-live-count="voted-${pollId}"[^>]*>1</span><span>[^<]*af[^<]*</span><span[^>]*data-live-count="eligible-${pollId}"[^>]*>3<`));
    expect(page.body).not.toContain('<form');
    expect(page.body).not.toContain('site-header');
    await closePoll(db(), chair.actor, pollId);
    await publishPoll(db(), chair.actor, pollId);
    const result = await get(`/assemblies/${a.id}/projector`, voters[1]);
    expect(result.body).toContain('Vedtaget');
  });
});
