import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { reachesUnit } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { getUnit } from '../../kernel/units.js';
import { forbidden, notFound, type Refusal } from '../../platform/outcomes.js';
import { assemblyRules, defaultAssemblyRules, type AssemblyRules } from './tables.js';
import type { RulesInput } from './schema.js';

/** The statutes' rules of a unit's assemblies; a unit that set none has the defaults. */
export async function unitRules(db: Db, unitId: string): Promise<AssemblyRules> {
  const [r] = await db.select().from(assemblyRules).where(eq(assemblyRules.unitId, unitId));
  if (!r) return { ...defaultAssemblyRules };
  const { unitId: _u, updatedAt: _t, ...rules } = r;
  return rules;
}

/** Staff of the unit set its rules; assemblies already called keep the rules they were called under. */
export async function setUnitRules(db: Db, actor: Actor, unitId: string, input: RulesInput): Promise<{ ok: true; rules: AssemblyRules } | Refusal> {
  if (!(await getUnit(db, unitId))) return notFound;
  if (!reachesUnit(actor, unitId, 'staff')) return forbidden;
  await db
    .insert(assemblyRules)
    .values({ unitId, ...input })
    .onConflictDoUpdate({ target: assemblyRules.unitId, set: { ...input, updatedAt: sql`now()` } });
  await audit(db, actor, { action: 'update', entityType: 'assembly_rules', entityId: unitId, fields: Object.keys(input) });
  return { ok: true, rules: await unitRules(db, unitId) };
}
