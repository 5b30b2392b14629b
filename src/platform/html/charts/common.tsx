import { intlTag, type Locale, type Translate } from '../../i18n/i18n.js';

/* What the charts share (see ../charts.tsx): the drawing box, measuring and wrapping text, numbers in words, the figure around each chart. */

export interface ChartDatum {
  label: string;
  /** null = suppressed (too few answers to show). */
  value: number | null;
}

export const W = 360;
export const LABEL = 14;
export const LABEL_LH = 18;
export const SMALL = 12.5;
export const SMALL_LH = 16;
export const ROW_GAP = 14;
export const BAR_H = 20;
export const STACK_H = 26;
/** Baseline below a line's top, as a share of the font size. */
export const ASCENT = 0.8;

/** The line chart's series are told apart by colour, marker and dash; they repeat after five. */
export const SERIES_STYLES = 5;
/** Markers drawn around (0, 0): circle, square, triangle, diamond, triangle pointing down. */
export const MARKERS = [
  'M-4.5 0a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0-9 0z',
  'M-4 -4h8v8h-8z',
  'M0 -5.5L5 3.5H-5z',
  'M0 -5.5L5.5 0L0 5.5L-5.5 0z',
  'M0 5.5L5 -3.5H-5z',
] as const;
export const DASHES = [undefined, '8 4', '2.5 3', '10 3 2.5 3', '16 4'] as const;
/** The stacked bars' ramp in app.css (`.chart-seg-0` lightest … `-10` darkest); from step 6 the text on it is white. */
export const RAMP = 11;
export const RAMP_DARK_FROM = 6;

/** SVG numbers rounded to a tenth, so the markup stays short and stable. */
export const n = (v: number): string => String(Math.round(v * 10) / 10);

/** A caller's id made safe for id and aria attributes (one word, no spaces). */
export const baseId = (id: string): string => id.replace(/[^A-Za-z0-9_-]/g, '-') || 'chart';

const formats = new Map<string, Intl.NumberFormat>();
export function numberFormat(locale: Locale, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${locale}|${key}`;
  let f = formats.get(k);
  if (!f) {
    f = new Intl.NumberFormat(intlTag[locale], options);
    formats.set(k, f);
  }
  return f;
}
/** A share 0..1 as a whole percentage in the reader's style: da/sv "42 %", en "42%". */
export const percent = (locale: Locale, share: number): string => numberFormat(locale, 'p', { style: 'percent', maximumFractionDigits: 0 }).format(share);
/** A plain figure such as a mean, to at most `digits` decimals. */
export const decimal = (locale: Locale, v: number, digits = 2): string => numberFormat(locale, `d${digits}`, { maximumFractionDigits: digits }).format(v);
export const list = (locale: Locale, items: string[]): string => new Intl.ListFormat(intlTag[locale], { type: 'conjunction' }).format(items);
export const sentence = (parts: string[]): string => `${parts.filter(Boolean).join('; ')}.`;

/** A character's width as a share of the font size, generous (DejaVu Sans is wide) so that text never spills. */
export function charWidth(c: string): number {
  if (c === ' ' || c === '\u00a0' || c === '\u202f') return 0.32;
  if ("iljI.,:;'|!".includes(c)) return 0.32;
  if ('ftr()[]-/'.includes(c)) return 0.42;
  if ('mwMW@%'.includes(c)) return 0.96;
  if (c >= '0' && c <= '9') return 0.64;
  if (c !== c.toLowerCase()) return 0.74;
  return 0.6;
}

export function textWidth(text: string, size: number, bold = false): number {
  let w = 0;
  for (const c of text) w += charWidth(c);
  return w * size * (bold ? 1.1 : 1);
}

/** Greedy line breaking at spaces; a word longer than the line is broken inside it. */
export function wrap(text: string, width: number, size: number): string[] {
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
export function Lines({ lines, x, top, size, lh, cls, anchor }: { lines: string[]; x: number; top: number; size: number; lh: number; cls: string; anchor?: 'end' | 'middle' }): JSX.Element {
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
export function Figure({ id, kind, title, summary, height, svg, table, t }: { id: string; kind: string; title: string; summary: string; height: number; svg: JSX.Element; table: JSX.Element | null; t: Translate }): JSX.Element {
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
      {table === null ? (
        ''
      ) : (
        <details class="chart-figures">
          <summary safe>{t('charts.show_figures')}</summary>
          <div class="table-wrap chart-table-wrap">{table}</div>
        </details>
      )}
    </figure>
  );
}

/** Legend items laid out in rows across the drawing; returns each item's position and the legend's height. */
export function legendLayout(labels: readonly string[], sample: number, top: number): { items: { x: number; y: number; lines: string[] }[]; height: number } {
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

