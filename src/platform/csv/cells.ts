/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one) as a
 * formula: `=HYPERLINK(…)` in a name would become a link in the office's Excel. A leading
 * apostrophe makes it text again. Every CSV download passes its text cells through this.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
