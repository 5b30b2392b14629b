import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { attendedPersonIdsSql, registeredPersonIdsSql } from '../events/index.js';
import { membersInDistrictsSql, membersInSectionsSql, membersOfTypesSql, membersWhereSql, membersWithStatusesSql, type MembershipTests } from '../members/index.js';
import { isCodedField, isUuid, type SegmentCondition, type SegmentFilter } from './filter.js';

/** The ids of a unit and every unit below it, as a subquery. */
export function unitAndBelowSql(unitIds: SQL): SQL {
  return sql`(with recursive down(id) as (select u.id from units u where u.id in ${unitIds} union select c.id from units c join down d on c.parent_id = d.id) select id from down)`;
}

/**
 * A value list as bound parameters, `($1, $2, …)`. A stored filter has been validated, but this SQL
 * is also the source of a mailing's frozen recipients: values that are not of the field's shape are
 * dropped, so a malformed value can only narrow a condition (to nothing), never break or widen it.
 */
function valueList(c: SegmentCondition): SQL | null {
  const values = isCodedField(c.field) ? c.values : c.values.filter(isUuid);
  if (values.length === 0) return null;
  return sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

const roleToday = sql.raw(`r.starts_on <= current_date and (r.ends_on is null or r.ends_on >= current_date)`);
const employmentToday = sql.raw(`(e.starts_on is null or e.starts_on <= current_date) and (e.ends_on is null or e.ends_on >= current_date)`);

/**
 * The persons one condition holds for, as a subquery `select … as person_id from …` over the
 * condition's own table and its indexed columns (registrations by event, sections by unit, roles and
 * employments by person); the register and events give theirs. Several values are any of them.
 */
export function conditionSourceSql(c: SegmentCondition): SQL | null {
  const values = valueList(c);
  if (!values) return null;
  switch (c.field) {
    case 'unit':
      return membersInDistrictsSql(unitAndBelowSql(values));
    case 'section':
      return membersInSectionsSql(values);
    case 'membershipType':
      return membersOfTypesSql(values);
    case 'status':
      return membersWithStatusesSql(values);
    case 'role':
      return sql`select r.person_id from role_assignments r where r.role in ${values} and ${roleToday}`;
    case 'workplace':
      return sql`select e.person_id from employments e where e.workplace_id in ${values} and ${employmentToday}`;
    case 'employerKind':
      return sql`select e.person_id from employments e join workplaces w on w.id = e.workplace_id where w.employer_kind in ${values} and ${employmentToday}`;
    case 'language':
      // A person without a language of their own gets mail in the organisation's.
      return sql`select lp.id as person_id from persons lp
        where coalesce(lp.preferred_locale, (select o.default_locale from organisation o where o.id = 1), 'da') in ${values}`;
    case 'eventRegistered':
      return registeredPersonIdsSql(values);
    case 'eventAttended':
      return attendedPersonIdsSql(values);
  }
}

/**
 * "The membership's person is one of these": a correlated EXISTS over the union of the sources, which
 * PostgreSQL runs as one hash semi-join (or, under NOT, anti-join) over the whole register. A union
 * rather than EXISTS … OR EXISTS: an OR of correlated subqueries is planned per row, estimated at
 * millions, and then pays seconds of JIT compilation for a count that takes a tenth of a second.
 */
function personInSql(person: AnyPgColumn | SQL, sources: SQL[]): SQL {
  if (sources.length === 0) return sql`false`;
  return sql`exists (select 1 from (${sql.join(sources, sql` union all `)}) x where x.person_id = ${person})`;
}

/** One condition over the membership `m`: a column test where the membership holds the answer, else a semi-join. */
export function conditionSql(m: MembershipTests, c: SegmentCondition): SQL {
  const values = valueList(c);
  if (!values) return sql`false`;
  switch (c.field) {
    case 'unit':
      return m.districtIn(unitAndBelowSql(values));
    case 'membershipType':
      return m.typeIn(values);
    case 'status':
      return m.statusIn(values);
    default:
      return personInSql(m.personId, [conditionSourceSql(c)!]);
  }
}

/**
 * The memberships a segment of this unit reaches at all: those whose district is the unit or below
 * it, or one of whose sections is (the same reach the member list gives staff of the unit). Both are
 * small uncorrelated sets (the unit tree, the section memberships), hashed once.
 */
export function unitScopeSql(m: MembershipTests, unitId: string): SQL {
  return m.reachedFrom(unitAndBelowSql(sql`(${unitId}::uuid)`));
}

/** The filter's conditions over the membership `m`, without the unit scope. */
export function filterSql(m: MembershipTests, stored: SegmentFilter): SQL {
  // Read from jsonb: a filter written before a default was added may lack a key.
  const filter = { match: stored.match ?? 'all', conditions: stored.conditions ?? [], exclude: stored.exclude ?? [] };
  const parts: SQL[] = [];
  // Former and would-be members are reached only when the filter asks for their status.
  if (!filter.conditions.some((c) => c.field === 'status')) parts.push(m.active);
  if (filter.conditions.length > 0) {
    if (filter.match === 'all') parts.push(...filter.conditions.map((c) => conditionSql(m, c)));
    else parts.push(personInSql(m.personId, filter.conditions.flatMap((c) => conditionSourceSql(c) ?? [])));
  }
  if (filter.exclude.length > 0) {
    const sources = filter.exclude.flatMap((c) => conditionSourceSql(c) ?? []);
    if (sources.length > 0) parts.push(sql`not ${personInSql(m.personId, sources)}`);
  }
  return parts.length > 0 ? sql.join(parts, sql` and `) : sql`true`;
}

/**
 * The persons a segment selects, as one set-based subquery `select distinct … as person_id` over the
 * register's memberships (see membersWhereSql). It is the source of counts, previews and a mailing's
 * `insert into … select … from (<it>) s join persons p on p.id = s.person_id`.
 */
export function segmentPersonIdsSql(segment: { unitId: string; filter: SegmentFilter }): SQL {
  return membersWhereSql((m) => sql`${unitScopeSql(m, segment.unitId)} and ${filterSql(m, segment.filter)}`);
}

/** The segment's name, or null for no segment, as an SQL expression. */
export function segmentNameSql(segmentId: AnyPgColumn | SQL): SQL<string | null> {
  return sql<string | null>`(select sn.name from segments sn where sn.id = ${segmentId})`;
}
