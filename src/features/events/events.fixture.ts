import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { loadGrants } from '../../kernel/grants.js';
import { memberships, membershipTypes } from '../members/tables.js';
import { membershipSections } from '../members/tables.js';
import { persons, roleAssignments, type RoleKind } from '../../kernel/tables.js';
import { seedUnits, type Org } from '../../test/app.js';
import { createEvent } from './events.js';
import { eventInput } from './schema.js';
import { events } from './tables.js';
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
  const created = await createEvent(world.database.db, world.staffNorth, input, { allowPast: true });
  if (!created.ok) throw new Error(`createEvent: ${JSON.stringify(created)}`);
  if (publish) await world.database.db.execute(sql`update events set status = 'published', published_at = now() where id = ${created.event.id}`);
  return created.event;
}

/**
 * An event written straight into the table, past the use cases, for tests of what reads events
 * (feeds, reminders): published a month ago, for members, tomorrow for two hours at an address in
 * Aarhus, unless `fields` say otherwise. Whole seconds: iCalendar has no finer times.
 */
export async function insertEvent(database: Database, fields: Partial<typeof events.$inferInsert> & { unitId: string }) {
  n++;
  const startsAt = fields.startsAt ?? new Date(Math.floor((Date.now() + DAY) / 1000) * 1000);
  const [row] = await database.db
    .insert(events)
    .values({
      slug: `arrangement-${n}`,
      kind: 'member_meeting',
      title: `Arrangement ${n}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
      audience: 'members',
      status: 'published',
      publishedAt: new Date(Date.now() - 30 * DAY),
      addressLine: 'Nørregade 1',
      postalCode: '8000',
      city: 'Aarhus C',
      ...fields,
    })
    .returning();
  return row;
}

/** A multipart form with the CSRF token and one file, as a browser sends it. */
export function multipart(csrf: string, file: { field?: string; name: string; type: string; bytes: Buffer }): { payload: Buffer; contentType: string } {
  const boundary = '----forening-events-boundary';
  const parts = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A PDF as the material upload checks it: by its first bytes. */
export const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]);

/** The mails queued to one address, newest last. */
export async function mailsTo(database: Database, email: string): Promise<{ subject: string; text: string }[]> {
  const r = await database.executeSql(`select subject, text_body as text from mail_outbox where lower(to_address) = lower($1) order by created_at, id`, [email]);
  return r.rows as { subject: string; text: string }[];
}

export const days = (d: number) => new Date(Date.now() + d * DAY).toISOString();
