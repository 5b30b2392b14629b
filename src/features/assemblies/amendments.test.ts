import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../platform/actor.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { testApp, type TestApp } from '../../test/app.js';
import { assemblyWorld, calledAssembly, inSession, type AssemblyWorld } from './assemblies.fixture.js';
import { findAssembly } from './access.js';
import { admitAmendment, refuseAmendment, submitAmendment, withdrawAmendment } from './amendments.js';
import { assemblyMotions, loadMotionDetail } from './motion-queries.js';
import { amendmentInput, motionInput } from './motion-schema.js';
import { admitMotion, submitMotion } from './motions.js';

let t: TestApp;
let w: AssemblyWorld;
const rows = async (q: string, p: unknown[] = []) => (await t.database.executeSql(q, p)).rows as Record<string, unknown>[];
const count = async (table: string) => Number((await rows(`select count(*)::int as n from ${table}`))[0].n);

const TEXT = ['Generalforsamlingen beslutter:', 'at kontingentet fastholdes,', 'at bestyrelsen arbejder for flere tillidsrepræsentanter,', 'og at der holdes et medlemsmøde hvert år.'].join('\n');

/** An admitted motion of four lines on a called assembly. */
async function admittedMotion(opts: { admit?: boolean } = {}) {
  const a = await calledAssembly(w);
  const r = await submitMotion(t.database.db, w.members[0].actor, a.id, motionInput.parse({ title: 'Arbejdsprogram', body: TEXT }));
  if (!r.ok) throw new Error(JSON.stringify(r));
  if (opts.admit !== false) await admitMotion(t.database.db, w.staffNorth.actor, r.motion.id);
  return { a, m: r.motion };
}
const amend = (fromLine: number, toLine: number, replacement: string) => amendmentInput.parse({ fromLine, toLine, replacement });

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
}, 60_000);
afterAll(() => t?.close());

describe('proposing an amendment', () => {
  it('names lines of an admitted motion, numbered per motion, and starts submitted', async () => {
    const { m } = await admittedMotion();
    const first = await submitAmendment(t.database.db, w.members[1].actor, m.id, amend(2, 2, 'at kontingentet sænkes med 10 kr.,'));
    expect(first.ok && first.amendment).toMatchObject({ number: 1, fromLine: 2, toLine: 2, state: 'submitted', replaces: 'at kontingentet fastholdes,', submittedById: w.members[1].id });
    const second = await submitAmendment(t.database.db, w.staffNorth.actor, m.id, amend(3, 4, ''));
    expect(second.ok && second.amendment).toMatchObject({ number: 2, replacement: '' });
    const other = await admittedMotion();
    const elsewhere = await submitAmendment(t.database.db, w.members[1].actor, other.m.id, amend(1, 1, 'X'));
    expect(elsewhere.ok && elsewhere.amendment.number).toBe(1);
  });

  it('refuses lines the motion does not have, and a range backwards, naming the field, and writes nothing', async () => {
    const { m } = await admittedMotion();
    const before = await count('amendments');
    expect(await submitAmendment(t.database.db, w.members[1].actor, m.id, amend(5, 6, 'X'))).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [
        { path: 'fromLine', code: 'motion.line_unknown', params: { max: 4 } },
        { path: 'toLine', code: 'motion.line_unknown', params: { max: 4 } },
      ],
    });
    expect(await submitAmendment(t.database.db, w.members[1].actor, m.id, amend(3, 2, 'X'))).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'toLine', code: 'motion.lines_reversed', params: { from: 3 } }] });
    expect(await submitAmendment(t.database.db, w.members[1].actor, m.id, amend(1, 9, 'X'))).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'toLine' }] });
    expect(amendmentInput.safeParse({ fromLine: 0, toLine: 1.5, replacement: 'x' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['fromLine', 'toLine']);
    expect(await count('amendments')).toBe(before);
  });

  it('takes amendments to admitted motions only, from the roll and staff of the unit', async () => {
    const { m } = await admittedMotion({ admit: false });
    expect(await submitAmendment(t.database.db, w.staffNorth.actor, m.id, amend(1, 1, 'X'))).toEqual({ ok: false, reason: 'wrong_state', params: { state: 'submitted' } });
    const admitted = await admittedMotion();
    expect(await submitAmendment(t.database.db, w.southMember.actor, admitted.m.id, amend(1, 1, 'X'))).toEqual({ ok: false, reason: 'not_found' });
    expect(await submitAmendment(t.database.db, w.staffSouth.actor, admitted.m.id, amend(1, 1, 'X'))).toEqual({ ok: false, reason: 'not_found' });
    // The board sees the motion (it is on the roll too, as members of the unit): the roll's right to amend is theirs as well.
    expect((await submitAmendment(t.database.db, w.boardNorth.actor, admitted.m.id, amend(1, 1, 'X'))).ok).toBe(true);
    // In the hall, amendments still come until the motion is decided.
    await inSession(w, admitted.a.id, w.members);
    expect((await submitAmendment(t.database.db, w.members[2].actor, admitted.m.id, amend(2, 3, 'Y'))).ok).toBe(true);
    await rows("update motions set state = 'adopted' where id = $1", [admitted.m.id]);
    expect(await submitAmendment(t.database.db, w.members[2].actor, admitted.m.id, amend(2, 3, 'Y'))).toEqual({ ok: false, reason: 'wrong_state', params: { state: 'adopted' } });
  });
});

