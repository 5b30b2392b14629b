import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { system } from '../../platform/actor.js';
import { queryRows } from '../../platform/db/database.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { approveMinutes, itemNotesInput, publishMinutes, saveItemNotes } from './minutes.js';
import { minutesContent } from './minutes-content.js';
import { listArchive } from './minutes-archive.js';
import { heldAssembly, minutesWorld, type MinutesWorld } from './minutes.fixture.js';
import type { AssemblyView } from './queries.js';
import type { StoredPollResult } from './results.js';

let t: TestApp;
let w: MinutesWorld;
const db = () => t.database.db;
const token = async (personId: string) => {
  const r = await createPersonalToken(t.database.db, system, { personId, name: 'minutes' });
  if (!r.ok) throw new Error('token');
  return { authorization: `Bearer ${r.token.value}` };
};
const notes = (v: { notes?: string | null; decision?: string | null }) => itemNotesInput.parse(v);
const itemOf = (a: AssemblyView, kind: string) => a.agenda.find((i) => i.kind === kind)!;
const state = async (id: string) =>
  (await queryRows<{ status: string; chair: Date | null; taker: Date | null; audits: number }>(
    db(),
    sql`select status, minutes_approved_by_chair_at as chair, minutes_approved_by_taker_at as taker,
          (select count(*)::int from audit_events where entity_id = ${id} and action <> 'view') as audits from assemblies where id = ${id}`,
  ))[0];

beforeAll(async () => {
  t = await testApp();
  w = await minutesWorld(t.database);
  // A voter in the secret poll and a member who asked for the written ballot: neither may be named in the minutes.
  await db().execute(sql`update persons set first_name = 'Hemmelig', last_name = 'Vælger' where id = ${w.members[3].id}`);
  await db().execute(sql`update persons set first_name = 'Skriftlig', last_name = 'Begærer' where id = ${w.members[4].id}`);
}, 60_000);
afterAll(() => t?.close());

const result = (r: Partial<StoredPollResult> & Pick<StoredPollResult, 'counts' | 'outcome'>): StoredPollResult => ({
  valid: 48,
  blank: 2,
  electronic: 50,
  paper: 0,
  present: 50,
  eligible: 50,
  roll: 60,
  quorumNeeded: null,
  mode: 'secret',
  writtenBallotRequested: false,
  winners: [],
  rule: { kind: 'ordinary', majority: 'simple', blankVotesCount: false, quorum: null, quorumMet: true, needed: 25 },
  ...r,
});

