import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/i18n.js';
import { quorumNeeded } from './presence.js';
import { hallOutcomeLabel } from './labels.js';
import type { AssemblyRules, Majority, VoteKind } from './tables.js';
import type { PollMethod, PollMode, PollResult } from './poll-tables.js';

/*
 * A poll's result: the counting is SQL over the ballot tables and the chair's paper counts (one
 * statement, so what is counted is exactly what was cast); the deciding is the statutes' rules,
 * applied here as a plain function so that each rule is tested on its own numbers.
 */

export const YES_NO_ABSTAIN = ['yes', 'no', 'abstain'] as const;
export type YesNoAbstain = (typeof YES_NO_ABSTAIN)[number];

/** What was cast: marks per choice (electronic + paper), blank ballots, and ballots by kind. */
export type Tally = { counts: Record<string, number>; blank: number; electronic: number; paper: number };

/**
 * Counts a poll's ballots. Electronic ballots are the rows of `secret_ballots` or `named_ballots`
 * (an empty mark list is a blank ballot); paper counts are the chair's, per choice, with `blank`
 * for blank paper ballots and, where a voter may mark several options, `ballots` for how many paper
 * ballots were handed in (marks alone don't say).
 */
export async function tallyPoll(db: Db, pollId: string): Promise<Tally> {
  const [r] = await queryRows<Tally>(
    db,
    sql`with e as (
          select choices from secret_ballots where poll_id = ${pollId}
          union all
          select choices from named_ballots where poll_id = ${pollId}
        ),
        marks as (
          select c as k, count(*)::int as n from e, unnest(e.choices) c group by c
          union all
          select pc.key, pc.value::int from polls pp, jsonb_each_text(coalesce(pp.paper_counts, '{}'::jsonb)) pc
            where pp.id = ${pollId} and pc.key not in ('ballots', 'blank')
        )
        select coalesce((select jsonb_object_agg(k, n) from (select k, sum(n)::int as n from marks group by k) s), '{}'::jsonb) as counts,
          (select count(*)::int from e) as electronic,
          (select count(*)::int from e where cardinality(e.choices) = 0) + coalesce((p.paper_counts->>'blank')::int, 0) as blank,
          coalesce((p.paper_counts->>'ballots')::int,
            (select sum(pc.value::int)::int from jsonb_each_text(coalesce(p.paper_counts, '{}'::jsonb)) pc), 0) as paper
        from polls p where p.id = ${pollId}`,
  );
  return r ?? { counts: {}, blank: 0, electronic: 0, paper: 0 };
}

/** What the minutes and the hall need besides the contract's `PollResult`. */
export type StoredPollResult = PollResult & {
  /** The electoral roll's size, and the head count its quorum needed (null: no quorum). */
  roll: number;
  quorumNeeded: number | null;
  mode: PollMode;
  /** Members asked for a written ballot (the minutes say so; never who). */
  writtenBallotRequested: boolean;
};

export type DecideInput = {
  method: PollMethod;
  mode: PollMode;
  maxMarks: number;
  /** The options in order (choice polls). */
  optionIds: string[];
  voteKind: VoteKind;
  rules: AssemblyRules;
  tally: Tally;
  /** People present at the close, the roll, and everyone who could vote (voted, or present/represented). */
  present: number;
  roll: number;
  eligible: number;
  writtenBallotRequested: boolean;
};

/** For votes out of `valid`: how many "for" a majority needs (always at least one). */
export function votesNeeded(majority: Majority, valid: number): number {
  if (majority === 'two_thirds') return Math.max(1, Math.floor((2 * valid + 2) / 3));
  return Math.floor(valid / 2) + 1;
}

/**
 * Applies the statutes' rules to a tally. The quorum (of people present, against the roll) comes
 * first: without it nothing is decided. A yes/no poll is adopted when "for" reaches the majority of
 * valid votes (blank votes are valid only when the rules count them: then abstaining works as "no").
 * A choice poll elects the options with the most marks, as many as a voter may mark; a tie at the
 * last place is `tie` (the election settles it by lot).
 */
