import { sql, type SQL } from 'drizzle-orm';
import { reachesUnit, unitScope, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { visibleEventIdsSql } from '../events/index.js';
import { membershipTypeNamesSql } from '../members/index.js';
import { uuidArray } from '../../platform/db/sql.js';
import { isCodedField, isUuid, type IdField, type SegmentCondition, type SegmentFilter } from './filter.js';
import type { FieldProblem } from '../../platform/outcomes.js';
import { listUnits } from '../../kernel/units.js';
import { conditionUnits } from './condition-units.js';

/** Which table an id field points at; one query per kind checks every id of that kind at once. */
type IdKind = 'unit' | 'section' | 'membershipType' | 'workplace' | 'event';
const kindOf: Record<IdField, IdKind> = {
  unit: 'unit',
  section: 'section',
  membershipType: 'membershipType',
  workplace: 'workplace',
  eventRegistered: 'event',
  eventAttended: 'event',
};

/** The ids of one kind that exist and that the actor may see, among those asked about. */
async function knownIds(db: Db, actor: Actor, kind: IdKind, ids: string[]): Promise<Set<string>> {
  const list = uuidArray(ids);
  let query: SQL;
  switch (kind) {
    case 'unit':
    case 'section': {
      // Only the units the form offers the actor: another district is refused like an unknown id.
      const asked = new Set(ids);
      const offered = conditionUnits(actor, await listUnits(db)).filter((u) => asked.has(u.id) && (kind === 'unit' || u.kind === 'section'));
      return new Set(offered.map((u) => u.id));
    }
    case 'membershipType':
      query = sql`select t.id from (${membershipTypeNamesSql(list)}) t`;
      break;
    case 'workplace': {
      const scope = unitScope(actor, 'staff', 'board');
      const visible = scope === 'all' ? sql`true` : sql`unit_id = any(${uuidArray(scope)})`;
      query = sql`select id from workplaces where id = any(${list}) and ${visible}`;
      break;
    }
    case 'event':
      query = await visibleEventIdsSql(db, actor, list);
      break;
  }
  const rows = await queryRows<{ id: string }>(db, query);
  return new Set(rows.map((r) => String(r.id)));
}

interface Located {
  path: string;
  condition: SegmentCondition;
}

/**
 * What is wrong with a filter beyond its shape (which zod checks): ids that name no row, or a row the
 * actor may not see, are refused naming the condition (`filter.conditions.2.values`), so a segment
 * never carries an id its author could not have picked from the form.
 */
export async function filterProblems(db: Db, actor: Actor, filter: SegmentFilter, prefix = 'filter'): Promise<FieldProblem[]> {
  const located: Located[] = [
    ...filter.conditions.map((condition, i) => ({ path: `${prefix}.conditions.${i}.values`, condition })),
    ...filter.exclude.map((condition, i) => ({ path: `${prefix}.exclude.${i}.values`, condition })),
  ];
  const wanted = new Map<IdKind, Set<string>>();
  for (const { condition } of located) {
    if (isCodedField(condition.field)) continue;
    const kind = kindOf[condition.field];
    const set = wanted.get(kind) ?? new Set<string>();
    for (const v of condition.values) if (isUuid(v)) set.add(v.toLowerCase());
    wanted.set(kind, set);
  }
  const known = new Map<IdKind, Set<string>>();
  for (const [kind, ids] of wanted) known.set(kind, ids.size > 0 ? await knownIds(db, actor, kind, [...ids]) : new Set());

  const problems: FieldProblem[] = [];
  for (const { path, condition } of located) {
    if (isCodedField(condition.field)) continue;
    const found = known.get(kindOf[condition.field])!;
    if (condition.values.some((v) => !isUuid(v) || !found.has(v.toLowerCase()))) problems.push({ path, code: 'segment.unknown_id' });
  }
  return problems;
}

/** The segment's unit must exist and be one the actor reaches as staff (admins any). */
export async function unitProblem(db: Db, actor: Actor, unitId: string, path = 'unitId'): Promise<FieldProblem | null> {
  const [unit] = isUuid(unitId) ? await queryRows<{ id: string }>(db, sql`select id from units where id = ${unitId}`) : [];
  if (!unit) return { path, code: 'segment.unit_not_found' };
  if (!reachesUnit(actor, unitId, 'staff')) return { path, code: 'segment.unit_forbidden' };
  return null;
}
