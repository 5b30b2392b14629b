import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/i18n.js';
import { testApp, type TestApp } from '../../test/app.js';
import { assemblyWorld, type AssemblyWorld } from './assemblies.fixture.js';
import { closePoll, enterPaperCounts, publishPoll } from './poll-close.js';
import { pollView } from './poll-view.js';
import { decidePoll, pollRuleText, pollSummaryText, votesNeeded, type DecideInput, type Tally } from './results.js';
import { closeAndPublish, hall, poll, vote } from './polls.fixture.js';
import { defaultAssemblyRules, type AssemblyRules } from './tables.js';

const en = translator('en');

function yesNo(yes: number, no: number, abstain: number, rules: Partial<AssemblyRules> = {}, more: Partial<DecideInput> = {}) {
  const tally: Tally = { counts: { yes, no, abstain }, blank: 0, electronic: yes + no + abstain, paper: 0 };
  return decidePoll({
    method: 'yes_no_abstain',
    mode: 'secret',
    maxMarks: 1,
    optionIds: [],
    voteKind: 'ordinary',
    rules: { ...defaultAssemblyRules, ...rules },
    tally,
    present: 100,
    roll: 100,
    eligible: 100,
    writtenBallotRequested: false,
    ...more,
  });
}

describe('the majority rules', () => {
  it('counts what a majority needs', () => {
    expect([0, 1, 2, 3, 50, 51].map((v) => votesNeeded('simple', v))).toEqual([1, 1, 2, 2, 26, 26]);
    expect([0, 3, 50, 51, 99].map((v) => votesNeeded('two_thirds', v))).toEqual([1, 2, 34, 34, 66]);
  });

  it('simple majority: more for than against, blank votes aside — or counted, when the statutes count them', () => {
    expect(yesNo(10, 9, 30)).toMatchObject({ outcome: 'adopted', valid: 19, blank: 30, rule: { majority: 'simple', needed: 10 } });
    expect(yesNo(10, 10, 0)).toMatchObject({ outcome: 'rejected' });
    expect(yesNo(10, 9, 30, { blankVotesCount: true })).toMatchObject({ outcome: 'rejected', valid: 49, rule: { needed: 25, blankVotesCount: true } });
  });

  it('two thirds of valid votes for a statute change, with and without blank votes', () => {
    const adopted = yesNo(38, 12, 3, {}, { voteKind: 'statute' });
    expect(adopted).toMatchObject({ outcome: 'adopted', valid: 50, rule: { kind: 'statute', majority: 'two_thirds', needed: 34 } });
    expect(pollRuleText(en, adopted)).toBe('Two thirds of valid votes: 34 of 50 needed, 38 for (blank votes not counted).');
    expect(yesNo(33, 17, 0, {}, { voteKind: 'statute' })).toMatchObject({ outcome: 'rejected', rule: { needed: 34 } });
    // 33 for, 12 against, 6 blank: enough of 45 valid votes (30 needed), not of 51 with the blanks (34 needed).
    expect(yesNo(33, 12, 6, {}, { voteKind: 'statute' })).toMatchObject({ outcome: 'adopted', valid: 45, rule: { needed: 30 } });
    expect(yesNo(33, 12, 6, { blankVotesCount: true }, { voteKind: 'statute' })).toMatchObject({ outcome: 'rejected', valid: 51, rule: { needed: 34 } });
    // An ordinary decision in the same assembly needs only the simple majority.
    expect(yesNo(30, 20, 0)).toMatchObject({ outcome: 'adopted', rule: { majority: 'simple', needed: 26 } });
  });

  it('decides nothing without the quorum, and says whose count was short', () => {
    const r = yesNo(30, 0, 0, { statuteQuorum: 1 / 3 }, { voteKind: 'statute', present: 30, roll: 100 });
    expect(r).toMatchObject({ outcome: 'no_quorum', quorumNeeded: 34, rule: { quorum: 1 / 3, quorumMet: false, needed: null } });
    expect(pollRuleText(en, r)).toBe('Quorum not met: 34 of 100 on the roll must be present, 30 are.');
    expect(yesNo(30, 0, 0, { statuteQuorum: 1 / 3 }, { voteKind: 'statute', present: 34, roll: 100 })).toMatchObject({ outcome: 'adopted', rule: { quorumMet: true } });
    // The statute quorum does not bind an ordinary decision.
    expect(yesNo(30, 0, 0, { statuteQuorum: 1 / 3 }, { present: 30, roll: 100 })).toMatchObject({ outcome: 'adopted' });
  });

  it('elects the options with the most marks, and calls a tie at the last seat a tie', () => {
    const choice = (counts: Record<string, number>, maxMarks: number) =>
      decidePoll({ method: 'choice', mode: 'secret', maxMarks, optionIds: ['a', 'b', 'c', 'd'], voteKind: 'ordinary', rules: defaultAssemblyRules, tally: { counts, blank: 1, electronic: 10, paper: 0 }, present: 10, roll: 10, eligible: 10, writtenBallotRequested: false });
    expect(choice({ a: 5, b: 7, c: 2 }, 2)).toMatchObject({ outcome: 'decided', winners: ['b', 'a'], counts: { a: 5, b: 7, c: 2, d: 0 }, valid: 9 });
    expect(choice({ a: 5, b: 7, c: 5 }, 2)).toMatchObject({ outcome: 'tie', winners: ['b'] });
    expect(choice({ a: 4 }, 2)).toMatchObject({ outcome: 'decided', winners: ['a'] });
    expect(pollSummaryText(en, choice({ a: 5, b: 7 }, 1), { a: 'Anna', b: 'Bo' })).toBe('Decided: Bo 7, Anna 5, c 0, d 0; 1 blank');
  });
});

