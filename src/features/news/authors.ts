import { sql, type SQL } from 'drizzle-orm';
import { uuidArray } from '../../platform/db/sql.js';

/**
 * The SQL condition "role assignment `r` makes its person an author of a post of one of these
 * units": staff, board or admin held today, an admin's anywhere, the others' in one of the units or
 * a unit above it (`'all'`: of any unit). The form's author list and the check of a posted author
 * both ask this, so the list offers exactly who the use case accepts.
 */
export function authorRoleSql(unitIds: Iterable<string> | 'all'): SQL {
  const held = sql`r.role in ('staff', 'board', 'admin') and r.starts_on <= current_date and (r.ends_on is null or r.ends_on >= current_date)`;
  if (unitIds === 'all') return held;
  return sql`${held}
    and (r.role = 'admin' or r.unit_id in (with recursive up(id, parent_id) as (
          select id, parent_id from units where id = any(${uuidArray(unitIds)})
          union select u.id, u.parent_id from units u join up on u.id = up.parent_id)
        select id from up))`;
}