/** Motions, polls and two elections written straight into the tables, as the other use cases leave them. */
async function recordData(a: AssemblyView) {
  const motionsItem = itemOf(a, 'motions').id;
  const electionItem = itemOf(a, 'election').id;
  const reportItem = itemOf(a, 'report').id;
  const q = (s: ReturnType<typeof sql>) => queryRows<{ id: string }>(db(), s);
  const [m1] = await q(sql`insert into motions (assembly_id, number, title, body, state) values (${a.id}, 1, 'Lavere kontingent', 'Tekst', 'adopted') returning id`);
  await q(sql`insert into motions (assembly_id, number, title, body, state) values (${a.id}, 2, 'Nyt logo', 'Tekst', 'withdrawn') returning id`);
  const [m3] = await q(sql`insert into motions (assembly_id, number, title, body, state) values (${a.id}, 3, 'Flere møder', 'Tekst', 'rejected') returning id`);
  await q(sql`insert into motions (assembly_id, number, title, body, state, refusal_reason) values (${a.id}, 4, 'Afvist forslag', 'Tekst', 'refused', 'For sent') returning id`);
  await q(sql`insert into motions (assembly_id, number, title, body) values (${a.id}, 5, 'Indsendt forslag', 'Tekst') returning id`);
  await q(sql`insert into amendments (motion_id, number, from_line, to_line, replacement, state) values (${m1.id}, 1, 1, 1, 'Ny tekst', 'adopted'), (${m1.id}, 2, 1, 1, 'Anden tekst', 'refused') returning id`);
  const poll = (p: { item: string; motion?: string; election?: string; title: string; method: string; mode: string; status: string; result: StoredPollResult | null; at: string }) =>
    q(sql`insert into polls (assembly_id, item_id, motion_id, election_id, title, method, mode, status, result, opened_at)
          values (${a.id}, ${p.item}, ${p.motion ?? null}, ${p.election ?? null}, ${p.title}, ${p.method}, ${p.mode}, ${p.status}, ${p.result ? JSON.stringify(p.result) : null}::jsonb, now() - ${p.at}::interval) returning id`);
  const [p1] = await poll({ item: motionsItem, motion: m1.id, title: 'Forslag 1', method: 'yes_no_abstain', mode: 'secret', status: 'published', result: result({ counts: { yes: 45, no: 3, abstain: 2 }, outcome: 'adopted', winners: ['yes'], writtenBallotRequested: true }), at: '5 hours' });
  await db().execute(sql`insert into poll_voters (poll_id, person_id) values (${p1.id}, ${w.members[3].id})`);
  await db().execute(sql`insert into written_ballot_requests (poll_id, person_id) values (${p1.id}, ${w.members[4].id})`);
  const [p2] = await poll({ item: motionsItem, motion: m3.id, title: 'Forslag 3', method: 'yes_no_abstain', mode: 'named', status: 'published', result: result({ counts: { yes: 1, no: 2, abstain: 0 }, valid: 3, blank: 0, electronic: 3, mode: 'named', outcome: 'rejected', rule: { kind: 'ordinary', majority: 'simple', blankVotesCount: false, quorum: null, quorumMet: true, needed: 2 } }), at: '4 hours' });
  await db().execute(sql`insert into named_ballots (poll_id, person_id, choices) values (${p2.id}, ${w.chair.id}, '{yes}'), (${p2.id}, ${w.taker.id}, '{no}'), (${p2.id}, ${w.members[0].id}, '{no}')`);
  // Counted but never published: not in the minutes.
  await poll({ item: reportItem, title: 'Beretningen', method: 'yes_no_abstain', mode: 'open', status: 'closed', result: result({ counts: { yes: 9, no: 0, abstain: 0 }, outcome: 'adopted' }), at: '6 hours' });
  const [body] = await q(sql`insert into bodies (unit_id, name, seats, substitutes) values (${w.org.north}, ${`Bestyrelsen ${a.id}`}, 5, 1) returning id`);
  const [e1] = await q(sql`insert into elections (assembly_id, item_id, body_id, title, seats, substitutes, term_ends_on, status, lots, created_at)
        values (${a.id}, ${electionItem}, ${body.id}, 'Valg til bestyrelsen', 2, 1, current_date + 700, 'decided', null, now() - interval '3 hours') returning id`);
  const cand = (election: string, person: string, outcome: string | null, votes: number | null) =>
    q(sql`insert into candidates (election_id, person_id, accepted_at, outcome, votes) values (${election}, ${person}, now(), ${outcome}, ${votes}) returning id`);
  await cand(e1.id, w.members[0].id, 'elected', 40);
  const [b] = await cand(e1.id, w.taker.id, 'elected', 30);
  const [c] = await cand(e1.id, w.members[1].id, 'substitute', 30);
  await cand(e1.id, w.members[2].id, 'not_elected', 5);
  await db().execute(sql`update elections set lots = ${JSON.stringify([{ tied: [b.id, c.id], chosen: [b.id], place: 'member' }])}::jsonb where id = ${e1.id}`);
  await poll({ item: electionItem, election: e1.id, title: 'Valg til bestyrelsen', method: 'choice', mode: 'secret', status: 'published', result: result({ counts: {}, outcome: 'decided' }), at: '3 hours' });
  const [e2] = await q(sql`insert into elections (assembly_id, item_id, body_id, title, seats, term_ends_on, status, created_at)
        values (${a.id}, ${electionItem}, ${body.id}, 'Valg af revisor', 1, current_date + 365, 'decided', now() - interval '2 hours') returning id`);
  await cand(e2.id, w.chair.id, 'elected', null);
  return { reportItem, motionsItem, electionItem };
}

