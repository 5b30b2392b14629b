import { asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { audit, changedFields } from '../../platform/audit/audit.js';
import { forget, memo } from '../../platform/cache.js';
import type { Db } from '../../platform/db/database.js';
import { uniqueViolation } from '../../platform/db/sql.js';
import type { MembershipTypeChange, MembershipTypeInput } from './schema.js';
import { memberships, membershipTypes } from './tables.js';

export type MembershipType = Pick<typeof membershipTypes.$inferSelect, 'id' | 'code' | 'name' | 'position' | 'active'>;

const CACHE_KEY = 'membership-types';

export async function listMembershipTypes(db: Db): Promise<MembershipType[]> {
  return db
    .select({ id: membershipTypes.id, code: membershipTypes.code, name: membershipTypes.name, position: membershipTypes.position, active: membershipTypes.active })
    .from(membershipTypes)
    .orderBy(asc(membershipTypes.position), asc(membershipTypes.name));
}

/** For forms and filters on every list page; forgotten whenever a type changes. */
export function listMembershipTypesCached(db: Db): Promise<MembershipType[]> {
  return memo(db, CACHE_KEY, 5_000, () => listMembershipTypes(db));
}

export type MembershipTypeResult = { ok: true; type: MembershipType } | { ok: false; reason: 'code_taken' | 'not_found'; field: string };

export async function createMembershipType(db: Db, actor: Actor, input: MembershipTypeInput): Promise<MembershipTypeResult> {
  try {
    const result = await db.transaction(async (tx): Promise<MembershipTypeResult> => {
      const [taken] = await tx.select({ id: membershipTypes.id }).from(membershipTypes).where(eq(membershipTypes.code, input.code));
      if (taken) return { ok: false, reason: 'code_taken', field: 'code' };
      const [row] = await tx
        .insert(membershipTypes)
        .values({ code: input.code, name: input.name, position: input.position ?? 0 })
        .returning({ id: membershipTypes.id, code: membershipTypes.code, name: membershipTypes.name, position: membershipTypes.position, active: membershipTypes.active });
      await audit(tx, actor, { action: 'create', entityType: 'membership_type', entityId: row.id, fields: ['code', 'name', 'position'] });
      return { ok: true, type: row };
    });
    forget(CACHE_KEY);
    return result;
  } catch (err) {
    if (uniqueViolation(err) !== null) return { ok: false, reason: 'code_taken', field: 'code' };
    throw err;
  }
}

/**
 * Renames, reorders or (de)activates a type; what is left out stays (the API's PATCH). Its code
 * stays: imports and integrations refer to it.
 */
export async function updateMembershipType(db: Db, actor: Actor, id: string, input: MembershipTypeChange): Promise<MembershipTypeResult> {
  const result = await db.transaction(async (tx): Promise<MembershipTypeResult> => {
    const [before] = await tx.select().from(membershipTypes).where(eq(membershipTypes.id, id)).for('update');
    if (!before) return { ok: false, reason: 'not_found', field: 'id' };
    const patch = { name: input.name ?? before.name, position: input.position ?? before.position, active: input.active ?? before.active };
    const fields = changedFields(before as unknown as Record<string, unknown>, patch);
    if (fields.length > 0) {
      await tx.update(membershipTypes).set(patch).where(eq(membershipTypes.id, id));
      await audit(tx, actor, { action: 'update', entityType: 'membership_type', entityId: id, fields });
    }
    const [row] = await tx
      .select({ id: membershipTypes.id, code: membershipTypes.code, name: membershipTypes.name, position: membershipTypes.position, active: membershipTypes.active })
      .from(membershipTypes)
      .where(eq(membershipTypes.id, id));
    return { ok: true, type: row };
  });
  forget(CACHE_KEY);
  return result;
}

/** How many memberships hold each type, so the page can say what deactivating means. */
export async function membershipTypeUsage(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: memberships.typeId, n: sql<number>`count(*)::int` })
    .from(memberships)
    .groupBy(memberships.typeId);
  return new Map(rows.map((r) => [r.id, r.n]));
}
