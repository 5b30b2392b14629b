import { type Locale, type Translate } from '../../i18n/i18n.js';
import { formatNumber } from '../../i18n/format.js';
import { W, SMALL, SMALL_LH, SERIES_STYLES, MARKERS, DASHES, n, baseId, percent, decimal, sentence, textWidth, wrap, Lines, Figure, legendLayout, numberFormat } from './common.js';

/** The decimals a step needs to be written exactly (0.25 → 2, 5 → 0). */
function decimals(step: number): number {
  const text = String(Number(step.toPrecision(6)));
  const exp = /e-(\d+)$/.exec(text);
  return Math.min(4, exp ? Number(exp[1]) : (text.split('.')[1]?.length ?? 0));
}

/** Round numbers for the y axis covering lo..hi, about four steps apart. */
function ticks(lo: number, hi: number): { lo: number; hi: number; step: number; values: number[] } {
  if (hi <= lo) hi = lo + 1;
  const rough = (hi - lo) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((f) => f * magnitude >= rough) ?? 10) * magnitude;
  const first = Math.floor(lo / step + 1e-9) * step;
  const last = Math.ceil(hi / step - 1e-9) * step;
  const values: number[] = [];
  for (let v = first; v <= last + step / 2; v += step) values.push(Math.round(v / step) * step);
  return { lo: first, hi: last, step, values: values.map((v) => Number(v.toPrecision(12))) };
}

/**
 * A line chart over points in time (e.g. survey waves): x = labels in order, one line per series,
 * y = values (shares 0..1 when `percent`, else plain numbers such as a mean); null = a gap (no point).
 * The y axis runs from `yMin` to `yMax` (default 0 to 100 % for shares, else 0 or below to the
 * largest value, rounded out), widened if a value falls outside.
 */