describe('the minutes assembled from the data', () => {
  it('puts the notes, the motions, the published results with their rule and ballot, and the elected under their items', async () => {
    const a = await heldAssembly(w);
    const ids = await recordData(a);
    expect((await saveItemNotes(db(), w.taker.actor, ids.reportItem, notes({ notes: 'Formanden fremlagde beretningen.\n\nDer var tre spørgsmål.', decision: 'Beretningen blev godkendt.' }))).ok).toBe(true);
    const m = (await minutesContent(db(), a.id, 'da'))!;
    const [{ roll }] = await queryRows<{ roll: number }>(db(), sql`select count(*)::int as roll from assembly_roll where assembly_id = ${a.id}`);
    expect(roll).toBe(w.members.length + 3);
    expect(m.assembly).toMatchObject({ title: a.title, unitName: 'Kreds Nord', place: 'Fagforeningshuset', chairName: 'Søren Ærø Åberg', minuteTakerName: 'Åse Østergård', present: 4, rollSize: roll, proxies: 0 });
    expect(m.items.map((i) => i.kind)).toEqual(['officers', 'report', 'motions', 'future_work', 'election', 'any_other_business']);

    const report = m.items.find((i) => i.id === ids.reportItem)!;
    expect(report).toMatchObject({ notes: 'Formanden fremlagde beretningen.\n\nDer var tre spørgsmål.', decision: 'Beretningen blev godkendt.', polls: [] });

    const motions = m.items.find((i) => i.id === ids.motionsItem)!;
    expect(motions.motions.map((x) => [x.number, x.state, x.stateText])).toEqual([
      [1, 'adopted', 'Vedtaget'],
      [2, 'withdrawn', 'Trukket tilbage'],
      [3, 'rejected', 'Forkastet'],
    ]);
    expect(motions.motions[0].amendments.map((x) => [x.number, x.state])).toEqual([[1, 'adopted']]);
    const [secret, named] = motions.polls;
    expect(secret.summary).toBe('Vedtaget: 45 for, 3 imod, 2 undlod at stemme');
    expect(secret.rule).toContain('Simpelt flertal');
    expect(secret.ballot).toBe('Skriftlig (hemmelig) · skriftlig afstemning begæret af et medlem');
    expect(secret).toMatchObject({ secret: true, writtenBallotRequested: true, named: null });
    expect(named.summary).toBe('Forkastet: 1 for, 2 imod, 0 undlod at stemme');
    // Danish order: Å after M.
    expect(named.named).toEqual([
      { choice: 'For', names: ['Søren Ærø Åberg'] },
      { choice: 'Imod', names: [expect.stringMatching(/^Medlem Nummer/), 'Åse Østergård'] },
    ]);

    const [board, auditor] = m.items.find((i) => i.id === ids.electionItem)!.elections;
    expect(board.elected.map((x) => [x.name, x.seatKind, x.votes])).toEqual([
      [expect.stringMatching(/^Medlem Nummer/), 'member', 40],
      ['Åse Østergård', 'member', 30],
      [expect.stringMatching(/^Medlem Nummer/), 'substitute', 30],
    ]);
    expect(board.unopposed).toBe(false);
    expect(board.lots).toEqual([expect.stringMatching(/^Stemmelighed mellem Åse Østergård, Medlem Nummer \d+ om pladsen som bestyrelsesmedlem: lodtrækningen valgte Åse Østergård\.$/)]);
    expect(auditor).toMatchObject({ unopposed: true, elected: [{ name: 'Søren Ærø Åberg', seatKind: 'member', votes: null }] });

    // Nothing leads to who voted in the secret poll or who asked for the written ballot; refused and unadmitted motions are left out.
    const all = JSON.stringify(m);
    for (const hidden of ['Hemmelig Vælger', 'Skriftlig Begærer', w.members[3].id, w.members[4].id, 'Afvist forslag', 'Indsendt forslag', 'Beretningen"']) expect(all).not.toContain(hidden);

    const en = (await minutesContent(db(), a.id, 'en'))!;
    expect(en.items.find((i) => i.id === ids.motionsItem)!.polls[0].summary).toBe('Adopted: 45 for, 3 against, 2 abstained');
  });
});

