import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { invalidInput, notFound, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { assemblyFor, type AssemblyRow } from './access.js';
import { wrongStatus, type WrongStatus } from './assemblies.js';
import { loadAgenda, type AgendaItemView } from './queries.js';
import { agendaItems } from './tables.js';
import type { AgendaItemInput, AgendaItemPatch, MergeItemsInput } from './schema.js';

export type AgendaResult = { ok: true; agenda: AgendaItemView[] } | Refusal | Invalid | WrongStatus;

/** The agenda is the office's to shape until the assembly meets; in session the hall decides its own order. */
const editable = (a: AssemblyRow) => a.status === 'draft' || a.status === 'notice_sent';

/**
 * Writes the agenda's order as given (ids in order, 1-based). Positions are unique per assembly and
 * the index is not deferrable, so the rows first move out of the way (negative) and then into place.
 */
async function renumber(tx: Db, assemblyId: string, ids: readonly string[]): Promise<void> {
  await tx.execute(sql`update agenda_items set position = -position - 1000 where assembly_id = ${assemblyId}`);
  for (const [n, id] of ids.entries()) await tx.update(agendaItems).set({ position: n + 1 }).where(and(eq(agendaItems.id, id), eq(agendaItems.assemblyId, assemblyId)));
}

async function editableAssembly(tx: Db, actor: Actor, assemblyId: string): Promise<{ ok: true; assembly: AssemblyRow } | Refusal | WrongStatus> {
  const found = await assemblyFor(tx, actor, assemblyId, 'assembly.manage', { lock: true });
  if (!found.ok) return found;
  if (!editable(found.assembly)) return wrongStatus(found.assembly.status);
  return found;
}

/** Adds an item at a position (the end by default); the items after it move down. */
export async function addAgendaItem(db: Db, actor: Actor, assemblyId: string, input: AgendaItemInput): Promise<AgendaResult> {
  return db.transaction(async (tx): Promise<AgendaResult> => {
    const found = await editableAssembly(tx, actor, assemblyId);
    if (!found.ok) return found;
    const agenda = await loadAgenda(tx, assemblyId);
    const at = Math.min(input.position ?? agenda.length + 1, agenda.length + 1);
    const [row] = await tx
      .insert(agendaItems)
      .values({ assemblyId, position: 1000 + agenda.length, kind: input.kind, title: input.title, reportDecision: input.kind === 'report' ? (input.reportDecision ?? 'noted') : null })
      .returning({ id: agendaItems.id });
    const ids = agenda.map((i) => i.id);
    ids.splice(at - 1, 0, row.id);
    await renumber(tx, assemblyId, ids);
    await audit(tx, actor, { action: 'create', entityType: 'agenda_item', entityId: row.id });
    return { ok: true, agenda: await loadAgenda(tx, assemblyId) };
  });
}

/** Renames an item, changes its kind or how its report is dealt with, or moves it. */
export async function updateAgendaItem(db: Db, actor: Actor, itemId: string, patch: AgendaItemPatch): Promise<AgendaResult> {
  return db.transaction(async (tx): Promise<AgendaResult> => {
    const [item] = await queryRows<{ assemblyId: string }>(tx, sql`select assembly_id as "assemblyId" from agenda_items where id = ${itemId}`);
    if (!item) return notFound;
    const found = await editableAssembly(tx, actor, item.assemblyId);
    if (!found.ok) return found;
    const { position, ...fields } = patch;
    if (Object.keys(fields).length > 0) {
      const kind = fields.kind;
      const set: Partial<typeof agendaItems.$inferInsert> = { ...fields };
      if (kind && kind !== 'report') set.reportDecision = null;
      if (kind === 'report' && fields.reportDecision === undefined) set.reportDecision = 'noted';
      if (fields.reportDecision === null) set.reportDecision = null;
      await tx.update(agendaItems).set(set).where(eq(agendaItems.id, itemId));
    }
    if (position !== undefined) {
      const ids = (await loadAgenda(tx, item.assemblyId)).map((i) => i.id).filter((id) => id !== itemId);
      ids.splice(Math.min(position, ids.length + 1) - 1, 0, itemId);
      await renumber(tx, item.assemblyId, ids);
    }
    await audit(tx, actor, { action: 'update', entityType: 'agenda_item', entityId: itemId, fields: Object.keys(patch) });
    return { ok: true, agenda: await loadAgenda(tx, item.assemblyId) };
  });
}

/** Takes an item off the agenda; one that polls, elections or motions already hang on stays. */
export async function removeAgendaItem(db: Db, actor: Actor, itemId: string): Promise<AgendaResult> {
  return db.transaction(async (tx): Promise<AgendaResult> => {
    const [item] = await queryRows<{ assemblyId: string; used: boolean }>(
      tx,
      sql`select assembly_id as "assemblyId", exists (select 1 from polls p where p.item_id = i.id) or exists (select 1 from elections e where e.item_id = i.id) as used from agenda_items i where id = ${itemId}`,
    );
    if (!item) return notFound;
    const found = await editableAssembly(tx, actor, item.assemblyId);
    if (!found.ok) return found;
    if (item.used) return invalidInput({ path: 'id', code: 'assembly.item_in_use' });
    await tx.delete(agendaItems).where(eq(agendaItems.id, itemId));
    await renumber(tx, item.assemblyId, (await loadAgenda(tx, item.assemblyId)).map((i) => i.id));
    await audit(tx, actor, { action: 'delete', entityType: 'agenda_item', entityId: itemId });
    return { ok: true, agenda: await loadAgenda(tx, item.assemblyId) };
  });
}

/**
 * Folds one item into another (a section that takes the report and future work together): the
 * item kept gets the new title if given, the notes of both, and whatever hung on the folded one.
 */
export async function mergeAgendaItems(db: Db, actor: Actor, assemblyId: string, input: MergeItemsInput): Promise<AgendaResult> {
  return db.transaction(async (tx): Promise<AgendaResult> => {
    const found = await editableAssembly(tx, actor, assemblyId);
    if (!found.ok) return found;
    const agenda = await loadAgenda(tx, assemblyId);
    const from = agenda.find((i) => i.id === input.from);
    const into = agenda.find((i) => i.id === input.into);
    const problems = [];
    if (!from) problems.push({ path: 'from', code: 'assembly.item_unknown' });
    if (!into) problems.push({ path: 'into', code: 'assembly.item_unknown' });
    if (from && into && from.id === into.id) problems.push({ path: 'from', code: 'assembly.merge_same' });
    if (problems.length > 0) return invalidInput(...problems);
    const notes = [into!.notes, from!.notes].filter(Boolean).join('\n\n') || null;
    await tx.update(agendaItems).set({ title: input.title ?? `${into!.title} / ${from!.title}`, notes }).where(eq(agendaItems.id, into!.id));
    await tx.execute(sql`update polls set item_id = ${into!.id} where item_id = ${from!.id}`);
    await tx.execute(sql`update elections set item_id = ${into!.id} where item_id = ${from!.id}`);
    await tx.execute(sql`update speakers set item_id = ${into!.id} where item_id = ${from!.id}`);
    await tx.delete(agendaItems).where(eq(agendaItems.id, from!.id));
    await renumber(tx, assemblyId, agenda.filter((i) => i.id !== from!.id).map((i) => i.id));
    await audit(tx, actor, { action: 'update', entityType: 'agenda_item', entityId: into!.id, fields: ['title', 'notes'] });
    await audit(tx, actor, { action: 'delete', entityType: 'agenda_item', entityId: from!.id });
    return { ok: true, agenda: await loadAgenda(tx, assemblyId) };
  });
}
