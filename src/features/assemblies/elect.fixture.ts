import type { AssemblyWorld, Someone } from './assemblies.fixture.js';
import { createBody } from './elect-bodies.js';
import { nominate } from './elect-candidates.js';
import { createElection } from './elect-elections.js';
import { candidateInput, electionInput } from './elect-schema.js';
import { itemOf, type Hall } from './polls.fixture.js';

/* The elections' tests: a body of the north, an election on a hall's election item, candidates. */

let n = 0;

export async function northBody(w: AssemblyWorld, shape: { seats: number; substitutes?: number; termYears?: number }) {
  const r = await createBody(w.database.db, w.staffNorth.actor, { unitId: w.org.north, name: `Bestyrelsen ${++n}`, seats: shape.seats, substitutes: shape.substitutes ?? 0, termYears: shape.termYears ?? 2 });
  if (!r.ok) throw new Error(`createBody: ${JSON.stringify(r)}`);
  return r.body;
}

export async function election(w: AssemblyWorld, h: Hall, bodyId: string, input: Record<string, unknown> = {}) {
  const r = await createElection(w.database.db, h.chair.actor, h.id, electionInput.parse({ itemId: itemOf(h, 'election'), bodyId, ...input }));
  if (!r.ok) throw new Error(`createElection: ${JSON.stringify(r)}`);
  return r.election;
}

/** Each person nominates themselves, in order; returns the candidates' ids. */
export async function standing(w: AssemblyWorld, h: Hall, electionId: string, people: readonly Someone[]): Promise<string[]> {
  const ids: string[] = [];
  for (const p of people) {
    const r = await nominate(w.database.db, p.actor, h.id, candidateInput.parse({ electionId, personId: p.id, presentation: `Jeg hedder ${p.id.slice(0, 4)}.` }));
    if (!r.ok) throw new Error(`nominate: ${JSON.stringify(r)}`);
    ids.push(r.candidate.id);
  }
  return ids;
}
