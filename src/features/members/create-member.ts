import type { Actor } from '../../platform/actor.js';
import { actorPersonId } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { firstFailure, memberProblems, nextMemberNumber, uniqueFailure, type MemberFailure } from './checks.js';
import { loadMember, type MemberRow } from './queries.js';
import { today, type MemberInput } from './schema.js';
import { membershipEvents, memberships, membershipSections } from './tables.js';
import { persons } from '../../kernel/tables.js';

export type MemberResult = { ok: true; member: MemberRow } | MemberFailure;

/** The names of the fields a person was given, for the audit trail (never their values). */
function givenFields(values: Record<string, unknown>): string[] {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))
    .map(([k]) => k);
}

/**
 * Registers a person with a membership: active (joined today unless told otherwise) or an applicant
 * for the approval queue. Person, membership, sections, the first history entry and the audit
 * events are written together or not at all.
 */
export async function createMember(db: Db, actor: Actor, input: MemberInput): Promise<MemberResult> {
  try {
    return await db.transaction(async (tx): Promise<MemberResult> => {
      const problem = firstFailure(await memberProblems(tx, actor, input));
      if (problem) return problem;

      const status = input.status ?? 'active';
      const joinedOn = input.joinedOn ?? (status === 'active' ? today() : null);
      const statusSince = status === 'active' ? joinedOn! : today();
      const personValues = {
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email ?? null,
        extraEmails: input.extraEmails ?? [],
        phone: input.phone ?? null,
        addressLine: input.addressLine ?? null,
        postalCode: input.postalCode ?? null,
        city: input.city ?? null,
        country: input.country ?? 'DK',
        dateOfBirth: input.dateOfBirth ?? null,
        preferredLocale: input.preferredLocale ?? null,
      };
      const [person] = await tx.insert(persons).values(personValues).returning({ id: persons.id });
      const memberNumber = input.memberNumber ?? (await nextMemberNumber(tx));
      const [membership] = await tx
        .insert(memberships)
        .values({
          personId: person.id,
          memberNumber,
          typeId: input.typeId,
          unitId: input.unitId,
          status,
          statusSince,
          joinedOn,
          // Staff took the address from the person themselves, so an applicant they register goes
          // straight to the approval queue instead of waiting for an e-mail confirmation.
          emailConfirmedAt: status === 'applicant' ? new Date() : null,
        })
        .returning({ id: memberships.id });
      const sections = [...new Set(input.sections ?? [])];
      if (sections.length > 0) await tx.insert(membershipSections).values(sections.map((unitId) => ({ membershipId: membership.id, unitId })));
      await tx.insert(membershipEvents).values({
        membershipId: membership.id,
        onDate: statusSince,
        status,
        typeId: input.typeId,
        unitId: input.unitId,
        actorPersonId: actorPersonId(actor),
      });
      await audit(tx, actor, { action: 'create', entityType: 'person', entityId: person.id, fields: givenFields(personValues) });
      await audit(tx, actor, {
        action: 'create',
        entityType: 'membership',
        entityId: membership.id,
        fields: givenFields({ memberNumber, typeId: input.typeId, unitId: input.unitId, status, statusSince, joinedOn, sections }),
      });
      return { ok: true, member: (await loadMember(tx, person.id))! };
    });
  } catch (err) {
    // Two requests with the same address or number at once: the database's unique index decides.
    const failure = uniqueFailure(err);
    if (failure) return failure;
    throw err;
  }
}
