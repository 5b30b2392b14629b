import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { unitAndAboveSql } from './queries.js';

/**
 * Read-only lookups the pages need beyond the use cases: the workplaces to choose from on the request
 * form, and the people who may be assigned on the schedule form. Neither changes anything.
 */

export interface WorkplaceChoice {
  id: string;
  name: string;
}

/** The workplaces registered in a unit, by name: the request form's select (names are no personal data). */
export async function workplacesOfUnit(db: Db, unitId: string): Promise<WorkplaceChoice[]> {
  return queryRows<WorkplaceChoice>(db, sql`select id, name from workplaces where unit_id = ${unitId} order by name, id`);
}

/** The unit of one workplace, to preselect a steward's own on the request form. */
export async function unitOfWorkplace(db: Db, workplaceId: string): Promise<string | null> {
  const [r] = await queryRows<{ unitId: string }>(db, sql`select unit_id as "unitId" from workplaces where id = ${workplaceId}`);
  return r?.unitId ?? null;
}

export interface Assignable {
  id: string;
  name: string;
}

/**
 * People who hold one of `roles` today in the unit, a unit above it or organisation-wide: the same
 * rule `scheduleMeeting` checks, so the selects offer only people it accepts.
 */
export async function assignablePeople(db: Db, unitId: string, roles: ('staff' | 'board')[]): Promise<Assignable[]> {
  return queryRows<Assignable>(
    db,
    sql`select p.id, p.first_name || ' ' || p.last_name as name from persons p
        where exists (select 1 from role_assignments r where r.person_id = p.id and r.role = any(${`{${roles.join(',')}}`}::text[])
          and r.starts_on <= current_date and (r.ends_on is null or r.ends_on >= current_date)
          and (r.unit_id is null or r.unit_id in ${unitAndAboveSql(unitId)}))
        order by p.first_name, p.last_name, p.id`,
  );
}

/** The unit of one catalogue topic, to show its unit's catalogue again after a refused edit. */
export async function unitOfTopic(db: Db, topicId: string): Promise<string | null> {
  const [r] = await queryRows<{ unitId: string }>(db, sql`select unit_id as "unitId" from workplace_meeting_topics where id = ${topicId}`);
  return r?.unitId ?? null;
}
