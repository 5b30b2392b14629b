import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { assemblyWorld, calledAssembly, inSession, type AssemblyWorld, type Someone } from './assemblies.fixture.js';
import { checkInMember } from './attendance.js';
import { castBallot } from './ballots.js';
import { createPoll, openPoll } from './polls.js';
import { pollInput } from './poll-schema.js';
import { hallHubOf } from './hall-live.js';
import type { AssemblyView } from './queries.js';

/*
 * The live stream `GET /assemblies/{id}/live` on a real listening server: it sends the hall's state
 * on connect and again after a change, whichever server instance made the change. Two app instances
 * share one database here, as two processes share PostgreSQL: a form posted to one reaches the
 * stream of the other through NOTIFY.
 */

let one: TestApp;
let two: TestApp;
let w: AssemblyWorld;
let chair: Someone;
const urls: Record<'one' | 'two', string> = { one: '', two: '' };

beforeAll(async () => {
  one = await testApp();
  two = await testApp({}, one.database);
  for (const [name, t] of [['one', one], ['two', two]] as const) {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    urls[name] = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  }
  w = await assemblyWorld(one.database, { members: 5 });
  chair = w.members[4];
}, 60_000);
afterAll(async () => {
  await two?.close();
  await one?.close();
});

type State = { counts: Record<string, number>; keys: Record<string, string>; speakers: { list: { name: string; status: string }[] } | null; polls: { id: string; voted: number; eligible: number; status: string }[] };

/** An open stream: the states received so far, and a wait for the next one that passes a test. */
function openStream(base: string, path: string, cookie: string): Promise<{ res: IncomingMessage; states: State[]; raw: string[]; next(test: (s: State) => boolean, ms?: number): Promise<State>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      const states: State[] = [];
      const raw: string[] = [];
      const waiting: { test: (s: State) => boolean; done: (s: State) => void }[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          raw.push(frame);
          const data = /^event: state\ndata: (.*)$/m.exec(frame);
          if (!data) continue;
          const state = JSON.parse(data[1]) as State;
          states.push(state);
          for (const wtr of [...waiting]) if (wtr.test(state)) waiting.splice(waiting.indexOf(wtr), 1) && wtr.done(state);
        }
      });
      resolve({
        res,
        states,
        raw,
        next(test, ms = 3_000) {
          const seen = states.find(test);
          if (seen) return Promise.resolve(seen);
          return new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new Error(`no matching state within ${ms} ms; last: ${JSON.stringify(states.at(-1))}`)), ms);
            waiting.push({ test, done: (s) => (clearTimeout(timer), done(s)) });
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function hall(present: readonly Someone[]): Promise<AssemblyView> {
  const a = await calledAssembly(w, { chairPersonId: chair.id });
  await inSession(w, a.id, present);
  await one.database.db.execute(sql`update assemblies set current_item_id = ${a.agenda[1].id} where id = ${a.id}`);
  return a;
}

describe('the live stream', () => {
  it('streams the state, then the change a form on the other instance made', async () => {
    const [m1, m2] = w.members;
    const a = await hall([m1, m2]);
    const { cookie } = await loginAs(one.database, m1.id);
    const stream = await openStream(urls.two, `/assemblies/${a.id}/live`, cookie);
    try {
      expect(stream.res.statusCode).toBe(200);
      expect(stream.res.headers['content-type']).toMatch(/^text\/event-stream/);
      const first = await stream.next(() => true);
      expect(first.counts.present).toBe(2);
      expect(first.speakers?.list).toEqual([]);
      // No person ids travel in the stream, only names.
      expect(JSON.stringify(first)).not.toContain(m1.id);

      const session = await formSession(one.app, `/assemblies/${a.id}/hall`, cookie);
      const asked = await postForm(one.app, `/assemblies/${a.id}/hall/speak`, session, {});
      expect(asked.statusCode).toBe(303);
      const after = await stream.next((s) => (s.speakers?.list.length ?? 0) === 1);
      expect(after.speakers!.list[0]).toMatchObject({ status: 'waiting' });
      expect(after.keys.speakers).not.toBe(first.keys.speakers);
      expect(after.keys.polls).toBe(first.keys.polls);

      await checkInMember(one.database.db, chair.actor, a.id, { memberId: w.members[2].id });
      expect((await stream.next((s) => s.counts.present === 3)).counts.present).toBe(3);
    } finally {
      stream.close();
    }
  });

  it('shows the turnout of an open poll move with each ballot', async () => {
    const voters = w.members.slice(0, 3);
    const a = await hall(voters);
    const created = await createPoll(one.database.db, chair.actor, a.id, pollInput.parse({ itemId: a.agenda[1].id, title: 'Beretningen godkendes', method: 'yes_no_abstain', secret: true }));
    if (!created.ok) throw new Error(JSON.stringify(created));
    const pollId = created.poll.id;
    const { cookie } = await loginAs(one.database, chair.id);
    const stream = await openStream(urls.one, `/assemblies/${a.id}/live`, cookie);
    try {
      expect((await stream.next(() => true)).counts[`voted-${pollId}`]).toBe(0);
      expect((await openPoll(one.database.db, chair.actor, pollId)).ok).toBe(true);
      await stream.next((s) => s.polls.some((p) => p.id === pollId && p.status === 'open'));
      for (const v of voters) expect((await castBallot(one.database.db, v.actor, pollId, { choice: 'yes' })).ok).toBe(true);
      const last = await stream.next((s) => s.counts[`voted-${pollId}`] === 3);
      expect(last.counts[`eligible-${pollId}`]).toBe(3);
      expect(last.polls.find((p) => p.id === pollId)).toMatchObject({ voted: 3, eligible: 3, status: 'open' });
    } finally {
      stream.close();
    }
  });

  it('is for whoever may see the assembly', async () => {
    const a = await hall([]);
    const anonymous = await one.app.inject({ method: 'GET', url: `/assemblies/${a.id}/live` });
    expect([302, 303]).toContain(anonymous.statusCode);
    expect(anonymous.headers.location).toMatch(/^\/login/);
    const elsewhere = await one.app.inject({ method: 'GET', url: `/assemblies/${a.id}/live`, headers: await loginAs(one.database, w.southMember.id) });
    expect(elsewhere.statusCode).toBe(404);
    const nonsense = await one.app.inject({ method: 'GET', url: '/assemblies/not-an-id/live', headers: await loginAs(one.database, w.staffNorth.id) });
    expect(nonsense.statusCode).toBe(404);
  });

  it('lets go of a stream the screen closed, and ends open streams when the server stops', async () => {
    const a = await hall([]);
    const { cookie } = await loginAs(one.database, w.boardNorth.id);
    const gone = await openStream(urls.one, `/assemblies/${a.id}/live`, cookie);
    await gone.next(() => true);
    const hub = hallHubOf(one.app)!;
    expect(hub.clientCount(a.id)).toBe(1);
    gone.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(hub.clientCount(a.id)).toBe(0);

    const third = await testApp({}, one.database);
    await third.app.listen({ port: 0, host: '127.0.0.1' });
    const open = await openStream(`http://127.0.0.1:${(third.app.server.address() as AddressInfo).port}`, `/assemblies/${a.id}/live`, cookie);
    await open.next(() => true);
    const ended = new Promise<void>((r) => open.res.on('end', () => r()));
    await third.close();
    await ended;
  });
});
