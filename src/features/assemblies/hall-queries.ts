import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { isPresentSql, presentPersonIdsSql } from './presence.js';

/** A proxy the reader holds: the absent member they vote for, and the polls already voted for them. */
export type HeldProxy = { giverId: string; name: string; giverPresent: boolean; voted: string[] };

/** The reader's own place in the hall: present or not, what they voted in and asked for, the proxies they hold. */
export type HallSeat = {
  personId: string | null;
  onRoll: boolean;
  present: boolean;
  voted: string[];
  requestedWritten: string[];
  proxies: HeldProxy[];
};

export const noSeat: HallSeat = { personId: null, onRoll: false, present: false, voted: [], requestedWritten: [], proxies: [] };

/** One query for the reader's seat (voted only says *that* they voted, never what). */
export async function loadHallSeat(db: Db, assemblyId: string, personId: string | null, pollIds: string[]): Promise<HallSeat> {
  if (!personId) return noSeat;
  const polls = pollIds.length ? sql`array[${sql.join(pollIds.map((id) => sql`${id}::uuid`), sql`, `)}]` : sql`array[]::uuid[]`;
  const [r] = await queryRows<{ onRoll: boolean; present: boolean; voted: string[]; requested: string[]; proxies: HeldProxy[] }>(
    db,
    sql`select exists (select 1 from assembly_roll where assembly_id = ${assemblyId} and person_id = ${personId}) as "onRoll",
          ${isPresentSql(assemblyId, personId)} as present,
          coalesce((select array_agg(v.poll_id::text) from poll_voters v where v.person_id = ${personId} and v.poll_id = any(${polls})), '{}') as voted,
          coalesce((select array_agg(w.poll_id::text) from written_ballot_requests w where w.person_id = ${personId} and w.poll_id = any(${polls})), '{}') as requested,
          coalesce((select json_agg(json_build_object(
              'giverId', x.giver_person_id, 'name', g.first_name || ' ' || g.last_name,
              'giverPresent', x.giver_person_id in (${presentPersonIdsSql(assemblyId)}),
              'voted', coalesce((select json_agg(v.poll_id) from poll_voters v where v.person_id = x.giver_person_id and v.poll_id = any(${polls})), '[]'::json))
              order by g.sort_key_da collate "C")
            from assembly_proxies x join persons g on g.id = x.giver_person_id
            where x.assembly_id = ${assemblyId} and x.holder_person_id = ${personId}), '[]'::json) as proxies`,
  );
  return { personId, onRoll: r.onRoll, present: r.present, voted: r.voted, requestedWritten: r.requested, proxies: r.proxies };
}

/** Members of the roll in the hall now, by name: whom the chair may put on the speakers' list. */
export async function presentMembers(db: Db, assemblyId: string): Promise<{ personId: string; name: string }[]> {
  return queryRows(
    db,
    sql`select p.id as "personId", p.first_name || ' ' || p.last_name as name
        from persons p where p.id in (${presentPersonIdsSql(assemblyId)})
        order by p.sort_key_da collate "C"`,
  );
}
