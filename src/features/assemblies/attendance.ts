import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import type { Refusal } from '../../platform/outcomes.js';
import { assemblyFor } from './access.js';
import { wrongStatus, type WrongStatus } from './assemblies.js';
import { notifyAssembly } from './live.js';
import { fail, type HallDataFailure } from './poll-answers.js';
import { isPresentSql, quorumState, type QuorumState } from './presence.js';
import type { AssemblyStatus } from './tables.js';

/*
 * The door: staff or the chair check members of the roll in and out. Who counts as present (also
 * through the event's check-in) is presence.ts.
 */

export { presentPersonIdsSql, isPresentSql, voterIdsSql, quorumState, quorumNeeded, type QuorumState, type QuorumNeed } from './presence.js';

/** The door is open from the notice until the assembly closes. */
const doorOpen = (status: AssemblyStatus) => status === 'notice_sent' || status === 'in_session';

export type AttendanceResult = { ok: true; memberId: string; present: boolean; lapsedProxies: number; quorum: QuorumState } | Refusal | WrongStatus | HallDataFailure<'not_on_roll' | 'not_checked_in'>;

/**
 * Checks a member in at the door (staff or the chair). Only members on the roll get a vote; anyone
 * else is refused with the rule, and nothing is written. A member checked out earlier comes back.
 * A proxy the member gave lapses at once: their own presence wins, and the holder is told by the
 * proxy disappearing from their list (a proxy is never used for someone in the hall).
 */
export async function checkInMember(db: Db, actor: Actor, assemblyId: string, input: { memberId: string }): Promise<AttendanceResult> {
  return db.transaction(async (tx): Promise<AttendanceResult> => {
    // The assembly row's lock puts check-ins and proxy recordings in one line, so "giver present"
    // and "proxy recorded" can never both become true at once.
    const found = await assemblyFor(tx, actor, assemblyId, 'assembly.run', { lock: true });
    if (!found.ok) return found;
    if (!doorOpen(found.assembly.status)) return wrongStatus(found.assembly.status);
    const [onRoll] = await queryRows<{ one: number }>(tx, sql`select 1 as one from assembly_roll where assembly_id = ${assemblyId} and person_id = ${input.memberId}`);
    if (!onRoll) return fail('not_on_roll');
    const me = actor.kind === 'person' ? actor.personId : null;
    const changed = await queryRows<{ one: number }>(
      tx,
      sql`insert into assembly_attendance (assembly_id, person_id, checked_in_by) values (${assemblyId}, ${input.memberId}, ${me})
          on conflict (assembly_id, person_id) do update set checked_in_at = now(), checked_out_at = null, checked_in_by = excluded.checked_in_by
            where assembly_attendance.checked_out_at is not null
          returning 1 as one`,
    );
    const lapsed = await queryRows<{ id: string }>(tx, sql`delete from assembly_proxies where assembly_id = ${assemblyId} and giver_person_id = ${input.memberId} returning id`);
    if (changed.length > 0) {
      await audit(tx, actor, { action: 'create', entityType: 'assembly_attendance', entityId: `${assemblyId}:${input.memberId}`, fields: ['checkedInAt'] });
      for (const p of lapsed) await audit(tx, actor, { action: 'delete', entityType: 'assembly_proxy', entityId: p.id });
      await notifyAssembly(tx, assemblyId, 'attendance');
    }
    return { ok: true, memberId: input.memberId, present: true, lapsedProxies: lapsed.length, quorum: await quorumState(tx, assemblyId) };
  });
}

/**
 * Checks a member out (they left the hall): they no longer vote or count towards the quorum. It also
 * overrides the event's check-in, which has no way out of its own.
 */
export async function checkOutMember(db: Db, actor: Actor, assemblyId: string, input: { memberId: string }): Promise<AttendanceResult> {
  return db.transaction(async (tx): Promise<AttendanceResult> => {
    const found = await assemblyFor(tx, actor, assemblyId, 'assembly.run', { lock: true });
    if (!found.ok) return found;
    if (!doorOpen(found.assembly.status)) return wrongStatus(found.assembly.status);
    const [here] = await queryRows<{ here: boolean }>(tx, sql`select ${isPresentSql(assemblyId, input.memberId)} as here`);
    if (!here?.here) return fail('not_checked_in');
    const me = actor.kind === 'person' ? actor.personId : null;
    // An upsert: a member present only through the event's check-in gets a row saying they left.
    await tx.execute(
      sql`insert into assembly_attendance (assembly_id, person_id, checked_in_by, checked_out_at) values (${assemblyId}, ${input.memberId}, ${me}, now())
          on conflict (assembly_id, person_id) do update set checked_out_at = now()`,
    );
    await audit(tx, actor, { action: 'update', entityType: 'assembly_attendance', entityId: `${assemblyId}:${input.memberId}`, fields: ['checkedOutAt'] });
    await notifyAssembly(tx, assemblyId, 'attendance');
    return { ok: true, memberId: input.memberId, present: false, lapsedProxies: 0, quorum: await quorumState(tx, assemblyId) };
  });
}
