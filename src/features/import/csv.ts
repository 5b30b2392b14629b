import { CsvError, parse } from 'csv-parse/sync';
import { hasUnsafeText } from '../../platform/http/input-guard.js';
import { headerIndex, normaliseHeader, type ColumnSpec } from './columns.js';

/** The largest file either import takes: a register of a few hundred thousand members fits. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/**
 * One thing wrong with a file or a cell. `row` is the row number as a spreadsheet shows it (the
 * header is row 1), `column` the header as written in the file; both are null for the whole file.
 */
export interface ImportProblem {
  row: number | null;
  column: string | null;
  code: string;
  params?: Record<string, string | number>;
}

export interface CsvRow {
  row: number;
  cells: string[];
}

export interface CsvTable<K extends string> {
  /** Where each known column is in a row, and the header as the file wrote it. */
  columns: Map<K, { index: number; name: string }>;
  width: number;
  rows: CsvRow[];
}

export type CsvRead<K extends string> = { ok: true; table: CsvTable<K> } | { ok: false; problem: ImportProblem };

const fileProblem = (code: string, params?: Record<string, string | number>): ImportProblem => ({ row: null, column: null, code, ...(params ? { params } : {}) });

/** Text from the bytes: UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8" writes one). */
function decode(input: Buffer | string): { ok: true; text: string } | { ok: false; problem: ImportProblem } {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > MAX_IMPORT_BYTES) return { ok: false, problem: fileProblem('import.too_large', { max: MAX_IMPORT_BYTES / 1024 / 1024 }) };
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    // A NUL byte never occurs in a text file: this is a spreadsheet (.xlsx), an image or garbage.
    if (input.includes(0)) return { ok: false, problem: fileProblem('import.not_text') };
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
    } catch {
      return { ok: false, problem: fileProblem('import.encoding') };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

/**
 * The separator is what the header line uses most of, `;` (Excel in Danish and Swedish) or `,`.
 * Separators inside quotes do not count.
 */
function detectSeparator(headerLine: string): ';' | ',' | null {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  if (semicolons === 0 && commas === 0) return null;
  return semicolons >= commas ? ';' : ',';
}

const brokenQuote = new Set(['CSV_QUOTE_NOT_CLOSED', 'INVALID_OPENING_QUOTE', 'CSV_INVALID_CLOSING_QUOTE']);

/**
 * Reads a CSV file into rows of trimmed cells and maps its header onto the import's columns.
 * Whatever makes the whole file unusable (size, encoding, header, a broken quote) is one problem;
 * problems with single cells are left to the caller, row by row.
 */
export function readCsv<K extends string>(input: Buffer | string, spec: readonly ColumnSpec<K>[]): CsvRead<K> {
  const decoded = decode(input);
  if (!decoded.ok) return decoded;
  const { text } = decoded;
  const firstBreak = text.search(/\r?\n/);
  const headerLine = firstBreak === -1 ? text : text.slice(0, firstBreak);
  if (headerLine.trim() === '') return { ok: false, problem: fileProblem('import.empty') };

  const delimiter = detectSeparator(headerLine) ?? ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: false }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) {
      // `records` counts the complete records before the broken one; the header is record 1.
      const row = Number((err as CsvError & { records?: number }).records ?? 0) + 1;
      if (brokenQuote.has(err.code)) return { ok: false, problem: { row, column: null, code: 'import.broken_quote' } };
      return { ok: false, problem: { row, column: null, code: 'import.unreadable' } };
    }
    throw err;
  }

  const header = records[0].map((h) => h.trim());
  const known = headerIndex(spec);
  const columns = new Map<K, { index: number; name: string }>();
  const named = header.filter((h) => h !== '');
  for (const [index, name] of header.entries()) {
    // Excel writes a separator after the last column now and then: an empty header is no column.
    if (name === '') continue;
    const key = known.get(normaliseHeader(name));
    if (!key) {
      // One unknown column and nothing else: the file is split on something other than , or ;
      if (named.length === 1 && /[\t|]/.test(name)) return { ok: false, problem: { row: 1, column: name, code: 'import.wrong_separator' } };
      if (named.length === 1 && detectSeparator(headerLine) === null && /\s/.test(name)) return { ok: false, problem: { row: 1, column: name, code: 'import.wrong_separator' } };
      return { ok: false, problem: { row: 1, column: name, code: 'import.unknown_column' } };
    }
    if (columns.has(key)) return { ok: false, problem: { row: 1, column: name, code: 'import.duplicate_column' } };
    columns.set(key, { index, name });
  }
  for (const c of spec) if (c.required && !columns.has(c.key)) return { ok: false, problem: { row: 1, column: c.key, code: 'import.missing_column' } };

  const rows: CsvRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const cells = records[i];
    // Blank lines and rows of empty cells (";;;;") are skipped, but still counted as rows.
    if (cells.every((c) => c.trim() === '')) continue;
    for (let c = 0; c < cells.length; c++) {
      cells[c] = cleanCell(cells[c]);
      // Control characters (a stray BEL or ESC from another system) are never meant; the file is refused at that cell.
      if (hasUnsafeText(cells[c])) return { ok: false, problem: { row: i + 1, column: header[c] || null, code: 'import.control_character' } };
    }
    rows.push({ row: i + 1, cells });
  }
  return { ok: true, table: { columns, width: header.length, rows } };
}

