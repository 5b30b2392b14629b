import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { invalidInput, type FieldProblem } from '../../platform/outcomes.js';
import { presentPersonIdsSql } from './presence.js';
import { decideElectionFromPoll } from './elect-elections.js';
import { notifyAssembly } from './live.js';
import { fail, pollStatus } from './poll-answers.js';
import { pollFor, type PollRow } from './poll-access.js';
import { pollOptionsOf } from './poll-create.js';
import type { PaperCountsInput } from './poll-schema.js';
import { eligibleCountSql, pollView, type PollView } from './poll-view.js';
import type { PollResultOf } from './polls.js';
import { decidePoll, tallyPoll, YES_NO_ABSTAIN, type StoredPollResult } from './results.js';

/*
 * Counting, closing and publishing. The chair enters counted hands or paper ballots while the poll is
 * open; at close the ballots are counted in SQL with the paper, reconciled against who could vote,
 * decided by the statutes' rules and stored in `polls.result`; a secret poll's ballots are then
 * deleted, so that from the close on only counts remain (README, "Secret ballots"). Publishing tells
 * the result to the hall and decides the motion, amendment or election it was about.
 */

type Counting = { present: number; roll: number; eligible: number; asked: boolean; voted: number };

async function countingFigures(tx: Db, poll: PollRow): Promise<Counting> {
  const [r] = await queryRows<Counting>(
    tx,
    sql`select (select count(*)::int from assembly_roll where assembly_id = ${poll.assemblyId}) as roll,
          (select count(*)::int from (${presentPersonIdsSql(poll.assemblyId)}) cp) as present,
          ${eligibleCountSql(poll.id, poll.assemblyId)} as eligible,
          exists (select 1 from written_ballot_requests where poll_id = ${poll.id}) as asked,
          (select count(*)::int from poll_voters where poll_id = ${poll.id}) as voted`,
  );
  return r;
}

/** The paper counts' problems against the poll: unknown choices, and marks that more ballots can't hold. */
function paperProblems(poll: PollRow, optionIds: string[], counts: Record<string, number>): FieldProblem[] {
  const allowed = poll.method === 'yes_no_abstain' ? new Set<string>(YES_NO_ABSTAIN) : new Set([...optionIds, 'blank', 'ballots']);
  const unknown = Object.keys(counts).filter((k) => !allowed.has(k));
  if (unknown.length > 0) return [{ path: 'counts', code: 'poll.count_unknown_choice', params: { choice: unknown.join(', ') } }];
  if (poll.method === 'yes_no_abstain') return [];
  const marks = optionIds.reduce((s, id) => s + (counts[id] ?? 0), 0);
  const blank = counts.blank ?? 0;
  if (poll.maxMarks === 1) {
    if (counts.ballots !== undefined && counts.ballots !== marks + blank) return [{ path: 'counts', code: 'poll.count_ballots_mismatch', params: { ballots: counts.ballots, counted: marks + blank } }];
    return [];
  }
  if (counts.ballots === undefined) return [{ path: 'counts', code: 'poll.count_ballots_required', params: { max: poll.maxMarks } }];
  const ballots = counts.ballots;
  if (blank > ballots || optionIds.some((id) => (counts[id] ?? 0) > ballots) || marks > (ballots - blank) * poll.maxMarks) {
    return [{ path: 'counts', code: 'poll.count_marks_exceed', params: { ballots, max: poll.maxMarks } }];
  }
  return [];
}

/**
 * The chair's count of hands (an open poll) or of paper ballots (beside the electronic ones), per
 * choice, while the poll is open. Reconciled at once and again at the close: electronic and paper
 * ballots together can't outnumber the people who could vote.
 */
export async function enterPaperCounts(db: Db, actor: Actor, pollId: string, input: PaperCountsInput): Promise<PollResultOf<'count_exceeds'>> {
  return db.transaction(async (tx): Promise<PollResultOf<'count_exceeds'>> => {
    const found = await pollFor(tx, actor, pollId, 'assembly.run', { lock: true });
    if (!found.ok) return found;
    const poll = found.poll;
    if (poll.status !== 'open') return pollStatus(poll.status);
    const optionIds = (await pollOptionsOf(tx, pollId)).map((o) => o.id);
    const problems = paperProblems(poll, optionIds, input.counts);
    if (problems.length > 0) return invalidInput(...problems);
    const counts: Record<string, number> = poll.method === 'yes_no_abstain' ? { yes: 0, no: 0, abstain: 0, ...input.counts } : { ...input.counts };
    const paper = counts.ballots ?? Object.values(counts).reduce((s, n) => s + n, 0);
    const [{ electronic }] = await queryRows<{ electronic: number }>(tx, sql`select count(*)::int as electronic from poll_voters where poll_id = ${pollId}`);
    const { eligible } = await countingFigures(tx, poll);
    if (electronic + paper > eligible) return fail('count_exceeds', { counted: electronic + paper, eligible });
    await tx.execute(sql`update polls set paper_counts = ${JSON.stringify(counts)}::jsonb where id = ${pollId}`);
    await audit(tx, actor, { action: 'update', entityType: 'poll', entityId: pollId, fields: ['paperCounts'] });
    await notifyAssembly(tx, poll.assemblyId, 'poll');
    return { ok: true, poll: (await pollView(tx, actor, pollId)) as PollView };
  });
}

