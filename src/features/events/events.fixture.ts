import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { loadGrants, memberships, membershipSections, membershipTypes, persons, roleAssignments, type RoleKind } from '../members/index.js';
import { seedUnits, type Org } from '../../test/app.js';
import { createEvent } from './events.js';
import { eventInput } from './schema.js';
import type { EventMailContext } from './mails.js';
import type { EventDetail } from './schema.js';

export const ctx: EventMailContext = { baseUrl: 'http://forening.test', organisationName: 'Testforbundet', defaultLocale: 'da' };

let n = 0;

export interface EventWorld {
  database: Database;
  org: Org;
  typeId: string;
  staffNorth: Actor;
  staffSouth: Actor;
  board: Actor;
  admin: Actor;
}

/** An actor as the request context would load it. */
export async function actorFor(database: Database, personId: string): Promise<Actor> {
  return { kind: 'person', personId, firstName: 'T', lastName: 'P', grants: await loadGrants(database.db, personId) };
}

/** A person with an active membership (in `unitId`, optionally also in sections) and any roles. */
export async function member(
  world: Pick<EventWorld, 'database' | 'typeId' | 'org'>,
  opts: { unitId?: string; sections?: string[]; roles?: [RoleKind, string | null][]; locale?: 'da' | 'sv' | 'en'; status?: 'active' | 'resigned' } = {},
): Promise<{ id: string; email: string; actor: Actor }> {
  const db = world.database.db;
  n++;
  const email = `member${n}.${Date.now()}@example.org`;
  const [p] = await db.insert(persons).values({ firstName: 'Medlem', lastName: `Nummer ${n}`, email, preferredLocale: opts.locale ?? null }).returning();
  const [m] = await db.insert(memberships).values({ personId: p.id, typeId: world.typeId, unitId: opts.unitId ?? world.org.north, status: opts.status ?? 'active' }).returning();
  for (const s of opts.sections ?? []) await db.insert(membershipSections).values({ membershipId: m.id, unitId: s });
  if (opts.roles?.length) await db.insert(roleAssignments).values(opts.roles.map(([role, unitId]) => ({ personId: p.id, role, unitId })));
  return { id: p.id, email, actor: await actorFor(world.database, p.id) };
}

/** A person with roles and no membership (staff, board, admin). */
export async function person(database: Database, roles: [RoleKind, string | null][]): Promise<Actor> {
  n++;
  const [p] = await database.db.insert(persons).values({ firstName: 'Ansat', lastName: `Nummer ${n}`, email: `staff${n}.${Date.now()}@example.org` }).returning();
  if (roles.length) await database.db.insert(roleAssignments).values(roles.map(([role, unitId]) => ({ personId: p.id, role, unitId })));
  return actorFor(database, p.id);
}

export async function eventWorld(database: Database): Promise<EventWorld> {
  const org = await seedUnits(database);
  const [type] = await database.db.insert(membershipTypes).values({ code: `ordinary-${Date.now()}-${n++}`, name: 'Ordinært medlem' }).returning();
  return {
    database,
    org,
    typeId: type.id,
    staffNorth: await person(database, [['staff', org.north]]),
    staffSouth: await person(database, [['staff', org.south]]),
    board: await person(database, [['board', null]]),
    admin: await person(database, [['admin', null]]),
  };
}

const DAY = 24 * 3600 * 1000;

/** A published event in the north a month from now, open for registration; `overrides` as API input. */
export async function publishedEvent(world: EventWorld, overrides: Record<string, unknown> = {}, publish = true): Promise<EventDetail> {
  const startsAt = new Date(Date.now() + 30 * DAY);
  const input = eventInput.parse({
    kind: 'member_meeting',
    title: `Medlemsmøde ${++n}`,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 3600 * 1000).toISOString(),
    unitId: world.org.north,
    audience: 'members',
    capacity: 10,
    waitlist: true,
    ...overrides,
  });
  const created = await createEvent(world.database.db, world.staffNorth, input);
  if (!created.ok) throw new Error(`createEvent: ${JSON.stringify(created)}`);
  if (publish) await world.database.db.execute(sql`update events set status = 'published', published_at = now() where id = ${created.event.id}`);
  return created.event;
}

/** The mails queued to one address, newest last. */
export async function mailsTo(database: Database, email: string): Promise<{ subject: string; text: string }[]> {
  const r = await database.executeSql(`select subject, text_body as text from mail_outbox where lower(to_address) = lower($1) order by created_at, id`, [email]);
  return r.rows as { subject: string; text: string }[];
}

export const days = (d: number) => new Date(Date.now() + d * DAY).toISOString();
