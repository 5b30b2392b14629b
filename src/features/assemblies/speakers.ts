import { sql } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { invalidInput, notFound, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { assemblyFor, type AssemblyRow } from './access.js';
import { isPresentSql } from './presence.js';
import { wrongStatus, type WrongStatus } from './assemblies.js';
import { hallFailure, type HallFailure } from './hall-answers.js';
import { notifyAssembly } from './live.js';
import type { SpeakerStatus } from './hall-tables.js';
import { isoInstant } from '../../platform/db/sql.js';

/*
 * The speakers' list of the item on the floor. A member in the hall asks from their phone and may
 * withdraw; the chair (or staff of the unit) orders the list, gives the floor, marks a speaker done
 * and closes the list. Every change locks the assembly's row, so two requests never take one place,
 * and tells the hall's pages on commit.
 */

export type SpeakerView = {
  id: string;
  personId: string;
  name: string;
  status: SpeakerStatus;
  position: number;
  askedAt: string;
  spokeAt: string | null;
};

export type SpeakerList = { itemId: string; closed: boolean; speakers: SpeakerView[] };

type Refused = Refusal | Invalid | WrongStatus | HallFailure<'no_current_item' | 'list_closed' | 'not_present' | 'already_listed' | 'not_listed' | 'speaker_done' | 'speaker_not_on_roll'>;
export type SpeakerResult = { ok: true; list: SpeakerList } | Refused;


/** The list of an item in speaking order: who spoke, who speaks, who waits (withdrawn ones left out). */
export async function loadSpeakerList(db: Db, itemId: string): Promise<SpeakerList> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select s.id, s.person_id as "personId", p.first_name || ' ' || p.last_name as name, s.status, s.position,
          s.asked_at as "askedAt", s.spoke_at as "spokeAt"
        from speakers s join persons p on p.id = s.person_id
        where s.item_id = ${itemId} and s.status <> 'withdrawn'
        order by s.position, s.asked_at`,
  );
  const [closed] = await queryRows<{ closed: boolean }>(db, sql`select exists (select 1 from speaker_lists_closed where item_id = ${itemId}) as closed`);
  return {
    itemId,
    closed: closed?.closed ?? false,
    speakers: rows.map((r) => ({ ...(r as unknown as SpeakerView), askedAt: isoInstant(r.askedAt)!, spokeAt: isoInstant(r.spokeAt) })),
  };
}

/** The assembly in session with an item on the floor, for the actor and action (row locked). */
async function sessionWithItem(tx: Db, actor: Actor, assemblyId: string, action: 'assembly.participate' | 'assembly.run'): Promise<{ ok: true; assembly: AssemblyRow; itemId: string } | Refused> {
  const found = await assemblyFor(tx, actor, assemblyId, action, { lock: true });
  if (!found.ok) return found;
  const a = found.assembly;
  if (a.status !== 'in_session') return wrongStatus(a.status);
  if (!a.currentItemId) return hallFailure('no_current_item');
  return { ok: true, assembly: a, itemId: a.currentItemId };
}

const isClosed = async (tx: Db, itemId: string) => (await queryRows(tx, sql`select 1 from speaker_lists_closed where item_id = ${itemId}`)).length > 0;
const isPresent = async (tx: Db, assemblyId: string, personId: string) => (await queryRows<{ present: boolean }>(tx, sql`select ${isPresentSql(assemblyId, personId)} as present`))[0].present;
const onRoll = async (tx: Db, assemblyId: string, personId: string) => (await queryRows(tx, sql`select 1 from assembly_roll where assembly_id = ${assemblyId} and person_id = ${personId}`)).length > 0;

/** Puts a person at the end of the item's list, unless they are on it already (waiting or speaking). */
async function append(tx: Db, actor: Actor, assemblyId: string, itemId: string, personId: string): Promise<SpeakerResult> {
  const [listed] = await queryRows(tx, sql`select 1 from speakers where item_id = ${itemId} and person_id = ${personId} and status in ('waiting','speaking')`);
  if (listed) return hallFailure('already_listed');
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into speakers (item_id, person_id, position)
        values (${itemId}, ${personId}, (select coalesce(max(position), 0) + 1 from speakers where item_id = ${itemId}))
        returning id`,
  );
  await audit(tx, actor, { action: 'create', entityType: 'speaker', entityId: row.id });
  await notifyAssembly(tx, assemblyId, 'speakers');
  return { ok: true, list: await loadSpeakerList(tx, itemId) };
}

