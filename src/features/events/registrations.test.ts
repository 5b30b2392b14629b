import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import { testDatabase } from '../../test/database.js';
import { cancelEvent, updateEvent } from './events.js';
import { cancelRegistration, cancelRegistrationByToken, confirmPublicRegistration, registerForEvent } from './registrations.js';
import { listRegistrations, myEvents } from './queries.js';
import { ctx, days, eventWorld, mailsTo, member, publishedEvent, type EventWorld } from './events.fixture.js';
import { registrationInput } from './schema.js';

let database: Database;
let w: EventWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await eventWorld(database);
});
afterAll(() => database.close());

const reg = (guests = 0) => registrationInput.parse({ guests });

async function seats(eventId: string): Promise<number> {
  const r = await database.executeSql(`select confirmed_seats as n from events where id = $1`, [eventId]);
  return Number(r.rows[0].n);
}

async function order(eventId: string) {
  const list = await listRegistrations(database.db, w.admin, eventId);
  if (!list.ok) throw new Error('list refused');
  return list.items.map((i) => ({ id: i.id, status: i.status, position: i.waitlistPosition }));
}

describe('registering with one click', () => {
  it('confirms a member, counts the seat and mails them in their own language', async () => {
    const event = await publishedEvent(w);
    const m = await member(w, { locale: 'sv' });
    const result = await registerForEvent(database.db, m.actor, event.id, reg(), ctx);
    expect(result).toMatchObject({ ok: true, registration: { status: 'confirmed', waitlistPosition: null } });
    expect(await seats(event.id)).toBe(1);
    const mails = await mailsTo(database, m.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`Du är anmäld: ${event.title}`);
    expect(mails[0].text).toContain(`http://forening.test/events/${event.slug}`);
  });

  it('refuses a second registration of the same member: one place, a clear reason', async () => {
    const event = await publishedEvent(w);
    const m = await member(w);
    expect((await registerForEvent(database.db, m.actor, event.id, reg(), ctx)).ok).toBe(true);
    expect(await registerForEvent(database.db, m.actor, event.id, reg(), ctx)).toEqual({ ok: false, reason: 'duplicate' });
    expect(await registerForEvent(database.db, w.staffNorth, event.id, registrationInput.parse({ memberId: m.id }), ctx)).toEqual({ ok: false, reason: 'duplicate' });
    expect(await order(event.id)).toHaveLength(1);
    expect(await seats(event.id)).toBe(1);
  });

  it('puts people on the waiting list in arrival order once full, and refuses when there is no waiting list', async () => {
    const event = await publishedEvent(w, { capacity: 2 });
    const people = await Promise.all([1, 2, 3, 4].map(() => member(w)));
    const results = [];
    for (const p of people) results.push(await registerForEvent(database.db, p.actor, event.id, reg(), ctx));
    expect(results.map((r) => r.ok && [r.registration.status, r.registration.waitlistPosition])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
    expect((await mailsTo(database, people[3].email))[0].text).toMatch(/nummer 2\b/);

    const closed = await publishedEvent(w, { capacity: 1, waitlist: false });
    expect((await registerForEvent(database.db, people[0].actor, closed.id, reg(), ctx)).ok).toBe(true);
    expect(await registerForEvent(database.db, people[1].actor, closed.id, reg(), ctx)).toEqual({ ok: false, reason: 'full' });
    expect(await order(closed.id)).toHaveLength(1);
  });

  it('counts guests as seats and refuses more guests than the event allows', async () => {
    const event = await publishedEvent(w, { capacity: 3, maxGuests: 2 });
    const leader = await member(w);
    const other = await member(w);
    expect(await registerForEvent(database.db, leader.actor, event.id, reg(3), ctx)).toEqual({ ok: false, reason: 'too_many_guests' });
    expect(await registerForEvent(database.db, leader.actor, event.id, reg(2), ctx)).toMatchObject({ ok: true, registration: { status: 'confirmed' } });
    expect(await seats(event.id)).toBe(3);
    expect(await registerForEvent(database.db, other.actor, event.id, reg(), ctx)).toMatchObject({ ok: true, registration: { status: 'waitlisted', waitlistPosition: 1 } });
  });

  it('keeps strict arrival order: a newcomer who would fit never jumps someone waiting', async () => {
    const event = await publishedEvent(w, { capacity: 3, maxGuests: 2 });
    const [a, b, c] = await Promise.all([member(w), member(w), member(w)]);
    await registerForEvent(database.db, a.actor, event.id, reg(0), ctx); // 1 seat
    const rb = await registerForEvent(database.db, b.actor, event.id, reg(2), ctx); // needs 3: waits
    const rc = await registerForEvent(database.db, c.actor, event.id, reg(0), ctx); // would fit, but b waits
    expect(rb).toMatchObject({ ok: true, registration: { status: 'waitlisted', waitlistPosition: 1 } });
    expect(rc).toMatchObject({ ok: true, registration: { status: 'waitlisted', waitlistPosition: 2 } });
  });
  it('decides requests that arrive together: one place per person, seats and positions exact', async () => {
    const event = await publishedEvent(w, { capacity: 2 });
    const [a, b, c] = await Promise.all([member(w), member(w), member(w)]);
    // Sent at once, they are decided together under one lock (the order among them is the order they reach it).
    const results = await Promise.all([a, a, b, a, c].map((p) => registerForEvent(database.db, p.actor, event.id, reg(), ctx)));
    const ofA = [results[0], results[1], results[3]];
    expect(ofA.filter((r) => r.ok)).toHaveLength(1);
    expect(ofA.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(['duplicate', 'duplicate']);
    const placed = results.flatMap((r) => (r.ok ? [`${r.registration.status}:${r.registration.waitlistPosition}`] : [])).sort();
    expect(placed).toEqual(['confirmed:null', 'confirmed:null', 'waitlisted:1']);
    expect(await seats(event.id)).toBe(2);
    const audits = await database.executeSql(
      `select count(*)::int as n from audit_events where entity_type = 'event_registration' and entity_id in (select id::text from event_registrations where event_id = $1)`,
      [event.id],
    );
    expect(audits.rows[0].n).toBe(3);
  });
});

describe('a freed seat goes to the next in line', () => {
  it('a cancelled confirmed place promotes the first waiting, in the same transaction, with a mail', async () => {
    const event = await publishedEvent(w, { capacity: 2 });
    const people = await Promise.all([1, 2, 3, 4].map(() => member(w, { locale: 'en' })));
    const ids: string[] = [];
    for (const p of people) {
      const r = await registerForEvent(database.db, p.actor, event.id, reg(), ctx);
      if (!r.ok) throw new Error('registration failed');
      ids.push(r.registration.id);
    }
    expect(await cancelRegistration(database.db, people[0].actor, event.id, ids[0], ctx)).toEqual({ ok: true, promoted: 1 });
    expect(await order(event.id)).toEqual([
      { id: ids[1], status: 'confirmed', position: null },
      { id: ids[2], status: 'confirmed', position: null },
      { id: ids[3], status: 'waitlisted', position: 1 },
      { id: ids[0], status: 'cancelled', position: null },
    ]);
    expect(await seats(event.id)).toBe(2);
    const promoted = await mailsTo(database, people[2].email);
    expect(promoted.map((m) => m.subject)).toContain(`You have a place: ${event.title}`);
    // Nobody else was told they have a place.
    expect((await mailsTo(database, people[3].email)).map((m) => m.subject)).not.toContain(`You have a place: ${event.title}`);
  });

  it('a waiting-list cancellation promotes nobody and moves the others up', async () => {
    const event = await publishedEvent(w, { capacity: 1 });
    const people = await Promise.all([1, 2, 3].map(() => member(w)));
    const ids: string[] = [];
    for (const p of people) {
      const r = await registerForEvent(database.db, p.actor, event.id, reg(), ctx);
      if (r.ok) ids.push(r.registration.id);
    }
    expect(await cancelRegistration(database.db, people[1].actor, event.id, ids[1], ctx)).toEqual({ ok: true, promoted: 0 });
    expect((await order(event.id)).slice(0, 2)).toEqual([
      { id: ids[0], status: 'confirmed', position: null },
      { id: ids[2], status: 'waitlisted', position: 1 },
    ]);
    expect(await cancelRegistration(database.db, people[1].actor, event.id, ids[1], ctx)).toEqual({ ok: false, reason: 'already_cancelled' });
  });

  it('promotion stops at the first who does not fit: nobody is skipped', async () => {
    const event = await publishedEvent(w, { capacity: 3, maxGuests: 2 });
    const [a, b, c] = await Promise.all([member(w), member(w), member(w)]);
    const ra = await registerForEvent(database.db, a.actor, event.id, reg(1), ctx); // 2 seats
    await registerForEvent(database.db, b.actor, event.id, reg(2), ctx); // needs 3: waits
    await registerForEvent(database.db, c.actor, event.id, reg(0), ctx); // waits behind b
    // One seat more (4): b still does not fit (2 + 3 > 4), so c, who would, stays behind b.
    expect((await updateEvent(database.db, w.staffNorth, event.id, { capacity: 4 }, ctx)).ok).toBe(true);
    expect((await order(event.id)).map((r) => r.status)).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
    // a cancels: 0 + 3 fits for b; then 3 + 1 = 4 fits for c.
    if (!ra.ok) throw new Error();
    expect(await cancelRegistration(database.db, a.actor, event.id, ra.registration.id, ctx)).toEqual({ ok: true, promoted: 2 });
    expect(await seats(event.id)).toBe(4);
  });

  it('a higher capacity promotes in order; a lower one removes nobody but blocks new confirmations', async () => {
    const event = await publishedEvent(w, { capacity: 2 });
    const people = await Promise.all([1, 2, 3, 4, 5].map(() => member(w)));
    const ids: string[] = [];
    for (const p of people) {
      const r = await registerForEvent(database.db, p.actor, event.id, reg(), ctx);
      if (r.ok) ids.push(r.registration.id);
    }
    const up = await updateEvent(database.db, w.staffNorth, event.id, { capacity: 4 }, ctx);
    expect(up).toMatchObject({ ok: true, event: { capacity: 4, confirmedCount: 4, confirmedSeats: 4, waitlistCount: 1 } });
    expect((await order(event.id)).map((r) => [r.id, r.status])).toEqual(ids.map((id, i) => [id, i < 4 ? 'confirmed' : 'waitlisted']));

    const down = await updateEvent(database.db, w.staffNorth, event.id, { capacity: 1 }, ctx);
    expect(down).toMatchObject({ ok: true, event: { capacity: 1, confirmedCount: 4, confirmedSeats: 4 } });
    // Over the limit: cancelling one confirmed place frees nothing for the waiting list.
    expect(await cancelRegistration(database.db, people[0].actor, event.id, ids[0], ctx)).toEqual({ ok: true, promoted: 0 });
    const late = await member(w);
    expect(await registerForEvent(database.db, late.actor, event.id, reg(), ctx)).toMatchObject({ ok: true, registration: { status: 'waitlisted', waitlistPosition: 2 } });
    // No limit at all: everyone waiting is confirmed.
    expect(await updateEvent(database.db, w.staffNorth, event.id, { capacity: null }, ctx)).toMatchObject({ ok: true, event: { waitlistCount: 0, confirmedCount: 5 } });
  });
});

describe('the registration window and the event’s state', () => {
  it('is not open before opensAt and closed after closesAt (default: the start)', async () => {
    const m = await member(w);
    const early = await publishedEvent(w, { registrationOpensAt: days(5) });
    expect(await registerForEvent(database.db, m.actor, early.id, reg(), ctx)).toEqual({ ok: false, reason: 'not_open' });
    const late = await publishedEvent(w, { registrationOpensAt: days(-10), registrationClosesAt: days(-1) });
    expect(await registerForEvent(database.db, m.actor, late.id, reg(), ctx)).toEqual({ ok: false, reason: 'closed' });
    const started = await publishedEvent(w, { startsAt: days(-0.1), endsAt: days(0.1) });
    expect(await registerForEvent(database.db, m.actor, started.id, reg(), ctx)).toEqual({ ok: false, reason: 'closed' });
    expect(await order(late.id)).toEqual([]);
  });

  it('a draft is invisible to members; staff of the unit see it but cannot register anyone yet', async () => {
    const draft = await publishedEvent(w, {}, false);
    const m = await member(w);
    expect(await registerForEvent(database.db, m.actor, draft.id, reg(), ctx)).toEqual({ ok: false, reason: 'not_found' });
    expect(await registerForEvent(database.db, w.staffNorth, draft.id, registrationInput.parse({ memberId: m.id }), ctx)).toEqual({ ok: false, reason: 'not_open' });
  });

  it('cancelling the event mails everyone confirmed or waiting (not the cancelled), and takes no more registrations', async () => {
    const event = await publishedEvent(w, { capacity: 1 });
    const [a, b, c, d] = await Promise.all([member(w, { locale: 'en' }), member(w, { locale: 'sv' }), member(w), member(w)]);
    for (const p of [a, b, c]) await registerForEvent(database.db, p.actor, event.id, reg(), ctx);
    const list = await order(event.id);
    await cancelRegistration(database.db, c.actor, event.id, list[2].id, ctx);
    const result = await cancelEvent(database.db, w.staffNorth, event.id, { reason: 'Sygdom' }, ctx);
    expect(result).toMatchObject({ ok: true, notified: 2, event: { status: 'cancelled' } });
    expect((await mailsTo(database, a.email)).map((m) => m.subject)).toContain(`Cancelled: ${event.title}`);
    expect((await mailsTo(database, b.email)).at(-1)?.text).toContain('Anledning: Sygdom');
    expect((await mailsTo(database, c.email)).map((m) => m.subject)).not.toContain(`Aflyst: ${event.title}`);
    expect(await registerForEvent(database.db, d.actor, event.id, reg(), ctx)).toEqual({ ok: false, reason: 'cancelled_event' });
    expect(await cancelEvent(database.db, w.staffNorth, event.id, { reason: null }, ctx)).toEqual({ ok: false, reason: 'cancelled_event' });
  });
});

describe('who may register whom', () => {
  it('staff of the unit register a member by id; unknown or resigned members and other callers are refused', async () => {
    const event = await publishedEvent(w);
    const m = await member(w);
    const resigned = await member(w, { status: 'resigned' });
    expect(await registerForEvent(database.db, w.staffNorth, event.id, registrationInput.parse({ memberId: m.id }), ctx)).toMatchObject({ ok: true });
    expect(await registerForEvent(database.db, w.staffNorth, event.id, registrationInput.parse({ memberId: '00000000-0000-4000-8000-000000000000' }), ctx)).toEqual({ ok: false, reason: 'unknown_member' });
    expect(await registerForEvent(database.db, w.staffNorth, event.id, registrationInput.parse({ memberId: resigned.id }), ctx)).toEqual({ ok: false, reason: 'unknown_member' });
    const other = await member(w);
    // A member may register only themselves; the board sees the event but does not manage it.
    expect(await registerForEvent(database.db, other.actor, event.id, registrationInput.parse({ memberId: (await member(w)).id }), ctx)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(await registerForEvent(database.db, w.board, event.id, registrationInput.parse({ memberId: other.id }), ctx)).toEqual({ ok: false, reason: 'not_allowed' });
    // Staff of the south do not see a members' event of the north at all.
    expect(await registerForEvent(database.db, w.staffSouth, event.id, registrationInput.parse({ memberId: other.id }), ctx)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('an audience of a unit admits its members, sections included; roles admit their holders (leaders too)', async () => {
    const leaders = await publishedEvent(w, { audience: 'unit_members', audienceUnitId: w.org.leaders });
    const national = await publishedEvent(w, { audience: 'unit_members', audienceUnitId: w.org.national });
    const southOnly = await publishedEvent(w, { audience: 'unit_members', audienceUnitId: w.org.south });
    const inSection = await member(w, { sections: [w.org.leaders] });
    const plain = await member(w);
    expect((await registerForEvent(database.db, inSection.actor, leaders.id, reg(), ctx)).ok).toBe(true);
    expect(await registerForEvent(database.db, plain.actor, leaders.id, reg(), ctx)).toEqual({ ok: false, reason: 'not_found' });
    expect((await registerForEvent(database.db, plain.actor, national.id, reg(), ctx)).ok).toBe(true);
    expect(await registerForEvent(database.db, plain.actor, southOnly.id, reg(), ctx)).toEqual({ ok: false, reason: 'not_found' });

    const forRoles = await publishedEvent(w, { kind: 'role_meeting', audience: 'roles', audienceRoles: ['leader', 'safety_rep'] });
    const leader = await member(w, { roles: [['leader', w.org.north]] });
    expect((await registerForEvent(database.db, leader.actor, forRoles.id, reg(), ctx)).ok).toBe(true);
    expect(await registerForEvent(database.db, plain.actor, forRoles.id, reg(), ctx)).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('public registration with double opt-in', () => {
  it('holds no seat until the mailed link is opened; then the seat rule decides; the cancel link frees it', async () => {
    const event = await publishedEvent(w, { audience: 'public', capacity: 1 });
    const pending = await registerForEvent(database.db, { ...anonymous }, event.id, { ...registrationInput.parse({ name: 'Ida Public', email: 'Ida.Public@Example.org' }), locale: 'en' }, ctx);
    expect(pending).toMatchObject({ ok: true, registration: { status: 'pending', waitlistPosition: null } });
    expect(await seats(event.id)).toBe(0);
    const optIn = (await mailsTo(database, 'ida.public@example.org'))[0];
    expect(optIn.subject).toBe(`Confirm your registration: ${event.title}`);
    const token = /\/events\/confirm\/([\w-]+)/.exec(optIn.text)![1];

    // The same address again is a duplicate, not a second place.
    expect(await registerForEvent(database.db, anonymous, event.id, registrationInput.parse({ name: 'Ida', email: 'ida.public@example.org' }), ctx)).toEqual({ ok: false, reason: 'duplicate' });
    // A member confirms first: the seat is theirs, arrival counts from confirmation.
    const m = await member(w);
    await registerForEvent(database.db, m.actor, event.id, reg(), ctx);

    expect(await confirmPublicRegistration(database.db, anonymous, 'not-a-token', ctx)).toEqual({ ok: false, reason: 'invalid_token' });
    const confirmed = await confirmPublicRegistration(database.db, anonymous, token, ctx);
    expect(confirmed).toMatchObject({ ok: true, registration: { status: 'waitlisted', waitlistPosition: 1 } });
    expect(await confirmPublicRegistration(database.db, anonymous, token, ctx)).toEqual(confirmed);

    // The member cancels: Ida moves up and gets a fresh cancel link, which frees the seat again.
    const mine = (await order(event.id)).find((r) => r.status === 'confirmed')!;
    await cancelRegistration(database.db, m.actor, event.id, mine.id, ctx);
    const promoted = (await mailsTo(database, 'ida.public@example.org')).find((x) => x.subject.startsWith('You have a place'))!;
    const cancelToken = /\/events\/cancel\/([\w-]+)/.exec(promoted.text)![1];
    expect(await cancelRegistrationByToken(database.db, anonymous, cancelToken, ctx)).toEqual({ ok: true, promoted: 0 });
    expect(await seats(event.id)).toBe(0);
  });

  it('is only for public events', async () => {
    const event = await publishedEvent(w, { audience: 'members' });
    const m = await member(w);
    expect(await registerForEvent(database.db, m.actor, event.id, registrationInput.parse({ name: 'X', email: 'x@example.org' }), ctx)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(await registerForEvent(database.db, anonymous, event.id, registrationInput.parse({ name: 'X', email: 'x@example.org' }), ctx)).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('my events', () => {
  it('lists a member’s places and waiting-list positions, not cancelled ones', async () => {
    const full = await publishedEvent(w, { capacity: 1 });
    const open = await publishedEvent(w);
    const gone = await publishedEvent(w);
    const [first, me] = await Promise.all([member(w), member(w)]);
    await registerForEvent(database.db, first.actor, full.id, reg(), ctx);
    await registerForEvent(database.db, me.actor, full.id, reg(), ctx);
    await registerForEvent(database.db, me.actor, open.id, reg(), ctx);
    const r = await registerForEvent(database.db, me.actor, gone.id, reg(), ctx);
    if (r.ok) await cancelRegistration(database.db, me.actor, gone.id, r.registration.id, ctx);
    const mine = await myEvents(database.db, me.actor);
    expect(mine.map((x) => [x.event.id, x.registration.status, x.registration.waitlistPosition]).sort()).toEqual(
      [
        [full.id, 'waitlisted', 1],
        [open.id, 'confirmed', null],
      ].sort(),
    );
    expect(await myEvents(database.db, anonymous)).toEqual([]);
  });
});
