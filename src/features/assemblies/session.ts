import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { invalidInput, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { assemblyFor } from './access.js';
import { wrongStatus, type WrongStatus } from './assemblies.js';
import { hallFailure, type HallFailure } from './hall-answers.js';
import { notifyAssembly } from './live.js';
import { agendaItems, assemblies, type AssemblyStatus } from './tables.js';

/*
 * The chair opens the assembly, moves it from item to item and closes it. Each change is told to the
 * hall's pages (NOTIFY, delivered on commit) so the projector and the phones follow the chair.
 */

export type SessionResult = { ok: true; status: AssemblyStatus; currentItemId: string | null } | Refusal | Invalid | WrongStatus | HallFailure<'poll_open'>;

/** Opens the assembly (the notice is out) and puts its first item on the floor. */
export async function openAssembly(db: Db, actor: Actor, assemblyId: string): Promise<SessionResult> {
  return db.transaction(async (tx): Promise<SessionResult> => {
    const found = await assemblyFor(tx, actor, assemblyId, 'assembly.run', { lock: true });
    if (!found.ok) return found;
    const a = found.assembly;
    if (a.status !== 'notice_sent') return wrongStatus(a.status);
    const [first] = await tx.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.assemblyId, assemblyId)).orderBy(asc(agendaItems.position)).limit(1);
    const currentItemId = a.currentItemId ?? first?.id ?? null;
    await tx.update(assemblies).set({ status: 'in_session', openedAt: sql`now()`, currentItemId, updatedAt: sql`now()` }).where(eq(assemblies.id, assemblyId));
    await audit(tx, actor, { action: 'update', entityType: 'assembly', entityId: assemblyId, fields: ['status', 'currentItemId'] });
    await notifyAssembly(tx, assemblyId, 'session');
    return { ok: true, status: 'in_session', currentItemId };
  });
}

/** Closes the assembly; not while a poll is open (its ballots would have nowhere to go). */
export async function closeAssembly(db: Db, actor: Actor, assemblyId: string): Promise<SessionResult> {
  return db.transaction(async (tx): Promise<SessionResult> => {
    const found = await assemblyFor(tx, actor, assemblyId, 'assembly.run', { lock: true });
    if (!found.ok) return found;
    const a = found.assembly;
    if (a.status !== 'in_session') return wrongStatus(a.status);
    const [open] = await queryRows<{ id: string }>(tx, sql`select id from polls where assembly_id = ${assemblyId} and status = 'open' limit 1`);
    if (open) return hallFailure('poll_open');
    await tx.update(assemblies).set({ status: 'closed', closedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(assemblies.id, assemblyId));
    await audit(tx, actor, { action: 'update', entityType: 'assembly', entityId: assemblyId, fields: ['status'] });
    await notifyAssembly(tx, assemblyId, 'session');
    return { ok: true, status: 'closed', currentItemId: a.currentItemId };
  });
}

/** Puts an item of the agenda on the floor: the speakers' list and the polls shown follow it. */
export async function setCurrentItem(db: Db, actor: Actor, assemblyId: string, itemId: string): Promise<SessionResult> {
  return db.transaction(async (tx): Promise<SessionResult> => {
    const found = await assemblyFor(tx, actor, assemblyId, 'assembly.run', { lock: true });
    if (!found.ok) return found;
    const a = found.assembly;
    if (a.status !== 'in_session') return wrongStatus(a.status);
    const [item] = /^[0-9a-f-]{36}$/i.test(itemId)
      ? await tx.select({ id: agendaItems.id }).from(agendaItems).where(and(eq(agendaItems.id, itemId), eq(agendaItems.assemblyId, assemblyId)))
      : [];
    if (!item) return invalidInput({ path: 'itemId', code: 'hall.item_unknown' });
    if (a.currentItemId === itemId) return { ok: true, status: a.status, currentItemId: itemId };
    await tx.update(assemblies).set({ currentItemId: itemId, updatedAt: sql`now()` }).where(eq(assemblies.id, assemblyId));
    await audit(tx, actor, { action: 'update', entityType: 'assembly', entityId: assemblyId, fields: ['currentItemId'] });
    await notifyAssembly(tx, assemblyId, 'item');
    return { ok: true, status: a.status, currentItemId: itemId };
  });
}
