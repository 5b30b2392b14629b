import { sql } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { invalidInput, type FieldProblem, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { assemblyFor } from './access.js';
import { wrongStatus, type WrongStatus } from './assemblies.js';
import { isPresentSql } from './presence.js';
import { notifyAssembly } from './live.js';
import { fail, pollStatus, type HallDataFailure, type PollStatusFailure } from './poll-answers.js';
import { pollFor } from './poll-access.js';
import { insertPoll } from './poll-create.js';
import type { PollInput } from './poll-schema.js';
import { pollView, type PollView } from './poll-view.js';
import type { VoteKind } from './tables.js';

/*
 * A poll's life before its ballots: the chair (or staff) creates it on an item, members may ask for a
 * written ballot, the chair makes it secret and opens it. Closing, counting and publishing are in
 * poll-close.ts; the ballots in ballots.ts.
 */

export type PollResultOf<R extends string = never> = { ok: true; poll: PollView } | Refusal | Invalid | WrongStatus | PollStatusFailure | HallDataFailure<R>;

const isId = (v: string | null | undefined): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v);

/** What a poll on a motion or an amendment takes from it: it must be of this assembly and admitted. */
async function subjectOf(tx: Db, assemblyId: string, input: PollInput): Promise<{ voteKind: VoteKind | null; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = [];
  let voteKind: VoteKind | null = null;
  if (input.motionId) {
    const [m] = await queryRows<{ state: string; voteKind: VoteKind }>(tx, sql`select state, vote_kind as "voteKind" from motions where id = ${input.motionId} and assembly_id = ${assemblyId}`);
    if (!m) problems.push({ path: 'motionId', code: 'poll.motion_unknown' });
    else if (m.state !== 'admitted') problems.push({ path: 'motionId', code: 'poll.motion_not_admitted' });
    else voteKind = m.voteKind;
  }
  if (input.amendmentId) {
    const [am] = await queryRows<{ state: string; voteKind: VoteKind; motionId: string }>(
      tx,
      sql`select am.state, m.vote_kind as "voteKind", m.id as "motionId" from amendments am join motions m on m.id = am.motion_id
          where am.id = ${input.amendmentId} and m.assembly_id = ${assemblyId}`,
    );
    if (!am) problems.push({ path: 'amendmentId', code: 'poll.amendment_unknown' });
    else if (am.state !== 'admitted') problems.push({ path: 'amendmentId', code: 'poll.amendment_not_admitted' });
    else if (input.motionId && am.motionId !== input.motionId) problems.push({ path: 'amendmentId', code: 'poll.amendment_unknown' });
    else voteKind = am.voteKind;
  }
  return { voteKind, problems };
}

/**
 * Creates a poll on an agenda item (the chair or staff). Nothing may be decided under "any other
 * business": a poll there is refused with that rule. A choice poll needs its options (two at least);
 * a poll on a motion or amendment takes the motion's vote kind (a statute change needs the statutes'
 * majority and quorum).
 */
export async function createPoll(db: Db, actor: Actor, assemblyId: string, input: PollInput): Promise<PollResultOf<'any_other_business'>> {
  return db.transaction(async (tx): Promise<PollResultOf<'any_other_business'>> => {
    const found = await assemblyFor(tx, actor, assemblyId, 'assembly.run', { lock: true });
    if (!found.ok) return found;
    const a = found.assembly;
    if (a.status !== 'notice_sent' && a.status !== 'in_session') return wrongStatus(a.status);
    const [item] = isId(input.itemId) ? await queryRows<{ kind: string }>(tx, sql`select kind from agenda_items where id = ${input.itemId} and assembly_id = ${assemblyId}`) : [];
    if (!item) return invalidInput({ path: 'itemId', code: 'poll.item_unknown' });
    if (item.kind === 'any_other_business') return fail('any_other_business');
    const problems: FieldProblem[] = [];
    const options = input.options;
    const maxMarks = input.maxMarks ?? 1;
    if (input.method === 'choice') {
      if (options.length < 2) problems.push({ path: 'options', code: 'poll.options_required' });
      else if (new Set(options.map((o) => o.toLocaleLowerCase())).size !== options.length) problems.push({ path: 'options', code: 'poll.options_duplicate' });
      else if (maxMarks > options.length) problems.push({ path: 'maxMarks', code: 'poll.marks_exceed_options', params: { max: options.length } });
    } else {
      if (options.length > 0) problems.push({ path: 'options', code: 'poll.options_not_allowed' });
      if (maxMarks !== 1) problems.push({ path: 'maxMarks', code: 'poll.one_mark' });
    }
    const subject = await subjectOf(tx, assemblyId, input);
    problems.push(...subject.problems);
    if (problems.length > 0) return invalidInput(...problems);
    const id = await insertPoll(tx, {
      assemblyId,
      itemId: input.itemId,
      title: input.title,
      method: input.method,
      mode: input.mode,
      voteKind: subject.voteKind ?? input.voteKind ?? 'ordinary',
      maxMarks,
      options: options.map((label) => ({ label })),
      motionId: input.motionId,
      amendmentId: input.amendmentId,
      createdBy: actorPersonId(actor),
    });
    await audit(tx, actor, { action: 'create', entityType: 'poll', entityId: id, fields: Object.keys(input) });
    await notifyAssembly(tx, assemblyId, 'poll');
    return { ok: true, poll: (await pollView(tx, actor, id)) as PollView };
  });
}

