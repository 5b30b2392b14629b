import { sql } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { forbidden, notFound, type Refusal } from '../../platform/outcomes.js';
import { can, type AssemblyAction, type AssemblySubject } from './policy.js';
import type { AssemblyKind, AssemblyRules, AssemblyStatus, MinutesVisibility } from './tables.js';

/** An assembly row as the use cases see it, with whether the actor is on its roll. */
export interface AssemblyRow extends AssemblySubject {
  id: string;
  kind: AssemblyKind;
  title: string;
  startsAt: Date;
  place: string | null;
  timeZone: string;
  eventId: string | null;
  motionDeadline: Date;
  rollCutoffOn: string;
  rollFrozenAt: Date | null;
  rules: AssemblyRules;
  currentItemId: string | null;
  noticeSentAt: Date | null;
  noticeMailingId: string | null;
  motionsPackMailingId: string | null;
  minutesApprovedByChairAt: Date | null;
  minutesApprovedByTakerAt: Date | null;
  minutesPublishedAt: Date | null;
  minutesVisibility: MinutesVisibility;
  status: AssemblyStatus;
}

const asDate = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

/** The assembly and the actor's place on its roll; `lock` takes the row for update (one change at a time). */
export async function findAssembly(db: Db, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<AssemblyRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const me = actorPersonId(actor);
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.id, a.unit_id as "unitId", a.kind, a.title, a.starts_at as "startsAt", a.place, a.time_zone as "timeZone",
          a.event_id as "eventId", a.motion_deadline as "motionDeadline", a.roll_cutoff_on::text as "rollCutoffOn",
          a.roll_frozen_at as "rollFrozenAt", a.status, a.minutes_visibility as "minutesVisibility", a.rules,
          a.chair_person_id as "chairPersonId", a.minute_taker_person_id as "minuteTakerPersonId",
          a.current_item_id as "currentItemId", a.notice_sent_at as "noticeSentAt", a.notice_mailing_id as "noticeMailingId",
          a.motions_pack_mailing_id as "motionsPackMailingId",
          a.minutes_approved_by_chair_at as "minutesApprovedByChairAt", a.minutes_approved_by_taker_at as "minutesApprovedByTakerAt",
          a.minutes_published_at as "minutesPublishedAt",
          ${me ? sql`exists (select 1 from assembly_roll r where r.assembly_id = a.id and r.person_id = ${me})` : sql`false`} as "onRoll"
        from assemblies a where a.id = ${id} ${opts.lock ? sql`for update of a` : sql``}`,
  );
  if (!r) return null;
  return {
    ...(r as unknown as AssemblyRow),
    startsAt: asDate(r.startsAt)!,
    motionDeadline: asDate(r.motionDeadline)!,
    rollFrozenAt: asDate(r.rollFrozenAt),
    noticeSentAt: asDate(r.noticeSentAt),
    minutesApprovedByChairAt: asDate(r.minutesApprovedByChairAt),
    minutesApprovedByTakerAt: asDate(r.minutesApprovedByTakerAt),
    minutesPublishedAt: asDate(r.minutesPublishedAt),
  };
}

/**
 * The assembly if the actor may do `action` on it: out of sight is `not_found`, in sight but not
 * theirs is `forbidden`. Every use case of the feature starts here.
 */
export async function assemblyFor(db: Db, actor: Actor, id: string, action: AssemblyAction, opts: { lock?: boolean } = {}): Promise<{ ok: true; assembly: AssemblyRow } | Refusal> {
  const assembly = await findAssembly(db, actor, id, opts);
  if (!assembly) return notFound;
  const visible = can(actor, 'assembly.view', assembly) || (action === 'assembly.read_minutes' && can(actor, 'assembly.read_minutes', assembly));
  if (!visible) return notFound;
  if (action !== 'assembly.view' && !can(actor, action, assembly)) return forbidden;
  return { ok: true, assembly };
}

/** The assembly an item, motion, poll or election belongs to, by a row id in one of those tables. */
export async function assemblyIdOf(db: Db, table: 'agenda_items' | 'motions' | 'polls' | 'elections', id: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const from = {
    agenda_items: sql`agenda_items`,
    motions: sql`motions`,
    polls: sql`polls`,
    elections: sql`elections`,
  }[table];
  const [r] = await queryRows<{ assemblyId: string }>(db, sql`select assembly_id as "assemblyId" from ${from} where id = ${id}`);
  return r?.assemblyId ?? null;
}
