import { intlTag, type Locale, type Translate } from '../i18n/i18n.js';
import { formatNumber } from '../i18n/format.js';

/*
 * Server-rendered charts: a <figure> whose caption is the title, an SVG image named by its <title>
 * and a one-sentence <desc>, and the same numbers in a real table inside <details>, for screen
 * readers, for print and for anyone who wants the figures.
 *
 * Drawing box: every chart is 360 units wide (about a phone's width) and as tall as its content.
 * The SVG scales to its container through `viewBox`, text with it, so the server's line breaks hold
 * at any width: labels are wrapped here by an estimate of their width and stand above their bar,
 * never cut off. app.css caps the drawing at a width where the text reads at about 17 px.
 * Geometry and font sizes live here (presentation attributes; the CSP forbids inline styles), colours
 * in app.css (`.chart-*`), so print and the organisation's theme can change them.
 *
 * A value of `null` is suppressed (too few answers to show): no bar, no segment, no point, and the
 * note instead. The number itself never reaches this file, so it cannot leak through a width, a title
 * or a cell. Totals and shares are of the shown values unless the caller passes its own total.
 */

export interface ChartDatum {
  label: string;
  /** null = suppressed (too few answers to show). */
  value: number | null;
}

const W = 360;
const LABEL = 14;
const LABEL_LH = 18;
const SMALL = 12.5;
const SMALL_LH = 16;
const ROW_GAP = 14;
const BAR_H = 20;
const STACK_H = 26;
/** Baseline below a line's top, as a share of the font size. */
const ASCENT = 0.8;

/** The line chart's series are told apart by colour, marker and dash; they repeat after five. */
const SERIES_STYLES = 5;
/** Markers drawn around (0, 0): circle, square, triangle, diamond, triangle pointing down. */
const MARKERS = [
  'M-4.5 0a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0-9 0z',
  'M-4 -4h8v8h-8z',
  'M0 -5.5L5 3.5H-5z',
  'M0 -5.5L5.5 0L0 5.5L-5.5 0z',
  'M0 5.5L5 -3.5H-5z',
] as const;
const DASHES = [undefined, '8 4', '2.5 3', '10 3 2.5 3', '16 4'] as const;
/** The stacked bars' ramp in app.css (`.chart-seg-0` lightest … `-10` darkest); from step 6 the text on it is white. */
const RAMP = 11;
const RAMP_DARK_FROM = 6;

/** SVG numbers rounded to a tenth, so the markup stays short and stable. */
const n = (v: number): string => String(Math.round(v * 10) / 10);

/** A caller's id made safe for id and aria attributes (one word, no spaces). */
const baseId = (id: string): string => id.replace(/[^A-Za-z0-9_-]/g, '-') || 'chart';

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${locale}|${key}`;
  let f = formats.get(k);
  if (!f) {
    f = new Intl.NumberFormat(intlTag[locale], options);
    formats.set(k, f);
  }
  return f;
}
/** A share 0..1 as a whole percentage in the reader's style: da/sv "42 %", en "42%". */
const percent = (locale: Locale, share: number): string => numberFormat(locale, 'p', { style: 'percent', maximumFractionDigits: 0 }).format(share);
/** A plain figure such as a mean, to at most `digits` decimals. */
const decimal = (locale: Locale, v: number, digits = 2): string => numberFormat(locale, `d${digits}`, { maximumFractionDigits: digits }).format(v);
const list = (locale: Locale, items: string[]): string => new Intl.ListFormat(intlTag[locale], { type: 'conjunction' }).format(items);
const sentence = (parts: string[]): string => `${parts.filter(Boolean).join('; ')}.`;

/** A character's width as a share of the font size, generous (DejaVu Sans is wide) so that text never spills. */
function charWidth(c: string): number {
  if (c === ' ' || c === '\u00a0' || c === '\u202f') return 0.32;
  if ("iljI.,:;'|!".includes(c)) return 0.32;
  if ('ftr()[]-/'.includes(c)) return 0.42;
  if ('mwMW@%'.includes(c)) return 0.96;
  if (c >= '0' && c <= '9') return 0.64;
  if (c !== c.toLowerCase()) return 0.74;
  return 0.6;
}

function textWidth(text: string, size: number, bold = false): number {
  let w = 0;
  for (const c of text) w += charWidth(c);
  return w * size * (bold ? 1.1 : 1);
}

/** Greedy line breaking at spaces; a word longer than the line is broken inside it. */
function wrap(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (textWidth(rest, size) > width && rest.length > 1) {
      let cut = 1;
      while (cut < rest.length && textWidth(rest.slice(0, cut + 1), size) <= width) cut++;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  lines.push(line);
  return lines;
}

/** Lines of text from `top` (the first line's top edge), one <tspan> each. */
function Lines({ lines, x, top, size, lh, cls, anchor }: { lines: string[]; x: number; top: number; size: number; lh: number; cls: string; anchor?: 'end' | 'middle' }): JSX.Element {
  return (
    <text class={cls} font-size={n(size)} text-anchor={anchor}>
      {lines.map((line, i) => (
        <tspan x={n(x)} y={n(top + i * lh + size * ASCENT)} safe>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** The figure every chart shares: caption, named SVG, and the table behind a disclosure. */
function Figure({ id, kind, title, summary, height, svg, table, t }: { id: string; kind: string; title: string; summary: string; height: number; svg: JSX.Element; table: JSX.Element; t: Translate }): JSX.Element {
  return (
    <figure class={`chart ${kind}-chart`} id={id}>
      <figcaption class="chart-title" safe>
        {title}
      </figcaption>
      <svg class="chart-svg" viewBox={`0 0 ${W} ${n(height)}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false" font-size={String(LABEL)}>
        <title id={`${id}-title`} safe>
          {title}
        </title>
        <desc id={`${id}-desc`} safe>
          {summary}
        </desc>
        {svg}
      </svg>
      <details class="chart-figures">
        <summary safe>{t('charts.show_figures')}</summary>
        <div class="table-wrap chart-table-wrap">{table}</div>
      </details>
    </figure>
  );
}

