import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { system } from '../../platform/actor.js';
import { queryRows } from '../../platform/db/database.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { testApp, type TestApp } from '../../test/app.js';
import { assemblyWorld, type AssemblyWorld, type Someone } from './assemblies.fixture.js';
import { checkInMember, checkOutMember } from './attendance.js';
import { marksOf } from './ballots.js';
import { closePoll } from './poll-close.js';
import { pollView } from './poll-view.js';
import { recordProxy } from './proxies.js';
import { closeAndPublish, hall, poll, vote, written } from './polls.fixture.js';

let t: TestApp;
let w: AssemblyWorld;

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
}, 60_000);
afterAll(() => t?.close());

async function tokenFor(who: Someone): Promise<Record<string, string>> {
  const r = await createPersonalToken(t.database.db, system, { personId: who.id, name: 'Telefon' });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return { authorization: `Bearer ${r.token.value}` };
}

describe('casting a ballot', () => {
  it('records a secret ballot and a named one where each belongs', async () => {
    const [, a, b] = w.members;
    const h = await hall(w, { present: [a, b] });
    const secret = await poll(w, h);
    expect(await vote(w, a, secret, { choice: 'yes' })).toEqual({ ok: true, pollId: secret, voterId: a.id, byProxy: false });
    const named = await poll(w, h, { secret: false, mode: 'named' });
    expect((await vote(w, b, named, { choice: 'no' })).ok).toBe(true);
    const rows = await queryRows<{ t: string; person: string | null; choices: string[] }>(
      t.database.db,
      sql`select 'secret' as t, null as person, choices from secret_ballots where poll_id = ${secret}
          union all select 'named', person_id::text, choices from named_ballots where poll_id = ${named}`,
    );
    expect(rows).toEqual([
      { t: 'secret', person: null, choices: ['yes'] },
      { t: 'named', person: b.id, choices: ['no'] },
    ]);
    const view = await pollView(t.database.db, a.actor, secret);
    expect(view?.me).toMatchObject({ voted: true, canVote: false, present: true });
  });

  it('refuses every bad ballot with the rule, and writes nothing', async () => {
    const [, a, b, c] = w.members;
    const h = await hall(w, { present: [a, b] });
    const open = await poll(w, h);
    await vote(w, a, open, { choice: 'yes' });
    const choice = await poll(w, h, { method: 'choice', options: ['Anna', 'Bo', 'Carl'], maxMarks: 2 });
    const hands = await poll(w, h, { secret: false });
    const shut = await poll(w, h);
    await vote(w, b, shut, { choice: 'no' });
    await closePoll(t.database.db, h.chair.actor, shut);
    const before = await written(w);
    // Someone who sees the assembly but is not on its roll (staff), someone not checked in, a member of another unit.
    expect(await vote(w, w.staffNorth, open, { choice: 'yes' })).toEqual({ ok: false, reason: 'vote_not_on_roll' });
    expect(await vote(w, c, open, { choice: 'yes' })).toEqual({ ok: false, reason: 'vote_not_present' });
    expect(await vote(w, w.southMember, open, { choice: 'yes' })).toEqual({ ok: false, reason: 'not_found' });
    // A second ballot, a ballot on a closed poll, a ballot in a show of hands.
    expect(await vote(w, a, open, { choice: 'no' })).toEqual({ ok: false, reason: 'already_voted' });
    expect(await vote(w, a, shut, { choice: 'yes' })).toEqual({ ok: false, reason: 'poll_status', params: { status: 'closed' } });
    expect(await vote(w, a, hands, { choice: 'yes' })).toEqual({ ok: false, reason: 'open_vote' });
    // A choice that is not an option, more marks than seats, marks on a yes/no poll.
    expect(await vote(w, a, choice, { choice: 'Dorte' })).toMatchObject({ reason: 'invalid', errors: [{ path: 'choice', code: 'poll.not_an_option' }] });
    expect(await vote(w, a, choice, { choices: ['x', 'y', 'z'] })).toMatchObject({ reason: 'invalid', errors: [{ path: 'choices', code: 'poll.too_many_marks', params: { max: 2 } }] });
    expect(await vote(w, b, open, { choice: 'maybe' })).toMatchObject({ reason: 'invalid', errors: [{ path: 'choice', code: 'poll.not_an_option' }] });
    // A proxy vote without a proxy.
    expect(await vote(w, b, open, { choice: 'yes' }, c.id)).toEqual({ ok: false, reason: 'no_proxy' });
    expect(await written(w)).toEqual(before);
  });

  it('takes up to the poll’s marks, in any order, and a blank ballot', async () => {
    const [, a, b, c] = w.members;
    const h = await hall(w, { present: [a, b, c] });
    const id = await poll(w, h, { method: 'choice', options: ['Anna', 'Bo', 'Carl'], maxMarks: 2 });
    const options = (await pollView(t.database.db, a.actor, id))!.options.map((o) => o.id);
    expect((await vote(w, a, id, { choices: [options[2], options[0]] })).ok).toBe(true);
    expect((await vote(w, b, id, { choice: options[1].toUpperCase() })).ok).toBe(true);
    expect((await vote(w, c, id, { choice: 'abstain' })).ok).toBe(true);
    const published = await closeAndPublish(w, h, id);
    expect(published.results).toEqual({ [options[0]]: 1, [options[1]]: 1, [options[2]]: 1 });
    expect(published.result).toMatchObject({ blank: 1, electronic: 3, outcome: 'tie' });
  });

  it('sorts the marks, so their order says nothing', () => {
    expect(marksOf('choice', 3, ['b', 'a', 'c'], { choices: ['c', 'a', 'b'] })).toEqual({ ok: true, marks: ['a', 'b', 'c'] });
    expect(marksOf('choice', 3, ['b', 'a'], { choices: ['a', 'a'] })).toMatchObject({ reason: 'invalid', errors: [{ code: 'poll.duplicate_mark' }] });
    expect(marksOf('yes_no_abstain', 1, [], { choices: ['yes', 'no'] })).toMatchObject({ reason: 'invalid', errors: [{ path: 'choices', code: 'poll.one_choice' }] });
  });
});

