import { and, eq, isNull, sql } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import type { FieldProblem, Refusal } from '../../platform/outcomes.js';
import type { WrongStatus } from './assemblies.js';
import { closedFor, motionFailure, type MotionFailure } from './motion-answers.js';
import { loadMotion, motionFor, notOnRoll, type MotionView } from './motion-queries.js';
import { memberNumberSql } from '../members/index.js';
import { motionCosigners } from './motion-tables.js';

/*
 * Co-signers: members of the roll a submitter names as signing the motion with them. A motion
 * names them at once; each confirms on their own page, and until then the motion shows them as
 * invited, not as signing.
 */

/** What is wrong with the co-signers named (`cosignerIds.N`): each on the roll, once, not the submitter. */
export async function cosignerProblems(tx: Db, assemblyId: string, submitterId: string | null, cosignerIds: readonly string[]): Promise<FieldProblem[]> {
  const off = await notOnRoll(tx, assemblyId, [...new Set(cosignerIds)]);
  const problems: FieldProblem[] = [];
  cosignerIds.forEach((id, i) => {
    const path = `cosignerIds.${i}`;
    if (id === submitterId) problems.push({ path, code: 'motion.cosigner_is_submitter' });
    else if (cosignerIds.indexOf(id) < i) problems.push({ path, code: 'motion.cosigner_twice' });
    else if (off.has(id)) problems.push({ path, code: 'motion.cosigner_not_on_roll' });
  });
  return problems;
}

/**
 * Member numbers (as a member types them on the motion form) → the people on the roll who hold
 * them, and the numbers no one on the roll holds. Only numbers of the roll are answered, so the form
 * tells no more about the register than the motion itself will.
 */
export async function rollMembersByNumber(db: Db, assemblyId: string, numbers: readonly string[]): Promise<{ ids: Map<string, string>; unknown: string[] }> {
  const wanted = [...new Set(numbers)];
  if (wanted.length === 0) return { ids: new Map(), unknown: [] };
  const rows = await queryRows<{ personId: string; memberNumber: string }>(
    db,
    sql`select r.person_id as "personId", ${memberNumberSql(sql`r.person_id`)} as "memberNumber"
        from assembly_roll r where r.assembly_id = ${assemblyId} and ${memberNumberSql(sql`r.person_id`)} in (${sql.join(
          wanted.map((n) => sql`${n}`),
          sql`, `,
        )})`,
  );
  const ids = new Map(rows.map((r) => [r.memberNumber, r.personId]));
  return { ids, unknown: wanted.filter((n) => !ids.has(n)) };
}

export type CosignResult = { ok: true; motion: MotionView } | Refusal | WrongStatus | MotionFailure<'notice_not_sent' | 'wrong_state' | 'not_cosigner'>;

/**
 * A co-signer confirms that they sign the motion, while it is before the assembly (submitted or
 * admitted). Confirming again changes nothing.
 */
export async function confirmCosignature(db: Db, actor: Actor, motionId: string): Promise<CosignResult> {
  return db.transaction(async (tx): Promise<CosignResult> => {
    const found = await motionFor(tx, actor, motionId, { lock: true });
    if (!found.ok) return found;
    const { assembly: a, motion: m } = found;
    const me = actorPersonId(actor);
    const [invited] = me ? await tx.select().from(motionCosigners).where(and(eq(motionCosigners.motionId, m.id), eq(motionCosigners.personId, me))) : [];
    if (!invited) return motionFailure('not_cosigner');
    const shut = closedFor(a);
    if (shut) return shut;
    if (m.state !== 'submitted' && m.state !== 'admitted') return motionFailure('wrong_state', { state: m.state });
    if (!invited.confirmedAt) {
      await tx
        .update(motionCosigners)
        .set({ confirmedAt: new Date() })
        .where(and(eq(motionCosigners.motionId, m.id), eq(motionCosigners.personId, me!), isNull(motionCosigners.confirmedAt)));
      await audit(tx, actor, { action: 'update', entityType: 'motion', entityId: m.id, fields: ['cosigners'] });
    }
    return { ok: true, motion: (await loadMotion(tx, actor, a, m.id))! };
  });
}
