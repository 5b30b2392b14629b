import type { Db } from '../../platform/db/database.js';
import type { Locale, Translate } from '../../platform/i18n/i18n.js';
import { localeTextFor } from '../../platform/i18n/locale-texts.js';
import { monthsOf } from '../../kernel/insights.js';
import { listUnitsCached } from '../../kernel/units.js';
import { eventDemand, eventKindLabel } from '../events/index.js';
import { poolUse } from '../grants/index.js';
import { mailingDelivery } from '../mailings/index.js';
import { leaveReasons, listMembershipTypesCached, membersOverTime, membershipFlows, membershipStatusLabel, retentionCohorts } from '../members/index.js';
import { waveResponseRates } from '../surveys/index.js';
import { meetingsHeld } from '../workplace-meetings/index.js';
import { coverageFigures } from '../workplaces/index.js';
import type { ResolvedRange } from './range.js';
import type { FigureName } from './schema.js';

/*
 * Each figure as one table: its columns (the first names the row) and its rows, the same for the
 * chart, the data table beside it, the CSV and the API. The numbers come from the features that own
 * the rows, computed in SQL for the range; this file only names and arranges them.
 */

/** How a column's values read: a month or a year label, a count, a share 0..1, an amount of money, text. */
export type ColumnKind = 'text' | 'month' | 'count' | 'share' | 'money' | 'date';

export interface FigureColumn {
  key: string;
  label: string;
  kind: ColumnKind;
}

export type Cell = string | number | null;

export interface FigureTable {
  figure: FigureName;
  columns: FigureColumn[];
  rows: Record<string, Cell>[];
  /** Figures a whole range has besides its rows (the coverage's totals), by key. */
  totals?: Record<string, number>;
  /** The money columns' currency, when there are any. */
  currency?: string;
}

