import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.js';
import { dateInDays } from '../../test/time.js';
import type { Database } from '../../platform/db/database.js';
import { anonymous } from '../../platform/actor.js';
import { employments, workplaces } from '../../kernel/tables.js';
import { ctx, days, eventWorld, member, publishedEvent, type EventWorld } from './events.fixture.js';
import { createEvent, updateEvent } from './events.js';
import { eventFilter, eventInput, eventPatch, registrationInput } from './schema.js';
import { getEvent, listEvents } from './queries.js';
import { registerForEvent } from './registrations.js';

/** The `workplace` audience: the people employed at one workplace today (a workplace meeting's event). */
let database: Database;
let w: EventWorld;
let wp: string;
let employee: Awaited<ReturnType<typeof member>>;
let former: Awaited<ReturnType<typeof member>>;
let other: Awaited<ReturnType<typeof member>>;

beforeAll(async () => {
  database = await testDatabase();
  w = await eventWorld(database);
  [{ id: wp }] = await database.db.insert(workplaces).values({ name: 'Bostedet Kastanjen', unitId: w.org.north, employerKind: 'municipality' }).returning({ id: workplaces.id });
  employee = await member(w);
  former = await member(w);
  other = await member(w);
  await database.db.insert(employments).values([
    { personId: employee.id, workplaceId: wp },
    // Left a month ago: not employed there today.
    { personId: former.id, workplaceId: wp, startsOn: dateInDays(-2000), endsOn: dateInDays(-30) },
  ]);
});
afterAll(async () => database?.close());

const base = () => ({ kind: 'member_meeting', title: 'Fyraftensmøde', startsAt: days(10), endsAt: days(10.1), unitId: w.org.north });

describe('the workplace audience', () => {
  it('needs an existing workplace, and keeps its detail only for itself', async () => {
    const missing = eventInput.safeParse({ ...base(), audience: 'workplace' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]).toMatchObject({ path: ['audienceWorkplaceId'], message: 'validation.required' });
    expect(await createEvent(database.db, w.staffNorth, eventInput.parse({ ...base(), audience: 'workplace', audienceWorkplaceId: '00000000-0000-4000-8000-000000000000' }))).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [{ path: 'audienceWorkplaceId', code: 'event.workplace_not_found' }],
    });
    const members = eventInput.parse({ ...base(), audience: 'members', audienceWorkplaceId: wp, openToNonMembers: true });
    expect(members).toMatchObject({ audienceWorkplaceId: null, openToNonMembers: false });
  });

  it('admits only today’s employees (plus staff and board), and is never listed for anyone else', async () => {
    const event = await publishedEvent(w, { audience: 'workplace', audienceWorkplaceId: wp });
    expect(event).toMatchObject({ audience: 'workplace', audienceWorkplaceId: wp, openToNonMembers: false });
    const sees = async (actor: typeof w.admin) => (await getEvent(database.db, actor, event.id)).ok;
    const lists = async (actor: typeof w.admin) => (await listEvents(database.db, actor, eventFilter.parse({}))).items.some((e) => e.id === event.id);
    expect(await sees(employee.actor)).toBe(true);
    expect(await lists(employee.actor)).toBe(true);
    for (const actor of [former.actor, other.actor, anonymous, w.staffSouth]) {
      expect(await sees(actor)).toBe(false);
      expect(await lists(actor)).toBe(false);
    }
    expect(await sees(w.staffNorth)).toBe(true);
    expect(await sees(w.board)).toBe(true);
    const reg = await registerForEvent(database.db, employee.actor, event.id, registrationInput.parse({}), ctx);
    expect(reg.ok).toBe(true);
    expect(await registerForEvent(database.db, other.actor, event.id, registrationInput.parse({}), ctx)).toEqual({ ok: false, reason: 'not_found' });
    expect(await registerForEvent(database.db, anonymous, event.id, registrationInput.parse({ name: 'Gæst', email: 'gaest@example.org' }), ctx)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('open to non-members: reachable by its link and open to registration by name and e-mail, still not listed', async () => {
    const event = await publishedEvent(w, { audience: 'workplace', audienceWorkplaceId: wp, openToNonMembers: true });
    expect((await getEvent(database.db, anonymous, event.id)).ok).toBe(true);
    expect((await listEvents(database.db, anonymous, eventFilter.parse({}))).items.some((e) => e.id === event.id)).toBe(false);
    expect((await listEvents(database.db, other.actor, eventFilter.parse({}))).items.some((e) => e.id === event.id)).toBe(false);
    const pub = await registerForEvent(database.db, anonymous, event.id, registrationInput.parse({ name: 'Kollega', email: 'kollega@example.org' }), ctx);
    expect(pub.ok && pub.registration.status).toBe('pending');
    // Changing the audience away from the workplace drops the flag with it.
    const changed = await updateEvent(database.db, w.staffNorth, event.id, eventPatch.parse({ audience: 'members' }), ctx);
    expect(changed.ok && changed.event).toMatchObject({ audience: 'members', audienceWorkplaceId: null, openToNonMembers: false });
  });
});
