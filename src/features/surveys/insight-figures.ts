import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { defaultLocale } from '../../platform/i18n/i18n.js';
import { organisationTimeZone } from '../../platform/i18n/format.js';
import { unitsCondition, type FigureRange } from '../../kernel/insights.js';
import { inLocale } from './questions.js';
import type { SurveyText } from './tables.js';

/** How many a wave asked and how many answered. */
export interface WaveResponseRate {
  surveyId: string;
  /** The survey's title in the default language (else any it has). */
  surveyTitle: string;
  waveId: string;
  waveTitle: string;
  /** Instants, ISO 8601. */
  opensAt: string;
  closesAt: string;
  /** The opening day in the organisation's time zone (`YYYY-MM-DD`), the day the range is matched on. */
  opensOn: string;
  invited: number;
  responded: number;
  /** responded / invited; null when the wave invited no one. */
  rate: number | null;
}

/**
 * The response rate of each wave that has opened (not only scheduled), opening within the range (its
 * `opens_at`, as a day in the organisation's time zone), of the surveys of the units. Both counts are
 * of the wave's frozen invitee rows, the answered ones for `responded`: responses are never joined
 * to people (they may be anonymous), and counting rows keeps the rate within 0..1 even after an
 * invitee's erasure removed their row (the wave's `invitees` column is the count at opening).
 */
export async function waveResponseRates(db: Db, range: FigureRange): Promise<WaveResponseRate[]> {
  const tz = organisationTimeZone;
  const rows = await queryRows<{
    surveyId: string;
    title: SurveyText;
    waveId: string;
    waveTitle: string;
    opensAt: Date | string;
    closesAt: Date | string;
    opensOn: string;
    invited: number;
    responded: number;
  }>(
    db,
    sql`select s.id as "surveyId", s.title, w.id as "waveId", w.name as "waveTitle", w.opens_at as "opensAt", w.closes_at as "closesAt",
          to_char(w.opens_at at time zone ${tz}, 'YYYY-MM-DD') as "opensOn",
          coalesce(i.invited, 0)::int as invited, coalesce(i.responded, 0)::int as responded
        from survey_waves w
        join surveys s on s.id = w.survey_id
        left join lateral (
          select count(*) as invited, count(*) filter (where answered) as responded from survey_invitees where wave_id = w.id
        ) i on true
        where w.status <> 'scheduled' and ${unitsCondition(sql`s.unit_id`, range.units)}
          and (w.opens_at at time zone ${tz})::date between ${range.from}::date and ${range.to}::date
        order by w.opens_at, w.id`,
  );
  return rows.map((r) => ({
    surveyId: r.surveyId,
    surveyTitle: inLocale(typeof r.title === 'string' ? (JSON.parse(r.title) as SurveyText) : r.title, defaultLocale),
    waveId: r.waveId,
    waveTitle: r.waveTitle,
    opensAt: new Date(r.opensAt).toISOString(),
    closesAt: new Date(r.closesAt).toISOString(),
    opensOn: r.opensOn,
    invited: r.invited,
    responded: r.responded,
    rate: r.invited === 0 ? null : r.responded / r.invited,
  }));
}
