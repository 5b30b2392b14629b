import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import { seedUnits, type Org } from '../../test/app.js';
import { persons, roleAssignments, type RoleKind } from '../../kernel/tables.js';
import { loadGrants } from '../../kernel/grants.js';
import { memberships, membershipTypes } from '../members/tables.js';
import { createAssembly } from './assemblies.js';
import { freezeRoll } from './roll.js';
import { assemblyInput } from './schema.js';
import type { AssemblyView } from './queries.js';

/*
 * A small organisation for the assemblies' tests: the north district with active members, staff of
 * the north and the south, the north's board, an admin, and a member of the south. `calledAssembly`
 * makes an assembly of the north a month ahead with its roll taken and its notice out (status
 * `notice_sent`), without going through the mailings, so each slice's tests start from there.
 */

export interface Someone {
  id: string;
  email: string;
  actor: Actor;
}

export interface AssemblyWorld {
  database: Database;
  org: Org;
  typeId: string;
  staffNorth: Someone;
  staffSouth: Someone;
  boardNorth: Someone;
  admin: Someone;
  /** Active members of the north (on the roll of a north assembly). */
  members: Someone[];
  /** An active member of the south (not on it). */
  southMember: Someone;
}

let n = 0;
const DAY = 86_400_000;

/** An actor as the request context would load it. */
export async function actorFor(database: Database, personId: string): Promise<Actor> {
  return { kind: 'person', personId, firstName: 'T', lastName: 'P', grants: await loadGrants(database.db, personId) };
}

/** A person with an active membership in `unitId` (and any roles). */
export async function activeMember(database: Database, typeId: string, unitId: string, roles: [RoleKind, string | null][] = []): Promise<Someone> {
  n++;
  const email = `voter${n}.${Date.now()}@example.org`;
  const [p] = await database.db.insert(persons).values({ firstName: 'Medlem', lastName: `Nummer ${n}`, email }).returning();
  await database.db.insert(memberships).values({ personId: p.id, typeId, unitId, status: 'active', statusSince: sql`current_date - 30` });
  if (roles.length) await database.db.insert(roleAssignments).values(roles.map(([role, u]) => ({ personId: p.id, role, unitId: u })));
  return { id: p.id, email, actor: await actorFor(database, p.id) };
}

/** A person with roles and no membership. */
export async function roleHolder(database: Database, roles: [RoleKind, string | null][]): Promise<Someone> {
  n++;
  const email = `office${n}.${Date.now()}@example.org`;
  const [p] = await database.db.insert(persons).values({ firstName: 'Ansat', lastName: `Nummer ${n}`, email }).returning();
  await database.db.insert(roleAssignments).values(roles.map(([role, u]) => ({ personId: p.id, role, unitId: u })));
  return { id: p.id, email, actor: await actorFor(database, p.id) };
}

export async function assemblyWorld(database: Database, opts: { members?: number } = {}): Promise<AssemblyWorld> {
  const org = await seedUnits(database);
  const [type] = await database.db.insert(membershipTypes).values({ code: `ordinary-${Date.now()}-${n++}`, name: 'Ordinært medlem' }).returning();
  const members: Someone[] = [];
  for (let i = 0; i < (opts.members ?? 6); i++) members.push(await activeMember(database, type.id, org.north));
  return {
    database,
    org,
    typeId: type.id,
    staffNorth: await roleHolder(database, [['staff', org.north]]),
    staffSouth: await roleHolder(database, [['staff', org.south]]),
    boardNorth: await activeMember(database, type.id, org.north, [['board', org.north]]),
    admin: await roleHolder(database, [['admin', null]]),
    members,
    southMember: await activeMember(database, type.id, org.south),
  };
}

/** An assembly of the north `days` ahead, as staff of the north call it (a draft). */
export async function draftAssembly(w: AssemblyWorld, overrides: Record<string, unknown> = {}, days = 30): Promise<AssemblyView> {
  const input = assemblyInput.parse({ unitId: w.org.north, title: `Generalforsamling ${++n}`, startsAt: new Date(Date.now() + days * DAY).toISOString(), template: 'standard', place: 'Fagforeningshuset', ...overrides });
  const r = await createAssembly(w.database.db, w.staffNorth.actor, input);
  if (!r.ok) throw new Error(`createAssembly: ${JSON.stringify(r)}`);
  return r.assembly;
}

/** A draft with its roll taken and the notice marked sent (the mail itself is the notice slice's). */
export async function calledAssembly(w: AssemblyWorld, overrides: Record<string, unknown> = {}, days = 30): Promise<AssemblyView> {
  const a = await draftAssembly(w, overrides, days);
  await w.database.db.transaction(async (tx) => {
    await freezeRoll(tx, a.id);
    await tx.execute(sql`update assemblies set status = 'notice_sent', notice_sent_at = now() where id = ${a.id}`);
  });
  return { ...a, status: 'notice_sent' };
}

/** Puts an assembly in session (as the chair would open it) and checks these people in. */
export async function inSession(w: AssemblyWorld, assemblyId: string, present: readonly Someone[] = []): Promise<void> {
  await w.database.db.execute(sql`update assemblies set status = 'in_session', opened_at = now() where id = ${assemblyId}`);
  for (const p of present) await w.database.db.execute(sql`insert into assembly_attendance (assembly_id, person_id) values (${assemblyId}, ${p.id}) on conflict do nothing`);
}
