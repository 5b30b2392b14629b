import { eq, sql } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { forbidden, invalidInput, notFound, type FieldProblem, type Invalid, type Refusal } from '../../platform/outcomes.js';
import type { AssemblyRow } from './access.js';
import type { WrongStatus } from './assemblies.js';
import { can } from './policy.js';
import { closedFor, motionFailure, type MotionFailure } from './motion-answers.js';
import { listAmendments, motionFor, motionIdOfAmendment, type AmendmentView, type MotionRow } from './motion-queries.js';
import { motionLines } from './motion-text.js';
import type { AmendmentInput, RefusalInput } from './motion-schema.js';
import { amendments, type AmendmentState } from './motion-tables.js';

/*
 * Amendments name the lines of the motion they replace. Anyone on the roll (or staff of the unit)
 * may propose one to an admitted motion until the motion is decided — in the hall too, where
 * amendments usually come; staff admit or refuse them as they do motions, and the polls decide
 * them (adopted or rejected) before the motion itself.
 */

export type AmendmentResult =
  | { ok: true; amendment: AmendmentView }
  | Refusal
  | Invalid
  | WrongStatus
  | MotionFailure<'notice_not_sent' | 'wrong_state' | 'amendment_wrong_state'>;

type Found = { ok: true; a: AssemblyRow; m: MotionRow };

async function amendmentView(tx: Db, actor: Actor, f: Found, id: string): Promise<AmendmentView> {
  return (await listAmendments(tx, actor, f.a, f.m)).find((x) => x.id === id)!;
}

/**
 * Proposes an amendment to an admitted motion. The lines are the motion's numbered lines
 * (1-based, inclusive) and must exist in it; numbers count per motion.
 */
export async function submitAmendment(db: Db, actor: Actor, motionId: string, input: AmendmentInput): Promise<AmendmentResult> {
  return db.transaction(async (tx): Promise<AmendmentResult> => {
    const found = await motionFor(tx, actor, motionId, { lock: true });
    if (!found.ok) return found;
    const { assembly: a, motion: m } = found;
    if (!can(actor, 'assembly.manage', a) && !can(actor, 'assembly.participate', a)) return forbidden;
    const shut = closedFor(a);
    if (shut) return shut;
    if (m.state !== 'admitted') return motionFailure('wrong_state', { state: m.state });
    const count = motionLines(m.body).length;
    const problems: FieldProblem[] = [];
    if (input.fromLine > count) problems.push({ path: 'fromLine', code: 'motion.line_unknown', params: { max: count } });
    if (input.toLine > count) problems.push({ path: 'toLine', code: 'motion.line_unknown', params: { max: count } });
    else if (input.toLine < input.fromLine) problems.push({ path: 'toLine', code: 'motion.lines_reversed', params: { from: input.fromLine } });
    if (problems.length > 0) return invalidInput(...problems);
    const [{ next }] = await queryRows<{ next: number }>(tx, sql`select coalesce(max(number), 0) + 1 as next from amendments where motion_id = ${m.id}`);
    const [row] = await tx
      .insert(amendments)
      .values({ motionId: m.id, number: next, fromLine: input.fromLine, toLine: input.toLine, replacement: input.replacement, reasoning: input.reasoning, submittedBy: actorPersonId(actor) })
      .returning({ id: amendments.id });
    await audit(tx, actor, { action: 'create', entityType: 'amendment', entityId: row.id, fields: ['fromLine', 'toLine', 'replacement', ...(input.reasoning ? ['reasoning'] : [])] });
    return { ok: true, amendment: await amendmentView(tx, actor, { ok: true, a, m }, row.id) };
  });
}

type Change = { ok: true; f: Found; id: string; state: AmendmentState; submittedBy: string | null } | Exclude<AmendmentResult, { ok: true }>;

/** The shared start of a change to an amendment: in sight, the actor may, the assembly takes changes, a state it starts from. */
async function change(tx: Db, actor: Actor, amendmentId: string, allowed: (a: AssemblyRow, submittedBy: string | null) => boolean, from: readonly AmendmentState[]): Promise<Change> {
  const motionId = await motionIdOfAmendment(tx, amendmentId);
  if (!motionId) return notFound;
  const found = await motionFor(tx, actor, motionId, { lock: true });
  if (!found.ok) return found;
  const f: Found = { ok: true, a: found.assembly, m: found.motion };
  // Out of sight like a motion: a member sees the amendments before the assembly, and their own.
  const seen = (await listAmendments(tx, actor, f.a, f.m)).find((x) => x.id === amendmentId);
  if (!seen) return notFound;
  if (!allowed(f.a, seen.submittedById)) return forbidden;
  const shut = closedFor(f.a);
  if (shut) return shut;
  if (!from.includes(seen.state)) return motionFailure('amendment_wrong_state', { state: seen.state });
  return { ok: true, f, id: amendmentId, state: seen.state, submittedBy: seen.submittedById };
}

async function done(tx: Db, actor: Actor, c: Extract<Change, { ok: true }>, set: Partial<typeof amendments.$inferInsert>, fields: string[]): Promise<AmendmentResult> {
  await tx.update(amendments).set(set).where(eq(amendments.id, c.id));
  await audit(tx, actor, { action: 'update', entityType: 'amendment', entityId: c.id, fields });
  return { ok: true, amendment: await amendmentView(tx, actor, c.f, c.id) };
}

/** Staff of the unit put a submitted amendment to the vote, while its motion is still to be decided. */
export async function admitAmendment(db: Db, actor: Actor, amendmentId: string): Promise<AmendmentResult> {
  return db.transaction(async (tx): Promise<AmendmentResult> => {
    const c = await change(tx, actor, amendmentId, (a) => can(actor, 'assembly.manage', a), ['submitted']);
    if (!c.ok) return c;
    if (c.f.m.state !== 'admitted') return motionFailure('wrong_state', { state: c.f.m.state });
    return done(tx, actor, c, { state: 'admitted' }, ['state']);
  });
}

/** Staff of the unit refuse a submitted amendment, saying why; its submitter sees the reason. */
export async function refuseAmendment(db: Db, actor: Actor, amendmentId: string, input: RefusalInput): Promise<AmendmentResult> {
  return db.transaction(async (tx): Promise<AmendmentResult> => {
    const c = await change(tx, actor, amendmentId, (a) => can(actor, 'assembly.manage', a), ['submitted']);
    if (!c.ok) return c;
    return done(tx, actor, c, { state: 'refused', refusalReason: input.reason, decidedAt: new Date() }, ['state', 'refusalReason']);
  });
}

/** Withdraws an amendment before it is voted on: its submitter, or the chair or staff of the unit. */
export async function withdrawAmendment(db: Db, actor: Actor, amendmentId: string): Promise<AmendmentResult> {
  return db.transaction(async (tx): Promise<AmendmentResult> => {
    const me = actorPersonId(actor);
    const c = await change(tx, actor, amendmentId, (a, by) => can(actor, 'assembly.run', a) || (me !== null && by === me), ['submitted', 'admitted']);
    if (!c.ok) return c;
    return done(tx, actor, c, { state: 'withdrawn', decidedAt: new Date() }, ['state']);
  });
}