describe('approving and publishing', () => {
  it('lets the chair and the minute taker approve once the assembly has closed, each for their own office', async () => {
    const open = await heldAssembly(w, { stage: 'in_session' });
    expect(await approveMinutes(db(), w.chair.actor, open.id)).toMatchObject({ ok: false, reason: 'wrong_status' });
    const a = await heldAssembly(w);
    expect(await approveMinutes(db(), w.staffNorth.actor, a.id)).toEqual({ ok: false, reason: 'not_approver' });
    expect(await approveMinutes(db(), w.admin.actor, a.id)).toEqual({ ok: false, reason: 'not_approver' });
    expect(await approveMinutes(db(), w.boardNorth.actor, a.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await approveMinutes(db(), w.members[0].actor, a.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await approveMinutes(db(), w.southMember.actor, a.id)).toEqual({ ok: false, reason: 'not_found' });
    expect((await state(a.id)).chair).toBeNull();
    const chair = await approveMinutes(db(), w.chair.actor, a.id);
    expect(chair).toMatchObject({ ok: true, approvedAs: ['chair'], approvals: { chairAt: expect.any(String), minuteTakerAt: null } });
    const taker = await approveMinutes(db(), w.taker.actor, a.id);
    expect(taker).toMatchObject({ ok: true, approvedAs: ['minute_taker'], approvals: { chairAt: chair.ok && chair.approvals.chairAt, minuteTakerAt: expect.any(String) } });
  });

  it('lets staff of the unit approve for an office the assembly names nobody for, and only that one', async () => {
    const none = await heldAssembly(w, { noChair: true, noTaker: true });
    expect(await approveMinutes(db(), w.staffNorth.actor, none.id)).toMatchObject({ ok: true, approvedAs: ['chair', 'minute_taker'] });
    const noChair = await heldAssembly(w, { noChair: true });
    expect(await approveMinutes(db(), w.staffNorth.actor, noChair.id)).toMatchObject({ ok: true, approvedAs: ['chair'], approvals: { minuteTakerAt: null } });
    expect(await approveMinutes(db(), w.staffSouth.actor, noChair.id)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('refuses to publish before both have approved, naming the approval missing, and changes nothing', async () => {
    const a = await heldAssembly(w);
    expect(await publishMinutes(db(), w.taker.actor, a.id)).toEqual({ ok: false, reason: 'not_approved', params: { missing: 'both' } });
    await approveMinutes(db(), w.chair.actor, a.id);
    const before = await state(a.id);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/assemblies/${a.id}/minutes/publish`, headers: await token(w.taker.id) });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'minutes.not_approved', title: 'Referatet kan ikke offentliggøres, før referenten har godkendt det.' });
    expect(await state(a.id)).toEqual(before);
    expect(await publishMinutes(db(), w.chair.actor, a.id)).toEqual({ ok: false, reason: 'forbidden' });
    await approveMinutes(db(), w.taker.actor, a.id);
    expect(await publishMinutes(db(), w.taker.actor, a.id)).toMatchObject({ ok: true, publishedAt: expect.any(String) });
    expect((await state(a.id)).status).toBe('minutes_published');
    // Published minutes are final.
    expect(await saveItemNotes(db(), w.taker.actor, a.agenda[0].id, notes({ notes: 'Efterskrift' }))).toEqual({ ok: false, reason: 'wrong_status', params: { status: 'minutes_published' } });
  });

  it('withdraws both approvals when the notes change after an approval, and not when the same text is saved', async () => {
    const a = await heldAssembly(w, { stage: 'approved' });
    const item = itemOf(a, 'report').id;
    await saveItemNotes(db(), w.taker.actor, item, notes({ notes: 'Godkendt tekst' }));
    await db().execute(sql`update assemblies set minutes_approved_by_chair_at = now(), minutes_approved_by_taker_at = now() where id = ${a.id}`);
    expect(await saveItemNotes(db(), w.taker.actor, item, notes({ notes: 'Godkendt tekst' }))).toMatchObject({ ok: true, approvalsWithdrawn: false });
    expect((await state(a.id)).chair).not.toBeNull();
    const res = await t.app.inject({ method: 'PUT', url: `/api/v1/agenda-items/${item}/notes`, headers: await token(w.taker.id), payload: { decision: 'Beretningen blev taget til efterretning.' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ approvalsWithdrawn: true, item: { notes: 'Godkendt tekst', decision: 'Beretningen blev taget til efterretning.' } });
    expect(await state(a.id)).toMatchObject({ chair: null, taker: null });
    expect(await publishMinutes(db(), w.taker.actor, a.id)).toMatchObject({ reason: 'not_approved', params: { missing: 'both' } });
  });

  it('refuses notes that are too long, naming the field in the reader’s language, and writes nothing', async () => {
    const a = await heldAssembly(w);
    const before = await state(a.id);
    const res = await t.app.inject({ method: 'PUT', url: `/api/v1/agenda-items/${a.agenda[1].id}/notes`, headers: await token(w.taker.id), payload: { notes: 'x'.repeat(20_001) } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'notes', message: expect.stringContaining('Noter') })]);
    expect(await state(a.id)).toEqual(before);
  });
});

describe('who reads the minutes', () => {
  it('shows members-only minutes to the roll, and nothing to a member of another unit or a visitor', async () => {
    const a = await heldAssembly(w, { stage: 'published' });
    await db().execute(sql`update agenda_items set notes = 'Kun for medlemmer' where id = ${a.agenda[1].id}`);
    const mine = await t.app.inject({ method: 'GET', url: `/assemblies/${a.id}/minutes`, headers: { cookie: (await loginAs(t.database, w.members[0].id)).cookie } });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('Kun for medlemmer');
    expect(mine.body).not.toContain('<textarea');
    const elsewhere = await t.app.inject({ method: 'GET', url: `/assemblies/${a.id}/minutes`, headers: { cookie: (await loginAs(t.database, w.southMember.id)).cookie } });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.body).not.toContain('Kun for medlemmer');
    const visitor = await t.app.inject({ method: 'GET', url: `/assemblies/${a.id}/minutes` });
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toMatch(/^\/login/);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/assemblies/${a.id}/minutes`, headers: await token(w.southMember.id) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/assemblies/${a.id}/minutes.pdf` })).statusCode).toBe(401);
  });

  it('shows public minutes to anyone, the PDF included', async () => {
    const a = await heldAssembly(w, { stage: 'published', visibility: 'public' });
    await db().execute(sql`update agenda_items set notes = 'For alle' where id = ${a.agenda[1].id}`);
    const page = await t.app.inject({ method: 'GET', url: `/assemblies/${a.id}/minutes` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('For alle');
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/assemblies/${a.id}/minutes` });
    expect(api.json().items[1].notes).toBe('For alle');
    const pdf = await t.app.inject({ method: 'GET', url: `/assemblies/${a.id}/minutes.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('keeps a draft from the roll, and shows it to the board without a pen', async () => {
    const a = await heldAssembly(w);
    expect((await t.app.inject({ method: 'GET', url: `/assemblies/${a.id}/minutes`, headers: { cookie: (await loginAs(t.database, w.members[0].id)).cookie } })).statusCode).toBe(403);
    const board = await t.app.inject({ method: 'GET', url: `/assemblies/${a.id}/minutes`, headers: { cookie: (await loginAs(t.database, w.boardNorth.id)).cookie } });
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('Udkast – ikke offentliggjort');
    expect(board.body).not.toContain('<textarea');
    expect(board.body).not.toContain('/minutes/approve');
  });

  it('lists past assemblies in the archive for those who may see them, with the adopted motions and the elected', async () => {
    const members = await heldAssembly(w, { stage: 'published' });
    const open = await heldAssembly(w, { stage: 'published', visibility: 'public' });
    await recordData(open);
    const ids = (entries: { id: string }[]) => entries.map((e) => e.id);
    const visitor = await listArchive(db(), { kind: 'anonymous' }, 'da');
    expect(ids(visitor)).toContain(open.id);
    expect(ids(visitor)).not.toContain(members.id);
    expect(ids(await listArchive(db(), w.southMember.actor, 'da'))).not.toContain(members.id);
    const mine = await listArchive(db(), w.members[0].actor, 'da');
    expect(ids(mine)).toEqual(expect.arrayContaining([members.id, open.id]));
    const entry = mine.find((e) => e.id === open.id)!;
    expect(entry.decisions!.adopted).toEqual([{ number: 1, title: 'Lavere kontingent' }]);
    expect(entry.decisions!.elected.map((x) => [x.election, x.seatKind])).toEqual([
      ['Valg til bestyrelsen', 'member'],
      ['Valg til bestyrelsen', 'member'],
      ['Valg til bestyrelsen', 'substitute'],
      ['Valg af revisor', 'member'],
    ]);
    const page = await t.app.inject({ method: 'GET', url: '/assemblies/archive' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/assemblies/${open.id}/minutes.pdf`);
    expect(page.body).toContain('Lavere kontingent');
    expect(page.body).not.toContain(members.id);
  });
});

describe('the minute taker’s page, without JavaScript', () => {
  it('saves the notes of one item from its form, and the chair approves from the same address', async () => {
    const a = await heldAssembly(w);
    const item = itemOf(a, 'future_work');
    const taker = (await loginAs(t.database, w.taker.id)).cookie;
    const editor = await formSession(t.app, `/assemblies/${a.id}/minutes`, taker);
    expect(editor.page.statusCode).toBe(200);
    expect(editor.page.body.match(/<textarea/g)?.length).toBe(a.agenda.length * 2);
    const saved = await postForm(t.app, `/assemblies/${a.id}/minutes/items/${item.id}`, editor, { notes: 'Arbejdsprogrammet blev drøftet.', decision: 'Vedtaget som fremlagt.' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/assemblies/${a.id}/minutes#item-${item.id}`);
    const [row] = await queryRows<{ notes: string; decision: string }>(db(), sql`select notes, decision from agenda_items where id = ${item.id}`);
    expect(row).toEqual({ notes: 'Arbejdsprogrammet blev drøftet.', decision: 'Vedtaget som fremlagt.' });
    const tooLong = await postForm(t.app, `/assemblies/${a.id}/minutes/items/${item.id}`, editor, { notes: 'x'.repeat(20_001), decision: '' });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain(`href="#item-${item.position}-notes"`);
    const unapproved = await postForm(t.app, `/assemblies/${a.id}/minutes/publish`, editor, {});
    expect(unapproved.statusCode).toBe(409);
    expect(unapproved.body).toContain('Referatet kan ikke offentliggøres, før dirigenten og referenten har godkendt det.');

    const chair = await formSession(t.app, `/assemblies/${a.id}/minutes`, (await loginAs(t.database, w.chair.id)).cookie);
    expect(chair.page.body).not.toContain('<textarea');
    expect(chair.page.body).toContain('Godkend som dirigent');
    expect(chair.page.body).toContain('Arbejdsprogrammet blev drøftet.');
    expect((await postForm(t.app, `/assemblies/${a.id}/minutes/approve`, chair, {})).statusCode).toBe(303);
    expect((await state(a.id)).chair).not.toBeNull();
  });
});