/** A member in the hall asks to speak on the item on the floor. */
export async function askToSpeak(db: Db, actor: Actor, assemblyId: string): Promise<SpeakerResult> {
  return db.transaction(async (tx): Promise<SpeakerResult> => {
    const s = await sessionWithItem(tx, actor, assemblyId, 'assembly.participate');
    if (!s.ok) return s;
    const me = actorPersonId(actor)!;
    if (await isClosed(tx, s.itemId)) return hallFailure('list_closed');
    if (!(await isPresent(tx, assemblyId, me))) return hallFailure('not_present');
    return append(tx, actor, assemblyId, s.itemId, me);
  });
}

/**
 * The chair puts someone in the hall on the list (a hand raised, no phone). A closed list does not
 * stop the chair: closing it is the chair's own ruling.
 */
export async function addSpeaker(db: Db, actor: Actor, assemblyId: string, personId: string): Promise<SpeakerResult> {
  return db.transaction(async (tx): Promise<SpeakerResult> => {
    const s = await sessionWithItem(tx, actor, assemblyId, 'assembly.run');
    if (!s.ok) return s;
    if (!/^[0-9a-f-]{36}$/i.test(personId) || !(await onRoll(tx, assemblyId, personId))) return hallFailure('speaker_not_on_roll');
    if (!(await isPresent(tx, assemblyId, personId))) return hallFailure('not_present');
    return append(tx, actor, assemblyId, s.itemId, personId);
  });
}

/** A member takes back their request to speak on the item on the floor (before they have the floor). */
export async function withdrawFromList(db: Db, actor: Actor, assemblyId: string): Promise<SpeakerResult> {
  return db.transaction(async (tx): Promise<SpeakerResult> => {
    const s = await sessionWithItem(tx, actor, assemblyId, 'assembly.participate');
    if (!s.ok) return s;
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`update speakers set status = 'withdrawn' where item_id = ${s.itemId} and person_id = ${actorPersonId(actor)} and status = 'waiting' returning id`,
    );
    if (rows.length === 0) return hallFailure('not_listed');
    await audit(tx, actor, { action: 'update', entityType: 'speaker', entityId: rows[0].id, fields: ['status'] });
    await notifyAssembly(tx, assemblyId, 'speakers');
    return { ok: true, list: await loadSpeakerList(tx, s.itemId) };
  });
}

/** The chair's hold on one entry: the assembly in session (row locked) and the entry as it is. */
async function chairOf(tx: Db, actor: Actor, speakerId: string): Promise<{ ok: true; assemblyId: string; itemId: string; status: SpeakerStatus } | Refused> {
  if (!/^[0-9a-f-]{36}$/i.test(speakerId)) return notFound;
  const [where] = await queryRows<{ assemblyId: string }>(tx, sql`select i.assembly_id as "assemblyId" from speakers s join agenda_items i on i.id = s.item_id where s.id = ${speakerId}`);
  if (!where) return notFound;
  const found = await assemblyFor(tx, actor, where.assemblyId, 'assembly.run', { lock: true });
  if (!found.ok) return found;
  if (found.assembly.status !== 'in_session') return wrongStatus(found.assembly.status);
  // Read after the lock: a concurrent change of the entry is seen.
  const [entry] = await queryRows<{ itemId: string; status: SpeakerStatus }>(tx, sql`select item_id as "itemId", status from speakers where id = ${speakerId}`);
  return { ok: true, assemblyId: where.assemblyId, itemId: entry.itemId, status: entry.status };
}

async function changed(tx: Db, actor: Actor, c: { assemblyId: string; itemId: string }, speakerId: string, fields: string[]): Promise<SpeakerResult> {
  await audit(tx, actor, { action: 'update', entityType: 'speaker', entityId: speakerId, fields });
  await notifyAssembly(tx, c.assemblyId, 'speakers');
  return { ok: true, list: await loadSpeakerList(tx, c.itemId) };
}

export type SpeakerMove = { direction: 'up' | 'down' } | { position: number };

/**
 * Moves a waiting speaker one place up or down among those waiting, or to a place (1 = next to
 * speak). The item's list is numbered afresh, so positions stay 1, 2, 3 … in speaking order.
 */
