import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { SeatKind } from './election-tables.js';

/*
 * A unit's board as everyone may know it: who sits, in which seat, from when to when, what is
 * vacant, and who sat before. Names and terms only — never a contact detail or a membership — so the
 * page and the API are public, like the unit itself.
 */

export type BoardTerm = { name: string; seatKind: SeatKind; title: string | null; startsOn: string; endsOn: string | null; elected: boolean };

export type BoardBody = {
  id: string;
  name: string;
  seats: number;
  substitutes: number;
  termYears: number;
  /** Terms current today, members first, then by name. */
  members: BoardTerm[];
  vacancies: { seats: number; substitutes: number };
  /** Terms that have ended, the latest first. */
  history: BoardTerm[];
};

export type UnitBoard = { unitId: string; unitName: string; bodies: BoardBody[] };

/** The unit's bodies with their terms, in two queries whatever their number; null for no such unit. */
export async function unitBoard(db: Db, unitId: string): Promise<UnitBoard | null> {
  if (!/^[0-9a-f-]{36}$/i.test(unitId)) return null;
  const [unit] = await queryRows<{ name: string }>(db, sql`select name from units where id = ${unitId}`);
  if (!unit) return null;
  const bodies = await queryRows<{ id: string; name: string; seats: number; substitutes: number; termYears: number }>(
    db,
    sql`select id, name, seats, substitutes, term_years as "termYears" from bodies where unit_id = ${unitId} order by name, id`,
  );
  const terms = await queryRows<BoardTerm & { bodyId: string; when: 'current' | 'past' | 'future' }>(
    db,
    sql`select t.body_id as "bodyId", p.first_name || ' ' || p.last_name as name, t.seat_kind as "seatKind", t.title,
          t.starts_on::text as "startsOn", t.ends_on::text as "endsOn", t.election_id is not null as elected,
          case when t.ends_on < current_date then 'past' when t.starts_on > current_date then 'future' else 'current' end as "when"
        from body_terms t join bodies b on b.id = t.body_id join persons p on p.id = t.person_id
        where b.unit_id = ${unitId}
        order by t.seat_kind = 'substitute', t.ends_on desc nulls first, t.starts_on desc, p.last_name, p.first_name`,
  );
  const strip = ({ bodyId: _b, when: _w, ...term }: BoardTerm & { bodyId: string; when: string }): BoardTerm => term;
  return {
    unitId,
    unitName: unit.name,
    bodies: bodies.map((b) => {
      const mine = terms.filter((t) => t.bodyId === b.id);
      const members = mine.filter((t) => t.when === 'current').map(strip);
      const taken = (kind: SeatKind) => members.filter((m) => m.seatKind === kind).length;
      return {
        ...b,
        members,
        vacancies: { seats: Math.max(0, b.seats - taken('member')), substitutes: Math.max(0, b.substitutes - taken('substitute')) },
        history: mine
          .filter((t) => t.when === 'past')
          .sort((x, y) => (y.endsOn ?? '').localeCompare(x.endsOn ?? '') || y.startsOn.localeCompare(x.startsOn))
          .map(strip),
      };
    }),
  };
}