export function decidePoll(i: DecideInput): StoredPollResult {
  const majority = i.voteKind === 'statute' ? i.rules.statuteMajority : i.rules.majority;
  const fraction = i.voteKind === 'statute' ? i.rules.statuteQuorum : i.rules.quorum;
  const quorumCount = fraction === null ? null : quorumNeeded(fraction, i.roll);
  const quorumMet = quorumCount === null || i.present >= quorumCount;
  const counts: Record<string, number> = {};
  const keys = i.method === 'yes_no_abstain' ? [...YES_NO_ABSTAIN] : i.optionIds;
  for (const k of keys) counts[k] = i.tally.counts[k] ?? 0;
  const ballots = i.tally.electronic + i.tally.paper;
  const blank = i.method === 'yes_no_abstain' ? counts.abstain : i.tally.blank;
  const valid = i.method === 'yes_no_abstain' ? counts.yes + counts.no + (i.rules.blankVotesCount ? counts.abstain : 0) : ballots - (i.rules.blankVotesCount ? 0 : blank);
  const base = {
    counts,
    valid,
    blank,
    electronic: i.tally.electronic,
    paper: i.tally.paper,
    present: i.present,
    eligible: i.eligible,
    roll: i.roll,
    quorumNeeded: quorumCount,
    mode: i.mode,
    writtenBallotRequested: i.writtenBallotRequested,
  };
  const rule = { kind: i.voteKind, majority, blankVotesCount: i.rules.blankVotesCount, quorum: fraction, quorumMet };
  if (!quorumMet) return { ...base, rule: { ...rule, needed: null }, outcome: 'no_quorum', winners: [] };
  if (i.method === 'yes_no_abstain') {
    const needed = votesNeeded(majority, valid);
    const adopted = counts.yes >= needed;
    return { ...base, rule: { ...rule, needed }, outcome: adopted ? 'adopted' : 'rejected', winners: adopted ? ['yes'] : [] };
  }
  const ranked = [...i.optionIds].filter((id) => counts[id] > 0).sort((a, b) => counts[b] - counts[a] || i.optionIds.indexOf(a) - i.optionIds.indexOf(b));
  const seats = Math.min(i.maxMarks, ranked.length);
  const last = seats > 0 ? counts[ranked[seats - 1]] : 0;
  const firstOut = ranked.length > seats ? counts[ranked[seats]] : -1;
  if (seats === 0) return { ...base, rule: { ...rule, needed: null }, outcome: 'tie', winners: [] };
  if (firstOut === last) return { ...base, rule: { ...rule, needed: null }, outcome: 'tie', winners: ranked.filter((id) => counts[id] > last) };
  return { ...base, rule: { ...rule, needed: null }, outcome: 'decided', winners: ranked.slice(0, seats) };
}

/**
 * The rule that decided, as one sentence in the reader's language: "two thirds of valid votes: 34 of
 * 50 needed, 38 for (blank votes not counted)", "quorum not met: …", "most votes: A, B". `labels`
 * names the options of a choice poll.
 */
export function pollRuleText(t: Translate, result: PollResult & Partial<StoredPollResult>, labels: Record<string, string> = {}): string {
  const blanks = result.rule.blankVotesCount ? t('poll.rule.blank_counted') : t('poll.rule.blank_not_counted');
  if (result.outcome === 'no_quorum') {
    return t('poll.rule.no_quorum', { needed: result.quorumNeeded ?? 0, roll: result.roll ?? result.eligible, present: result.present });
  }
  if (result.rule.needed !== null) {
    const params = { needed: result.rule.needed, valid: result.valid, yes: result.counts.yes ?? 0, blanks };
    return result.rule.majority === 'two_thirds' ? t('poll.rule.two_thirds', params) : t('poll.rule.simple', params);
  }
  const names = (ids: string[]) => ids.map((id) => labels[id] ?? id).join(', ');
  if (result.outcome === 'tie') return t('poll.rule.tie', { winners: names(result.winners) || '–' });
  return t('poll.rule.most_votes', { winners: names(result.winners) });
}

/** "Adopted: 45 for, 3 against, 2 abstained" — the result as the minutes state it. */
export function pollSummaryText(t: Translate, result: PollResult, labels: Record<string, string> = {}): string {
  const outcome = t(hallOutcomeLabel[result.outcome]);
  if ('yes' in result.counts && 'no' in result.counts) {
    return t('poll.summary.yes_no', { outcome, yes: result.counts.yes, no: result.counts.no, abstain: result.counts.abstain ?? 0 });
  }
  const parts = Object.entries(result.counts)
    .sort((a, b) => b[1] - a[1])
    .map(([id, n]) => t('poll.summary.option', { label: labels[id] ?? id, votes: n }));
  return t('poll.summary.choice', { outcome, counts: parts.join(', '), blank: result.blank });
}