let t: TestApp;
let w: AssemblyWorld;

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
}, 60_000);
afterAll(() => t?.close());

describe('paper and electronic ballots in one result', () => {
  it('adds the chair’s paper count to the electronic ballots, reconciled against who could vote', async () => {
    const [, a, b, c, d, e] = w.members;
    const h = await hall(w, { present: [a, b, c, d, e] });
    const id = await poll(w, h);
    await vote(w, a, id, { choice: 'yes' });
    await vote(w, b, id, { choice: 'no' });
    // 2 electronic + 4 paper = 6 ballots, but only 5 are present.
    expect(await enterPaperCounts(t.database.db, h.chair.actor, id, { counts: { yes: 3, abstain: 1 } })).toEqual({ ok: false, reason: 'count_exceeds', params: { counted: 6, eligible: 5 } });
    expect(await enterPaperCounts(t.database.db, h.chair.actor, id, { counts: { yes: 2, maybe: 1 } })).toMatchObject({ reason: 'invalid', errors: [{ path: 'counts', code: 'poll.count_unknown_choice' }] });
    expect((await enterPaperCounts(t.database.db, h.chair.actor, id, { counts: { yes: 2, abstain: 1 } })).ok).toBe(true);
    const published = await closeAndPublish(w, h, id);
    expect(published.result).toMatchObject({ counts: { yes: 3, no: 1, abstain: 1 }, electronic: 2, paper: 3, present: 5, eligible: 5, outcome: 'adopted' });
  });

  it('reconciles again at the close: ballots cast after the paper count can’t make more ballots than voters', async () => {
    const [, a, b, c] = w.members;
    const h = await hall(w, { present: [a, b, c] });
    const id = await poll(w, h);
    await vote(w, a, id, { choice: 'yes' });
    expect((await enterPaperCounts(t.database.db, h.chair.actor, id, { counts: { no: 2 } })).ok).toBe(true);
    await vote(w, b, id, { choice: 'yes' });
    expect(await closePoll(t.database.db, h.chair.actor, id)).toEqual({ ok: false, reason: 'count_exceeds', params: { counted: 4, eligible: 3 } });
    expect((await pollView(t.database.db, h.chair.actor, id))?.status).toBe('open');
  });

  it('counts a show of hands from the chair alone, and refuses to close it uncounted', async () => {
    const [, a, b, c] = w.members;
    const h = await hall(w, { present: [a, b, c] });
    const id = await poll(w, h, { secret: false });
    expect(await closePoll(t.database.db, h.chair.actor, id)).toEqual({ ok: false, reason: 'counts_missing' });
    await enterPaperCounts(t.database.db, h.chair.actor, id, { counts: { yes: 1, no: 2 } });
    const closed = await closePoll(t.database.db, h.chair.actor, id);
    expect(closed.ok && closed.poll.result).toMatchObject({ counts: { yes: 1, no: 2, abstain: 0 }, electronic: 0, paper: 3, outcome: 'rejected', mode: 'open' });
    expect((await publishPoll(t.database.db, h.chair.actor, id)).ok).toBe(true);
  });

  it('needs the number of paper ballots where a voter marks several options', async () => {
    const [, a, b, c, d] = w.members;
    const h = await hall(w, { present: [a, b, c, d] });
    const id = await poll(w, h, { method: 'choice', options: ['Anna', 'Bo', 'Carl'], maxMarks: 2 });
    const [anna, bo, carl] = (await pollView(t.database.db, a.actor, id))!.options.map((o) => o.id);
    await vote(w, a, id, { choices: [anna, bo] });
    expect(await enterPaperCounts(t.database.db, h.chair.actor, id, { counts: { [anna]: 2 } })).toMatchObject({ reason: 'invalid', errors: [{ code: 'poll.count_ballots_required' }] });
    expect(await enterPaperCounts(t.database.db, h.chair.actor, id, { counts: { [anna]: 2, [bo]: 2, [carl]: 1, ballots: 2 } })).toMatchObject({ reason: 'invalid', errors: [{ code: 'poll.count_marks_exceed' }] });
    expect((await enterPaperCounts(t.database.db, h.chair.actor, id, { counts: { [anna]: 2, [carl]: 1, ballots: 2 } })).ok).toBe(true);
    const closed = await closePoll(t.database.db, h.chair.actor, id);
    expect(closed.ok && closed.poll.result).toMatchObject({ counts: { [anna]: 3, [bo]: 1, [carl]: 1 }, electronic: 1, paper: 2, outcome: 'tie', winners: [anna] });
  });
});
