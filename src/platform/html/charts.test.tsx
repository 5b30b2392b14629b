import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { xml2js, type Element } from 'xml-js';
import { BarChart, LineChart, StackedBarChart } from './charts.js';
import { contrast } from './colour.js';
import { translator, type Locale } from '../i18n/i18n.js';
import { publicDir } from '../paths.js';

const da = translator('da');
const tFor = (locale: Locale) => translator(locale);

/** The figure parsed as XML: it fails here if a tag is unbalanced or text is unescaped. */
function parse(html: JSX.Element): Element {
  const root = xml2js(html as string, { compact: false }) as Element;
  const figure = root.elements?.[0];
  if (!figure || figure.name !== 'figure') throw new Error('not a figure');
  return figure;
}

function all(el: Element, match: (e: Element) => boolean, out: Element[] = []): Element[] {
  for (const child of el.elements ?? []) {
    if (child.type !== 'element') continue;
    if (match(child)) out.push(child);
    all(child, match, out);
  }
  return out;
}
const byName = (el: Element, name: string) => all(el, (e) => e.name === name);
const hasClass = (e: Element, cls: string) => String(e.attributes?.class ?? '').split(' ').includes(cls);
const byClass = (el: Element, cls: string) => all(el, (e) => hasClass(e, cls));
const one = (el: Element, name: string): Element => {
  const found = byName(el, name);
  expect(found, name).toHaveLength(1);
  return found[0];
};
function text(el: Element): string {
  return (el.elements ?? []).map((c) => (c.type === 'text' ? String(c.text) : c.type === 'element' ? text(c) : '')).join('');
}
const num = (e: Element, attr: string): number => Number(e.attributes?.[attr]);
/** A chart text's whole content, its tspans (wrapped lines) joined by spaces. */
const lines = (e: Element): string => byName(e, 'tspan').length ? byName(e, 'tspan').map(text).join(' ') : text(e);
const translate = (e: Element): [number, number] => {
  const m = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(String(e.attributes?.transform));
  if (!m) throw new Error('no translate');
  return [Number(m[1]), Number(m[2])];
};
function tableRows(fig: Element): string[][] {
  const table = one(fig, 'table');
  return byName(table, 'tr').map((tr) => (tr.elements ?? []).filter((c) => c.type === 'element').map(text));
}

/**
 * Everything a reader or a program could read a number from: text, and every attribute except
 * drawing coordinates, dash patterns and class names (`chart-seg-3` is a colour step).
 */
function readable(fig: Element): string[] {
  const geometry = new Set(['class', 'x', 'y', 'width', 'height', 'x1', 'x2', 'y1', 'y2', 'd', 'transform', 'viewBox', 'font-size', 'stroke-dasharray', 'colspan']);
  const out: string[] = [];
  const walk = (e: Element) => {
    if (e.type === 'text') out.push(String(e.text));
    for (const [k, v] of Object.entries(e.attributes ?? {})) if (!geometry.has(k)) out.push(String(v));
    for (const c of e.elements ?? []) walk(c);
  };
  walk(fig);
  return out;
}
/** The number n standing alone (not a digit of 30, 1.3 or 13). */
const standsAlone = (n: number) => new RegExp(`(?<![\\d.,])${n}(?![\\d.,])`);

