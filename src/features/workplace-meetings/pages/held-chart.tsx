import type { View } from '../../../platform/html/view.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import type { MeetingStats } from '../stats.js';
import { formatMonth } from './format.js';
import type { LabelTable } from '../../../platform/i18n/labels.js';

/** The chart's drawing box (SVG units): twelve slots of bars above a baseline, month names under it. */
const SLOT = 40;
const BAR = 26;
const TOP = 22;
const BASE = 152;
const WIDTH = 12 * SLOT;
const HEIGHT = 196;

type Figure = 'requests' | 'scheduled' | 'held' | 'declined';

/** The month's figures by name (`wm_page.figure.…`). */
const figureLabel = {
  requests: 'wm_page.figure.requests',
  scheduled: 'wm_page.figure.scheduled',
  held: 'wm_page.figure.held',
  declined: 'wm_page.figure.declined',
} as const satisfies LabelTable<Figure>;

/**
 * The office's numbers for one unit: the chosen month's requests, scheduled, held and declined, and
 * the held meetings per month for the last twelve months as bars in the organisation's colour. The
 * SVG carries attributes and classes only (the CSP forbids inline styles); it is named by the card's
 * heading and a one-line summary, and the same numbers stand in a table for screen readers and print.
 */
export function MeetingFigures({ view, stats, unitName }: { view: View; stats: MeetingStats; unitName: string }): JSX.Element {
  const { t, locale } = view;
  const month = formatMonth(locale, stats.month, 'long');
  const figures: { key: Figure; value: number }[] = [
    { key: 'requests', value: stats.requests },
    { key: 'scheduled', value: stats.scheduled },
    { key: 'held', value: stats.held },
    { key: 'declined', value: stats.declined },
  ];
  return (
    <section class="card wm-figures-card" aria-labelledby="month-figures-title">
      <h2 id="month-figures-title" safe>
        {t('wm_page.month_figures', { month, unit: unitName })}
      </h2>
      <dl class="wm-figures">
        {figures.map((f) => (
          <div>
            <dt safe>{t(figureLabel[f.key])}</dt>
            <dd safe>{formatNumber(locale, f.value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function HeldChart({ view, stats, unitName }: { view: View; stats: MeetingStats; unitName: string }): JSX.Element {
  const { t, locale } = view;
  const months = stats.heldPerMonth;
  const max = Math.max(1, ...months.map((m) => m.held));
  const total = months.reduce((s, m) => s + m.held, 0);
  const summary = t('wm_page.chart_summary', {
    count: total,
    from: formatMonth(locale, months[0]?.month ?? stats.month, 'long'),
    to: formatMonth(locale, months.at(-1)?.month ?? stats.month, 'long'),
  });
  return (
    <section class="card wm-chart" aria-labelledby="held-chart-title">
      <h2 id="held-chart-title" safe>
        {t('wm_page.held_chart')}
      </h2>
      <p class="muted" id="held-chart-summary" safe>
        {`${unitName} · ${summary}`}
      </p>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} class="wm-chart-svg" role="img" aria-labelledby="held-chart-title held-chart-summary" focusable="false">
        {months.map((m, i) => {
          const h = Math.round((m.held / max) * (BASE - TOP));
          const x = i * SLOT + (SLOT - BAR) / 2;
          const mid = String(i * SLOT + SLOT / 2);
          // The year stands under the first month and under every January, so the axis reads across New Year.
          const year = i === 0 || m.month.endsWith('-01') ? m.month.slice(0, 4) : '';
          return (
            <g>
              {h > 0 ? <rect class="wm-chart-bar" x={String(x)} y={String(BASE - h)} width={String(BAR)} height={String(h)} rx="2" /> : ''}
              <text class={m.held > 0 ? 'wm-chart-value' : 'wm-chart-value wm-chart-zero'} x={mid} y={String(BASE - h - 6)} text-anchor="middle" safe>
                {formatNumber(locale, m.held)}
              </text>
              <text class="wm-chart-month" x={mid} y={String(BASE + 20)} text-anchor="middle" safe>
                {formatMonth(locale, m.month, 'short')}
              </text>
              {year ? (
                <text class="wm-chart-year" x={mid} y={String(BASE + 38)} text-anchor="middle" safe>
                  {year}
                </text>
              ) : (
                ''
              )}
            </g>
          );
        })}
        <line class="wm-chart-axis" x1="0" x2={String(WIDTH)} y1={String(BASE)} y2={String(BASE)} />
      </svg>
      <details class="wm-chart-table">
        <summary safe>{t('wm_page.chart_as_table')}</summary>
        <table class="table">
          <caption class="visually-hidden" safe>
            {t('wm_page.held_chart')}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>{t('fields.month')}</th>
              <th scope="col" class="numeric" safe>{t('wm_page.figure.held')}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr>
                <th scope="row" safe>{formatMonth(locale, m.month, 'long')}</th>
                <td class="numeric" safe>{formatNumber(locale, m.held)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
