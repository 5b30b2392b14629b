import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import { system } from '../../platform/actor.js';
import { seedUnits, type Org } from '../../test/app.js';
import { loadGrants } from '../../kernel/grants.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { persons, roleAssignments, type RoleKind } from '../../kernel/tables.js';
import { memberships, membershipTypes } from '../members/tables.js';
import { seedDemoCompanies, seedDemoCompanyContacts } from '../member-companies/index.js';
import { addNetworkMember } from './membership.js';
import { createNetwork, type NetworkInput } from './networks.js';
import type { JoinPolicy, NetworkKind, NetworkVisibility } from './tables.js';

/*
 * The world the networks' tests meet: the north district with six members, a member of the south;
 * two member companies of the north (competitors), each with a contact person, and a third
 * company's contact who is in no network; staff of the north (who make the networks and coordinate
 * them), a staff expert of the north, staff and board of the south, the north's board, an admin,
 * and a person who is nothing. `networkOf` makes a network through the use case.
 */

export interface Someone {
  id: string;
  name: string;
  actor: Actor;
}

export interface NetworkWorld {
  database: Database;
  org: Org;
  members: Someone[];
  memberElsewhere: Someone;
  /** Contact persons of company A and company B (competitors), and of company C (in no network). */
  contactA: Someone;
  contactB: Someone;
  contactC: Someone;
  companyA: string;
  companyB: string;
  companyC: string;
  staff: Someone;
  expert: Someone;
  staffElsewhere: Someone;
  board: Someone;
  boardElsewhere: Someone;
  admin: Someone;
  outsider: Someone;
}

export const ctx = { baseUrl: 'http://forening.test' };
let n = 0;

export async function actorOf(database: Database, id: string, name = 'Test Person'): Promise<Actor> {
  const [first, ...rest] = name.split(' ');
  return { kind: 'person', personId: id, firstName: first, lastName: rest.join(' '), grants: await loadGrants(database.db, id) };
}

async function someone(database: Database, opts: { first: string; last: string; member?: string; typeId?: string; roles?: [RoleKind, string | null][] }): Promise<Someone> {
  n++;
  const [p] = await database.db
    .insert(persons)
    .values({ firstName: opts.first, lastName: opts.last, email: `network${n}.${Date.now()}@example.org`, preferredLocale: 'da' })
    .returning();
  if (opts.member) await database.db.insert(memberships).values({ personId: p.id, typeId: opts.typeId!, unitId: opts.member, status: 'active', statusSince: sql`current_date - 30` });
  if (opts.roles?.length) await database.db.insert(roleAssignments).values(opts.roles.map(([role, unitId]) => ({ personId: p.id, role, unitId })));
  const name = `${opts.first} ${opts.last}`;
  return { id: p.id, name, actor: await actorOf(database, p.id, name) };
}

const FIRST = ['Anna', 'Bo', 'Cecilie', 'Dan', 'Emma', 'Frederik'];

export async function networkWorld(database: Database): Promise<NetworkWorld> {
  const org = await seedUnits(database);
  const [type] = await database.db.insert(membershipTypes).values({ code: `network-${Date.now()}-${++n}`, name: 'Ordinært medlem' }).returning();
  const p = (opts: Parameters<typeof someone>[1]) => someone(database, { typeId: type.id, ...opts });
  const members: Someone[] = [];
  for (const first of FIRST) members.push(await p({ first, last: 'Medlemsen', member: org.north }));
  const stamp = `${Date.now() % 1_000_000}`.padStart(6, '0');
  const [a, b, c] = await seedDemoCompanies(database.db, [
    { name: `Nordlys Omsorg ApS ${n}`, country: 'DK', cvr: `1${stamp}${(n % 10)}`, unitId: org.north },
    { name: `Fjordens Bosteder A/S ${n}`, country: 'DK', cvr: `2${stamp}${(n % 10)}`, unitId: org.north },
    { name: `Havblik Pleje ApS ${n}`, country: 'DK', cvr: `3${stamp}${(n % 10)}`, unitId: org.north },
  ]);
  const contactA = await p({ first: 'Karin', last: 'Kontakt' });
  const contactB = await p({ first: 'Kasper', last: 'Konkurrent' });
  const contactC = await p({ first: 'Kirsten', last: 'Tredje' });
  await seedDemoCompanyContacts(database.db, [
    { companyId: a.id, personId: contactA.id, title: 'Direktør', isPrimary: true },
    { companyId: b.id, personId: contactB.id, title: 'Leder', isPrimary: true },
    { companyId: c.id, personId: contactC.id, title: 'Ejer', isPrimary: true },
  ]);
  return {
    database,
    org,
    members,
    memberElsewhere: await p({ first: 'Mads', last: 'Sydmedlem', member: org.south }),
    contactA,
    contactB,
    contactC,
    companyA: a.id,
    companyB: b.id,
    companyC: c.id,
    staff: await p({ first: 'Sanne', last: 'Sekretær', roles: [['staff', org.north]] }),
    expert: await p({ first: 'Erik', last: 'Ekspert', roles: [['staff', org.north]] }),
    staffElsewhere: await p({ first: 'Sune', last: 'Sydsekretær', roles: [['staff', org.south]] }),
    board: await p({ first: 'Bente', last: 'Bestyrelse', roles: [['board', org.north]] }),
    boardElsewhere: await p({ first: 'Bo', last: 'Sydbestyrelse', roles: [['board', org.south]] }),
    admin: await p({ first: 'Alma', last: 'Admin', roles: [['admin', null]] }),
    outsider: await p({ first: 'Otto', last: 'Udenfor' }),
  };
}

/**
 * A network of the north made by its staff (who becomes its coordinator), with the staff expert
 * attached and the given people (member ids) or companies in it.
 */
export async function networkOf(
  w: NetworkWorld,
  opts: { kind?: NetworkKind; visibility?: NetworkVisibility; joinPolicy?: JoinPolicy; people?: string[]; companies?: string[]; name?: string } = {},
): Promise<string> {
  const input: NetworkInput = { unitId: w.org.north, name: opts.name ?? `Netværk ${++n}`, description: 'Erfaringsudveksling', kind: opts.kind ?? 'people', visibility: opts.visibility ?? 'listed', joinPolicy: opts.joinPolicy ?? 'open' };
  const made = await createNetwork(w.database.db, w.staff.actor, input);
  if (!made.ok) throw new Error(`createNetwork: ${JSON.stringify(made)}`);
  const id = made.network.id;
  const add = async (body: Parameters<typeof addNetworkMember>[3]) => {
    const r = await addNetworkMember(w.database.db, w.staff.actor, id, body);
    if (!r.ok) throw new Error(`addNetworkMember: ${JSON.stringify(r)}`);
  };
  await add({ memberId: w.expert.id, role: 'expert' });
  for (const memberId of opts.people ?? []) await add({ memberId });
  for (const memberCompanyId of opts.companies ?? []) await add({ memberCompanyId });
  return id;
}

/** A personal API token of the person, as `authorization` header. */
export async function tokenOf(database: Database, personId: string): Promise<{ authorization: string }> {
  const made = await createPersonalToken(database.db, system, { personId, name: `networks-${++n}` });
  if (!made.ok) throw new Error(`createPersonalToken: ${made.reason}`);
  return { authorization: `Bearer ${made.token.value}` };
}
