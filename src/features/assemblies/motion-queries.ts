import { sql, type SQL } from 'drizzle-orm';
import { actorPersonId, system, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { notFound, type Refusal } from '../../platform/outcomes.js';
import { assemblyFor, assemblyIdOf, findAssembly, type AssemblyRow } from './access.js';
import { can } from './policy.js';
import { linesText, motionLines, textWithAdopted, votingOrder, type AmendedText, type MotionLine, type VoteStep } from './motion-text.js';
import type { VoteKind } from './tables.js';
import type { AmendmentState, MotionState } from './motion-tables.js';
import { isoInstant } from '../../platform/db/sql.js';

/*
 * What a reader sees of an assembly's motions. Staff and the board of the unit, the chair and the
 * minute taker see every motion and amendment; a member of the roll sees those before the
 * assembly (admitted, and what became of them) and their own, the ones they co-sign included, with
 * the reason when one of theirs was refused. A motion out of sight reads as not found.
 */

export type MotionCosigner = { personId: string; name: string; confirmed: boolean };

export type MotionView = {
  id: string;
  assemblyId: string;
  number: number;
  title: string;
  body: string;
  reasoning: string | null;
  voteKind: VoteKind;
  state: MotionState;
  submittedById: string | null;
  submittedByName: string | null;
  submittedAt: string;
  /** Why staff took it in after the deadline. */
  lateReason: string | null;
  refusalReason: string | null;
  boardRecommendation: string | null;
  decidedAt: string | null;
  lines: MotionLine[];
  cosigners: MotionCosigner[];
  amendmentCount: number;
};

export type AmendmentView = {
  id: string;
  motionId: string;
  number: number;
  fromLine: number;
  toLine: number;
  /** The text of the lines it replaces, as they stand in the motion. */
  replaces: string;
  replacement: string;
  reasoning: string | null;
  state: AmendmentState;
  submittedById: string | null;
  submittedByName: string | null;
  submittedAt: string;
  refusalReason: string | null;
  decidedAt: string | null;
};

export type MotionDetail = MotionView & { amendments: AmendmentView[]; votingOrder: VoteStep[]; amended: AmendedText };

/** Does the reader see every motion of the assembly, whatever its state? */
export function seesAllMotions(actor: Actor, a: AssemblyRow): boolean {
  return can(actor, 'assembly.view_roll', a) || can(actor, 'assembly.run', a) || can(actor, 'assembly.take_minutes', a);
}

/** The condition on motion `m` that the reader sees it. */
function motionVisibleSql(actor: Actor, a: AssemblyRow): SQL {
  if (seesAllMotions(actor, a)) return sql`true`;
  const me = actorPersonId(actor);
  if (!me) return sql`m.state not in ('submitted','refused')`;
  return sql`(m.state not in ('submitted','refused') or m.submitted_by = ${me} or exists (select 1 from motion_cosigners c where c.motion_id = m.id and c.person_id = ${me}))`;
}

/** The condition on amendment `x` that the reader sees it. */
function amendmentVisibleSql(actor: Actor, a: AssemblyRow): SQL {
  if (seesAllMotions(actor, a)) return sql`true`;
  const me = actorPersonId(actor);
  if (!me) return sql`x.state not in ('submitted','refused')`;
  return sql`(x.state not in ('submitted','refused') or x.submitted_by = ${me})`;
}


async function motionRows(db: Db, actor: Actor, a: AssemblyRow, where: SQL): Promise<MotionView[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select m.id, m.assembly_id as "assemblyId", m.number, m.title, m.body, m.reasoning, m.vote_kind as "voteKind", m.state,
          m.submitted_by as "submittedById", sp.first_name || ' ' || sp.last_name as "submittedByName", m.submitted_at as "submittedAt",
          m.late_reason as "lateReason", m.refusal_reason as "refusalReason", m.board_recommendation as "boardRecommendation",
          m.decided_at as "decidedAt",
          coalesce((select json_agg(json_build_object('personId', c.person_id, 'name', p.first_name || ' ' || p.last_name, 'confirmed', c.confirmed_at is not null)
                      order by p.last_name, p.first_name)
                    from motion_cosigners c join persons p on p.id = c.person_id where c.motion_id = m.id), '[]'::json) as cosigners,
          (select count(*)::int from amendments x where x.motion_id = m.id and ${amendmentVisibleSql(actor, a)}) as "amendmentCount"
        from motions m left join persons sp on sp.id = m.submitted_by
        where m.assembly_id = ${a.id} and ${motionVisibleSql(actor, a)} and ${where}
        order by m.number`,
  );
  return rows.map((r) => {
    const cosigners = typeof r.cosigners === 'string' ? (JSON.parse(r.cosigners) as MotionCosigner[]) : (r.cosigners as MotionCosigner[]);
    return {
      ...(r as unknown as MotionView),
      submittedAt: isoInstant(r.submittedAt)!,
      decidedAt: isoInstant(r.decidedAt),
      lines: motionLines(String(r.body)),
      cosigners,
    };
  });
}

/** The assembly's motions the reader sees, by number, in one query. */
export async function listMotions(db: Db, actor: Actor, a: AssemblyRow): Promise<MotionView[]> {
  return motionRows(db, actor, a, sql`true`);
}

/** One motion as the reader sees it, or null when it is out of their sight. */
export async function loadMotion(db: Db, actor: Actor, a: AssemblyRow, motionId: string): Promise<MotionView | null> {
  const [m] = await motionRows(db, actor, a, sql`m.id = ${motionId}`);
  return m ?? null;
}

async function amendmentRows(db: Db, actor: Actor, a: AssemblyRow, where: SQL, bodies: (motionId: string) => string): Promise<AmendmentView[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select x.id, x.motion_id as "motionId", x.number, x.from_line as "fromLine", x.to_line as "toLine", x.replacement, x.reasoning, x.state,
          x.submitted_by as "submittedById", sp.first_name || ' ' || sp.last_name as "submittedByName", x.submitted_at as "submittedAt",
          x.refusal_reason as "refusalReason", x.decided_at as "decidedAt"
        from amendments x left join persons sp on sp.id = x.submitted_by
        where ${where} and ${amendmentVisibleSql(actor, a)}
        order by x.motion_id, x.number`,
  );
  return rows.map((r) => ({
    ...(r as unknown as AmendmentView),
    replaces: linesText(bodies(String(r.motionId)), Number(r.fromLine), Number(r.toLine)),
    submittedAt: isoInstant(r.submittedAt)!,
    decidedAt: isoInstant(r.decidedAt),
  }));
}

