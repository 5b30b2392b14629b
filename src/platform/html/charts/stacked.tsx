import { type Locale, type Translate } from '../../i18n/i18n.js';
import { formatNumber } from '../../i18n/format.js';
import { W, LABEL, LABEL_LH, SMALL, SMALL_LH, ROW_GAP, STACK_H, ASCENT, RAMP, RAMP_DARK_FROM, n, baseId, percent, list, sentence, textWidth, wrap, Lines, Figure, legendLayout } from './common.js';

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
  /** 'none' leaves the figures' table out, for a page that shows the same numbers in a table of its own beside the chart. */
  table?: 'details' | 'none';
  /** How a row's total is written beside its label (default "n = 42"), e.g. as an amount of money. */
  totalText?: (sum: number) => string;
}): JSX.Element {
  const { title, categories, t, locale } = props;
  const totalText = props.totalText ?? ((sum: number) => t('charts.n', { n: formatNumber(locale, sum) }));
  const id = baseId(props.id);
  const note = props.suppressedNote ?? t('charts.suppressed');
  const legend = legendLayout(categories, 12, 2);

  let y = 2 + legend.height + 16;
  const rows = props.rows.map((row) => {
    const values = categories.map((_, c) => row.values[c] ?? null);
    const sum = values.reduce<number>((s, v) => s + Math.max(0, v ?? 0), 0);
    const allSuppressed = values.length > 0 && values.every((v) => v === null);
    const nText = allSuppressed ? '' : totalText(sum);
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
  return <Figure id={id} kind="stacked" title={title} summary={summary} height={height} svg={svg} table={props.table === 'none' ? null : table} t={t} />;
}