export async function moveSpeaker(db: Db, actor: Actor, speakerId: string, move: SpeakerMove): Promise<SpeakerResult> {
  return db.transaction(async (tx): Promise<SpeakerResult> => {
    const c = await chairOf(tx, actor, speakerId);
    if (!c.ok) return c;
    if (c.status !== 'waiting') return hallFailure('speaker_done');
    const rows = await queryRows<{ id: string; status: SpeakerStatus }>(tx, sql`select id, status from speakers where item_id = ${c.itemId} order by position, asked_at`);
    const waiting = rows.filter((r) => r.status === 'waiting').map((r) => r.id);
    const from = waiting.indexOf(speakerId);
    const to = 'direction' in move ? from + (move.direction === 'up' ? -1 : 1) : move.position - 1;
    if (!Number.isInteger(to) || to < 0 || to >= waiting.length) {
      if ('direction' in move) return { ok: true, list: await loadSpeakerList(tx, c.itemId) };
      return invalidInput({ path: 'position', code: 'speaker.position_out_of_range', params: { max: waiting.length } });
    }
    waiting.splice(from, 1);
    waiting.splice(to, 0, speakerId);
    // Those who spoke or speak keep their places ahead; the waiting follow in the new order.
    const order = [...rows.filter((r) => r.status !== 'waiting').map((r) => r.id), ...waiting];
    const ids = sql.join(order.map((id) => sql`${id}::uuid`), sql`, `);
    await tx.execute(sql`update speakers s set position = o.n from unnest(array[${ids}]) with ordinality as o(id, n) where s.id = o.id`);
    return changed(tx, actor, c, speakerId, ['position']);
  });
}

/** Gives a waiting speaker the floor; whoever had it is done. */
export async function giveFloor(db: Db, actor: Actor, speakerId: string): Promise<SpeakerResult> {
  return db.transaction(async (tx): Promise<SpeakerResult> => {
    const c = await chairOf(tx, actor, speakerId);
    if (!c.ok) return c;
    if (c.status === 'speaking') return { ok: true, list: await loadSpeakerList(tx, c.itemId) };
    if (c.status !== 'waiting') return hallFailure('speaker_done');
    await tx.execute(sql`update speakers set status = 'done' where item_id = ${c.itemId} and status = 'speaking'`);
    await tx.execute(sql`update speakers set status = 'speaking', spoke_at = now() where id = ${speakerId}`);
    return changed(tx, actor, c, speakerId, ['status', 'spokeAt']);
  });
}

/** Marks a speaker done (spoken, or let go without speaking). */
export async function finishSpeaker(db: Db, actor: Actor, speakerId: string): Promise<SpeakerResult> {
  return db.transaction(async (tx): Promise<SpeakerResult> => {
    const c = await chairOf(tx, actor, speakerId);
    if (!c.ok) return c;
    if (c.status !== 'waiting' && c.status !== 'speaking') return hallFailure('speaker_done');
    await tx.execute(sql`update speakers set status = 'done' where id = ${speakerId}`);
    return changed(tx, actor, c, speakerId, ['status']);
  });
}

/** Strikes a waiting speaker off the list (the chair's ruling; the member withdraws on their own). */
export async function removeSpeaker(db: Db, actor: Actor, speakerId: string): Promise<SpeakerResult> {
  return db.transaction(async (tx): Promise<SpeakerResult> => {
    const c = await chairOf(tx, actor, speakerId);
    if (!c.ok) return c;
    if (c.status !== 'waiting') return hallFailure('speaker_done');
    await tx.execute(sql`update speakers set status = 'withdrawn' where id = ${speakerId}`);
    return changed(tx, actor, c, speakerId, ['status']);
  });
}

/** Closes (or opens again) the list of the item on the floor: no more requests from the hall. */
export async function setSpeakerListClosed(db: Db, actor: Actor, assemblyId: string, closed: boolean): Promise<SpeakerResult> {
  return db.transaction(async (tx): Promise<SpeakerResult> => {
    const s = await sessionWithItem(tx, actor, assemblyId, 'assembly.run');
    if (!s.ok) return s;
    const rows = closed
      ? await queryRows(tx, sql`insert into speaker_lists_closed (item_id) values (${s.itemId}) on conflict do nothing returning item_id`)
      : await queryRows(tx, sql`delete from speaker_lists_closed where item_id = ${s.itemId} returning item_id`);
    if (rows.length > 0) {
      await audit(tx, actor, { action: closed ? 'create' : 'delete', entityType: 'speaker_list_closed', entityId: s.itemId });
      await notifyAssembly(tx, assemblyId, 'speakers');
    }
    return { ok: true, list: await loadSpeakerList(tx, s.itemId) };
  });
}

export const closeSpeakerList = (db: Db, actor: Actor, assemblyId: string) => setSpeakerListClosed(db, actor, assemblyId, true);
export const reopenSpeakerList = (db: Db, actor: Actor, assemblyId: string) => setSpeakerListClosed(db, actor, assemblyId, false);
