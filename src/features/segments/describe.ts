import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/i18n.js';
import { uuidArray } from '../../platform/db/sql.js';
import { eventTitlesSql } from '../events/index.js';
import { membershipStatusLabel, membershipTypeNamesSql } from '../members/index.js';
import { employerKindLabel, roleKindLabel } from '../../kernel/labels.js';
import { labelName } from '../../platform/i18n/labels.js';
import { isCodedField, isUuid, type SegmentCondition, type SegmentField, type SegmentFilter } from './filter.js';
import { segmentConditionLabel, segmentLanguageLabel } from './labels.js';

/** Names of the rows a filter points at (units, membership types, workplaces, events), by id. */
export type Names = ReadonlyMap<string, string>;

/** One statement for the names behind every id in these filters (a list page's worth). */
export async function namesFor(db: Db, filters: SegmentFilter[]): Promise<Names> {
  const ids = new Set<string>();
  for (const f of filters) for (const c of [...f.conditions, ...f.exclude]) if (!isCodedField(c.field)) for (const v of c.values) if (isUuid(v)) ids.add(v.toLowerCase());
  if (ids.size === 0) return new Map();
  const list = uuidArray(ids);
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id::text as id, name from units where id = any(${list})
        union all ${membershipTypeNamesSql(list)}
        union all select id::text, name from workplaces where id = any(${list})
        union all ${eventTitlesSql(list)}`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The label of one value of a field, in the reader's language. */
export function valueLabel(t: Translate, field: SegmentField, value: string, names: Names): string {
  switch (field) {
    case 'status':
      return labelName(t, membershipStatusLabel, value);
    case 'role':
      return labelName(t, roleKindLabel, value);
    case 'employerKind':
      return labelName(t, employerKindLabel, value);
    case 'language':
      return labelName(t, segmentLanguageLabel, value);
    default:
      return names.get(value.toLowerCase()) ?? t('segments.summary.unknown');
  }
}

function conditionWords(t: Translate, c: SegmentCondition, names: Names): string {
  const values = c.values.map((v) => valueLabel(t, c.field, v, names)).join(` ${t('segments.summary.or')} `);
  return t(segmentConditionLabel[c.field], { values });
}

/**
 * The filter as a sentence: "Aktive medlemmer med rollen Leder og i Kreds Nord, undtagen dem der
 * deltog i Generalforsamling". What a reader checks before sending, so it says exactly what the SQL does.
 */
export function describeFilter(t: Translate, filter: SegmentFilter, names: Names): string {
  const hasStatus = filter.conditions.some((c) => c.field === 'status');
  const base = t(hasStatus ? 'segments.summary.base_members' : 'segments.summary.base_active');
  if (filter.conditions.length === 0 && filter.exclude.length === 0) return t(hasStatus ? 'segments.summary.base_members' : 'segments.summary.all_active');
  const joiner = ` ${t(filter.match === 'any' ? 'segments.summary.or' : 'segments.summary.and')} `;
  let text = base;
  if (filter.conditions.length > 0) text += ` ${filter.conditions.map((c) => conditionWords(t, c, names)).join(joiner)}`;
  if (filter.exclude.length > 0) text += `, ${t('segments.summary.except')} ${filter.exclude.map((c) => conditionWords(t, c, names)).join(` ${t('segments.summary.or')} `)}`;
  return text;
}
