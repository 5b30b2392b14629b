import { sql, type SQL } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Refusal } from '../../platform/outcomes.js';
import { assemblyFor, type AssemblyRow } from './access.js';
import { isPresentSql, presentPersonIdsSql, voterIdsSql } from './presence.js';
import { can } from './policy.js';
import { findPoll, type PollRow } from './poll-access.js';
import { pollOptionsOf } from './poll-create.js';
import type { StoredPollResult } from './results.js';
import type { PollStatus } from './poll-tables.js';
import { isoInstant } from '../../platform/db/sql.js';

/*
 * A poll as the hall, the API and the minutes see it. The contract's fields are `status`,
 * `eligible`, `voted` and — once published — `results` (`{ yes, no, abstain }` or a count per option
 * id). Before publication only those who run the assembly see the counted result (to check it).
 */

export type PollOption = { id: string; label: string; position: number; candidateId: string | null };

/** The actor's own place in the poll: may they vote, have they, and for whom they hold proxies. */
export type PollMe = {
  onRoll: boolean;
  present: boolean;
  voted: boolean;
  canVote: boolean;
  writtenBallotRequested: boolean;
  proxies: { giverId: string; giverName: string; voted: boolean }[];
};

/** The poll's own fields as the use cases read them (instants as ISO text), and what is counted about it. */
export type PollView = Omit<PollRow, 'result' | 'openedAt' | 'closedAt' | 'publishedAt'> & {
  options: PollOption[];
  /** Who could vote: everyone who voted, and those present or represented now (after close: at the close). */
  eligible: number;
  voted: number;
  writtenBallotRequests: number;
  openedAt: string | null;
  closedAt: string | null;
  publishedAt: string | null;
  results?: Record<string, number>;
  result?: StoredPollResult;
  /** A named poll's ballots once published: who voted what. */
  namedBallots?: { personId: string; name: string; choices: string[] }[];
  me: PollMe | null;
};


/** Everyone who voted, with those who could still vote now, counted once each. */
export function eligibleCountSql(pollId: string | SQL, assemblyId: string | SQL): SQL<number> {
  return sql<number>`(select count(*)::int from (select ev.person_id from poll_voters ev where ev.poll_id = ${pollId} union ${voterIdsSql(assemblyId)}) eu)`;
}

async function meIn(db: Db, a: AssemblyRow, pollId: string, status: PollStatus, personId: string): Promise<PollMe> {
  const present = presentPersonIdsSql(a.id);
  const [r] = await queryRows<{ present: boolean; voted: boolean; asked: boolean }>(
    db,
    sql`select ${isPresentSql(a.id, personId)} as present,
          exists (select 1 from poll_voters where poll_id = ${pollId} and person_id = ${personId}) as voted,
          exists (select 1 from written_ballot_requests where poll_id = ${pollId} and person_id = ${personId}) as asked`,
  );
  const proxies = await queryRows<{ giverId: string; giverName: string; voted: boolean }>(
    db,
    sql`select x.giver_person_id as "giverId", g.first_name || ' ' || g.last_name as "giverName",
          exists (select 1 from poll_voters v where v.poll_id = ${pollId} and v.person_id = x.giver_person_id) as voted
        from assembly_proxies x join persons g on g.id = x.giver_person_id
        where x.assembly_id = ${a.id} and x.holder_person_id = ${personId} and x.giver_person_id not in (${present})
        order by g.last_name, g.first_name`,
  );
  const usable = r.present ? proxies : [];
  return {
    onRoll: a.onRoll,
    present: r.present,
    voted: r.voted,
    canVote: status === 'open' && a.onRoll && r.present && (!r.voted || usable.some((p) => !p.voted)),
    writtenBallotRequested: r.asked,
    proxies: usable,
  };
}

/** The poll as the actor may see it; null when it is not theirs to see. */
export async function pollView(db: Db, actor: Actor, pollId: string): Promise<PollView | null> {
  const poll = await findPoll(db, pollId);
  if (!poll) return null;
  const found = await assemblyFor(db, actor, poll.assemblyId, 'assembly.view');
  if (!found.ok) return null;
  const a = found.assembly;
  const runs = can(actor, 'assembly.run', a);
  const [n] = await queryRows<{ voted: number; eligible: number; asked: number }>(
    db,
    sql`select (select count(*)::int from poll_voters where poll_id = ${pollId}) as voted,
          ${eligibleCountSql(pollId, a.id)} as eligible,
          (select count(*)::int from written_ballot_requests where poll_id = ${pollId}) as asked`,
  );
  const result = poll.result as StoredPollResult | null;
  const view: PollView = {
    id: poll.id,
    assemblyId: poll.assemblyId,
    itemId: poll.itemId,
    motionId: poll.motionId,
    amendmentId: poll.amendmentId,
    electionId: poll.electionId,
    title: poll.title,
    method: poll.method,
    mode: poll.mode,
    voteKind: poll.voteKind,
    maxMarks: poll.maxMarks,
    status: poll.status,
    options: await pollOptionsOf(db, pollId),
    eligible: result ? result.eligible : n.eligible,
    voted: n.voted,
    writtenBallotRequests: n.asked,
    paperCounts: runs ? poll.paperCounts : null,
    openedAt: isoInstant(poll.openedAt),
    closedAt: isoInstant(poll.closedAt),
    publishedAt: isoInstant(poll.publishedAt),
    me: null,
  };
  if (result && (poll.status === 'published' || runs)) view.result = result;
  if (result && poll.status === 'published') {
    view.results = result.counts;
    if (poll.mode === 'named') {
      view.namedBallots = await queryRows(
        db,
        sql`select nb.person_id as "personId", p.first_name || ' ' || p.last_name as name, nb.choices
            from named_ballots nb join persons p on p.id = nb.person_id where nb.poll_id = ${pollId} order by p.last_name, p.first_name`,
      );
    }
  }
  const me = actorPersonId(actor);
  if (me) view.me = await meIn(db, a, pollId, poll.status, me);
  return view;
}

export type PollSummary = Pick<PollRow, 'id' | 'itemId' | 'motionId' | 'amendmentId' | 'electionId' | 'title' | 'method' | 'mode' | 'voteKind' | 'status'> & {
  voted: number;
  eligible: number;
  results?: Record<string, number>;
  outcome?: StoredPollResult['outcome'];
};

/** The polls of an assembly in the order they were made, with turnout (one query). */
export async function listPolls(db: Db, actor: Actor, assemblyId: string): Promise<{ ok: true; items: PollSummary[] } | Refusal> {
  const found = await assemblyFor(db, actor, assemblyId, 'assembly.view');
  if (!found.ok) return found;
  const rows = await queryRows<Omit<PollSummary, 'results' | 'outcome'> & { result: StoredPollResult | null }>(
    db,
    sql`select p.id, p.item_id as "itemId", p.motion_id as "motionId", p.amendment_id as "amendmentId", p.election_id as "electionId",
          p.title, p.method, p.mode, p.vote_kind as "voteKind", p.status, p.result,
          (select count(*)::int from poll_voters v where v.poll_id = p.id) as voted,
          case when p.result is not null then (p.result->>'eligible')::int else ${eligibleCountSql(sql`p.id`, sql`p.assembly_id`)} end as eligible
        from polls p where p.assembly_id = ${assemblyId}
        order by p.created_at, p.id`,
  );
  return {
    ok: true,
    items: rows.map(({ result, ...r }) => (result && r.status === 'published' ? { ...r, results: result.counts, outcome: result.outcome } : r)),
  };
}