describe('BarChart', () => {
  it('draws each bar as its share of the total and lists the same figures in the table', () => {
    const fig = parse(<BarChart id="q1" title="Har du tid nok?" data={[{ label: 'Ja', value: 3 }, { label: 'Nej', value: 9 }]} t={da} locale="da" />);
    const track = byClass(fig, 'chart-track');
    const bars = byClass(fig, 'chart-bar');
    expect(bars).toHaveLength(2);
    // 3 of 12 is a quarter of the drawing's track, 9 of 12 three quarters.
    expect(num(bars[0], 'width') / num(track[0], 'width')).toBeCloseTo(0.25, 2);
    expect(num(bars[1], 'width') / num(track[1], 'width')).toBeCloseTo(0.75, 2);
    expect(num(bars[1], 'width') / num(bars[0], 'width')).toBeCloseTo(3, 1);
    expect(byClass(fig, 'chart-value').map(text)).toEqual(['25\u00a0% (3)', '75\u00a0% (9)']);
    expect(byClass(fig, 'chart-label').map(lines)).toEqual(['Ja', 'Nej']);

    expect(tableRows(fig)).toEqual([
      ['Kategori', 'Antal', 'Andel'],
      ['Ja', '3', '25\u00a0%'],
      ['Nej', '9', '75\u00a0%'],
      ['I alt', '12', '100\u00a0%'],
    ]);
    const desc = text(one(fig, 'desc'));
    expect(desc).toBe('Søjlediagram med 2 søjler; størst er »Nej« med 9 (75\u00a0%) af 12.');
  });

  it('takes shares of a total the caller gives (respondents to a question with several answers)', () => {
    const fig = parse(<BarChart id="q2" title="Hvad bruger du?" data={[{ label: 'Mail', value: 15 }, { label: 'Telefon', value: 10 }]} total={20} t={da} locale="da" />);
    expect(byClass(fig, 'chart-value').map(text)).toEqual(['75\u00a0% (15)', '50\u00a0% (10)']);
    const bars = byClass(fig, 'chart-bar');
    expect(num(bars[0], 'width') / num(byClass(fig, 'chart-track')[0], 'width')).toBeCloseTo(0.75, 2);
    // The total is the caller's; its share is not 100 % of anything shown, so the cell stays empty.
    expect(tableRows(fig).at(-1)).toEqual(['I alt', '20', '']);
  });

  it('shows no bar and no number for a suppressed value, only the note, in the chart and the table', () => {
    // The survey had 3 answers for "Måske": too few, so the caller passes null.
    const note = 'færre end 5 svar — vises ikke';
    const fig = parse(
      <BarChart
        id="hidden"
        title="Deltager du?"
        data={[{ label: 'Ja', value: 12 }, { label: 'Måske', value: null }, { label: 'Nej', value: 9 }, { label: 'Ved ikke', value: 6 }]}
        suppressedNote={note}
        t={da}
        locale="da"
      />,
    );
    const bars = byClass(fig, 'chart-bar');
    expect(bars).toHaveLength(3);
    expect(byClass(fig, 'chart-track')).toHaveLength(3);
    expect(num(bars[0], 'width') / num(bars[2], 'width')).toBeCloseTo(2, 1);
    expect(byClass(fig, 'chart-note').map(lines)).toEqual([note]);
    // Shares are of the 27 shown answers, never of 30.
    expect(byClass(fig, 'chart-value').map(text)).toEqual(['44\u00a0% (12)', '33\u00a0% (9)', '22\u00a0% (6)']);
    const rows = tableRows(fig);
    expect(rows[2]).toEqual(['Måske', note]);
    expect(rows.at(-1)).toEqual(['I alt', '27', '100\u00a0%']);
    expect(text(one(fig, 'desc'))).toBe(`Søjlediagram med 4 søjler; størst er »Ja« med 12 (44\u00a0%) af 27; »Måske«: ${note}.`);
    const seen = readable(fig).join(' | ');
    expect(seen).not.toMatch(standsAlone(3));
    expect(seen).not.toMatch(standsAlone(30));
    expect(seen).not.toMatch(/(?<!\d)1[01]\s?%/); // 3 of 27 or of 30
  });

  it('uses the locale text for a suppressed value when no note is given', () => {
    const fig = parse(<BarChart id="q4" title="x" data={[{ label: 'A', value: null }]} t={tFor('sv')} locale="sv" />);
    expect(byClass(fig, 'chart-note').map(lines)).toEqual(['för få svar – visas inte']);
    expect(byClass(fig, 'chart-bar')).toHaveLength(0);
    expect(text(one(fig, 'desc'))).toBe('Det finns inga siffror att visa; ”A”: för få svar – visas inte.');
    // Nothing shown, so no total either: 0 would say that nobody answered.
    expect(tableRows(fig)).toEqual([['Kategori', 'Antal', 'Andel'], ['A', 'för få svar – visas inte'], ['Totalt', '', '']]);
  });

  it('wraps a long label onto lines that fit the drawing instead of cutting it', () => {
    const label = 'Hverken tilfreds eller utilfreds, og derfor en meget lang svarmulighed der ikke kan stå på én linje';
    const fig = parse(<BarChart id="q5" title="x" data={[{ label, value: 4 }]} t={da} locale="da" />);
    const tspans = byName(byClass(fig, 'chart-label')[0], 'tspan');
    expect(tspans.length).toBeGreaterThan(1);
    expect(tspans.map(text).join(' ')).toBe(label);
    const ys = tspans.map((s) => num(s, 'y'));
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
  });
});

