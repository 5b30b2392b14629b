import { eq, sql } from 'drizzle-orm';
import { actorPersonId, reachesUnit, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { localParts } from '../../platform/i18n/zoned-time.js';
import { getUnit } from '../../kernel/units.js';
import { eventTitleSql } from '../events/index.js';
import { forbidden, invalidInput, type FieldProblem, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { assemblyFor } from './access.js';
import { loadAssemblyView, type AssemblyView } from './queries.js';
import { unitRules } from './rules.js';
import { templateItems } from './templates.js';
import { agendaItems, assemblies, type AssemblyStatus } from './tables.js';
import type { AssemblyInput, AssemblyPatch } from './schema.js';

const DAY = 86_400_000;

/** A change the assembly's status no longer allows (editing one in session, sending a notice twice). */
export type WrongStatus = { ok: false; reason: 'wrong_status'; params: { status: AssemblyStatus } };
export const wrongStatus = (status: AssemblyStatus): WrongStatus => ({ ok: false, reason: 'wrong_status', params: { status } });

export type AssemblyResult = { ok: true; assembly: AssemblyView } | Refusal | Invalid | WrongStatus;

/** Problems with the people and the event an assembly names: they must exist. */
async function referenceProblems(db: Db, v: { chairPersonId?: string | null; minuteTakerPersonId?: string | null; eventId?: string | null }): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  for (const path of ['chairPersonId', 'minuteTakerPersonId'] as const) {
    const id = v[path];
    if (!id) continue;
    const [p] = await queryRows<{ id: string }>(db, sql`select id from persons where id = ${id}`);
    if (!p) problems.push({ path, code: 'assembly.person_unknown' });
  }
  if (v.eventId) {
    const [e] = await queryRows<{ title: string | null }>(db, sql`select ${eventTitleSql(sql`${v.eventId}::uuid`)} as title`);
    if (!e?.title) problems.push({ path: 'eventId', code: 'assembly.event_unknown' });
  }
  return problems;
}

/**
 * Calls an assembly of a unit: the unit's rules are copied onto it, the motion deadline and the
 * roll's cut-off day follow from them unless given, and the agenda is made from the template in the
 * caller's language. It starts as a draft: nothing is sent until the notice.
 */
export async function createAssembly(db: Db, actor: Actor, input: AssemblyInput, locale: Locale = 'da'): Promise<AssemblyResult> {
  return db.transaction(async (tx): Promise<AssemblyResult> => {
    const unit = await getUnit(tx, input.unitId);
    if (!unit) return invalidInput({ path: 'unitId', code: 'assembly.unit_unknown' });
    if (!reachesUnit(actor, input.unitId, 'staff')) return forbidden;
    const problems = await referenceProblems(tx, input);
    const items = await templateItems(tx, input.template, locale);
    if (!items) problems.push({ path: 'template', code: 'assembly.template_unknown' });
    if (input.startsAt.getTime() <= Date.now()) problems.push({ path: 'startsAt', code: 'assembly.starts_in_past' });
    if (problems.length > 0) return invalidInput(...problems);
    const rules = await unitRules(tx, input.unitId);
    const motionDeadline = input.motionDeadline ?? new Date(input.startsAt.getTime() - rules.motionDeadlineDays * DAY);
    const rollCutoffOn = localParts(new Date(input.startsAt.getTime() - rules.rollCutoffDays * DAY), input.timeZone).date;
    const [row] = await tx
      .insert(assemblies)
      .values({
        unitId: input.unitId,
        kind: input.kind,
        title: input.title,
        startsAt: input.startsAt,
        place: input.place,
        timeZone: input.timeZone,
        eventId: input.eventId,
        motionDeadline,
        rollCutoffOn,
        minutesVisibility: input.minutesVisibility,
        chairPersonId: input.chairPersonId,
        minuteTakerPersonId: input.minuteTakerPersonId,
        rules,
        createdBy: actorPersonId(actor),
      })
      .returning({ id: assemblies.id });
    if (items!.length > 0) await tx.insert(agendaItems).values(items!.map((i, n) => ({ assemblyId: row.id, position: n + 1, kind: i.kind, title: i.title, reportDecision: i.kind === 'report' ? ('noted' as const) : null })));
    await audit(tx, actor, { action: 'create', entityType: 'assembly', entityId: row.id });
    return { ok: true, assembly: (await loadAssemblyView(tx, row.id))! };
  });
}

/**
 * Changes what staff may change before the assembly meets. Its date and deadline are fixed once the
 * notice is out (members were told them); the chair and minute taker may change until it closes.
 */
export async function updateAssembly(db: Db, actor: Actor, id: string, patch: AssemblyPatch): Promise<AssemblyResult> {
  return db.transaction(async (tx): Promise<AssemblyResult> => {
    const found = await assemblyFor(tx, actor, id, 'assembly.manage', { lock: true });
    if (!found.ok) return found;
    const a = found.assembly;
    if (a.status === 'closed' || a.status === 'minutes_published' || a.status === 'cancelled') return wrongStatus(a.status);
    const fixed = ['startsAt', 'motionDeadline', 'kind'] as const;
    if (a.status !== 'draft' && fixed.some((f) => patch[f] !== undefined)) return wrongStatus(a.status);
    const problems = await referenceProblems(tx, patch);
    const startsAt = patch.startsAt ?? a.startsAt;
    const deadline = patch.motionDeadline ?? (patch.startsAt ? new Date(startsAt.getTime() - a.rules.motionDeadlineDays * DAY) : a.motionDeadline);
    if (deadline.getTime() > startsAt.getTime()) problems.push({ path: 'motionDeadline', code: 'assembly.deadline_after_start' });
    if (patch.startsAt && patch.startsAt.getTime() <= Date.now()) problems.push({ path: 'startsAt', code: 'assembly.starts_in_past' });
    if (problems.length > 0) return invalidInput(...problems);
    const set: Partial<typeof assemblies.$inferInsert> = { ...patch, motionDeadline: deadline, updatedAt: new Date() };
    if (patch.startsAt) set.rollCutoffOn = localParts(new Date(startsAt.getTime() - a.rules.rollCutoffDays * DAY), a.timeZone).date;
    await tx.update(assemblies).set(set).where(eq(assemblies.id, id));
    await audit(tx, actor, { action: 'update', entityType: 'assembly', entityId: id, fields: Object.keys(patch) });
    return { ok: true, assembly: (await loadAssemblyView(tx, id))! };
  });
}

/** Calls an assembly off before it meets; a notice already sent is not unsent (staff tell the roll). */
export async function cancelAssembly(db: Db, actor: Actor, id: string): Promise<AssemblyResult> {
  return db.transaction(async (tx): Promise<AssemblyResult> => {
    const found = await assemblyFor(tx, actor, id, 'assembly.manage', { lock: true });
    if (!found.ok) return found;
    if (found.assembly.status !== 'draft' && found.assembly.status !== 'notice_sent') return wrongStatus(found.assembly.status);
    await tx.update(assemblies).set({ status: 'cancelled', cancelledAt: sql`now()`, updatedAt: sql`now()` }).where(eq(assemblies.id, id));
    await audit(tx, actor, { action: 'update', entityType: 'assembly', entityId: id, fields: ['status'] });
    return { ok: true, assembly: (await loadAssemblyView(tx, id))! };
  });
}

/** The assembly as the actor may see it. */
export async function getAssembly(db: Db, actor: Actor, id: string): Promise<{ ok: true; assembly: AssemblyView } | Refusal> {
  const found = await assemblyFor(db, actor, id, 'assembly.view');
  if (!found.ok) return found;
  return { ok: true, assembly: (await loadAssemblyView(db, id))! };
}