describe('voting by proxy', () => {
  it('lets the holder vote for the absent giver: the ballot counts for both', async () => {
    const [, holder, giver, other] = w.members;
    const h = await hall(w, { present: [holder], rules: { proxiesAllowed: true, proxiesPerHolder: 1 } });
    await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: holder.id, giverId: giver.id });
    const id = await poll(w, h);
    expect((await pollView(t.database.db, holder.actor, id))?.me).toMatchObject({ canVote: true, proxies: [{ giverId: giver.id, voted: false }] });
    expect(await vote(w, holder, id, { choice: 'yes' })).toMatchObject({ ok: true, voterId: holder.id, byProxy: false });
    expect(await vote(w, holder, id, { choice: 'yes' }, giver.id)).toEqual({ ok: true, pollId: id, voterId: giver.id, byProxy: true });
    expect(await vote(w, holder, id, { choice: 'no' }, giver.id)).toEqual({ ok: false, reason: 'already_voted' });
    expect(await vote(w, other, id, { choice: 'no' }, giver.id)).toEqual({ ok: false, reason: 'vote_not_present' });
    const voters = await queryRows<{ personId: string; castBy: string }>(t.database.db, sql`select person_id as "personId", cast_by_person_id as "castBy" from poll_voters where poll_id = ${id} order by person_id = ${holder.id} desc`);
    expect(voters).toEqual([
      { personId: holder.id, castBy: holder.id },
      { personId: giver.id, castBy: holder.id },
    ]);
    const published = await closeAndPublish(w, h, id);
    expect(published).toMatchObject({ voted: 2, eligible: 2, results: { yes: 2, no: 0, abstain: 0 } });
  });

  it('refuses a proxy vote for a giver who is present after all', async () => {
    const [, holder, giver] = w.members;
    const h = await hall(w, { present: [holder], rules: { proxiesAllowed: true, proxiesPerHolder: 1 } });
    await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: holder.id, giverId: giver.id });
    // Checked in, then out again: the proxy lapsed when they came.
    await checkInMember(t.database.db, w.staffNorth.actor, h.id, { memberId: giver.id });
    await checkOutMember(t.database.db, w.staffNorth.actor, h.id, { memberId: giver.id });
    const id = await poll(w, h);
    expect(await vote(w, holder, id, { choice: 'yes' }, giver.id)).toEqual({ ok: false, reason: 'no_proxy' });
  });
});

describe('the ballots API with a personal token', () => {
  it('casts as the signed-in member, refuses a second ballot by the rule and a wrong choice by its field', async () => {
    const [, a] = w.members;
    const h = await hall(w, { present: [a] });
    const id = await poll(w, h);
    const auth = { ...(await tokenFor(a)), 'accept-language': 'en' };
    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/polls/${id}/ballots`, headers: auth, payload: { choice: 'abstain' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual({ pollId: id, voterId: a.id, byProxy: false });
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/polls/${id}/ballots`, headers: auth, payload: { choice: 'yes' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'poll.already_voted' });
    const wrong = await t.app.inject({ method: 'POST', url: `/api/v1/polls/${id}/ballots`, headers: auth, payload: { choice: 'perhaps' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors).toEqual([{ path: 'choice', code: 'poll.not_an_option', message: '"perhaps" is not one of the poll\'s options.' }]);
    const neither = await t.app.inject({ method: 'POST', url: `/api/v1/polls/${id}/ballots`, headers: auth, payload: {} });
    expect(neither.statusCode).toBe(422);
    const view = await t.app.inject({ method: 'GET', url: `/api/v1/polls/${id}`, headers: auth });
    expect(view.json()).toMatchObject({ status: 'open', eligible: 1, voted: 1, me: { voted: true } });
    expect(view.json().results).toBeUndefined();
  });
});
