import { sql } from 'drizzle-orm';
import { reachesUnit, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { forbidden, invalidInput, notFound, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { electionFailure, type ElectionFailure } from './elect-answers.js';
import type { BodyInput, TermInput } from './elect-schema.js';
import type { SeatKind } from './election-tables.js';

/*
 * A unit's bodies (its board) and the terms on them. A member's term is also a `board` role
 * assignment in the register, with the same period, so being elected gives the board's access the
 * same day and the term's end takes it away without anyone remembering to. Substitutes hold a term
 * but no role: they step in only when a member leaves.
 */

export type Vacancies = { seats: number; substitutes: number };

export type BodyView = {
  id: string;
  unitId: string;
  name: string;
  seats: number;
  substitutes: number;
  termYears: number;
  /** Today's vacancies. */
  vacancies: Vacancies;
};

const isId = (v: string) => /^[0-9a-f-]{36}$/i.test(v);

/**
 * A body's vacancies on `day`: its seats and substitute places less the terms that go on past that
 * day. A term ending on the day itself counts as vacant: it is the seat that day's assembly refills.
 */
export async function bodyVacancies(db: Db, bodyId: string, day: string): Promise<Vacancies> {
  const [r] = await queryRows<Vacancies>(
    db,
    sql`select b.seats - (select count(*)::int from body_terms t where t.body_id = b.id and t.seat_kind = 'member' and t.starts_on <= ${day}::date and (t.ends_on is null or t.ends_on > ${day}::date)) as seats,
          b.substitutes - (select count(*)::int from body_terms t where t.body_id = b.id and t.seat_kind = 'substitute' and t.starts_on <= ${day}::date and (t.ends_on is null or t.ends_on > ${day}::date)) as substitutes
        from bodies b where b.id = ${bodyId}`,
  );
  return { seats: Math.max(0, r?.seats ?? 0), substitutes: Math.max(0, r?.substitutes ?? 0) };
}

/** The bodies of a unit with today's vacancies, by name. Public knowledge, like the unit. */
export async function listBodies(db: Db, unitId: string): Promise<BodyView[]> {
  if (!isId(unitId)) return [];
  const rows = await queryRows<Omit<BodyView, 'vacancies'> & { takenSeats: number; takenSubstitutes: number }>(
    db,
    sql`select b.id, b.unit_id as "unitId", b.name, b.seats, b.substitutes, b.term_years as "termYears",
          count(t.id) filter (where t.seat_kind = 'member')::int as "takenSeats",
          count(t.id) filter (where t.seat_kind = 'substitute')::int as "takenSubstitutes"
        from bodies b left join body_terms t on t.body_id = b.id and t.starts_on <= current_date and (t.ends_on is null or t.ends_on >= current_date)
        where b.unit_id = ${unitId} group by b.id order by b.name, b.id`,
  );
  return rows.map(({ takenSeats, takenSubstitutes, ...b }) => ({ ...b, vacancies: { seats: Math.max(0, b.seats - takenSeats), substitutes: Math.max(0, b.substitutes - takenSubstitutes) } }));
}

export async function findBody(db: Db, bodyId: string): Promise<BodyView | null> {
  if (!isId(bodyId)) return null;
  const [unit] = await queryRows<{ unitId: string }>(db, sql`select unit_id as "unitId" from bodies where id = ${bodyId}`);
  if (!unit) return null;
  return (await listBodies(db, unit.unitId)).find((b) => b.id === bodyId) ?? null;
}

export type BodyResult = { ok: true; body: BodyView } | Refusal | Invalid | ElectionFailure<'body_name_taken'>;

/** Staff whose grant reaches the unit set up one of its bodies: its seats, substitutes and term. */
export async function createBody(db: Db, actor: Actor, input: BodyInput): Promise<BodyResult> {
  return db.transaction(async (tx): Promise<BodyResult> => {
    if (!isId(input.unitId)) return notFound;
    const [unit] = await queryRows<{ id: string }>(tx, sql`select id from units where id = ${input.unitId}`);
    if (!unit) return notFound;
    if (!reachesUnit(actor, input.unitId, 'staff')) return forbidden;
    const [taken] = await queryRows<{ id: string }>(tx, sql`select id from bodies where unit_id = ${input.unitId} and lower(name) = lower(${input.name})`);
    if (taken) return electionFailure('body_name_taken', { name: input.name });
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`insert into bodies (unit_id, name, seats, substitutes, term_years) values (${input.unitId}, ${input.name}, ${input.seats}, ${input.substitutes}, ${input.termYears}) returning id`,
    );
    await audit(tx, actor, { action: 'create', entityType: 'body', entityId: row.id, fields: ['name', 'seats', 'substitutes', 'termYears'] });
    return { ok: true, body: (await findBody(tx, row.id))! };
  });
}

export type NewTerm = { bodyId: string; unitId: string; personId: string; seatKind: SeatKind; title: string | null; startsOn: string; endsOn: string | null; electionId: string | null };

/** Writes a term and, for a member's seat, its `board` role assignment with the same period; audited. */
export async function addBodyTerm(tx: Db, actor: Actor, term: NewTerm): Promise<string> {
  let roleAssignmentId: string | null = null;
  if (term.seatKind === 'member') {
    const [ra] = await queryRows<{ id: string }>(
      tx,
      sql`insert into role_assignments (person_id, role, unit_id, starts_on, ends_on) values (${term.personId}, 'board', ${term.unitId}, ${term.startsOn}::date, ${term.endsOn}::date) returning id`,
    );
    roleAssignmentId = ra.id;
    await audit(tx, actor, { action: 'create', entityType: 'role_assignment', entityId: ra.id, fields: ['role', 'unitId', 'startsOn', 'endsOn'] });
  }
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into body_terms (body_id, person_id, seat_kind, title, starts_on, ends_on, election_id, role_assignment_id)
        values (${term.bodyId}, ${term.personId}, ${term.seatKind}, ${term.title}, ${term.startsOn}::date, ${term.endsOn}::date, ${term.electionId}, ${roleAssignmentId}) returning id`,
  );
  await audit(tx, actor, { action: 'create', entityType: 'body_term', entityId: row.id, fields: ['personId', 'seatKind', 'startsOn', 'endsOn', ...(term.electionId ? ['electionId'] : [])] });
  return row.id;
}

export type TermResult = { ok: true; termId: string; body: BodyView } | Refusal | Invalid;

/**
 * Staff record a term held already — the board as it sat before Forening knew it, or a member the
 * body co-opted — so that vacancies and the board page start from the truth.
 */
export async function recordBodyTerm(db: Db, actor: Actor, bodyId: string, input: TermInput): Promise<TermResult> {
  return db.transaction(async (tx): Promise<TermResult> => {
    const body = await findBody(tx, bodyId);
    if (!body) return notFound;
    if (!reachesUnit(actor, body.unitId, 'staff')) return forbidden;
    const [person] = await queryRows<{ id: string }>(tx, sql`select id from persons where id = ${input.personId}`);
    if (!person) return invalidInput({ path: 'personId', code: 'body.person_unknown' });
    if (input.endsOn !== null && input.endsOn < input.startsOn) return invalidInput({ path: 'endsOn', code: 'body.ends_before_start' });
    const termId = await addBodyTerm(tx, actor, { bodyId, unitId: body.unitId, personId: input.personId, seatKind: input.seatKind, title: input.title, startsOn: input.startsOn, endsOn: input.endsOn, electionId: null });
    return { ok: true, termId, body: (await findBody(tx, bodyId))! };
  });
}
