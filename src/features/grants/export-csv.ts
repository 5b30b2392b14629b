import { stringify } from 'csv-stringify/sync';
import type { Translate } from '../../platform/i18n/i18n.js';
import type { LabelTable } from '../../platform/i18n/labels.js';
import { applicationStatusLabel, purposeLabel } from './labels.js';
import type { ExportRow } from './queries.js';
import { neutraliseCell } from '../../platform/csv/cells.js';

type Column = 'id' | 'title' | 'applicant' | 'purpose' | 'activityDate' | 'status' | 'requested' | 'granted' | 'decidedOn' | 'decidedBy' | 'paidOn' | 'paymentReference' | 'actualCost';

const csvHeader = {
  id: 'grants.csv.id',
  title: 'grants.csv.title',
  applicant: 'grants.csv.applicant',
  purpose: 'grants.csv.purpose',
  activityDate: 'grants.csv.activity_date',
  status: 'grants.csv.status',
  requested: 'grants.csv.requested',
  granted: 'grants.csv.granted',
  decidedOn: 'grants.csv.decided_on',
  decidedBy: 'grants.csv.decided_by',
  paidOn: 'grants.csv.paid_on',
  paymentReference: 'grants.csv.payment_reference',
  actualCost: 'grants.csv.actual_cost',
} as const satisfies LabelTable<Column>;

/** Minor units as the bookkeeper's programs read an amount: kroner with two decimals and a point. */
const kroner = (minor: number | null) => (minor === null ? '' : (minor / 100).toFixed(2));

/**
 * The bookkeeper's file: one row per decided application with its grant and payout, headers in the
 * reader's language, `;`-separated with a BOM (as Excel in Danish and Swedish opens it), every cell
 * neutralised so a title starting with `=` is text, not a formula.
 */
export function grantsCsv(rows: readonly ExportRow[], t: Translate): string {
  const columns = Object.keys(csvHeader) as Column[];
  const cell = (r: ExportRow, c: Column): string => {
    switch (c) {
      case 'requested':
      case 'granted':
      case 'actualCost':
        return kroner(r[c]);
      case 'purpose':
        return t(purposeLabel[r.purpose]);
      case 'status':
        return t(applicationStatusLabel[r.status]);
      default:
        return neutraliseCell(String(r[c] ?? ''));
    }
  };
  return stringify(
    rows.map((r) => Object.fromEntries(columns.map((c) => [c, cell(r, c)]))),
    { delimiter: ';', bom: true, header: true, columns: columns.map((c) => ({ key: c, header: t(csvHeader[c]) })), record_delimiter: 'windows' },
  );
}
