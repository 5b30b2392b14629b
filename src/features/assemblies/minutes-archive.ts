import { sql } from 'drizzle-orm';
import { actorPersonId, isAdmin, unitScope, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { can } from './policy.js';
import type { AssemblyKind, AssemblyStatus, MinutesVisibility } from './tables.js';
import type { SeatKind } from './election-tables.js';

/*
 * The archive: the assemblies held (closed, or with their minutes out) that the reader may see —
 * staff and board those of their units, members those whose roll they were on, the chair and the
 * minute taker theirs, and everyone the assemblies whose published minutes are public — each with
 * its decisions (the adopted motions and the elected) where the reader may read its minutes. Two
 * queries for the whole page: the assemblies, then the decisions of all of them at once.
 */

export type ArchiveDecisions = {
  adopted: { number: number; title: string }[];
  elected: { election: string; electionId: string; name: string; seatKind: SeatKind }[];
};

export type ArchiveEntry = {
  id: string;
  title: string;
  unitId: string;
  unitName: string;
  kind: AssemblyKind;
  status: AssemblyStatus;
  startsAt: string;
  timeZone: string;
  place: string | null;
  minutesVisibility: MinutesVisibility;
  minutesPublishedAt: string | null;
  /** The reader may open the assembly's own page. */
  mayView: boolean;
  /** The reader may read its minutes (published for them, or the draft for the officers, staff and board). */
  mayReadMinutes: boolean;
  /** Only where the reader may read the minutes. */
  decisions: ArchiveDecisions | null;
};

type Row = Omit<ArchiveEntry, 'mayView' | 'mayReadMinutes' | 'decisions' | 'startsAt' | 'minutesPublishedAt'> & {
  startsAt: Date | string;
  minutesPublishedAt: Date | string | null;
  chairPersonId: string | null;
  minuteTakerPersonId: string | null;
  onRoll: boolean;
};

/** The assemblies held that the reader may see, newest first, with their decisions. */
export async function listArchive(db: Db, actor: Actor, locale: Locale, opts: { limit?: number } = {}): Promise<ArchiveEntry[]> {
  const me = actorPersonId(actor);
  const scope = unitScope(actor, 'staff', 'board');
  const staffSees = isAdmin(actor) || scope === 'all' ? sql`true` : scope.size === 0 ? sql`false` : sql`a.unit_id in ${[...scope]}`;
  const onRoll = me ? sql`exists (select 1 from assembly_roll r where r.assembly_id = a.id and r.person_id = ${me})` : sql`false`;
  const own = me ? sql`(a.chair_person_id = ${me} or a.minute_taker_person_id = ${me})` : sql`false`;
  const rows = await queryRows<Row>(
    db,
    sql`select a.id, a.title, a.unit_id as "unitId", u.name as "unitName", a.kind, a.status, a.starts_at as "startsAt", a.time_zone as "timeZone",
          a.place, a.minutes_visibility as "minutesVisibility", a.minutes_published_at as "minutesPublishedAt",
          a.chair_person_id as "chairPersonId", a.minute_taker_person_id as "minuteTakerPersonId", ${onRoll} as "onRoll"
        from assemblies a join units u on u.id = a.unit_id
        where a.status in ('closed', 'minutes_published')
          and (${staffSees} or ${own} or ${onRoll} or (a.status = 'minutes_published' and a.minutes_visibility = 'public'))
        order by a.starts_at desc, a.id
        limit ${opts.limit ?? 200}`,
  );
  const entries = rows.map(({ chairPersonId, minuteTakerPersonId, onRoll: roll, ...r }) => {
    const subject = { unitId: r.unitId, status: r.status, chairPersonId, minuteTakerPersonId, minutesVisibility: r.minutesVisibility, onRoll: roll };
    return {
      ...r,
      startsAt: new Date(r.startsAt).toISOString(),
      minutesPublishedAt: r.minutesPublishedAt ? new Date(r.minutesPublishedAt).toISOString() : null,
      mayView: can(actor, 'assembly.view', subject),
      mayReadMinutes: can(actor, 'assembly.read_minutes', subject),
      decisions: null as ArchiveDecisions | null,
    };
  });
  const readable = entries.filter((e) => e.mayReadMinutes).map((e) => e.id);
  if (readable.length === 0) return entries;
  const decided = await queryRows<{ assemblyId: string; what: 'motion' | 'elected'; number: number | null; title: string; electionId: string | null; name: string | null; seatKind: SeatKind | null }>(
    db,
    sql`select m.assembly_id as "assemblyId", 'motion' as what, m.number, m.title, null::uuid as "electionId", null as name, null as "seatKind", 0 as kind_order, m.number::text as sort
          from motions m where m.assembly_id in ${readable} and m.state = 'adopted'
        union all
        select e.assembly_id, 'elected', null, e.title, e.id, pe.first_name || ' ' || pe.last_name,
          case when c.outcome = 'elected' then 'member' else 'substitute' end, 1, e.created_at::text
          from elections e join candidates c on c.election_id = e.id join persons pe on pe.id = c.person_id
          where e.assembly_id in ${readable} and e.status = 'decided' and c.outcome in ('elected', 'substitute')
        order by 1, 8, 9`,
  );
  const byAssembly = new Map<string, ArchiveDecisions>(readable.map((id) => [id, { adopted: [], elected: [] }]));
  const elections = new Map<string, number>();
  const collator = new Intl.Collator(locale);
  for (const d of decided) {
    const into = byAssembly.get(d.assemblyId)!;
    if (d.what === 'motion') into.adopted.push({ number: d.number!, title: d.title });
    else {
      if (!elections.has(d.electionId!)) elections.set(d.electionId!, elections.size);
      into.elected.push({ election: d.title, electionId: d.electionId!, name: d.name!, seatKind: d.seatKind! });
    }
  }
  // By election as held, members before substitutes, then by name in the reader's alphabet (æ ø å last).
  const seat = (k: SeatKind) => (k === 'member' ? 0 : 1);
  for (const d of byAssembly.values()) d.elected.sort((a, b) => elections.get(a.electionId)! - elections.get(b.electionId)! || seat(a.seatKind) - seat(b.seatKind) || collator.compare(a.name, b.name));
  return entries.map((e) => ({ ...e, decisions: byAssembly.get(e.id) ?? null }));
}
