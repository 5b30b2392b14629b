import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit, changedFields } from '../../platform/audit/audit.js';
import { getUnit } from '../../kernel/units.js';
import { canMemberCompany, findMemberCompany } from '../member-companies/index.js';
import { workplaces } from '../../kernel/tables.js';
import { can } from './policy.js';
import { workplaceFor } from './detail.js';
import { type Refusal } from '../../platform/outcomes.js';
import { uniqueViolation } from '../../platform/db/sql.js';
import type { WorkplaceInput } from './schema.js';

export type Workplace = typeof workplaces.$inferSelect;

export type WorkplaceFailure = { ok: false; reason: 'p_number_taken' | 'unit_not_found' | 'unit_not_allowed' | 'member_company_not_found'; field: keyof WorkplaceInput };
export type WorkplaceResult = { ok: true; workplace: Workplace } | WorkplaceFailure | Refusal;

const fail = (reason: WorkplaceFailure['reason'], field: keyof WorkplaceInput): WorkplaceFailure => ({ ok: false, reason, field });

/** The rules a workplace's data must meet beyond its shape: a real unit the actor works in, a real member company, a free P-number. */
async function check(tx: Db, actor: Actor, input: WorkplaceInput, selfId?: string): Promise<WorkplaceFailure | null> {
  if (!(await getUnit(tx, input.unitId))) return fail('unit_not_found', 'unitId');
  if (!can(actor, 'workplace.create', { id: selfId ?? '', unitId: input.unitId })) return fail('unit_not_allowed', 'unitId');
  if (input.memberCompanyId) {
    // A company the actor may not see is as unknown to them as one that does not exist.
    const company = await findMemberCompany(tx, input.memberCompanyId);
    if (!company || !canMemberCompany(actor, 'company.view', company)) return fail('member_company_not_found', 'memberCompanyId');
  }
  if (input.pNumber) {
    const same = and(eq(workplaces.pNumber, input.pNumber), selfId ? ne(workplaces.id, selfId) : undefined);
    const [taken] = await tx.select({ id: workplaces.id }).from(workplaces).where(same);
    if (taken) return fail('p_number_taken', 'pNumber');
  }
  return null;
}

/** Two people saving the same P-number at once: the loser of the race gets the same answer as if it had been taken before. */
async function guarded(run: () => Promise<WorkplaceResult>): Promise<WorkplaceResult> {
  try {
    return await run();
  } catch (err) {
    if (uniqueViolation(err) === 'workplaces_p_number_unique') return fail('p_number_taken', 'pNumber');
    throw err;
  }
}

export async function createWorkplace(db: Db, actor: Actor, input: WorkplaceInput): Promise<WorkplaceResult> {
  return guarded(() =>
    db.transaction(async (tx): Promise<WorkplaceResult> => {
      const failure = await check(tx, actor, input);
      if (failure) return failure;
      const [workplace] = await tx.insert(workplaces).values(input).returning();
      await audit(tx, actor, { action: 'create', entityType: 'workplace', entityId: workplace.id, fields: Object.keys(input).filter((k) => input[k as keyof WorkplaceInput] !== null) });
      return { ok: true, workplace };
    }),
  );
}

export async function updateWorkplace(db: Db, actor: Actor, id: string, input: WorkplaceInput): Promise<WorkplaceResult> {
  return guarded(() =>
    db.transaction(async (tx): Promise<WorkplaceResult> => {
      const found = await workplaceFor(tx, actor, id, 'workplace.edit');
      if (!found.ok) return found;
      const failure = await check(tx, actor, input, id);
      if (failure) return failure;
      const [before] = await tx.select().from(workplaces).where(eq(workplaces.id, id)).for('update');
      const fields = changedFields(before as unknown as Record<string, unknown>, input as Record<string, unknown>);
      if (fields.length === 0) return { ok: true, workplace: before };
      const [workplace] = await tx
        .update(workplaces)
        .set({ ...input, updatedAt: sql`now()` })
        .where(eq(workplaces.id, id))
        .returning();
      await audit(tx, actor, { action: 'update', entityType: 'workplace', entityId: id, fields });
      return { ok: true, workplace };
    }),
  );
}

export async function getWorkplace(db: Db, actor: Actor, id: string): Promise<{ ok: true; workplace: Workplace } | Refusal> {
  const found = await workplaceFor(db, actor, id, 'workplace.view');
  if (!found.ok) return found;
  const [workplace] = await db.select().from(workplaces).where(eq(workplaces.id, id));
  return { ok: true, workplace };
}