describe('StackedBarChart', () => {
  const scale = ['Helt uenig', 'Uenig', 'Hverken eller', 'Enig', 'Helt enig'];

  it('splits each row into segments in scale order, as shares of the row, with a legend', () => {
    const fig = parse(<StackedBarChart id="m1" title="Udsagn" categories={scale} rows={[{ label: 'Jeg har tid nok', values: [2, 4, 6, 8, 20] }]} t={da} locale="da" />);
    const segments = byClass(fig, 'chart-seg');
    expect(segments).toHaveLength(5);
    const widths = segments.map((s) => num(s, 'width'));
    const whole = widths.reduce((a, b) => a + b, 0);
    expect(widths.map((w) => w / whole).map((s) => Number(s.toFixed(3)))).toEqual([0.05, 0.1, 0.15, 0.2, 0.5]);
    // Left to right, each segment starts where the one before it ends.
    segments.slice(1).forEach((s, i) => expect(num(s, 'x')).toBeCloseTo(num(segments[i], 'x') + widths[i], 0));
    // The ramp runs from light to dark in scale order; the legend uses the same colours in the same order.
    const steps = segments.map((s) => Number(/chart-seg-(\d+)/.exec(String(s.attributes?.class))?.[1]));
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    const swatches = byClass(fig, 'chart-swatch').map((s) => Number(/chart-seg-(\d+)/.exec(String(s.attributes?.class))?.[1]));
    expect(swatches).toEqual(steps);
    const legend = byClass(fig, 'chart-legend')[0];
    expect(byClass(legend, 'chart-label').map(lines)).toEqual(scale);
    expect(byClass(fig, 'chart-n').map(lines)).toEqual(['n = 40']);

    expect(tableRows(fig)).toEqual([
      ['Punkt', ...scale, 'I alt'],
      ['Jeg har tid nok', '5\u00a0% (2)', '10\u00a0% (4)', '15\u00a0% (6)', '20\u00a0% (8)', '50\u00a0% (20)', '40'],
    ]);
    expect(text(one(fig, 'desc'))).toBe('Stablet søjlediagram med 1 række på skalaen fra Helt uenig til Helt enig.');
  });

  it('writes a share inside a segment only where it fits, in a colour that reads on it', () => {
    const fig = parse(<StackedBarChart id="m2" title="Udsagn" categories={scale} rows={[{ label: 'A', values: [1, 1, 40, 40, 40] }]} t={da} locale="da" />);
    const texts = byClass(fig, 'chart-seg-text');
    expect(texts.map(text)).toEqual(['33\u00a0%', '33\u00a0%', '33\u00a0%']);
    // The two darkest steps carry white text, the middle one dark text.
    expect(texts.map((e) => hasClass(e, 'chart-on-dark'))).toEqual([false, true, true]);
  });

  it('leaves a suppressed cell out of the bar and the sums, and names it with the note', () => {
    const note = 'færre end 5 svar — vises ikke';
    // "Helt uenig" had 3 answers and is passed as null.
    const fig = parse(
      <StackedBarChart
        id="matrix-hidden"
        title="Udsagn"
        categories={scale}
        rows={[
          { label: 'Min leder støtter mig', values: [null, 4, 6, 8, 20] },
          { label: 'Afdeling Nord', values: [null, null, null, null, null] },
        ]}
        suppressedNote={note}
        t={da}
        locale="da"
      />,
    );
    const rows = byClass(fig, 'chart-row');
    expect(byClass(rows[0], 'chart-seg')).toHaveLength(4);
    expect(byClass(rows[0], 'chart-n').map(lines)).toEqual(['n = 38']);
    expect(byClass(rows[0], 'chart-note').map(lines)).toEqual([`Helt uenig: ${note}`]);
    // A row with nothing to show has no bar, no frame and no n.
    expect(byClass(rows[1], 'chart-seg')).toHaveLength(0);
    expect(byClass(rows[1], 'chart-frame')).toHaveLength(0);
    expect(byClass(rows[1], 'chart-n')).toHaveLength(0);
    expect(byClass(rows[1], 'chart-note').map(lines)).toEqual([note]);

    const table = tableRows(fig);
    expect(table[1]).toEqual(['Min leder støtter mig', note, '11\u00a0% (4)', '16\u00a0% (6)', '21\u00a0% (8)', '53\u00a0% (20)', '38']);
    expect(table[2]).toEqual(['Afdeling Nord', note, note, note, note, note, '']);
    const seen = readable(fig).join(' | ');
    expect(seen).not.toMatch(standsAlone(3));
    expect(seen).not.toMatch(standsAlone(41));
    expect(seen).not.toMatch(/(?<!\d)7\s?%/); // 3 of 41
  });
});

