import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../../test/database.js';
import { queryRows, type Database } from '../../platform/db/database.js';
import { membershipStatuses } from '../members/index.js';
import { employerKinds } from '../../kernel/tables.js';
import { audienceRoles } from '../events/index.js';
import { segmentEmployerKinds, segmentFilter, segmentRoles, segmentStatuses, type SegmentCondition } from './filter.js';
import { segmentPersonIdsSql } from './segment-sql.js';
import { personNames, registerWorld, type PersonName, type RegisterWorld } from './register.fixture.js';

let database: Database;
let w: RegisterWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await registerWorld(database);
});
afterAll(async () => database?.close());

/** Who a filter selects in a unit, by fixture name, sorted. */
async function who(filter: Partial<{ match: 'all' | 'any'; conditions: SegmentCondition[]; exclude: SegmentCondition[] }>, unitId = w.org.north): Promise<PersonName[]> {
  const rows = await queryRows<{ person_id: string }>(database.db, segmentPersonIdsSql({ unitId, filter: segmentFilter.parse(filter) }));
  const byId = new Map(Object.entries(w.people).map(([name, id]) => [id, name as PersonName]));
  return rows.map((r) => byId.get(r.person_id) ?? (`unknown:${r.person_id}` as PersonName)).sort();
}
const all = (...names: PersonName[]) => [...names].sort();
const c = (field: SegmentCondition['field'], ...values: string[]): SegmentCondition => ({ field, values });

const activeNorth = all(
  'leader',
  'leaderEnded',
  'leaderFuture',
  'steward',
  'formerEmployee',
  'sectionMember',
  'youth',
  'registered',
  'waitlisted',
  'cancelled',
  'attended',
  'registeredB',
  'privateEmployee',
  'futureEmployee',
);

describe('the codes a filter accepts', () => {
  it('are the owners’ own lists', () => {
    expect([...segmentStatuses]).toEqual([...membershipStatuses]);
    expect([...segmentEmployerKinds]).toEqual([...employerKinds]);
    expect([...segmentRoles]).toEqual([...audienceRoles]);
  });
});

describe('the base set', () => {
  it('is every active membership of the unit and below, members of another district never', async () => {
    expect(await who({})).toEqual(activeNorth);
    expect(personNames.filter((n) => !activeNorth.includes(n)).sort()).toEqual(all('resigned', 'south', 'southSection'));
  });

  it('of a section unit is the members of that section, whatever their district', async () => {
    expect(await who({}, w.org.leaders)).toEqual(all('sectionMember', 'southSection'));
  });

  it('of the national unit is everyone active', async () => {
    expect(await who({}, w.org.national)).toEqual(all(...activeNorth, 'south', 'southSection'));
  });

  it('is one row per person, usable as the source of an INSERT … SELECT', async () => {
    const rows = await queryRows<{ n: number; d: number }>(
      database.db,
      sql`select count(*)::int as n, count(distinct p.id)::int as d from (${segmentPersonIdsSql({ unitId: w.org.national, filter: segmentFilter.parse({}) })}) s join persons p on p.id = s.person_id`,
    );
    expect(rows[0]).toEqual({ n: 16, d: 16 });
  });
});