export type WrittenBallotResult = { ok: true; pollId: string; requests: number } | Refusal | PollStatusFailure | HallDataFailure<'vote_not_on_roll' | 'vote_not_present' | 'person_only'>;

/**
 * A member in the hall asks for a written (secret) ballot before the poll opens; under common Danish
 * statutes one is enough. Asking twice counts once. The chair sees how many asked and must then make
 * the poll secret before opening it (`openPoll` refuses otherwise); the minutes say it was asked for.
 */
export async function requestWrittenBallot(db: Db, actor: Actor, pollId: string): Promise<WrittenBallotResult> {
  return db.transaction(async (tx): Promise<WrittenBallotResult> => {
    const me = actorPersonId(actor);
    const found = await pollFor(tx, actor, pollId, 'assembly.view', { lock: true });
    if (!found.ok) return found;
    if (!me) return fail('person_only');
    if (!found.assembly.onRoll) return fail('vote_not_on_roll');
    if (found.poll.status !== 'created') return pollStatus(found.poll.status);
    const [{ here }] = await queryRows<{ here: boolean }>(tx, sql`select ${isPresentSql(found.poll.assemblyId, me)} as here`);
    if (!here) return fail('vote_not_present');
    const added = await queryRows<{ one: number }>(tx, sql`insert into written_ballot_requests (poll_id, person_id) values (${pollId}, ${me}) on conflict do nothing returning 1 as one`);
    if (added.length > 0) {
      await audit(tx, actor, { action: 'create', entityType: 'written_ballot_request', entityId: pollId });
      await notifyAssembly(tx, found.poll.assemblyId, 'poll');
    }
    const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from written_ballot_requests where poll_id = ${pollId}`);
    return { ok: true, pollId, requests: n };
  });
}

/** The chair makes a poll secret; only before it opens (a ballot cast in the open can't be made secret). */
export async function setPollSecret(db: Db, actor: Actor, pollId: string): Promise<PollResultOf> {
  return db.transaction(async (tx): Promise<PollResultOf> => {
    const found = await pollFor(tx, actor, pollId, 'assembly.run', { lock: true });
    if (!found.ok) return found;
    if (found.poll.status !== 'created') return pollStatus(found.poll.status);
    if (found.poll.mode !== 'secret') {
      await tx.execute(sql`update polls set mode = 'secret' where id = ${pollId}`);
      await audit(tx, actor, { action: 'update', entityType: 'poll', entityId: pollId, fields: ['mode'] });
      await notifyAssembly(tx, found.poll.assemblyId, 'poll');
    }
    return { ok: true, poll: (await pollView(tx, actor, pollId)) as PollView };
  });
}

/**
 * Opens a poll for ballots (the assembly in session). A poll a member asked to have in writing opens
 * only as a secret ballot: the request is the rule, not advice.
 */
export async function openPoll(db: Db, actor: Actor, pollId: string): Promise<PollResultOf<'written_ballot_requested'>> {
  return db.transaction(async (tx): Promise<PollResultOf<'written_ballot_requested'>> => {
    const found = await pollFor(tx, actor, pollId, 'assembly.run', { lock: true });
    if (!found.ok) return found;
    if (found.assembly.status !== 'in_session') return wrongStatus(found.assembly.status);
    if (found.poll.status !== 'created') return pollStatus(found.poll.status);
    if (found.poll.mode !== 'secret') {
      const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from written_ballot_requests where poll_id = ${pollId}`);
      if (n > 0) return fail('written_ballot_requested', { requests: n });
    }
    await tx.execute(sql`update polls set status = 'open', opened_at = now() where id = ${pollId}`);
    await audit(tx, actor, { action: 'update', entityType: 'poll', entityId: pollId, fields: ['status'] });
    await notifyAssembly(tx, found.poll.assemblyId, 'poll');
    return { ok: true, poll: (await pollView(tx, actor, pollId)) as PollView };
  });
}

