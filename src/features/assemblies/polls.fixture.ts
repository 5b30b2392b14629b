import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows } from '../../platform/db/database.js';
import { calledAssembly, inSession, type AssemblyWorld, type Someone } from './assemblies.fixture.js';
import { castBallot, type BallotChoice, type BallotResult } from './ballots.js';
import { closePoll, publishPoll } from './poll-close.js';
import { pollInput } from './poll-schema.js';
import { createPoll, openPoll } from './polls.js';
import type { AgendaItemView } from './queries.js';
import type { AgendaItemKind, AssemblyRules } from './tables.js';

/*
 * The polls' tests start from a hall: an assembly of the north in session with its rules as the test
 * wants them and some members checked in. `poll` makes (and opens) a poll on an item of a kind.
 */

export type Hall = { id: string; agenda: AgendaItemView[]; chair: Someone };

/** An assembly in session; `rules` changes the rules copied onto it; `present` are checked in. */
export async function hall(w: AssemblyWorld, opts: { rules?: Partial<AssemblyRules>; present?: readonly Someone[]; chair?: Someone; eventId?: string } = {}): Promise<Hall> {
  const chair = opts.chair ?? w.members[0];
  const a = await calledAssembly(w, { chairPersonId: chair.id, ...(opts.eventId ? { eventId: opts.eventId } : {}) });
  if (opts.rules) await w.database.db.execute(sql`update assemblies set rules = rules || ${JSON.stringify(opts.rules)}::jsonb where id = ${a.id}`);
  await inSession(w, a.id, opts.present ?? []);
  return { id: a.id, agenda: a.agenda, chair };
}

export const itemOf = (h: Hall, kind: AgendaItemKind = 'motions') => h.agenda.find((i) => i.kind === kind)!.id;

/** A poll made by the chair on an item (default: motions), opened unless `open: false`. */
export async function poll(w: AssemblyWorld, h: Hall, input: Record<string, unknown> = {}, opts: { open?: boolean; kind?: AgendaItemKind } = {}): Promise<string> {
  const made = await createPoll(w.database.db, h.chair.actor, h.id, pollInput.parse({ itemId: itemOf(h, opts.kind), title: 'Afstemning', method: 'yes_no_abstain', secret: true, ...input }));
  if (!made.ok) throw new Error(`createPoll: ${JSON.stringify(made)}`);
  if (opts.open !== false) {
    const opened = await openPoll(w.database.db, h.chair.actor, made.poll.id);
    if (!opened.ok) throw new Error(`openPoll: ${JSON.stringify(opened)}`);
  }
  return made.poll.id;
}

export async function vote(w: AssemblyWorld, who: Someone | Actor, pollId: string, ballot: BallotChoice, forMemberId?: string): Promise<BallotResult> {
  return castBallot(w.database.db, 'actor' in who ? who.actor : who, pollId, ballot, { forMemberId });
}

/** Closes and publishes as the chair, failing loudly. */
export async function closeAndPublish(w: AssemblyWorld, h: Hall, pollId: string) {
  const closed = await closePoll(w.database.db, h.chair.actor, pollId);
  if (!closed.ok) throw new Error(`closePoll: ${JSON.stringify(closed)}`);
  const published = await publishPoll(w.database.db, h.chair.actor, pollId);
  if (!published.ok) throw new Error(`publishPoll: ${JSON.stringify(published)}`);
  return published.poll;
}

/** Row counts of everything a ballot, a proxy or a check-in may write, to compare before and after a refusal. */
export async function written(w: AssemblyWorld): Promise<Record<string, number>> {
  const [r] = await queryRows<Record<string, number>>(
    w.database.db,
    sql`select (select count(*)::int from poll_voters) as voters, (select count(*)::int from secret_ballots) as secret,
          (select count(*)::int from named_ballots) as named, (select count(*)::int from assembly_proxies) as proxies,
          (select count(*)::int from assembly_attendance) as attendance, (select count(*)::int from polls) as polls,
          (select count(*)::int from written_ballot_requests) as requests, (select count(*)::int from audit_events) as audit`,
  );
  return r;
}
