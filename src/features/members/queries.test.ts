import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system, type Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/database.js';
import { sql } from 'drizzle-orm';
import { createPerson, createWorkplace, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { onPostgres } from '../../test/database.js';
import { loadGrants } from '../../kernel/grants.js';
import { allMembers, listMembers, MEMBER_PAGE_SIZE } from './queries.js';
import { memberListQuery, type MemberListFilter } from './schema.js';
import { roleAssignments } from '../../kernel/tables.js';
import { addMember, employ, seedMembershipTypes } from './members.fixture.js';
import { dateInDays } from '../../test/time.js';

let t: TestApp;
let org: Org;
let types: Awaited<ReturnType<typeof seedMembershipTypes>>;
const ids: Record<string, string> = {};
let workplace: string;

const filter = (f: Partial<MemberListFilter> = {}): MemberListFilter => ({ ...memberListQuery.parse({}), ...f });
const names = (page: { items: { lastName: string }[] }) => page.items.map((m) => m.lastName);

async function actorFor(roles: Parameters<typeof createPerson>[1]): Promise<Actor> {
  const p = await createPerson(t.database, roles);
  return { kind: 'person', personId: p.id, firstName: p.firstName, lastName: p.lastName, grants: await loadGrants(t.database.db, p.id) };
}

/** Names chosen so that Danish and Swedish order differ: æ ø å against å ä ö, and "aa". */
const NORDIC = ['Aagaard', 'Ågesen', 'Øberg', 'Ærø', 'Andersen', 'Zander', 'Åberg', 'Ödman', 'Ähr'];
// Aagaard reads as Ågård in Danish: both aa are å, so it follows Ågesen.
const DANISH = ['Andersen', 'Zander', 'Ähr', 'Ærø', 'Øberg', 'Ödman', 'Åberg', 'Ågesen', 'Aagaard'];
const SWEDISH = ['Aagaard', 'Andersen', 'Zander', 'Åberg', 'Ågesen', 'Ähr', 'Ærø', 'Øberg', 'Ödman'];

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  types = await seedMembershipTypes(t.database);
  workplace = (await createWorkplace(t.database, org.north)).id;
  for (const [i, lastName] of NORDIC.entries()) {
    ids[lastName] = (await addMember(t.database, { firstName: 'Nora', lastName, unitId: org.south, typeId: types.ordinary, email: `nora${i}@nordisk.example` })).id;
  }
  ids.anne = (await addMember(t.database, { firstName: 'Anne', lastName: 'Jensen', unitId: org.north, typeId: types.ordinary, email: 'Anne.Jensen@Example.org', extraEmails: ['aj@privat.example'], memberNumber: '770001' })).id;
  ids.jens = (await addMember(t.database, { firstName: 'Jens', lastName: 'Andersen-Holm', unitId: org.north, typeId: types.student, email: 'jens@example.org', memberNumber: '770002' })).id;
  ids.soren = (await addMember(t.database, { firstName: 'Søren', lastName: 'Berg', unitId: org.north, typeId: types.retired, status: 'applicant', sections: [org.leaders] })).id;
  ids.leader = (await addMember(t.database, { firstName: 'Lis', lastName: 'Leder', unitId: org.south, typeId: types.ordinary, sections: [org.leaders] })).id;
  await t.database.db.insert(roleAssignments).values([
    { personId: ids.anne, role: 'steward', workplaceId: workplace, startsOn: dateInDays(-900) },
    // An ended term does not make Jens a steward today.
    { personId: ids.jens, role: 'steward', workplaceId: workplace, startsOn: dateInDays(-2000), endsOn: dateInDays(-1600) },
  ]);
  await employ(t.database, ids.anne, workplace);
  await employ(t.database, ids.jens, workplace, { startsOn: dateInDays(-2400), endsOn: dateInDays(-1200) });
  // Enough members in one district for more than one page.
  for (let i = 0; i < 55; i++) await addMember(t.database, { firstName: 'Masse', lastName: `Medlem ${String(i).padStart(2, '0')}`, unitId: org.national, typeId: types.ordinary });
});
afterAll(() => t.close());

