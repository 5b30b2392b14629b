import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/*
 * What audiences (segments, and the mailings sent to them) ask of the register without reading its
 * tables: the persons whose membership passes some tests, as one scan of the memberships, the persons
 * of a district, section, type or status as a source to union, and the names a recipient list shows.
 * A person has at most one membership, so "the person's membership" is well defined.
 */

/** A member's own membership, as the tests given to `membersWhereSql` see it. */
export interface MembershipTests {
  /** The member's person id, to correlate a subquery with (`x.person_id = ${m.personId}`). */
  personId: SQL;
  /** The membership is active. */
  active: SQL;
  /** Its district is one of these units (a parenthesised list or a subquery). */
  districtIn(units: SQL): SQL;
  /** Its type is one of these. */
  typeIn(types: SQL): SQL;
  /** Its status is one of these. */
  statusIn(statuses: SQL): SQL;
  /** Its district or one of its sections is one of these units: the reach the member list gives staff of them. */
  reachedFrom(units: SQL): SQL;
}

const membership: MembershipTests = {
  personId: sql`m.person_id`,
  active: sql`m.status = 'active'`,
  districtIn: (units) => sql`m.unit_id in ${units}`,
  typeIn: (types) => sql`m.type_id in ${types}`,
  statusIn: (statuses) => sql`m.status in ${statuses}`,
  reachedFrom: (units) => sql`(m.unit_id in ${units} or m.id in (select ss.membership_id from membership_sections ss where ss.unit_id in ${units}))`,
};

/**
 * The persons whose membership passes `where`, as one set-based subquery `select distinct
 * m.person_id as person_id from …`: the tests are column tests on the membership row, so PostgreSQL
 * plans one scan of the register, with hash semi-joins for whatever `where` correlates on `m.personId`.
 */
export function membersWhereSql(where: (m: MembershipTests) => SQL): SQL {
  return sql`select distinct m.person_id as person_id from memberships m where ${where(membership)}`;
}

/** The persons whose district is one of these units, as `select … person_id from …` (a source to union). */
export function membersInDistrictsSql(units: SQL): SQL {
  return sql`select mm.person_id from memberships mm where mm.unit_id in ${units}`;
}

/** The persons whose membership is in one of these sections, as `select … person_id from …`. */
export function membersInSectionsSql(units: SQL): SQL {
  return sql`select mm.person_id from membership_sections sc join memberships mm on mm.id = sc.membership_id where sc.unit_id in ${units}`;
}

/** The persons whose membership is of one of these types, as `select … person_id from …`. */
export function membersOfTypesSql(types: SQL): SQL {
  return sql`select mm.person_id from memberships mm where mm.type_id in ${types}`;
}

/** The persons whose membership has one of these statuses, as `select … person_id from …`. */
export function membersWithStatusesSql(statuses: SQL): SQL {
  return sql`select mm.person_id from memberships mm where mm.status in ${statuses}`;
}

/** The name of the person's district (the unit of their membership), or null for a non-member, as an SQL expression. */
export function memberDistrictNameSql(personId: AnyPgColumn | SQL): SQL<string | null> {
  return sql<string | null>`(select du.name from memberships dm join units du on du.id = dm.unit_id where dm.person_id = ${personId})`;
}

/** The membership types among these ids (a uuid array), as rows `(id text, name)`. */
export function membershipTypeNamesSql(ids: SQL): SQL {
  return sql`select mt.id::text as id, mt.name from membership_types mt where mt.id = any(${ids})`;
}
