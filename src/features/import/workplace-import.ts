import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { findWorkplacesByKey, writeStagedWorkplaces, type WorkplaceRecord } from '../workplaces/index.js';
import { type EmployerKind } from '../../kernel/tables.js';
import { findMemberCompaniesByKey } from '../member-companies/index.js';
import * as cell from './cells.js';
import { Invalid, type Cell } from './cells.js';
import type { WorkplaceColumn } from './columns.js';
import { cellAt, rowProblems, type CsvTable, type ImportProblem } from './csv.js';
import { can } from './policy.js';
import { loadUnits } from './reference.js';
import { auditImport, stage, type StagedColumn } from './staging.js';

const employerWords: Record<string, EmployerKind> = {
  municipality: 'municipality',
  kommune: 'municipality',
  kommun: 'municipality',
  region: 'region',
  state: 'state',
  stat: 'state',
  staten: 'state',
  private: 'private',
  privat: 'private',
  member_company: 'member_company',
  'member company': 'member_company',
  medlemsvirksomhed: 'member_company',
  medlemsföretag: 'member_company',
};

interface WorkplaceRow {
  row: number;
  name: string;
  employerKind: EmployerKind;
  employerName: string | null;
  pNumber: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  unit: string;
}

export interface WorkplaceChange {
  row: number;
  id: string;
  isNew: boolean;
  name: string;
  employerKind: EmployerKind;
  employerName: string | null;
  memberCompanyId: string | null;
  pNumber: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  unitId: string;
  fields: string[];
}

export interface WorkplacePlan {
  created: number;
  updated: number;
  unchanged: number;
  changes: WorkplaceChange[];
  problems: ImportProblem[];
}

function readRows(table: CsvTable<WorkplaceColumn>): { rows: WorkplaceRow[]; problems: ImportProblem[] } {
  const rows: WorkplaceRow[] = [];
  const problems: ImportProblem[] = [];
  const columnName = (key: WorkplaceColumn) => table.columns.get(key)?.name ?? key;
  const firstWithP = new Map<string, number>();
  const firstWithName = new Map<string, number>();
  for (const raw of table.rows) {
    const unusable = rowProblems(table, raw);
    if (unusable) {
      problems.push(...unusable);
      continue;
    }
    const before = problems.length;
    const take = <T,>(key: WorkplaceColumn, read: (value: string) => Cell<T>): T => {
      const result = read(cellAt(raw.cells, table.columns.get(key)?.index ?? -1));
      if (!(result instanceof Invalid)) return result;
      problems.push({ row: raw.row, column: columnName(key), code: result.code, ...(result.params ? { params: result.params } : {}) });
      return null as T;
    };
    const row: WorkplaceRow = {
      row: raw.row,
      name: take('name', (v) => cell.requiredText(v, 200)),
      employerKind: take('employer_kind', (v) => (v === '' ? new Invalid('import.required') : cell.choice(v, employerWords, 'import.unknown_employer_kind'))) as EmployerKind,
      employerName: take('employer_name', (v) => cell.text(v, 200)),
      pNumber: take('p_number', cell.pNumber),
      addressLine: take('address', (v) => cell.text(v, 300)),
      postalCode: take('postal_code', (v) => cell.text(v, 20)),
      city: take('city', (v) => cell.text(v, 100)),
      unit: take('unit', (v) => cell.requiredText(v, 200)),
    };
    // The same workplace twice in one file: by P-number, or by name within a unit.
    const duplicate = (key: WorkplaceColumn, value: string, seen: Map<string, number>) => {
      const first = seen.get(value);
      if (first === undefined) seen.set(value, raw.row);
      else problems.push({ row: raw.row, column: columnName(key), code: 'import.duplicate_in_file', params: { first } });
    };
    if (row.pNumber) duplicate('p_number', row.pNumber, firstWithP);
    else if (row.name && row.unit) duplicate('name', `${row.name.toLowerCase()}\n${row.unit.toLowerCase()}`, firstWithName);
    if (problems.length === before) rows.push(row);
  }
  return { rows, problems };
}

type ExistingWorkplace = WorkplaceRecord;

/**
 * Matches each row with a workplace by P-number, else by name in the same unit, and works out what
 * it would change; a blank cell leaves the value as it is.
 */