describe('searching the register', () => {
  it('finds people by the beginnings of their names, each word a prefix, in any order', async () => {
    const page = await listMembers(t.database.db, system, filter({ q: 'jen an' }), 'da');
    // "jen an" matches Jens Andersen-Holm and Anne Jensen alike: every word begins some name.
    expect(page.items.map((m) => m.id).sort()).toEqual([ids.anne, ids.jens].sort());
    expect(names(await listMembers(t.database.db, system, filter({ q: 'sø be' }), 'da'))).toEqual(['Berg']);
    expect(names(await listMembers(t.database.db, system, filter({ q: 'holm' }), 'da'))).toEqual(['Andersen-Holm']);
  });

  it('finds by e-mail address, case-insensitive prefix of the main one or an extra one exactly', async () => {
    expect(names(await listMembers(t.database.db, system, filter({ q: 'anne.jensen@EXAMPLE' }), 'da'))).toEqual(['Jensen']);
    expect(names(await listMembers(t.database.db, system, filter({ q: 'AJ@privat.example' }), 'da'))).toEqual(['Jensen']);
    expect(names(await listMembers(t.database.db, system, filter({ q: 'aj@privat' }), 'da'))).toEqual([]);
  });

  it('finds by member number prefix', async () => {
    expect(names(await listMembers(t.database.db, system, filter({ q: '77000', sort: 'number' }), 'da'))).toEqual(['Jensen', 'Andersen-Holm']);
    expect(names(await listMembers(t.database.db, system, filter({ q: '770002' }), 'da'))).toEqual(['Andersen-Holm']);
  });

  it('treats search syntax as plain text', async () => {
    for (const q of ["' or 1=1 --", 'a & | ! :*', '%', '_', '\\', '(((']) {
      const page = await listMembers(t.database.db, system, filter({ q }), 'da');
      expect(page.total, q).toBeLessThan(5);
    }
  });
});

describe('filters', () => {
  it('by unit includes members of units below it and members of a section', async () => {
    const national = await listMembers(t.database.db, system, filter({ unit: org.national, pageSize: 200 }), 'da');
    expect(national.total).toBe(NORDIC.length + 4 + 55);
    const section = await listMembers(t.database.db, system, filter({ unit: org.leaders }), 'da');
    expect(names(section).sort()).toEqual(['Berg', 'Leder']);
    const north = await listMembers(t.database.db, system, filter({ unit: org.north }), 'da');
    expect(names(north).sort()).toEqual(['Andersen-Holm', 'Berg', 'Jensen']);
  });

  it('by status, type, role held today and current workplace', async () => {
    expect(names(await listMembers(t.database.db, system, filter({ status: 'applicant' }), 'da'))).toEqual(['Berg']);
    expect(names(await listMembers(t.database.db, system, filter({ type: types.student }), 'da'))).toEqual(['Andersen-Holm']);
    expect(names(await listMembers(t.database.db, system, filter({ role: 'steward' }), 'da'))).toEqual(['Jensen']);
    expect(names(await listMembers(t.database.db, system, filter({ workplace }), 'da'))).toEqual(['Jensen']);
    expect(names(await listMembers(t.database.db, system, filter({ unit: org.north, type: types.retired, status: 'applicant' }), 'da'))).toEqual(['Berg']);
  });

  it('a bad value in a link is dropped, the other filters still apply', () => {
    const f = memberListQuery.parse({ unit: 'not-an-id', status: 'bogus', sort: 'evil', page: '-3', q: 'an' });
    expect(f).toEqual({ q: 'an', unit: undefined, status: undefined, type: undefined, role: undefined, workplace: undefined, sort: 'name', order: 'asc', page: 1 });
  });
});

describe('scope', () => {
  it('staff of a district see its members and those of sections they reach; board of a district the same', async () => {
    const staffNorth = await actorFor([['staff', org.north]]);
    expect(names(await listMembers(t.database.db, staffNorth, filter(), 'da')).sort()).toEqual(['Andersen-Holm', 'Berg', 'Jensen']);
    const leadersStaff = await actorFor([['staff', org.leaders]]);
    expect(names(await listMembers(t.database.db, leadersStaff, filter(), 'da')).sort()).toEqual(['Berg', 'Leder']);
    const boardSouth = await actorFor([['board', org.south]]);
    expect((await listMembers(t.database.db, boardSouth, filter({ pageSize: 200 }), 'da')).total).toBe(NORDIC.length + 1);
    // A filter cannot reach past the scope.
    expect((await listMembers(t.database.db, staffNorth, filter({ unit: org.south }), 'da')).total).toBe(0);
  });

  it('members, stewards and people without roles see nobody', async () => {
    for (const roles of [[['member', org.north]], [['steward', null, workplace]], []] as Parameters<typeof createPerson>[1][]) {
      const actor = await actorFor(roles);
      expect((await listMembers(t.database.db, actor, filter(), 'da')).total).toBe(0);
    }
  });
});

