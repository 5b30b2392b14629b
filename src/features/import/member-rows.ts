import * as cell from './cells.js';
import { Invalid, type Cell } from './cells.js';
import { memberColumns, type MemberColumn } from './columns.js';
import { cellAt, columnIndex, rowProblems, type CsvTable, type ImportProblem } from './csv.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { personFieldMax, postalCodeFitsCountry } from '../../kernel/person-fields.js';

/** The statuses an import may set ("rejected" belongs to the application queue, not to a register). */
export const importStatuses = ['applicant', 'active', 'resigned', 'expelled', 'deceased'] as const;
export type ImportStatus = (typeof importStatuses)[number];

const statusWords: Record<string, ImportStatus> = {
  applicant: 'applicant',
  ansøger: 'applicant',
  sökande: 'applicant',
  active: 'active',
  aktiv: 'active',
  resigned: 'resigned',
  udmeldt: 'resigned',
  utträdd: 'resigned',
  expelled: 'expelled',
  ekskluderet: 'expelled',
  utesluten: 'expelled',
  deceased: 'deceased',
  afdød: 'deceased',
  død: 'deceased',
  avliden: 'deceased',
};

const languageWords: Record<string, Locale> = {
  da: 'da',
  dansk: 'da',
  danish: 'da',
  sv: 'sv',
  svenska: 'sv',
  svensk: 'sv',
  swedish: 'sv',
  en: 'en',
  english: 'en',
  engelsk: 'en',
  engelska: 'en',
};

/** One row of the members file with every cell read; null means the cell was blank (or could not be read). */
export interface MemberRow {
  row: number;
  memberNumber: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  dateOfBirth: string | null;
  preferredLocale: Locale | null;
  membershipType: string | null;
  unit: string | null;
  status: ImportStatus | null;
  joinedOn: string | null;
  workplacePNumber: string | null;
  workplace: string | null;
  jobTitle: string | null;
  leader: boolean | null;
  /** Columns whose cell could not be read; null when all could. */
  bad: Set<MemberColumn> | null;
  /** Some problem was found already: the row is checked further but not imported. */
  invalid: boolean;
}

const memberColumnKeys = memberColumns.map((c) => c.key);
// The person's fields have the limits of the member forms (the kernel's `personFieldMax`).
const firstName = (v: string) => cell.requiredText(v, personFieldMax.firstName);
const lastName = (v: string) => cell.requiredText(v, personFieldMax.lastName);
const text = (max: number) => (v: string) => cell.text(v, max);
const [addressLine, city] = [text(personFieldMax.addressLine), text(personFieldMax.city)];
const [text100, text200] = [text(100), text(200)];
const language = (v: string) => cell.choice(v, languageWords, 'import.unknown_language');
const status = (v: string) => cell.choice(v, statusWords, 'import.unknown_status');

/**
 * Reads the cells of every row on its own (formats, lengths, known words) and finds rows that
 * repeat an e-mail or member number; what needs the register (units, types, people, workplaces)
 * comes after. Rows with a bad cell stay in `rows`, marked, so that the register's checks can still
 * report the rest of their problems in the same round.
 */
export function readMemberRows(table: CsvTable<MemberColumn>): { rows: MemberRow[]; problems: ImportProblem[] } {
  const rows: MemberRow[] = [];
  const problems: ImportProblem[] = [];
  const name = (key: MemberColumn) => table.columns.get(key)?.name ?? key;
  const at = columnIndex(table, memberColumnKeys);
  // The first row with each e-mail and member number; later rows with the same are duplicates.
  const firstWithEmail = new Map<string, number>();
  const firstWithNumber = new Map<string, number>();
  let current = 0;
  let bad: Set<MemberColumn> | null = null;
  /** The cell of a column read by its reader; a problem is noted and the field left blank. */
  const read = <T,>(reader: (value: string) => Cell<T>, cells: string[], key: MemberColumn): T | null => {
    const value = reader(cellAt(cells, at[key]));
    if (!(value instanceof Invalid)) return value;
    (bad ??= new Set()).add(key);
    problems.push({ row: current, column: name(key), code: value.code, ...(value.params ? { params: value.params } : {}) });
    return null;
  };
  const duplicate = (row: number, key: 'email' | 'member_number', value: string, seen: Map<string, number>) => {
    if (value === '') return;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, row);
    else problems.push({ row, column: name(key), code: 'import.duplicate_in_file', params: { first } });
  };

  for (const raw of table.rows) {
    const unusable = rowProblems(table, raw);
    if (unusable) {
      problems.push(...unusable);
      continue;
    }
    const before = problems.length;
    current = raw.row;
    bad = null;
    const c = raw.cells;
    // Written out rather than looped over a table: one object shape, no closure per row or cell.
    const row: MemberRow = {
      row: raw.row,
      memberNumber: read(cell.memberNumber, c, 'member_number'),
      firstName: read(firstName, c, 'first_name') as string,
      lastName: read(lastName, c, 'last_name') as string,
      email: read(cell.email, c, 'email'),
      phone: read(cell.phone, c, 'phone'),
      addressLine: read(addressLine, c, 'address'),
      postalCode: read(cell.postalCode, c, 'postal_code'),
      city: read(city, c, 'city'),
      country: read(cell.country, c, 'country'),
      dateOfBirth: read(cell.dateOfBirth, c, 'date_of_birth'),
      preferredLocale: read(language, c, 'preferred_language'),
      membershipType: read(text100, c, 'membership_type'),
      unit: read(text200, c, 'unit'),
      status: read(status, c, 'status'),
      joinedOn: read(cell.date, c, 'joined_on'),
      workplacePNumber: read(cell.pNumber, c, 'workplace_p_number'),
      workplace: read(text200, c, 'workplace'),
      jobTitle: read(text200, c, 'job_title'),
      leader: read(cell.yesNo, c, 'leader'),
      bad: null,
      invalid: false,
    };
    // The postal code must fit the country, as on the member form (no country: Denmark, the default).
    if (row.postalCode !== null && !(bad as Set<MemberColumn> | null)?.has('country') && !postalCodeFitsCountry(row.postalCode, row.country ?? 'DK')) {
      (bad ??= new Set()).add('postal_code');
      problems.push({ row: raw.row, column: name('postal_code'), code: 'import.postal_code_for_country', params: { country: row.country ?? 'DK' } });
    }
    row.bad = bad;
    const emailCell = cellAt(raw.cells, at.email);
    const numberCell = cellAt(raw.cells, at.member_number);
    // Without a member number or an e-mail a row can never be found again: importing the file twice
    // would make every such person twice.
    if (emailCell === '' && numberCell === '') {
      problems.push({ row: raw.row, column: at.email >= 0 ? name('email') : at.member_number >= 0 ? name('member_number') : null, code: 'import.identity_required' });
    }
    duplicate(raw.row, 'email', emailCell.toLowerCase(), firstWithEmail);
    duplicate(raw.row, 'member_number', numberCell, firstWithNumber);
    if ((row.jobTitle !== null || row.leader !== null) && cellAt(raw.cells, at.workplace_p_number) === '' && cellAt(raw.cells, at.workplace) === '') {
      problems.push({ row: raw.row, column: name(row.jobTitle !== null ? 'job_title' : 'leader'), code: 'import.workplace_required' });
    }
    row.invalid = problems.length > before;
    rows.push(row);
  }
  return { rows, problems };
}
