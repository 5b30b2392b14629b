import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { organisationTimeZone } from '../../platform/i18n/format.js';
import { monthsOf, unitsCondition, type FigureRange } from '../../kernel/insights.js';

export interface MeetingsHeldMonth {
  /** `YYYY-MM` */
  month: string;
  held: number;
  /** As the reports say; a report without the number counts 0. */
  participants: number;
  membersRecruited: number;
}

/**
 * Workplace meetings held per month of the range, zeros included: status `held`, counted in the
 * month of the meeting's date (`starts_at`) in the organisation's time zone, as the office's own
 * monthly count (`meetingStats`) does, for meetings of a unit in the set (the workplace's unit).
 */
export async function meetingsHeld(db: Db, range: FigureRange): Promise<MeetingsHeldMonth[]> {
  const tz = organisationTimeZone;
  const rows = await queryRows<MeetingsHeldMonth>(
    db,
    sql`select to_char(m.starts_at at time zone ${tz}, 'YYYY-MM') as month, count(*)::int as held,
          coalesce(sum(m.participants), 0)::int as participants,
          coalesce(sum(m.members_recruited), 0)::int as "membersRecruited"
        from workplace_meetings m
        where m.status = 'held' and ${unitsCondition(sql`m.unit_id`, range.units)}
          and m.starts_at >= (${range.from}::date)::timestamp at time zone ${tz}
          and m.starts_at < (${range.to}::date + 1)::timestamp at time zone ${tz}
        group by 1`,
  );
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return monthsOf(range).map((month) => byMonth.get(month) ?? { month, held: 0, participants: 0, membersRecruited: 0 });
}
