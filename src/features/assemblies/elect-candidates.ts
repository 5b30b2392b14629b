import { sql } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { forbidden, invalidInput, notFound, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { assemblyFor, type AssemblyRow } from './access.js';
import { wrongStatus, type WrongStatus } from './assemblies.js';
import { electionFailure, type ElectionFailure } from './elect-answers.js';
import { electionFor, findElection, loadElection, type CandidateView, type ElectionRow, type ElectionView } from './elect-queries.js';
import type { CandidateInput } from './elect-schema.js';
import { notifyAssembly } from './live.js';
import { can } from './policy.js';

/*
 * Candidates: members of the roll nominated by themselves (standing at once) or by another member of
 * the roll or the office (standing once they accept). Nominations close when the election starts;
 * until then a candidate may withdraw and a nominee may decline, and either leaves no candidacy behind.
 */

export type NominateResult =
  | { ok: true; candidate: CandidateView; election: ElectionView }
  | Refusal
  | Invalid
  | WrongStatus
  | ElectionFailure<'election_closed' | 'already_candidate'>;

/** Nominations are taken from the notice on, while the assembly is before its close. */
const nominationsOpen = (a: AssemblyRow) => a.status === 'notice_sent' || a.status === 'in_session';

/**
 * Nominates a member of the roll (`personId`) in an election of this assembly. The nominator is the
 * nominee (accepted at once), another member of the roll, the chair, or staff of the unit.
 */
export async function nominate(db: Db, actor: Actor, assemblyId: string, input: CandidateInput): Promise<NominateResult> {
  return db.transaction(async (tx): Promise<NominateResult> => {
    const found = await assemblyFor(tx, actor, assemblyId, 'assembly.view');
    if (!found.ok) return found;
    const a = found.assembly;
    if (!can(actor, 'assembly.manage', a) && !can(actor, 'assembly.run', a) && !can(actor, 'assembly.participate', a)) return forbidden;
    const e = await findElection(tx, input.electionId, { lock: true });
    if (!e || e.assemblyId !== assemblyId) return invalidInput({ path: 'electionId', code: 'election.unknown' });
    if (!nominationsOpen(a)) return wrongStatus(a.status);
    if (e.status !== 'nominating') return electionFailure('election_closed');
    const [onRoll] = await queryRows<{ one: number }>(tx, sql`select 1 as one from assembly_roll where assembly_id = ${assemblyId} and person_id = ${input.personId}`);
    if (!onRoll) return invalidInput({ path: 'personId', code: 'election.not_eligible' });
    const [already] = await queryRows<{ id: string }>(tx, sql`select id from candidates where election_id = ${e.id} and person_id = ${input.personId}`);
    if (already) return electionFailure('already_candidate');
    const me = actorPersonId(actor);
    const self = me === input.personId;
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`insert into candidates (election_id, person_id, nominated_by, accepted_at, presentation)
          values (${e.id}, ${input.personId}, ${me}, ${self ? sql`now()` : sql`null`}, ${input.presentation}) returning id`,
    );
    await audit(tx, actor, { action: 'create', entityType: 'candidate', entityId: row.id, fields: ['electionId', 'personId', ...(input.presentation ? ['presentation'] : [])] });
    await notifyAssembly(tx, assemblyId, 'election');
    const election = (await loadElection(tx, actor, a, e.id))!;
    return { ok: true, candidate: election.candidates.find((c) => c.id === row.id)!, election };
  });
}

type CandidateRow = { id: string; electionId: string; personId: string; acceptedAt: Date | null };

/** The candidate, its election (locked) and assembly, if the actor sees the assembly. */
async function candidateFor(tx: Db, actor: Actor, candidateId: string): Promise<{ ok: true; c: CandidateRow; e: ElectionRow; a: AssemblyRow } | Refusal> {
  if (!/^[0-9a-f-]{36}$/i.test(candidateId)) return notFound;
  const [c] = await queryRows<CandidateRow>(tx, sql`select id, election_id as "electionId", person_id as "personId", accepted_at as "acceptedAt" from candidates where id = ${candidateId}`);
  if (!c) return notFound;
  const found = await electionFor(tx, actor, c.electionId, 'assembly.view', { lock: true });
  if (!found.ok) return found;
  return { ok: true, c, e: found.election, a: found.assembly };
}

export type CandidacyResult = { ok: true; election: ElectionView } | Refusal | Invalid | ElectionFailure<'election_closed' | 'not_nominee' | 'not_candidate'>;

/** The nominee accepts (and may write or change their presentation); accepting again changes nothing else. */
export async function acceptNomination(db: Db, actor: Actor, candidateId: string, input: { presentation?: string | null } = {}): Promise<CandidacyResult> {
  return db.transaction(async (tx): Promise<CandidacyResult> => {
    const found = await candidateFor(tx, actor, candidateId);
    if (!found.ok) return found;
    const { c, e, a } = found;
    if (actorPersonId(actor) !== c.personId) return electionFailure('not_nominee');
    if (e.status !== 'nominating') return electionFailure('election_closed');
    const presentation = input.presentation ?? null;
    await tx.execute(sql`update candidates set accepted_at = coalesce(accepted_at, now()), presentation = coalesce(${presentation}, presentation) where id = ${c.id}`);
    await audit(tx, actor, { action: 'update', entityType: 'candidate', entityId: c.id, fields: ['acceptedAt', ...(presentation ? ['presentation'] : [])] });
    await notifyAssembly(tx, e.assemblyId, 'election');
    return { ok: true, election: (await loadElection(tx, actor, a, e.id))! };
  });
}

/** Ends a candidacy before the election starts: the row goes, so the member may be nominated again later. */
async function endCandidacy(db: Db, actor: Actor, candidateId: string, may: (me: string | null, c: CandidateRow, a: AssemblyRow) => ElectionFailure<'not_nominee' | 'not_candidate'> | null): Promise<CandidacyResult> {
  return db.transaction(async (tx): Promise<CandidacyResult> => {
    const found = await candidateFor(tx, actor, candidateId);
    if (!found.ok) return found;
    const { c, e, a } = found;
    const refused = may(actorPersonId(actor), c, a);
    if (refused) return refused;
    if (e.status !== 'nominating') return electionFailure('election_closed');
    await tx.execute(sql`delete from candidates where id = ${c.id}`);
    await audit(tx, actor, { action: 'delete', entityType: 'candidate', entityId: c.id });
    await notifyAssembly(tx, e.assemblyId, 'election');
    return { ok: true, election: (await loadElection(tx, actor, a, e.id))! };
  });
}

/** The nominee declines a nomination by someone else. */
export async function declineNomination(db: Db, actor: Actor, candidateId: string): Promise<CandidacyResult> {
  return endCandidacy(db, actor, candidateId, (me, c) => (me === c.personId ? null : electionFailure('not_nominee')));
}

/** A candidate withdraws before the poll; the chair or staff may take a candidacy off too (told so in the hall). */
export async function withdrawCandidate(db: Db, actor: Actor, candidateId: string): Promise<CandidacyResult> {
  return endCandidacy(db, actor, candidateId, (me, c, a) => (me === c.personId || can(actor, 'assembly.run', a) ? null : electionFailure('not_candidate')));
}
