import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../platform/actor.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { testApp, type TestApp } from '../../test/app.js';
import { assemblyWorld, calledAssembly, draftAssembly, inSession, type AssemblyWorld } from './assemblies.fixture.js';
import { confirmCosignature } from './motion-cosigners.js';
import { listMotions } from './motion-queries.js';
import { motionInput } from './motion-schema.js';
import { findAssembly } from './access.js';
import { admitMotion, referMotion, refuseMotion, setBoardRecommendation, submitMotion, withdrawMotion } from './motions.js';

let t: TestApp;
let w: AssemblyWorld;
const DAY = 86_400_000;
const rows = async (q: string, p: unknown[] = []) => (await t.database.executeSql(q, p)).rows as Record<string, unknown>[];
const count = async (table: string) => Number((await rows(`select count(*)::int as n from ${table}`))[0].n);
const input = (over: Record<string, unknown> = {}) => motionInput.parse({ title: 'Kontingent', body: 'Generalforsamlingen beslutter:\nat kontingentet fastholdes.', ...over });
/** An assembly whose motion deadline passed yesterday (the assembly itself is still ahead). */
const pastDeadline = () => calledAssembly(w, { motionDeadline: new Date(Date.now() - DAY).toISOString() }, 10);
const tokens = new Map<string, Record<string, string>>();
const tokenOf = async (personId: string) => {
  if (!tokens.has(personId)) {
    const r = await createPersonalToken(t.database.db, system, { personId, name: 'motions' });
    if (!r.ok) throw new Error('token');
    tokens.set(personId, { authorization: `Bearer ${r.token.value}` });
  }
  return tokens.get(personId)!;
};

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
}, 60_000);
afterAll(() => t?.close());

