import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { organisationTimeZone } from '../../platform/i18n/format.js';
import { can } from './policy.js';
import { forbidden, type Refusal } from '../../platform/outcomes.js';
import { unitAndBelowSql } from '../../kernel/units.js';

export interface MeetingStats {
  unitId: string;
  /** `YYYY-MM` */
  month: string;
  /** Requests made in the month. */
  requests: number;
  /** Meetings scheduled (or since held) to take place in the month. */
  scheduled: number;
  /** Meetings held in the month (by their date). */
  held: number;
  /** Requests declined in the month. */
  declined: number;
  /** Held meetings per month for the twelve months ending with `month`, oldest first. */
  heldPerMonth: { month: string; held: number }[];
}

/**
 * The office's monthly count for a unit and everything below it, in the organisation's time zone:
 * requests, scheduled, held and declined in the month, and held meetings for the last twelve months.
 */
export async function meetingStats(db: Db, actor: Actor, input: { unit: string; month?: string }): Promise<{ ok: true; stats: MeetingStats } | Refusal> {
  if (!can(actor, 'workplace_meeting.stats', { unitId: input.unit, workplaceId: null, requesterPersonId: null })) return forbidden;
  const tz = organisationTimeZone;
  const [cur] = await queryRows<{ month: string }>(db, sql`select to_char(now() at time zone ${tz}, 'YYYY-MM') as month`);
  const month = input.month ?? cur.month;
  const inMonth = (col: string) => sql`to_char(${sql.raw(col)} at time zone ${tz}, 'YYYY-MM') = ${month}`;
  const [counts] = await queryRows<{ requests: number; scheduled: number; held: number; declined: number }>(
    db,
    sql`select count(*) filter (where ${inMonth('m.created_at')})::int as requests,
          count(*) filter (where m.status in ('scheduled', 'held') and ${inMonth('m.starts_at')})::int as scheduled,
          count(*) filter (where m.status = 'held' and ${inMonth('m.starts_at')})::int as held,
          count(*) filter (where m.status = 'declined' and ${inMonth('m.declined_at')})::int as declined
        from workplace_meetings m where m.unit_id in ${unitAndBelowSql(input.unit)}`,
  );
  const perMonth = await queryRows<{ month: string; held: number }>(
    db,
    sql`with months as (
          select to_char(d, 'YYYY-MM') as month from generate_series(to_date(${month}, 'YYYY-MM') - interval '11 months', to_date(${month}, 'YYYY-MM'), interval '1 month') d
        )
        select months.month, count(m.id)::int as held from months
          left join workplace_meetings m on m.status = 'held' and m.unit_id in ${unitAndBelowSql(input.unit)}
            and to_char(m.starts_at at time zone ${tz}, 'YYYY-MM') = months.month
        group by months.month order by months.month`,
  );
  return { ok: true, stats: { unitId: input.unit, month, ...counts, heldPerMonth: perMonth } };
}
