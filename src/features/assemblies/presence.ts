import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { attendedPersonIdsSql } from '../events/index.js';

/*
 * Who is in the hall, as SQL. A member on the electoral roll is present when checked in at the door
 * (and not checked out since), or — where the assembly is part of an event — checked in at the
 * event's own check-in, unless they were checked out of the assembly. Only people on the roll count:
 * a guest checked in at the event is at the event, not in the electorate. Quorum, ballots and every
 * view read presence through `presentPersonIdsSql`, so they can never disagree. (Its own file so
 * that the assembly's view can count the present without importing the use cases.)
 */

const asUuid = (assemblyId: string | SQL): SQL => (typeof assemblyId === 'string' ? sql`${assemblyId}::uuid` : assemblyId);

/** `select person_id …` of the people on the roll who are present now (wrap it in parentheses to use it). */
export function presentPersonIdsSql(assemblyId: string | SQL): SQL {
  const a = asUuid(assemblyId);
  return sql`select pr.person_id from assembly_roll pr where pr.assembly_id = ${a} and (
      exists (select 1 from assembly_attendance pa where pa.assembly_id = pr.assembly_id and pa.person_id = pr.person_id and pa.checked_out_at is null)
      or (pr.person_id in (${attendedPersonIdsSql(sql`(select pe.event_id from assemblies pe where pe.id = ${a})`)})
        and not exists (select 1 from assembly_attendance po where po.assembly_id = pr.assembly_id and po.person_id = pr.person_id and po.checked_out_at is not null)))`;
}

/** Is this person on the roll and present now, as an SQL boolean. */
export function isPresentSql(assemblyId: string | SQL, personId: string | SQL): SQL<boolean> {
  return sql<boolean>`exists (select 1 from (${presentPersonIdsSql(assemblyId)}) ip where ip.person_id = ${personId})`;
}

/**
 * The people a ballot may be cast for now: those present, and the absent givers of proxies whose
 * holder is present. A giver who is present votes themselves (their presence wins over the proxy).
 */
export function voterIdsSql(assemblyId: string | SQL): SQL {
  const a = asUuid(assemblyId);
  const present = presentPersonIdsSql(a);
  return sql`select vp.person_id from (${present}) vp
    union
    select vx.giver_person_id from assembly_proxies vx
      where vx.assembly_id = ${a} and vx.holder_person_id in (${present}) and vx.giver_person_id not in (${present})`;
}

/** How many of a quorum are needed, and whether they are there. `fraction` null: the statutes set none. */
export type QuorumNeed = { fraction: number | null; needed: number; met: boolean };

export type QuorumState = {
  roll: number;
  present: number;
  /** Proxies that can be used now: the holder is present, the giver is not. */
  proxies: number;
  /** Votes that can be cast now: present + proxies. */
  voters: number;
  quorum: { ordinary: QuorumNeed; statute: QuorumNeed };
  /** The quorum for an ordinary decision is met (the statute quorum is in `quorum.statute`). */
  met: boolean;
};

/** The share of the roll that must be present, as a head count (a third of 100 is 34). */
export function quorumNeeded(fraction: number | null, roll: number): number {
  if (fraction === null) return 0;
  // The small epsilon keeps 1/3 × 99 at 33 rather than 33.000000000000004 → 34.
  return Math.ceil(fraction * roll - 1e-9);
}

const need = (fraction: number | null, roll: number, present: number): QuorumNeed => {
  const needed = quorumNeeded(fraction, roll);
  return { fraction, needed, met: present >= needed };
};

/**
 * The live quorum of an assembly. Quorum is counted in people present, as the statutes say ("a third
 * of the members present"); proxies add votes, not presence.
 */
export async function quorumState(db: Db, assemblyId: string): Promise<QuorumState> {
  const present = presentPersonIdsSql(assemblyId);
  const [r] = await queryRows<{ roll: number; present: number; proxies: number; quorum: number | null; statuteQuorum: number | null }>(
    db,
    sql`select (select count(*)::int from assembly_roll qr where qr.assembly_id = a.id) as roll,
          (select count(*)::int from (${present}) qp) as present,
          (select count(*)::int from assembly_proxies qx where qx.assembly_id = a.id
             and qx.holder_person_id in (${present}) and qx.giver_person_id not in (${present})) as proxies,
          (a.rules->>'quorum')::float8 as quorum, (a.rules->>'statuteQuorum')::float8 as "statuteQuorum"
        from assemblies a where a.id = ${assemblyId}`,
  );
  if (!r) return { roll: 0, present: 0, proxies: 0, voters: 0, quorum: { ordinary: need(null, 0, 0), statute: need(null, 0, 0) }, met: true };
  const ordinary = need(r.quorum, r.roll, r.present);
  return { roll: r.roll, present: r.present, proxies: r.proxies, voters: r.present + r.proxies, quorum: { ordinary, statute: need(r.statuteQuorum, r.roll, r.present) }, met: ordinary.met };
}