describe('LineChart', () => {
  const waves = ['Forår 2024', 'Efterår 2024', 'Forår 2025', 'Efterår 2025'];

  it('puts each point at its value on the y axis and leaves a gap for null', () => {
    const fig = parse(
      <LineChart
        id="l1"
        title="Tilfredse over tid"
        xLabels={waves}
        series={[
          { label: 'Alle', values: [0, 0.25, null, 1] },
          { label: 'Ledere', values: [0.5, null, null, 0.75] },
        ]}
        percent
        t={da}
        locale="da"
      />,
    );
    const series = byClass(fig, 'chart-series');
    expect(series).toHaveLength(2);
    const [allMarkers, leaderMarkers] = series.map((s) => byClass(s, 'chart-marker').map(translate));
    expect(allMarkers).toHaveLength(3);
    expect(leaderMarkers).toHaveLength(2);

    // The y axis runs 0 % … 100 % with a grid line at each tick; a point sits on the line of its value.
    const ticks = byClass(fig, 'chart-tick').filter((e) => e.attributes?.['text-anchor'] === 'end');
    expect(ticks.map(text)).toEqual(['0\u00a0%', '25\u00a0%', '50\u00a0%', '75\u00a0%', '100\u00a0%']);
    const grid = byClass(fig, 'chart-grid').map((g) => num(g, 'y1'));
    const [y0, y25, y50, y75, y100] = grid;
    expect(y0).toBeGreaterThan(y100);
    expect(y50).toBeCloseTo((y0 + y100) / 2, 0);
    expect(allMarkers.map(([, y]) => y)).toEqual([y0, y25, y100]);
    expect(leaderMarkers.map(([, y]) => y)).toEqual([y50, y75]);
    expect(y25).toBeCloseTo(y0 + (y100 - y0) * 0.25, 0);

    // x: the waves in order, evenly spaced; the gap's wave has no point.
    const xs = byClass(fig, 'chart-axis-x')[0];
    const xLabels = byClass(xs, 'chart-tick');
    expect(xLabels.map(lines)).toEqual(waves);
    const slotX = xLabels.map((l) => num(byName(l, 'tspan')[0], 'x'));
    expect(slotX[1] - slotX[0]).toBeCloseTo(slotX[3] - slotX[2], 1);
    expect(allMarkers.map(([x]) => x)).toEqual([slotX[0], slotX[1], slotX[3]]);
    expect(leaderMarkers.map(([x]) => x)).toEqual([slotX[0], slotX[3]]);

    // The line joins the first two points only: the null breaks it, the last point stands alone.
    const allLines = byClass(series[0], 'chart-line');
    expect(allLines).toHaveLength(1);
    expect(String(allLines[0].attributes?.d)).toBe(`M${slotX[0]} ${y0} L${slotX[1]} ${y25}`);
    expect(byClass(series[1], 'chart-line')).toHaveLength(0);

    expect(tableRows(fig)).toEqual([
      ['Tidspunkt', 'Alle', 'Ledere'],
      ['Forår 2024', '0\u00a0%', '50\u00a0%'],
      ['Efterår 2024', '25\u00a0%', 'ingen værdi'],
      ['Forår 2025', 'ingen værdi', 'ingen værdi'],
      ['Efterår 2025', '100\u00a0%', '75\u00a0%'],
    ]);
    expect(text(one(fig, 'desc'))).toBe(
      'Kurvediagram med 2 kurver fra Forår 2024 til Efterår 2025; Alle fra 0\u00a0% (Forår 2024) til 100\u00a0% (Efterår 2025); Ledere fra 50\u00a0% (Forår 2024) til 75\u00a0% (Efterår 2025).',
    );
  });

  it('tells series apart by marker shape and dash pattern as well as colour, in the lines and the legend', () => {
    const fig = parse(
      <LineChart id="l2" title="x" xLabels={['A', 'B']} series={[{ label: 'S1', values: [1, 2] }, { label: 'S2', values: [2, 1] }, { label: 'S3', values: [1, 1] }]} t={da} locale="da" />,
    );
    const series = byClass(fig, 'chart-series');
    const shapes = series.map((s) => byClass(s, 'chart-marker')[0].attributes?.d);
    const dashes = series.map((s) => byClass(s, 'chart-line')[0].attributes?.['stroke-dasharray'] ?? 'solid');
    const colours = series.map((s) => /chart-series-\d/.exec(String(byClass(s, 'chart-line')[0].attributes?.class))?.[0]);
    expect(new Set(shapes).size).toBe(3);
    expect(new Set(dashes).size).toBe(3);
    expect(new Set(colours).size).toBe(3);
    const legend = byClass(fig, 'chart-legend')[0];
    expect(byClass(legend, 'chart-marker').map((m) => m.attributes?.d)).toEqual(shapes);
    expect(byClass(legend, 'chart-line').map((l) => l.attributes?.['stroke-dasharray'] ?? 'solid')).toEqual(dashes);
    expect(byClass(legend, 'chart-label').map(lines)).toEqual(['S1', 'S2', 'S3']);
  });

  it('plots plain numbers such as a mean between the given yMin and yMax', () => {
    const fig = parse(<LineChart id="l3" title="Gennemsnit" xLabels={['2024', '2025']} series={[{ label: 'Trivsel', values: [3, 4.5] }]} yMin={1} yMax={5} t={tFor('en')} locale="en" />);
    const ticks = byClass(fig, 'chart-tick').filter((e) => e.attributes?.['text-anchor'] === 'end');
    expect(ticks.map(text)).toEqual(['1', '2', '3', '4', '5']);
    const grid = byClass(fig, 'chart-grid').map((g) => num(g, 'y1'));
    const ys = byClass(byClass(fig, 'chart-series')[0], 'chart-marker').map(translate).map(([, y]) => y);
    expect(ys[0]).toBe(grid[2]);
    expect(ys[1]).toBeCloseTo((grid[3] + grid[4]) / 2, 1);
    expect(tableRows(fig)[2]).toEqual(['2025', '4.5']);
  });

  it('widens the y axis rather than drawing a value outside it', () => {
    const fig = parse(<LineChart id="l4" title="x" xLabels={['A']} series={[{ label: 'S', values: [7] }]} yMin={1} yMax={5} t={da} locale="da" />);
    const ticks = byClass(fig, 'chart-tick').filter((e) => e.attributes?.['text-anchor'] === 'end');
    expect(Number(text(ticks.at(-1) as Element))).toBeGreaterThanOrEqual(7);
  });
});

