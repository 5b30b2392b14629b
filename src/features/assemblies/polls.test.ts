import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp } from '../../test/app.js';
import { queryRows } from '../../platform/db/database.js';
import { assemblyWorld, calledAssembly, type AssemblyWorld } from './assemblies.fixture.js';
import { closePoll, publishPoll } from './poll-close.js';
import { pollInput } from './poll-schema.js';
import { listPolls, pollView } from './poll-view.js';
import { createPoll, openPoll, requestWrittenBallot, setPollSecret } from './polls.js';
import { closeAndPublish, hall, itemOf, poll, vote, written, type Hall } from './polls.fixture.js';

let t: TestApp;
let w: AssemblyWorld;

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
}, 60_000);
afterAll(() => t?.close());

const input = (h: Hall, extra: Record<string, unknown> = {}) => pollInput.parse({ itemId: itemOf(h), title: 'Forslag 1', method: 'yes_no_abstain', ...extra });

let motionNo = 0;
/** A motion of the assembly in a state (the motions slice's use cases are not needed to vote on one). */
async function motion(h: Hall, state = 'admitted', voteKind = 'ordinary'): Promise<string> {
  const [m] = await queryRows<{ id: string }>(
    t.database.db,
    sql`insert into motions (assembly_id, number, title, body, vote_kind, state) values (${h.id}, ${++motionNo}, 'Vedtægtsændring', 'Tekst', ${voteKind}, ${state}) returning id`,
  );
  return m.id;
}

describe('creating a poll', () => {
  it('refuses a poll under any other business, naming the rule, and writes nothing', async () => {
    const h = await hall(w);
    const before = await written(w);
    expect(await createPoll(t.database.db, h.chair.actor, h.id, input(h, { itemId: itemOf(h, 'any_other_business') }))).toEqual({ ok: false, reason: 'any_other_business' });
    expect(await written(w)).toEqual(before);
  });

  it('names each field that is wrong', async () => {
    const h = await hall(w);
    const paths = async (extra: Record<string, unknown>) => {
      const r = await createPoll(t.database.db, h.chair.actor, h.id, input(h, extra));
      return r.ok ? [] : r.reason === 'invalid' ? r.errors.map((e) => `${e.path}:${e.code}`) : [r.reason];
    };
    expect(await paths({ method: 'choice' })).toEqual(['options:poll.options_required']);
    expect(await paths({ method: 'choice', options: ['Anna', 'anna'] })).toEqual(['options:poll.options_duplicate']);
    expect(await paths({ method: 'choice', options: ['Anna', 'Bo'], maxMarks: 3 })).toEqual(['maxMarks:poll.marks_exceed_options']);
    expect(await paths({ options: ['Ja'] })).toEqual(['options:poll.options_not_allowed']);
    expect(await paths({ itemId: '00000000-0000-4000-8000-000000000000' })).toEqual(['itemId:poll.item_unknown']);
    expect(await paths({ motionId: await motion(h, 'submitted') })).toEqual(['motionId:poll.motion_not_admitted']);
    expect(pollInput.safeParse({ itemId: itemOf(h), title: 'X', method: 'yes_no_abstain', secret: true, mode: 'named' }).error?.issues.map((i) => i.message)).toEqual(['poll.mode_conflict']);
  });

  it('is the chair’s or staff’s to make: another member is refused, staff elsewhere see nothing', async () => {
    const h = await hall(w);
    expect(await createPoll(t.database.db, w.members[3].actor, h.id, input(h))).toEqual({ ok: false, reason: 'forbidden' });
    expect(await createPoll(t.database.db, w.boardNorth.actor, h.id, input(h))).toEqual({ ok: false, reason: 'forbidden' });
    expect(await createPoll(t.database.db, w.staffSouth.actor, h.id, input(h))).toEqual({ ok: false, reason: 'not_found' });
    expect((await createPoll(t.database.db, w.staffNorth.actor, h.id, input(h))).ok).toBe(true);
  });

  it('takes the vote kind of the motion it decides', async () => {
    const h = await hall(w);
    const r = await createPoll(t.database.db, h.chair.actor, h.id, input(h, { motionId: await motion(h, 'admitted', 'statute'), voteKind: 'ordinary' }));
    expect(r.ok && r.poll.voteKind).toBe('statute');
    const secret = await createPoll(t.database.db, h.chair.actor, h.id, input(h, { secret: true }));
    expect(secret.ok && secret.poll).toMatchObject({ mode: 'secret', status: 'created', eligible: 0, voted: 0 });
  });
});

