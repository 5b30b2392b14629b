import { sql } from 'drizzle-orm';
import { actorPersonId, system, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { invalidInput, type FieldProblem, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { assemblyFor } from './access.js';
import { wrongStatus, type WrongStatus } from './assemblies.js';
import { electionStatus, type ElectionFailure } from './elect-answers.js';
import { addBodyTerm, bodyVacancies, findBody } from './elect-bodies.js';
import { drawLots, placeByVotes, type Draw } from './elect-lots.js';
import { electionFor, findElection, loadElection, type ElectionRow, type ElectionView } from './elect-queries.js';
import type { ElectionInput } from './elect-schema.js';
import { notifyAssembly } from './live.js';
import { insertPoll } from './poll-create.js';
import type { PollResult } from './poll-tables.js';

/*
 * Elections to a unit's body. Setting one up, starting it (unopposed: decided at once; contested: a
 * secret poll where each voter marks up to the seats) and deciding it from the poll's published
 * result. The poll itself runs through the polls' own use cases; poll-close.ts calls
 * `decideElectionFromPoll` when it publishes, so this file imports nothing of the polls but the
 * writer of a poll (poll-create.ts) — that keeps the imports free of cycles.
 */

export type ElectionResult = { ok: true; election: ElectionView } | Refusal | Invalid | WrongStatus;

const isId = (v: string) => /^[0-9a-f-]{36}$/i.test(v);

/**
 * Sets up an election on an agenda item of kind `election` (the chair or staff). The body must be the
 * assembly's unit's. Left out, the seats and substitute places are the body's vacancies on the
 * assembly's day and the term runs the body's term length from that day; a by-election gives the end
 * of the term it fills (`termEndsOn`) and fills fewer seats than the body has, because others sit.
 */
export async function createElection(db: Db, actor: Actor, assemblyId: string, input: ElectionInput): Promise<ElectionResult> {
  return db.transaction(async (tx): Promise<ElectionResult> => {
    const found = await assemblyFor(tx, actor, assemblyId, 'assembly.run', { lock: true });
    if (!found.ok) return found;
    const a = found.assembly;
    if (a.status !== 'draft' && a.status !== 'notice_sent' && a.status !== 'in_session') return wrongStatus(a.status);
    const problems: FieldProblem[] = [];
    const [item] = isId(input.itemId) ? await queryRows<{ kind: string }>(tx, sql`select kind from agenda_items where id = ${input.itemId} and assembly_id = ${assemblyId}`) : [];
    if (!item) problems.push({ path: 'itemId', code: 'election.item_unknown' });
    else if (item.kind !== 'election') problems.push({ path: 'itemId', code: 'election.item_not_election', params: { itemId: input.itemId } });
    const body = await findBody(tx, input.bodyId);
    if (!body) problems.push({ path: 'bodyId', code: 'election.body_unknown' });
    else if (body.unitId !== a.unitId) problems.push({ path: 'bodyId', code: 'election.body_other_unit' });
    if (!body || body.unitId !== a.unitId) return invalidInput(...problems);
    const [{ day, fullTerm }] = await queryRows<{ day: string; fullTerm: string }>(
      tx,
      sql`select d::text as day, (d + make_interval(years => ${body.termYears}))::date::text as "fullTerm"
          from (select (starts_at at time zone time_zone)::date as d from assemblies where id = ${assemblyId}) x`,
    );
    const vacant = await bodyVacancies(tx, body.id, day);
    if (input.seats === null && vacant.seats === 0) problems.push({ path: 'seats', code: 'election.no_vacancies', params: { day } });
    if (input.seats !== null && input.seats > vacant.seats) problems.push({ path: 'seats', code: 'election.seats_exceed_vacancies', params: { vacancies: vacant.seats } });
    if (input.substitutes !== null && input.substitutes > vacant.substitutes) problems.push({ path: 'substitutes', code: 'election.substitutes_exceed_vacancies', params: { vacancies: vacant.substitutes } });
    const termEndsOn = input.termEndsOn ?? fullTerm;
    if (termEndsOn <= day) problems.push({ path: 'termEndsOn', code: 'election.term_ends_too_early', params: { day } });
    if (problems.length > 0) return invalidInput(...problems);
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`insert into elections (assembly_id, item_id, body_id, title, seats, substitutes, term_ends_on)
          values (${assemblyId}, ${input.itemId}, ${body.id}, ${input.title ?? body.name}, ${input.seats ?? vacant.seats}, ${input.substitutes ?? vacant.substitutes}, ${termEndsOn}::date)
          returning id`,
    );
    await audit(tx, actor, { action: 'create', entityType: 'election', entityId: row.id, fields: Object.keys(input).filter((k) => input[k as keyof ElectionInput] !== null) });
    await notifyAssembly(tx, assemblyId, 'election');
    return { ok: true, election: (await loadElection(tx, actor, a, row.id))! };
  });
}

/**
 * The elected take their seats at once: a term from the assembly's day (today, if the assembly is
 * decided ahead of its day — no one sits before they are elected) to the term's end, with the `board`
 * role for a member's seat. Substitutes get a term without the role.
 */
async function seatTheElected(tx: Db, actor: Actor, e: ElectionRow, elected: readonly { candidateId: string; personId: string }[], substitutes: readonly { candidateId: string; personId: string }[]): Promise<void> {
  const [{ startsOn }] = await queryRows<{ startsOn: string }>(tx, sql`select least(${e.assemblyDay}::date, current_date)::text as "startsOn"`);
  const seat = async (c: { personId: string }, seatKind: 'member' | 'substitute') =>
    addBodyTerm(tx, actor, { bodyId: e.bodyId, unitId: e.unitId, personId: c.personId, seatKind, title: null, startsOn, endsOn: e.termEndsOn, electionId: e.id });
  for (const c of elected) await seat(c, 'member');
  for (const c of substitutes) await seat(c, 'substitute');
}

type Standing = { id: string; personId: string; name: string };

/** The candidates who stand (accepted), in the order they were nominated. */
async function standing(tx: Db, electionId: string): Promise<Standing[]> {
  return queryRows<Standing>(
    tx,
    sql`select c.id, c.person_id as "personId", p.first_name || ' ' || p.last_name as name from candidates c join persons p on p.id = c.person_id
        where c.election_id = ${electionId} and c.accepted_at is not null order by c.created_at, c.id`,
  );
}

export type StartResult = { ok: true; election: ElectionView; pollId: string | null } | Refusal | WrongStatus | ElectionFailure<'election_status'>;

/**
 * Starts the election in session (the chair or staff); nominations close. No more candidates than
 * seats: all are elected unopposed, without a poll, and the substitute places stay vacant. More: a
 * secret poll (choice, up to `seats` marks, one option per candidate) is made for the chair to open,
 * close and publish like any poll; publishing it decides the election.
 */
export async function startElection(db: Db, actor: Actor, electionId: string): Promise<StartResult> {
  return db.transaction(async (tx): Promise<StartResult> => {
    const found = await electionFor(tx, actor, electionId, 'assembly.run', { lock: true });
    if (!found.ok) return found;
    const { election: e, assembly: a } = found;
    if (a.status !== 'in_session') return wrongStatus(a.status);
    if (e.status !== 'nominating') return electionStatus(e.status);
    const stand = await standing(tx, e.id);
    let pollId: string | null = null;
    if (stand.length <= e.seats) {
      await tx.execute(sql`update candidates set outcome = 'elected' where election_id = ${e.id} and accepted_at is not null`);
      await tx.execute(sql`update elections set status = 'decided', decided_at = now() where id = ${e.id}`);
      await seatTheElected(tx, actor, e, stand.map((c) => ({ candidateId: c.id, personId: c.personId })), []);
      await audit(tx, actor, { action: 'update', entityType: 'election', entityId: e.id, fields: ['status', 'candidates'] });
    } else {
      pollId = await insertPoll(tx, {
        assemblyId: e.assemblyId,
        itemId: e.itemId,
        title: e.title,
        method: 'choice',
        mode: 'secret',
        voteKind: 'ordinary',
        maxMarks: e.seats,
        options: stand.map((c) => ({ label: c.name, candidateId: c.id })),
        electionId: e.id,
        createdBy: actorPersonId(actor),
      });
      await tx.execute(sql`update elections set status = 'polling' where id = ${e.id}`);
      await audit(tx, actor, { action: 'create', entityType: 'poll', entityId: pollId, fields: ['electionId', 'options', 'maxMarks'] });
      await audit(tx, actor, { action: 'update', entityType: 'election', entityId: e.id, fields: ['status'] });
    }
    await notifyAssembly(tx, e.assemblyId, 'election');
    return { ok: true, election: (await loadElection(tx, actor, a, e.id))!, pollId };
  });
}

/**
 * Decides an election from its poll's published result, in the publisher's transaction: the votes
 * per candidate, seats to the most votes and then the substitute places, a tie at a boundary settled
 * by a drawing of lots that is recorded (`elections.lots`), and the elected seated. A poll without
 * quorum decides nothing: the election stays polling. `draw` is for tests that must know the lot.
 */
export async function decideElectionFromPoll(tx: Db, electionId: string, result: PollResult, actor: Actor = system, draw: Draw = drawLots): Promise<void> {
  const e = await findElection(tx, electionId, { lock: true });
  if (!e || e.status !== 'polling' || result.outcome === 'no_quorum') return;
  const options = await queryRows<{ optionId: string; candidateId: string }>(
    tx,
    sql`select o.id as "optionId", o.candidate_id as "candidateId" from poll_options o join polls p on p.id = o.poll_id
        where p.election_id = ${electionId} and o.candidate_id is not null`,
  );
  const votesOf = new Map<string, number>();
  for (const o of options) if (o.optionId in result.counts) votesOf.set(o.candidateId, result.counts[o.optionId] ?? 0);
  const stand = (await standing(tx, electionId)).filter((c) => votesOf.has(c.id));
  const placed = placeByVotes(
    stand.map((c) => ({ id: c.id, votes: votesOf.get(c.id)! })),
    e.seats,
    e.substitutes,
    draw,
  );
  const outcomeOf = (id: string) => (placed.elected.includes(id) ? 'elected' : placed.substitutes.includes(id) ? 'substitute' : 'not_elected');
  for (const c of stand) {
    await tx.execute(sql`update candidates set votes = ${votesOf.get(c.id)!}, outcome = ${outcomeOf(c.id)} where id = ${c.id}`);
  }
  await tx.execute(sql`update elections set status = 'decided', decided_at = now(), lots = ${placed.lots.length > 0 ? JSON.stringify(placed.lots) : null}::jsonb where id = ${electionId}`);
  const person = (id: string) => ({ candidateId: id, personId: stand.find((c) => c.id === id)!.personId });
  await seatTheElected(tx, actor, e, placed.elected.map(person), placed.substitutes.map(person));
  await audit(tx, actor, { action: 'update', entityType: 'election', entityId: electionId, fields: ['status', 'candidates', ...(placed.lots.length > 0 ? ['lots'] : [])] });
  await notifyAssembly(tx, e.assemblyId, 'election');
}