/** Legend items laid out in rows across the drawing; returns each item's position and the legend's height. */
function legendLayout(labels: readonly string[], sample: number, top: number): { items: { x: number; y: number; lines: string[] }[]; height: number } {
  const items: { x: number; y: number; lines: string[] }[] = [];
  let x = 0;
  let y = top;
  let rowLines = 1;
  for (const label of labels) {
    const lines = wrap(label, W - sample - 6, SMALL);
    const width = sample + 6 + Math.max(...lines.map((l) => textWidth(l, SMALL)));
    if (x > 0 && (x + width > W || lines.length > 1)) {
      x = 0;
      y += rowLines * SMALL_LH + 6;
      rowLines = 1;
    }
    items.push({ x, y, lines });
    rowLines = Math.max(rowLines, lines.length);
    x += width + 16;
    if (lines.length > 1) x = W;
  }
  return { items, height: labels.length ? y - top + rowLines * SMALL_LH : 0 };
}

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
  return <Figure id={id} kind="bar" title={title} summary={summary} height={height} svg={svg} table={table} t={t} />;
}

/** The ramp step of category `i` of `count`, spread from lightest to darkest; beyond eleven, steps repeat. */
const rampStep = (i: number, count: number): number => (count > RAMP ? i % RAMP : count === 1 ? RAMP_DARK_FROM : Math.round((i * (RAMP - 1)) / (count - 1)));

/**
 * One stacked 100% bar per row (e.g. a matrix of statements on one scale 1-5); segments in scale
 * order, with a legend. Shares are of the row's shown values; a suppressed cell has no segment and
 * its category is named with the note under the bar.
 */
