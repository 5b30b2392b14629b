import { eq, sql } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { forbidden, invalidInput, type FieldProblem, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { assemblyFor, type AssemblyRow } from './access.js';
import { wrongStatus, type WrongStatus } from './assemblies.js';
import { can } from './policy.js';
import { closedFor, motionFailure, type MotionFailure } from './motion-answers.js';
import { cosignerProblems } from './motion-cosigners.js';
import { loadMotion, motionFor, notOnRoll, type MotionFound, type MotionRow, type MotionView } from './motion-queries.js';
import type { MotionInput, RecommendationInput, RefusalInput } from './motion-schema.js';
import { motionCosigners, motions, type MotionState } from './motion-tables.js';

/*
 * Motions to the general assembly: submitted by a member of the roll (or staff of the unit) before
 * the deadline, admitted or refused (with a reason the submitter sees) by staff, given the board's
 * recommendation, and then withdrawn, referred, or — by the polls, when a poll on the motion is
 * published — adopted or rejected. Every change locks the assembly's row: numbers are never taken
 * twice, and a motion never changes under a poll being opened on it.
 */

export type MotionResult = { ok: true; motion: MotionView } | Refusal | Invalid | WrongStatus | MotionFailure<'after_deadline' | 'notice_not_sent' | 'wrong_state' | 'not_cosigner'>;

const deadlineParams = (a: AssemblyRow) => ({ deadline: a.motionDeadline, timeZone: a.timeZone });

/**
 * Submits a motion. A member of the roll submits their own until the motion deadline; after it the
 * statutes refuse it (`after_deadline`, naming the deadline), and nothing is written. Staff of the
 * unit may submit for a member of the roll (`submitterId`), and only they take one in after the
 * deadline: then `lateReason` is required and the motion is admitted at once, since taking it in
 * late is the admission. Co-signers must be on the roll; they confirm on their own page.
 */
export async function submitMotion(db: Db, actor: Actor, assemblyId: string, input: MotionInput): Promise<MotionResult> {
  return db.transaction(async (tx): Promise<MotionResult> => {
    const found = await assemblyFor(tx, actor, assemblyId, 'assembly.view', { lock: true });
    if (!found.ok) return found;
    const a = found.assembly;
    const staff = can(actor, 'assembly.manage', a);
    if (!staff && !can(actor, 'assembly.participate', a)) return forbidden;
    const shut = closedFor(a);
    if (shut) return shut;
    const late = Date.now() > a.motionDeadline.getTime();
    if (late && !staff) return motionFailure('after_deadline', deadlineParams(a));
    const problems: FieldProblem[] = [];
    if (late && !input.lateReason) problems.push({ path: 'lateReason', code: 'motion.late_reason_required', params: deadlineParams(a) });
    if (!late && input.lateReason) problems.push({ path: 'lateReason', code: 'motion.late_reason_not_late', params: deadlineParams(a) });
    if (input.submitterId && !staff) problems.push({ path: 'submitterId', code: 'motion.submitter_staff_only' });
    else if (input.submitterId && (await notOnRoll(tx, a.id, [input.submitterId])).size > 0) problems.push({ path: 'submitterId', code: 'motion.submitter_not_on_roll' });
    const submitter = input.submitterId ?? actorPersonId(actor);
    problems.push(...(await cosignerProblems(tx, a.id, submitter, input.cosignerIds)));
    if (problems.length > 0) return invalidInput(...problems);
    const [{ next }] = await queryRows<{ next: number }>(tx, sql`select coalesce(max(number), 0) + 1 as next from motions where assembly_id = ${a.id}`);
    const [row] = await tx
      .insert(motions)
      .values({
        assemblyId: a.id,
        number: next,
        title: input.title,
        body: input.body,
        reasoning: input.reasoning,
        voteKind: input.voteKind,
        submittedBy: submitter,
        lateReason: late ? input.lateReason : null,
        state: late ? 'admitted' : 'submitted',
      })
      .returning({ id: motions.id });
    if (input.cosignerIds.length > 0) await tx.insert(motionCosigners).values(input.cosignerIds.map((personId) => ({ motionId: row.id, personId })));
    const fields = ['title', 'body', 'voteKind', ...(input.reasoning ? ['reasoning'] : []), ...(input.cosignerIds.length ? ['cosignerIds'] : []), ...(input.submitterId ? ['submitterId'] : []), ...(late ? ['lateReason', 'state'] : [])];
    await audit(tx, actor, { action: 'create', entityType: 'motion', entityId: row.id, fields });
    return { ok: true, motion: (await loadMotion(tx, actor, a, row.id))! };
  });
}

type Change = { ok: true; a: AssemblyRow; m: MotionRow } | Exclude<MotionResult, { ok: true }>;

/**
 * The shared start of every change to a motion: it is in sight, the actor may (`allowed`), the
 * assembly takes changes, and the motion is in one of the states the change starts from.
 */
async function change(tx: Db, actor: Actor, motionId: string, allowed: (f: Extract<MotionFound, { ok: true }>) => boolean, from: readonly MotionState[]): Promise<Change> {
  const found = await motionFor(tx, actor, motionId, { lock: true });
  if (!found.ok) return found;
  if (!allowed(found)) return forbidden;
  const shut = closedFor(found.assembly);
  if (shut) return shut;
  if (!from.includes(found.motion.state)) return motionFailure('wrong_state', { state: found.motion.state });
  return { ok: true, a: found.assembly, m: found.motion };
}

async function done(tx: Db, actor: Actor, c: { a: AssemblyRow; m: MotionRow }, set: Partial<typeof motions.$inferInsert>, fields: string[]): Promise<MotionResult> {
  await tx
    .update(motions)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(motions.id, c.m.id));
  await audit(tx, actor, { action: 'update', entityType: 'motion', entityId: c.m.id, fields });
  return { ok: true, motion: (await loadMotion(tx, actor, c.a, c.m.id))! };
}

