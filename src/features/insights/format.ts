import { stringify } from 'csv-stringify/sync';
import type { Locale } from '../../platform/i18n/i18n.js';
import { formatDate, formatMoney, formatMonth, formatNumber, formatPercent } from '../../platform/i18n/format.js';
import type { Cell, FigureColumn, FigureTable } from './figures.js';
import { neutraliseCell } from '../../platform/csv/cells.js';

/*
 * A figure's cells as the reader reads them (numbers, shares and months in their language) and as a
 * spreadsheet reads them (plain numbers with a decimal comma or point as the locale writes it).
 */

/** Money is kept in minor units (øre, öre, cents). */
export const majorUnits = (minor: number): number => minor / 100;

/** One cell for the page: blank for no value, else in the reader's style. */
export function cellText(locale: Locale, column: FigureColumn, value: Cell, currency = 'DKK'): string {
  if (value === null || value === undefined || value === '') return '–';
  switch (column.kind) {
    case 'month':
      return typeof value === 'string' && /^\d{4}-\d{2}$/.test(value) ? formatMonth(locale, value) : String(value);
    case 'count':
      return typeof value === 'number' ? formatNumber(locale, value) : String(value);
    case 'share':
      return typeof value === 'number' ? formatPercent(locale, value) : String(value);
    case 'money':
      return typeof value === 'number' ? formatMoney(locale, majorUnits(value), currency) : String(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? formatDate(locale, `${value.slice(0, 10)}T12:00:00Z`) : String(value);
    default:
      return String(value);
  }
}

/** One cell for the CSV: numbers without grouping, with the locale's decimal mark; shares as percentages. */
function csvCell(locale: Locale, column: FigureColumn, value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    const n = column.kind === 'share' ? Math.round(value * 1000) / 10 : column.kind === 'money' ? majorUnits(value) : value;
    const text = column.kind === 'money' ? n.toFixed(2) : String(n);
    return locale === 'en' ? text : text.replace('.', ',');
  }
  return neutraliseCell(String(value));
}

/** The figure as CSV for a spreadsheet in the reader's language: BOM, `;` between cells, headers translated. */
export function figureCsv(table: FigureTable, locale: Locale): string {
  const header = table.columns.map((c) => (c.kind === 'share' ? `${c.label} (%)` : c.kind === 'money' && table.currency ? `${c.label} (${table.currency})` : c.label));
  const body = table.rows.map((r) => table.columns.map((c) => csvCell(locale, c, r[c.key] ?? null)));
  return stringify([header, ...body], { delimiter: ';', record_delimiter: '\r\n', bom: true });
}