export function StackedBarChart(props: {
  id: string;
  title: string;
  categories: readonly string[];
  rows: readonly { label: string; values: readonly (number | null)[] }[];
  t: Translate;
  locale: Locale;
  suppressedNote?: string;
  /** The table's first column heading (default "Punkt"). */
  rowHeader?: string;
}): JSX.Element {
  const { title, categories, t, locale } = props;
  const id = baseId(props.id);
  const note = props.suppressedNote ?? t('charts.suppressed');
  const legend = legendLayout(categories, 12, 2);

  let y = 2 + legend.height + 16;
  const rows = props.rows.map((row) => {
    const values = categories.map((_, c) => row.values[c] ?? null);
    const sum = values.reduce<number>((s, v) => s + Math.max(0, v ?? 0), 0);
    const allSuppressed = values.length > 0 && values.every((v) => v === null);
    const nText = allSuppressed ? '' : t('charts.n', { n: formatNumber(locale, sum) });
    const nWidth = nText ? textWidth(nText, SMALL) + 10 : 0;
    const label = wrap(row.label, W - nWidth, LABEL);
    const labelTop = y;
    y += label.length * LABEL_LH + 3;
    const barTop = y;
    const hidden = categories.filter((_, c) => values[c] === null);
    const noteText = allSuppressed ? note : hidden.length ? t('charts.summary_suppressed', { labels: list(locale, hidden), note }) : '';
    const noteLines = noteText ? wrap(noteText, W, SMALL) : [];
    if (!allSuppressed) y += STACK_H + (noteLines.length ? 4 : 0);
    const noteTop = y;
    y += noteLines.length * SMALL_LH + ROW_GAP;
    let x = 0;
    const segments = values.map((v, c) => {
      const width = v === null || sum === 0 ? 0 : (Math.max(0, v) / sum) * W;
      const seg = { c, x, width, value: v, share: v === null ? '' : percent(locale, sum > 0 ? Math.max(0, v) / sum : 0) };
      x += width;
      return seg;
    });
    return { row, values, sum, allSuppressed, nText, label, labelTop, barTop, noteTop, noteLines, segments };
  });
  const height = Math.max(y - ROW_GAP + 2, 10);

  const hiddenRows = rows.filter((r) => r.values.some((v) => v === null)).map((r) => t('charts.quoted', { label: r.row.label }));
  const summary = sentence([
    categories.length && rows.length
      ? t('charts.stacked.summary', { count: rows.length, rows: formatNumber(locale, rows.length), first: categories[0], last: categories[categories.length - 1] })
      : t('charts.empty'),
    hiddenRows.length ? t('charts.summary_suppressed', { labels: list(locale, hiddenRows), note }) : '',
  ]);

  const svg = (
    <>
      <g class="chart-legend">
        {legend.items.map((item, c) => (
          <g>
            <rect class={`chart-seg-${rampStep(c, categories.length)} chart-swatch`} x={n(item.x + 0.5)} y={n(item.y + 2.5)} width="11" height="11" />
            <Lines lines={item.lines} x={item.x + 18} top={item.y} size={SMALL} lh={SMALL_LH} cls="chart-label" />
          </g>
        ))}
      </g>
      {rows.map((r) => (
        <g class="chart-row">
          <Lines lines={r.label} x={0} top={r.labelTop} size={LABEL} lh={LABEL_LH} cls="chart-label" />
          {r.nText ? <Lines lines={[r.nText]} x={W} top={r.labelTop + (LABEL - SMALL) * ASCENT} size={SMALL} lh={SMALL_LH} cls="chart-n" anchor="end" /> : ''}
          {r.allSuppressed ? (
            ''
          ) : (
            <>
              {r.segments.map((s) => {
                if (s.width <= 0) return '';
                const step = rampStep(s.c, categories.length);
                const fits = textWidth(s.share, 12, true) + 6 <= s.width;
                return (
                  <>
                    <rect class={`chart-seg chart-seg-${step}`} x={n(s.x)} y={n(r.barTop)} width={n(s.width)} height={String(STACK_H)} />
                    {fits ? (
                      <text class={step >= RAMP_DARK_FROM ? 'chart-seg-text chart-on-dark' : 'chart-seg-text'} x={n(s.x + s.width / 2)} y={n(r.barTop + STACK_H / 2 + 12 * 0.35)} font-size="12" text-anchor="middle" safe>
                        {s.share}
                      </text>
                    ) : (
                      ''
                    )}
                  </>
                );
              })}
              <rect class="chart-frame" x="0.5" y={n(r.barTop + 0.5)} width={String(W - 1)} height={String(STACK_H - 1)} />
            </>
          )}
          {r.noteLines.length ? <Lines lines={r.noteLines} x={0} top={r.noteTop} size={SMALL} lh={SMALL_LH} cls="chart-note" /> : ''}
        </g>
      ))}
    </>
  );

  const table = (
    <table class="table chart-table">
      <caption class="visually-hidden" safe>
        {title}
      </caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {props.rowHeader ?? t('charts.col_item')}
          </th>
          {categories.map((c) => (
            <th scope="col" class="numeric" safe>
              {c}
            </th>
          ))}
          <th scope="col" class="numeric" safe>
            {t('charts.total')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row" safe>
              {r.row.label}
            </th>
            {r.segments.map((s) =>
              s.value === null ? (
                <td class="chart-suppressed" safe>
                  {note}
                </td>
              ) : (
                <td class="numeric nowrap" safe>
                  {`${s.share} (${formatNumber(locale, s.value)})`}
                </td>
              ),
            )}
            <td class="numeric nowrap" safe>
              {r.allSuppressed ? '' : formatNumber(locale, r.sum)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return <Figure id={id} kind="stacked" title={title} summary={summary} height={height} svg={svg} table={table} t={t} />;
}

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
  return <Figure id={id} kind="line" title={title} summary={summary} height={height} svg={svg} table={table} t={t} />;
}
