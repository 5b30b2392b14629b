import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/i18n.js';
import { memberColumns, workplaceColumns, type ColumnSpec } from './columns.js';
import { readCsv, type CsvTable, type ImportProblem } from './csv.js';
import { readMemberRows } from './member-rows.js';
import { planMembers } from './member-plan.js';
import { applyMembers } from './member-apply.js';
import { applyWorkplaces, planWorkplaces } from './workplace-import.js';

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  problems: ImportProblem[];
}

/** Milliseconds spent reading the file, matching it with the register and writing it. */
export interface ImportTimings {
  read: number;
  plan: number;
  apply: number;
}

export type ImportOutcome =
  | { ok: true; dryRun: boolean; report: ImportReport; importId: string | null; timings: ImportTimings }
  | { ok: false; reason: 'invalid'; report: ImportReport; timings: ImportTimings };

export interface ImportInput {
  /** The file as uploaded: bytes (checked to be UTF-8) or text. */
  csv: Buffer | string;
  /** Only report what would happen; write nothing. */
  dryRun: boolean;
}

interface Plan<C> {
  created: number;
  updated: number;
  unchanged: number;
  changes: C[];
  problems: ImportProblem[];
}

interface Importer<K extends string, C> {
  columns: readonly ColumnSpec<K>[];
  lock: string;
  plan(tx: Db, actor: Actor, table: CsvTable<K>): Promise<Plan<C>>;
  apply(tx: Db, actor: Actor, importId: string, changes: C[], headerFields: string[]): Promise<void>;
}

/** A unique index said no: someone else wrote the same e-mail, number or P-number meanwhile. */
function isConflict(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  return code === '23505';
}

class Invalid extends Error {
  constructor(readonly report: ImportReport) {
    super('import has problems');
  }
}

/**
 * The one code path of every import (page, API, CLI, benchmark): read the file, match it with the
 * register, and — when nothing is wrong and it is not a dry run — write it all in one transaction.
 * Any problem in any row means nothing is written.
 */
async function runImport<K extends string, C>(db: Db, actor: Actor, input: ImportInput, importer: Importer<K, C>): Promise<ImportOutcome> {
  const timings: ImportTimings = { read: 0, plan: 0, apply: 0 };
  let clock = performance.now();
  const lap = (phase: keyof ImportTimings) => {
    const now = performance.now();
    timings[phase] = now - clock;
    clock = now;
  };
  const read = readCsv(input.csv, importer.columns);
  lap('read');
  if (!read.ok) return { ok: false, reason: 'invalid', report: { created: 0, updated: 0, unchanged: 0, problems: [read.problem] }, timings };
  // Field names, not the file's headers: the audit trail labels them like every other change.
  const headerFields = [...new Set(importer.columns.filter((c) => read.table.columns.has(c.key)).map((c) => c.field))];
  try {
    return await db.transaction(async (tx) => {
      // Two imports at once would each see the other's new people as absent; take turns instead.
      if (!input.dryRun) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${importer.lock}))`);
      const plan = await importer.plan(tx, actor, read.table);
      lap('plan');
      const report: ImportReport = { created: plan.created, updated: plan.updated, unchanged: plan.unchanged, problems: sortProblems(plan.problems) };
      if (report.problems.length > 0) throw new Invalid(report);
      if (input.dryRun) return { ok: true as const, dryRun: true, report, importId: null, timings };
      const importId = randomUUID();
      await importer.apply(tx, actor, importId, plan.changes, headerFields);
      lap('apply');
      return { ok: true as const, dryRun: false, report, importId, timings };
    });
  } catch (err) {
    // Thrown to roll back (there is nothing to roll back in a dry run, but one path is simpler).
    if (err instanceof Invalid) return { ok: false, reason: 'invalid', report: err.report, timings };
    if (isConflict(err)) return { ok: false, reason: 'invalid', report: { created: 0, updated: 0, unchanged: 0, problems: [{ row: null, column: null, code: 'import.conflict' }] }, timings };
    throw err;
  }
}

function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return problems.map((p, i) => ({ p, i })).sort((a, b) => (a.p.row ?? 0) - (b.p.row ?? 0) || a.i - b.i).map(({ p }) => p);
}

const members: Importer<(typeof memberColumns)[number]['key'], Awaited<ReturnType<typeof planMembers>>['changes'][number]> = {
  columns: memberColumns,
  lock: 'forening.member_import',
  async plan(tx, actor, table) {
    const { rows, problems } = readMemberRows(table);
    const plan = await planMembers(tx, actor, table, rows);
    return { ...plan, problems: [...problems, ...plan.problems] };
  },
  apply: applyMembers,
};

const workplaceImporter: Importer<(typeof workplaceColumns)[number]['key'], Awaited<ReturnType<typeof planWorkplaces>>['changes'][number]> = {
  columns: workplaceColumns,
  lock: 'forening.workplace_import',
  plan: planWorkplaces,
  apply: applyWorkplaces,
};

/** Members (persons, memberships, employments) from a CSV file; see the README for its columns. */
export function importMembers(db: Db, actor: Actor, input: ImportInput): Promise<ImportOutcome> {
  return runImport(db, actor, input, members);
}

/** Workplaces from a CSV file; see the README for its columns. */
export function importWorkplaces(db: Db, actor: Actor, input: ImportInput): Promise<ImportOutcome> {
  return runImport(db, actor, input, workplaceImporter);
}

export interface ImportError {
  row: number | null;
  column: string | null;
  code: string;
  message: string;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
}

/** At most this many errors are spelled out; a file with more gets one last line saying how many more. */
export const MAX_LISTED_ERRORS = 1000;

/** The report in the reader's language: what the page, the API and the CLI show. */
export function describeReport(report: ImportReport, t: Translate): ImportResult {
  const listed = report.problems.slice(0, MAX_LISTED_ERRORS);
  const errors: ImportError[] = listed.map((p) => ({
    row: p.row,
    column: p.column,
    code: p.code,
    message: t(p.code, { ...p.params, column: p.column ?? '', row: p.row ?? '' }),
  }));
  const rest = report.problems.length - listed.length;
  if (rest > 0) errors.push({ row: null, column: null, code: 'import.more_errors', message: t('import.more_errors', { count: rest }) });
  return { created: report.created, updated: report.updated, unchanged: report.unchanged, errors };
}
