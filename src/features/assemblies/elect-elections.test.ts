import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.js';
import { testApp, type TestApp } from '../../test/app.js';
import { loadGrants } from '../../kernel/grants.js';
import { assemblyWorld, type AssemblyWorld } from './assemblies.fixture.js';
import { castBallot } from './ballots.js';
import { recordBodyTerm } from './elect-bodies.js';
import { acceptNomination, declineNomination, nominate, withdrawCandidate } from './elect-candidates.js';
import { createElection, decideElectionFromPoll, startElection } from './elect-elections.js';
import { drawLots, placeByVotes } from './elect-lots.js';
import { findElection, loadElection } from './elect-queries.js';
import { candidateInput, electionInput, termInput } from './elect-schema.js';
import { election, northBody, standing } from './elect.fixture.js';
import { closePoll, publishPoll } from './poll-close.js';
import { pollOptionsOf } from './poll-create.js';
import { openPoll } from './polls.js';
import { hall, itemOf, written } from './polls.fixture.js';
import { findAssembly } from './access.js';
import type { PollResult } from './poll-tables.js';

let t: TestApp;
let w: AssemblyWorld;
const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database, { members: 8 });
}, 60_000);
afterAll(() => t?.close());

type TermRow = { personId: string; seatKind: string; startsOn: string; endsOn: string | null; role: string | null; raStarts: string | null; raEnds: string | null; raUnit: string | null };
const termsOf = (bodyId: string) =>
  queryRows<TermRow>(
    t.database.db,
    sql`select bt.person_id as "personId", bt.seat_kind as "seatKind", bt.starts_on::text as "startsOn", bt.ends_on::text as "endsOn",
          ra.role, ra.starts_on::text as "raStarts", ra.ends_on::text as "raEnds", ra.unit_id as "raUnit"
        from body_terms bt left join role_assignments ra on ra.id = bt.role_assignment_id where bt.body_id = ${bodyId} order by bt.seat_kind, bt.person_id`,
  );

describe('an election with no more candidates than seats', () => {
  it('elects them unopposed, without a poll, as board members of the unit for the term', async () => {
    const [, a, b] = w.members;
    const h = await hall(w, { present: [a, b] });
    const body = await northBody(w, { seats: 3, substitutes: 1, termYears: 2 });
    const e = await election(w, h, body.id);
    // The defaults: the body's vacancies on the assembly's day, and its term length from that day.
    const day = (await findElection(t.database.db, e.id))!.assemblyDay;
    expect(e).toMatchObject({ seats: 3, substitutes: 1, status: 'nominating', title: body.name });
    expect(e.termEndsOn).toBe(`${Number(day.slice(0, 4)) + 2}${day.slice(4)}`);
    await standing(w, h, e.id, [a, b]);
    const started = await startElection(t.database.db, h.chair.actor, e.id);
    expect(started).toMatchObject({ ok: true, pollId: null, election: { status: 'decided', unopposed: true } });
    if (!started.ok) return;
    expect(started.election.candidates.map((c) => c.outcome)).toEqual(['elected', 'elected']);
    expect(await queryRows(t.database.db, sql`select id from polls where election_id = ${e.id}`)).toEqual([]);
    // The assembly is ahead (the fixture's date): no one sits before they are elected, so the term starts today.
    const today = isoDay(0);
    expect(await termsOf(body.id)).toEqual([a, b].sort((x, y) => x.id.localeCompare(y.id)).map((p) => ({ personId: p.id, seatKind: 'member', startsOn: today, endsOn: e.termEndsOn, role: 'board', raStarts: today, raEnds: e.termEndsOn, raUnit: w.org.north })));
    // The register gives the board's access at once.
    expect((await loadGrants(t.database.db, a.id)).some((g) => g.role === 'board' && g.unitId === w.org.north)).toBe(true);
    // The substitute place stays vacant; nominations are closed.
    expect(await nominate(t.database.db, w.members[3].actor, h.id, candidateInput.parse({ electionId: e.id, personId: w.members[3].id }))).toEqual({ ok: false, reason: 'election_closed' });
  });
});

