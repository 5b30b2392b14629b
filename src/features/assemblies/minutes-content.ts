import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { translator, type Locale, type Translate } from '../../platform/i18n/i18n.js';
import { formatDate, formatDateTime } from '../../platform/i18n/format.js';
import { attendedPersonIdsSql } from '../events/index.js';
import { amendmentStateLabel, hallChoiceLabel, hallPollModeLabel, motionStateLabel } from './labels.js';
import { loadAgenda } from './queries.js';
import { pollRuleText, pollSummaryText, type StoredPollResult } from './results.js';
import type { AgendaItemKind, AssemblyKind, AssemblyStatus, MinutesVisibility } from './tables.js';
import type { AmendmentState, MotionState } from './motion-tables.js';
import type { PollMethod, PollMode } from './poll-tables.js';
import type { DrawnLot, SeatKind } from './election-tables.js';
import { isoInstant } from '../../platform/db/sql.js';

/*
 * The minutes assembled from the data: the minute taker's notes and decision per item, and what the
 * register knows about each item — the motions treated under it and how they ended, the published
 * poll results with the rule that decided them, and the elected. Read straight from the feature's
 * tables in a handful of set-based queries (one per kind of thing, never one per item). A secret
 * poll shows its counts only; a named poll may list who chose what, as the statutes intend it.
 * The texts are in the reader's language, so the page, the PDF and the API say the same thing.
 */

export type MinutesMotion = {
  id: string;
  number: number;
  title: string;
  state: MotionState;
  stateText: string;
  amendments: { id: string; number: number; state: AmendmentState; stateText: string }[];
};

export type MinutesPoll = {
  id: string;
  title: string;
  method: PollMethod;
  mode: PollMode;
  secret: boolean;
  /** Members asked for a written ballot (never who, nor how many). */
  writtenBallotRequested: boolean;
  outcome: StoredPollResult['outcome'];
  counts: Record<string, number>;
  /** "Vedtaget: 45 for, 3 imod, 2 undlod at stemme". */
  summary: string;
  /** The rule that decided it, in words. */
  rule: string;
  /** How it was voted: by hands, named, or a written (secret) ballot, and that one was asked for. */
  ballot: string;
  /** Electronic and paper ballots, where both were counted. */
  counted: string | null;
  /** A named poll's voters per choice (by name); never for a secret or open poll. */
  named: { choice: string; names: string[] }[] | null;
};

export type MinutesElected = { name: string; seatKind: SeatKind; seatText: string; votes: number | null };

export type MinutesElection = {
  id: string;
  title: string;
  seats: number;
  substitutes: number;
  termEndsOn: string;
  termEndsText: string;
  decided: boolean;
  /** Elected without a poll: no more candidates than seats. */
  unopposed: boolean;
  elected: MinutesElected[];
  /** Ties settled by lot, as sentences. */
  lots: string[];
};

export type MinutesItem = {
  id: string;
  position: number;
  kind: AgendaItemKind;
  title: string;
  notes: string | null;
  decision: string | null;
  motions: MinutesMotion[];
  polls: MinutesPoll[];
  elections: MinutesElection[];
};

export type MinutesHeader = {
  id: string;
  title: string;
  unitId: string;
  unitName: string;
  kind: AssemblyKind;
  status: AssemblyStatus;
  startsAt: string;
  /** The date and time in the reader's language and the assembly's zone. */
  when: string;
  place: string | null;
  timeZone: string;
  chairName: string | null;
  minuteTakerName: string | null;
  /** Members of the roll who came (checked in at any time), the roll's size, and the absent represented by proxy. */
  present: number;
  rollSize: number;
  proxies: number;
  minutesVisibility: MinutesVisibility;
  approvedByChairAt: string | null;
  approvedByTakerAt: string | null;
  publishedAt: string | null;
};

export type MinutesContent = {
  locale: Locale;
  assembly: MinutesHeader;
  items: MinutesItem[];
  /** Motions with no poll when the agenda has no motions item to put them under. */
  otherMotions: MinutesMotion[];
};

const day = (locale: Locale, date: string, zone: string) => formatDate(locale, `${date}T12:00:00Z`, zone);

