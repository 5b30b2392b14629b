import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { notFound, type Refusal } from '../../platform/outcomes.js';
import { assemblyFor, assemblyIdOf, type AssemblyRow } from './access.js';
import type { AssemblyAction } from './policy.js';
import type { VoteKind } from './tables.js';
import type { PollMethod, PollMode, PollResult, PollStatus } from './poll-tables.js';

/** A poll as the use cases see it. */
export type PollRow = {
  id: string;
  assemblyId: string;
  itemId: string;
  motionId: string | null;
  amendmentId: string | null;
  electionId: string | null;
  title: string;
  method: PollMethod;
  mode: PollMode;
  voteKind: VoteKind;
  maxMarks: number;
  status: PollStatus;
  paperCounts: Record<string, number> | null;
  result: PollResult | null;
  openedAt: Date | null;
  closedAt: Date | null;
  publishedAt: Date | null;
};

/** The poll's row, optionally locked for update (the status changes one at a time). */
export async function findPoll(db: Db, pollId: string, opts: { lock?: boolean } = {}): Promise<PollRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(pollId)) return null;
  const [r] = await queryRows<PollRow>(
    db,
    sql`select id, assembly_id as "assemblyId", item_id as "itemId", motion_id as "motionId", amendment_id as "amendmentId",
          election_id as "electionId", title, method, mode, vote_kind as "voteKind", max_marks as "maxMarks", status,
          paper_counts as "paperCounts", result, opened_at as "openedAt", closed_at as "closedAt", published_at as "publishedAt"
        from polls where id = ${pollId} ${opts.lock ? sql`for update` : sql``}`,
  );
  return r ?? null;
}

/**
 * The poll and its assembly if the actor may do `action` on the assembly. The assembly is checked
 * first (out of sight: not found, whatever the poll), then the poll is read — locked when asked, so
 * a close waits for the ballots in flight (they hold the poll row's key-share lock).
 */
export async function pollFor(db: Db, actor: Actor, pollId: string, action: AssemblyAction, opts: { lock?: boolean } = {}): Promise<{ ok: true; poll: PollRow; assembly: AssemblyRow } | Refusal> {
  const assemblyId = await assemblyIdOf(db, 'polls', pollId);
  if (!assemblyId) return notFound;
  const found = await assemblyFor(db, actor, assemblyId, action);
  if (!found.ok) return found;
  const poll = await findPoll(db, pollId, opts);
  if (!poll) return notFound;
  return { ok: true, poll, assembly: found.assembly };
}
