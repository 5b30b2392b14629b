import { randomInt } from 'node:crypto';
import type { DrawnLot } from './election-tables.js';

/*
 * Filling the places of an election from the votes. Kept apart from the database so that every
 * boundary (a tie for the last seat, for the last substitute place, across both) is tested on its
 * own numbers, with a drawing of lots the test controls.
 */

/** Draws `n` of `pool` by lot; `crypto.randomInt`, so no one can foresee or steer the draw. */
export type Draw = (pool: readonly string[], n: number) => string[];

export const drawLots: Draw = (pool, n) => {
  const rest = [...pool];
  const chosen: string[] = [];
  while (chosen.length < n && rest.length > 0) chosen.push(rest.splice(randomInt(rest.length), 1)[0]);
  return chosen;
};

export type Placed = { elected: string[]; substitutes: string[]; notElected: string[]; lots: DrawnLot[] };

/**
 * Seats go to the most votes, then substitute places, in that order; a candidate needs one vote at
 * least. Candidates with as many votes as each other are placed together while there is room for
 * all of them; where there is not (a tie at a boundary) the lot chooses among them, and the lot is
 * recorded: who tied, who was chosen, for which kind of place. Those the lot passed over for a seat
 * still come before fewer votes for the substitute places. `candidates` are in nomination order.
 */
export function placeByVotes(candidates: readonly { id: string; votes: number }[], seats: number, substitutes: number, draw: Draw = drawLots): Placed {
  const byVotes = new Map<number, string[]>();
  for (const c of candidates) if (c.votes > 0) byVotes.set(c.votes, [...(byVotes.get(c.votes) ?? []), c.id]);
  const groups = [...byVotes.entries()].sort((a, b) => b[0] - a[0]).map(([, ids]) => ids);
  const placed: Placed = { elected: [], substitutes: [], notElected: [], lots: [] };
  const fill = (into: string[], room: number, group: string[], place: DrawnLot['place']): string[] => {
    if (room <= 0) return group;
    if (group.length <= room) {
      into.push(...group);
      return [];
    }
    const chosen = draw(group, room);
    placed.lots.push({ tied: [...group], chosen: [...chosen], place });
    into.push(...chosen);
    return group.filter((id) => !chosen.includes(id));
  };
  for (const group of groups) {
    const left = fill(placed.elected, seats - placed.elected.length, group, 'member');
    const out = fill(placed.substitutes, substitutes - placed.substitutes.length, left, 'substitute');
    placed.notElected.push(...out);
  }
  for (const c of candidates) if (c.votes <= 0) placed.notElected.push(c.id);
  return placed;
}