/**
 * Closes a poll and counts it. The poll row's lock (FOR UPDATE) waits for every ballot in flight —
 * each holds the row's key-share lock from its first statement — and keeps new ones out until the
 * close commits, when they find the poll closed. So the count is exactly the ballots accepted.
 * (PostgreSQL grants a key-share lock compatible with those held even while a FOR UPDATE waits, so a
 * close asked for in the middle of a burst waits for the burst to drain — the ballots it lets in are
 * counted; measured on the 1,000-voter test, that is well under a second.)
 * A secret poll's ballots are deleted after counting (the database refuses that while the poll is
 * open, so the status changes first, in the same transaction), then the table is vacuumed when the
 * caller is not inside a transaction of their own, so the deleted rows' bytes go too.
 */
export async function closePoll(db: Db, actor: Actor, pollId: string): Promise<PollResultOf<'count_exceeds' | 'counts_missing'>> {
  const closed = await db.transaction(async (tx): Promise<PollResultOf<'count_exceeds' | 'counts_missing'>> => {
    const found = await pollFor(tx, actor, pollId, 'assembly.run', { lock: true });
    if (!found.ok) return found;
    const poll = found.poll;
    if (poll.status !== 'open') return pollStatus(poll.status);
    if (poll.mode === 'open' && poll.paperCounts === null) return fail('counts_missing');
    const tally = await tallyPoll(tx, pollId);
    const figures = await countingFigures(tx, poll);
    // One ballot row per voter row, always: they are written together. A difference means the ballot
    // tables were changed behind the application's back (a superuser with the triggers off), and no
    // result is better than a wrong one.
    if (tally.electronic !== figures.voted) throw new Error(`poll ${pollId}: ${tally.electronic} ballots for ${figures.voted} voters — the ballot tables were changed outside Forening`);
    if (tally.electronic + tally.paper > figures.eligible) return fail('count_exceeds', { counted: tally.electronic + tally.paper, eligible: figures.eligible });
    const result: StoredPollResult = decidePoll({
      method: poll.method,
      mode: poll.mode,
      maxMarks: poll.maxMarks,
      optionIds: (await pollOptionsOf(tx, pollId)).map((o) => o.id),
      voteKind: poll.voteKind,
      rules: found.assembly.rules,
      tally,
      present: figures.present,
      roll: figures.roll,
      eligible: figures.eligible,
      writtenBallotRequested: figures.asked,
    });
    await tx.execute(sql`update polls set status = 'closed', closed_at = now(), result = ${JSON.stringify(result)}::jsonb where id = ${pollId}`);
    if (poll.mode === 'secret') await tx.execute(sql`delete from secret_ballots where poll_id = ${pollId}`);
    await audit(tx, actor, { action: 'update', entityType: 'poll', entityId: pollId, fields: ['status', 'result'] });
    await notifyAssembly(tx, poll.assemblyId, 'poll');
    return { ok: true, poll: (await pollView(tx, actor, pollId)) as PollView };
  });
  if (closed.ok && closed.poll.mode === 'secret' && !(db instanceof PgTransaction)) {
    // Best effort: autovacuum would come by later anyway; a failure here changes no result.
    await db.execute(sql`vacuum secret_ballots`).catch(() => undefined);
  }
  return closed;
}

/**
 * Publishes a closed poll's result to the hall and the minutes. A poll on a motion or an amendment
 * decides it (adopted or rejected; without quorum it stays undecided); an election's poll hands its
 * result to the election, which fills the seats.
 */
export async function publishPoll(db: Db, actor: Actor, pollId: string): Promise<PollResultOf> {
  return db.transaction(async (tx): Promise<PollResultOf> => {
    const found = await pollFor(tx, actor, pollId, 'assembly.run', { lock: true });
    if (!found.ok) return found;
    const poll = found.poll;
    if (poll.status !== 'closed' || !poll.result) return pollStatus(poll.status);
    const result = poll.result;
    await tx.execute(sql`update polls set status = 'published', published_at = now() where id = ${pollId}`);
    const decided = result.outcome === 'adopted' || result.outcome === 'rejected' ? result.outcome : null;
    if (decided && poll.amendmentId) {
      await tx.execute(sql`update amendments set state = ${decided}, decided_at = now() where id = ${poll.amendmentId} and state = 'admitted'`);
      await audit(tx, actor, { action: 'update', entityType: 'amendment', entityId: poll.amendmentId, fields: ['state'] });
    } else if (decided && poll.motionId) {
      await tx.execute(sql`update motions set state = ${decided}, decided_at = now(), updated_at = now() where id = ${poll.motionId} and state = 'admitted'`);
      await audit(tx, actor, { action: 'update', entityType: 'motion', entityId: poll.motionId, fields: ['state'] });
    }
    if (poll.electionId) await decideElectionFromPoll(tx, poll.electionId, result, actor);
    await audit(tx, actor, { action: 'update', entityType: 'poll', entityId: pollId, fields: ['status'] });
    await notifyAssembly(tx, poll.assemblyId, 'poll');
    return { ok: true, poll: (await pollView(tx, actor, pollId)) as PollView };
  });
}