describe('submitting a motion before the deadline', () => {
  it('numbers the motions of each assembly 1, 2, 3 and keeps them submitted until staff admit them', async () => {
    const a = await calledAssembly(w);
    const first = await submitMotion(t.database.db, w.members[0].actor, a.id, input());
    const second = await submitMotion(t.database.db, w.members[1].actor, a.id, input({ title: 'Lokaler', voteKind: 'statute' }));
    expect(first.ok && first.motion).toMatchObject({ number: 1, state: 'submitted', submittedById: w.members[0].id, voteKind: 'ordinary' });
    expect(second.ok && second.motion).toMatchObject({ number: 2, voteKind: 'statute' });
    expect(first.ok && first.motion.lines).toEqual([
      { number: 1, text: 'Generalforsamlingen beslutter:', paragraph: false },
      { number: 2, text: 'at kontingentet fastholdes.', paragraph: false },
    ]);
    const other = await calledAssembly(w);
    const elsewhere = await submitMotion(t.database.db, w.members[0].actor, other.id, input());
    expect(elsewhere.ok && elsewhere.motion.number).toBe(1);
    const [audited] = await rows("select fields from audit_events where entity_type = 'motion' and entity_id = $1", [first.ok && first.motion.id]);
    expect(audited.fields).toEqual(['title', 'body', 'voteKind']);
  });

  it('never gives two motions one number when they come in at once', async () => {
    const a = await calledAssembly(w);
    const results = await Promise.all(w.members.slice(0, 5).map((m, i) => submitMotion(t.database.db, m.actor, a.id, input({ title: `Forslag ${i}` }))));
    expect(results.map((r) => (r.ok ? r.motion.number : 0)).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses before the notice is out, and after the assembly closed', async () => {
    const draft = await draftAssembly(w);
    expect(await submitMotion(t.database.db, w.staffNorth.actor, draft.id, input())).toEqual({ ok: false, reason: 'notice_not_sent' });
    // A member does not see a draft at all.
    expect(await submitMotion(t.database.db, w.members[0].actor, draft.id, input())).toEqual({ ok: false, reason: 'not_found' });
    const closed = await calledAssembly(w);
    await rows("update assemblies set status = 'closed' where id = $1", [closed.id]);
    expect(await submitMotion(t.database.db, w.members[0].actor, closed.id, input())).toMatchObject({ ok: false, reason: 'wrong_status', params: { status: 'closed' } });
  });

  it('takes motions from the roll and staff of the unit only', async () => {
    const a = await calledAssembly(w);
    expect(await submitMotion(t.database.db, w.southMember.actor, a.id, input())).toEqual({ ok: false, reason: 'not_found' });
    expect(await submitMotion(t.database.db, w.staffSouth.actor, a.id, input())).toEqual({ ok: false, reason: 'not_found' });
    const byStaff = await submitMotion(t.database.db, w.staffNorth.actor, a.id, input({ submitterId: w.members[2].id }));
    expect(byStaff.ok && byStaff.motion).toMatchObject({ state: 'submitted', submittedById: w.members[2].id });
  });
});

describe('the motion deadline', () => {
  it('refuses a member’s motion after it, naming the deadline, and writes nothing', async () => {
    const a = await pastDeadline();
    const before = await count('motions');
    const r = await submitMotion(t.database.db, w.members[0].actor, a.id, input());
    expect(r).toMatchObject({ ok: false, reason: 'after_deadline' });
    expect(await count('motions')).toBe(before);
    const api = await t.app.inject({ method: 'POST', url: `/api/v1/assemblies/${a.id}/motions`, headers: { ...(await tokenOf(w.members[0].id)), 'accept-language': 'en' }, payload: { title: 'For sent', body: 'Tekst' } });
    expect(api.statusCode).toBe(409);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const row = await findAssembly(t.database.db, system, a.id);
    const problem = api.json();
    expect(problem.code).toBe('motion.after_deadline');
    expect(problem.errors[0].path).toBe('motionDeadline');
    expect(problem.errors[0].message).toContain(formatDateTime('en', row!.motionDeadline, 'Europe/Copenhagen'));
    expect(problem.errors[0].message).toContain('statutes');
    const da = await t.app.inject({ method: 'POST', url: `/api/v1/assemblies/${a.id}/motions`, headers: { ...(await tokenOf(w.members[0].id)), 'accept-language': 'da' }, payload: { title: 'For sent', body: 'Tekst' } });
    expect(da.json().errors[0].message).toContain(formatDateTime('da', row!.motionDeadline, 'Europe/Copenhagen'));
    expect(await count('motions')).toBe(before);
  });

  it('lets staff take one in after it only with a reason, and then it is admitted at once', async () => {
    const a = await pastDeadline();
    const without = await submitMotion(t.database.db, w.staffNorth.actor, a.id, input({ submitterId: w.members[0].id }));
    expect(without).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'lateReason', code: 'motion.late_reason_required' }] });
    const late = await submitMotion(t.database.db, w.staffNorth.actor, a.id, input({ submitterId: w.members[0].id, lateReason: 'Sendt til kontoret før fristen, men forsinket i posten' }));
    expect(late.ok && late.motion).toMatchObject({ state: 'admitted', lateReason: 'Sendt til kontoret før fristen, men forsinket i posten', submittedById: w.members[0].id });
    // The member sees it as theirs, with why it came in late.
    const seen = await listMotions(t.database.db, w.members[0].actor, (await findAssembly(t.database.db, w.members[0].actor, a.id))!);
    expect(seen.map((m) => m.lateReason)).toEqual(['Sendt til kontoret før fristen, men forsinket i posten']);
  });

  it('refuses a late reason before the deadline, and a submitter named by a member', async () => {
    const a = await calledAssembly(w);
    const early = await submitMotion(t.database.db, w.staffNorth.actor, a.id, input({ lateReason: 'Glemt' }));
    expect(early).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'lateReason', code: 'motion.late_reason_not_late' }] });
    const forOther = await submitMotion(t.database.db, w.members[0].actor, a.id, input({ submitterId: w.members[1].id }));
    expect(forOther).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'submitterId', code: 'motion.submitter_staff_only' }] });
    const offRoll = await submitMotion(t.database.db, w.staffNorth.actor, a.id, input({ submitterId: w.southMember.id }));
    expect(offRoll).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'submitterId', code: 'motion.submitter_not_on_roll' }] });
  });
});