describe('a poll’s life', () => {
  it('goes created → open → closed → published, each step once and in order', async () => {
    const h = await hall(w, { present: w.members.slice(0, 3) });
    const id = await poll(w, h, {}, { open: false });
    expect(await publishPoll(t.database.db, h.chair.actor, id)).toEqual({ ok: false, reason: 'poll_status', params: { status: 'created' } });
    expect(await closePoll(t.database.db, h.chair.actor, id)).toEqual({ ok: false, reason: 'poll_status', params: { status: 'created' } });
    expect((await openPoll(t.database.db, h.chair.actor, id)).ok).toBe(true);
    expect(await openPoll(t.database.db, h.chair.actor, id)).toEqual({ ok: false, reason: 'poll_status', params: { status: 'open' } });
    await vote(w, w.members[1], id, { choice: 'yes' });
    const closed = await closePoll(t.database.db, h.chair.actor, id);
    expect(closed.ok && closed.poll.status).toBe('closed');
    expect(await closePoll(t.database.db, h.chair.actor, id)).toEqual({ ok: false, reason: 'poll_status', params: { status: 'closed' } });
    const published = await publishPoll(t.database.db, h.chair.actor, id);
    expect(published.ok && published.poll).toMatchObject({ status: 'published', voted: 1, eligible: 3, results: { yes: 1, no: 0, abstain: 0 } });
  });

  it('opens only while the assembly is in session', async () => {
    const a = await calledAssembly(w, { chairPersonId: w.members[0].id });
    const made = await createPoll(t.database.db, w.members[0].actor, a.id, pollInput.parse({ itemId: a.agenda[2].id, title: 'Forud', method: 'yes_no_abstain' }));
    if (!made.ok) throw new Error(JSON.stringify(made));
    expect(await openPoll(t.database.db, w.members[0].actor, made.poll.id)).toEqual({ ok: false, reason: 'wrong_status', params: { status: 'notice_sent' } });
  });

  it('shows the counted result to the chair after the close, and to everyone once published', async () => {
    const h = await hall(w, { present: w.members.slice(0, 3) });
    const id = await poll(w, h);
    await vote(w, w.members[1], id, { choice: 'no' });
    await closePoll(t.database.db, h.chair.actor, id);
    const member = await pollView(t.database.db, w.members[2].actor, id);
    expect(member).toMatchObject({ status: 'closed', voted: 1 });
    expect(member?.result).toBeUndefined();
    expect(member?.results).toBeUndefined();
    expect((await pollView(t.database.db, h.chair.actor, id))?.result).toMatchObject({ outcome: 'rejected', counts: { no: 1 } });
    await publishPoll(t.database.db, h.chair.actor, id);
    expect((await pollView(t.database.db, w.members[2].actor, id))?.results).toEqual({ yes: 0, no: 1, abstain: 0 });
    expect(await pollView(t.database.db, w.southMember.actor, id)).toBeNull();
    const list = await listPolls(t.database.db, w.members[2].actor, h.id);
    expect(list.ok && list.items.find((p) => p.id === id)).toMatchObject({ status: 'published', outcome: 'rejected', results: { no: 1 } });
  });

  it('decides the motion it is about when published, and leaves it undecided without quorum', async () => {
    const h = await hall(w, { present: w.members.slice(0, 3), rules: { statuteQuorum: 0.75 } });
    const adopted = await motion(h);
    const id = await poll(w, h, { motionId: adopted });
    await vote(w, w.members[1], id, { choice: 'yes' });
    await closeAndPublish(w, h, id);
    const statute = await motion(h, 'admitted', 'statute');
    const without = await poll(w, h, { motionId: statute });
    await vote(w, w.members[1], without, { choice: 'yes' });
    const published = await closeAndPublish(w, h, without);
    expect(published.result?.outcome).toBe('no_quorum');
    const states = await queryRows<{ id: string; state: string; decided: boolean }>(t.database.db, sql`select id, state, decided_at is not null as decided from motions where id in (${adopted}, ${statute})`);
    expect(Object.fromEntries(states.map((s) => [s.id, [s.state, s.decided]]))).toEqual({ [adopted]: ['adopted', true], [statute]: ['admitted', false] });
  });
});

describe('asking for a written ballot', () => {
  it('one member present is enough: the poll then opens only as a secret ballot, and the result says it was asked for', async () => {
    const h = await hall(w, { present: w.members.slice(0, 3) });
    const id = await poll(w, h, { secret: false }, { open: false });
    expect(await requestWrittenBallot(t.database.db, w.members[1].actor, id)).toEqual({ ok: true, pollId: id, requests: 1 });
    expect(await requestWrittenBallot(t.database.db, w.members[1].actor, id)).toEqual({ ok: true, pollId: id, requests: 1 });
    expect(await requestWrittenBallot(t.database.db, w.members[2].actor, id)).toEqual({ ok: true, pollId: id, requests: 2 });
    expect(await requestWrittenBallot(t.database.db, w.members[4].actor, id)).toEqual({ ok: false, reason: 'vote_not_present' });
    expect(await requestWrittenBallot(t.database.db, w.staffNorth.actor, id)).toEqual({ ok: false, reason: 'vote_not_on_roll' });
    expect(await openPoll(t.database.db, h.chair.actor, id)).toEqual({ ok: false, reason: 'written_ballot_requested', params: { requests: 2 } });
    const secret = await setPollSecret(t.database.db, h.chair.actor, id);
    expect(secret.ok && secret.poll).toMatchObject({ mode: 'secret', writtenBallotRequests: 2 });
    expect((await openPoll(t.database.db, h.chair.actor, id)).ok).toBe(true);
    expect(await setPollSecret(t.database.db, h.chair.actor, id)).toEqual({ ok: false, reason: 'poll_status', params: { status: 'open' } });
    expect(await requestWrittenBallot(t.database.db, w.members[1].actor, id)).toEqual({ ok: false, reason: 'poll_status', params: { status: 'open' } });
    await vote(w, w.members[1], id, { choice: 'yes' });
    const published = await closeAndPublish(w, h, id);
    expect(published.result).toMatchObject({ mode: 'secret', writtenBallotRequested: true });
  });
});
