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

export type { ChartDatum } from './charts/common.js';
export { BarChart } from './charts/bar.js';
export { StackedBarChart } from './charts/stacked.js';
export { LineChart } from './charts/line.js';
