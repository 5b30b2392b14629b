import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { membershipTypes } from '../members/tables.js';
import { roleAssignments, units, employments, workplaces } from '../../kernel/tables.js';
import { registrations } from '../events/tables.js';
import { actorFor, eventWorld, insertEvent, member, person, type EventWorld } from '../events/events.fixture.js';

/**
 * A hand-built register for segment tests. Every person is named for what makes them different, so a
 * test reads as "who is in": `names(result)` gives these names back.
 */
export interface RegisterWorld extends EventWorld {
  /** A section below Kreds Nord (the leaders' section hangs under national). */
  northYouth: string;
  studentType: string;
  wpMunicipal: string;
  wpPrivate: string;
  /** A workplace of Kreds Syd: staff of the north cannot see it. */
  wpSouth: string;
  eventA: string;
  eventB: string;
  /** A draft event of Kreds Syd: staff of the north cannot see it. */
  eventSouthDraft: string;
  people: Record<PersonName, string>;
  boardNorth: Actor;
  memberActor: Actor;
  stewardActor: Actor;
}

export const personNames = [
  'leader',
  'leaderEnded',
  'leaderFuture',
  'steward',
  'formerEmployee',
  'resigned',
  'sectionMember',
  'youth',
  'south',
  'southSection',
  'registered',
  'waitlisted',
  'cancelled',
  'attended',
  'registeredB',
  'privateEmployee',
  'futureEmployee',
] as const;
export type PersonName = (typeof personNames)[number];

const dayOffset = (d: number) => sql`current_date + ${d}::int`;

export async function registerWorld(database: Database): Promise<RegisterWorld> {
  const w = await eventWorld(database);
  const db = database.db;
  const [youth] = await db.insert(units).values({ kind: 'section', parentId: w.org.north, name: 'Unge i Nord', position: 4 }).returning({ id: units.id });
  const [student] = await db.insert(membershipTypes).values({ code: `student-${Date.now()}`, name: 'Studerende', position: 2 }).returning({ id: membershipTypes.id });
  const [wpMunicipal, wpPrivate, wpSouth] = await db
    .insert(workplaces)
    .values([
      { name: 'Bofællesskabet Lærkereden', unitId: w.org.north, employerKind: 'municipality', employerName: 'Testkommune' },
      { name: 'Privatskolen Egely', unitId: w.org.north, employerKind: 'private', employerName: 'Egely ApS' },
      { name: 'Værestedet Havnen', unitId: w.org.south, employerKind: 'region', employerName: 'Region Test' },
    ])
    .returning({ id: workplaces.id });
  const eventA = await insertEvent(database, { unitId: w.org.north, title: 'Ledermøde' });
  const eventB = await insertEvent(database, { unitId: w.org.north, title: 'Generalforsamling' });
  const southDraft = await insertEvent(database, { unitId: w.org.south, title: 'Kladde i Syd', status: 'draft', publishedAt: null });

  const m = (opts: Parameters<typeof member>[1] = {}) => member(w, opts).then((p) => p.id);
  const people = {
    leader: await m({ roles: [['leader', w.org.north]] }),
    leaderEnded: await m(),
    leaderFuture: await m(),
    steward: await m({ locale: 'sv' }),
    formerEmployee: await m(),
    resigned: await m({ status: 'resigned', roles: [['leader', w.org.north]] }),
    sectionMember: await m({ sections: [w.org.leaders], locale: 'en' }),
    youth: await m({ sections: [youth.id] }),
    south: await m({ unitId: w.org.south, roles: [['leader', w.org.south]] }),
    southSection: await m({ unitId: w.org.south, sections: [w.org.leaders] }),
    registered: await m(),
    waitlisted: await m(),
    cancelled: await m(),
    attended: await m(),
    registeredB: await m(),
    privateEmployee: await m(),
    futureEmployee: await m(),
  } satisfies Record<PersonName, string>;

  await db.execute(sql`update memberships set type_id = ${student.id} where person_id = ${people.steward}`);
  await db.insert(roleAssignments).values([
    { personId: people.leaderEnded, role: 'leader', unitId: w.org.north, startsOn: sql`current_date - 400`, endsOn: sql`current_date - 1` },
    { personId: people.leaderFuture, role: 'leader', unitId: w.org.north, startsOn: sql`current_date + 1` },
    { personId: people.steward, role: 'steward', unitId: w.org.north, workplaceId: wpMunicipal.id },
    // A board term that ends today is still held today.
    { personId: people.leader, role: 'board', unitId: w.org.north, startsOn: sql`current_date - 10`, endsOn: sql`current_date` },
  ]);
  await db.insert(employments).values([
    { personId: people.steward, workplaceId: wpMunicipal.id },
    { personId: people.formerEmployee, workplaceId: wpMunicipal.id, startsOn: sql`current_date - 400`, endsOn: sql`current_date - 1` },
    { personId: people.south, workplaceId: wpMunicipal.id },
    { personId: people.privateEmployee, workplaceId: wpPrivate.id, startsOn: sql`current_date - 30` },
    { personId: people.futureEmployee, workplaceId: wpPrivate.id, startsOn: dayOffset(7) },
  ]);
  const reg = (personId: string, eventId: string, status: 'confirmed' | 'waitlisted' | 'cancelled', checkedIn = false) => ({
    personId,
    eventId,
    status,
    checkedInAt: checkedIn ? new Date() : null,
    cancelledAt: status === 'cancelled' ? new Date() : null,
  });
  await db
    .insert(registrations)
    .values([
      reg(people.registered, eventA.id, 'confirmed'),
      reg(people.waitlisted, eventA.id, 'waitlisted'),
      reg(people.cancelled, eventA.id, 'cancelled'),
      reg(people.south, eventA.id, 'confirmed'),
      reg(people.attended, eventB.id, 'confirmed', true),
      reg(people.registeredB, eventB.id, 'confirmed'),
    ]);

  // The member and steward actors are people without a membership, so they never show up in a count.
  const stewardActor = await person(database, []);
  const stewardId = (stewardActor as Actor & { kind: 'person' }).personId;
  await db.insert(roleAssignments).values({ personId: stewardId, role: 'steward', unitId: w.org.north, workplaceId: wpMunicipal.id });
  return {
    ...w,
    northYouth: youth.id,
    studentType: student.id,
    wpMunicipal: wpMunicipal.id,
    wpPrivate: wpPrivate.id,
    wpSouth: wpSouth.id,
    eventA: eventA.id,
    eventB: eventB.id,
    eventSouthDraft: southDraft.id,
    people,
    boardNorth: await person(database, [['board', w.org.north]]),
    memberActor: await person(database, [['member', w.org.north]]),
    stewardActor: await actorFor(database, stewardId),
  };
}