/** The motion's amendments the reader sees, by number. */
export async function listAmendments(db: Db, actor: Actor, a: AssemblyRow, motion: { id: string; body: string }): Promise<AmendmentView[]> {
  return amendmentRows(db, actor, a, sql`x.motion_id = ${motion.id}`, () => motion.body);
}

/**
 * Every motion of an assembly with its amendments, the order of the votes and the amended text, in
 * two queries, whoever asks: the record the minutes and the archive are made from (they decide
 * what of it to show).
 */
export async function assemblyMotions(db: Db, assemblyId: string): Promise<MotionDetail[]> {
  const a = await findAssembly(db, system, assemblyId);
  if (!a) return [];
  const motions = await motionRows(db, system, a, sql`true`);
  const body = new Map(motions.map((m) => [m.id, m.body]));
  const amendments = await amendmentRows(db, system, a, sql`x.motion_id in (select id from motions where assembly_id = ${assemblyId})`, (id) => body.get(id) ?? '');
  return motions.map((m) => {
    const own = amendments.filter((x) => x.motionId === m.id);
    const whole = { ...m, amendments: own };
    return { ...m, amendments: own, votingOrder: votingOrder(whole), amended: textWithAdopted(whole) };
  });
}

/** A motion with its amendments, the order of the votes and its text with the adopted amendments applied. */
export async function loadMotionDetail(db: Db, actor: Actor, a: AssemblyRow, motionId: string): Promise<MotionDetail | null> {
  const motion = await loadMotion(db, actor, a, motionId);
  if (!motion) return null;
  // Every reader sees the admitted and decided amendments, which are all the order and the amended text use.
  const amendments = await listAmendments(db, actor, a, motion);
  const whole = { ...motion, amendments };
  return { ...motion, amendments, votingOrder: votingOrder(whole), amended: textWithAdopted(whole) };
}

/** A motion's row as the use cases see it. */
export type MotionRow = {
  id: string;
  assemblyId: string;
  number: number;
  body: string;
  state: MotionState;
  submittedBy: string | null;
};

export type MotionFound = { ok: true; assembly: AssemblyRow; motion: MotionRow } | Refusal;

/**
 * The motion and its assembly if the reader sees them; `lock` takes the assembly's row for update,
 * so changes to its motions and amendments happen one at a time (and numbers are never taken twice).
 */
export async function motionFor(db: Db, actor: Actor, motionId: string, opts: { lock?: boolean } = {}): Promise<MotionFound> {
  const assemblyId = await assemblyIdOf(db, 'motions', motionId);
  if (!assemblyId) return notFound;
  const found = await assemblyFor(db, actor, assemblyId, 'assembly.view', opts);
  if (!found.ok) return found;
  const a = found.assembly;
  const [m] = await queryRows<MotionRow>(
    db,
    sql`select m.id, m.assembly_id as "assemblyId", m.number, m.body, m.state, m.submitted_by as "submittedBy"
        from motions m where m.id = ${motionId} and ${motionVisibleSql(actor, a)}`,
  );
  if (!m) return notFound;
  return { ok: true, assembly: a, motion: m };
}

/** The motion an amendment belongs to. */
export async function motionIdOfAmendment(db: Db, amendmentId: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(amendmentId)) return null;
  const [r] = await queryRows<{ motionId: string }>(db, sql`select motion_id as "motionId" from amendments where id = ${amendmentId}`);
  return r?.motionId ?? null;
}

/** Is the person on the assembly's roll? Each id once, in the order given: those not on it. */
export async function notOnRoll(db: Db, assemblyId: string, personIds: readonly string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await queryRows<{ personId: string }>(
    db,
    sql`select person_id as "personId" from assembly_roll where assembly_id = ${assemblyId} and person_id in (${sql.join(
      personIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
  const on = new Set(rows.map((r) => r.personId));
  return new Set(personIds.filter((id) => !on.has(id)));
}