/** What String#trim removes; checked first because most cells need no new string. */
function isSpace(code: number): boolean {
  return code <= 32 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/**
 * Trimmed, with Windows line breaks inside a quoted cell made plain, and the apostrophe our own export
 * puts before a cell that starts like a formula taken off again, so an exported file imports as it was
 * (a real formula is still refused by `isFormula` afterwards).
 */
function cleanCell(cell: string): string {
  if (cell === '') return cell;
  const trimmed = isSpace(cell.charCodeAt(0)) || isSpace(cell.charCodeAt(cell.length - 1)) ? cell.trim() : cell;
  const plain = trimmed.includes('\r') ? trimmed.replace(/\r\n?/g, '\n') : trimmed;
  return plain.startsWith("'") && /^'[=+\-@\t]/.test(plain) ? plain.slice(1) : plain;
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula:
 * `=HYPERLINK(…)` in a register is an attack on whoever opens an export later. Phone numbers such
 * as `+45 12 34 56 78` and plain negative numbers are data, not formulas.
 */
export function isFormula(cell: string): boolean {
  if (cell === '') return false;
  const first = cell[0];
  if (first === '=' || first === '@' || first === '\t' || first === '\r') return true;
  if (first === '+' || first === '-') return !/^[+-][\d\s().\-/]*$/.test(cell);
  return false;
}

/**
 * What makes a row unusable before its cells are read: a different number of cells than the header
 * (beyond empty trailing ones), or formula cells. Null when the row is fine.
 */
export function rowProblems<K extends string>(table: CsvTable<K>, row: CsvRow): ImportProblem[] | null {
  const { cells } = row;
  if (cells.length !== table.width) {
    if (cells.length < table.width || cells.slice(table.width).some((c) => c !== '')) {
      return [{ row: row.row, column: null, code: 'import.column_count', params: { expected: table.width, found: cells.length } }];
    }
  }
  let problems: ImportProblem[] | null = null;
  for (const { index, name } of table.columns.values()) {
    if (isFormula(cells[index] ?? '')) (problems ??= []).push({ row: row.row, column: name, code: 'import.formula' });
  }
  return problems;
}

/** Where each column is in a row (-1: not in the file, so every cell of it is blank). */
export function columnIndex<K extends string>(table: CsvTable<K>, keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, table.columns.get(k)?.index ?? -1])) as Record<K, number>;
}

export function cellAt(cells: string[], index: number): string {
  return index < 0 ? '' : (cells[index] ?? '');
}
