import { sql } from 'drizzle-orm';
import { actorPersonId, isAdmin, unitScope, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { AssemblyRow } from './access.js';
import { presentPersonIdsSql } from './presence.js';
import type { AgendaItemKind, AssemblyKind, AssemblyRules, AssemblyStatus, MinutesVisibility, ReportDecision } from './tables.js';
import { isoInstant } from '../../platform/db/sql.js';

export type AgendaItemView = {
  id: string;
  position: number;
  kind: AgendaItemKind;
  title: string;
  reportDecision: ReportDecision | null;
  notes: string | null;
  decision: string | null;
  documentFileId: string | null;
};

/** An assembly as the API and the pages show it. */
export type AssemblyView = {
  id: string;
  unitId: string;
  unitName: string;
  kind: AssemblyKind;
  title: string;
  status: AssemblyStatus;
  startsAt: string;
  place: string | null;
  timeZone: string;
  eventId: string | null;
  motionDeadline: string;
  rollCutoffOn: string;
  rollFrozenAt: string | null;
  rollSize: number;
  present: number;
  minutesVisibility: MinutesVisibility;
  rules: AssemblyRules;
  chairPersonId: string | null;
  chairName: string | null;
  minuteTakerPersonId: string | null;
  minuteTakerName: string | null;
  currentItemId: string | null;
  noticeSentAt: string | null;
  motionsPackSent: boolean;
  minutesApprovedByChairAt: string | null;
  minutesApprovedByTakerAt: string | null;
  minutesPublishedAt: string | null;
  agenda: AgendaItemView[];
};


/** The agenda in order. */
export async function loadAgenda(db: Db, assemblyId: string): Promise<AgendaItemView[]> {
  return queryRows<AgendaItemView>(
    db,
    sql`select id, position, kind, title, report_decision as "reportDecision", notes, decision, document_file_id as "documentFileId"
        from agenda_items where assembly_id = ${assemblyId} order by position`,
  );
}

/** Everything shown of one assembly (the caller has checked the actor may see it). */
export async function loadAssemblyView(db: Db, id: string): Promise<AssemblyView | null> {
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.id, a.unit_id as "unitId", u.name as "unitName", a.kind, a.title, a.status, a.starts_at as "startsAt", a.place,
          a.time_zone as "timeZone", a.event_id as "eventId", a.motion_deadline as "motionDeadline", a.roll_cutoff_on::text as "rollCutoffOn",
          a.roll_frozen_at as "rollFrozenAt", (select count(*)::int from assembly_roll r where r.assembly_id = a.id) as "rollSize",
          (select count(*)::int from (${presentPersonIdsSql(sql`a.id`)}) pp) as present,
          a.minutes_visibility as "minutesVisibility", a.rules,
          a.chair_person_id as "chairPersonId", ch.first_name || ' ' || ch.last_name as "chairName",
          a.minute_taker_person_id as "minuteTakerPersonId", mt.first_name || ' ' || mt.last_name as "minuteTakerName",
          a.current_item_id as "currentItemId", a.notice_sent_at as "noticeSentAt", a.motions_pack_mailing_id is not null as "motionsPackSent",
          a.minutes_approved_by_chair_at as "minutesApprovedByChairAt", a.minutes_approved_by_taker_at as "minutesApprovedByTakerAt",
          a.minutes_published_at as "minutesPublishedAt"
        from assemblies a join units u on u.id = a.unit_id
          left join persons ch on ch.id = a.chair_person_id
          left join persons mt on mt.id = a.minute_taker_person_id
        where a.id = ${id}`,
  );
  if (!r) return null;
  return {
    ...(r as unknown as AssemblyView),
    startsAt: isoInstant(r.startsAt)!,
    motionDeadline: isoInstant(r.motionDeadline)!,
    rollFrozenAt: isoInstant(r.rollFrozenAt),
    noticeSentAt: isoInstant(r.noticeSentAt),
    minutesApprovedByChairAt: isoInstant(r.minutesApprovedByChairAt),
    minutesApprovedByTakerAt: isoInstant(r.minutesApprovedByTakerAt),
    minutesPublishedAt: isoInstant(r.minutesPublishedAt),
    agenda: await loadAgenda(db, id),
  };
}

export type AssemblySummary = {
  id: string;
  unitId: string;
  unitName: string;
  title: string;
  kind: AssemblyKind;
  status: AssemblyStatus;
  startsAt: string;
  place: string | null;
  timeZone: string;
  onRoll: boolean;
};

/**
 * The assemblies the actor may see, newest first: staff and board those of the units they reach,
 * everyone the ones whose roll they are on once the notice is out, the chair and minute taker theirs.
 * `past` lists those held (the archive); otherwise those to come and in session.
 */
export async function listAssemblies(db: Db, actor: Actor, opts: { past?: boolean; unitId?: string } = {}): Promise<AssemblySummary[]> {
  const me = actorPersonId(actor);
  const scope = unitScope(actor, 'staff', 'board');
  const staffSees = isAdmin(actor) || scope === 'all' ? sql`true` : scope.size === 0 ? sql`false` : sql`a.unit_id in ${[...scope]}`;
  const onRoll = me ? sql`exists (select 1 from assembly_roll r where r.assembly_id = a.id and r.person_id = ${me})` : sql`false`;
  const own = me ? sql`(a.chair_person_id = ${me} or a.minute_taker_person_id = ${me})` : sql`false`;
  const when = opts.past ? sql`a.status in ('closed','minutes_published')` : sql`a.status not in ('closed','minutes_published','cancelled')`;
  const unit = opts.unitId ? sql`and a.unit_id = ${opts.unitId}` : sql``;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.id, a.unit_id as "unitId", u.name as "unitName", a.title, a.kind, a.status, a.starts_at as "startsAt", a.place,
          a.time_zone as "timeZone", ${onRoll} as "onRoll"
        from assemblies a join units u on u.id = a.unit_id
        where ${when} ${unit}
          and (${staffSees} or ${own} or (a.status not in ('draft','cancelled') and ${onRoll}))
        order by a.starts_at ${opts.past ? sql`desc` : sql`asc`}
        limit 200`,
  );
  return rows.map((r) => ({ ...(r as unknown as AssemblySummary), startsAt: isoInstant(r.startsAt)! }));
}

export type { AssemblyRow };