describe('each field alone', () => {
  it('unit: the membership’s unit and every unit below it', async () => {
    expect(await who({ conditions: [c('unit', w.org.south)] }, w.org.national)).toEqual(all('south', 'southSection'));
    expect(await who({ conditions: [c('unit', w.org.national)] }, w.org.national)).toEqual(all(...activeNorth, 'south', 'southSection'));
    // Within a north segment, Syd selects nobody: the segment's own unit bounds it.
    expect(await who({ conditions: [c('unit', w.org.south)] })).toEqual([]);
  });

  it('section: members of the section', async () => {
    expect(await who({ conditions: [c('section', w.org.leaders)] })).toEqual(all('sectionMember'));
    expect(await who({ conditions: [c('section', w.northYouth)] })).toEqual(all('youth'));
  });

  it('membershipType', async () => {
    expect(await who({ conditions: [c('membershipType', w.studentType)] })).toEqual(all('steward'));
  });

  it('status: replaces the default of active members', async () => {
    expect(await who({ conditions: [c('status', 'resigned')] })).toEqual(all('resigned'));
    expect(await who({ conditions: [c('status', 'active', 'resigned')] })).toEqual(all(...activeNorth, 'resigned'));
  });

  it('role: held today; ended yesterday or starting tomorrow does not count, ending today does', async () => {
    expect(await who({ conditions: [c('role', 'leader')] })).toEqual(all('leader'));
    expect(await who({ conditions: [c('role', 'board')] })).toEqual(all('leader'));
    expect(await who({ conditions: [c('role', 'steward')] })).toEqual(all('steward'));
    expect(await who({ conditions: [c('role', 'safety_rep')] })).toEqual([]);
  });

  it('workplace: employed there today; ended or not yet begun employments do not count', async () => {
    expect(await who({ conditions: [c('workplace', w.wpMunicipal)] })).toEqual(all('steward'));
    expect(await who({ conditions: [c('workplace', w.wpPrivate)] })).toEqual(all('privateEmployee'));
    // The south member works at a north workplace but belongs to Syd.
    expect(await who({ conditions: [c('workplace', w.wpMunicipal)] }, w.org.national)).toEqual(all('steward', 'south'));
  });

  it('employerKind: of a workplace employing them today', async () => {
    expect(await who({ conditions: [c('employerKind', 'municipality')] })).toEqual(all('steward'));
    expect(await who({ conditions: [c('employerKind', 'private')] })).toEqual(all('privateEmployee'));
    expect(await who({ conditions: [c('employerKind', 'state')] })).toEqual([]);
  });

  it('language: their own, else the organisation’s default', async () => {
    expect(await who({ conditions: [c('language', 'sv')] })).toEqual(all('steward'));
    expect(await who({ conditions: [c('language', 'en')] })).toEqual(all('sectionMember'));
    const others = activeNorth.filter((n) => n !== 'steward' && n !== 'sectionMember');
    // No organisation row yet: Danish.
    expect(await who({ conditions: [c('language', 'da')] })).toEqual(others);
    await database.db.execute(sql`insert into organisation (id, name, short_name, default_locale) values (1, 'Testforbundet', 'TF', 'sv')
      on conflict (id) do update set default_locale = 'sv'`);
    try {
      expect(await who({ conditions: [c('language', 'da')] })).toEqual([]);
      expect(await who({ conditions: [c('language', 'sv')] })).toEqual(all(...others, 'steward'));
    } finally {
      await database.db.execute(sql`update organisation set default_locale = 'da' where id = 1`);
    }
  });

  it('eventRegistered: confirmed or on the waiting list, cancelled not', async () => {
    expect(await who({ conditions: [c('eventRegistered', w.eventA)] })).toEqual(all('registered', 'waitlisted'));
    expect(await who({ conditions: [c('eventRegistered', w.eventB)] })).toEqual(all('attended', 'registeredB'));
  });

  it('eventAttended: checked in', async () => {
    expect(await who({ conditions: [c('eventAttended', w.eventB)] })).toEqual(all('attended'));
    expect(await who({ conditions: [c('eventAttended', w.eventA)] })).toEqual([]);
  });
});

describe('combining', () => {
  it('several values in one condition match any of them', async () => {
    expect(await who({ conditions: [c('role', 'leader', 'steward')] })).toEqual(all('leader', 'steward'));
    expect(await who({ conditions: [c('eventRegistered', w.eventA, w.eventB)] })).toEqual(all('registered', 'waitlisted', 'attended', 'registeredB'));
  });

  it('match all needs every condition, match any one of them', async () => {
    const conditions = [c('role', 'leader', 'steward'), c('language', 'sv')];
    expect(await who({ match: 'all', conditions })).toEqual(all('steward'));
    expect(await who({ match: 'any', conditions })).toEqual(all('leader', 'steward'));
  });

  it('match any with a status condition: the status is one of the alternatives', async () => {
    expect(await who({ match: 'any', conditions: [c('status', 'resigned'), c('role', 'steward')] })).toEqual(all('resigned', 'steward'));
  });

  it('exclusions remove anyone matching any of them', async () => {
    expect(await who({ conditions: [c('eventRegistered', w.eventA, w.eventB)], exclude: [c('eventAttended', w.eventB)] })).toEqual(all('registered', 'waitlisted', 'registeredB'));
    expect(await who({ exclude: [c('section', w.org.leaders, w.northYouth), c('language', 'sv', 'en')] })).toEqual(
      activeNorth.filter((n) => !['sectionMember', 'youth', 'steward'].includes(n)),
    );
  });

  it('an empty match-any filter is everyone active, not no one', async () => {
    expect(await who({ match: 'any' })).toEqual(activeNorth);
  });

  it('a value that is no id narrows a condition to nothing instead of failing or widening', async () => {
    const stored = { match: 'all' as const, conditions: [c('workplace', "x') or true --")], exclude: [] };
    expect(await queryRows(database.db, segmentPersonIdsSql({ unitId: w.org.north, filter: stored }))).toEqual([]);
  });
});
