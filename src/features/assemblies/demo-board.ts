import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { DemoContext } from '../../kernel/feature.js';
import { loadGrants } from '../../kernel/grants.js';
import { createBody, recordBodyTerm } from './elect-bodies.js';
import { createElection, startElection } from './elect-elections.js';
import { nominate } from './elect-candidates.js';
import { bodyInput, candidateInput, electionInput, termInput } from './elect-schema.js';
import { openPoll } from './polls.js';
import { closePoll, publishPoll } from './poll-close.js';
import { castBallot } from './ballots.js';
import { pollOptionsOf } from './poll-create.js';

const PRESENTATIONS = [
  'Tillidsrepræsentant på et bosted i otte år. Jeg vil arbejde for klubber på de store arbejdspladser.',
  'Pædagog og arbejdsmiljørepræsentant. Arbejdsmiljøet på bostederne skal op på bestyrelsens bord.',
  'Ny i faget og vil gerne give de unge medlemmer en stemme i kredsen.',
  'Socialrådgiver i kommunen; jeg har siddet i bestyrelsen før og stiller op igen.',
];

/** Who marks whom: six ways of voting, each by a seventh of the hall, so the four get 35, 28, 21 and 14 votes. */
const PATTERNS = [[0, 1, 2], [0, 1, 3], [0, 2, 3], [0, 1], [1, 2], [0]];

/** A demo person as the request context would load them, to act through the use cases. */
export async function personActor(tx: Db, personId: string): Promise<Actor> {
  return { kind: 'person', personId, firstName: '', lastName: '', grants: await loadGrants(tx, personId) };
}

/** A use case's success, or the demo stops saying which step failed and why. */
export function must<T extends { ok: boolean }>(what: string, r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`demo assemblies: ${what} failed: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

/**
 * Kreds Nord's board as the seed article has it: four seats, one held by the chair elected the year
 * before, three vacant and filled at the assembly by a by-election for the rest of the term — four
 * candidates, a secret ballot, three elected and the fourth first substitute.
 */
export async function seedDemoBoard(
  tx: Db,
  _ctx: DemoContext,
  d: { assemblyId: string; itemId: string; unitId: string; chair: Actor; staff: Actor; present: readonly string[]; candidates: readonly string[]; sitting: string },
): Promise<void> {
  const body = must('body', await createBody(tx, d.staff, { ...bodyInput.parse({ name: 'Kredsbestyrelsen', seats: 4, substitutes: 1, termYears: 2 }), unitId: d.unitId })).body;
  // The chair was elected at last year's assembly for two years: 425 days ago, until 305 days from now.
  const [{ started, ends }] = await queryRows<{ started: string; ends: string }>(tx, sql`select (current_date - 425)::text as started, (current_date + 305)::text as ends`);
  must('sitting term', await recordBodyTerm(tx, d.staff, body.id, termInput.parse({ personId: d.sitting, seatKind: 'member', title: 'Formand', startsOn: started, endsOn: ends })));
  const election = must('election', await createElection(tx, d.chair, d.assemblyId, electionInput.parse({ itemId: d.itemId, bodyId: body.id, title: 'Suppleringsvalg til kredsbestyrelsen', seats: 3, substitutes: 1, termEndsOn: ends }))).election;
  for (const [n, id] of d.candidates.entries()) must('nominate', await nominate(tx, await personActor(tx, id), d.assemblyId, candidateInput.parse({ electionId: election.id, personId: id, presentation: PRESENTATIONS[n % PRESENTATIONS.length] })));
  const run = must('start', await startElection(tx, d.chair, election.id));
  if (!run.pollId) return;
  const options = await pollOptionsOf(tx, run.pollId);
  must('open', await openPoll(tx, d.chair, run.pollId));
  for (const [n, voter] of d.present.entries()) {
    const marks = PATTERNS[n % PATTERNS.length].map((i) => options[i].id);
    must('ballot', await castBallot(tx, await personActor(tx, voter), run.pollId, { choices: marks }));
  }
  must('close', await closePoll(tx, d.chair, run.pollId));
  must('publish', await publishPoll(tx, d.chair, run.pollId));
}