describe('a contested election', () => {
  it('runs a secret poll through the poll use cases and fills the seats and the substitute place by votes', async () => {
    const voters = w.members.slice(1, 7);
    const h = await hall(w, { present: voters });
    const body = await northBody(w, { seats: 2, substitutes: 1 });
    const e = await election(w, h, body.id);
    const [A, B, C, D] = await standing(w, h, e.id, voters.slice(0, 4));
    const started = await startElection(t.database.db, h.chair.actor, e.id);
    if (!started.ok || !started.pollId) throw new Error(JSON.stringify(started));
    const pollId = started.pollId;
    const [poll] = await queryRows<{ mode: string; method: string; maxMarks: number; electionId: string }>(t.database.db, sql`select mode, method, max_marks as "maxMarks", election_id as "electionId" from polls where id = ${pollId}`);
    expect(poll).toEqual({ mode: 'secret', method: 'choice', maxMarks: 2, electionId: e.id });
    const option = Object.fromEntries((await pollOptionsOf(t.database.db, pollId)).map((o) => [o.candidateId!, o.id]));
    expect(Object.keys(option).sort()).toEqual([A, B, C, D].sort());
    expect((await openPoll(t.database.db, h.chair.actor, pollId)).ok).toBe(true);
    const marks = [[A, B], [A, B], [A, B], [A, C], [A, C], [B, D]];
    for (const [i, m] of marks.entries()) {
      const r = await castBallot(t.database.db, voters[i].actor, pollId, { choices: m.map((c) => option[c]) });
      expect(r.ok).toBe(true);
    }
    // More marks than seats is refused by the poll's own rule.
    expect((await castBallot(t.database.db, voters[0].actor, pollId, { choices: [option[A], option[B], option[C]] })).ok).toBe(false);
    expect((await closePoll(t.database.db, h.chair.actor, pollId)).ok).toBe(true);
    expect((await findElection(t.database.db, e.id))!.status).toBe('polling');
    expect((await publishPoll(t.database.db, h.chair.actor, pollId)).ok).toBe(true);
    const a = (await findAssembly(t.database.db, h.chair.actor, h.id))!;
    const decided = (await loadElection(t.database.db, h.chair.actor, a, e.id))!;
    expect(decided.status).toBe('decided');
    expect(decided.unopposed).toBe(false);
    expect(decided.lots).toEqual([]);
    expect(decided.candidates.map((c) => [c.id, c.votes, c.outcome])).toEqual([
      [A, 5, 'elected'],
      [B, 4, 'elected'],
      [C, 2, 'substitute'],
      [D, 1, 'not_elected'],
    ]);
    const terms = await termsOf(body.id);
    expect(terms.map((x) => [x.personId, x.seatKind, x.role])).toEqual([
      ...[voters[0].id, voters[1].id].sort().map((id) => [id, 'member', 'board']),
      [voters[2].id, 'substitute', null],
    ]);
    const audited = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_events where entity_type = 'body_term' and entity_id in (select id::text from body_terms where body_id = ${body.id})`);
    expect(audited[0].n).toBe(3);
  });
});

describe('a tie at a boundary', () => {
  it('is settled by a drawing of lots, recorded with who tied and whom the lot chose', async () => {
    const people = w.members.slice(1, 4);
    const h = await hall(w, { present: people });
    const body = await northBody(w, { seats: 1, substitutes: 1 });
    const e = await election(w, h, body.id);
    const [A, B, C] = await standing(w, h, e.id, people);
    const started = await startElection(t.database.db, h.chair.actor, e.id);
    if (!started.ok || !started.pollId) throw new Error(JSON.stringify(started));
    const option = Object.fromEntries((await pollOptionsOf(t.database.db, started.pollId)).map((o) => [o.candidateId!, o.id]));
    const result: PollResult = {
      counts: { [option[A]]: 3, [option[B]]: 3, [option[C]]: 1 },
      valid: 7,
      blank: 0,
      electronic: 7,
      paper: 0,
      present: 7,
      eligible: 7,
      rule: { kind: 'ordinary', majority: 'simple', blankVotesCount: false, quorum: null, quorumMet: true, needed: null },
      outcome: 'tie',
      winners: [],
    };
    const drawn: string[][] = [];
    await t.database.db.transaction((tx) =>
      decideElectionFromPoll(tx, e.id, result, h.chair.actor, (pool, n) => {
        drawn.push([...pool]);
        return pool.slice(-n);
      }),
    );
    expect(drawn).toEqual([[A, B]]);
    const row = (await findElection(t.database.db, e.id))!;
    expect(row.status).toBe('decided');
    expect(row.lots).toEqual([{ tied: [A, B], chosen: [B], place: 'member' }]);
    const a = (await findAssembly(t.database.db, h.chair.actor, h.id))!;
    const view = (await loadElection(t.database.db, w.members[5].actor, a, e.id))!;
    expect(view.candidates.map((c) => [c.id, c.votes, c.outcome])).toEqual([
      [A, 3, 'substitute'],
      [B, 3, 'elected'],
      [C, 1, 'not_elected'],
    ]);
    expect(view.lots).toEqual([{ place: 'member', tied: [{ candidateId: A, name: view.candidates[0].name }, { candidateId: B, name: view.candidates[1].name }], chosen: [{ candidateId: B, name: view.candidates[1].name }] }]);
    // Deciding twice (a second publish) changes nothing.
    await t.database.db.transaction((tx) => decideElectionFromPoll(tx, e.id, result));
    expect((await termsOf(body.id)).length).toBe(2);
  });

  it('draws at each boundary, and the real lot picks among the tied only', () => {
    const placed = placeByVotes(
      [
        { id: 'a', votes: 5 },
        { id: 'b', votes: 3 },
        { id: 'c', votes: 3 },
        { id: 'd', votes: 3 },
        { id: 'e', votes: 0 },
      ],
      2,
      1,
      (pool, n) => pool.slice(0, n),
    );
    expect(placed).toEqual({
      elected: ['a', 'b'],
      substitutes: ['c'],
      notElected: ['d', 'e'],
      lots: [
        { tied: ['b', 'c', 'd'], chosen: ['b'], place: 'member' },
        { tied: ['c', 'd'], chosen: ['c'], place: 'substitute' },
      ],
    });
    for (let i = 0; i < 20; i++) {
      const chosen = drawLots(['x', 'y', 'z'], 2);
      expect(new Set(chosen).size).toBe(2);
      expect(chosen.every((c) => ['x', 'y', 'z'].includes(c))).toBe(true);
    }
  });
});

describe('a by-election', () => {
  it('fills the vacant seats for the remaining term, as in the seed: a board of four, three elected', async () => {
    const people = w.members.slice(1, 5);
    const h = await hall(w, { present: people });
    const body = await northBody(w, { seats: 4, termYears: 2 });
    const sittingUntil = isoDay(400);
    const sat = await recordBodyTerm(t.database.db, w.staffNorth.actor, body.id, termInput.parse({ personId: people[3].id, startsOn: isoDay(-330), endsOn: sittingUntil }));
    expect(sat.ok).toBe(true);
    const tooMany = await createElection(t.database.db, h.chair.actor, h.id, electionInput.parse({ itemId: itemOf(h, 'election'), bodyId: body.id, seats: 4 }));
    expect(tooMany).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'seats', code: 'election.seats_exceed_vacancies', params: { vacancies: 3 } }] });
    const e = await election(w, h, body.id, { title: 'Suppleringsvalg til bestyrelsen', termEndsOn: sittingUntil });
    expect(e).toMatchObject({ seats: 3, termEndsOn: sittingUntil });
    await standing(w, h, e.id, people.slice(0, 3));
    expect((await startElection(t.database.db, h.chair.actor, e.id)).ok).toBe(true);
    const terms = await termsOf(body.id);
    expect(terms.map((x) => x.endsOn)).toEqual([sittingUntil, sittingUntil, sittingUntil, sittingUntil]);
    expect(terms.every((x) => x.role === 'board' && x.raEnds === sittingUntil)).toBe(true);
  });
});

describe('nominations', () => {
  it('by someone else stand only once the nominee accepts; a nominee may decline', async () => {
    const [, nominator, nominee, other, decliner, pending] = w.members;
    const h = await hall(w, { present: [nominator, nominee] });
    const body = await northBody(w, { seats: 3 });
    const e = await election(w, h, body.id);
    const db = t.database.db;
    const made = await nominate(db, nominator.actor, h.id, candidateInput.parse({ electionId: e.id, personId: nominee.id }));
    if (!made.ok) throw new Error(JSON.stringify(made));
    expect(made.candidate).toMatchObject({ accepted: false, nominatedBySelf: false });
    const a = (await findAssembly(db, other.actor, h.id))!;
    // Until they accept it is a question: the nominee, the nominator and the chair see it; another member does not.
    expect((await loadElection(db, other.actor, a, e.id))!.candidates).toEqual([]);
    expect((await loadElection(db, nominee.actor, { ...a, onRoll: true }, e.id))!.candidates).toHaveLength(1);
    expect(await acceptNomination(db, other.actor, made.candidate.id)).toEqual({ ok: false, reason: 'not_nominee' });
    const accepted = await acceptNomination(db, nominee.actor, made.candidate.id, { presentation: 'Jeg vil arbejde for arbejdsmiljøet.' });
    expect(accepted).toMatchObject({ ok: true, election: { candidates: [{ accepted: true, presentation: 'Jeg vil arbejde for arbejdsmiljøet.' }] } });
    expect(await nominate(db, nominator.actor, h.id, candidateInput.parse({ electionId: e.id, personId: nominee.id }))).toEqual({ ok: false, reason: 'already_candidate' });
    const declined = await nominate(db, nominator.actor, h.id, candidateInput.parse({ electionId: e.id, personId: decliner.id }));
    if (!declined.ok) throw new Error(JSON.stringify(declined));
    expect((await declineNomination(db, decliner.actor, declined.candidate.id)).ok).toBe(true);
    expect(await queryRows(db, sql`select id from candidates where id = ${declined.candidate.id}`)).toEqual([]);
    const left = await nominate(db, nominator.actor, h.id, candidateInput.parse({ electionId: e.id, personId: pending.id }));
    if (!left.ok) throw new Error(JSON.stringify(left));
    // A nomination never accepted is no candidacy: the start elects the one who stands.
    const started = await startElection(db, h.chair.actor, e.id);
    expect(started).toMatchObject({ ok: true, pollId: null });
    expect((await termsOf(body.id)).map((x) => x.personId)).toEqual([nominee.id]);
    expect(await acceptNomination(db, pending.actor, left.candidate.id)).toEqual({ ok: false, reason: 'election_closed' });
    expect(await withdrawCandidate(db, nominee.actor, made.candidate.id)).toEqual({ ok: false, reason: 'election_closed' });
  });

  it('refuses someone not on the roll by the field, and writes nothing', async () => {
    const h = await hall(w, {});
    const body = await northBody(w, { seats: 2 });
    const e = await election(w, h, body.id);
    const before = await written(w);
    expect(await nominate(t.database.db, w.members[1].actor, h.id, candidateInput.parse({ electionId: e.id, personId: w.southMember.id }))).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [{ path: 'personId', code: 'election.not_eligible' }],
    });
    expect(await nominate(t.database.db, w.southMember.actor, h.id, candidateInput.parse({ electionId: e.id, personId: w.southMember.id }))).toEqual({ ok: false, reason: 'not_found' });
    expect(await written(w)).toEqual(before);
    // A candidate withdraws before the poll; someone else may not withdraw them.
    const [mine] = await standing(w, h, e.id, [w.members[2]]);
    expect(await withdrawCandidate(t.database.db, w.members[3].actor, mine)).toEqual({ ok: false, reason: 'not_candidate' });
    expect((await withdrawCandidate(t.database.db, w.members[2].actor, mine)).ok).toBe(true);
  });
});

describe('setting up an election', () => {
  it('refuses an item of another kind, a body of another unit and a term that ends too soon, naming each field, and writes nothing', async () => {
    const h = await hall(w, {});
    const south = await (await import('./elect-bodies.js')).createBody(t.database.db, w.staffSouth.actor, { unitId: w.org.south, name: 'Bestyrelsen Syd', seats: 3, substitutes: 0, termYears: 2 });
    if (!south.ok) throw new Error(JSON.stringify(south));
    const before = await written(w);
    const motionsItem = itemOf(h, 'motions');
    const r = await createElection(t.database.db, h.chair.actor, h.id, electionInput.parse({ itemId: motionsItem, bodyId: south.body.id }));
    expect(r).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'itemId', code: 'election.item_not_election', params: { itemId: motionsItem } }, { path: 'bodyId', code: 'election.body_other_unit' }] });
    const body = await northBody(w, { seats: 2 });
    const early = await createElection(t.database.db, h.chair.actor, h.id, electionInput.parse({ itemId: itemOf(h, 'election'), bodyId: body.id, termEndsOn: isoDay(1) }));
    expect(early).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'termEndsOn', code: 'election.term_ends_too_early' }] });
    expect(await createElection(t.database.db, w.members[3].actor, h.id, electionInput.parse({ itemId: itemOf(h, 'election'), bodyId: body.id }))).toEqual({ ok: false, reason: 'forbidden' });
    const after = await written(w);
    expect({ ...after, audit: after.audit - 1 }).toEqual(before); // the one audit is the north body's own creation
    expect(await queryRows(t.database.db, sql`select id from elections where assembly_id = ${h.id}`)).toEqual([]);
  });

  it('answers the API in the reader’s language, naming the field', async () => {
    const h = await hall(w, {});
    const { bearer } = await import('../../test/app.js');
    const headers = { ...(await bearer(t.database, 'staff', w.org.north)), 'accept-language': 'en' };
    const body = await northBody(w, { seats: 2 });
    const bad = await t.app.inject({ method: 'POST', url: `/api/v1/assemblies/${h.id}/elections`, headers, payload: { itemId: itemOf(h, 'report'), bodyId: body.id } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([{ path: 'itemId', code: 'election.item_not_election', message: `The item (${itemOf(h, 'report')}) is not an election item: an election belongs to an item of the kind election.` }]);
    const seats = await t.app.inject({ method: 'POST', url: `/api/v1/units/${w.org.north}/bodies`, headers, payload: { name: 'Udvalg', seats: 0 } });
    expect(seats.statusCode).toBe(422);
    expect(seats.json().errors[0]).toMatchObject({ path: 'seats' });
    const taken = await t.app.inject({ method: 'POST', url: `/api/v1/units/${w.org.north}/bodies`, headers, payload: { name: body.name.toUpperCase(), seats: 3 } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'body.name_taken', errors: [{ path: 'name' }] });
    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/assemblies/${h.id}/elections`, headers, payload: { itemId: itemOf(h, 'election'), bodyId: body.id } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ seats: 2, substitutes: 0, status: 'nominating', candidates: [] });
  });
});
