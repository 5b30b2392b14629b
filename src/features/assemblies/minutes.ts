import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { actorPersonId, reachesUnit, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { forbidden, notFound, type Invalid, type ReasonTable, type Refusal } from '../../platform/outcomes.js';
import { assemblyFor, assemblyIdOf, type AssemblyRow } from './access.js';
import { wrongStatus, type WrongStatus } from './assemblies.js';
import type { AssemblyStatus } from './tables.js';

/*
 * The minutes: the minute taker's notes and the decision in words per agenda item (the rest is
 * filled in from the data, see minutes-content.ts), approved by the chair and the minute taker, then
 * published. What the two approved is what is published: any change of the notes after an approval
 * withdraws both approvals, and publishing needs both. Every change locks the assembly's row, so an
 * approval and an edit of the notes never pass each other.
 */

/** The two offices that approve the minutes. */
export const minutesOffices = ['chair', 'minute_taker'] as const;
export type MinutesOffice = (typeof minutesOffices)[number];

/** The minutes' own reasons; `not_approved` names the approval that is missing (`missing`). */
export const minutesAnswers = {
  not_approved: { status: 409, code: 'minutes.not_approved' },
  not_approver: { status: 403, code: 'minutes.not_approver' },
} satisfies ReasonTable<string>;

export type MinutesReason = keyof typeof minutesAnswers;
/** Which approval is missing before the minutes can be published. */
export type MissingApproval = MinutesOffice | 'both';
export type NotApproved = { ok: false; reason: 'not_approved'; params: { missing: MissingApproval } };
export type NotApprover = { ok: false; reason: 'not_approver' };

/** Notes are written while the assembly is called, meets, and after it closed, until the minutes are out. */
const notesOpen: ReadonlySet<AssemblyStatus> = new Set(['notice_sent', 'in_session', 'closed']);
export const notesWritable = (status: AssemblyStatus): boolean => notesOpen.has(status);

/** Text that may be left out (kept as it is), or null / blank (cleared). */
const notesText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

/** The minute taker's notes of one item and what was decided under it in words. A field left out is kept. */
export const itemNotesInput = z.object({ notes: notesText(20_000), decision: notesText(4_000) }).strict();
export type ItemNotesInput = z.output<typeof itemNotesInput>;

export type ItemNotes = { id: string; assemblyId: string; position: number; title: string; notes: string | null; decision: string | null };

export type ItemNotesResult = { ok: true; item: ItemNotes; approvalsWithdrawn: boolean } | Refusal | Invalid | WrongStatus;

/**
 * Saves the notes and the decision of one agenda item (the minute taker, or staff of the unit). A
 * change after the chair or the minute taker approved withdraws both approvals: they approved
 * another text. Saving the same text again changes nothing and withdraws nothing.
 */
export async function saveItemNotes(db: Db, actor: Actor, itemId: string, input: ItemNotesInput): Promise<ItemNotesResult> {
  return db.transaction(async (tx): Promise<ItemNotesResult> => {
    const assemblyId = await assemblyIdOf(tx, 'agenda_items', itemId);
    if (!assemblyId) return notFound;
    const found = await assemblyFor(tx, actor, assemblyId, 'assembly.take_minutes', { lock: true });
    if (!found.ok) return found;
    const a = found.assembly;
    if (!notesOpen.has(a.status)) return wrongStatus(a.status);
    const [item] = await queryRows<ItemNotes>(
      tx,
      sql`select id, assembly_id as "assemblyId", position, title, notes, decision from agenda_items where id = ${itemId} for update`,
    );
    const next = { notes: input.notes === undefined ? item.notes : input.notes, decision: input.decision === undefined ? item.decision : input.decision };
    const fields = (['notes', 'decision'] as const).filter((f) => next[f] !== item[f]);
    if (fields.length === 0) return { ok: true, item, approvalsWithdrawn: false };
    await tx.execute(sql`update agenda_items set notes = ${next.notes}, decision = ${next.decision} where id = ${itemId}`);
    await audit(tx, actor, { action: 'update', entityType: 'agenda_item', entityId: itemId, fields: [...fields] });
    const withdrawn = a.minutesApprovedByChairAt !== null || a.minutesApprovedByTakerAt !== null;
    if (withdrawn) {
      await tx.execute(sql`update assemblies set minutes_approved_by_chair_at = null, minutes_approved_by_taker_at = null, updated_at = now() where id = ${assemblyId}`);
      await audit(tx, actor, { action: 'update', entityType: 'assembly', entityId: assemblyId, fields: ['minutesApprovedByChairAt', 'minutesApprovedByTakerAt'] });
    }
    return { ok: true, item: { ...item, ...next }, approvalsWithdrawn: withdrawn };
  });
}

/**
 * The offices in which the actor approves the minutes: the assembly's chair and minute taker
 * themselves (one person may hold both). Staff of the unit do not approve on anyone's behalf; only
 * where the assembly names no chair (or no minute taker) do they approve for that office, so that
 * minutes of an assembly whose officers were never entered can still be published.
 */
export function approvingOffices(actor: Actor, a: Pick<AssemblyRow, 'unitId' | 'chairPersonId' | 'minuteTakerPersonId'>): MinutesOffice[] {
  const me = actorPersonId(actor);
  const staff = reachesUnit(actor, a.unitId, 'staff');
  const holds = (personId: string | null) => (personId === null ? staff : me !== null && me === personId);
  return minutesOffices.filter((o) => holds(o === 'chair' ? a.chairPersonId : a.minuteTakerPersonId));
}

export type MinutesApprovals = { chairAt: string | null; minuteTakerAt: string | null };
export type ApproveResult = { ok: true; approvedAs: MinutesOffice[]; approvals: MinutesApprovals } | Refusal | WrongStatus | NotApprover;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * The chair or the minute taker approves the minutes, once the assembly has closed. An approval
 * already given keeps its time. Someone who may see the draft but holds neither office is told who
 * approves (staff of the unit), or refused.
 */
export async function approveMinutes(db: Db, actor: Actor, assemblyId: string): Promise<ApproveResult> {
  return db.transaction(async (tx): Promise<ApproveResult> => {
    const found = await assemblyFor(tx, actor, assemblyId, 'assembly.read_minutes', { lock: true });
    if (!found.ok) return found;
    const a = found.assembly;
    const offices = approvingOffices(actor, a);
    if (offices.length === 0) return reachesUnit(actor, a.unitId, 'staff') ? { ok: false, reason: 'not_approver' } : forbidden;
    if (a.status !== 'closed') return wrongStatus(a.status);
    const chair = offices.includes('chair') && a.minutesApprovedByChairAt === null;
    const taker = offices.includes('minute_taker') && a.minutesApprovedByTakerAt === null;
    let approvals: MinutesApprovals = { chairAt: iso(a.minutesApprovedByChairAt), minuteTakerAt: iso(a.minutesApprovedByTakerAt) };
    if (chair || taker) {
      const [r] = await queryRows<{ chairAt: Date | null; minuteTakerAt: Date | null }>(
        tx,
        sql`update assemblies set
              minutes_approved_by_chair_at = ${chair ? sql`now()` : sql`minutes_approved_by_chair_at`},
              minutes_approved_by_taker_at = ${taker ? sql`now()` : sql`minutes_approved_by_taker_at`},
              updated_at = now()
            where id = ${assemblyId}
            returning minutes_approved_by_chair_at as "chairAt", minutes_approved_by_taker_at as "minuteTakerAt"`,
      );
      approvals = { chairAt: r.chairAt ? new Date(r.chairAt).toISOString() : null, minuteTakerAt: r.minuteTakerAt ? new Date(r.minuteTakerAt).toISOString() : null };
      await audit(tx, actor, { action: 'update', entityType: 'assembly', entityId: assemblyId, fields: [...(chair ? ['minutesApprovedByChairAt'] : []), ...(taker ? ['minutesApprovedByTakerAt'] : [])] });
    }
    return { ok: true, approvedAs: offices, approvals };
  });
}

export type PublishResult = { ok: true; publishedAt: string } | Refusal | WrongStatus | NotApproved;

/** The approval still missing, if any. */
export function missingApproval(a: Pick<AssemblyRow, 'minutesApprovedByChairAt' | 'minutesApprovedByTakerAt'>): MissingApproval | null {
  const chair = a.minutesApprovedByChairAt === null;
  const taker = a.minutesApprovedByTakerAt === null;
  return chair && taker ? 'both' : chair ? 'chair' : taker ? 'minute_taker' : null;
}

/**
 * Publishes the approved minutes (the minute taker, or staff of the unit): to the unit's members on
 * the roll, or to everyone, as the assembly says (`minutes_visibility`). Refused, with the approval
 * that is missing, until both the chair and the minute taker have approved.
 */
export async function publishMinutes(db: Db, actor: Actor, assemblyId: string): Promise<PublishResult> {
  return db.transaction(async (tx): Promise<PublishResult> => {
    const found = await assemblyFor(tx, actor, assemblyId, 'assembly.take_minutes', { lock: true });
    if (!found.ok) return found;
    const a = found.assembly;
    if (a.status !== 'closed') return wrongStatus(a.status);
    const missing = missingApproval(a);
    if (missing) return { ok: false, reason: 'not_approved', params: { missing } };
    const [r] = await queryRows<{ at: Date }>(
      tx,
      sql`update assemblies set status = 'minutes_published', minutes_published_at = now(), updated_at = now() where id = ${assemblyId} returning minutes_published_at as at`,
    );
    await audit(tx, actor, { action: 'update', entityType: 'assembly', entityId: assemblyId, fields: ['status', 'minutesPublishedAt'] });
    return { ok: true, publishedAt: new Date(r.at).toISOString() };
  });
}
