import { type Locale, type Translate } from '../../i18n/i18n.js';
import { formatNumber } from '../../i18n/format.js';
import { type ChartDatum, W, LABEL, LABEL_LH, SMALL, SMALL_LH, ROW_GAP, BAR_H, n, baseId, percent, list, sentence, textWidth, wrap, Lines, Figure } from './common.js';

/**
 * Horizontal bars: one per datum, each with its label, its count and its share of `total` (default:
 * sum of shown values). A bar's length is its share of the total, so a quarter of the drawing is 25 %.
 * A total that counts suppressed values lets a reader subtract them out: pass one only when it is
 * safe to show (the number of respondents to a question with several answers, say).
 */
export function BarChart(props: {
  id: string;
  title: string;
  data: readonly ChartDatum[];
  total?: number;
  t: Translate;
  locale: Locale;
  suppressedNote?: string;
  /** The table's first column heading (default "Kategori"). */
  labelHeader?: string;
  /** The table's total row heading (default "I alt"). */
  totalLabel?: string;
  /** 'none' leaves the figures' table out, for a page that shows the same numbers in a table of its own beside the chart. */
  table?: 'details' | 'none';
}): JSX.Element {
  const { title, data, t, locale } = props;
  const id = baseId(props.id);
  const note = props.suppressedNote ?? t('charts.suppressed');
  const shownSum = data.reduce((s, d) => s + (d.value ?? 0), 0);
  const whole = props.total ?? shownSum;
  const share = (v: number): number => (whole > 0 ? Math.max(0, v) / whole : 0);
  const texts = data.map((d) => (d.value === null ? null : { share: percent(locale, share(d.value)), count: formatNumber(locale, d.value) }));
  const reserve = Math.max(0, ...texts.map((x) => (x ? textWidth(`${x.share} (${x.count})`, SMALL, true) : 0))) + 8;
  const track = W - reserve;

  let y = 2;
  const rows = data.map((d, i) => {
    const label = wrap(d.label, W, LABEL);
    const labelTop = y;
    y += label.length * LABEL_LH + 3;
    const barTop = y;
    const noteLines = d.value === null ? wrap(note, W, SMALL) : [];
    y += d.value === null ? noteLines.length * SMALL_LH : BAR_H;
    y += ROW_GAP;
    const width = d.value === null ? 0 : Math.min(1, share(d.value)) * track;
    return { d, i, label, labelTop, barTop, noteLines, width, text: texts[i] };
  });
  const height = Math.max(y - ROW_GAP + 2, 10);

  const shown = data.filter((d): d is { label: string; value: number } => d.value !== null);
  const top = shown.reduce<(typeof shown)[number] | undefined>((best, d) => (best === undefined || d.value > best.value ? d : best), undefined);
  const quote = (label: string): string => t('charts.quoted', { label });
  const suppressed = data.filter((d) => d.value === null).map((d) => quote(d.label));
  const summary = sentence([
    top && top.value > 0
      ? t('charts.bar.summary', { count: data.length, bars: formatNumber(locale, data.length), label: quote(top.label), value: formatNumber(locale, top.value), share: percent(locale, share(top.value)), total: formatNumber(locale, whole) })
      : t('charts.empty'),
    suppressed.length ? t('charts.summary_suppressed', { labels: list(locale, suppressed), note }) : '',
  ]);

  const svg = (
    <>
      {rows.map((r) => (
        <g class="chart-row">
          <Lines lines={r.label} x={0} top={r.labelTop} size={LABEL} lh={LABEL_LH} cls="chart-label" />
          {r.text === null ? (
            <Lines lines={r.noteLines} x={0} top={r.barTop} size={SMALL} lh={SMALL_LH} cls="chart-note" />
          ) : (
            <>
              <rect class="chart-track" x="0" y={n(r.barTop)} width={n(track)} height={String(BAR_H)} />
              {r.width > 0 ? <rect class="chart-bar" x="0" y={n(r.barTop)} width={n(r.width)} height={String(BAR_H)} /> : ''}
              <text class="chart-value" x={n(r.width + 6)} y={n(r.barTop + BAR_H / 2 + SMALL * 0.35)} font-size={n(SMALL)}>
                <tspan class="chart-value-share" safe>
                  {r.text.share}
                </tspan>
                <tspan class="chart-value-count" safe>
                  {` (${r.text.count})`}
                </tspan>
              </text>
            </>
          )}
        </g>
      ))}
    </>
  );

  // The total's share is 100 % only when the total is the sum of the bars; with every value
  // suppressed there is no sum to show (0 would read as "nobody answered").
  const noneShown = props.total === undefined && data.every((d) => d.value === null);
  const footTotal = noneShown ? '' : formatNumber(locale, whole);
  const footShare = props.total === undefined && whole > 0 ? percent(locale, 1) : '';
  const table = (
    <table class="table chart-table">
      <caption class="visually-hidden" safe>
        {title}
      </caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {props.labelHeader ?? t('charts.col_label')}
          </th>
          <th scope="col" class="numeric" safe>
            {t('charts.col_count')}
          </th>
          <th scope="col" class="numeric" safe>
            {t('charts.col_share')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row" safe>
              {r.d.label}
            </th>
            {r.text === null ? (
              <td class="chart-suppressed" colspan="2" safe>
                {note}
              </td>
            ) : (
              <>
                <td class="numeric nowrap" safe>
                  {r.text.count}
                </td>
                <td class="numeric nowrap" safe>
                  {r.text.share}
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" safe>
            {props.totalLabel ?? t('charts.total')}
          </th>
          <td class="numeric nowrap" safe>
            {footTotal}
          </td>
          <td class="numeric nowrap" safe>
            {footShare}
          </td>
        </tr>
      </tfoot>
    </table>
  );
  return <Figure id={id} kind="bar" title={title} summary={summary} height={height} svg={svg} table={props.table === 'none' ? null : table} t={t} />;
}
