import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.js';
import { testApp, type TestApp } from '../../test/app.js';
import { assemblyWorld, calledAssembly, inSession, type AssemblyWorld, type Someone } from './assemblies.fixture.js';
import { closeAssembly, openAssembly, setCurrentItem } from './session.js';
import {
  addSpeaker,
  askToSpeak,
  closeSpeakerList,
  finishSpeaker,
  giveFloor,
  loadSpeakerList,
  moveSpeaker,
  removeSpeaker,
  reopenSpeakerList,
  withdrawFromList,
  type SpeakerResult,
} from './speakers.js';
import type { AssemblyView } from './queries.js';

let t: TestApp;
let w: AssemblyWorld;
let chair: Someone;

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database, { members: 7 });
  chair = w.members[6];
}, 60_000);
afterAll(() => t?.close());

const db = () => t.database.db;

/** An assembly of the north in session with its first item on the floor, `present` checked in. */
async function hall(present: readonly Someone[]): Promise<AssemblyView> {
  const a = await calledAssembly(w, { chairPersonId: chair.id });
  await inSession(w, a.id, present);
  await db().execute(sql`update assemblies set current_item_id = ${a.agenda[1].id} where id = ${a.id}`);
  return a;
}

const names = (r: SpeakerResult) => (r.ok ? r.list.speakers.filter((s) => s.status === 'waiting' || s.status === 'speaking').map((s) => s.personId) : r);
const speakerCount = async () => (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from speakers`))[0].n;

describe('asking to speak', () => {
  it('puts present members on the list of the item on the floor in the order they ask', async () => {
    const [a1, a2, a3] = w.members;
    const a = await hall([a1, a2, a3]);
    expect(names(await askToSpeak(db(), a1.actor, a.id))).toEqual([a1.id]);
    await askToSpeak(db(), a3.actor, a.id);
    const r = await askToSpeak(db(), a2.actor, a.id);
    expect(names(r)).toEqual([a1.id, a3.id, a2.id]);
    expect(r.ok && r.list.itemId).toBe(a.agenda[1].id);
    expect(r.ok && r.list.speakers.map((s) => s.position)).toEqual([1, 2, 3]);
  });

  it('refuses a second request, a member not checked in, and anyone off the roll, writing nothing', async () => {
    const [a1, a2] = w.members;
    const a = await hall([a1]);
    await askToSpeak(db(), a1.actor, a.id);
    const before = await speakerCount();
    expect(await askToSpeak(db(), a1.actor, a.id)).toEqual({ ok: false, reason: 'already_listed' });
    expect(await askToSpeak(db(), a2.actor, a.id)).toEqual({ ok: false, reason: 'not_present' });
    expect(await askToSpeak(db(), w.southMember.actor, a.id)).toEqual({ ok: false, reason: 'not_found' });
    // Staff run the hall; they are not on the roll and so do not ask from a phone.
    expect(await askToSpeak(db(), w.staffNorth.actor, a.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await speakerCount()).toBe(before);
  });

  it('needs the assembly in session and an item on the floor', async () => {
    const [a1] = w.members;
    const called = await calledAssembly(w);
    expect(await askToSpeak(db(), a1.actor, called.id)).toMatchObject({ ok: false, reason: 'wrong_status', params: { status: 'notice_sent' } });
    await inSession(w, called.id, [a1]);
    expect(await askToSpeak(db(), a1.actor, called.id)).toEqual({ ok: false, reason: 'no_current_item' });
  });

  it('lets a member withdraw while waiting, and ask again later', async () => {
    const [a1, a2] = w.members;
    const a = await hall([a1, a2]);
    await askToSpeak(db(), a1.actor, a.id);
    await askToSpeak(db(), a2.actor, a.id);
    expect(names(await withdrawFromList(db(), a1.actor, a.id))).toEqual([a2.id]);
    expect(await withdrawFromList(db(), a1.actor, a.id)).toEqual({ ok: false, reason: 'not_listed' });
    expect(names(await askToSpeak(db(), a1.actor, a.id))).toEqual([a2.id, a1.id]);
  });

  it('keeps one list per item: the next item starts empty', async () => {
    const [a1] = w.members;
    const a = await hall([a1]);
    await askToSpeak(db(), a1.actor, a.id);
    expect((await setCurrentItem(db(), chair.actor, a.id, a.agenda[2].id)).ok).toBe(true);
    expect((await loadSpeakerList(db(), a.agenda[2].id)).speakers).toEqual([]);
    expect(names(await askToSpeak(db(), a1.actor, a.id))).toEqual([a1.id]);
    expect((await loadSpeakerList(db(), a.agenda[1].id)).speakers.map((s) => s.personId)).toEqual([a1.id]);
  });
});

describe('the chair orders the list', () => {
  it('moves speakers up and down and to a place, numbering the list afresh', async () => {
    const [a1, a2, a3, a4] = w.members;
    const a = await hall([a1, a2, a3, a4]);
    for (const m of [a1, a2, a3, a4]) await askToSpeak(db(), m.actor, a.id);
    const list = await loadSpeakerList(db(), a.agenda[1].id);
    const id = (p: Someone) => list.speakers.find((s) => s.personId === p.id)!.id;
    expect(names(await moveSpeaker(db(), chair.actor, id(a3), { direction: 'up' }))).toEqual([a1.id, a3.id, a2.id, a4.id]);
    expect(names(await moveSpeaker(db(), chair.actor, id(a1), { direction: 'down' }))).toEqual([a3.id, a1.id, a2.id, a4.id]);
    const r = await moveSpeaker(db(), chair.actor, id(a4), { position: 1 });
    expect(names(r)).toEqual([a4.id, a3.id, a1.id, a2.id]);
    expect(r.ok && r.list.speakers.map((s) => s.position)).toEqual([1, 2, 3, 4]);
    // The first can't go further up: nothing changes.
    expect(names(await moveSpeaker(db(), chair.actor, id(a4), { direction: 'up' }))).toEqual([a4.id, a3.id, a1.id, a2.id]);
    expect(await moveSpeaker(db(), chair.actor, id(a4), { position: 9 })).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'position', code: 'speaker.position_out_of_range' }] });
  });

  it('gives the floor, marks done, strikes off; the one who had the floor is done when the next gets it', async () => {
    const [a1, a2, a3] = w.members;
    const a = await hall([a1, a2, a3]);
    for (const m of [a1, a2, a3]) await askToSpeak(db(), m.actor, a.id);
    const list = await loadSpeakerList(db(), a.agenda[1].id);
    const id = (p: Someone) => list.speakers.find((s) => s.personId === p.id)!.id;
    const first = await giveFloor(db(), chair.actor, id(a1));
    expect(first.ok && first.list.speakers.map((s) => s.status)).toEqual(['speaking', 'waiting', 'waiting']);
    const second = await giveFloor(db(), chair.actor, id(a2));
    expect(second.ok && second.list.speakers.map((s) => s.status)).toEqual(['done', 'speaking', 'waiting']);
    expect(second.ok && second.list.speakers[1].spokeAt).not.toBeNull();
    // A speaker who had the floor can't be moved or given it again.
    expect(await moveSpeaker(db(), chair.actor, id(a1), { direction: 'up' })).toEqual({ ok: false, reason: 'speaker_done' });
    expect(await giveFloor(db(), chair.actor, id(a1))).toEqual({ ok: false, reason: 'speaker_done' });
    expect(names(await finishSpeaker(db(), chair.actor, id(a2)))).toEqual([a3.id]);
    const struck = await removeSpeaker(db(), chair.actor, id(a3));
    expect(struck.ok && struck.list.speakers.map((s) => s.status)).toEqual(['done', 'done']);
    expect(await removeSpeaker(db(), chair.actor, id(a3))).toEqual({ ok: false, reason: 'speaker_done' });
  });

  it('closes the list: the hall is refused with the rule, the chair may still add someone, and it opens again', async () => {
    const [a1, a2, a3] = w.members;
    const a = await hall([a1, a2, a3]);
    await askToSpeak(db(), a1.actor, a.id);
    const closed = await closeSpeakerList(db(), chair.actor, a.id);
    expect(closed.ok && closed.list.closed).toBe(true);
    expect(await askToSpeak(db(), a2.actor, a.id)).toEqual({ ok: false, reason: 'list_closed' });
    expect(names(await addSpeaker(db(), chair.actor, a.id, a2.id))).toEqual([a1.id, a2.id]);
    expect(await addSpeaker(db(), chair.actor, a.id, w.southMember.id)).toEqual({ ok: false, reason: 'speaker_not_on_roll' });
    expect(await addSpeaker(db(), chair.actor, a.id, w.members[5].id)).toEqual({ ok: false, reason: 'not_present' });
    const reopened = await reopenSpeakerList(db(), chair.actor, a.id);
    expect(reopened.ok && reopened.list.closed).toBe(false);
    expect(names(await askToSpeak(db(), a3.actor, a.id))).toEqual([a1.id, a2.id, a3.id]);
  });

  it('lets only the chair and staff of the unit manage it', async () => {
    const [a1, a2] = w.members;
    const a = await hall([a1, a2]);
    await askToSpeak(db(), a1.actor, a.id);
    const [entry] = (await loadSpeakerList(db(), a.agenda[1].id)).speakers;
    expect(await giveFloor(db(), a2.actor, entry.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await giveFloor(db(), w.boardNorth.actor, entry.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await giveFloor(db(), w.staffSouth.actor, entry.id)).toEqual({ ok: false, reason: 'not_found' });
    expect(await closeSpeakerList(db(), a1.actor, a.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect((await giveFloor(db(), w.staffNorth.actor, entry.id)).ok).toBe(true);
    expect((await finishSpeaker(db(), w.admin.actor, entry.id)).ok).toBe(true);
    expect(await giveFloor(db(), chair.actor, '00000000-0000-0000-0000-000000000000')).toEqual({ ok: false, reason: 'not_found' });
  });

  it('audits each change by field names', async () => {
    const [a1] = w.members;
    const a = await hall([a1]);
    const r = await askToSpeak(db(), a1.actor, a.id);
    const id = r.ok ? r.list.speakers[0].id : '';
    await giveFloor(db(), chair.actor, id);
    const rows = await queryRows<{ action: string; fields: string[] | null }>(db(), sql`select action, fields from audit_events where entity_type = 'speaker' and entity_id = ${id} order by id`);
    expect(rows).toEqual([
      { action: 'create', fields: null },
      { action: 'update', fields: ['status', 'spokeAt'] },
    ]);
  });
});

describe('the session', () => {
  it('opens an assembly whose notice is out, with its first item on the floor', async () => {
    const a = await calledAssembly(w, { chairPersonId: chair.id });
    expect(await openAssembly(db(), w.members[0].actor, a.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await openAssembly(db(), w.boardNorth.actor, a.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await openAssembly(db(), chair.actor, a.id)).toEqual({ ok: true, status: 'in_session', currentItemId: a.agenda[0].id });
    expect(await openAssembly(db(), chair.actor, a.id)).toMatchObject({ ok: false, reason: 'wrong_status', params: { status: 'in_session' } });
  });

  it('moves from item to item, refusing an item of another assembly', async () => {
    const a = await calledAssembly(w, { chairPersonId: chair.id });
    const other = await calledAssembly(w);
    expect(await setCurrentItem(db(), chair.actor, a.id, a.agenda[2].id)).toMatchObject({ ok: false, reason: 'wrong_status' });
    await openAssembly(db(), w.staffNorth.actor, a.id);
    expect(await setCurrentItem(db(), chair.actor, a.id, other.agenda[2].id)).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'itemId', code: 'hall.item_unknown' }] });
    expect(await setCurrentItem(db(), chair.actor, a.id, 'nonsense')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await setCurrentItem(db(), chair.actor, a.id, a.agenda[2].id)).toEqual({ ok: true, status: 'in_session', currentItemId: a.agenda[2].id });
    const [row] = await queryRows<{ current: string }>(db(), sql`select current_item_id as current from assemblies where id = ${a.id}`);
    expect(row.current).toBe(a.agenda[2].id);
  });

  it('does not close while a poll is open, and closes once none is', async () => {
    const a = await calledAssembly(w, { chairPersonId: chair.id });
    await openAssembly(db(), chair.actor, a.id);
    const [poll] = await queryRows<{ id: string }>(
      db(),
      sql`insert into polls (assembly_id, item_id, title, method, status) values (${a.id}, ${a.agenda[2].id}, 'Forslag 1', 'yes_no_abstain', 'open') returning id`,
    );
    expect(await closeAssembly(db(), chair.actor, a.id)).toEqual({ ok: false, reason: 'poll_open' });
    await db().execute(sql`update polls set status = 'closed' where id = ${poll.id}`);
    expect(await closeAssembly(db(), chair.actor, a.id)).toMatchObject({ ok: true, status: 'closed' });
    const [row] = await queryRows<{ status: string; closed: boolean }>(db(), sql`select status, closed_at is not null as closed from assemblies where id = ${a.id}`);
    expect(row).toEqual({ status: 'closed', closed: true });
  });
});
