import { eq, sql } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { fail, type MemberFailure } from './checks.js';
import type { MemberResult } from './create-member.js';
import { loadMember } from './queries.js';
import type { StatusAction, StatusChangeInput } from './schema.js';
import { membershipEvents, memberships, type MembershipStatus } from './tables.js';

/**
 * Which status each action leads to and from which it may be taken. Reinstating also undoes a
 * death recorded by mistake; an applicant becomes a member through the approval queue, not here.
 */
export const transitions: Record<StatusAction, { from: readonly MembershipStatus[]; to: MembershipStatus }> = {
  resign: { from: ['active'], to: 'resigned' },
  expel: { from: ['active'], to: 'expelled' },
  deceased: { from: ['active', 'resigned', 'expelled', 'applicant'], to: 'deceased' },
  reinstate: { from: ['resigned', 'expelled', 'deceased'], to: 'active' },
};

export function allowedActions(status: MembershipStatus): StatusAction[] {
  return (Object.keys(transitions) as StatusAction[]).filter((a) => transitions[a].from.includes(status));
}

export type StatusFailure = MemberFailure | { ok: false; reason: 'date_before_status'; field: 'onDate' };

/** Resigns, expels, records a death or reinstates: the status, its date, a history line and an audit event. */
export async function changeMembershipStatus(db: Db, actor: Actor, personId: string, input: StatusChangeInput): Promise<MemberResult | StatusFailure> {
  return db.transaction(async (tx): Promise<MemberResult | StatusFailure> => {
    const [membership] = await tx.select().from(memberships).where(eq(memberships.personId, personId)).for('update');
    if (!membership) return fail('not_found', 'id');
    const rule = transitions[input.action];
    if (!rule.from.includes(membership.status)) return fail('invalid_transition', 'action');
    // History reads in date order: a change cannot take effect before the status it ends began.
    if (input.onDate < membership.statusSince) return { ok: false, reason: 'date_before_status', field: 'onDate' };
    const fields = ['status', 'statusSince'];
    const joinedOn = rule.to === 'active' && !membership.joinedOn ? input.onDate : undefined;
    if (joinedOn) fields.push('joinedOn');
    await tx
      .update(memberships)
      .set({ status: rule.to, statusSince: input.onDate, ...(joinedOn ? { joinedOn } : {}), updatedAt: sql`now()` })
      .where(eq(memberships.id, membership.id));
    await tx.insert(membershipEvents).values({
      membershipId: membership.id,
      onDate: input.onDate,
      status: rule.to,
      typeId: membership.typeId,
      unitId: membership.unitId,
      reason: input.reason ?? null,
      actorPersonId: actorPersonId(actor),
    });
    await audit(tx, actor, { action: 'update', entityType: 'membership', entityId: membership.id, fields: input.reason ? [...fields, 'reason'] : fields });
    return { ok: true, member: (await loadMember(tx, personId))! };
  });
}
