import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { reachesUnit, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { uniqueViolation } from '../../platform/db/sql.js';
import { units, persons } from '../../kernel/tables.js';
import { memberships, membershipTypes } from './tables.js';

/** An expected reason a change to the register cannot be made, and the field it is about. */
export type MemberFailureReason =
  | 'not_found'
  | 'email_taken'
  | 'number_taken'
  | 'unit_not_found'
  | 'unit_not_allowed'
  | 'type_not_found'
  | 'type_inactive'
  | 'section_not_found'
  | 'invalid_transition';
export type MemberFailure = {
  ok: false;
  reason: MemberFailureReason;
  field: string;
  /** The other problems found in the same round (`memberProblems`), so a form shows them all at once. */
  also?: MemberFailure[];
};

export const fail = (reason: MemberFailureReason, field: string): MemberFailure => ({ ok: false, reason, field });

/**
 * The district a membership belongs to must exist, not be a section, and be within the units the
 * staff member works for; a type must exist (and be in use, for a new choice); sections must be sections.
 */
export async function checkPlacement(
  db: Db,
  actor: Actor,
  input: { unitId?: string; typeId?: string; sections?: string[] },
  current?: { typeId: string },
): Promise<MemberFailure | null> {
  if (input.unitId !== undefined) {
    const [unit] = await db.select({ id: units.id, kind: units.kind }).from(units).where(eq(units.id, input.unitId));
    if (!unit || unit.kind === 'section') return fail('unit_not_found', 'unitId');
    if (!reachesUnit(actor, unit.id, 'staff')) return fail('unit_not_allowed', 'unitId');
  }
  if (input.typeId !== undefined) {
    const [type] = await db.select({ active: membershipTypes.active }).from(membershipTypes).where(eq(membershipTypes.id, input.typeId));
    if (!type) return fail('type_not_found', 'typeId');
    // A member may keep a type that has since been retired; nobody new gets it.
    if (!type.active && current?.typeId !== input.typeId) return fail('type_inactive', 'typeId');
  }
  if (input.sections && input.sections.length > 0) {
    const wanted = [...new Set(input.sections)];
    const found = await db
      .select({ id: units.id })
      .from(units)
      .where(and(inArray(units.id, wanted), eq(units.kind, 'section')));
    if (found.length !== wanted.length) return fail('section_not_found', 'sections');
  }
  return null;
}

/** What of a member's input the register's checks look at; while the form has other errors, only the valid parts are here. */
export interface MemberDraft {
  unitId?: string;
  typeId?: string;
  sections?: string[];
  email?: string | null;
  memberNumber?: string | null;
}

/** The member as the register holds them, for the checks of a change. */
export interface CurrentMember {
  personId: string;
  typeId: string;
  unitId: string;
  memberNumber: string;
}

/**
 * Every problem a new member (or a change to `current`) has against the register, at once: the
 * district, the type, the sections, an e-mail address or a member number someone else has. It runs
 * on the valid parts of an input that still has other errors too, so a form answers in one round.
 */
export async function memberProblems(db: Db, actor: Actor, draft: MemberDraft, current?: CurrentMember): Promise<MemberFailure[]> {
  const out: MemberFailure[] = [];
  // A change checks only a new district or type; a kept one may be one the staff member no longer could choose.
  const unitId = current && draft.unitId === current.unitId ? undefined : draft.unitId;
  const typeId = current && draft.typeId === current.typeId ? undefined : draft.typeId;
  for (const part of [{ unitId }, { typeId }, { sections: draft.sections }]) {
    const problem = await checkPlacement(db, actor, part, current);
    if (problem) out.push(problem);
  }
  if (draft.email && (await emailTaken(db, draft.email, current?.personId))) out.push(fail('email_taken', 'email'));
  // The member's own number is theirs; any other membership holding a new one is someone else.
  if (draft.memberNumber && draft.memberNumber !== current?.memberNumber && (await numberTaken(db, draft.memberNumber))) out.push(fail('number_taken', 'memberNumber'));
  return out;
}

/** The first problem as the use case's failure, carrying the others. */
export function firstFailure(problems: MemberFailure[]): MemberFailure | null {
  if (problems.length === 0) return null;
  return problems.length === 1 ? problems[0] : { ...problems[0], also: problems.slice(1) };
}

/** E-mail addresses are log-ins: unique regardless of case. */
export async function emailTaken(db: Db, email: string, exceptPersonId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: persons.id })
    .from(persons)
    .where(and(sql`lower(${persons.email}) = lower(${email})`, exceptPersonId ? ne(persons.id, exceptPersonId) : undefined))
    .limit(1);
  return Boolean(row);
}

export async function numberTaken(db: Db, memberNumber: string, exceptMembershipId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.memberNumber, memberNumber), exceptMembershipId ? ne(memberships.id, exceptMembershipId) : undefined))
    .limit(1);
  return Boolean(row);
}

/**
 * The next free number from the sequence, one at a time so that single creations get consecutive
 * numbers. Numbers typed by hand may already sit where the sequence arrives, so it skips those instead
 * of failing on the unique constraint. (A creation that fails after taking its number leaves a gap:
 * a sequence never hands a number back, so two creations at once never get the same one.)
 */
export async function nextMemberNumber(db: Db): Promise<string> {
  for (;;) {
    const [row] = await queryRows<{ n: string; taken: boolean }>(db, sql`
      select x.n, exists (select 1 from memberships where member_number = x.n) as taken
      from (select nextval('member_number_seq')::text as n) x`);
    if (row && !row.taken) return row.n;
  }
}

/** Maps a unique violation that slipped past the checks (two requests at once) to the field it concerns. */
export function uniqueFailure(err: unknown): MemberFailure | null {
  const constraint = uniqueViolation(err);
  if (constraint === null) return null;
  if (constraint.includes('email')) return fail('email_taken', 'email');
  if (constraint.includes('member_number')) return fail('number_taken', 'memberNumber');
  return null;
}
