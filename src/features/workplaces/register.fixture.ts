import type { Database } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { loadGrants } from '../../kernel/grants.js';
import { type MembershipStatus } from '../members/index.js';
import { memberships, membershipTypes } from '../members/tables.js';
import { persons, roleAssignments, employments, workplaces } from '../../kernel/tables.js';
import { createPerson, seedUnits, type Org } from '../../test/app.js';
import { dateInDays } from '../../test/time.js';

/**
 * A register small enough to count by hand, for the workplace tests:
 *
 * | workplace (unit)        | employed today                          | steward            | safety rep              |
 * | ----------------------- | --------------------------------------- | ------------------ | ----------------------- |
 * | Bakkehuset (north)      | Mette, Morten, Maja (members), Niels (none), Rikke (resigned) | Mette | Morten until five years ago (vacant) |
 * | Åbrinken (north)        | Anna, Bo (members)                      | Anna               | Bo                      |
 * | Ærøskolen (south)       | nobody                                  | –                  | –                       |
 * | Østerhuset (north)      | Dorthe (member)                         | Dorthe from next year | –                    |
 *
 * Bakkehuset also had Erik, whose employment ended five years ago: he counts nowhere. Every date is
 * counted from today (`registerDates`), so what is current, ended or yet to begin stays so.
 */
export const registerDates = {
  employedSince: dateInDays(-6 * 365),
  erikLeft: dateInDays(-5 * 365),
  metteStewardSince: dateInDays(-6 * 365 + 90),
  mortenSafetyRepSince: dateInDays(-7 * 365),
  mortenSafetyRepUntil: dateInDays(-5 * 365 - 90),
  aabrinkenOfficesSince: dateInDays(-4 * 365),
  dortheStewardFrom: dateInDays(365),
};

export interface Register {
  org: Org;
  bakkehuset: string;
  aabrinken: string;
  aeroeskolen: string;
  oesterhuset: string;
  people: Record<'mette' | 'morten' | 'maja' | 'niels' | 'rikke' | 'erik' | 'anna' | 'bo' | 'dorthe', string>;
}

export async function seedRegister(database: Database): Promise<Register> {
  const db = database.db;
  const org = await seedUnits(database);
  const [type] = await db.insert(membershipTypes).values({ code: `ordinary-${Date.now()}`, name: 'Ordinært medlem' }).returning();
  const place = async (name: string, unitId: string, pNumber: string | null = null) =>
    (await db.insert(workplaces).values({ name, unitId, employerKind: 'municipality', employerName: 'Testkommune', pNumber }).returning())[0].id;
  const bakkehuset = await place('Bakkehuset', org.north, '1012345678');
  const aabrinken = await place('Åbrinken', org.north);
  const aeroeskolen = await place('Ærøskolen', org.south);
  const oesterhuset = await place('Østerhuset', org.north);

  const person = async (firstName: string, lastName: string, status: MembershipStatus | null) => {
    const [p] = await db.insert(persons).values({ firstName, lastName, email: `${firstName.toLowerCase()}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.org` }).returning();
    if (status) await db.insert(memberships).values({ personId: p.id, typeId: type.id, unitId: org.north, status });
    return p.id;
  };
  const people = {
    mette: await person('Mette', 'Andersen', 'active'),
    morten: await person('Morten', 'Bech', 'active'),
    maja: await person('Maja', 'Carlsen', 'active'),
    niels: await person('Niels', 'Dam', null),
    rikke: await person('Rikke', 'Ebbesen', 'resigned'),
    erik: await person('Erik', 'Friis', 'active'),
    anna: await person('Anna', 'Grøn', 'active'),
    bo: await person('Bo', 'Holm', 'active'),
    dorthe: await person('Dorthe', 'Iversen', 'active'),
  };
  const job = (personId: string, workplaceId: string, extra: Partial<typeof employments.$inferInsert> = {}) => ({ personId, workplaceId, jobTitle: 'Pædagog', startsOn: registerDates.employedSince, ...extra });
  await db.insert(employments).values([
    job(people.mette, bakkehuset),
    job(people.morten, bakkehuset),
    job(people.maja, bakkehuset, { isLeader: true, jobTitle: 'Afdelingsleder' }),
    job(people.niels, bakkehuset, { startsOn: null }),
    job(people.rikke, bakkehuset),
    job(people.erik, bakkehuset, { endsOn: registerDates.erikLeft }),
    job(people.anna, aabrinken),
    job(people.bo, aabrinken),
    job(people.dorthe, oesterhuset),
  ]);
  await db.insert(roleAssignments).values([
    { personId: people.mette, role: 'steward', workplaceId: bakkehuset, startsOn: registerDates.metteStewardSince },
    { personId: people.morten, role: 'safety_rep', workplaceId: bakkehuset, startsOn: registerDates.mortenSafetyRepSince, endsOn: registerDates.mortenSafetyRepUntil },
    { personId: people.anna, role: 'steward', workplaceId: aabrinken, startsOn: registerDates.aabrinkenOfficesSince },
    { personId: people.bo, role: 'safety_rep', workplaceId: aabrinken, startsOn: registerDates.aabrinkenOfficesSince },
    { personId: people.dorthe, role: 'steward', workplaceId: oesterhuset, startsOn: registerDates.dortheStewardFrom },
  ]);
  return { org, bakkehuset, aabrinken, aeroeskolen, oesterhuset, people };
}

/** The actor a person is when logged in: their grants as the app loads them. */
export async function actorOf(database: Database, personId: string): Promise<Actor> {
  return { kind: 'person', personId, firstName: 'Test', lastName: 'Person', grants: await loadGrants(database.db, personId) };
}

/** A staff member (or board member, admin) of a unit, as an actor. */
export async function actorWith(database: Database, roles: Parameters<typeof createPerson>[1]): Promise<Actor> {
  const p = await createPerson(database, roles);
  return actorOf(database, p.id);
}