describe('deciding on amendments before the vote', () => {
  it('lets staff admit or refuse a submitted amendment, with the reason shown to its submitter only', async () => {
    const { a, m } = await admittedMotion();
    const one = await submitAmendment(t.database.db, w.members[1].actor, m.id, amend(2, 2, 'X'));
    const two = await submitAmendment(t.database.db, w.members[1].actor, m.id, amend(3, 3, 'Y'));
    if (!one.ok || !two.ok) throw new Error('submit');
    // Another member does not see a submitted amendment at all; the board sees it and may not decide it.
    expect(await admitAmendment(t.database.db, w.members[0].actor, one.amendment.id)).toEqual({ ok: false, reason: 'not_found' });
    expect(await admitAmendment(t.database.db, w.boardNorth.actor, one.amendment.id)).toEqual({ ok: false, reason: 'forbidden' });
    const admitted = await admitAmendment(t.database.db, w.staffNorth.actor, one.amendment.id);
    expect(admitted.ok && admitted.amendment.state).toBe('admitted');
    expect(await admitAmendment(t.database.db, w.staffNorth.actor, one.amendment.id)).toEqual({ ok: false, reason: 'amendment_wrong_state', params: { state: 'admitted' } });
    const refused = await refuseAmendment(t.database.db, w.staffNorth.actor, two.amendment.id, { reason: 'Ligger uden for forslaget' });
    expect(refused.ok && refused.amendment).toMatchObject({ state: 'refused', refusalReason: 'Ligger uden for forslaget' });
    const row = async (who: typeof w.members[number]) => (await loadMotionDetail(t.database.db, who.actor, (await findAssembly(t.database.db, who.actor, a.id))!, m.id))!;
    expect((await row(w.members[1])).amendments.map((x) => [x.number, x.state, x.refusalReason])).toEqual([
      [1, 'admitted', null],
      [2, 'refused', 'Ligger uden for forslaget'],
    ]);
    expect((await row(w.members[3])).amendments.map((x) => x.number)).toEqual([1]);
  });

  it('lets its submitter or the chair withdraw one before its vote, nobody else', async () => {
    const { m } = await admittedMotion();
    const r = await submitAmendment(t.database.db, w.members[1].actor, m.id, amend(2, 2, 'X'));
    if (!r.ok) throw new Error('submit');
    await admitAmendment(t.database.db, w.staffNorth.actor, r.amendment.id);
    expect(await withdrawAmendment(t.database.db, w.members[2].actor, r.amendment.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await withdrawAmendment(t.database.db, w.boardNorth.actor, r.amendment.id)).toEqual({ ok: false, reason: 'forbidden' });
    const gone = await withdrawAmendment(t.database.db, w.members[1].actor, r.amendment.id);
    expect(gone.ok && gone.amendment.state).toBe('withdrawn');
    const again = await submitAmendment(t.database.db, w.members[1].actor, m.id, amend(2, 2, 'Z'));
    if (!again.ok) throw new Error('submit');
    await rows("update amendments set state = 'rejected' where id = $1", [again.amendment.id]);
    expect(await withdrawAmendment(t.database.db, w.staffNorth.actor, again.amendment.id)).toEqual({ ok: false, reason: 'amendment_wrong_state', params: { state: 'rejected' } });
  });
});

describe('the chair’s view: the order of the votes and the amended text', () => {
  it('puts amendments first in line order and applies the adopted ones, as the polls decide them', async () => {
    const { a, m } = await admittedMotion();
    const ids: string[] = [];
    for (const [f, to, text] of [
      [4, 4, 'og at der holdes to medlemsmøder hvert år.'],
      [2, 2, 'at kontingentet sænkes med 10 kr.,'],
      [2, 3, 'at kontingentet og tillidsarbejdet drøftes på et medlemsmøde,'],
    ] as const) {
      const r = await submitAmendment(t.database.db, w.members[1].actor, m.id, amend(f, to, text));
      if (!r.ok) throw new Error('submit');
      await admitAmendment(t.database.db, w.staffNorth.actor, r.amendment.id);
      ids.push(r.amendment.id);
    }
    const view = async () => (await loadMotionDetail(t.database.db, w.staffNorth.actor, (await findAssembly(t.database.db, w.staffNorth.actor, a.id))!, m.id))!;
    const before = await view();
    expect(before.votingOrder.map((s) => `${s.kind}:${s.number}`)).toEqual(['amendment:3', 'amendment:2', 'amendment:1', `motion:${m.number}`]);
    expect(before.votingOrder[1]).toMatchObject({ fallsWith: [3] });
    expect(before.amended.diff.every((p) => p.kind === 'same')).toBe(true);
    // The polls mark amendments adopted or rejected when their results are published.
    await rows("update amendments set state = 'rejected' where id = $1", [ids[2]]);
    await rows("update amendments set state = 'adopted' where id = any($1::uuid[])", [[ids[0], ids[1]]]);
    const after = await view();
    expect(after.amended.text).toBe(['Generalforsamlingen beslutter:', 'at kontingentet sænkes med 10 kr.,', 'at bestyrelsen arbejder for flere tillidsrepræsentanter,', 'og at der holdes to medlemsmøder hvert år.'].join('\n'));
    expect(after.amended.applied).toEqual([2, 1]);
    expect(after.amended.diff.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(expect.arrayContaining([expect.stringContaining('fastholdes')]));
    expect(after.amended.diff.filter((p) => p.kind === 'added').map((p) => p.text).join(' ')).toContain('sænkes');
    // The minutes read the same record, whoever asks, with every amendment and its state.
    const [record] = await assemblyMotions(t.database.db, a.id);
    expect(record.amended.text).toBe(after.amended.text);
    expect(record.amendments.map((x) => [x.number, x.state])).toEqual([
      [1, 'adopted'],
      [2, 'adopted'],
      [3, 'rejected'],
    ]);
  });

  it('answers the API with the amendment (201) and the motion with its order and amended text', async () => {
    const { m } = await admittedMotion();
    const made = await createPersonalToken(t.database.db, system, { personId: w.members[2].id, name: 'amendments' });
    if (!made.ok) throw new Error('token');
    const headers = { authorization: `Bearer ${made.token.value}` };
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/motions/${m.id}/amendments`, headers, payload: { fromLine: 1, toLine: 1, replacement: 'Forsamlingen beslutter:', reasoning: 'Kortere' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ motionId: m.id, number: 1, fromLine: 1, toLine: 1, replacement: 'Forsamlingen beslutter:', reasoning: 'Kortere', state: 'submitted', replaces: 'Generalforsamlingen beslutter:' });
    const bad = await t.app.inject({ method: 'POST', url: `/api/v1/motions/${m.id}/amendments`, headers: { ...headers, 'accept-language': 'en' }, payload: { fromLine: 7, toLine: 8, replacement: 'X' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([
      { path: 'fromLine', code: 'motion.line_unknown', message: "From line must be one of the motion's lines, 1 to 4." },
      { path: 'toLine', code: 'motion.line_unknown', message: "To line must be one of the motion's lines, 1 to 4." },
    ]);
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/motions/${m.id}`, headers });
    expect(detail.statusCode).toBe(200);
    const body = detail.json();
    // Member 2 sees their own submitted amendment; the order holds only admitted ones.
    expect(body.amendments.map((x: { number: number }) => x.number)).toEqual([1]);
    expect(body.votingOrder).toEqual([{ kind: 'motion', motionId: m.id, number: m.number, state: 'admitted' }]);
    expect(body.amended).toMatchObject({ text: TEXT, applied: [], skipped: [] });
    expect(body.lines).toHaveLength(4);
  });
});
