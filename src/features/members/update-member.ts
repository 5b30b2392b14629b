import { and, eq, inArray, sql } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { fail, firstFailure, memberProblems, uniqueFailure } from './checks.js';
import type { MemberResult } from './create-member.js';
import { loadMember } from './queries.js';
import { today, type MemberPatch } from './schema.js';
import { membershipEvents, memberships, membershipSections } from './tables.js';
import { persons } from '../../kernel/tables.js';

const personKeys = ['firstName', 'lastName', 'email', 'extraEmails', 'phone', 'addressLine', 'postalCode', 'city', 'country', 'dateOfBirth', 'preferredLocale'] as const;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Changes a member's details. Only what differs is written and audited (by field name); a new type
 * or district is also a line in the membership's history. A blank member number keeps the number.
 */
export async function updateMember(db: Db, actor: Actor, personId: string, patch: MemberPatch): Promise<MemberResult> {
  try {
    return await db.transaction(async (tx): Promise<MemberResult> => {
      const [person] = await tx.select().from(persons).where(eq(persons.id, personId)).for('update');
      const [membership] = await tx.select().from(memberships).where(eq(memberships.personId, personId)).for('update');
      if (!person || !membership) return fail('not_found', 'id');

      const unitChanged = patch.unitId !== undefined && patch.unitId !== membership.unitId;
      const typeChanged = patch.typeId !== undefined && patch.typeId !== membership.typeId;
      const current = { personId, typeId: membership.typeId, unitId: membership.unitId, memberNumber: membership.memberNumber };
      const problem = firstFailure(await memberProblems(tx, actor, patch, current));
      if (problem) return problem;

      const personChanges: Partial<typeof persons.$inferInsert> = {};
      for (const key of personKeys) {
        const value = patch[key];
        if (value === undefined || same(value, person[key])) continue;
        // Names and the country are required: a patch cannot blank them.
        if (value === null && (key === 'firstName' || key === 'lastName' || key === 'country' || key === 'extraEmails')) continue;
        (personChanges as Record<string, unknown>)[key] = value;
      }

      const membershipChanges: Partial<typeof memberships.$inferInsert> = {};
      if (unitChanged) membershipChanges.unitId = patch.unitId;
      if (typeChanged) membershipChanges.typeId = patch.typeId;
      if (patch.memberNumber && patch.memberNumber !== membership.memberNumber) membershipChanges.memberNumber = patch.memberNumber;
      if (patch.joinedOn !== undefined && patch.joinedOn !== membership.joinedOn) membershipChanges.joinedOn = patch.joinedOn;

      const membershipFields: string[] = Object.keys(membershipChanges);
      if (patch.sections !== undefined) {
        const before = (await tx.select({ unitId: membershipSections.unitId }).from(membershipSections).where(eq(membershipSections.membershipId, membership.id))).map((s) => s.unitId);
        const wanted = [...new Set(patch.sections)];
        const removed = before.filter((u) => !wanted.includes(u));
        const added = wanted.filter((u) => !before.includes(u));
        if (removed.length > 0) await tx.delete(membershipSections).where(and(eq(membershipSections.membershipId, membership.id), inArray(membershipSections.unitId, removed)));
        if (added.length > 0) await tx.insert(membershipSections).values(added.map((unitId) => ({ membershipId: membership.id, unitId })));
        if (removed.length > 0 || added.length > 0) membershipFields.push('sections');
      }

      const personFields = Object.keys(personChanges);
      if (personFields.length > 0) {
        await tx.update(persons).set({ ...personChanges, updatedAt: sql`now()` }).where(eq(persons.id, personId));
        await audit(tx, actor, { action: 'update', entityType: 'person', entityId: personId, fields: personFields });
      }
      if (Object.keys(membershipChanges).length > 0) {
        await tx.update(memberships).set({ ...membershipChanges, updatedAt: sql`now()` }).where(eq(memberships.id, membership.id));
      }
      if (unitChanged || typeChanged) {
        await tx.insert(membershipEvents).values({
          membershipId: membership.id,
          onDate: today(),
          status: membership.status,
          typeId: patch.typeId ?? membership.typeId,
          unitId: patch.unitId ?? membership.unitId,
          actorPersonId: actorPersonId(actor),
        });
      }
      if (membershipFields.length > 0) await audit(tx, actor, { action: 'update', entityType: 'membership', entityId: membership.id, fields: membershipFields });
      return { ok: true, member: (await loadMember(tx, personId))! };
    });
  } catch (err) {
    const failure = uniqueFailure(err);
    if (failure) return failure;
    throw err;
  }
}
