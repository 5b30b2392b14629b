import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { anonymous, system, type Actor } from '../../platform/actor.js';
import { queryRows } from '../../platform/db/database.js';
import { createPerson, createWorkplace, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { loadGrants } from '../../kernel/grants.js';
import { loadMemberSubject } from './member-subject.js';
import { can, visiblePersonsSql } from './policy.js';
import { roleAssignments } from '../../kernel/tables.js';
import { addMember, employ, seedMembershipTypes } from './members.fixture.js';
import { dateInDays } from '../../test/time.js';

let t: TestApp;
let org: Org;
const id = { north: '', south: '', leader: '', colleague: '', formerColleague: '', southColleague: '', steward: '', staff: '' };
const actors = {} as Record<'staffNorth' | 'boardSouth' | 'steward' | 'member' | 'admin' | 'leadersStaff', Actor>;

async function actor(personId: string): Promise<Actor> {
  return { kind: 'person', personId, firstName: 'x', lastName: 'y', grants: await loadGrants(t.database.db, personId) };
}

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  const types = await seedMembershipTypes(t.database);
  const wpNorth = (await createWorkplace(t.database, org.north)).id;
  const wpSouth = (await createWorkplace(t.database, org.south, 'Bostedet Syd')).id;
  id.north = (await addMember(t.database, { unitId: org.north, typeId: types.ordinary })).id;
  id.south = (await addMember(t.database, { unitId: org.south, typeId: types.ordinary })).id;
  id.leader = (await addMember(t.database, { unitId: org.south, typeId: types.ordinary, sections: [org.leaders] })).id;
  id.colleague = (await createPerson(t.database, [])).id;
  id.formerColleague = (await createPerson(t.database, [])).id;
  id.southColleague = (await createPerson(t.database, [])).id;
  id.staff = (await createPerson(t.database, [['staff', org.north]])).id;
  // A job that ends next year is today's; one that ended last year is not.
  await employ(t.database, id.colleague, wpNorth, { endsOn: dateInDays(365) });
  await employ(t.database, id.formerColleague, wpNorth, { startsOn: dateInDays(-3650), endsOn: dateInDays(-365) });
  await employ(t.database, id.southColleague, wpSouth);
  await employ(t.database, id.north, wpNorth);
  const steward = await addMember(t.database, { unitId: org.north, typeId: types.ordinary });
  id.steward = steward.id;
  await employ(t.database, steward.id, wpNorth);
  await t.database.db.insert(roleAssignments).values({ personId: steward.id, role: 'safety_rep', workplaceId: wpNorth });
  actors.staffNorth = await actor(id.staff);
  actors.boardSouth = await actor((await createPerson(t.database, [['board', org.south]])).id);
  actors.steward = await actor(steward.id);
  actors.member = await actor(id.north);
  actors.admin = await actor((await createPerson(t.database, [['admin', null]])).id);
  actors.leadersStaff = await actor((await createPerson(t.database, [['staff', org.leaders]])).id);
});
afterAll(() => t.close());

async function visible(a: Actor): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(t.database.db, sql`select p.id from persons p where ${visiblePersonsSql(a, sql`p.id`)}`);
  return rows.map((r) => r.id);
}

describe('who may see whom', () => {
  it('visiblePersonsSql: staff by membership unit or section, non-members by workplace unit; stewards their workplace today; admins all', async () => {
    const staffNorth = await visible(actors.staffNorth);
    expect(staffNorth).toEqual(expect.arrayContaining([id.north, id.steward, id.colleague]));
    expect(staffNorth).not.toContain(id.south);
    // A non-member who has left the workplace is no longer the district's business.
    expect(staffNorth).not.toContain(id.formerColleague);
    expect(staffNorth).not.toContain(id.southColleague);
    // A person without membership or employment (like another staff member) is the admins' business.
    expect(staffNorth).not.toContain(id.staff);
    expect((await visible(actors.leadersStaff)).sort()).toEqual([id.leader]);
    expect(await visible(actors.boardSouth)).toEqual(expect.arrayContaining([id.south, id.leader, id.southColleague]));
    // A safety rep counts as a steward: today's colleagues, not former ones, and not the other district.
    expect((await visible(actors.steward)).sort()).toEqual([id.north, id.colleague, id.steward].sort());
    expect(await visible(actors.member)).toEqual([]);
    expect(await visible(anonymous)).toEqual([]);
    const [{ n }] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from persons`);
    expect(await visible(actors.admin)).toHaveLength(n);
    expect(await visible(system)).toHaveLength(n);
  });

  it('can(): the policy agrees with the SQL for single records, and tells viewing from editing', async () => {
    const subject = async (personId: string) => (await loadMemberSubject(t.database.db, personId))!;
    const north = await subject(id.north);
    expect(can(actors.staffNorth, 'member.view', north)).toBe(true);
    expect(can(actors.staffNorth, 'member.edit', north)).toBe(true);
    expect(can(actors.boardSouth, 'member.view', north)).toBe(false);
    expect(can(actors.steward, 'member.view', north)).toBe(false);
    expect(can(actors.steward, 'member.view_limited', north)).toBe(true);
    expect(can(actors.member, 'member.view_own', north)).toBe(true);
    expect(can(actors.member, 'member.view', north)).toBe(false);
    const leader = await subject(id.leader);
    expect(can(actors.boardSouth, 'member.view', leader)).toBe(true);
    expect(can(actors.boardSouth, 'member.edit', leader)).toBe(false);
    expect(can(actors.leadersStaff, 'member.edit', leader)).toBe(true);
    const colleague = await subject(id.colleague);
    expect(colleague).toMatchObject({ hasMembership: false });
    expect(can(actors.staffNorth, 'member.view', colleague)).toBe(true);
    // Only members are edited through the register's forms.
    expect(can(actors.staffNorth, 'member.edit', colleague)).toBe(false);
    expect(can(actors.steward, 'member.view_limited', await subject(id.formerColleague))).toBe(false);
    expect(await loadMemberSubject(t.database.db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    for (const [who, list, create, exportList, types] of [
      ['staffNorth', true, true, true, false],
      ['boardSouth', true, false, false, false],
      ['steward', false, false, false, false],
      ['member', false, false, false, false],
      ['admin', true, true, true, true],
    ] as const) {
      expect([can(actors[who], 'members.list'), can(actors[who], 'members.create'), can(actors[who], 'members.export'), can(actors[who], 'membership_types.manage')], who).toEqual([list, create, exportList, types]);
    }
  });
});
