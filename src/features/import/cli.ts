import { readFile, stat } from 'node:fs/promises';
import { system } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import { UsageError, type CliArgs, type CliOptions } from '../../platform/cli.js';
import { isLocale, translator, type Locale } from '../../platform/i18n/i18n.js';
import { MAX_IMPORT_BYTES } from './csv.js';
import { describeReport, importMembers, importWorkplaces } from './import.js';

/** `forening import`'s arguments, declared once for the parser, the usage line and `--help`. */
export const importPositionals = 'members|workplaces FILE.csv';
export const importOptions = {
  'dry-run': { type: 'boolean', default: false, description: 'check the file and report, saving nothing' },
  lang: { type: 'string', value: 'da|sv|en', description: "the report's language (default: from LANG, else Danish)" },
} as const satisfies CliOptions;
export type ImportArgs = CliArgs<typeof importOptions>;

/** What to import and from where, checked before the database is opened: a typo costs no start-up. */
export function checkImportArgs({ positionals }: ImportArgs): void {
  const [kind, file, ...extra] = positionals;
  if (kind !== 'members' && kind !== 'workplaces') throw new UsageError(kind === undefined ? 'say what to import: members or workplaces' : `cannot import "${kind}": members or workplaces`);
  if (!file) throw new UsageError('the CSV file is missing');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
}

/** The operator's language: --lang, else the shell's LANG when it is one of ours, else Danish. */
function cliLocale(flag: string | undefined): Locale {
  if (isLocale(flag)) return flag;
  const fromEnv = (process.env.LANG ?? '').slice(0, 2).toLowerCase();
  return isLocale(fromEnv) ? fromEnv : 'da';
}

/**
 * `forening import members FILE.csv [--dry-run]`: the same code path as the page and the API, run as
 * the system. Prints the counts and every error; returns the exit code (1 on any error).
 */
export async function runImportCommand(parsed: ImportArgs, say: (line?: string) => void, withDatabase: <T>(fn: (database: Database) => Promise<T>) => Promise<T>): Promise<number> {
  checkImportArgs(parsed);
  const [kind, file] = parsed.positionals;
  const t = translator(cliLocale(parsed.values.lang));
  const dryRun = parsed.values['dry-run'] ?? false;
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    say(`Cannot read ${file}.`);
    return 1;
  }
  // Refused before reading: the same limit as the page and the API.
  if (size > MAX_IMPORT_BYTES) {
    say(t('import.too_large', { max: MAX_IMPORT_BYTES / 1024 / 1024 }));
    return 1;
  }
  const csv = await readFile(file);
  const run = kind === 'members' ? importMembers : importWorkplaces;
  // The database is opened only for a command that makes sense: a typo costs no start-up.
  const outcome = await withDatabase((database) => run(database.db, system, { csv, dryRun }));
  const result = describeReport(outcome.report, t);
  const width = Math.max(...[t('import.created'), t('import.updated'), t('import.unchanged'), t('import.error_count')].map((s) => s.length)) + 1;
  const line = (label: string, n: number) => say(`  ${`${label}:`.padEnd(width + 1)} ${n}`);
  say(`${kind} ← ${file}${dryRun ? ' (dry run)' : ''}`);
  line(t('import.created'), result.created);
  line(t('import.updated'), result.updated);
  line(t('import.unchanged'), result.unchanged);
  line(t('import.error_count'), outcome.report.problems.length);
  for (const e of result.errors) {
    const where = [e.row === null ? t('import.whole_file') : `${t('import.col_row')} ${e.row}`, e.column === null ? null : `${t('import.col_column')} "${e.column}"`].filter(Boolean).join(', ');
    say(`  ${where}: ${e.message}`);
  }
  if (!outcome.ok) {
    say(t('import.cli_nothing_saved'));
    return 1;
  }
  say(dryRun ? t('import.cli_ready') : t('import.applied', { created: result.created, updated: result.updated, unchanged: result.unchanged }));
  return 0;
}
