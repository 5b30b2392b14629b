import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/database.js';
import type { Actor } from '../platform/actor.js';
import { audit, changedFields } from '../platform/audit/audit.js';
import { units, type UnitKind } from './tables.js';
import { forget, memo } from '../platform/cache.js';
import type { UnitInput, UnitOutput, UnitPatch } from './schema.js';

export type Unit = UnitOutput;

/** The whole tree in display order (depth-first, by position then name), with each unit's depth. */
export async function listUnits(db: Db): Promise<Unit[]> {
  const rows = await db.select().from(units).orderBy(asc(units.position), asc(units.name));
  const byParent = new Map<string | null, typeof rows>();
  for (const r of rows) {
    const list = byParent.get(r.parentId) ?? [];
    list.push(r);
    byParent.set(r.parentId, list);
  }
  const out: Unit[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const r of byParent.get(parentId) ?? []) {
      out.push({ id: r.id, parentId: r.parentId, kind: r.kind, name: r.name, shortName: r.shortName, email: r.email, phone: r.phone, address: r.address, position: r.position, depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The tree for pages that only show it (the front page, menus); forgotten whenever a unit changes. */
export function listUnitsCached(db: Db): Promise<Unit[]> {
  return memo(db, 'units', 5_000, () => listUnits(db));
}

export async function getUnit(db: Db, id: string): Promise<Unit | undefined> {
  return (await listUnits(db)).find((u) => u.id === id);
}

export type UnitFailure =
  | { ok: false; reason: 'parent_not_found' | 'national_exists' | 'national_has_parent' | 'wrong_parent_kind' | 'cycle' | 'has_children' | 'in_use' | 'not_found' ; field: string };
export type UnitResult = { ok: true; unit: Unit } | UnitFailure;

/** Drops the cached tree once a change has committed. */
async function afterChange<T>(change: Promise<T>): Promise<T> {
  const result = await change;
  forget('units');
  return result;
}

const allowedParents: Record<UnitKind, (UnitKind | null)[]> = {
  national: [null],
  district: ['national'],
  section: ['national', 'district'],
};

async function checkPlacement(db: Db, kind: UnitKind, parentId: string | null, selfId: string | null): Promise<UnitFailure | null> {
  if (kind === 'national') {
    if (parentId) return { ok: false, reason: 'national_has_parent', field: 'parentId' };
    const [other] = await db.select({ id: units.id }).from(units).where(eq(units.kind, 'national'));
    if (other && other.id !== selfId) return { ok: false, reason: 'national_exists', field: 'kind' };
    return null;
  }
  if (!parentId) return { ok: false, reason: 'wrong_parent_kind', field: 'parentId' };
  const [parent] = await db.select().from(units).where(eq(units.id, parentId));
  if (!parent) return { ok: false, reason: 'parent_not_found', field: 'parentId' };
  if (!allowedParents[kind].includes(parent.kind)) return { ok: false, reason: 'wrong_parent_kind', field: 'parentId' };
  if (selfId) {
    const found = await queryRows(db, sql`
      with recursive up(id, parent_id) as (
        select id, parent_id from units where id = ${parentId}
        union select u.id, u.parent_id from units u join up on u.id = up.parent_id)
      select 1 from up where id = ${selfId} limit 1`);
    if (found.length > 0) return { ok: false, reason: 'cycle', field: 'parentId' };
  }
  return null;
}

export async function createUnit(db: Db, actor: Actor, input: UnitInput): Promise<UnitResult> {
  return afterChange(db.transaction(async (tx) => {
    const parentId = input.parentId ?? null;
    const problem = await checkPlacement(tx, input.kind, parentId, null);
    if (problem) return problem;
    const [row] = await tx
      .insert(units)
      .values({
        kind: input.kind,
        name: input.name,
        parentId,
        shortName: input.shortName ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        address: input.address ?? null,
        position: input.position ?? 0,
      })
      .returning({ id: units.id });
    await audit(tx, actor, { action: 'create', entityType: 'unit', entityId: row.id });
    return { ok: true as const, unit: (await getUnit(tx, row.id))! };
  }));
}

export async function updateUnit(db: Db, actor: Actor, id: string, patch: UnitPatch): Promise<UnitResult> {
  return afterChange(db.transaction(async (tx) => {
    const [before] = await tx.select().from(units).where(eq(units.id, id)).for('update');
    if (!before) return { ok: false as const, reason: 'not_found' as const, field: 'id' };
    const kind = patch.kind ?? before.kind;
    const parentId = patch.parentId === undefined ? before.parentId : patch.parentId;
    if (patch.kind !== undefined || patch.parentId !== undefined) {
      const problem = await checkPlacement(tx, kind, parentId, id);
      if (problem) return problem;
    }
    const fields = changedFields(before as unknown as Record<string, unknown>, patch as Record<string, unknown>);
    if (fields.length > 0) {
      await tx
        .update(units)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(units.id, id));
      await audit(tx, actor, { action: 'update', entityType: 'unit', entityId: id, fields });
    }
    return { ok: true as const, unit: (await getUnit(tx, id))! };
  }));
}

export async function deleteUnit(db: Db, actor: Actor, id: string): Promise<{ ok: true } | UnitFailure> {
  try {
    return await afterChange(db.transaction(async (tx) => {
      const [child] = await tx.select({ id: units.id }).from(units).where(eq(units.parentId, id)).limit(1);
      if (child) return { ok: false as const, reason: 'has_children' as const, field: 'id' };
      const gone = await tx.delete(units).where(eq(units.id, id)).returning({ id: units.id });
      if (gone.length === 0) return { ok: false as const, reason: 'not_found' as const, field: 'id' };
      await audit(tx, actor, { action: 'delete', entityType: 'unit', entityId: id });
      return { ok: true as const };
    }));
  } catch (err) {
    // Roles, members and tokens point at units with ON DELETE RESTRICT: the database has the last word.
    // PGlite reports the RESTRICT action as 23001 (restrict_violation), PostgreSQL 15 as 23503.
    const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (code === '23503' || code === '23001') {
      return { ok: false, reason: 'in_use', field: 'id' };
    }
    throw err;
  }
}

/** The unit and every unit below it, as a parenthesised subquery (`x in ${unitAndBelowSql(id)}`). */
export function unitAndBelowSql(unitId: string): SQL {
  return sql`(with recursive down(id) as (select ${unitId}::uuid union select u.id from units u join down d on u.parent_id = d.id) select id from down)`;
}