describe('every chart', () => {
  const evil = '<script>alert("x")</script> & \'co\'';
  const charts = (locale: Locale, label = 'A') => {
    const t = tFor(locale);
    return [
      <BarChart id="b" title={`Bar ${label}`} data={[{ label, value: 1234 }, { label: 'B', value: 0 }]} t={t} locale={locale} />,
      <StackedBarChart id="s" title={`Stacked ${label}`} categories={[label, 'B']} rows={[{ label, values: [1234, 1] }]} t={t} locale={locale} />,
      <LineChart id="l" title={`Line ${label}`} xLabels={[label, 'B']} series={[{ label, values: [0.42, 0.5] }]} percent t={t} locale={locale} />,
    ] as string[];
  };

  it('escapes labels from users in the chart, the summary and the table', () => {
    for (const html of charts('da', evil)) {
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;script>alert(&#34;x&#34;)&lt;/script> &amp; &#39;co&#39;');
      const fig = parse(html);
      expect(text(one(fig, 'figcaption'))).toContain(evil);
      expect(readable(fig).join('')).toContain(evil);
    }
  });

  it('is a named figure with a named SVG image and a table behind a disclosure, ids unique per chart', () => {
    const ids = new Set<string>();
    for (const html of charts('da')) {
      const fig = parse(html);
      const svg = one(fig, 'svg');
      expect(svg.attributes?.role).toBe('img');
      expect(svg.attributes?.width).toBe('100%');
      expect(String(svg.attributes?.viewBox)).toMatch(/^0 0 360 \d+(\.\d)?$/);
      const [titleId, descId] = String(svg.attributes?.['aria-labelledby']).split(' ');
      const title = one(svg, 'title');
      const desc = one(svg, 'desc');
      expect(title.attributes?.id).toBe(titleId);
      expect(desc.attributes?.id).toBe(descId);
      expect(text(title)).toBe(text(one(fig, 'figcaption')));
      expect(text(desc)).toMatch(/\.$/);
      for (const id of [fig.attributes?.id, titleId, descId]) {
        expect(ids.has(String(id))).toBe(false);
        ids.add(String(id));
      }
      const details = one(fig, 'details');
      expect(text(one(details, 'summary'))).toBe('Vis tal');
      expect(text(one(details, 'caption'))).toBe(text(title));
      const headers = byName(details, 'th');
      expect(headers.length).toBeGreaterThan(2);
      expect(headers.every((h) => h.attributes?.scope === 'col' || h.attributes?.scope === 'row')).toBe(true);
      // No tooltip or data attribute carries a number: hover is never needed, nothing hides there.
      expect(html).not.toMatch(/ (title|data-[\w-]+)=/);
    }
  });

  it('makes an id with spaces or quotes safe for the aria attributes', () => {
    const fig = parse(<BarChart id={'a b"c'} title="x" data={[]} t={da} locale="da" />);
    expect(fig.attributes?.id).toBe('a-b-c');
    expect(one(fig, 'svg').attributes?.['aria-labelledby']).toBe('a-b-c-title a-b-c-desc');
  });

  it('formats numbers in the reader’s locale', () => {
    const expected: Record<Locale, { count: string; share: string; summary: string; n: string }> = {
      da: { count: '1.234', share: '42\u00a0%', summary: 'Vis tal', n: 'n = 1.235' },
      sv: { count: '1\u00a0234', share: '42\u00a0%', summary: 'Visa siffror', n: 'n = 1\u00a0235' },
      en: { count: '1,234', share: '42%', summary: 'Show the figures', n: 'n = 1,235' },
    };
    for (const locale of ['da', 'sv', 'en'] as const) {
      const [bar, stacked, line] = charts(locale).map(parse);
      const e = expected[locale];
      expect(byClass(bar, 'chart-value').map(text)[0]).toBe(`100${locale === 'en' ? '' : '\u00a0'}% (${e.count})`);
      expect(tableRows(bar)[1]).toEqual(['A', e.count, locale === 'en' ? '100%' : '100\u00a0%']);
      expect(byClass(stacked, 'chart-n').map(lines)).toEqual([e.n]);
      expect(tableRows(line)[1]).toEqual(['A', e.share]);
      for (const fig of [bar, stacked, line]) expect(text(one(fig, 'summary'))).toBe(e.summary);
    }
  });

  it('renders XML that a strict parser accepts (and the check rejects broken markup)', () => {
    for (const locale of ['da', 'sv', 'en'] as const) for (const html of charts(locale, evil)) expect(() => parse(html)).not.toThrow();
    expect(() => parse('<figure><svg><text>x</svg></figure>')).toThrow();
  });
});

describe('chart colours in app.css', () => {
  const css = readFileSync(join(publicDir, 'app.css'), 'utf8');
  const variable = (name: string): string => {
    const m = new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(css);
    if (!m) throw new Error(`--${name} missing`);
    return m[1];
  };

  it('keeps the text on every ramp step and every line colour at WCAG AA contrast', () => {
    const text = variable('text');
    for (let i = 0; i <= 10; i++) {
      const step = variable(`chart-seq-${i}`);
      // Steps 0–5 carry dark text, 6–10 white text (`chart-on-dark`), as the component writes them.
      expect(contrast(step, i < 6 ? text : '#ffffff'), `step ${i}`).toBeGreaterThanOrEqual(4.5);
    }
    for (let i = 0; i < 5; i++) expect(contrast(variable(`chart-series-${i}`), '#ffffff'), `series ${i}`).toBeGreaterThanOrEqual(4.5);
    for (const v of ['muted', 'text']) expect(contrast(variable(v), '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('styles every class the charts use', () => {
    const html = [
      <BarChart id="b" title="x" data={[{ label: 'A', value: 1 }, { label: 'B', value: null }]} t={da} locale="da" />,
      <StackedBarChart id="s" title="x" categories={['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']} rows={[{ label: 'A', values: [9, 9, 9, 9, 9, 9, 9, 9, 9, 9, null] }]} t={da} locale="da" />,
      <LineChart id="l" title="x" xLabels={['A', 'B']} series={[1, 2, 3, 4, 5].map((s) => ({ label: `S${s}`, values: [1, 2] }))} t={da} locale="da" />,
    ].join('');
    // Classes on drawn things and on the figure's parts; a <g>'s class is only a hook for tests and pages.
    const styled = [...html.matchAll(/<(?!g )(\w+) [^>]*class="([^"]+)"/g)].flatMap((m) => m[2].split(' '));
    const used = new Set(styled.filter((c) => c.startsWith('chart')));
    const missing = [...used].filter((c) => !new RegExp(`\\.${c}(?![\\w-])`).test(css));
    expect(used.size).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
