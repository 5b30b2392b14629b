import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../platform/actor.js';
import { bearer, testApp, type TestApp } from '../../test/app.js';
import { checkIn, createEvent, eventInput, publishEvent, registerForEvent } from '../events/index.js';
import { ctx } from '../events/events.fixture.js';
import { activeMember, assemblyWorld, draftAssembly, type AssemblyWorld } from './assemblies.fixture.js';
import { checkInMember, checkOutMember, quorumState } from './attendance.js';
import { loadAssemblyView } from './queries.js';
import { hall, written } from './polls.fixture.js';

let t: TestApp;
let w: AssemblyWorld;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
}, 60_000);
afterAll(() => t?.close());

describe('checking in at the door', () => {
  it('gives members of the roll their place: the present count and the quorum follow', async () => {
    const h = await hall(w, { rules: { quorum: 0.5, statuteQuorum: 2 / 3 } });
    // The roll: six members and the board member of the north (seven).
    const before = await quorumState(t.database.db, h.id);
    expect(before).toMatchObject({ roll: 7, present: 0, voters: 0, met: false, quorum: { ordinary: { fraction: 0.5, needed: 4, met: false }, statute: { needed: 5, met: false } } });
    for (const m of w.members.slice(0, 4)) {
      const r = await checkInMember(t.database.db, w.staffNorth.actor, h.id, { memberId: m.id });
      expect(r.ok).toBe(true);
    }
    const after = await quorumState(t.database.db, h.id);
    expect(after).toMatchObject({ present: 4, voters: 4, met: true, quorum: { ordinary: { met: true }, statute: { met: false } } });
    expect((await loadAssemblyView(t.database.db, h.id))!.present).toBe(4);
    // Checking in twice changes nothing.
    const again = await checkInMember(t.database.db, w.staffNorth.actor, h.id, { memberId: w.members[0].id });
    expect(again.ok && again.quorum.present).toBe(4);
  });

  it('lets the chair check in, not another member, and hides the assembly from staff elsewhere', async () => {
    const h = await hall(w);
    expect((await checkInMember(t.database.db, h.chair.actor, h.id, { memberId: w.members[1].id })).ok).toBe(true);
    expect(await checkInMember(t.database.db, w.members[2].actor, h.id, { memberId: w.members[2].id })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await checkInMember(t.database.db, w.staffSouth.actor, h.id, { memberId: w.members[2].id })).toEqual({ ok: false, reason: 'not_found' });
    expect(await checkInMember(t.database.db, w.boardNorth.actor, h.id, { memberId: w.members[2].id })).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('refuses someone not on the roll with the rule, and writes nothing', async () => {
    const h = await hall(w);
    const before = await written(w);
    expect(await checkInMember(t.database.db, w.staffNorth.actor, h.id, { memberId: w.southMember.id })).toEqual({ ok: false, reason: 'not_on_roll' });
    // Someone who joined after the roll was taken is not on it either.
    const late = await activeMember(t.database, w.typeId, w.org.north);
    expect(await checkInMember(t.database.db, w.staffNorth.actor, h.id, { memberId: late.id })).toEqual({ ok: false, reason: 'not_on_roll' });
    expect(await written(w)).toEqual(before);
  });

  it('opens the door only from the notice until the assembly closes', async () => {
    const draft = await draftAssembly(w);
    expect(await checkInMember(t.database.db, w.staffNorth.actor, draft.id, { memberId: w.members[0].id })).toEqual({ ok: false, reason: 'wrong_status', params: { status: 'draft' } });
  });

  it('checks a member out: they no longer count, and can come back', async () => {
    const h = await hall(w, { present: w.members.slice(0, 3) });
    const out = await checkOutMember(t.database.db, w.staffNorth.actor, h.id, { memberId: w.members[0].id });
    expect(out.ok && out.quorum.present).toBe(2);
    expect(await checkOutMember(t.database.db, w.staffNorth.actor, h.id, { memberId: w.members[0].id })).toEqual({ ok: false, reason: 'not_checked_in' });
    const back = await checkInMember(t.database.db, w.staffNorth.actor, h.id, { memberId: w.members[0].id });
    expect(back.ok && back.quorum.present).toBe(3);
  });
});

describe('the event’s check-in', () => {
  it('counts members checked in at the event as present, guests not on the roll not at all, and a check-out here overrides it', async () => {
    const startsAt = new Date(Date.now() + 30 * DAY);
    const made = await createEvent(
      t.database.db,
      system,
      eventInput.parse({ kind: 'member_meeting', title: 'Årsmøde', unitId: w.org.north, audience: 'members', capacity: 50, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 4 * 3600_000).toISOString() }),
    );
    if (!made.ok) throw new Error(JSON.stringify(made));
    await publishEvent(t.database.db, system, made.event.id);
    const h = await hall(w, { eventId: made.event.id });
    for (const who of [w.members[3], w.members[4], w.southMember]) {
      const reg = await registerForEvent(t.database.db, system, made.event.id, { memberId: who.id, guests: 0 }, ctx);
      if (!reg.ok) throw new Error(JSON.stringify(reg));
      await checkIn(t.database.db, system, made.event.id, reg.registration.id);
    }
    expect((await quorumState(t.database.db, h.id)).present).toBe(2);
    expect((await loadAssemblyView(t.database.db, h.id))!.present).toBe(2);
    const out = await checkOutMember(t.database.db, w.staffNorth.actor, h.id, { memberId: w.members[3].id });
    expect(out.ok && out.quorum.present).toBe(1);
    const back = await checkInMember(t.database.db, w.staffNorth.actor, h.id, { memberId: w.members[3].id });
    expect(back.ok && back.quorum.present).toBe(2);
  });
});

describe('the attendance API', () => {
  it('checks in with 201 and the quorum, and names the rule and the field when refusing', async () => {
    const h = await hall(w);
    const auth = await bearer(t.database, 'staff', w.org.north);
    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/assemblies/${h.id}/attendance`, headers: auth, payload: { memberId: w.members[0].id } });
    expect(ok.statusCode).toBe(201);
    const { roll } = await quorumState(t.database.db, h.id);
    expect(ok.json()).toMatchObject({ memberId: w.members[0].id, present: true, quorum: { present: 1, roll } });
    const bad = await t.app.inject({ method: 'POST', url: `/api/v1/assemblies/${h.id}/attendance`, headers: { ...auth, 'accept-language': 'en' }, payload: { memberId: w.southMember.id } });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors).toEqual([{ path: 'memberId', code: 'attendance.not_on_roll', message: expect.stringContaining('electoral roll') }]);
    const quorum = await t.app.inject({ method: 'GET', url: `/api/v1/assemblies/${h.id}/quorum`, headers: auth });
    expect(quorum.json()).toMatchObject({ present: 1, roll, met: true });
    const out = await t.app.inject({ method: 'DELETE', url: `/api/v1/assemblies/${h.id}/attendance/${w.members[0].id}`, headers: auth });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({ present: false, quorum: { present: 0 } });
  });
});