export interface FigureContext {
  db: Db;
  range: ResolvedRange;
  t: Translate;
  locale: Locale;
  defaultLocale: Locale;
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const col = (key: string, label: string, kind: ColumnKind): FigureColumn => ({ key, label, kind });

async function members(ctx: FigureContext): Promise<FigureTable> {
  const { db, range, t, locale } = ctx;
  const [rows, types] = await Promise.all([membersOverTime(db, range), listMembershipTypesCached(db)]);
  const typeIds = [...new Set(rows.filter((r) => r.status === 'active').map((r) => r.typeId ?? ''))];
  const typeName = (id: string) => {
    const ty = types.find((x) => x.id === id);
    return ty ? localeTextFor(ty.nameTranslations, locale, { text: ty.name, locale: ctx.defaultLocale }) : t('insights.members.type_unknown');
  };
  typeIds.sort((a, b) => typeName(a).localeCompare(typeName(b), locale));
  const columns = [
    col('month', t('insights.col.month'), 'month'),
    ...typeIds.map((id, i) => col(`type${i}`, typeName(id), 'count')),
    col('active', t('insights.members.active'), 'count'),
    col('applicant', t(membershipStatusLabel.applicant), 'count'),
  ];
  const out = monthsOf(range).map((month) => {
    const inMonth = rows.filter((r) => r.month === month);
    const row: Record<string, Cell> = { month };
    typeIds.forEach((id, i) => (row[`type${i}`] = inMonth.filter((r) => r.status === 'active' && (r.typeId ?? '') === id).reduce((s, r) => s + r.count, 0)));
    row.active = inMonth.filter((r) => r.status === 'active').reduce((s, r) => s + r.count, 0);
    row.applicant = inMonth.filter((r) => r.status === 'applicant').reduce((s, r) => s + r.count, 0);
    return row;
  });
  return { figure: 'members', columns, rows: out };
}

async function flows(ctx: FigureContext): Promise<FigureTable> {
  const { t } = ctx;
  const rows = await membershipFlows(ctx.db, ctx.range);
  return {
    figure: 'flows',
    columns: [
      col('month', t('insights.col.month'), 'month'),
      col('joins', t('insights.flows.joins'), 'count'),
      col('rejoins', t('insights.flows.rejoins'), 'count'),
      col('leaves', t('insights.flows.leaves'), 'count'),
      col('movedIn', t('insights.flows.moved_in'), 'count'),
      col('movedOut', t('insights.flows.moved_out'), 'count'),
      col('net', t('insights.flows.net'), 'count'),
    ],
    rows: rows.map((r) => ({ ...r, net: r.joins - r.leaves + r.movedIn - r.movedOut })),
  };
}

async function leaveReasonTable(ctx: FigureContext): Promise<FigureTable> {
  const { t } = ctx;
  const rows = await leaveReasons(ctx.db, ctx.range);
  return {
    figure: 'leave-reasons',
    columns: [col('status', t('insights.leave_reasons.status'), 'text'), col('reason', t('insights.leave_reasons.reason'), 'text'), col('count', t('insights.col.count'), 'count')],
    rows: rows.map((r) => ({ status: t(membershipStatusLabel[r.status]), reason: r.reason ?? t('insights.leave_reasons.none'), count: r.count })),
  };
}

export const HORIZONS = [6, 12, 24] as const;

async function retention(ctx: FigureContext): Promise<FigureTable> {
  const { t } = ctx;
  const rows = await retentionCohorts(ctx.db, ctx.range, ctx.range.grain);
  return {
    figure: 'retention',
    columns: [
      col('cohort', t(ctx.range.grain === 'year' ? 'insights.retention.cohort_year' : 'insights.retention.cohort_month'), ctx.range.grain === 'year' ? 'text' : 'month'),
      col('joined', t('insights.retention.joined'), 'count'),
      ...HORIZONS.map((h) => col(`after${h}`, t('insights.retention.after', { months: h }), 'share')),
    ],
    rows: rows.map((r) => {
      const row: Record<string, Cell> = { cohort: r.cohort, joined: r.joined };
      for (const h of HORIZONS) {
        const still = r.after.find((a) => a.months === h)?.stillMembers ?? null;
        row[`after${h}`] = still === null ? null : share(still, r.joined);
      }
      return row;
    }),
  };
}

async function coverage(ctx: FigureContext): Promise<FigureTable> {
  const { t, db, range } = ctx;
  const [{ workplaces: rows, summary }, units] = await Promise.all([coverageFigures(db, range), listUnitsCached(db)]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return {
    figure: 'coverage',
    columns: [
      col('workplace', t('insights.coverage.workplace'), 'text'),
      col('unit', t('insights.col.unit'), 'text'),
      col('employees', t('insights.coverage.employees'), 'count'),
      col('members', t('insights.coverage.members'), 'count'),
      col('rate', t('insights.coverage.rate'), 'share'),
      col('stewards', t('insights.coverage.stewards'), 'count'),
      col('safetyReps', t('insights.coverage.safety_reps'), 'count'),
    ],
    rows: rows.map((r) => ({ workplace: r.name, unit: unitName.get(r.unitId) ?? '', employees: r.employees, members: r.members, rate: r.rate, stewards: r.stewards, safetyReps: r.safetyReps })),
    totals: { ...summary },
  };
}

async function events(ctx: FigureContext): Promise<FigureTable> {
  const { t } = ctx;
  const rows = await eventDemand(ctx.db, ctx.range);
  return {
    figure: 'events',
    columns: [
      col('kind', t('insights.events.kind'), 'text'),
      col('events', t('insights.events.events'), 'count'),
      col('capacity', t('insights.events.capacity'), 'count'),
      col('confirmedSeats', t('insights.events.confirmed'), 'count'),
      col('fillRate', t('insights.events.fill_rate'), 'share'),
      col('waitingAtStart', t('insights.events.waiting'), 'count'),
      col('checkedIn', t('insights.events.checked_in'), 'count'),
      col('noShows', t('insights.events.no_shows'), 'count'),
      col('noShowRate', t('insights.events.no_show_rate'), 'share'),
    ],
    rows: rows.map((r) => ({ ...r, kind: t(eventKindLabel[r.kind]) })),
  };
}

async function workplaceMeetings(ctx: FigureContext): Promise<FigureTable> {
  const { t } = ctx;
  const rows = await meetingsHeld(ctx.db, ctx.range);
  return {
    figure: 'workplace-meetings',
    columns: [
      col('month', t('insights.col.month'), 'month'),
      col('held', t('insights.meetings.held'), 'count'),
      col('participants', t('insights.meetings.participants'), 'count'),
      col('membersRecruited', t('insights.meetings.recruited'), 'count'),
    ],
    rows: rows.map((r) => ({ ...r })),
  };
}

async function grants(ctx: FigureContext): Promise<FigureTable> {
  const { t } = ctx;
  const rows = await poolUse(ctx.db, ctx.range);
  return {
    figure: 'grants',
    columns: [
      col('pool', t('insights.grants.pool'), 'text'),
      col('periodStart', t('insights.grants.period_start'), 'date'),
      col('periodEnd', t('insights.grants.period_end'), 'date'),
      col('budget', t('insights.grants.budget'), 'money'),
      col('granted', t('insights.grants.granted'), 'money'),
      col('paidOut', t('insights.grants.paid_out'), 'money'),
      col('used', t('insights.grants.used'), 'share'),
      col('applications', t('insights.grants.applications'), 'count'),
      col('grantedCount', t('insights.grants.granted_count'), 'count'),
    ],
    rows: rows.map((r) => ({ pool: r.name, periodStart: r.periodStart, periodEnd: r.periodEnd, budget: r.budget, granted: r.granted, paidOut: r.paidOut, used: share(r.granted, r.budget), applications: r.applications, grantedCount: r.grantedCount })),
    currency: rows[0]?.currency,
  };
}

async function surveys(ctx: FigureContext): Promise<FigureTable> {
  const { t } = ctx;
  const rows = await waveResponseRates(ctx.db, ctx.range);
  return {
    figure: 'surveys',
    columns: [
      col('survey', t('insights.surveys.survey'), 'text'),
      col('wave', t('insights.surveys.wave'), 'text'),
      col('opensAt', t('insights.surveys.opens'), 'date'),
      col('invited', t('insights.surveys.invited'), 'count'),
      col('responded', t('insights.surveys.responded'), 'count'),
      col('rate', t('insights.surveys.rate'), 'share'),
    ],
    rows: rows.map((r) => ({ survey: r.surveyTitle, wave: r.waveTitle, opensAt: r.opensOn, invited: r.invited, responded: r.responded, rate: r.rate })),
  };
}

async function mailings(ctx: FigureContext): Promise<FigureTable> {
  const { t } = ctx;
  const rows = await mailingDelivery(ctx.db, ctx.range);
  return {
    figure: 'mailings',
    columns: [
      col('month', t('insights.col.month'), 'month'),
      col('mailings', t('insights.mailings.mailings'), 'count'),
      col('delivered', t('insights.mailings.delivered'), 'count'),
      col('failed', t('insights.mailings.failed'), 'count'),
      col('unsubscribed', t('insights.mailings.unsubscribed'), 'count'),
    ],
    rows: rows.map((r) => ({ month: r.month, mailings: r.mailings, delivered: r.delivered, failed: r.failed, unsubscribed: r.unsubscribed })),
  };
}

const builders: Record<FigureName, (ctx: FigureContext) => Promise<FigureTable>> = {
  members,
  flows,
  'leave-reasons': leaveReasonTable,
  retention,
  coverage,
  events,
  'workplace-meetings': workplaceMeetings,
  grants,
  surveys,
  mailings,
};

/** One figure for a range the reader may see (see `resolveRange`). */
export function computeFigure(name: FigureName, ctx: FigureContext): Promise<FigureTable> {
  return builders[name](ctx);
}