describe('co-signers', () => {
  it('must be on the roll, not the submitter and named once, each error on its place in the list, and nothing is written', async () => {
    const a = await calledAssembly(w);
    const before = [await count('motions'), await count('motion_cosigners')];
    const r = await submitMotion(t.database.db, w.members[0].actor, a.id, input({ cosignerIds: [w.members[1].id, w.southMember.id, w.members[0].id, w.members[1].id] }));
    expect(r).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [
        { path: 'cosignerIds.1', code: 'motion.cosigner_not_on_roll' },
        { path: 'cosignerIds.2', code: 'motion.cosigner_is_submitter' },
        { path: 'cosignerIds.3', code: 'motion.cosigner_twice' },
      ],
    });
    expect([await count('motions'), await count('motion_cosigners')]).toEqual(before);
  });

  it('confirm on their own, and see the motion before it is admitted; others do not', async () => {
    const a = await calledAssembly(w);
    const r = await submitMotion(t.database.db, w.members[0].actor, a.id, input({ cosignerIds: [w.members[1].id, w.members[2].id] }));
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.motion.cosigners.map((c) => c.confirmed)).toEqual([false, false]);
    const confirmed = await confirmCosignature(t.database.db, w.members[1].actor, r.motion.id);
    expect(confirmed.ok && confirmed.motion.cosigners.find((c) => c.personId === w.members[1].id)?.confirmed).toBe(true);
    // Confirming again writes nothing more.
    const audits = await count('audit_events');
    expect((await confirmCosignature(t.database.db, w.members[1].actor, r.motion.id)).ok).toBe(true);
    expect(await count('audit_events')).toBe(audits);
    // A member of the roll who was not named does not even see the submitted motion.
    expect(await confirmCosignature(t.database.db, w.members[3].actor, r.motion.id)).toEqual({ ok: false, reason: 'not_found' });
    await admitMotion(t.database.db, w.staffNorth.actor, r.motion.id);
    expect(await confirmCosignature(t.database.db, w.members[3].actor, r.motion.id)).toEqual({ ok: false, reason: 'not_cosigner' });
    expect(await confirmCosignature(t.database.db, w.staffNorth.actor, r.motion.id)).toEqual({ ok: false, reason: 'not_cosigner' });
  });
});