async function loadHeader(db: Db, assemblyId: string, locale: Locale): Promise<MinutesHeader | null> {
  const came = sql`select ar.person_id from assembly_roll ar where ar.assembly_id = a.id and (
      exists (select 1 from assembly_attendance aa where aa.assembly_id = a.id and aa.person_id = ar.person_id)
      or ar.person_id in (${attendedPersonIdsSql(sql`(a.event_id)`)}))`;
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.id, a.title, a.unit_id as "unitId", u.name as "unitName", a.kind, a.status, a.starts_at as "startsAt", a.place,
          a.time_zone as "timeZone", a.minutes_visibility as "minutesVisibility",
          ch.first_name || ' ' || ch.last_name as "chairName", mt.first_name || ' ' || mt.last_name as "minuteTakerName",
          (select count(*)::int from (${came}) c) as present,
          (select count(*)::int from assembly_roll r where r.assembly_id = a.id) as "rollSize",
          (select count(*)::int from assembly_proxies x where x.assembly_id = a.id and x.giver_person_id not in (${came})) as proxies,
          a.minutes_approved_by_chair_at as "approvedByChairAt", a.minutes_approved_by_taker_at as "approvedByTakerAt",
          a.minutes_published_at as "publishedAt"
        from assemblies a join units u on u.id = a.unit_id
          left join persons ch on ch.id = a.chair_person_id
          left join persons mt on mt.id = a.minute_taker_person_id
        where a.id = ${assemblyId}`,
  );
  if (!r) return null;
  const h = r as unknown as MinutesHeader;
  const startsAt = isoInstant(r.startsAt)!;
  return {
    ...h,
    startsAt,
    when: formatDateTime(locale, startsAt, h.timeZone),
    approvedByChairAt: isoInstant(r.approvedByChairAt),
    approvedByTakerAt: isoInstant(r.approvedByTakerAt),
    publishedAt: isoInstant(r.publishedAt),
  };
}

type MotionRow = { id: string; number: number; title: string; state: MotionState; itemId: string | null; amendments: { id: string; number: number; state: AmendmentState }[] };

/**
 * The motions treated (admitted and after), each under the item where it was first put to a vote
 * (its own poll or one of its amendments'); a motion never voted on (withdrawn, referred, adopted
 * without a vote) is under the agenda's motions item.
 */
async function loadMotions(db: Db, assemblyId: string, t: Translate): Promise<(MinutesMotion & { itemId: string | null })[]> {
  const rows = await queryRows<MotionRow>(
    db,
    sql`select m.id, m.number, m.title, m.state,
          (select p.item_id from polls p left join amendments pa on pa.id = p.amendment_id
             where p.motion_id = m.id or pa.motion_id = m.id order by p.created_at, p.id limit 1) as "itemId",
          coalesce((select json_agg(json_build_object('id', am.id, 'number', am.number, 'state', am.state) order by am.number)
             from amendments am where am.motion_id = m.id and am.state not in ('submitted', 'refused')), '[]'::json) as amendments
        from motions m
        where m.assembly_id = ${assemblyId} and m.state in ('admitted', 'adopted', 'rejected', 'withdrawn', 'referred')
        order by m.number`,
  );
  return rows.map((m) => ({
    ...m,
    stateText: t(motionStateLabel[m.state]),
    amendments: m.amendments.map((am) => ({ ...am, stateText: t(amendmentStateLabel[am.state]) })),
  }));
}

type PollRow = {
  id: string;
  itemId: string;
  title: string;
  method: PollMethod;
  mode: PollMode;
  result: StoredPollResult;
  asked: boolean;
  options: { id: string; label: string }[];
  named: { name: string; choices: string[] }[] | null;
};

/** The published polls in the order they were held, with their options and, for a named poll only, who chose what. */
async function loadPolls(db: Db, assemblyId: string, t: Translate, locale: Locale): Promise<(MinutesPoll & { itemId: string })[]> {
  const rows = await queryRows<PollRow>(
    db,
    sql`select p.id, p.item_id as "itemId", p.title, p.method, p.mode, p.result,
          exists (select 1 from written_ballot_requests w where w.poll_id = p.id) as asked,
          coalesce((select json_agg(json_build_object('id', o.id, 'label', o.label) order by o.position) from poll_options o where o.poll_id = p.id), '[]'::json) as options,
          case when p.mode = 'named' then
            coalesce((select json_agg(json_build_object('name', pe.first_name || ' ' || pe.last_name, 'choices', nb.choices))
              from named_ballots nb join persons pe on pe.id = nb.person_id where nb.poll_id = p.id), '[]'::json)
          end as named
        from polls p
        where p.assembly_id = ${assemblyId} and p.status = 'published' and p.result is not null
        order by coalesce(p.opened_at, p.created_at), p.created_at, p.id`,
  );
  const collator = new Intl.Collator(locale);
  return rows.map((p) => {
    const labels: Record<string, string> = Object.fromEntries(p.options.map((o) => [o.id, o.label]));
    const r = p.result;
    const requested = r.writtenBallotRequested ?? p.asked;
    const secret = p.mode === 'secret';
    const ballot = [t(hallPollModeLabel[p.mode]), ...(requested ? [t('minutes.poll.written_requested')] : [])].join(' · ');
    const counted = r.electronic > 0 && r.paper > 0 ? t('minutes.poll.counted', { electronic: r.electronic, paper: r.paper }) : null;
    const choiceName = (c: string) => (c === 'yes' || c === 'no' || c === 'abstain' ? t(hallChoiceLabel[c]) : (labels[c] ?? c));
    let named: MinutesPoll['named'] = null;
    if (p.mode === 'named' && p.named) {
      const keys = p.method === 'yes_no_abstain' ? ['yes', 'no', 'abstain'] : p.options.map((o) => o.id);
      named = keys
        .map((k) => ({ choice: choiceName(k), names: p.named!.filter((b) => b.choices.includes(k)).map((b) => b.name).sort(collator.compare) }))
        .filter((g) => g.names.length > 0);
      const blank = p.named.filter((b) => b.choices.length === 0).map((b) => b.name).sort(collator.compare);
      if (blank.length > 0) named.push({ choice: t('minutes.poll.blank'), names: blank });
    }
    return {
      id: p.id,
      itemId: p.itemId,
      title: p.title,
      method: p.method,
      mode: p.mode,
      secret,
      writtenBallotRequested: requested,
      outcome: r.outcome,
      counts: r.counts,
      summary: pollSummaryText(t, r, labels),
      rule: pollRuleText(t, r, labels),
      ballot,
      counted,
      named: secret ? null : named,
    };
  });
}

type ElectionRow = {
  id: string;
  itemId: string;
  title: string;
  seats: number;
  substitutes: number;
  termEndsOn: string;
  status: string;
  lots: DrawnLot[] | null;
  polled: boolean;
  candidates: { id: string; personId: string; name: string; outcome: 'elected' | 'substitute' | 'not_elected' | null; votes: number | null }[];
};

/** The elections with their candidates: the elected and the substitutes by votes, the ties settled by lot. */
async function loadElections(db: Db, assemblyId: string, t: Translate, locale: Locale, zone: string): Promise<(MinutesElection & { itemId: string })[]> {
  const rows = await queryRows<ElectionRow>(
    db,
    sql`select e.id, e.item_id as "itemId", e.title, e.seats, e.substitutes, e.term_ends_on::text as "termEndsOn", e.status, e.lots,
          exists (select 1 from polls p where p.election_id = e.id) as polled,
          coalesce((select json_agg(json_build_object('id', c.id, 'personId', c.person_id, 'name', pe.first_name || ' ' || pe.last_name, 'outcome', c.outcome, 'votes', c.votes))
            from candidates c join persons pe on pe.id = c.person_id where c.election_id = e.id), '[]'::json) as candidates
        from elections e where e.assembly_id = ${assemblyId}
        order by e.created_at, e.id`,
  );
  const collator = new Intl.Collator(locale);
  return rows.map((e) => {
    const decided = e.status === 'decided';
    const byVotes = (a: { votes: number | null; name: string }, b: { votes: number | null; name: string }) => (b.votes ?? 0) - (a.votes ?? 0) || collator.compare(a.name, b.name);
    const elected: MinutesElected[] = decided
      ? [...e.candidates.filter((c) => c.outcome === 'elected').sort(byVotes), ...e.candidates.filter((c) => c.outcome === 'substitute').sort(byVotes)].map((c) => {
          const seatKind: SeatKind = c.outcome === 'elected' ? 'member' : 'substitute';
          return { name: c.name, seatKind, seatText: seatKind === 'member' ? t('minutes.election.member') : t('minutes.election.substitute'), votes: c.votes };
        })
      : [];
    // A lot names candidates by their candidate id or their person id; either reads as the name.
    const nameOf = (id: string) => e.candidates.find((c) => c.id === id || c.personId === id)?.name ?? id;
    const lots = (e.lots ?? []).map((l) =>
      t('minutes.election.lot', {
        tied: l.tied.map(nameOf).join(', '),
        chosen: l.chosen.map(nameOf).join(', '),
        place: l.place === 'member' ? t('minutes.election.member') : t('minutes.election.substitute'),
      }),
    );
    return {
      id: e.id,
      itemId: e.itemId,
      title: e.title,
      seats: e.seats,
      substitutes: e.substitutes,
      termEndsOn: e.termEndsOn,
      termEndsText: day(locale, e.termEndsOn, zone),
      decided,
      unopposed: decided && !e.polled,
      elected,
      lots,
    };
  });
}

/**
 * The minutes of an assembly as they stand, in `locale`. The caller has checked that the reader may
 * read them (`assembly.read_minutes`); null when there is no such assembly.
 */
export async function minutesContent(db: Db, assemblyId: string, locale: Locale): Promise<MinutesContent | null> {
  const t = translator(locale);
  const assembly = await loadHeader(db, assemblyId, locale);
  if (!assembly) return null;
  const [agenda, motions, polls, elections] = await Promise.all([
    loadAgenda(db, assemblyId),
    loadMotions(db, assemblyId, t),
    loadPolls(db, assemblyId, t, locale),
    loadElections(db, assemblyId, t, locale, assembly.timeZone),
  ]);
  const motionsItem = agenda.find((i) => i.kind === 'motions')?.id ?? null;
  const strip = <T extends { itemId: string | null }>({ itemId: _, ...rest }: T): Omit<T, 'itemId'> => rest;
  const items: MinutesItem[] = agenda.map((i) => ({
    id: i.id,
    position: i.position,
    kind: i.kind,
    title: i.title,
    notes: i.notes,
    decision: i.decision,
    motions: motions.filter((m) => (m.itemId ?? motionsItem) === i.id).map(strip),
    polls: polls.filter((p) => p.itemId === i.id).map(strip),
    elections: elections.filter((e) => e.itemId === i.id).map(strip),
  }));
  const otherMotions = motionsItem === null ? motions.filter((m) => m.itemId === null).map(strip) : [];
  return { locale, assembly, items, otherMotions };
}
