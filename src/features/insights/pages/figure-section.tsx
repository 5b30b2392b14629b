import { BarChart, LineChart, StackedBarChart } from '../../../platform/html/charts.js';
import type { View } from '../../../platform/html/view.js';
import { formatMoney, formatMonth, formatNumber } from '../../../platform/i18n/format.js';
import type { LabelTable } from '../../../platform/i18n/labels.js';
import { HORIZONS, type Cell, type FigureTable } from '../figures.js';
import { cellText, majorUnits } from '../format.js';
import type { FigureName } from '../schema.js';

/** Each figure's heading and the sentence that says what it counts. */
export const figureTitle = {
  members: 'insights.members.title',
  flows: 'insights.flows.title',
  'leave-reasons': 'insights.leave_reasons.title',
  retention: 'insights.retention.title',
  coverage: 'insights.coverage.title',
  events: 'insights.events.title',
  'workplace-meetings': 'insights.meetings.title',
  grants: 'insights.grants.title',
  surveys: 'insights.surveys.title',
  mailings: 'insights.mailings.title',
} as const satisfies LabelTable<FigureName>;

export const figureLead = {
  members: 'insights.members.lead',
  flows: 'insights.flows.lead',
  'leave-reasons': 'insights.leave_reasons.lead',
  retention: 'insights.retention.lead',
  coverage: 'insights.coverage.lead',
  events: 'insights.events.lead',
  'workplace-meetings': 'insights.meetings.lead',
  grants: 'insights.grants.lead',
  surveys: 'insights.surveys.lead',
  mailings: 'insights.mailings.lead',
} as const satisfies LabelTable<FigureName>;

const num = (v: Cell): number => (typeof v === 'number' ? v : 0);
const numOrNull = (v: Cell): number | null => (typeof v === 'number' ? v : null);

/** The chart that fits the figure, drawn from the same rows as the table beside it. */
function FigureChart({ view, table, id }: { view: View; table: FigureTable; id: string }): JSX.Element {
  const { t, locale } = view;
  const title = t(figureTitle[table.figure]);
  const rows = table.rows;
  const common = { id: `${id}-chart`, title, t, locale, table: 'none' as const };
  const line = (x: string, keys: string[], percent = false) => (
    <LineChart
      {...common}
      xLabels={rows.map((r) => (/^\d{4}-\d{2}$/.test(String(r[x])) ? formatMonth(locale, String(r[x]), true) : String(r[x])))}
      series={keys.map((k) => ({ label: table.columns.find((c) => c.key === k)?.label ?? k, values: rows.map((r) => numOrNull(r[k])) }))}
      percent={percent}
    />
  );
  switch (table.figure) {
    case 'members':
      return line('month', table.columns.filter((c) => c.kind === 'count' && c.key !== 'applicant').map((c) => c.key));
    case 'flows':
      return line('month', ['joins', 'leaves']);
    case 'leave-reasons':
      return <BarChart {...common} data={rows.map((r) => ({ label: `${r.reason} (${r.status})`, value: num(r.count) }))} />;
    case 'retention':
      return line('cohort', HORIZONS.map((h) => `after${h}`), true);
    case 'coverage': {
      const uncovered = rows.filter((r) => num(r.members) > 0 && num(r.stewards) === 0).slice(0, 10);
      return <BarChart {...common} title={t('insights.coverage.chart')} data={uncovered.map((r) => ({ label: String(r.workplace), value: num(r.members) }))} />;
    }
    case 'events':
      return (
        <StackedBarChart
          {...common}
          categories={[t('insights.events.seats_taken'), t('insights.events.seats_free')]}
          rows={rows.filter((r) => num(r.capacity) > 0).map((r) => ({ label: String(r.kind), values: [num(r.confirmedSeats), Math.max(0, num(r.capacity) - num(r.confirmedSeats))] }))}
        />
      );
    case 'workplace-meetings':
      return line('month', ['held', 'membersRecruited']);
    case 'grants':
      return (
        <StackedBarChart
          {...common}
          categories={[t('insights.grants.paid_out'), t('insights.grants.granted_unpaid'), t('insights.grants.left')]}
          totalText={(sum) => formatMoney(locale, sum, table.currency ?? 'DKK')}
          rows={rows.map((r) => ({
            label: String(r.pool),
            values: [majorUnits(num(r.paidOut)), majorUnits(Math.max(0, num(r.granted) - num(r.paidOut))), majorUnits(Math.max(0, num(r.budget) - num(r.granted)))],
          }))}
        />
      );
    case 'surveys':
      return (
        <LineChart
          {...common}
          xLabels={rows.map((r) => `${r.survey}: ${r.wave}`)}
          series={[{ label: t('insights.surveys.rate'), values: rows.map((r) => numOrNull(r.rate)) }]}
          percent
        />
      );
    case 'mailings':
      return line('month', ['delivered', 'failed', 'unsubscribed']);
  }
}

