import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { type VoteKind } from './tables.js';
import { pollOptions, polls, type PollMethod, type PollMode } from './poll-tables.js';

/*
 * Writing a poll and its options, shared by `createPoll` (polls.ts) and the elections, which make
 * their secret ballot with it. It checks nothing — the callers own their rules — and imports nothing
 * of the feature but the tables, so elections.ts can use it without a cycle.
 */

export type PollSpec = {
  assemblyId: string;
  itemId: string;
  title: string;
  method: PollMethod;
  mode: PollMode;
  voteKind: VoteKind;
  /** How many options a voter may mark (an election: the seats). */
  maxMarks: number;
  /** For `choice`: the options in the order shown (a candidate's option names the candidate). */
  options?: { label: string; candidateId?: string | null }[];
  electionId?: string | null;
  motionId?: string | null;
  amendmentId?: string | null;
  createdBy: string | null;
};

/** Inserts the poll (status `created`) and its options in the caller's transaction; returns the poll's id. */
export async function insertPoll(tx: Db, spec: PollSpec): Promise<string> {
  const [row] = await tx
    .insert(polls)
    .values({
      assemblyId: spec.assemblyId,
      itemId: spec.itemId,
      title: spec.title,
      method: spec.method,
      mode: spec.mode,
      voteKind: spec.voteKind,
      maxMarks: spec.maxMarks,
      electionId: spec.electionId ?? null,
      motionId: spec.motionId ?? null,
      amendmentId: spec.amendmentId ?? null,
      createdBy: spec.createdBy,
    })
    .returning({ id: polls.id });
  const options = spec.options ?? [];
  if (options.length > 0) {
    await tx.insert(pollOptions).values(options.map((o, i) => ({ pollId: row.id, label: o.label, position: i + 1, candidateId: o.candidateId ?? null })));
  }
  return row.id;
}

/** The options of a poll in order, for those who build on a poll (elections map options to candidates). */
export async function pollOptionsOf(db: Db, pollId: string): Promise<{ id: string; label: string; position: number; candidateId: string | null }[]> {
  return queryRows(db, sql`select id, label, position, candidate_id as "candidateId" from poll_options where poll_id = ${pollId} order by position`);
}