const manages = (f: { assembly: AssemblyRow }, actor: Actor) => can(actor, 'assembly.manage', f.assembly);

/** Staff of the unit put a submitted motion before the assembly. */
export async function admitMotion(db: Db, actor: Actor, motionId: string): Promise<MotionResult> {
  return db.transaction(async (tx): Promise<MotionResult> => {
    const c = await change(tx, actor, motionId, (f) => manages(f, actor), ['submitted']);
    if (!c.ok) return c;
    return done(tx, actor, c, { state: 'admitted' }, ['state']);
  });
}

/** Staff of the unit refuse a submitted motion, saying why; the submitter and co-signers see the reason. */
export async function refuseMotion(db: Db, actor: Actor, motionId: string, input: RefusalInput): Promise<MotionResult> {
  return db.transaction(async (tx): Promise<MotionResult> => {
    const c = await change(tx, actor, motionId, (f) => manages(f, actor), ['submitted']);
    if (!c.ok) return c;
    return done(tx, actor, c, { state: 'refused', refusalReason: input.reason, decidedAt: new Date() }, ['state', 'refusalReason']);
  });
}

/** The board's recommendation to the assembly, written by the unit's board (or entered by staff for it); empty takes it away. */
export async function setBoardRecommendation(db: Db, actor: Actor, motionId: string, input: RecommendationInput): Promise<MotionResult> {
  return db.transaction(async (tx): Promise<MotionResult> => {
    const c = await change(tx, actor, motionId, (f) => can(actor, 'assembly.recommend', f.assembly), ['submitted', 'admitted']);
    if (!c.ok) return c;
    return done(tx, actor, c, { boardRecommendation: input.recommendation }, ['boardRecommendation']);
  });
}

/**
 * Withdraws a motion: the chair or staff of the unit until it is decided, and its submitter
 * before the assembly meets (in the hall, the chair asks the assembly and records it).
 */
export async function withdrawMotion(db: Db, actor: Actor, motionId: string): Promise<MotionResult> {
  return db.transaction(async (tx): Promise<MotionResult> => {
    const mayWithdraw = (f: Extract<MotionFound, { ok: true }>) => {
      if (can(actor, 'assembly.run', f.assembly)) return true;
      const me = actorPersonId(actor);
      return me !== null && f.motion.submittedBy === me && f.assembly.status === 'notice_sent';
    };
    const c = await change(tx, actor, motionId, mayWithdraw, ['submitted', 'admitted']);
    if (!c.ok) return c;
    return done(tx, actor, c, { state: 'withdrawn', decidedAt: new Date() }, ['state']);
  });
}

/** The assembly refers an admitted motion to the board instead of deciding it; the chair (or staff) records it in session. */
export async function referMotion(db: Db, actor: Actor, motionId: string): Promise<MotionResult> {
  return db.transaction(async (tx): Promise<MotionResult> => {
    const c = await change(tx, actor, motionId, (f) => can(actor, 'assembly.run', f.assembly), ['admitted']);
    if (!c.ok) return c;
    if (c.a.status !== 'in_session') return wrongStatus(c.a.status);
    return done(tx, actor, c, { state: 'referred', decidedAt: new Date() }, ['state']);
  });
}

/** The motion as the reader sees it. */
export async function getMotion(db: Db, actor: Actor, motionId: string): Promise<{ ok: true; motion: MotionView; assembly: AssemblyRow } | Refusal> {
  const found = await motionFor(db, actor, motionId);
  if (!found.ok) return found;
  return { ok: true, motion: (await loadMotion(db, actor, found.assembly, motionId))!, assembly: found.assembly };
}