describe('what becomes of a motion, and who may do it', () => {
  const submitted = async (a: { id: string }, by = w.members[0]) => {
    const r = await submitMotion(t.database.db, by.actor, a.id, input());
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.motion;
  };

  it('lets staff of the unit admit or refuse a submitted motion, once, and nobody else', async () => {
    const a = await calledAssembly(w);
    const m = await submitted(a);
    expect(await admitMotion(t.database.db, w.members[0].actor, m.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await admitMotion(t.database.db, w.boardNorth.actor, m.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await admitMotion(t.database.db, w.staffSouth.actor, m.id)).toEqual({ ok: false, reason: 'not_found' });
    const admitted = await admitMotion(t.database.db, w.staffNorth.actor, m.id);
    expect(admitted.ok && admitted.motion.state).toBe('admitted');
    expect(await admitMotion(t.database.db, w.admin.actor, m.id)).toEqual({ ok: false, reason: 'wrong_state', params: { state: 'admitted' } });
    expect(await refuseMotion(t.database.db, w.staffNorth.actor, m.id, { reason: 'Hører ikke under generalforsamlingen' })).toMatchObject({ ok: false, reason: 'wrong_state' });
  });

  it('shows the refusal reason to the submitter, and the refused motion to no other member', async () => {
    const a = await calledAssembly(w);
    const m = await submitted(a);
    const refused = await refuseMotion(t.database.db, w.staffNorth.actor, m.id, { reason: 'Forslaget hører under hovedbestyrelsen' });
    expect(refused.ok && refused.motion).toMatchObject({ state: 'refused', refusalReason: 'Forslaget hører under hovedbestyrelsen' });
    const own = await listMotions(t.database.db, w.members[0].actor, (await findAssembly(t.database.db, w.members[0].actor, a.id))!);
    expect(own.map((x) => x.refusalReason)).toEqual(['Forslaget hører under hovedbestyrelsen']);
    const other = await listMotions(t.database.db, w.members[1].actor, (await findAssembly(t.database.db, w.members[1].actor, a.id))!);
    expect(other).toEqual([]);
    const board = await listMotions(t.database.db, w.boardNorth.actor, (await findAssembly(t.database.db, w.boardNorth.actor, a.id))!);
    expect(board.map((x) => x.state)).toEqual(['refused']);
  });

  it('takes the board’s recommendation from the board or staff (never a member), and takes it away when empty', async () => {
    const a = await calledAssembly(w);
    const m = await submitted(a);
    const byBoard = await setBoardRecommendation(t.database.db, w.boardNorth.actor, m.id, { recommendation: 'Anbefales' });
    expect(byBoard.ok && byBoard.motion.boardRecommendation).toBe('Anbefales');
    expect(await setBoardRecommendation(t.database.db, w.members[0].actor, m.id, { recommendation: 'Nej' })).toMatchObject({ ok: false });
    const set = await setBoardRecommendation(t.database.db, w.staffNorth.actor, m.id, { recommendation: 'Bestyrelsen anbefaler forslaget' });
    expect(set.ok && set.motion.boardRecommendation).toBe('Bestyrelsen anbefaler forslaget');
    const cleared = await setBoardRecommendation(t.database.db, w.staffNorth.actor, m.id, { recommendation: null });
    expect(cleared.ok && cleared.motion.boardRecommendation).toBeNull();
  });

  it('lets the submitter withdraw before the assembly, and only the chair or staff once it is in session', async () => {
    const a = await calledAssembly(w);
    const mine = await submitted(a);
    expect(await withdrawMotion(t.database.db, w.members[1].actor, mine.id)).toEqual({ ok: false, reason: 'not_found' });
    const gone = await withdrawMotion(t.database.db, w.members[0].actor, mine.id);
    expect(gone.ok && gone.motion.state).toBe('withdrawn');
    expect(await withdrawMotion(t.database.db, w.members[0].actor, mine.id)).toMatchObject({ ok: false, reason: 'wrong_state', params: { state: 'withdrawn' } });
    const later = await submitted(a);
    await admitMotion(t.database.db, w.staffNorth.actor, later.id);
    await inSession(w, a.id, w.members);
    expect(await withdrawMotion(t.database.db, w.members[0].actor, later.id)).toEqual({ ok: false, reason: 'forbidden' });
    const byChair = await withdrawMotion(t.database.db, w.staffNorth.actor, later.id);
    expect(byChair.ok && byChair.motion.state).toBe('withdrawn');
  });

  it('refers an admitted motion to the board in session only, by the chair', async () => {
    const a = await calledAssembly(w, { chairPersonId: w.members[4].id });
    const m = await submitted(a);
    await admitMotion(t.database.db, w.staffNorth.actor, m.id);
    expect(await referMotion(t.database.db, w.staffNorth.actor, m.id)).toMatchObject({ ok: false, reason: 'wrong_status', params: { status: 'notice_sent' } });
    await inSession(w, a.id);
    expect(await referMotion(t.database.db, w.members[0].actor, m.id)).toEqual({ ok: false, reason: 'forbidden' });
    const referred = await referMotion(t.database.db, w.members[4].actor, m.id);
    expect(referred.ok && referred.motion).toMatchObject({ state: 'referred' });
    expect(referred.ok && referred.motion.decidedAt).not.toBeNull();
  });
});

describe('the motions API', () => {
  it('answers 201 with the motion and its numbered lines, and lists the motions', async () => {
    const a = await calledAssembly(w);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assemblies/${a.id}/motions`,
      headers: await tokenOf(w.members[0].id),
      payload: { title: 'Flere tillidsrepræsentanter', body: 'Bestyrelsen arbejder for\nflere tillidsrepræsentanter.', reasoning: 'Vi mangler dem.', voteKind: 'ordinary', cosignerIds: [w.members[1].id] },
    });
    expect(res.statusCode).toBe(201);
    const m = res.json();
    expect(Object.keys(m)).toEqual(expect.arrayContaining(['id', 'number', 'title', 'body', 'reasoning', 'state', 'lines', 'voteKind', 'cosigners', 'submittedAt']));
    expect(m).toMatchObject({ number: 1, state: 'submitted', reasoning: 'Vi mangler dem.', lines: [{ number: 1, text: 'Bestyrelsen arbejder for' }, { number: 2, text: 'flere tillidsrepræsentanter.' }] });
    expect(m.cosigners).toEqual([expect.objectContaining({ personId: w.members[1].id, confirmed: false })]);
    const cosign = await t.app.inject({ method: 'POST', url: `/api/v1/motions/${m.id}/cosign`, headers: await tokenOf(w.members[1].id) });
    expect(cosign.statusCode).toBe(200);
    expect(cosign.json().cosigners[0].confirmed).toBe(true);
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/assemblies/${a.id}/motions`, headers: await tokenOf(w.staffNorth.id) });
    expect(list.json().items.map((x: { id: string }) => x.id)).toEqual([m.id]);
  });

  it('names every bad field and writes nothing', async () => {
    const a = await calledAssembly(w);
    const before = await count('motions');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assemblies/${a.id}/motions`,
      headers: { ...(await tokenOf(w.members[0].id)), 'accept-language': 'en' },
      payload: { title: '', body: '', voteKind: 'secret', cosignerIds: ['nobody'] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body', 'cosignerIds.0', 'title', 'voteKind']);
    expect(await count('motions')).toBe(before);
    const submitted = await submitMotion(t.database.db, w.members[0].actor, a.id, input());
    if (!submitted.ok) throw new Error('submit');
    const m = submitted.motion;
    const noReason = await t.app.inject({ method: 'POST', url: `/api/v1/motions/${m.id}/refuse`, headers: { ...(await tokenOf(w.staffNorth.id)), 'accept-language': 'en' }, payload: { reason: '' } });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors).toEqual([expect.objectContaining({ path: 'reason', message: 'Reason is required.' })]);
    expect(await count('motions')).toBe(before + 1);
    expect((await rows('select state from motions where id = $1', [m.id]))[0].state).toBe('submitted');
  });
});
