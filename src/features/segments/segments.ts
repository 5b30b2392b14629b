import { eq, sql, type SQL } from 'drizzle-orm';
import { actorPersonId, grantsOf, hasRole, isAdmin, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { segments } from './tables.js';
import { findSegment, invalid, loadSegmentFor, type Segment, type SegmentInvalid } from './access.js';
import { forbidden, type FieldProblem, type Refusal } from '../../platform/outcomes.js';
import { filterProblems, unitProblem } from './validate.js';
import type { SegmentInput, SegmentPatch } from './schema.js';

export type SegmentResult = { ok: true; segment: Segment } | Refusal | SegmentInvalid;
export type DeleteResult = { ok: true } | Refusal | { ok: false; reason: 'in_use' };

/**
 * The unit a segment belongs to when its author names none: the one unit they are staff of, or the
 * whole organisation (the national unit) for an admin or an organisation-wide grant.
 */
async function defaultUnit(db: Db, actor: Actor): Promise<string | null> {
  const staff = grantsOf(actor).filter((g) => g.role === 'staff');
  if (isAdmin(actor) || staff.some((g) => g.scope === 'all')) {
    const [root] = await queryRows<{ id: string }>(db, sql`select id from units where kind = 'national' limit 1`);
    return root?.id ?? null;
  }
  const units = new Set(staff.map((g) => g.unitId).filter((u): u is string => u !== null));
  return units.size === 1 ? [...units][0] : null;
}

async function problemsOf(db: Db, actor: Actor, unitId: string | null, filter: SegmentInput['filter'] | undefined, checkUnit: boolean): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (checkUnit) {
    const unit = unitId === null ? { path: 'unitId', code: 'validation.required' } : await unitProblem(db, actor, unitId);
    if (unit) problems.push(unit);
  }
  if (filter) problems.push(...(await filterProblems(db, actor, filter)));
  return problems;
}

/** Saves a filter as a segment of a unit the author reaches as staff; every id in it must be one they can see. */
export async function createSegment(db: Db, actor: Actor, input: SegmentInput): Promise<SegmentResult> {
  if (!hasRole(actor, 'staff')) return forbidden;
  return db.transaction(async (tx): Promise<SegmentResult> => {
    const unitId = input.unitId ?? (await defaultUnit(tx, actor));
    const problems = await problemsOf(tx, actor, unitId, input.filter, true);
    if (problems.length > 0 || unitId === null) return invalid(...problems);
    const [row] = await tx
      .insert(segments)
      .values({ unitId, name: input.name, filter: input.filter, createdBy: actorPersonId(actor) })
      .returning({ id: segments.id });
    await audit(tx, actor, { action: 'create', entityType: 'segment', entityId: row.id, fields: ['name', 'unitId', 'filter'] });
    return { ok: true, segment: (await findSegment(tx, row.id))! };
  });
}

/** Renames, moves (to another unit the author reaches) or replaces the filter of a segment. */
export async function updateSegment(db: Db, actor: Actor, segmentId: string, patch: SegmentPatch): Promise<SegmentResult> {
  return db.transaction(async (tx): Promise<SegmentResult> => {
    const found = await loadSegmentFor(tx, actor, segmentId, 'use', { lock: true });
    if (!found.ok) return found;
    const before = found.segment;
    const unitId = patch.unitId ?? before.unitId;
    const problems = await problemsOf(tx, actor, unitId, patch.filter, patch.unitId !== undefined && patch.unitId !== before.unitId);
    if (problems.length > 0) return invalid(...problems);
    const fields: string[] = [];
    if (patch.name !== undefined && patch.name !== before.name) fields.push('name');
    if (unitId !== before.unitId) fields.push('unitId');
    if (patch.filter !== undefined && JSON.stringify(patch.filter) !== JSON.stringify(before.filter)) fields.push('filter');
    if (fields.length === 0) return found;
    await tx
      .update(segments)
      .set({ name: patch.name ?? before.name, unitId, filter: patch.filter ?? before.filter, updatedAt: sql`now()` })
      .where(eq(segments.id, segmentId));
    await audit(tx, actor, { action: 'update', entityType: 'segment', entityId: segmentId, fields });
    return { ok: true, segment: (await findSegment(tx, segmentId))! };
  });
}

const foreignKeyViolation = (err: unknown): boolean => {
  const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  // PGlite reports the RESTRICT action as 23001, PostgreSQL as 23503.
  return code === '23503' || code === '23001';
};

/** Something in a feature built on segments that keeps a segment (a mailing sent to it). */
export interface SegmentUse {
  name: string;
  /** An SQL condition, true while the segment is used. */
  exists(segmentId: SQL): SQL;
}

const uses = new Map<string, SegmentUse>();

/**
 * Features built on segments say what keeps one; segments cannot ask them (they import segments).
 * Mailings registers "a mailing was or will be sent to it" in its index.ts.
 */
export function addSegmentUse(use: SegmentUse): void {
  uses.set(use.name, use);
}

/** Whether something keeps the segment, by the uses features registered. */
export async function segmentInUse(db: Db, segmentId: string): Promise<boolean> {
  if (uses.size === 0) return false;
  const conditions = [...uses.values()].map((u) => u.exists(sql`${segmentId}::uuid`));
  const [row] = await queryRows<{ used: boolean }>(db, sql`select (${sql.join(conditions, sql` or `)}) as used`);
  return row?.used === true;
}

/**
 * Deletes a segment no mailing uses: mailings keep the segment they were sent to. The restricting
 * foreign key of mailings.segment_id refuses to delete one in use, also when a mailing is saved at
 * the same moment.
 */
export async function deleteSegment(db: Db, actor: Actor, segmentId: string): Promise<DeleteResult> {
  try {
    return await db.transaction(async (tx): Promise<DeleteResult> => {
      const found = await loadSegmentFor(tx, actor, segmentId, 'use', { lock: true });
      if (!found.ok) return found;
      await tx.delete(segments).where(eq(segments.id, segmentId));
      await audit(tx, actor, { action: 'delete', entityType: 'segment', entityId: segmentId });
      return { ok: true };
    });
  } catch (err) {
    if (foreignKeyViolation(err)) return { ok: false, reason: 'in_use' };
    throw err;
  }
}
