import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Translate } from '../../platform/i18n/i18n.js';
import type { LabelTable } from '../../platform/i18n/labels.js';
import { findActiveMember } from '../members/index.js';
import type { EventRow } from './access.js';
import { registrationStatusLabel } from './labels.js';
import type { RegistrationStatus } from './tables.js';
import { localParts } from '../../platform/i18n/zoned-time.js';
import { neutraliseCell } from '../../platform/csv/cells.js';

/**
 * Reads the staff pages need beyond the API's: a member found by number or e-mail, the participant
 * list as CSV and one row of the door list.
 */

export interface FoundMember {
  personId: string;
  name: string;
  memberNumber: string;
}

/**
 * The active member with this member number or e-mail address, among the members the actor may see
 * in the register (staff: their units; admins: all): the register answers, see `findActiveMember`.
 */
export async function findMemberForStaff(db: Db, actor: Actor, query: string): Promise<FoundMember | null> {
  return findActiveMember(db, actor, query);
}

/** The participant list's column headings (`event_staff.csv.…`). */
const csvHeader = {
  status: 'event_staff.csv.status',
  position: 'event_staff.csv.position',
  name: 'event_staff.csv.name',
  email: 'event_staff.csv.email',
  guests: 'event_staff.csv.guests',
  registered: 'event_staff.csv.registered',
  confirmed: 'event_staff.csv.confirmed',
  checked_in: 'event_staff.csv.checked_in',
} as const satisfies LabelTable<'status' | 'position' | 'name' | 'email' | 'guests' | 'registered' | 'confirmed' | 'checked_in'>;

interface CsvRow {
  status: RegistrationStatus;
  position: number | null;
  name: string | null;
  email: string | null;
  guests: number;
  createdAt: Date | string;
  confirmedAt: Date | string | null;
  checkedInAt: Date | string | null;
}

/**
 * The participant list as CSV for Danish Excel (UTF-8 with a byte-order mark, `;`), in the list's
 * order: confirmed, waiting list by position, pending. Times as the event's own clock shows them.
 * Cells a spreadsheet would run as a formula are made text. The export is audited as such.
 */
export async function exportParticipants(db: Db, actor: Actor, event: EventRow, t: Translate): Promise<Readable> {
  await audit(db, actor, { action: 'export', entityType: 'event_registrations', entityId: event.id });
  const rows = await queryRows<CsvRow>(
    db,
    sql`select r.status, case when r.status = 'waitlisted' then row_number() over (partition by r.status order by r.seq) end as position,
          coalesce(p.first_name || ' ' || p.last_name, r.name) as name, coalesce(p.email, r.email) as email, r.guests,
          r.created_at as "createdAt", r.confirmed_at as "confirmedAt", r.checked_in_at as "checkedInAt"
        from event_registrations r left join persons p on p.id = r.person_id
        where r.event_id = ${event.id} and r.status <> 'cancelled'
        order by case r.status when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end, r.seq`,
  );
  const when = (v: Date | string | null) => {
    if (v === null) return '';
    const p = localParts(v, event.timeZone);
    return `${p.date} ${p.time}`;
  };
  const columns = ['status', 'position', 'name', 'email', 'guests', 'registered', 'confirmed', 'checked_in'] as const;
  const csv = stringify({ delimiter: ';', bom: true, header: true, columns: columns.map((c) => ({ key: c, header: t(csvHeader[c]) })), record_delimiter: 'windows' });
  const records = Readable.from(
    rows.map((r) => ({
      status: t(registrationStatusLabel[r.status]),
      position: r.position === null ? '' : String(r.position),
      name: neutraliseCell(r.name ?? ''),
      email: neutraliseCell(r.email ?? ''),
      guests: String(r.guests),
      registered: when(r.createdAt),
      confirmed: when(r.confirmedAt),
      checked_in: when(r.checkedInAt),
    })),
  );
  records.on('error', (err) => csv.destroy(err));
  return records.pipe(csv);
}

/**
 * One row of the door list, as it is after a tap at the door: the reply to the check-in itself,
 * which is audited as a change, so reading it back is not audited again.
 */
export async function doorRow(db: Db, eventId: string, registrationId: string): Promise<{ id: string; name: string; guests: number; checkedInAt: string | null } | null> {
  const [row] = await queryRows<{ id: string; name: string | null; guests: number; checkedInAt: Date | string | null }>(
    db,
    sql`select r.id, coalesce(p.first_name || ' ' || p.last_name, r.name) as name, r.guests, r.checked_in_at as "checkedInAt"
        from event_registrations r left join persons p on p.id = r.person_id
        where r.event_id = ${eventId} and r.id = ${registrationId} and r.status = 'confirmed'`,
  );
  if (!row) return null;
  return { id: row.id, name: row.name ?? '', guests: Number(row.guests), checkedInAt: row.checkedInAt === null ? null : new Date(row.checkedInAt).toISOString() };
}