describe('sorting', () => {
  it('by name in Danish order: æ ø å after z, aa as å, ä with æ and ö with ø', async () => {
    expect(names(await listMembers(t.database.db, system, filter({ unit: org.south, q: 'nora' }), 'da'))).toEqual(DANISH);
    // English readers get the Danish order too.
    expect(names(await listMembers(t.database.db, system, filter({ unit: org.south, q: 'nora' }), 'en'))).toEqual(DANISH);
  });

  it('by name in Swedish order: å ä ö after z, æ with ä and ø with ö, aa as two a', async () => {
    expect(names(await listMembers(t.database.db, system, filter({ unit: org.south, q: 'nora' }), 'sv'))).toEqual(SWEDISH);
    expect(names(await listMembers(t.database.db, system, filter({ unit: org.south, q: 'nora', order: 'desc' }), 'sv'))).toEqual([...SWEDISH].reverse());
  });

  it.runIf(onPostgres)('agrees with PostgreSQL’s own ICU collations for Danish and Swedish', async () => {
    const available = await queryRows<{ collname: string }>(t.database.db, sql`select collname from pg_collation where collname in ('da-x-icu', 'sv-x-icu')`);
    expect(available.map((c) => c.collname).sort()).toEqual(['da-x-icu', 'sv-x-icu']);
    const icu = async (collation: string) =>
      (await queryRows<{ last_name: string }>(t.database.db, sql`select last_name from persons where first_name = 'Nora' order by last_name collate ${sql.identifier(collation)}`)).map((r) => r.last_name);
    expect(await icu('da-x-icu')).toEqual(DANISH);
    expect(await icu('sv-x-icu')).toEqual(SWEDISH);
  });

  it('by member number (shorter numbers first) and by date joined', async () => {
    const byNumber = await listMembers(t.database.db, system, filter({ sort: 'number', pageSize: 200 }), 'da');
    const numbers = byNumber.items.map((m) => m.memberNumber);
    expect(numbers).toEqual([...numbers].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)));
    const byJoined = await listMembers(t.database.db, system, filter({ sort: 'joined', order: 'desc', pageSize: 200 }), 'da');
    const joined = byJoined.items.map((m) => m.joinedOn).filter((d): d is string => d !== null);
    expect(joined).toEqual([...joined].sort().reverse());
    // The applicant has not joined: last, whichever the direction.
    expect(byJoined.items.at(-1)!.lastName).toBe('Berg');
  });
});

describe('pages', () => {
  it('has 50 a page, the total on every page, and the total past the last page', async () => {
    const f = filter({ unit: org.national });
    const total = NORDIC.length + 4 + 55;
    const one = await listMembers(t.database.db, system, f, 'da');
    expect(one.items).toHaveLength(MEMBER_PAGE_SIZE);
    expect(one.total).toBe(total);
    const two = await listMembers(t.database.db, system, { ...f, page: 2 }, 'da');
    expect(two.items).toHaveLength(total - MEMBER_PAGE_SIZE);
    expect(two.total).toBe(total);
    expect(new Set([...one.items, ...two.items].map((m) => m.id)).size).toBe(total);
    const past = await listMembers(t.database.db, system, { ...f, page: 9 }, 'da');
    expect(past.items).toEqual([]);
    expect(past.total).toBe(total);
  });

  it('hands the whole list to the export in batches, in order, each member once', async () => {
    const seen: string[] = [];
    for await (const m of allMembers(t.database.db, system, filter({ unit: org.south, q: 'nora' }), 'da', 2)) seen.push(m.lastName);
    expect(seen).toEqual(DANISH);
  });

  it('is one query, whatever the filters', async () => {
    let queries = 0;
    // Every query starts with one of these calls on the handle: counting them counts round trips.
    const counting = new Proxy(t.database.db, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (['execute', 'select', 'selectDistinct', 'insert', 'update', 'delete', 'transaction', 'with'].includes(String(prop))) queries++;
          return value.apply(target, args);
        };
      },
    }) as Db;
    const staff = await actorFor([['staff', org.north]]);
    const page = await listMembers(counting, staff, filter({ q: 'jen', unit: org.north, status: 'active', type: types.ordinary, role: 'steward', workplace, sort: 'joined' }), 'sv');
    expect(names(page)).toEqual(['Jensen']);
    expect(queries).toBe(1);
    queries = 0;
    await listMembers(counting, system, filter({ unit: org.national }), 'da');
    expect(queries).toBe(1);
  });
});
