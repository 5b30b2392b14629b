import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { currentPeriod } from '../../platform/db/sql.js';
import { unitAndBelowSql } from '../../kernel/units.js';
import { membersActiveOnSql } from '../members/index.js';
import { companyContactsInUnitsSql } from '../member-companies/index.js';
import { today, type PoolRow } from './access.js';
import type { ApplicantKind } from './tables.js';

/**
 * Who may apply to a pool, asked of the register: an active member of the pool's unit or a unit
 * below it; a steward (or safety rep) at a workplace there — for that workplace, when one is named;
 * a contact person of a member company there. One query answers which of the pool's kinds the
 * person is.
 */
export async function applicantKindsOf(db: Db, pool: PoolRow, personId: string, workplaceId: string | null = null): Promise<ApplicantKind[]> {
  const units = unitAndBelowSql(pool.unitId);
  const [r] = await queryRows<{ member: boolean; steward: boolean; company: boolean }>(
    db,
    sql`select
          ${personId}::uuid in (${membersActiveOnSql(units, today())}) as member,
          exists (select 1 from role_assignments ra join workplaces w on w.id = ra.workplace_id
                  where ra.person_id = ${personId} and ra.role in ('steward','safety_rep') and ${currentPeriod(sql`ra.starts_on`, sql`ra.ends_on`)}
                    and w.unit_id in ${units} ${workplaceId ? sql`and ra.workplace_id = ${workplaceId}::uuid` : sql``}) as steward,
          ${personId}::uuid in (${companyContactsInUnitsSql(units)}) as company`,
  );
  const out: ApplicantKind[] = [];
  if (r?.member) out.push('members');
  if (r?.steward) out.push('stewards');
  if (r?.company) out.push('member_companies');
  return out;
}

/** May the person apply to the pool (one of its kinds), for the workplace if one is named? */
export async function mayApply(db: Db, pool: PoolRow, personId: string, workplaceId: string | null = null): Promise<boolean> {
  const kinds = await applicantKindsOf(db, pool, personId, workplaceId);
  if (workplaceId) return kinds.includes('stewards') && pool.applicantKinds.includes('stewards');
  return kinds.some((k) => pool.applicantKinds.includes(k));
}

/**
 * Is the reviewer conflicted on the application: the applicant, a co-applicant, or employed today at
 * the workplace it is for or at a workplace where the applicant is employed today?
 */
export async function isConflicted(db: Db, reviewerId: string, a: { applicantId: string; coApplicantIds: readonly string[]; workplaceId: string | null }): Promise<boolean> {
  if (reviewerId === a.applicantId || a.coApplicantIds.includes(reviewerId)) return true;
  const [r] = await queryRows<{ shared: boolean }>(
    db,
    sql`select exists (
          select 1 from employments mine
          where mine.person_id = ${reviewerId} and ${currentPeriod(sql`mine.starts_on`, sql`mine.ends_on`)}
            and (${a.workplaceId ? sql`mine.workplace_id = ${a.workplaceId}::uuid or ` : sql``}
                 mine.workplace_id in (select theirs.workplace_id from employments theirs
                                       where theirs.person_id = ${a.applicantId} and ${currentPeriod(sql`theirs.starts_on`, sql`theirs.ends_on`)}))
        ) as shared`,
  );
  return r?.shared === true;
}