/** A share's shade for the retention table: ten steps, the darkest for all still members. */
const heat = (v: Cell): string => (typeof v === 'number' ? `heat heat-${Math.min(10, Math.max(0, Math.round(v * 10)))}` : '');

/** The figure's numbers as a real table, for screen readers, for copying into a spreadsheet and for print. */
export function FigureTableView({ view, table, id }: { view: View; table: FigureTable; id: string }): JSX.Element {
  const { t, locale } = view;
  return (
    <div class="table-wrap insight-table-wrap" role="region" aria-label={t('insights.table_caption', { title: t(figureTitle[table.figure]) })} tabindex="0">
      <table class="insight-table" id={`${id}-table`}>
        <caption class="visually-hidden" safe>
          {t('insights.table_caption', { title: t(figureTitle[table.figure]) })}
        </caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th scope="col" class={c.kind === 'text' || c.kind === 'month' ? undefined : 'num'} safe>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr>
              {table.columns.map((c, i) =>
                i === 0 ? (
                  <th scope="row" safe>
                    {cellText(locale, c, r[c.key] ?? null, table.currency)}
                  </th>
                ) : (
                  <td class={[c.kind === 'text' ? '' : 'num', table.figure === 'retention' && c.kind === 'share' ? heat(r[c.key] ?? null) : ''].filter(Boolean).join(' ') || undefined} safe>
                    {cellText(locale, c, r[c.key] ?? null, table.currency)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The coverage's totals as a short list above its table. */
function Totals({ view, totals }: { view: View; totals: Record<string, number> }): JSX.Element {
  const { t, locale } = view;
  const keys = ['workplaces', 'withMembers', 'withoutSteward', 'withoutSafetyRep', 'employees', 'members'] as const;
  const label = {
    workplaces: 'insights.coverage.total_workplaces',
    withMembers: 'insights.coverage.total_with_members',
    withoutSteward: 'insights.coverage.total_without_steward',
    withoutSafetyRep: 'insights.coverage.total_without_safety_rep',
    employees: 'insights.coverage.total_employees',
    members: 'insights.coverage.total_members',
  } as const satisfies LabelTable<(typeof keys)[number]>;
  return (
    <dl class="insight-totals">
      {keys
        .filter((k) => typeof totals[k] === 'number')
        .map((k) => (
          <div>
            <dt safe>{t(label[k])}</dt>
            <dd safe>{formatNumber(locale, totals[k])}</dd>
          </div>
        ))}
    </dl>
  );
}

/**
 * One figure on the dashboard or in the board pack: its heading, what it counts, the chart and the
 * table side by side (stacked on a phone), and the CSV of the same rows.
 */
export function FigureSection({ view, table, csvHref, print = false }: { view: View; table: FigureTable; csvHref?: string; print?: boolean }): JSX.Element {
  const { t } = view;
  const id = `figure-${table.figure}`;
  const empty = table.rows.length === 0;
  return (
    <section class={print ? 'insight insight-print' : 'card insight'} aria-labelledby={`${id}-heading`} id={table.figure}>
      <h2 id={`${id}-heading`} safe>
        {t(figureTitle[table.figure])}
      </h2>
      <p class="muted" safe>
        {t(figureLead[table.figure])}
      </p>
      {table.totals ? <Totals view={view} totals={table.totals} /> : ''}
      {empty ? (
        <p class="insight-empty" safe>
          {t('insights.empty')}
        </p>
      ) : (
        <div class="insight-body">
          <div class="insight-chart">
            <FigureChart view={view} table={table} id={id} />
          </div>
          <FigureTableView view={view} table={table} id={id} />
        </div>
      )}
      {csvHref ? (
        <p class="insight-links">
          <a href={csvHref} download="" safe>
            {t('insights.csv', { title: t(figureTitle[table.figure]) })}
          </a>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}
