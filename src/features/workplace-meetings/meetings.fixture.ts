import type { Database } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { roleAssignments, employments, workplaces } from '../../kernel/tables.js';
import { actorFor, ctx, eventWorld, member, person, type EventWorld } from '../events/events.fixture.js';
import { meetingTopics } from './tables.js';
import { meetingRequestInput, type MeetingRequestInput } from './schema.js';

export { ctx, mailsTo } from '../events/events.fixture.js';

export interface MeetingWorld extends EventWorld {
  /** Workplaces A and B in the north, C in the south. */
  wpA: { id: string; name: string };
  wpB: { id: string; name: string };
  wpC: { id: string; name: string };
  stewardA: { id: string; email: string; actor: Actor };
  /** A member employed at A today (not a steward). */
  employeeA: { id: string; email: string; actor: Actor };
  /** A member of the north employed elsewhere. */
  outsider: { id: string; email: string; actor: Actor };
  consultant: Actor & { kind: 'person' };
  consultant2: Actor & { kind: 'person' };
  politician: Actor & { kind: 'person' };
  boardNorth: Actor & { kind: 'person' };
  topics: { workEnvironment: string; pay: string; southOnly: string };
}

const asPerson = (a: Actor) => a as Actor & { kind: 'person' };

export async function meetingWorld(database: Database): Promise<MeetingWorld> {
  const w = await eventWorld(database);
  const db = database.db;
  const [wpA, wpB, wpC] = await db
    .insert(workplaces)
    .values([
      { name: 'Bofællesskabet Lærkereden', unitId: w.org.north, employerKind: 'municipality', employerName: 'Testkommune', addressLine: 'Skovvej 4', postalCode: '9000', city: 'Aalborg' },
      { name: 'Dagtilbuddet Solsikken', unitId: w.org.north, employerKind: 'municipality', employerName: 'Testkommune', addressLine: 'Engvej 2', postalCode: '9000', city: 'Aalborg' },
      { name: 'Værestedet Havnen', unitId: w.org.south, employerKind: 'private', employerName: 'Fonden Havnen', addressLine: 'Kajen 1', postalCode: '6700', city: 'Esbjerg' },
    ])
    .returning({ id: workplaces.id, name: workplaces.name });
  const stewardBase = await member(w);
  await db.insert(roleAssignments).values({ personId: stewardBase.id, role: 'steward', unitId: w.org.north, workplaceId: wpA.id });
  await db.insert(employments).values({ personId: stewardBase.id, workplaceId: wpA.id });
  const stewardA = { ...stewardBase, actor: await actorFor(database, stewardBase.id) };
  const employeeA = await member(w);
  await db.insert(employments).values({ personId: employeeA.id, workplaceId: wpA.id });
  const outsider = await member(w);
  await db.insert(employments).values({ personId: outsider.id, workplaceId: wpB.id });
  const [we, pay, southOnly] = await db
    .insert(meetingTopics)
    .values([
      { unitId: w.org.north, name: 'Arbejdsmiljø', position: 1 },
      { unitId: w.org.north, name: 'Løn og pension', position: 2 },
      { unitId: w.org.south, name: 'Kun i Syd', position: 1 },
    ])
    .returning({ id: meetingTopics.id });
  return {
    ...w,
    wpA,
    wpB,
    wpC,
    stewardA,
    employeeA,
    outsider,
    consultant: asPerson(await person(database, [['staff', w.org.north]])),
    consultant2: asPerson(await person(database, [['staff', w.org.north]])),
    politician: asPerson(await person(database, [['board', w.org.north]])),
    boardNorth: asPerson(await person(database, [['board', w.org.north]])),
    topics: { workEnvironment: we.id, pay: pay.id, southOnly: southOnly.id },
  };
}

const HOUR = 3600_000;
export const inHours = (h: number) => new Date(Math.floor((Date.now() + h * HOUR) / 1000) * 1000).toISOString();

/** A valid request body as the API takes it: workplace A, one time in two weeks, a catalogue topic. */
export function requestBody(w: MeetingWorld, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    workplaceId: w.wpA.id,
    contactName: 'Kontakt Person',
    contactEmail: 'kontakt@laerkereden.example',
    contactPhone: '12345678',
    proposedTimes: [{ startsAt: inHours(24 * 14), endsAt: inHours(24 * 14 + 2) }],
    topicIds: [w.topics.workEnvironment],
    questions: 'Hvad gør vi ved alenearbejde om aftenen?',
    nonMembersWelcome: true,
    expectedParticipants: 15,
    ...overrides,
  };
}

export const requestInput = (w: MeetingWorld, overrides: Record<string, unknown> = {}): MeetingRequestInput => meetingRequestInput.parse(requestBody(w, overrides));
