import { sql } from 'drizzle-orm';
import { actorPersonId, reachesUnit, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { notFound, type Refusal } from '../../platform/outcomes.js';
import { assemblyFor, assemblyIdOf, type AssemblyRow } from './access.js';
import { can, type AssemblyAction } from './policy.js';
import type { PollStatus } from './poll-tables.js';
import type { CandidateOutcome, DrawnLot, ElectionStatus } from './election-tables.js';

/** An election as the use cases see it. */
export type ElectionRow = {
  id: string;
  assemblyId: string;
  itemId: string;
  bodyId: string;
  unitId: string;
  title: string;
  seats: number;
  substitutes: number;
  termEndsOn: string;
  status: ElectionStatus;
  lots: DrawnLot[] | null;
  /** The assembly's day in its own time zone, `YYYY-MM-DD`. */
  assemblyDay: string;
};

export async function findElection(db: Db, electionId: string, opts: { lock?: boolean } = {}): Promise<ElectionRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(electionId)) return null;
  const [r] = await queryRows<ElectionRow>(
    db,
    sql`select e.id, e.assembly_id as "assemblyId", e.item_id as "itemId", e.body_id as "bodyId", b.unit_id as "unitId", e.title, e.seats, e.substitutes,
          e.term_ends_on::text as "termEndsOn", e.status, e.lots, ((a.starts_at at time zone a.time_zone)::date)::text as "assemblyDay"
        from elections e join bodies b on b.id = e.body_id join assemblies a on a.id = e.assembly_id
        where e.id = ${electionId} ${opts.lock ? sql`for update of e` : sql``}`,
  );
  return r ?? null;
}

/** The election and its assembly if the actor may do `action` on the assembly; out of sight is not found. */
export async function electionFor(db: Db, actor: Actor, electionId: string, action: AssemblyAction, opts: { lock?: boolean } = {}): Promise<{ ok: true; election: ElectionRow; assembly: AssemblyRow } | Refusal> {
  const assemblyId = await assemblyIdOf(db, 'elections', electionId);
  if (!assemblyId) return notFound;
  const found = await assemblyFor(db, actor, assemblyId, action);
  if (!found.ok) return found;
  const election = await findElection(db, electionId, opts);
  if (!election) return notFound;
  return { ok: true, election, assembly: found.assembly };
}

export type CandidateView = {
  id: string;
  personId: string;
  name: string;
  presentation: string | null;
  /** A nomination by someone else stands once the nominee accepts. */
  accepted: boolean;
  nominatedBySelf: boolean;
  votes: number | null;
  outcome: CandidateOutcome | null;
};

export type NamedLot = { place: DrawnLot['place']; tied: { candidateId: string; name: string }[]; chosen: { candidateId: string; name: string }[] };

export type ElectionView = {
  id: string;
  assemblyId: string;
  assemblyTitle: string;
  itemId: string;
  itemTitle: string;
  bodyId: string;
  bodyName: string;
  unitId: string;
  title: string;
  seats: number;
  substitutes: number;
  termEndsOn: string;
  status: ElectionStatus;
  decidedAt: string | null;
  /** The secret poll of a contested election. */
  pollId: string | null;
  pollStatus: PollStatus | null;
  /** Decided without a poll: no more candidates than seats. */
  unopposed: boolean;
  candidates: CandidateView[];
  lots: NamedLot[];
};

/**
 * The election as the actor may see it. Candidates who stand are shown to everyone who sees the
 * assembly; a nomination not yet accepted only to the nominee, the one who nominated, the chair,
 * and the unit's staff and board — until they accept, it is a question, not a candidacy.
 */
export async function loadElection(db: Db, actor: Actor, a: AssemblyRow, electionId: string): Promise<ElectionView | null> {
  const me = actorPersonId(actor);
  const allPending = can(actor, 'assembly.run', a) || reachesUnit(actor, a.unitId, 'staff', 'board');
  const [e] = await queryRows<Omit<ElectionView, 'candidates' | 'lots' | 'unopposed'> & { lots: DrawnLot[] | null }>(
    db,
    sql`select e.id, e.assembly_id as "assemblyId", a.title as "assemblyTitle", e.item_id as "itemId", i.title as "itemTitle", e.body_id as "bodyId",
          b.name as "bodyName", b.unit_id as "unitId", e.title, e.seats, e.substitutes, e.term_ends_on::text as "termEndsOn", e.status,
          e.decided_at as "decidedAt", e.lots, p.id as "pollId", p.status as "pollStatus"
        from elections e join assemblies a on a.id = e.assembly_id join agenda_items i on i.id = e.item_id join bodies b on b.id = e.body_id
          left join lateral (select id, status from polls where election_id = e.id order by created_at desc, id limit 1) p on true
        where e.id = ${electionId} and e.assembly_id = ${a.id}`,
  );
  if (!e) return null;
  const candidates = await queryRows<CandidateView>(
    db,
    sql`select c.id, c.person_id as "personId", pe.first_name || ' ' || pe.last_name as name, c.presentation, c.accepted_at is not null as accepted,
          c.nominated_by is not distinct from c.person_id as "nominatedBySelf", c.votes, c.outcome
        from candidates c join persons pe on pe.id = c.person_id
        where c.election_id = ${electionId}
          and (c.accepted_at is not null ${allPending ? sql`or true` : me ? sql`or c.person_id = ${me} or c.nominated_by = ${me}` : sql``})
        order by c.created_at, c.id`,
  );
  const nameOf = (id: string) => ({ candidateId: id, name: candidates.find((c) => c.id === id)?.name ?? '' });
  const lots = (e.lots ?? []).map((l) => ({ place: l.place, tied: l.tied.map(nameOf), chosen: l.chosen.map(nameOf) }));
  return { ...e, decidedAt: e.decidedAt ? new Date(e.decidedAt).toISOString() : null, unopposed: e.status === 'decided' && e.pollId === null, candidates, lots };
}

/** The elections of an assembly, in the order they were set up (for the assembly's page). */
export async function listElections(db: Db, assemblyId: string): Promise<{ id: string; title: string; itemId: string; status: ElectionStatus }[]> {
  return queryRows(db, sql`select id, title, item_id as "itemId", status from elections where assembly_id = ${assemblyId} order by created_at, id`);
}
