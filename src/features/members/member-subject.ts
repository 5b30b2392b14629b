import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { currentEmployment, type MemberSubject } from './policy.js';

/** What the policy needs about one person, in one query; undefined when there is no such person. */
export async function loadMemberSubject(db: Db, personId: string): Promise<MemberSubject | undefined> {
  const [row] = await queryRows<{ has_membership: boolean; units: string[]; jobs: { w: string; u: string }[] }>(
    db,
    sql`
    select
      exists (select 1 from memberships where person_id = p.id) as has_membership,
      coalesce((select json_agg(x.u) from (
        select m.unit_id as u from memberships m where m.person_id = p.id
        union select s.unit_id from membership_sections s join memberships m on m.id = s.membership_id where m.person_id = p.id
      ) x), '[]'::json) as units,
      coalesce((select json_agg(json_build_object('w', e.workplace_id, 'u', w.unit_id))
        from employments e join workplaces w on w.id = e.workplace_id
        where e.person_id = p.id and ${currentEmployment}), '[]'::json) as jobs
    from persons p where p.id = ${personId}`,
  );
  if (!row) return undefined;
  const jobs = row.jobs ?? [];
  return {
    personId,
    hasMembership: row.has_membership,
    // Without a membership, a person belongs to the units of the workplaces they work at.
    unitIds: row.has_membership ? row.units : [...new Set(jobs.map((j) => j.u))],
    workplaceIds: [...new Set(jobs.map((j) => j.w))],
  };
}
