import { sql } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { invalidInput, notFound, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { isPresentSql } from './presence.js';
import { notifyAssembly } from './live.js';
import { fail, pollStatus, type HallDataFailure, type PollStatusFailure } from './poll-answers.js';
import { can, type AssemblySubject } from './policy.js';
import { YES_NO_ABSTAIN } from './results.js';
import type { AssemblyStatus, MinutesVisibility } from './tables.js';
import type { PollMethod, PollMode, PollStatus } from './poll-tables.js';

/*
 * Casting a ballot. The rules, each refused with its own reason and nothing written: the voter is
 * the signed-in person, on the roll, present; the poll is open and takes electronic ballots (an open
 * poll is counted hands); a proxy holder may cast a second ballot for the absent member who gave
 * them the proxy; the marks are choices of this poll, no more than `maxMarks`. One ballot per voter
 * per poll is the primary key of `poll_voters`, not a check before the write: two ballots racing
 * for the same voter meet at the key, and the second is told it has voted.
 *
 * The whole ballot is one transaction of few statements, because the hall casts hundreds at once:
 * one read (the poll, key-share locked, with everything the rules need), one statement writing the
 * voter row and the ballot row, the audit row, one NOTIFY.
 */

export type BallotChoice = { choice: string } | { choices: string[] };

export type BallotReason = 'person_only' | 'vote_not_on_roll' | 'vote_not_present' | 'already_voted' | 'open_vote' | 'no_proxy' | 'giver_here';
export type BallotResult = { ok: true; pollId: string; voterId: string; byProxy: boolean } | Refusal | Invalid | PollStatusFailure | HallDataFailure<BallotReason>;

type Context = {
  assemblyId: string;
  status: PollStatus;
  method: PollMethod;
  mode: PollMode;
  maxMarks: number;
  options: string[];
  unitId: string;
  assemblyStatus: AssemblyStatus;
  chairPersonId: string | null;
  minuteTakerPersonId: string | null;
  minutesVisibility: MinutesVisibility;
  onRoll: boolean;
  present: boolean;
  hasProxy: boolean;
  giverPresent: boolean;
};

const isId = (v: string) => /^[0-9a-f-]{36}$/i.test(v);

/** The ballot's marks, sorted (so that their order says nothing), or the field that is wrong. */
export function marksOf(method: PollMethod, maxMarks: number, options: readonly string[], ballot: BallotChoice): { ok: true; marks: string[] } | Invalid {
  const path = 'choice' in ballot ? 'choice' : 'choices';
  const given = ('choice' in ballot ? [ballot.choice] : ballot.choices).map((c) => c.trim().toLowerCase());
  if (method === 'yes_no_abstain') {
    if (given.length !== 1) return invalidInput({ path, code: 'poll.one_choice' });
    if (!(YES_NO_ABSTAIN as readonly string[]).includes(given[0])) return invalidInput({ path, code: 'poll.not_an_option', params: { choice: given[0] } });
    return { ok: true, marks: given };
  }
  // A blank ballot in a choice poll: "abstain" (as in the contract) or "blank", or no marks at all.
  const marks = 'choice' in ballot && (given[0] === 'abstain' || given[0] === 'blank') ? [] : given;
  if (new Set(marks).size !== marks.length) return invalidInput({ path, code: 'poll.duplicate_mark' });
  if (marks.length > maxMarks) return invalidInput({ path, code: 'poll.too_many_marks', params: { max: maxMarks } });
  const unknown = marks.find((m) => !options.includes(m));
  if (unknown !== undefined) return invalidInput({ path, code: 'poll.not_an_option', params: { choice: unknown } });
  return { ok: true, marks: [...marks].sort() };
}

/**
 * Casts the signed-in person's ballot in an open poll, or — with `forMemberId` — the ballot of the
 * absent member whose proxy they hold.
 */
export async function castBallot(db: Db, actor: Actor, pollId: string, ballot: BallotChoice, opts: { forMemberId?: string } = {}): Promise<BallotResult> {
  const me = actorPersonId(actor);
  if (!me) return actor.kind === 'anonymous' ? notFound : fail('person_only');
  if (!isId(pollId)) return notFound;
  const giver = opts.forMemberId && opts.forMemberId !== me ? opts.forMemberId : null;
  if (giver !== null && !isId(giver)) return invalidInput({ path: 'forMemberId', code: 'validation.invalid_id' });
  return db.transaction(async (tx): Promise<BallotResult> => {
    // KEY SHARE on the poll row: ballots don't wait for each other, but a close (FOR UPDATE) waits
    // for every ballot that got here first, and every later one sees the poll closed.
    const [c] = await queryRows<Context>(
      tx,
      sql`select p.assembly_id as "assemblyId", p.status, p.method, p.mode, p.max_marks as "maxMarks",
            array(select o.id::text from poll_options o where o.poll_id = p.id) as options,
            a.unit_id as "unitId", a.status as "assemblyStatus", a.chair_person_id as "chairPersonId",
            a.minute_taker_person_id as "minuteTakerPersonId", a.minutes_visibility as "minutesVisibility",
            exists (select 1 from assembly_roll r where r.assembly_id = a.id and r.person_id = ${me}) as "onRoll",
            ${isPresentSql(sql`a.id`, me)} as present,
            ${giver ? sql`exists (select 1 from assembly_proxies x where x.assembly_id = a.id and x.holder_person_id = ${me} and x.giver_person_id = ${giver})` : sql`false`} as "hasProxy",
            ${giver ? isPresentSql(sql`a.id`, giver) : sql`false`} as "giverPresent"
          from polls p join assemblies a on a.id = p.assembly_id
          where p.id = ${pollId}
          for key share of p`,
    );
    if (!c) return notFound;
    const subject: AssemblySubject = { unitId: c.unitId, status: c.assemblyStatus, chairPersonId: c.chairPersonId, minuteTakerPersonId: c.minuteTakerPersonId, minutesVisibility: c.minutesVisibility, onRoll: c.onRoll };
    if (!can(actor, 'assembly.view', subject)) return notFound;
    if (c.status !== 'open') return pollStatus(c.status);
    if (c.mode === 'open') return fail('open_vote');
    if (!c.onRoll) return fail('vote_not_on_roll');
    if (!c.present) return fail('vote_not_present');
    if (giver) {
      if (!c.hasProxy) return fail('no_proxy');
      if (c.giverPresent) return fail('giver_here');
    }
    const marks = marksOf(c.method, c.maxMarks, c.options, ballot);
    if (!marks.ok) return marks;
    const voter = giver ?? me;
    const choices = sql`array[${sql.join(
      marks.marks.map((m) => sql`${m}`),
      sql`, `,
    )}]::text[]`;
    // One statement: the voter row, and the ballot only if the voter row was new. A second ballot
    // meets the primary key, writes nothing, and is told so.
    const ballotRow =
      c.mode === 'secret'
        ? // Only the poll and the sorted marks: no person, no key, no time, no serial (see tables.ts).
          sql`insert into secret_ballots (poll_id, choices) select v.poll_id, ${choices} from v returning 1 as one`
        : sql`insert into named_ballots (poll_id, person_id, choices) select v.poll_id, v.person_id, ${choices} from v returning 1 as one`;
    const counted = await queryRows<{ one: number }>(
      tx,
      sql`with v as (insert into poll_voters (poll_id, person_id, cast_by_person_id) values (${pollId}, ${voter}, ${me}) on conflict do nothing returning poll_id, person_id)
          ${ballotRow}`,
    );
    if (counted.length === 0) return fail('already_voted');
    /*
     * The audit says that this person cast a ballot in this poll (and, by proxy, for whom) — never
     * what. For a secret poll that is what `poll_voters` already holds, plus the audit row's time and
     * serial. Those can't lead to a ballot: the ballot row carries no time and no serial, and its only
     * order is its physical place in the table, which `poll_voters` rows share just the same while the
     * poll is open (README: what PostgreSQL's system columns tell) — and the ballots are deleted when
     * the poll closes. So auditing the fact adds nothing that links; auditing the marks would.
     */
    await audit(tx, actor, { action: 'create', entityType: 'poll_voter', entityId: giver ? `${pollId}:${giver}` : pollId, fields: giver ? ['forMemberId'] : [] });
    await notifyAssembly(tx, c.assemblyId, 'ballot');
    return { ok: true, pollId, voterId: voter, byProxy: giver !== null };
  });
}
