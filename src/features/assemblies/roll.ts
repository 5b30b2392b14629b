import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { memberNumberSql, membersActiveOnSql } from '../members/index.js';
import { isPresentSql } from './presence.js';
import { unitAndBelowSql } from '../../kernel/units.js';

/**
 * Takes the electoral roll: the unit's active members on the cut-off day, in one statement. Taken
 * again (before the cut-off has passed, when the notice goes out early) it is replaced whole, so the
 * roll is always the register's answer for one day, never a mix.
 */
export async function freezeRoll(tx: Db, assemblyId: string): Promise<number> {
  const [a] = await queryRows<{ unitId: string; cutoff: string }>(tx, sql`select unit_id as "unitId", roll_cutoff_on::text as cutoff from assemblies where id = ${assemblyId}`);
  if (!a) return 0;
  await tx.execute(sql`delete from assembly_roll where assembly_id = ${assemblyId}`);
  await tx.execute(sql`insert into assembly_roll (assembly_id, person_id)
    select distinct ${assemblyId}::uuid, s.person_id from (${membersActiveOnSql(unitAndBelowSql(a.unitId), a.cutoff)}) s
    on conflict do nothing`);
  await tx.execute(sql`update assemblies set roll_frozen_at = now() where id = ${assemblyId}`);
  const [n] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from assembly_roll where assembly_id = ${assemblyId}`);
  return n.n;
}

export type RollEntry = {
  personId: string;
  name: string;
  memberNumber: string | null;
  present: boolean;
};

/** The roll with who is in the hall, by name. */
export async function loadRoll(db: Db, assemblyId: string): Promise<RollEntry[]> {
  return queryRows<RollEntry>(
    db,
    sql`select p.id as "personId", p.first_name || ' ' || p.last_name as name, ${memberNumberSql(sql`p.id`)} as "memberNumber",
          ${isPresentSql(assemblyId, sql`r.person_id`)} as present
        from assembly_roll r join persons p on p.id = r.person_id
        where r.assembly_id = ${assemblyId}
        order by p.last_name, p.first_name`,
  );
}