export async function planWorkplaces(db: Db, actor: Actor, table: CsvTable<WorkplaceColumn>): Promise<WorkplacePlan> {
  const { rows, problems } = readRows(table);
  const plan: WorkplacePlan = { created: 0, updated: 0, unchanged: 0, changes: [], problems };
  const columnName = (key: WorkplaceColumn) => table.columns.get(key)?.name ?? key;
  const units = await loadUnits(db);
  const existing: ExistingWorkplace[] = await findWorkplacesByKey(db, rows.flatMap((r) => (r.pNumber ? [r.pNumber] : [])), rows.map((r) => r.name));
  const companies = await findMemberCompaniesByKey(db, rows.filter((r) => r.employerKind === 'member_company' && r.employerName).map((r) => r.employerName!.toLowerCase()));
  const byP = new Map(existing.filter((w) => w.p_number).map((w) => [w.p_number!, w]));

  for (const r of rows) {
    const rowProblems: ImportProblem[] = [];
    const problem = (key: WorkplaceColumn, code: string, params?: Record<string, string | number>) =>
      rowProblems.push({ row: r.row, column: columnName(key), code, ...(params ? { params } : {}) });
    const unit = units.find(r.unit);
    if (unit instanceof Invalid) problem('unit', unit.code, unit.params);
    else if (!can(actor, 'import.into_unit', { unitId: unit.id })) problem('unit', 'import.unit_out_of_scope', { value: r.unit.slice(0, 60) });
    const unitId = unit instanceof Invalid ? null : unit.id;

    let target = r.pNumber ? byP.get(r.pNumber) : undefined;
    if (!target && unitId) {
      const named = existing.filter((w) => w.unit_id === unitId && w.name.toLowerCase() === r.name.toLowerCase());
      if (named.length > 1) problem('name', 'import.ambiguous_workplace', { value: r.name.slice(0, 60) });
      else target = named[0];
    }
    if (target && !can(actor, 'import.into_unit', { unitId: target.unit_id })) problem(r.pNumber ? 'p_number' : 'name', 'import.workplace_out_of_scope', { value: (r.pNumber ?? r.name).slice(0, 60) });

    let memberCompanyId: string | null = null;
    if (r.employerKind === 'member_company') {
      const word = (r.employerName ?? '').toLowerCase();
      const company = companies.find((c) => c.name.toLowerCase() === word || c.cvr === word || c.org_number === word);
      if (company) memberCompanyId = company.id;
      else if (!r.employerName) problem('employer_name', 'import.required');
      else problem('employer_name', 'import.unknown_member_company', { value: r.employerName.slice(0, 60) });
    }
    if (rowProblems.length > 0 || !unitId) {
      plan.problems.push(...rowProblems);
      continue;
    }

    const fields: string[] = [];
    const pick = <T,>(field: string, given: T | null, had: T | null): T | null => {
      if (given === null) return had;
      if (target && given !== had) fields.push(field);
      return given;
    };
    const change: WorkplaceChange = {
      row: r.row,
      id: target?.id ?? randomUUID(),
      isNew: !target,
      name: pick('name', r.name, target?.name ?? null)!,
      employerKind: pick('employerKind', r.employerKind, target?.employer_kind ?? null)!,
      employerName: pick('employerName', r.employerName, target?.employer_name ?? null),
      memberCompanyId: pick('memberCompanyId', memberCompanyId, r.employerKind === 'member_company' ? (target?.member_company_id ?? null) : null),
      pNumber: pick('pNumber', r.pNumber, target?.p_number ?? null),
      addressLine: pick('addressLine', r.addressLine, target?.address_line ?? null),
      postalCode: pick('postalCode', r.postalCode, target?.postal_code ?? null),
      city: pick('city', r.city, target?.city ?? null),
      unitId: pick('unitId', unitId, target?.unit_id ?? null)!,
      fields,
    };
    // Leaving the member company kind leaves the company behind, as the table's check requires.
    if (target && change.employerKind !== 'member_company' && target.member_company_id !== null) {
      change.memberCompanyId = null;
      if (!fields.includes('memberCompanyId')) fields.push('memberCompanyId');
    }
    if (change.isNew) plan.created++;
    else if (fields.length > 0) plan.updated++;
    else {
      plan.unchanged++;
      continue;
    }
    plan.changes.push(change);
  }
  return plan;
}

const columns: StagedColumn<WorkplaceChange>[] = [
  { name: 'id', type: 'uuid', value: (c) => c.id },
  { name: 'is_new', type: 'boolean', value: (c) => c.isNew },
  { name: 'name', type: 'text', value: (c) => c.name },
  { name: 'employer_kind', type: 'text', value: (c) => c.employerKind },
  { name: 'employer_name', type: 'text', value: (c) => c.employerName },
  { name: 'member_company_id', type: 'uuid', value: (c) => c.memberCompanyId },
  { name: 'p_number', type: 'text', value: (c) => c.pNumber },
  { name: 'address_line', type: 'text', value: (c) => c.addressLine },
  { name: 'postal_code', type: 'text', value: (c) => c.postalCode },
  { name: 'city', type: 'text', value: (c) => c.city },
  { name: 'unit_id', type: 'uuid', value: (c) => c.unitId },
  { name: 'audit_action', type: 'text', value: (c) => (c.isNew ? 'create' : 'update') },
  { name: 'audit_fields', type: 'text', value: (c) => (c.isNew ? null : c.fields.join(',')) },
];

/** Writes a planned workplaces import: staged rows, one INSERT … SELECT, one UPDATE … FROM, the audit trail. */
export async function applyWorkplaces(tx: Db, actor: Actor, importId: string, changes: WorkplaceChange[], headerFields: string[]): Promise<void> {
  if (changes.length > 0) {
    await stage(tx, 'import_workplace_rows', columns, changes, changes.some((c) => !c.isNew));
    await writeStagedWorkplaces(tx, 'import_workplace_rows');
  }
  await auditImport(tx, actor, {
    importEntity: 'workplace_import',
    importId,
    importFields: headerFields,
    table: changes.length > 0 ? 'import_workplace_rows' : null,
    entityType: 'workplace',
    idColumn: 'id',
  });
}
