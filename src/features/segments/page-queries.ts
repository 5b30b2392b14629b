import { sql } from 'drizzle-orm';
import { unitScope, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { listUnits, type Unit } from '../../kernel/units.js';
import { listMembershipTypes } from '../members/index.js';
import { uuidArray } from '../../platform/db/sql.js';
import { eventChoices, type EventChoice } from '../events/index.js';
import { isUuid } from './filter.js';
import { unitAndBelowSql } from './segment-sql.js';
import { conditionUnits } from './condition-units.js';

export interface Choice {
  id: string;
  name: string;
}

/** What the builder offers: every list a fieldset needs, each in one query. */
export interface BuilderOptions {
  units: Unit[];
  membershipTypes: (Choice & { active: boolean })[];
  workplaces: Choice[];
  events: EventChoice[];
}

/** Long lists are cut here; a segment of a huge unit narrows by employer kind or unit instead. */
const MAX_CHOICES = 1000;

/**
 * The builder's choices for a segment of `unitId`: the units the actor may name (`conditionUnits`:
 * their own and the organisation-wide sections, never another district's), the membership types, the
 * workplaces of the unit and below that the reader sees, and the events of the last twelve months and
 * ahead that they see. Ids already chosen (`keep`) stay on offer even when they fall outside.
 */
export async function builderOptions(db: Db, actor: Actor, unitId: string | null, keep: string[] = []): Promise<BuilderOptions> {
  const keptIds = keep.filter(isUuid);
  const kept = uuidArray(keptIds);
  const scope = unitScope(actor, 'staff', 'board');
  const visibleWorkplace = scope === 'all' ? sql`true` : sql`w.unit_id = any(${uuidArray(scope)})`;
  const inUnit = unitId && isUuid(unitId) ? sql`w.unit_id in ${unitAndBelowSql(sql`(${unitId}::uuid)`)}` : sql`true`;
  const [units, types, workplaces, events] = await Promise.all([
    listUnits(db),
    listMembershipTypes(db),
    queryRows<Choice>(
      db,
      sql`select w.id, w.name from workplaces w where ${visibleWorkplace} and (${inUnit} or w.id = any(${kept}))
          order by w.sort_key collate "C", w.id limit ${MAX_CHOICES}`,
    ),
    eventChoices(db, actor, keptIds, MAX_CHOICES),
  ]);
  return {
    units: conditionUnits(actor, units, keptIds),
    membershipTypes: types.filter((t) => t.active || keep.includes(t.id)).map((t) => ({ id: t.id, name: t.name, active: t.active })),
    workplaces,
    events,
  };
}
