import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { quorumState } from './presence.js';
import { eligibleCountSql } from './poll-view.js';
import { loadSpeakerList, type SpeakerList } from './speakers.js';
import type { AgendaItemKind, AssemblyStatus } from './tables.js';
import type { PollMethod, PollMode, PollResult, PollStatus } from './poll-tables.js';

/*
 * What the hall shows now, read once per change (not once per screen): the item on the floor, who
 * is present against the quorum, the speakers' list and the polls of the item with their turnout.
 * The pages render it, and the live stream sends it as JSON. `keys` fingerprint each region of the
 * pages so a screen re-fetches only the region whose shape changed; `counts` are the numbers that
 * change on every ballot and check-in, which a screen writes into place without asking again.
 */

export type HallItem = { id: string; position: number; kind: AgendaItemKind; title: string };

export type HallPollOption = { id: string; label: string; position: number };

export type HallPoll = {
  id: string;
  itemId: string;
  title: string;
  method: PollMethod;
  mode: PollMode;
  status: PollStatus;
  maxMarks: number;
  eligible: number;
  voted: number;
  writtenBallotRequests: number;
  options: HallPollOption[];
  /** Only once published: until then the counts are the chair's. */
  result: PollResult | null;
};

/** The page regions that follow the hall: the session (item on the floor, quorum), the speakers, the polls. */
export const hallRegions = ['session', 'speakers', 'polls'] as const;
export type HallRegion = (typeof hallRegions)[number];

export type HallState = {
  assemblyId: string;
  title: string;
  status: AssemblyStatus;
  currentItem: HallItem | null;
  present: number;
  rollSize: number;
  /** Members present needed for the quorum of an ordinary decision (null: the statutes set none). */
  quorumNeeded: number | null;
  quorumMet: boolean;
  speakers: SpeakerList | null;
  polls: HallPoll[];
  keys: Record<HallRegion, string>;
  counts: Record<string, number>;
};

const fingerprint = (parts: unknown) => createHash('sha1').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);

/** A poll's counter names on the pages and in the stream's `counts`. */
export const votedCounter = (pollId: string) => `voted-${pollId}`;
export const eligibleCounter = (pollId: string) => `eligible-${pollId}`;
export const requestsCounter = (pollId: string) => `requests-${pollId}`;

/** The hall's state of one assembly, or null when there is no such assembly. */
export async function loadHallState(db: Db, assemblyId: string): Promise<HallState | null> {
  const [a] = await queryRows<{ title: string; status: AssemblyStatus; currentItemId: string | null }>(
    db,
    sql`select a.title, a.status, a.current_item_id as "currentItemId" from assemblies a where a.id = ${assemblyId}`,
  );
  if (!a) return null;
  // Presence, proxies and quorum as the ballots count them (attendance.ts), so the screens never disagree with a vote.
  const q = await quorumState(db, assemblyId);
  const [item] = a.currentItemId ? await queryRows<HallItem>(db, sql`select id, position, kind, title from agenda_items where id = ${a.currentItemId}`) : [];
  const polls = await loadHallPolls(db, assemblyId, a.currentItemId);
  const speakers = item ? await loadSpeakerList(db, item.id) : null;
  const quorumNeeded = q.quorum.ordinary.fraction === null ? null : q.quorum.ordinary.needed;
  const quorumMet = q.met;
  const present = q.present;
  const rollSize = q.roll;
  const counts: Record<string, number> = { present, rollSize };
  for (const p of polls) {
    counts[votedCounter(p.id)] = p.voted;
    counts[eligibleCounter(p.id)] = p.eligible;
    counts[requestsCounter(p.id)] = p.writtenBallotRequests;
  }
  return {
    assemblyId,
    title: a.title,
    status: a.status,
    currentItem: item ?? null,
    present,
    rollSize,
    quorumNeeded,
    quorumMet,
    speakers,
    polls,
    keys: {
      session: fingerprint([a.status, item ?? null, quorumNeeded, quorumMet]),
      speakers: fingerprint(speakers ? [speakers.itemId, speakers.closed, speakers.speakers.map((s) => [s.id, s.status, s.position])] : null),
      polls: fingerprint(polls.map((p) => [p.id, p.status, p.mode, p.title, p.writtenBallotRequests > 0, p.options.map((o) => o.id)])),
    },
    counts,
  };
}

/**
 * The polls the hall sees: those of the item on the floor, and any poll open elsewhere (a vote is
 * never hidden because the chair moved on). Turnout as the API gives it (poll-view.ts): the eligible
 * are those who voted and those who still may, and after the close the count taken then.
 */
async function loadHallPolls(db: Db, assemblyId: string, itemId: string | null): Promise<HallPoll[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.id, p.item_id as "itemId", p.title, p.method, p.mode, p.status, p.max_marks as "maxMarks", p.result,
          (select count(*)::int from poll_voters v where v.poll_id = p.id) as voted,
          ${eligibleCountSql(sql`p.id`, assemblyId)} as "eligibleNow",
          (select count(*)::int from written_ballot_requests w where w.poll_id = p.id) as "writtenBallotRequests",
          coalesce((select json_agg(json_build_object('id', o.id, 'label', o.label, 'position', o.position) order by o.position) from poll_options o where o.poll_id = p.id), '[]'::json) as options
        from polls p
        where p.assembly_id = ${assemblyId} and (p.status = 'open' or ${itemId ? sql`p.item_id = ${itemId}` : sql`false`})
        order by p.created_at`,
  );
  return rows.map((r) => {
    const result = (r.result as PollResult | null) ?? null;
    const status = r.status as PollStatus;
    return {
      ...(r as unknown as HallPoll),
      eligible: result ? result.eligible : (r.eligibleNow as number),
      result: status === 'published' ? result : null,
    };
  });
}

/** The state as the live stream sends it: no person ids (a screen needs names, not keys to the register). */
export function liveMessage(state: HallState) {
  return {
    assemblyId: state.assemblyId,
    status: state.status,
    currentItem: state.currentItem,
    present: state.present,
    rollSize: state.rollSize,
    quorumNeeded: state.quorumNeeded,
    quorumMet: state.quorumMet,
    speakers: state.speakers ? { closed: state.speakers.closed, list: state.speakers.speakers.map(({ id, name, status, position }) => ({ id, name, status, position })) } : null,
    polls: state.polls.map(({ id, itemId, title, method, mode, status, maxMarks, eligible, voted, options, result }) => ({ id, itemId, title, method, mode, status, maxMarks, eligible, voted, options, result })),
    keys: state.keys,
    counts: state.counts,
  };
}