export function LineChart(props: {
  id: string;
  title: string;
  xLabels: readonly string[];
  series: readonly { label: string; values: readonly (number | null)[] }[];
  percent?: boolean;
  yMin?: number;
  yMax?: number;
  t: Translate;
  locale: Locale;
  /** The table's first column heading (default "Tidspunkt"). */
  xHeader?: string;
  /** The table's text where a series has no value (default "ingen værdi"). */
  gapNote?: string;
  /** 'none' leaves the figures' table out, for a page that shows the same numbers in a table of its own beside the chart. */
  table?: 'details' | 'none';
}): JSX.Element {
  const { title, xLabels, t, locale } = props;
  const id = baseId(props.id);
  const isPercent = props.percent === true;
  const count = xLabels.length;
  const series = props.series.map((s, i) => ({ ...s, values: xLabels.map((_, x) => (typeof s.values[x] === 'number' && Number.isFinite(s.values[x]) ? (s.values[x] as number) : null)), style: i % SERIES_STYLES }));
  const known = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const dataMin = known.length ? Math.min(...known) : 0;
  const dataMax = known.length ? Math.max(...known) : 1;
  const lo = Math.min(props.yMin ?? (isPercent || dataMin >= 0 ? 0 : dataMin), dataMin);
  const hi = Math.max(props.yMax ?? (isPercent ? 1 : dataMax), dataMax);
  const axis = props.yMin !== undefined && props.yMax !== undefined && lo === props.yMin && hi === props.yMax ? { ...ticks(lo, hi), lo, hi } : ticks(lo, hi);
  const tickValues = axis.values.filter((v) => v >= axis.lo - 1e-9 && v <= axis.hi + 1e-9);
  const digits = decimals(isPercent ? axis.step * 100 : axis.step);
  const value = (v: number): string => (isPercent ? percent(locale, v) : decimal(locale, v));
  const tickText = (v: number): string => (isPercent ? numberFormat(locale, `p${digits}`, { style: 'percent', maximumFractionDigits: digits }).format(v) : decimal(locale, v, digits));

  const legend = legendLayout(
    series.map((s) => s.label),
    30,
    2,
  );
  const plotTop = 2 + legend.height + (legend.height ? 18 : 8);
  const plotH = 170;
  const bottom = plotTop + plotH;
  const left = Math.max(...tickValues.map((v) => textWidth(tickText(v), SMALL))) + 8;
  const right = W - 6;
  const slot = count ? (right - left) / count : right - left;
  const xAt = (i: number): number => left + slot * (i + 0.5);
  const yAt = (v: number): number => bottom - ((v - axis.lo) / (axis.hi - axis.lo)) * plotH;

  // Every label is shown whole: where they need more than three lines, only every k-th is labelled.
  let every = 1;
  let labelLines = xLabels.map((l) => wrap(l, slot - 4, SMALL));
  while (every < count && Math.max(1, ...labelLines.map((l) => l.length)) > 3) {
    every++;
    labelLines = xLabels.map((l) => wrap(l, slot * every - 6, SMALL));
  }
  const labelled = (i: number): boolean => i % every === 0;
  const maxLines = Math.max(1, ...labelLines.filter((_, i) => labelled(i)).map((l) => l.length));
  const height = bottom + 8 + maxLines * SMALL_LH + 2;

  const summaries = series.map((s) => {
    const points = s.values.map((v, i) => ({ v, i })).filter((p): p is { v: number; i: number } => p.v !== null);
    const first = points[0];
    const last = points[points.length - 1];
    if (!first || !last) return '';
    if (first === last) return t('charts.line.series_point', { label: s.label, value: value(first.v), x: xLabels[first.i] });
    return t('charts.line.series_change', { label: s.label, from: value(first.v), fromX: xLabels[first.i], to: value(last.v), toX: xLabels[last.i] });
  });
  const summary = sentence([
    known.length && count
      ? t('charts.line.summary', { count: series.length, lines: formatNumber(locale, series.length), first: xLabels[0], last: xLabels[count - 1] })
      : t('charts.empty'),
    ...summaries,
  ]);

  const svg = (
    <>
      <g class="chart-legend">
        {legend.items.map((item, i) => (
          <g>
            <line class={`chart-line chart-series-${series[i].style}`} x1={n(item.x + 1)} x2={n(item.x + 29)} y1={n(item.y + 8)} y2={n(item.y + 8)} stroke-dasharray={DASHES[series[i].style]} />
            <path class={`chart-marker chart-series-${series[i].style}`} d={MARKERS[series[i].style]} transform={`translate(${n(item.x + 15)} ${n(item.y + 8)})`} />
            <Lines lines={item.lines} x={item.x + 36} top={item.y} size={SMALL} lh={SMALL_LH} cls="chart-label" />
          </g>
        ))}
      </g>
      <g class="chart-axis-y">
        {tickValues.map((v) => (
          <>
            <line class="chart-grid" x1={n(left)} x2={n(right)} y1={n(yAt(v))} y2={n(yAt(v))} />
            <text class="chart-tick" x={n(left - 6)} y={n(yAt(v) + SMALL * 0.35)} font-size={n(SMALL)} text-anchor="end" safe>
              {tickText(v)}
            </text>
          </>
        ))}
        <line class="chart-axis" x1={n(left)} x2={n(right)} y1={n(bottom)} y2={n(bottom)} />
      </g>
      <g class="chart-axis-x">
        {xLabels.map((_, i) =>
          labelled(i) ? <Lines lines={labelLines[i]} x={xAt(i)} top={bottom + 8} size={SMALL} lh={SMALL_LH} cls="chart-tick" anchor="middle" /> : '',
        )}
      </g>
      {series.map((s) => {
        // Runs of consecutive values, each drawn as one stretch of line; a null ends a run (the gap).
        const runs: { i: number; v: number }[][] = [];
        let run: { i: number; v: number }[] = [];
        s.values.forEach((v, i) => {
          if (v === null) {
            if (run.length) runs.push(run);
            run = [];
          } else run.push({ i, v });
        });
        if (run.length) runs.push(run);
        return (
          <g class="chart-series">
            {runs
              .filter((r) => r.length > 1)
              .map((r) => (
                <path class={`chart-line chart-series-${s.style}`} d={r.map((p, k) => `${k ? 'L' : 'M'}${n(xAt(p.i))} ${n(yAt(p.v))}`).join(' ')} stroke-dasharray={DASHES[s.style]} />
              ))}
            {runs.flat().map((p) => (
              <path class={`chart-marker chart-series-${s.style}`} d={MARKERS[s.style]} transform={`translate(${n(xAt(p.i))} ${n(yAt(p.v))})`} />
            ))}
          </g>
        );
      })}
    </>
  );

  const gap = props.gapNote ?? t('charts.no_value');
  const table = (
    <table class="table chart-table">
      <caption class="visually-hidden" safe>
        {title}
      </caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {props.xHeader ?? t('charts.col_x')}
          </th>
          {series.map((s) => (
            <th scope="col" class="numeric" safe>
              {s.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {xLabels.map((x, i) => (
          <tr>
            <th scope="row" safe>
              {x}
            </th>
            {series.map((s) => {
              const v = s.values[i];
              return v === null ? (
                <td class="chart-suppressed" safe>
                  {gap}
                </td>
              ) : (
                <td class="numeric nowrap" safe>
                  {value(v)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return <Figure id={id} kind="line" title={title} summary={summary} height={height} svg={svg} table={props.table === 'none' ? null : table} t={t} />;
}
